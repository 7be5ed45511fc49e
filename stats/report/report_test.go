package report_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/stats/report"
	"github.com/borderlink/borderlink/units"
)

func tree(t *testing.T) *units.Tree {
	t.Helper()
	d, err := units.BuiltIn(false)
	if err != nil {
		t.Fatal(err)
	}
	return units.NewTree(d)
}

func drugTypes(t *testing.T) *refdata.Drugs {
	t.Helper()
	d, err := refdata.DrugTypes()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// conference is the report of the figures a bilateral conference quoted:
// 4,336 cases, 5,553 people arrested, 326.32 kg of heroin, 7,759,847 pills
// weighing 926.58 kg and 96.28 kg of opium.
func conference() stats.Report {
	fig := func(key string, t stats.Totals) stats.Figures {
		return stats.Figures{Key: key, Current: stats.Row{Facts: 1, Totals: t}}
	}
	total := stats.Totals{Cases: 4336, Arrests: 5553, Milligrams: 326_320_000 + 926_580_000 + 96_280_000, Pieces: 7_759_847}
	drugs := []stats.Figures{
		fig("METH_TABLET", stats.Totals{Milligrams: 926_580_000, Pieces: 7_759_847}),
		fig("HEROIN", stats.Totals{Milligrams: 326_320_000}),
		fig("OPIUM", stats.Totals{Milligrams: 96_280_000}),
	}
	rep := stats.Report{Summary: stats.Summary{
		Filter: stats.Filter{From: borderlink.MustParseDate("2024-01-01"), To: borderlink.MustParseDate("2024-12-31"),
			Provinces: []string{"VN-11", "VN-14", "LA-02"}},
		PreviousFrom: borderlink.MustParseDate("2023-01-01"), PreviousTo: borderlink.MustParseDate("2023-12-31"),
		Total:  stats.Figures{Key: "total", Current: stats.Row{Facts: 10, Totals: total}, Previous: stats.Row{Facts: 9, Totals: stats.Totals{Cases: 4000, Arrests: 5553, Milligrams: 2_000_000_000}}},
		ByDrug: drugs,
	}}
	rep.Countries = []stats.CountryFigures{{Country: "VN", Total: rep.Total, ByDrug: drugs,
		ByProvince: []stats.Figures{fig("VN-11", total)}}, {Country: "LA", Released: true, Total: rep.Total}}
	return rep
}

func TestSummaryParagraphInEachLanguage(t *testing.T) {
	cat := i18n.MustLoad()
	tr := tree(t)
	at := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	for lang, want := range map[borderlink.Lang][]string{
		borderlink.LangVI: {
			"Từ ngày 01/01/2024 đến ngày 31/12/2024, lực lượng chức năng của 3 tỉnh Điện Biên, Sơn La và Phông-xa-lỳ đã phát hiện, xử lý 4.336 vụ, bắt giữ 5.553 đối tượng phạm tội về ma túy; thu giữ 7.759.847 viên ma túy tổng hợp (926,58 kg), 326,32 kg heroin và 96,28 kg thuốc phiện.",
			"So với kỳ trước (01/01/2023 – 31/12/2023), số vụ tăng 8,4 %, số đối tượng không thay đổi, khối lượng ma túy thu giữ giảm 32,5 %.",
		},
		borderlink.LangEN: {
			"From 1 Jan 2024 to 31 Dec 2024, the forces of the 3 provinces of Dien Bien, Son La and Phongsaly detected and handled 4,336 drug cases and arrested 5,553 people; they seized 7,759,847 pills of methamphetamine weighing 926.58 kg, 326.32 kg of heroin and 96.28 kg of opium.",
			"cases rose by 8.4 %, arrests did not change and the weight of drugs seized fell by 32.5 %.",
		},
		borderlink.LangLO: {"4.336 ຄະດີ", "5.553 ຄົນ", "ຢາບ້າ 7.759.847 ເມັດ (926,58 ກິໂລ)", "ເຮໂຣອີນ 326,32 ກິໂລ", "ແລະ ຝິ່ນ 96,28 ກິໂລ"},
	} {
		d := report.Render(conference(), cat.Printer(lang), tr, drugTypes(t), "vn.mps", at)
		text := d.Summary + " " + d.Comparison
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s report:\n%s\nlacks\n%s", lang, text, w)
			}
		}
		if len(d.Notes) != 1 || d.Tables[0].ID != "countries" || len(d.Tables[0].Rows) != 3 {
			t.Errorf("%s: notes %v, tables %+v", lang, d.Notes, d.Tables)
		}
	}
}

func TestEveryDrugHasReportWords(t *testing.T) {
	cat := i18n.MustLoad()
	drugs, err := refdata.DrugTypes()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drugs.Types {
		for _, l := range borderlink.Langs {
			p := cat.Printer(l)
			if k := "report.drug." + strings.ToLower(d.Code); !p.Has(k) {
				t.Errorf("no catalogue words %s for drug %s", k, d.Code)
			}
		}
	}
}

func TestCSVHasEveryTableWithPlainNumbers(t *testing.T) {
	d := report.Render(conference(), i18n.MustLoad().Printer(borderlink.LangVI), tree(t), drugTypes(t), "vn.mps", time.Now())
	var b bytes.Buffer
	if err := report.WriteCSV(&b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\ufeff")) {
		t.Error("no byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range recs {
		if r[0] == "Theo loại ma túy" && r[2] == "Heroin" && r[4] == "326.32" {
			found = true
		}
	}
	if !found {
		t.Errorf("no heroin row with 326.32 kg in\n%s", b.String())
	}
}

func TestXLSXHasASheetPerTable(t *testing.T) {
	d := report.Render(conference(), i18n.MustLoad().Printer(borderlink.LangLO), tree(t), drugTypes(t), "vn.mps", time.Now())
	var b bytes.Buffer
	if err := report.WriteXLSX(&b, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1+len(d.Tables) {
		t.Fatalf("sheets %v for %d tables", sheets, len(d.Tables))
	}
	summary, _ := f.GetCellValue(sheets[0], "A4")
	if summary != d.Summary {
		t.Errorf("first sheet A4 = %q, want the paragraph", summary)
	}
	for i, tb := range d.Tables {
		head, _ := f.GetCellValue(sheets[i+1], "A1")
		if head != tb.Head[0] {
			t.Errorf("sheet %s starts with %q, want %q", sheets[i+1], head, tb.Head[0])
		}
	}
	// Figures are numbers, not text: the heroin weight reads back as 326.32.
	drugs := sheets[1+slicesIndex(d.Tables, "drugs")]
	rows, _ := f.GetRows(drugs, excelize.Options{RawCellValue: true})
	found := false
	for _, r := range rows {
		if len(r) > 3 && r[1] == "ເຮໂຣອີນ" && r[3] == "326.32" {
			found = true
		}
	}
	if !found {
		t.Errorf("no heroin row with the raw number 326.32 in %v", rows)
	}
	typ, _ := f.GetCellType(drugs, "D2")
	if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("D2 has type %v, want a number", typ)
	}
}

func slicesIndex(ts []report.Table, id string) int {
	for i, t := range ts {
		if t.ID == id {
			return i
		}
	}
	return -1
}

package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/stats"
)

var englishHeader = []string{"Date", "Province", "Agency", "Drug", "Cases", "Arrests",
	"Quantity", "Unit of measure", "Pills", "Weight (kg)", "Reference", "Notes"}

// goodRows are rows of a provincial report as clerks type them.
var goodRows = [][]string{
	{"2024-03-15", "VN-40", "police", "HEROIN", "2", "3", "1,5", "kg", "", "", "A-1", "đã khởi tố"},
	{"15/03/2024", "Nghệ An", "biên phòng", "Ma túy tổng hợp dạng viên", "1", "1", "7.759.847", "viên", "", "0,85", "", ""},
	{"03/2024", "la-ph", "Customs", "ຢາບ້າ", "", "", "", "", "20 000", "", "", ""},
	{"2024-06", "ຫົວພັນ", "ກຳລັງອື່ນ", "hồng phiến", "", "", "2", "kg", "", "", "", ""},
	{"31/1/2024", "Quảng Bình", "", "", "4", "5", "", "", "", "", "", ""},
	{"2026-11-20", "Tỉnh Quảng Trị", "BĐBP", "đá", "1", "2", "326,32", "g", "", "", "", ""},
}

// wantGood are the facts of goodRows, IDs aside.
var wantGood = []stats.Fact{
	{Day: borderlink.NewDate(2024, 3, 15), Place: "VN-40", Country: "VN", Province: "VN-40", OldProvince: "VN-40",
		Agency: stats.AgencyPolice, Drug: "HEROIN", Totals: stats.Totals{Cases: 2, Arrests: 3, Milligrams: 1_500_000}},
	{Day: borderlink.NewDate(2024, 3, 15), Place: "VN-40", Country: "VN", Province: "VN-40", OldProvince: "VN-40",
		Agency: stats.AgencyBorderGuard, Drug: "METH_TABLET", Totals: stats.Totals{Cases: 1, Arrests: 1, Pieces: 7_759_847, Milligrams: 850_000}},
	{Day: borderlink.NewDate(2024, 3, 31), Place: "LA-02", Country: "LA", Province: "LA-02", OldProvince: "LA-02",
		Agency: stats.AgencyCustoms, Drug: "METH_TABLET", Totals: stats.Totals{Pieces: 20_000}},
	{Day: borderlink.NewDate(2024, 6, 30), Place: "LA-07", Country: "LA", Province: "LA-07", OldProvince: "LA-07",
		Agency: stats.AgencyOther, Drug: "METH_TABLET", Totals: stats.Totals{Milligrams: 2_000_000}},
	{Day: borderlink.NewDate(2024, 1, 31), Place: "VN-44-2004", Country: "VN", Province: "VN-44", OldProvince: "VN-44-2004",
		Agency: stats.AgencyPolice, Totals: stats.Totals{Cases: 4, Arrests: 5}},
	{Day: borderlink.NewDate(2026, 11, 20), Place: "VN-44", Country: "VN", Province: "VN-44",
		Agency: stats.AgencyBorderGuard, Drug: "METH_CRYSTAL", Totals: stats.Totals{Cases: 1, Arrests: 2, Milligrams: 326_320}},
}

// wantID computes an ID as the brief defines it, independently of factID.
func wantID(origin, day, place, agency, drug, ref string) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{origin, day, place, agency, drug, strings.ToLower(strings.TrimSpace(ref))}, "\x1f")))
	return "imp:" + hex.EncodeToString(sum[:])[:24]
}

func checkGood(t *testing.T, res Result) {
	t.Helper()
	if res.Bad != 0 {
		t.Fatalf("Bad = %d: %v", res.Bad, problems(res))
	}
	if len(res.Rows) != len(wantGood) {
		t.Fatalf("%d rows, want %d", len(res.Rows), len(wantGood))
	}
	for i, row := range res.Rows {
		got, want := row.Fact, wantGood[i]
		want.Origin, want.Source, want.Batch = "vn.mps", stats.SourceImport, "batch-1"
		ref := ""
		if i == 0 {
			ref = "a-1"
		}
		want.ID = wantID("vn.mps", want.Day.String(), want.Place, string(want.Agency), want.Drug, ref)
		if got != want {
			t.Errorf("row %d (line %d):\n got %+v\nwant %+v", i, row.Line, got, want)
		}
		if row.Line != i+2 {
			t.Errorf("row %d: line %d, want %d", i, row.Line, i+2)
		}
	}
	if len(res.Facts()) != len(wantGood) {
		t.Errorf("Facts() gave %d facts", len(res.Facts()))
	}
}

func TestGoodCSV(t *testing.T) {
	data := csvOf(",", append([][]string{englishHeader}, goodRows...)...)
	res := mustParse(t, "good.csv", data, options())
	checkGood(t, res)
	if res.Format != "csv" || res.Encoding != "unicode" {
		t.Errorf("format %q, encoding %q", res.Format, res.Encoding)
	}
	want := Mapping{FieldDate: 0, FieldPlace: 1, FieldAgency: 2, FieldDrug: 3, FieldCases: 4, FieldArrests: 5,
		FieldQuantity: 6, FieldUnit: 7, FieldPieces: 8, FieldWeightKG: 9, FieldReference: 10}
	if len(res.Mapping) != len(want) {
		t.Errorf("mapping %v", res.Mapping)
	}
	for f, i := range want {
		if res.Mapping[f] != i {
			t.Errorf("mapping[%s] = %d, want %d", f, res.Mapping[f], i)
		}
	}
	if res.Header[11] != "Notes" {
		t.Errorf("header %q", res.Header)
	}
	// The same file again gives the same facts with the same IDs.
	again := mustParse(t, "good.csv", data, options())
	for i := range res.Rows {
		if res.Rows[i].Fact.ID != again.Rows[i].Fact.ID {
			t.Errorf("row %d: ID %s, then %s", i, res.Rows[i].Fact.ID, again.Rows[i].Fact.ID)
		}
	}
}

// TestIDsStable: a corrected file, a file with rows in another order or in
// another format gives each fact the ID it had; another origin does not.
func TestIDsStable(t *testing.T) {
	first := mustParse(t, "a.csv", csvOf(",", append([][]string{englishHeader}, goodRows...)...), options())
	reordered := [][]string{englishHeader}
	for i := len(goodRows) - 1; i >= 0; i-- {
		r := append([]string(nil), goodRows[i]...)
		r[4] = "9" // a corrected figure does not change the ID
		reordered = append(reordered, r)
	}
	second := mustParse(t, "b.csv", csvOf(";", reordered...), options())
	n := len(goodRows)
	for i := range n {
		if a, b := first.Rows[i].Fact.ID, second.Rows[n-1-i].Fact.ID; a != b {
			t.Errorf("row %d: %s, then %s", i, a, b)
		}
	}
	o := options()
	o.Origin = "la.mps"
	other := mustParse(t, "a.csv", csvOf(",", append([][]string{englishHeader}, goodRows...)...), o)
	if other.Rows[0].Fact.ID == first.Rows[0].Fact.ID || other.Rows[0].Fact.Origin != "la.mps" {
		t.Errorf("origin not in the ID: %+v", other.Rows[0].Fact)
	}
}

// TestGoodXLSX reads the same report from a workbook in which dates are
// real date cells and figures are numbers.
func TestGoodXLSX(t *testing.T) {
	rows := [][]any{
		{"BÁO CÁO KẾT QUẢ ĐẤU TRANH PHÒNG, CHỐNG TỘI PHẠM MA TÚY"}, // a title above the table
		{},
		anyRow(englishHeader),
	}
	for _, r := range goodRows {
		rows = append(rows, anyRow(r))
	}
	// Typed cells: an Excel date, numbers as numbers.
	rows[3][0] = time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	rows[3][4], rows[3][5], rows[3][6] = 2, 3, 1.5
	rows[4][6], rows[4][9] = 7759847, 0.85
	rows[5][8] = 20000
	rows[8][6] = 0.32632 * 1000
	data := xlsxOf(t, "2024", rows...)
	res := mustParse(t, "good.xlsx", data, options())
	if res.Format != "xlsx" {
		t.Errorf("format %q", res.Format)
	}
	for i := range res.Rows {
		res.Rows[i].Line -= 2 // the title and the blank row above the header
	}
	checkGood(t, res)
	csv := mustParse(t, "good.csv", csvOf(",", append([][]string{englishHeader}, goodRows...)...), options())
	for i := range csv.Rows {
		if csv.Rows[i].Fact.ID != res.Rows[i].Fact.ID {
			t.Errorf("row %d: XLSX ID %s, CSV ID %s", i, res.Rows[i].Fact.ID, csv.Rows[i].Fact.ID)
		}
	}

	o := options()
	o.Sheet = "Sheet9"
	_, err := Parse("good.xlsx", data, o)
	if k := refusal(t, err); k != "error.import_sheet_missing" {
		t.Errorf("missing sheet: %s", k)
	}
	o.Sheet = "2024"
	if res := mustParse(t, "good.xlsx", data, o); len(res.Rows) != len(goodRows) {
		t.Errorf("named sheet: %d rows", len(res.Rows))
	}
}

func anyRow(r []string) []any {
	out := make([]any, len(r))
	for i, c := range r {
		out[i] = c
	}
	return out
}

// TestHeadersInThreeLanguages reads the same rows under Vietnamese, Lao and
// English headers, typed with odd case and without diacritics.
func TestHeadersInThreeLanguages(t *testing.T) {
	headers := map[string][]string{
		"vi":       {"Ngày phát hiện", "Tỉnh", "Lực lượng", "Loại ma túy", "Số vụ", "Số đối tượng", "Khối lượng", "Đơn vị tính", "Số viên", "Trọng lượng (kg)", "Số hiệu"},
		"vi-ascii": {"NGAY", "dia ban", "luc luong", "loai ma tuy", "so vu", "so nguoi bi bat", "so luong", "don vi tinh", "so vien", "trong luong (kg)", "ma vu"},
		"lo":       {"ວັນທີ", "ແຂວງ", "ກຳລັງ", "ປະເພດຢາເສບຕິດ", "ຈຳນວນຄະດີ", "ຈຳນວນຜູ້ຖືກຈັບ", "ປະລິມານ", "ຫົວໜ່ວຍ", "ຈຳນວນເມັດ", "ນ້ຳໜັກ (ກິໂລ)", "ເລກທີຄະດີ"},
		"lo-alt":   {"ວັນທີ", "ແຂວງ", "ກຳລັງ", "ປະເພດຢາເສບຕິດ", "ຈຳນວນຄະດີ", "ຈຳນວນຜູ້ຖືກຈັບ", "ປະລິມານ", "ຫົວຫນ່ວຍ", "ຈຳນວນເມັດ", "ນ້ຳຫນັກ (ກິໂລ)", "ເລກທີຄະດີ"},
		"en":       englishHeader[:11],
		"codes":    {"date", "place", "agency", "drug", "cases", "arrests", "quantity", "unit", "pieces", "weight_kg", "reference"},
	}
	for name, h := range headers {
		m, probs := DetectMapping(h)
		if len(probs) > 0 {
			t.Errorf("%s: %v", name, probs)
		}
		for i, f := range Fields() {
			if got, ok := m[f]; !ok || got != i {
				t.Errorf("%s: %s at %d (%v), want %d", name, f, got, ok, i)
			}
		}
		res := mustParse(t, name+".csv", csvOf(",", append([][]string{h}, goodRows...)...), options())
		checkGood(t, res)
	}
}

func TestDetectMappingProblems(t *testing.T) {
	m, probs := DetectMapping([]string{"Ngày", "Tỉnh", "Số vụ", "Cases", "ghi chú"})
	if len(probs) != 1 || probs[0].Key != "error.import_column_twice" || probs[0].Column != "Cases" ||
		arg(probs[0], "first") != "Số vụ" || arg(probs[0], "field") != "cases" {
		t.Errorf("twice: %+v", probs)
	}
	if m[FieldCases] != 2 {
		t.Errorf("the first column is kept: %v", m)
	}
	for _, c := range []struct {
		header []string
		key    string
	}{
		{[]string{"Tỉnh", "Số vụ"}, "error.import_no_date_column"},
		{[]string{"Ngày", "Số vụ"}, "error.import_no_place_column"},
		{[]string{"Ngày", "Tỉnh", "Loại ma túy", "Đơn vị tính"}, "error.import_no_figure_column"},
	} {
		_, probs := DetectMapping(c.header)
		if len(probs) != 1 || probs[0].Key != c.key {
			t.Errorf("%v: %+v, want %s", c.header, probs, c.key)
		}
	}
	// "Unit" is the reporting unit (a place); the unit of measure has its
	// own header.
	m, _ = DetectMapping([]string{"Date", "Unit", "Quantity", "Unit of measure", "Case", "Cases"})
	if m[FieldPlace] != 1 || m[FieldUnit] != 3 || m[FieldReference] != 4 || m[FieldCases] != 5 {
		t.Errorf("unit/case: %v", m)
	}
}

// TestExplicitMapping reads a file whose headers nobody could guess.
func TestExplicitMapping(t *testing.T) {
	data := csvOf(",", []string{"c1", "c2", "c3"}, []string{"VN-40", "2024-05-01", "7"})
	o := options()
	o.Mapping = Mapping{FieldPlace: 0, FieldDate: 1, FieldArrests: 2}
	res := mustParse(t, "m.csv", data, o)
	if res.Bad != 0 || res.Rows[0].Fact.Arrests != 7 || res.Rows[0].Fact.Place != "VN-40" {
		t.Errorf("%+v %v", res.Rows, problems(res))
	}
	for _, m := range []Mapping{
		{FieldPlace: 0, FieldDate: 0, FieldArrests: 2},
		{FieldPlace: 0, FieldDate: -1, FieldArrests: 2},
		{FieldPlace: 0, FieldDate: 1, FieldArrests: 2, "colour": 3},
	} {
		o.Mapping = m
		if _, err := Parse("m.csv", data, o); refusal(t, err) != "error.import_mapping_invalid" {
			t.Errorf("%v: %v", m, err)
		}
	}
	o.Mapping = Mapping{FieldPlace: 0, FieldDate: 1}
	if _, err := Parse("m.csv", data, o); refusal(t, err) != "error.import_no_figure_column" {
		t.Errorf("no figure: %v", err)
	}
}

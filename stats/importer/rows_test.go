package importer

import (
	"slices"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/stats"
)

// TestBadRows puts every kind of mistake on a line of its own and checks
// that each is reported on its line, in its column, with its key, while the
// good rows around them are read.
func TestBadRows(t *testing.T) {
	h := []string{"Ngày", "Tỉnh", "Lực lượng", "Loại ma túy", "Số vụ", "Số đối tượng", "Khối lượng", "Đơn vị tính", "Số viên", "Trọng lượng (kg)", "Số hiệu"}
	rows := []struct {
		cells []string
		want  []string // "column key", in order
	}{
		/* 2 */ {[]string{"2024-01-10", "VN-40", "", "HEROIN", "1", "1", "2", "kg", "", "", ""}, nil},
		/* 3 */ {[]string{"2026-12-01", "VN-40", "", "", "1", "", "", "", "", "", ""}, []string{"Ngày error.stats_date_future"}},
		/* 4 */ {[]string{"12/1989", "VN-40", "", "", "1", "", "", "", "", "", ""}, []string{"Ngày error.stats_date_too_old"}},
		/* 5 */ {[]string{"31/02/2024", "VN-40", "", "", "1", "", "", "", "", "", ""}, []string{"Ngày error.import_date_invalid"}},
		/* 6 */ {[]string{"", "VN-40", "", "", "1", "", "", "", "", "", ""}, []string{"Ngày error.stats_date_missing"}},
		/* 7 */ {[]string{"2024-01-11", "VN-40", "", "", "-2", "1,5", "", "", "", "", ""},
			[]string{"Số vụ error.stats_quantity_negative", "Số đối tượng error.import_count_invalid"}},
		/* 8 */ {[]string{"2024-01-12", "VN-40", "", "HEROIN", "", "", "3", "", "", "", ""}, []string{"Khối lượng error.stats_unit_missing"}},
		/* 9 */ {[]string{"2024-01-13", "VN-40", "", "HEROIN", "", "", "3", "bao", "", "", ""}, []string{"Đơn vị tính error.stats_unit_unknown"}},
		/* 10 */ {[]string{"2024-01-14", "VN-40", "", "HEROIN", "", "", "5000", "t", "", "", ""}, []string{"Khối lượng error.stats_quantity_absurd"}},
		/* 11 */ {[]string{"2024-01-15", "VN-40", "", "Ma túy đá", "", "", "300", "viên", "", "", ""}, []string{"Đơn vị tính error.import_unit_not_for_drug"}},
		/* 12 */ {[]string{"2024-01-16", "VN-40", "", "Ma túy đá", "", "", "", "", "300", "", ""}, []string{"Số viên error.import_figure_not_for_drug"}},
		/* 13 */ {[]string{"2024-01-17", "VN-40", "", "Bột mì", "1", "", "", "", "", "", ""}, []string{"Loại ma túy error.import_drug_unknown"}},
		/* 14 */ {[]string{"2024-01-18", "VN-40", "", "", "", "", "2", "kg", "", "", ""}, []string{"Loại ma túy error.import_drug_missing"}},
		/* 15 */ {[]string{"2024-01-19", "VN-40", "dân quân", "", "1", "", "", "", "", "", ""}, []string{"Lực lượng error.stats_agency_unknown"}},
		/* 16 */ {[]string{"2024-01-20", "VN-40", "", "HEROIN", "", "", "", "kg", "", "", "ghi chú"}, []string{" error.import_no_figures"}},
		/* 17 */ {[]string{"2024-01-10", "VN-40", "công an", "heroin", "3", "", "", "", "", "", ""}, []string{" error.import_duplicate_row"}},
		/* 18 */ {[]string{"2024-01-21", "VN-40", "", "HEROIN", "", "", "2", "kg", "", "2,5", ""}, []string{"Trọng lượng (kg) error.import_figure_conflict"}},
		/* 19 */ {[]string{"2024-01-22", "", "", "", "1", "", "", "", "", "", ""}, []string{"Tỉnh error.import_place_missing"}},
		/* 20 */ {[]string{"2024-01-23", "VN-40", "", "", "100001", "", "", "", "", "", ""}, []string{"Số vụ error.stats_figure_absurd"}},
		/* 21 */ {[]string{"2024-01-24", "VN-40", "", "HEROIN", "", "", "-1", "kg", "", "", ""}, []string{"Khối lượng error.stats_quantity_negative"}},
		/* 22 */ {[]string{"2024-01-25", "VN-40", "", "HEROIN", "", "", "1.234,5", "kg", "", "", ""}, []string{"Khối lượng error.stats_quantity_invalid"}},
		/* 23 */ {[]string{"2024-01-26", "VN-40", "", "METH_TABLET", "", "", "2,5", "viên", "", "", ""}, []string{"Khối lượng error.stats_whole_number"}},
		/* 24 */ {[]string{"2024-01-27", "VN-40", "", "OPIUM_POPPY", "", "", "", "", "", "3", ""}, []string{"Trọng lượng (kg) error.import_figure_not_for_drug"}},
		/* 25 */ {[]string{"2024-01-28", "VN-40", "", "HEROIN", "1", "", "", "", "", "", strings.Repeat("x", 101)}, []string{"Số hiệu error.import_reference_long"}},
		// Everything wrong at once: all of it is reported.
		/* 26 */ {[]string{"hôm qua", "Atlantis", "?", "Bột mì", "một", "", "", "", "", "", ""},
			[]string{"Ngày error.import_date_invalid", "Tỉnh error.import_place_unknown", "Lực lượng error.stats_agency_unknown",
				"Loại ma túy error.import_drug_unknown", "Số vụ error.import_count_invalid"}},
		// Two rows of the same day, place and drug, told apart by references.
		/* 27 */ {[]string{"2024-02-01", "VN-40", "", "HEROIN", "1", "", "", "", "", "", "12/VKS"}, nil},
		/* 28 */ {[]string{"2024-02-01", "VN-40", "", "HEROIN", "1", "", "", "", "", "", "13/VKS"}, nil},
		/* 29 */ {[]string{"2024-02-01", "VN-40", "", "HEROIN", "1", "", "", "", "", "", " 13/vks "}, []string{" error.import_duplicate_row"}},
		// Zeros and dashes, as report templates are filled in, are not figures.
		/* 30 */ {[]string{"2024-02-02", "VN-40", "", "", "0", "-", "0", "kg", "0", "0,000", ""}, nil},
	}
	all := [][]string{h}
	for _, r := range rows {
		all = append(all, r.cells)
	}
	all = slices.Insert(all, 5, []string{"", "", "", ""}) // a blank row: skipped, but counted in the lines
	res := mustParse(t, "bad.csv", csvOf(",", all...), options())
	if len(res.Rows) != len(rows) {
		t.Fatalf("%d rows, want %d", len(res.Rows), len(rows))
	}
	bad := 0
	for i, r := range rows {
		got := res.Rows[i]
		line := i + 2
		if i >= 4 {
			line++ // after the blank row
		}
		if got.Line != line {
			t.Errorf("row %d: line %d, want %d", i, got.Line, line)
		}
		var keys []string
		for _, p := range got.Problems {
			keys = append(keys, p.Column+" "+p.Key)
			if p.Line != line || p.Message == "" {
				t.Errorf("line %d: problem %+v", line, p)
			}
		}
		if !slices.Equal(keys, r.want) {
			t.Errorf("line %d: problems %q, want %q", line, keys, r.want)
		}
		if len(r.want) > 0 {
			bad++
		}
	}
	if res.Bad != bad {
		t.Errorf("Bad = %d, want %d", res.Bad, bad)
	}
	if res.Facts() != nil {
		t.Error("Facts() of a file with bad rows")
	}
	// The duplicate names the line it repeats, and its fact keeps its ID.
	dup := res.Rows[15]
	if arg(dup.Problems[0], "line") != "2" || dup.Fact.ID != res.Rows[0].Fact.ID {
		t.Errorf("duplicate: %+v", dup)
	}
	if arg(res.Rows[27].Problems[0], "line") != "29" {
		t.Errorf("duplicate reference: %+v", res.Rows[27].Problems)
	}
	// A bad row's fact is filled as far as its cells allow.
	if f := res.Rows[5].Fact; f.Place != "VN-40" || f.Day != borderlink.NewDate(2024, 1, 11) || f.Country != "VN" {
		t.Errorf("partial fact: %+v", f)
	}
	if f := res.Rows[28].Fact; f.Totals != (stats.Totals{}) || f.Drug != "" {
		t.Errorf("zeros: %+v", f)
	}
}

// TestMaxRows: a file over the bound is refused whole; blank rows do not
// count.
func TestMaxRows(t *testing.T) {
	rows := [][]string{{"Date", "Place", "Cases", "Reference"}}
	for i := range 5 {
		rows = append(rows, []string{"2024-01-01", "VN-40", "1", string(rune('a' + i))}, []string{"", "", "", ""})
	}
	o := options()
	o.MaxRows = 5
	if res := mustParse(t, "five.csv", csvOf(",", rows...), o); len(res.Rows) != 5 {
		t.Errorf("%d rows", len(res.Rows))
	}
	o.MaxRows = 4
	_, err := Parse("five.csv", csvOf(",", rows...), o)
	if refusal(t, err) != "error.import_rows" {
		t.Errorf("err = %v", err)
	}
}

package importer

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/stats"
)

// placeRows parses one row per place and date and returns the rows.
func placeRows(t *testing.T, o Options, rows ...[2]string) []Row {
	t.Helper()
	all := [][]string{{"Ngày", "Địa bàn", "Số vụ", "Số hiệu"}}
	for i, r := range rows {
		all = append(all, []string{r[0], r[1], "1", strconv.Itoa(i)})
	}
	return mustParse(t, "places.csv", csvOf(",", all...), o).Rows
}

func TestPlaces(t *testing.T) {
	cases := []struct {
		day, place string
		code, key  string // want the place code, or the key of the problem
	}{
		{"2024-05-01", "VN-40", "VN-40", ""},
		{"2024-05-01", "vn-40 ", "VN-40", ""},
		{"2024-05-01", "LA-PH", "LA-02", ""}, // Lao ISO alias
		{"2024-05-01", "Nghệ An", "VN-40", ""},
		{"2024-05-01", "NGHE AN", "VN-40", ""},
		{"2024-05-01", "Tỉnh Nghệ An", "VN-40", ""},
		{"2024-05-01", "Công an tỉnh Nghệ An", "VN-40", ""}, // the unit's name
		{"2024-05-01", "ເງະອານ", "VN-40", ""},               // Nghệ An in Lao
		{"2024-05-01", "ຫົວພັນ", "LA-07", ""},
		{"2024-05-01", "ແຂວງຫົວພັນ", "LA-07", ""},
		{"2024-05-01", "Houaphanh Province", "LA-07", ""},
		{"2024-05-01", "Hủa Phăn", "LA-07", ""},
		{"2024-05-01", "Quảng Bình", "VN-44-2004", ""},
		{"2026-03-01", "Quảng Bình", "VN-44-2004", "error.stats_place_not_on_date"},
		// Two provinces were called Quảng Trị, before and after the reform.
		{"2024-05-01", "Quảng Trị", "VN-45-2004", ""},
		{"2026-03-01", "Quảng Trị", "VN-44", ""},
		{"2026-03-01", "VN-45-2004", "VN-45-2004", "error.stats_place_not_on_date"},
		{"2024-05-01", "Bản Đon Xi", "", "error.import_place_ambiguous"}, // villages in two provinces
		{"2024-05-01", "LA-0206-V01", "LA-0206-V01", ""},
		{"2024-05-01", "Atlantis", "", "error.import_place_unknown"},
		{"2024-05-01", "VN-99", "", "error.import_place_unknown"},
		{"2024-05-01", "", "", "error.import_place_missing"},
	}
	var in [][2]string
	for _, c := range cases {
		in = append(in, [2]string{c.day, c.place})
	}
	rows := placeRows(t, options(), in...)
	for i, c := range cases {
		r := rows[i]
		if r.Fact.Place != c.code {
			t.Errorf("%s on %s: place %q, want %q", c.place, c.day, r.Fact.Place, c.code)
		}
		var keys []string
		for _, p := range r.Problems {
			keys = append(keys, p.Key)
			if p.Column != "Địa bàn" {
				t.Errorf("%s: problem in column %q", c.place, p.Column)
			}
		}
		if want := []string{c.key}; c.key == "" && len(keys) > 0 || c.key != "" && !slices.Equal(keys, want) {
			t.Errorf("%s on %s: problems %v, want %q", c.place, c.day, keys, c.key)
		}
	}
	// The problem of Locate is passed on with its arguments.
	p := rows[13].Problems[0]
	if arg(p, "place") != "VN-44-2004" || arg(p, "date") != "2026-03-01" {
		t.Errorf("not on date: %+v", p)
	}
	if p := rows[17].Problems[0]; !strings.Contains(arg(p, "codes").(string), "LA-0206-V01") {
		t.Errorf("ambiguous: %+v", p)
	}
}

// TestLocateFault: a fault of Locate (not a problem of the row) stops the
// import instead of being shown to the clerk as a row problem.
func TestLocateFault(t *testing.T) {
	o := options()
	o.Locate = func(string, borderlink.Date) (stats.Place, error) { return stats.Place{}, errors.New("directory down") }
	_, err := Parse("f.csv", csvOf(",", []string{"Date", "Place", "Cases"}, []string{"2024-01-01", "VN-40", "1"}), o)
	if err == nil || borderlink.ErrorCode(err) != borderlink.EInternal || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("err = %v", err)
	}
}

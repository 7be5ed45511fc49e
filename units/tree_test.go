package units_test

import (
	"slices"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/units"
)

var _ interface {
	Exists(string) bool
	Within(string, string) bool
} = (*units.Tree)(nil)

func d(s string) borderlink.Date { return borderlink.MustParseDate(s) }

// smallTree is a hand-made directory: a ministry, a province merged into a
// new one on 2025-07-01, a district that ended on 2025-02-28 and its commune.
func smallTree() *units.Tree {
	txt := func(s string) borderlink.Text { return borderlink.Text{VI: s, EN: s} }
	return units.NewTree(units.Data{
		Countries: []units.Country{{Code: "VN", Name: txt("Việt Nam")}, {Code: "LA", Name: txt("Lào")}},
		Levels: []units.Level{
			{Country: "VN", Code: "ministry", Rank: 0},
			{Country: "VN", Code: "province", Rank: 1},
			{Country: "VN", Code: "district", Rank: 2, ValidTo: d("2025-02-28")},
			{Country: "VN", Code: "commune", Rank: 3, ValidTo: d("2025-06-30")},
			{Country: "VN", Code: "commune", Rank: 3, ValidFrom: d("2025-07-01")},
			{Country: "LA", Code: "ministry", Rank: 0},
			{Country: "LA", Code: "province", Rank: 1},
		},
		Units: []units.Unit{
			{Code: "VN-MPS", Country: "VN", Level: "ministry", Name: txt("Bộ Công an")},
			{Code: "VN-44-2004", Country: "VN", Level: "province", Parent: "VN-MPS", Name: txt("Công an tỉnh Quảng Bình"),
				ValidTo: d("2025-06-30"), Successors: []string{"VN-44"}},
			{Code: "VN-44", Country: "VN", Level: "province", Parent: "VN-MPS", Name: txt("Công an tỉnh Quảng Trị"), ValidFrom: d("2025-07-01")},
			{Code: "VN-44-D01", Country: "VN", Level: "district", Parent: "VN-44-2004", Name: txt("Công an huyện Minh Hóa"), ValidTo: d("2025-02-28")},
			{Code: "VN-44-D01-C01", Country: "VN", Level: "commune", Parent: "VN-44-D01", Name: txt("Công an xã Dân Hóa"), ValidTo: d("2025-06-30")},
			{Code: "LA-MPS", Country: "LA", Level: "ministry", Name: txt("Bộ An ninh Lào")},
			{Code: "LA-12", Country: "LA", Level: "province", Parent: "LA-MPS", Name: borderlink.Text{LO: "ຄຳມ່ວນ", EN: "Khammouane"}},
		},
		Counterparts: []units.Counterpart{
			{A: "LA-12", B: "VN-44-2004", Level: "province", ValidTo: d("2025-06-30")},
			{A: "LA-12", B: "VN-44", Level: "province", ValidFrom: d("2025-07-01")},
		},
		Aliases: map[string]string{"LA-KH": "LA-12", "LA-XX": "LA-99"},
	})
}

func TestTreeGet(t *testing.T) {
	tr := smallTree()
	for _, code := range []string{"LA-12", "la-12", " LA-KH ", "la-kh"} {
		u, err := tr.Get(code)
		if err != nil || u.Code != "LA-12" {
			t.Errorf("Get(%q) = %v, %v", code, u.Code, err)
		}
	}
	_, err := tr.Get("LA-99")
	var be *borderlink.Error
	if !borderlink.IsCode(err, borderlink.ENotFound) || !asError(err, &be) || be.Key != "error.unknown_unit" || be.Args[1] != "LA-99" {
		t.Errorf("Get of an unknown code: %v", err)
	}
	if tr.Exists("LA-XX") {
		t.Error("an alias of a missing unit exists")
	}
	// Returned values are copies.
	u, _ := tr.Get("VN-44-2004")
	u.Successors[0] = "changed"
	if u, _ := tr.Get("VN-44-2004"); u.Successors[0] != "VN-44" {
		t.Error("a caller changed the tree")
	}
}

func asError(err error, be **borderlink.Error) bool {
	e := borderlink.AsError(err)
	*be = e
	return e != nil
}

func TestTreeHierarchy(t *testing.T) {
	tr := smallTree()
	if got := codes(tr.Children("VN-MPS", borderlink.Date{})); !slices.Equal(got, []string{"VN-44", "VN-44-2004"}) {
		t.Errorf("all children of VN-MPS: %v", got)
	}
	for _, c := range []struct {
		code, on string
		want     []string
	}{
		{"VN-MPS", "2025-06-30", []string{"VN-44-2004"}},
		{"VN-MPS", "2025-07-01", []string{"VN-44"}},
		{"VN-44-2004", "2025-01-01", []string{"VN-44-D01"}},
		{"VN-44-2004", "2025-03-01", []string{"VN-44-D01-C01"}}, // the district has ended
		{"VN-44-2004", "2025-07-01", nil},                       // the province has ended
		{"VN-44-D01", "2025-03-01", nil},
	} {
		if got := codes(tr.Children(c.code, d(c.on))); !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("Children(%s, %s) = %v, want %v", c.code, c.on, got, c.want)
		}
	}
	if got := codes(tr.Ancestors("VN-44-D01-C01")); !slices.Equal(got, []string{"VN-44-D01", "VN-44-2004", "VN-MPS"}) {
		t.Errorf("Ancestors: %v", got)
	}
	if tr.Ancestors("VN-MPS") != nil || tr.Ancestors("nope") != nil {
		t.Error("a root or an unknown unit has ancestors")
	}
	for _, c := range []struct {
		code, anc string
		want      bool
	}{
		{"VN-44-D01-C01", "VN-MPS", true}, {"VN-44-D01-C01", "VN-44-2004", true}, {"VN-44", "VN-44", true},
		{"VN-44-D01-C01", "VN-44", false}, {"VN-MPS", "VN-44", false}, {"LA-KH", "LA-MPS", true},
		{"LA-12", "VN-MPS", false}, {"nope", "VN-MPS", false}, {"VN-MPS", "nope", false},
	} {
		if got := tr.Within(c.code, c.anc); got != c.want {
			t.Errorf("Within(%s, %s) = %v", c.code, c.anc, got)
		}
	}
	if got := codes(tr.Roots("")); !slices.Equal(got, []string{"LA-MPS", "VN-MPS"}) {
		t.Errorf("Roots: %v", got)
	}
	if !tr.ActiveOn("VN-44-2004", d("2025-06-30")) || tr.ActiveOn("VN-44-2004", d("2025-07-01")) || tr.ActiveOn("nope", d("2025-01-01")) {
		t.Error("ActiveOn")
	}
	if got := tr.Predecessors("VN-44"); !slices.Equal(got, []string{"VN-44-2004"}) {
		t.Errorf("Predecessors: %v", got)
	}
}

func TestTreeCounterpartsAndLevels(t *testing.T) {
	tr := smallTree()
	if got := tr.Counterparts("LA-KH", borderlink.Date{}); len(got) != 2 {
		t.Errorf("all pairs of LA-12: %v", got)
	}
	if got := tr.Counterparts("LA-12", d("2025-06-30")); len(got) != 1 || got[0].B != "VN-44-2004" {
		t.Errorf("pairs of LA-12 on 2025-06-30: %v", got)
	}
	if got := tr.Counterparts("VN-44", d("2025-06-30")); len(got) != 0 {
		t.Errorf("VN-44 has pairs before it existed: %v", got)
	}
	var lv []string
	for _, l := range tr.Levels("vn", d("2025-04-01")) {
		lv = append(lv, l.Code)
	}
	if !slices.Equal(lv, []string{"ministry", "province", "commune"}) {
		t.Errorf("VN levels on 2025-04-01: %v", lv)
	}
	if got := tr.Levels("VN", borderlink.Date{}); len(got) != 5 {
		t.Errorf("all VN level records: %d", len(got))
	}
	if l, ok := tr.Level("VN", "commune", d("2025-07-01")); !ok || l.ValidFrom != d("2025-07-01") {
		t.Errorf("commune level on 2025-07-01: %+v", l)
	}
}

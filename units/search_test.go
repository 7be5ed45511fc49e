package units_test

import (
	"testing"

	"github.com/borderlink/borderlink"
)

func TestSearch(t *testing.T) {
	tr := mustSeeded(t).svc.Tree()
	for _, c := range []struct {
		q     string
		lang  borderlink.Lang
		first string
	}{
		{"dien bien", borderlink.LangVI, "VN-11"},
		{"ĐIỆN BIÊN", borderlink.LangEN, "VN-11"},
		{"Điện Biên", borderlink.LangLO, "VN-11"},
		{"ດ້ຽນບຽນ", borderlink.LangLO, "VN-11"},
		{"ຜົ້ງສາລີ", borderlink.LangLO, "LA-02"},
		{"phongsaly", borderlink.LangEN, "LA-02"},
		{"phong xa ly", borderlink.LangVI, "LA-02"},
		{"la-ph", borderlink.LangEN, "LA-02"},
		{"VN-44-2004", borderlink.LangEN, "VN-44-2004"},
		{"quang binh", borderlink.LangVI, "VN-44-2004"},
		{"hue", borderlink.LangEN, "VN-46"},
		{"ຫຼວງພະບາງ", borderlink.LangLO, "LA-06"},
		{"ຫລວງພະບາງ", borderlink.LangLO, "LA-06"}, // ຫລ typed for ຫຼ
		{"na u", borderlink.LangVI, "VN-11-C007"},
		{"police son la", borderlink.LangEN, "VN-14"},
	} {
		got := tr.Search(c.q, c.lang, 5)
		if len(got) == 0 || got[0].Code != c.first {
			t.Errorf("Search(%q, %s) = %v, want %s first", c.q, c.lang, codes(got), c.first)
		}
	}
	if got := tr.Search("muong", borderlink.LangVI, 0); len(got) < 10 {
		t.Errorf("Search without a limit found %d units", len(got))
	}
	if got := tr.Search("dien bien", borderlink.LangVI, 3); len(got) != 3 {
		t.Errorf("limit 3 gave %d", len(got))
	}
	for _, q := range []string{"", "  ", "-", "zzzz"} {
		if got := tr.Search(q, borderlink.LangEN, 5); len(got) != 0 {
			t.Errorf("Search(%q) = %v", q, codes(got))
		}
	}
}

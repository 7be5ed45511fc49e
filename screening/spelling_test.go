package screening

import "testing"

// TestSearchSpelling checks what comparing typed spellings as well as
// keys is for: typing errors that key folding magnifies, a swap of the
// first two letters, a query word that is itself another listed name, and
// a name missing a stored word.
func TestSearchSpelling(t *testing.T) {
	ix := NewIndex()
	for _, e := range []Entry{
		{ID: "a", Names: []string{"Trần Thị Linh"}, DOB: "1976-06"},
		{ID: "b", Names: []string{"Cụt Thị Thảo"}},
		{ID: "c", Names: []string{"Cụt Thị Hương"}},
		{ID: "d", Names: []string{"Hoàng Văn Duy"}},
		{ID: "e", Names: []string{"Thắng Văn Duy"}},
		{ID: "f", Names: []string{"Trần Văn Hùng"}},
		{ID: "g", Names: []string{"Trần Văn Huy"}},
		{ID: "h", Names: []string{"Lê Văn Hun"}},
		{ID: "i", Names: []string{"Phạm Văn Hun"}},
		{ID: "j", Names: []string{"Đỗ Hoàng Ngọc Quân"}, DOB: "1980-01-02"},
		{ID: "k", Names: []string{"Nguyễn Thúy Anh"}},
		{ID: "l", Names: []string{"Bùi Tuyền"}},
	} {
		if err := ix.Put(e); err != nil {
			t.Fatal(err)
		}
	}
	first := func(name, dob string) Candidate {
		t.Helper()
		got := ix.Search(Query{Name: name, DOB: dob})
		if len(got) == 0 {
			t.Fatalf("%q found nothing", name)
		}
		return got[0]
	}
	for _, c := range []struct{ q, want string }{
		{"Tvan Thi Linh", "a"},   // tr → j magnifies one edit into two
		{"Cut Thi Tohao", "b"},   // thao → tao, tohao keeps its o
		{"oHang Van Duy", "d"},   // the first two letters swapped
		{"Tran Van Hugn", "f"},   // one edit from Hung, two from Huy
		{"Nguyen Thuy Anh", "k"}, // diacritics dropped
	} {
		if got := first(c.q, ""); got.ID != c.want {
			t.Errorf("%q → %s %v, want %s", c.q, got.ID, got.Names, c.want)
		}
	}
	// Hun is a listed name: Trần Văn Hun is more likely someone else than
	// a mistyped Trần Văn Hùng, who stays a lead.
	if got := first("Tran Van Hun", ""); got.Score >= HitScore {
		t.Errorf("Tran Van Hun → %v %.3f, want a lead", got.Names, got.Score)
	}
	// A query without a stored middle name is a lead; the exact date of
	// birth makes it a hit.
	if got := first("Do Hoang Quan", ""); got.ID != "j" || got.Score >= HitScore {
		t.Errorf("Do Hoang Quan → %s %.3f, want j as a lead", got.ID, got.Score)
	}
	if got := first("Do Hoang Quan", "1980-01-02"); got.ID != "j" || got.Score < HitScore {
		t.Errorf("Do Hoang Quan 1980-01-02 → %s %.3f, want j as a hit", got.ID, got.Score)
	}
	// Two Vietnamese syllables are not one word joined because their key
	// is that word's (Thúy Yến, Tuyền).
	for _, c := range ix.Search(Query{Name: "Bui Thuy Yen"}) {
		if c.ID == "l" && c.Score >= HitScore {
			t.Errorf("Bui Thuy Yen hit Bùi Tuyền at %.3f", c.Score)
		}
	}
}

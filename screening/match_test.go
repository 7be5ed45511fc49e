package screening

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

func smallIndex(t *testing.T) *Index {
	t.Helper()
	ix := NewIndex()
	for _, e := range []Entry{
		{ID: "vn1", Names: []string{"Nguyễn Văn Long"}, DOB: "1985-03-12", Documents: []string{"079085001234"}, Nationality: "VN"},
		{ID: "vn2", Names: []string{"Nguyễn Văn Hùng"}, DOB: "1985", Nationality: "VN"},
		{ID: "vn3", Names: []string{"Trần Thị Thủy"}, DOB: "1992-11-02", Nationality: "VN"},
		{ID: "vn4", Names: []string{"Lê Hoàng Nam"}, Nationality: "VN"},
		{ID: "la1", Names: []string{"ສົມພອນ ພົມມະຈັນ", "Somphone Phommachanh"}, DOB: "1979", Documents: []string{"P1234567"}, Nationality: "LA"},
		{ID: "la2", Names: []string{"Souksavanh Vongsavanh"}, DOB: "1990-07", Nationality: "LA"},
		{ID: "la3", Names: []string{"ບຸນມີ ສີສຸລິດ"}, Nationality: "LA"},
		{ID: "la4", Names: []string{"Kham Phou Sihavong"}, Nationality: "LA"},
	} {
		if err := ix.Put(e); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

func TestSearchMatches(t *testing.T) {
	ix := smallIndex(t)
	for _, c := range []struct {
		q       Query
		want    string
		reasons []string
	}{
		{Query{Name: "Nguyễn Văn Long"}, "vn1", []string{ReasonNameExact}},
		{Query{Name: "NGUYEN VAN LONG"}, "vn1", []string{ReasonNameExact}},
		{Query{Name: "Long Nguyen Van"}, "vn1", []string{ReasonNameExact, ReasonTokensReordered}},
		{Query{Name: "Nguyen Long"}, "vn1", []string{ReasonNamePartial}},
		{Query{Name: "Ngyen Van Lonh"}, "vn1", []string{ReasonNameTypo}},
		{Query{Name: "ຫງວຽນ ວັນ ລອງ"}, "vn1", []string{ReasonNamePhonetic}},
		{Query{Name: "Nguyen Van Long", DOB: "1985-03-12"}, "vn1", []string{ReasonDOBExact}},
		{Query{Name: "Nguyen Van Long", DOB: "1985"}, "vn1", []string{ReasonDOBYear}},
		{Query{Name: "Nguyen Van Long", DOB: "1985-03"}, "vn1", []string{ReasonDOBMonth}},
		{Query{Name: "Nguyen Van Long", DOB: "1970"}, "vn1", []string{ReasonDOBConflict}},
		{Query{Document: "079-085 001 234"}, "vn1", []string{ReasonDocumentExact}},
		{Query{Name: "Tran Thi Thuy"}, "vn3", []string{ReasonNameExact}},
		{Query{Name: "Trần Thị Thuý"}, "vn3", []string{ReasonNameExact}}, // old tone placement
		{Query{Name: "Phommachan Somphon"}, "la1", []string{ReasonNamePhonetic, ReasonTokensReordered}},
		{Query{Name: "ສົມພອນ ພົມມະຈັນ"}, "la1", []string{ReasonNameExact}},
		{Query{Name: "Somphone Phommachanh", Document: "p 123 4567"}, "la1", []string{ReasonDocumentExact}},
		{Query{Name: "Suksavan Vongsavan"}, "la2", []string{ReasonNamePhonetic}},
		{Query{Name: "ສຸກສະຫວັນ ວົງສະຫວັນ"}, "la2", []string{ReasonNamePhonetic}},
		{Query{Name: "Bounmy Sisoulith"}, "la3", []string{ReasonNamePhonetic}},
		{Query{Name: "Sisulit Bunmi"}, "la3", []string{ReasonNamePhonetic, ReasonTokensReordered}},
		{Query{Name: "Khamphou Sihavong"}, "la4", []string{ReasonTokensJoined}},
		{Query{Name: "Kham Phou Syhavong"}, "la4", []string{ReasonNamePhonetic}},
	} {
		got := ix.Search(c.q)
		if len(got) == 0 || got[0].ID != c.want {
			t.Errorf("Search(%+v) = %v, want %s first", c.q, got, c.want)
			continue
		}
		for _, r := range c.reasons {
			if !slices.Contains(got[0].Reasons, r) {
				t.Errorf("Search(%+v): reasons %v lack %s", c.q, got[0].Reasons, r)
			}
		}
		if got[0].Score <= 0 || got[0].Score > 1 {
			t.Errorf("Search(%+v): score %v", c.q, got[0].Score)
		}
	}
}

func TestSearchScores(t *testing.T) {
	ix := smallIndex(t)
	score := func(q Query, id string) float64 {
		for _, c := range ix.Search(q) {
			if c.ID == id {
				return c.Score
			}
		}
		return 0
	}
	base := score(Query{Name: "Nguyen Van Long"}, "vn1")
	if s := score(Query{Name: "Nguyen Van Long", DOB: "1985-03-12"}, "vn1"); s != 1 || s <= base {
		t.Errorf("exact DOB score %v, without %v", s, base)
	}
	if s := score(Query{Name: "Nguyen Van Long", DOB: "1970"}, "vn1"); s >= base {
		t.Errorf("conflicting DOB score %v ≥ %v", s, base)
	}
	if s := score(Query{Name: "Nguyen Van Lonh"}, "vn1"); s >= base || s < HitScore {
		t.Errorf("one typo score %v (exact %v)", s, base)
	}
	// A typo in the given name must not outrank the right person.
	got := ix.Search(Query{Name: "Nguyen Van Hung"})
	if len(got) == 0 || got[0].ID != "vn2" {
		t.Errorf("Nguyen Van Hung → %v", got)
	}
	// Nobody of that name.
	for _, q := range []string{"Zbrorg Klendo", "Phommasack Inthavong", "ນາງ ດາວ"} {
		if got := ix.Search(Query{Name: q}); len(got) > 0 && got[0].Score >= HitScore {
			t.Errorf("%q hit %v", q, got)
		}
	}
	if got := ix.Search(Query{Name: "Somພອນ"}); got != nil {
		t.Errorf("invalid query answered %v", got)
	}
}

func TestPutDelete(t *testing.T) {
	ix := smallIndex(t)
	if ix.Len() != 8 {
		t.Fatalf("Len = %d", ix.Len())
	}
	if err := ix.Put(Entry{ID: "vn1", Names: []string{"Phạm Minh Tuấn"}}); err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 8 {
		t.Errorf("Len after replace = %d", ix.Len())
	}
	if got := ix.Search(Query{Name: "Nguyen Van Long"}); len(got) > 0 && got[0].ID == "vn1" {
		t.Errorf("replaced name still found: %v", got)
	}
	if got := ix.Search(Query{Name: "Pham Minh Tuan"}); len(got) == 0 || got[0].ID != "vn1" {
		t.Errorf("new name not found: %v", got)
	}
	if got := ix.Search(Query{Document: "079085001234"}); len(got) > 0 {
		t.Errorf("old document still found: %v", got)
	}
	if !ix.Delete("vn3") || ix.Delete("vn3") || ix.Len() != 7 {
		t.Errorf("Delete, Len = %d", ix.Len())
	}
	if got := ix.Search(Query{Name: "Tran Thi Thuy"}); len(got) > 0 {
		t.Errorf("deleted entry found: %v", got)
	}
	if err := ix.Put(Entry{Names: []string{"x"}}); err == nil {
		t.Error("entry without ID accepted")
	}
	if err := ix.Put(Entry{ID: "z", Names: []string{"x"}, DOB: "1990-02-31"}); err == nil {
		t.Error("impossible DOB accepted")
	}
}

// TestCompact replaces and deletes enough entries to trigger compaction and
// checks that the survivors are still found, by name and by document.
func TestCompact(t *testing.T) {
	entries := Generate(12000, 7)
	ix := buildIndex(t, entries)
	for i, e := range entries {
		if i%3 != 0 {
			ix.Delete(e.ID)
		}
	}
	if ix.Len() != 4000 {
		t.Fatalf("Len = %d", ix.Len())
	}
	if ix.deadRecs > ix.nRecs/2 {
		t.Errorf("not compacted: %d dead of %d records", ix.deadRecs, ix.nRecs)
	}
	for i := 0; i < len(entries); i += 99 {
		e := entries[i]
		q := Query{Name: e.Names[0], DOB: e.DOB, Limit: 100}
		got := ix.Search(q)
		found := slices.ContainsFunc(got, func(c Candidate) bool { return c.ID == e.ID })
		if found != (i%3 == 0) {
			t.Errorf("%s (%q) found=%v", e.ID, e.Names[0], found)
		}
		if i%3 == 0 && len(e.Documents) > 0 {
			if got := ix.Search(Query{Document: e.Documents[0]}); len(got) == 0 || got[0].ID != e.ID {
				t.Errorf("document %s → %v", e.Documents[0], got)
			}
		}
	}
}

// TestConcurrent runs searches while entries are written; run with -race.
func TestConcurrent(t *testing.T) {
	entries := Generate(3000, 9)
	ix := buildIndex(t, entries[:2000])
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 300 {
				e := entries[(g*300+i)%len(entries)]
				ix.Search(Query{Name: e.Names[0]})
			}
		})
	}
	wg.Go(func() {
		for i, e := range entries[2000:] {
			if err := ix.Put(e); err != nil {
				t.Error(err)
			}
			if i%2 == 0 {
				ix.Delete(fmt.Sprintf("W%07d", i+1))
			}
		}
	})
	wg.Wait()
	if ix.Len() != 2500 {
		t.Errorf("Len = %d", ix.Len())
	}
}

func TestGenerate(t *testing.T) {
	a, b := Generate(2000, 5), Generate(2000, 5)
	if !slices.EqualFunc(a, b, func(x, y Entry) bool { return x.ID == y.ID && slices.Equal(x.Names, y.Names) && x.DOB == y.DOB }) {
		t.Error("Generate is not reproducible")
	}
	vn, lao := 0, 0
	for _, e := range a {
		if len(e.Names) == 0 || e.ID == "" {
			t.Fatalf("bad entry %+v", e)
		}
		if _, err := ParseDOB(e.DOB); err != nil {
			t.Errorf("%s: %v", e.ID, err)
		}
		switch e.Nationality {
		case "VN":
			vn++
		case "LA":
			lao++
		}
		for _, n := range e.Names {
			if err := (Query{Name: n}).Validate(); err != nil {
				t.Errorf("%s: name %q: %v", e.ID, n, err)
			}
		}
	}
	if vn < 900 || lao < 700 {
		t.Errorf("VN %d, LA %d", vn, lao)
	}
	kinds := map[string]int{}
	for _, q := range Queries(a, 1000, 6) {
		kinds[q.Kind]++
		if err := q.Query.Validate(); err != nil {
			t.Errorf("%s query %q: %v", q.Kind, q.Query.Name, err)
		}
	}
	for _, k := range []string{KindExact, KindNoDiacritics, KindReordered, KindMissingMiddle, KindTypo1, KindTypo2, KindLaoToLatin, KindLatinToLao, KindNone} {
		if kinds[k] == 0 {
			t.Errorf("no %s queries", k)
		}
	}
}

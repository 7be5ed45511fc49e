package units_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/units"
)

// levelCounts counts a country's units by level and source.
func levelCounts(t *units.Tree, country string) map[string]int {
	n := map[string]int{}
	for _, u := range t.Units(country) {
		n[u.Source+"/"+u.Level]++
	}
	return n
}

func TestSeedCounts(t *testing.T) {
	e := mustSeeded(t)
	tr := e.svc.Tree()
	want := map[string]map[string]int{
		"VN": {"reference/ministry": 1, "reference/province": 15, "demo/district": 38, "demo/commune": 228},
		"LA": {"reference/ministry": 1, "reference/province": 10, "reference/district": 85, "demo/village": 202},
	}
	for c, w := range want {
		if got := levelCounts(tr, c); !reflect.DeepEqual(got, w) {
			t.Errorf("%s: got %v, want %v", c, got, w)
		}
	}
	if got := len(tr.AllCounterparts(borderlink.Date{})); got != 366 {
		t.Errorf("%d counterpart pairs, want 366", got)
	}
	for _, c := range []string{"VN", "LA"} {
		if len(tr.Roots(c)) != 1 || tr.Roots(c)[0].Code != c+"-MPS" {
			t.Errorf("roots of %s: %v", c, codes(tr.Roots(c)))
		}
	}
	// Every unit but the ministries has a parent in its own country, and
	// every code is well formed.
	for _, u := range tr.Units("") {
		if !units.ValidCode(u.Code) {
			t.Errorf("invalid code %s", u.Code)
		}
		if u.Level == units.LevelMinistry {
			continue
		}
		p, err := tr.Get(u.Parent)
		if err != nil || p.Country != u.Country {
			t.Errorf("%s: parent %q: %v", u.Code, u.Parent, err)
		}
	}
}

func TestSeedReform(t *testing.T) {
	tr := mustSeeded(t).svc.Tree()
	for _, old := range []string{"VN-44-2004", "VN-45-2004"} {
		u, err := tr.Get(old)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(u.Successors, []string{"VN-44"}) || u.ValidTo != borderlink.NewDate(2025, 6, 30) {
			t.Errorf("%s: successors %v, valid to %v", old, u.Successors, u.ValidTo)
		}
	}
	if got := tr.Predecessors("VN-44"); !slices.Equal(got, []string{"VN-44-2004", "VN-45-2004"}) {
		t.Errorf("predecessors of VN-44: %v", got)
	}
	for code, succ := range map[string]string{"VN-49-2004": "VN-48", "VN-48-2004": "VN-48", "VN-62-2004": "VN-51", "VN-51-2004": "VN-51"} {
		if u, _ := tr.Get(code); !slices.Equal(u.Successors, []string{succ}) {
			t.Errorf("%s: successors %v, want %s", code, u.Successors, succ)
		}
	}
	if u, _ := tr.Get("VN-46"); u.PlaceName.VI != "Huế" || !u.ValidFrom.IsZero() || !u.ValidTo.IsZero() {
		t.Errorf("VN-46 should be one continuing unit named Huế: %+v", u)
	}

	june := codes(tr.Children("VN-MPS", beforeReform))
	aug := codes(tr.Children("VN-MPS", afterReform))
	if !contains(june, "VN-44-2004") || contains(june, "VN-44") {
		t.Errorf("children of VN-MPS on %v: %v", beforeReform, june)
	}
	if !contains(aug, "VN-44") || contains(aug, "VN-44-2004") {
		t.Errorf("children of VN-MPS on %v: %v", afterReform, aug)
	}
	if len(june) != 12 || len(aug) != 9 {
		t.Errorf("%d provinces before the reform, %d after; want 12 and 9", len(june), len(aug))
	}

	// District police ended on 2025-03-01: their communes then report to
	// the province.
	if got := len(tr.Children("VN-11", earlier)); got != 5 {
		t.Errorf("VN-11 had %d districts on %v, want 5", got, earlier)
	}
	spring := borderlink.NewDate(2025, 4, 1)
	if got := tr.Children("VN-11", spring); len(got) != 20 || got[0].Level != units.LevelCommune {
		t.Errorf("VN-11 on %v: %v", spring, codes(got))
	}
	if got := tr.Children("VN-11", afterReform); len(got) != 10 || got[0].Code != "VN-11-C001" {
		t.Errorf("VN-11 on %v: %v", afterReform, codes(got))
	}
	if p, ok := tr.ParentOn("VN-11-D01-C01", spring); !ok || p.Code != "VN-11" {
		t.Errorf("parent of VN-11-D01-C01 on %v: %v", spring, p.Code)
	}
	if p, ok := tr.ParentOn("VN-11-D01-C01", earlier); !ok || p.Code != "VN-11-D01" {
		t.Errorf("parent of VN-11-D01-C01 on %v: %v", earlier, p.Code)
	}
	if u, _ := tr.Get("VN-11-D01-C01"); !slices.Equal(u.Successors, []string{"VN-11-C001"}) {
		t.Errorf("VN-11-D01-C01 successors: %v", u.Successors)
	}
}

func others(tr *units.Tree, code string, d borderlink.Date) []string {
	var out []string
	code, _ = tr.Canonical(code)
	for _, c := range tr.Counterparts(code, d) {
		out = append(out, c.Other(code))
	}
	slices.Sort(out)
	return out
}

func TestSeedCounterparts(t *testing.T) {
	tr := mustSeeded(t).svc.Tree()
	for _, c := range []struct {
		code string
		on   borderlink.Date
		want []string
	}{
		{"VN-MPS", afterReform, []string{"LA-MPS"}},
		{"VN-11", beforeReform, []string{"LA-02", "LA-06"}},
		{"VN-11", afterReform, []string{"LA-02", "LA-06"}},
		{"VN-44-2004", beforeReform, []string{"LA-12", "LA-13"}},
		{"VN-44-2004", afterReform, nil},
		{"VN-45-2004", beforeReform, []string{"LA-13", "LA-14"}},
		{"VN-44", beforeReform, nil},
		{"VN-44", afterReform, []string{"LA-12", "LA-13", "LA-14"}},
		{"LA-13", beforeReform, []string{"VN-44-2004", "VN-45-2004"}},
		{"LA-13", afterReform, []string{"VN-44"}},
		{"LA-PH", afterReform, []string{"VN-11"}},
		{"VN-62-2004", beforeReform, []string{"LA-17"}},
		{"VN-51", afterReform, []string{"LA-17"}},
		// District pairs end with the district police.
		{"VN-11-D04", earlier, []string{"LA-0202"}},
		{"VN-11-D04", beforeReform, nil},
		{"VN-11-D04-C01", beforeReform, []string{"LA-0202-V01"}},
		{"VN-11-C007", afterReform, []string{"LA-0202-V01", "LA-0202-V02"}},
	} {
		if got := others(tr, c.code, c.on); !slices.Equal(got, c.want) {
			t.Errorf("counterparts of %s on %v: %v, want %v", c.code, c.on, got, c.want)
		}
	}
	for _, c := range tr.AllCounterparts(borderlink.Date{}) {
		a, errA := tr.Get(c.A)
		b, errB := tr.Get(c.B)
		if errA != nil || errB != nil || a.Country != "LA" || b.Country != "VN" {
			t.Errorf("pair %+v: A must be the Lao unit and B the Vietnamese one", c)
		}
	}
}

func TestSeedIdempotent(t *testing.T) {
	ctx := context.Background()
	e := mustSeeded(t)
	before := e.svc.Tree().Units("")
	n := len(e.auditEntries(t))
	if n != 1 {
		t.Fatalf("the first seed recorded %d audit entries, want 1", n)
	}
	for range 2 {
		if err := e.svc.Seed(ctx, units.SeedOptions{Demo: true}); err != nil {
			t.Fatal(err)
		}
	}
	if got := len(e.auditEntries(t)); got != n {
		t.Errorf("seeding again recorded %d audit entries; it must change nothing", got-n)
	}
	if err := e.svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if after := e.svc.Tree().Units(""); !reflect.DeepEqual(before, after) {
		t.Error("seeding again changed the units")
	}
}

func TestSeedOneCountryAtATime(t *testing.T) {
	ctx := context.Background()
	whole := mustSeeded(t).svc.Tree()
	e := mustEnv(t)
	for _, c := range []string{"la", "VN"} {
		if err := e.svc.Seed(ctx, units.SeedOptions{Demo: true, Country: c}); err != nil {
			t.Fatal(err)
		}
	}
	parts := e.svc.Tree()
	if !reflect.DeepEqual(whole.Units(""), parts.Units("")) || !reflect.DeepEqual(whole.AllCounterparts(borderlink.Date{}), parts.AllCounterparts(borderlink.Date{})) ||
		!reflect.DeepEqual(whole.Levels("VN", borderlink.Date{}), parts.Levels("VN", borderlink.Date{})) {
		t.Error("seeding LA then VN differs from seeding both")
	}
	if err := e.svc.Seed(ctx, units.SeedOptions{Country: "TH"}); !borderlink.IsCode(err, borderlink.EInvalid) {
		t.Errorf("seeding TH: %v, want EInvalid", err)
	}
}

func TestSeedReferenceOnly(t *testing.T) {
	e := mustEnv(t)
	if err := e.svc.Seed(context.Background(), units.SeedOptions{}); err != nil {
		t.Fatal(err)
	}
	tr := e.svc.Tree()
	if tr.Len() != 16+96 {
		t.Errorf("%d reference units, want 112", tr.Len())
	}
	if got := len(tr.AllCounterparts(borderlink.Date{})); got != 24 {
		t.Errorf("%d reference pairs, want 24", got)
	}
	es := e.auditEntries(t)
	if len(es) != 1 || es[0].Action != "unit.seed" || es[0].Actor != "system" {
		t.Errorf("audit: %+v", es)
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	e := mustSeeded(t)
	fresh := units.NewService(store.Domain[units.Tx]{S: e.st}, e.log, nil)
	if fresh.Tree().Len() != 0 {
		t.Fatal("a new service's tree is not empty")
	}
	if err := fresh.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fresh.Tree().Units(""), e.svc.Tree().Units("")) {
		t.Error("Load does not give the seeded tree")
	}
	if _, err := fresh.Tree().Get("LA-XE"); err != nil {
		t.Errorf("alias after Load: %v", err)
	}
}

// TestReadsDuringWrites reads the tree while a seed and an import run; run
// with -race.
func TestReadsDuringWrites(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := e.svc.Seed(ctx, units.SeedOptions{Demo: true}); err != nil {
			t.Error(err)
		}
		if _, err := e.svc.ImportCSV(ctx, "admin", strings.NewReader(goodCSV)); err != nil {
			t.Error(err)
		}
	}()
	for {
		tr := e.svc.Tree()
		tr.Search("dien bien", borderlink.LangVI, 5)
		tr.Children("VN-MPS", afterReform)
		select {
		case <-done:
			if !e.svc.Tree().Exists("VN-11-C101") {
				t.Error("the import is not visible")
			}
			if e.svc.Today() != borderlink.NewDate(2025, 9, 1) {
				t.Errorf("Today = %v", e.svc.Today())
			}
			return
		default:
		}
	}
}

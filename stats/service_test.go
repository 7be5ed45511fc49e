package stats_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"path/filepath"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
	"github.com/borderlink/borderlink/units"
)

type env struct {
	ctx context.Context
	st  store.Store
	svc *stats.Service
}

// treeOf serves a fixed unit tree.
type treeOf struct{ t *units.Tree }

func (t treeOf) Tree() *units.Tree { return t.t }

func newEnv(t *testing.T) *env { return newEnvTB(t) }

func newEnvTB(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "vn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	clock := borderlink.NewFakeClock(time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC))
	log, err := audit.NewLog("vn.mps", key, clock)
	if err != nil {
		t.Fatal(err)
	}
	d, err := units.BuiltIn(true)
	if err != nil {
		t.Fatal(err)
	}
	drugs, err := refdata.DrugTypes()
	if err != nil {
		t.Fatal(err)
	}
	svc, err := stats.NewService(stats.Options{DB: store.Domain[stats.Tx]{S: st}, Log: log, Units: treeOf{units.NewTree(d)},
		Drugs: drugs, Self: "vn.mps", Country: "VN", Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	return &env{ctx: ctx, st: st, svc: svc}
}

func (e *env) put(t *testing.T, fs ...stats.Fact) {
	t.Helper()
	err := e.st.Update(e.ctx, func(tx store.Tx) error { return e.svc.Put(e.ctx, tx, fs) })
	if err != nil {
		t.Fatal(err)
	}
}

func kg(n int64) stats.Totals { return stats.Totals{Cases: 1, Milligrams: n * 1_000_000} }

func fact(id, day, place string, t stats.Totals) stats.Fact {
	return stats.Fact{ID: id, Source: stats.SourceRecord, Day: borderlink.MustParseDate(day), Place: place,
		Agency: stats.AgencyPolice, Drug: "HEROIN", Totals: t}
}

func TestLocateAcrossTheReform(t *testing.T) {
	e := newEnv(t)
	res := e.svc.Resolver()
	for _, c := range []struct {
		place, day, prov, old string
	}{
		{"VN-44-D01-C01", "2024-05-01", "VN-44", "VN-44-2004"}, // a Quảng Bình commune before the reform
		{"VN-45-D02-C03", "2025-06-30", "VN-44", "VN-45-2004"}, // old Quảng Trị, its last day
		{"VN-44-C001", "2025-07-01", "VN-44", "VN-44-2004"},    // a new commune made of Quảng Bình communes
		{"VN-44-C013", "2026-01-10", "VN-44", "VN-45-2004"},    // … and one made of old Quảng Trị ones
		{"VN-44", "2026-01-10", "VN-44", ""},                   // the new province itself: no old one
		{"VN-44-2004", "2020-01-10", "VN-44", "VN-44-2004"},
		{"VN-40", "2026-01-10", "VN-40", "VN-40"}, // Nghệ An did not change
		{"VN-MPS", "2026-01-10", "", ""},          // the ministry: its country only
	} {
		p, err := res.Locate(c.place, borderlink.MustParseDate(c.day))
		if err != nil {
			t.Errorf("Locate(%s, %s): %v", c.place, c.day, err)
			continue
		}
		if p.Province != c.prov || p.OldProvince != c.old || p.Country != "VN" {
			t.Errorf("Locate(%s, %s) = %+v, want province %q, old %q", c.place, c.day, p, c.prov, c.old)
		}
	}
	for _, c := range []struct{ place, day, key string }{
		{"VN-44-C001", "2025-06-30", "error.stats_place_not_on_date"}, // a new commune before it existed
		{"VN-44-D01", "2025-05-01", "error.stats_place_not_on_date"},  // a district after districts ended
		{"VN-99", "2025-05-01", "error.stats_place_unknown"},
	} {
		_, err := res.Locate(c.place, borderlink.MustParseDate(c.day))
		if be := borderlink.AsError(err); be == nil || be.Key != c.key {
			t.Errorf("Locate(%s, %s) = %v, want %s", c.place, c.day, err, c.key)
		}
	}
}

// TestTotalsBothWaysAcrossTheMerger records seizures in Quảng Bình and
// Quảng Trị before 1 July 2025 and in the merged Quảng Trị after it, and
// asks for the totals by the new province and by the two old ones.
func TestTotalsBothWaysAcrossTheMerger(t *testing.T) {
	e := newEnv(t)
	e.put(t,
		fact("a", "2025-03-10", "VN-44-D01-C01", kg(1)),  // Quảng Bình
		fact("b", "2025-06-30", "VN-44-2004", kg(2)),     // Quảng Bình, placed at the province
		fact("c", "2025-04-02", "VN-45-D01-C02", kg(4)),  // old Quảng Trị
		fact("d", "2025-07-01", "VN-44-C002", kg(8)),     // new commune from Quảng Bình communes
		fact("e", "2025-09-15", "VN-44-C012", kg(16)),    // new commune from old Quảng Trị communes
		fact("f", "2025-10-01", "VN-44", kg(32)),         // the new province: no old one
		fact("g", "2025-05-05", "VN-40-D01-C01", kg(64)), // Nghệ An, not part of it
	)
	sys := auth.System("test")
	sum := func(from, to string, provs ...string) int64 {
		t.Helper()
		rows, err := e.svc.Sum(e.ctx, sys, stats.Filter{From: borderlink.MustParseDate(from), To: borderlink.MustParseDate(to), Provinces: provs})
		if err != nil {
			t.Fatal(err)
		}
		var mg int64
		for _, r := range rows {
			mg += r.Milligrams
		}
		return mg / 1_000_000
	}
	year := [2]string{"2025-01-01", "2025-12-31"}
	if got := sum(year[0], year[1], "VN-44"); got != 63 {
		t.Errorf("new Quảng Trị in 2025: %d kg, want 63 (everything in both old provinces and the new one)", got)
	}
	qb, qt := sum(year[0], year[1], "VN-44-2004"), sum(year[0], year[1], "VN-45-2004")
	if qb != 11 || qt != 20 {
		t.Errorf("old Quảng Bình %d kg (want 11), old Quảng Trị %d kg (want 20)", qb, qt)
	}
	// Before the reform the new province is exactly the sum of the old two.
	before := [2]string{"2025-01-01", "2025-06-30"}
	if n, o := sum(before[0], before[1], "VN-44"), sum(before[0], before[1], "VN-44-2004")+sum(before[0], before[1], "VN-45-2004"); n != o || n != 7 {
		t.Errorf("first half of 2025: new province %d kg, old provinces together %d kg; want 7 both ways", n, o)
	}
	// After it, the old provinces still add up to the new one except what
	// was placed at the new province alone.
	after := [2]string{"2025-07-01", "2025-12-31"}
	if n, o := sum(after[0], after[1], "VN-44"), sum(after[0], after[1], "VN-44-2004", "VN-45-2004"); n != 56 || o != 24 {
		t.Errorf("second half: new province %d kg (want 56), old provinces %d kg (want 24)", n, o)
	}
	if got := sum(year[0], year[1], "VN-40"); got != 64 {
		t.Errorf("Nghệ An: %d kg, want 64", got)
	}
}

func TestVisibilityByGrant(t *testing.T) {
	e := newEnv(t)
	e.put(t,
		fact("a", "2026-02-01", "VN-40-C001", kg(1)), // a Nghệ An commune
		fact("b", "2026-02-01", "VN-42", kg(10)),     // Hà Tĩnh
		stats.Fact{ID: "rel:c", Origin: "la.mps", Source: stats.SourceRelease, Day: borderlink.MustParseDate("2026-02-01"),
			Place: "LA-07", Agency: stats.AgencyPolice, Drug: "OPIUM", Totals: kg(100)},
	)
	f := stats.Filter{From: borderlink.MustParseDate("2026-01-01"), To: borderlink.MustParseDate("2026-12-31")}
	total := func(p auth.Principal) (int64, error) {
		s, err := e.svc.Summary(e.ctx, p, f)
		return s.Total.Current.Milligrams / 1_000_000, err
	}
	analyst := func(unit string) auth.Principal {
		return auth.Principal{Username: "a", Via: auth.ViaSession, Grants: []auth.Grant{{Role: auth.RoleAnalyst, Unit: unit}}}
	}
	for _, c := range []struct {
		who  string
		p    auth.Principal
		want int64
	}{
		{"ministry analyst", analyst("VN-MPS"), 111},
		{"Nghệ An analyst", analyst("VN-40"), 101},
		{"Nghệ An district analyst", analyst("VN-40-D01"), 101},
	} {
		got, err := total(c.p)
		if err != nil || got != c.want {
			t.Errorf("%s: %d kg, %v; want %d kg", c.who, got, err, c.want)
		}
	}
	officer := auth.Principal{Username: "o", Via: auth.ViaSession, Grants: []auth.Grant{{Role: auth.RoleOfficer, Unit: "VN-MPS"}}}
	if _, err := total(officer); !borderlink.IsCode(err, borderlink.EForbidden) {
		t.Errorf("an officer without stats.read: %v, want forbidden", err)
	}
}

func TestSummaryComparesWithThePreviousPeriod(t *testing.T) {
	e := newEnv(t)
	meth := func(id, day string, pills int64) stats.Fact {
		f := fact(id, day, "VN-11", stats.Totals{Cases: 1, Arrests: 2, Pieces: pills, Milligrams: pills * 100})
		f.Drug = "METH_TABLET"
		return f
	}
	e.put(t, fact("h1", "2026-03-05", "VN-11", kg(3)), meth("m1", "2026-03-20", 10000), fact("h0", "2026-02-14", "VN-11", kg(1)),
		meth("m0", "2026-02-03", 500), fact("old", "2026-01-31", "VN-11", kg(9)))
	f := stats.Filter{From: borderlink.MustParseDate("2026-03-01"), To: borderlink.MustParseDate("2026-03-31")}
	s, err := e.svc.Summary(e.ctx, auth.System("test"), f)
	if err != nil {
		t.Fatal(err)
	}
	if s.PreviousFrom.String() != "2026-02-01" || s.PreviousTo.String() != "2026-02-28" {
		t.Errorf("previous period %s–%s, want February (the month before March)", s.PreviousFrom, s.PreviousTo)
	}
	if s.Total.Current.Cases != 2 || s.Total.Previous.Cases != 2 || s.Total.Current.Arrests != 2 {
		t.Errorf("totals %+v", s.Total)
	}
	if len(s.ByDrug) != 2 || s.ByDrug[0].Key != "HEROIN" || s.ByDrug[0].Current.Milligrams != 3e6 || s.ByDrug[0].Previous.Milligrams != 1e6 ||
		s.ByDrug[1].Current.Pieces != 10000 || s.ByDrug[1].Previous.Pieces != 500 {
		t.Errorf("by drug %+v", s.ByDrug)
	}
	if len(s.ByProvince) != 1 || s.ByProvince[0].Key != "VN-11" || len(s.ByMonth) != 1 || s.ByMonth[0].Month != "2026-03" {
		t.Errorf("by province %+v, by month %+v", s.ByProvince, s.ByMonth)
	}
}

func TestBadFactsAndFilters(t *testing.T) {
	e := newEnv(t)
	e.put(t, fact("keep", "2026-01-01", "VN-11", kg(5)))
	for _, c := range []struct {
		f   stats.Fact
		key string
	}{
		{fact("x", "2026-12-01", "VN-11", kg(1)), "error.stats_date_future"},
		{fact("x", "1980-12-01", "VN-11", kg(1)), "error.stats_date_too_old"},
		{fact("x", "2026-01-01", "VN-44-2004", kg(1)), "error.stats_place_not_on_date"},
		{fact("x", "2026-01-01", "NOWHERE", kg(1)), "error.stats_place_unknown"},
		{func() stats.Fact { f := fact("x", "2026-01-01", "VN-11", kg(1)); f.Drug = "SUGAR"; return f }(), "error.stats_drug_unknown"},
		{func() stats.Fact { f := fact("x", "2026-01-01", "VN-11", kg(1)); f.Agency = "army"; return f }(), "error.stats_agency_unknown"},
		{fact("x", "2026-01-01", "VN-11", stats.Totals{Milligrams: -5}), "error.stats_quantity_negative"},
		{fact("x", "2026-01-01", "VN-11", stats.Totals{Milligrams: stats.MaxMilligrams + 1}), "error.stats_figure_absurd"},
	} {
		err := e.st.Update(e.ctx, func(tx store.Tx) error {
			return e.svc.Put(e.ctx, tx, []stats.Fact{fact("y", "2026-01-02", "VN-11", kg(1)), c.f})
		})
		if be := borderlink.AsError(err); be == nil || be.Key != c.key {
			t.Errorf("fact %+v: %v, want %s", c.f, err, c.key)
		}
	}
	rows, err := e.svc.Sum(e.ctx, auth.System("t"), stats.Filter{From: borderlink.MustParseDate("2026-01-01"), To: borderlink.MustParseDate("2026-01-31")})
	if err != nil || len(rows) != 1 || rows[0].Facts != 1 || rows[0].Milligrams != 5e6 {
		t.Errorf("after refused facts the store holds %+v, %v; want only the first fact", rows, err)
	}
	d := borderlink.MustParseDate
	for _, c := range []struct {
		f   stats.Filter
		key string
	}{
		{stats.Filter{}, "error.stats_period_missing"},
		{stats.Filter{From: d("2026-02-01"), To: d("2026-01-01")}, "error.stats_period_reversed"},
		{stats.Filter{From: d("1900-01-01"), To: d("2026-01-01")}, "error.stats_period_long"},
		{stats.Filter{From: d("2026-01-01"), To: d("2026-02-01"), Provinces: []string{"VN-40-D01"}}, "error.stats_not_province"},
		{stats.Filter{From: d("2026-01-01"), To: d("2026-02-01"), Drugs: []string{"SUGAR"}}, "error.stats_drug_unknown"},
		{stats.Filter{From: d("2026-01-01"), To: d("2026-02-01"), Country: "TH"}, "error.unknown_country"},
	} {
		_, err := e.svc.Sum(e.ctx, auth.System("t"), c.f)
		if be := borderlink.AsError(err); be == nil || be.Key != c.key {
			t.Errorf("filter %+v: %v, want %s", c.f, err, c.key)
		}
	}
}

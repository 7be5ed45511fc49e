package stats_test

import (
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/store"
)

// benchEnv is a node's statistics holding ten years of the demonstration
// history of Vietnam (some 22,000 figures). borderlink bench stats
// measures the same questions on millions of records.
func benchEnv(b *testing.B) *env {
	b.Helper()
	e := newEnvTB(b)
	fs := stats.DemoHistory(e.svc.Resolver(), "VN", "vn.mps", borderlink.NewDate(2016, 1, 1), borderlink.NewDate(2026, 10, 31))
	if err := e.st.Update(e.ctx, func(tx store.Tx) error { return tx.Stats().PutFacts(e.ctx, fs) }); err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkDashboard is one dashboard of the eight conference provinces
// over a year (the period and the previous one, every breakdown).
func BenchmarkDashboard(b *testing.B) {
	e := benchEnv(b)
	f := stats.Filter{From: borderlink.NewDate(2025, 1, 15), To: borderlink.NewDate(2026, 1, 20),
		Provinces: []string{"VN-11", "VN-14", "VN-38", "VN-40", "LA-02", "LA-06", "LA-07", "LA-09"}}
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.svc.Summary(e.ctx, auth.System("bench"), f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDashboardCountry is the whole country over three years, the
// largest question a dashboard asks.
func BenchmarkDashboardCountry(b *testing.B) {
	e := benchEnv(b)
	f := stats.Filter{From: borderlink.NewDate(2022, 3, 10), To: borderlink.NewDate(2025, 3, 9)}
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.svc.Summary(e.ctx, auth.System("bench"), f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPutSeizure records one seizure's figures with its roll-ups, as
// the cases service does, each its own transaction.
func BenchmarkPutSeizure(b *testing.B) {
	e := newEnvTB(b)
	i := 0
	for b.Loop() {
		i++
		f := stats.Fact{ID: "rec:b" + borderlink.NewID(), Source: stats.SourceRecord, Day: borderlink.NewDate(2026, 3, 1+i%28),
			Place: "VN-40", Agency: stats.AgencyPolice, Drug: "HEROIN", Totals: stats.Totals{Cases: 1, Milligrams: 1_000_000}}
		if err := e.st.Update(e.ctx, func(tx store.Tx) error { return e.svc.Put(e.ctx, tx, []stats.Fact{f}) }); err != nil {
			b.Fatal(err)
		}
	}
}

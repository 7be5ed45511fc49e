package plans_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/plans"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
	"github.com/borderlink/borderlink/units"
)

// demoNode is vn.mps holding the bilateral plan of 2026 with a task per
// commune of every facing province of both sides (plans.DemoPlan: the
// Lao tasks as received from la.mps), and a year of seizure figures in
// those provinces.
func demoNode(tb testing.TB, asOf borderlink.Date) (*plans.Service, plans.Plan, int) {
	tb.Helper()
	clock := borderlink.NewFakeClock(asOf.Time().Add(10 * time.Hour))
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "vn.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	log, err := audit.NewLog("vn.mps", key, clock)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := units.BuiltIn(true)
	if err != nil {
		tb.Fatal(err)
	}
	tree := units.NewTree(d)
	drugs, err := refdata.DrugTypes()
	if err != nil {
		tb.Fatal(err)
	}
	unitsOf := domaintest.TreeOf{T: tree}
	sts, err := stats.NewService(stats.Options{DB: store.Domain[stats.Tx]{S: st}, Log: log, Units: unitsOf, Drugs: drugs,
		Self: "vn.mps", Country: "VN", Clock: clock})
	if err != nil {
		tb.Fatal(err)
	}
	svc, err := plans.NewService(plans.Options{DB: store.Domain[plans.Tx]{S: st}, Log: log, Units: unitsOf, Self: "vn.mps",
		Country: "VN", Clock: clock, Stats: sts})
	if err != nil {
		tb.Fatal(err)
	}
	a, pl, tasks := plans.DemoPlan(tree, 2026, asOf, plans.DemoSide{Node: "vn.mps", Country: "VN"}, plans.DemoSide{Node: "la.mps", Country: "LA"})
	var facts []stats.Fact
	for i, prov := range pl.Provinces {
		for d := pl.From; d.Before(asOf); d = d.AddDays(7) {
			facts = append(facts, stats.Fact{ID: fmt.Sprintf("f-%s-%s", prov, d), Source: stats.SourceDemo, Day: d, Place: prov,
				Agency: stats.AgencyPolice, Drug: []string{"HEROIN", "METH_CRYSTAL"}[i%2],
				Totals: stats.Totals{Cases: 1, Arrests: 2, Milligrams: int64(250_000 + i*1000)}})
		}
	}
	err = st.Update(ctx, func(tx store.Tx) error {
		if err := sts.Put(ctx, tx, facts); err != nil {
			return err
		}
		if err := tx.Plans().PutAgreement(ctx, a); err != nil {
			return err
		}
		if err := tx.Plans().PutPlan(ctx, pl); err != nil {
			return err
		}
		for _, t := range tasks {
			if err := tx.Plans().PutTask(ctx, t); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return svc, pl, len(tasks)
}

// TestDemoPlanCoversBothSides checks the generator the benchmark runs on:
// a task per commune of the facing provinces of both sides, every status
// present on the day, and the progress page computing each indicator.
func TestDemoPlanCoversBothSides(t *testing.T) {
	asOf := day("2026-06-15")
	svc, pl, n := demoNode(t, asOf)
	want := 0
	for _, c := range plans.CommuneCounts {
		want += c
	}
	pg, err := svc.PlanProgress(context.Background(), vnAnalyst, pl.ID, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if n != want || len(pg.Tasks) != want {
		t.Fatalf("%d tasks generated, %d on the page, want %d", n, len(pg.Tasks), want)
	}
	own, computed := 0, 0
	for _, ts := range pg.Tasks {
		if ts.Own {
			own++
		}
		if ts.Task.Indicator.Kind.Computed() && ts.Own && ts.Computed && ts.Actual > 0 {
			computed++
		}
	}
	if own == 0 || own == n || computed == 0 {
		t.Errorf("own %d of %d, computed %d", own, n, computed)
	}
	for _, st := range plans.Statuses() {
		if pg.ByStatus[st] == 0 {
			t.Errorf("no task is %s: %v", st, pg.ByStatus)
		}
	}
}

// BenchmarkPlanProgress times the progress page of the bilateral plan
// with a task per commune of the facing provinces of both sides.
func BenchmarkPlanProgress(b *testing.B) {
	asOf := day("2026-06-15")
	svc, pl, n := demoNode(b, asOf)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := svc.PlanProgress(ctx, vnAnalyst, pl.ID, asOf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "tasks")
}

// BenchmarkOverdue times the overdue alerts over the same plan.
func BenchmarkOverdue(b *testing.B) {
	asOf := day("2026-06-15")
	svc, _, n := demoNode(b, asOf)
	ctx := context.Background()
	var overdue int
	for b.Loop() {
		od, err := svc.Overdue(ctx, vnAnalyst, asOf)
		if err != nil {
			b.Fatal(err)
		}
		overdue = len(od)
	}
	b.ReportMetric(float64(n), "tasks")
	b.ReportMetric(float64(overdue), "overdue")
}

package communes_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/communes"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
	"github.com/borderlink/borderlink/units"
)

// laVillages is about how many villages each Lao province facing Vietnam
// has (public figures, rounded): the built-in demo tree holds only the
// border villages, so the benchmark adds villages to each district until
// its province has its real number.
var laVillages = map[string]int{"LA-02": 470, "LA-06": 750, "LA-07": 720, "LA-09": 480, "LA-11": 300,
	"LA-12": 590, "LA-13": 1010, "LA-14": 620, "LA-15": 240, "LA-17": 150}

// scaledTree returns the built-in tree with every village of the ten
// provinces.
func scaledTree(tb testing.TB) *units.Tree {
	d, err := units.BuiltIn(true)
	if err != nil {
		tb.Fatal(err)
	}
	t := units.NewTree(d)
	for prov, want := range laVillages {
		districts := t.Children(prov, borderlink.Date{})
		have := 0
		for _, dd := range districts {
			have += len(t.Children(dd.Code, borderlink.Date{}))
		}
		for i := 0; have < want; i++ {
			dd := districts[i%len(districts)]
			code := fmt.Sprintf("%s-S%04d", dd.Code, i)
			name := borderlink.Text{VI: "Bản " + code, LO: "ບ້ານ " + code, EN: "Ban " + code}
			d.Units = append(d.Units, units.Unit{Code: code, Country: "LA", Level: units.LevelVillage, Parent: dd.Code,
				Name: name, PlaceName: name, Source: units.SourceDemo})
			have++
		}
	}
	return units.NewTree(d)
}

// BenchmarkProvinceDashboard times the dashboard of Savannakhet, the
// largest province, on a node holding three years of assessments of every
// village of the ten Lao provinces facing Vietnam.
func BenchmarkProvinceDashboard(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "la.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	log, err := audit.NewLog("la.mps", key, borderlink.NewFakeClock(now))
	if err != nil {
		b.Fatal(err)
	}
	svc, err := communes.NewService(communes.Options{DB: store.Domain[communes.Tx]{S: st}, Log: log,
		Units: domaintest.TreeOf{T: scaledTree(b)}, Country: "LA", Clock: borderlink.NewFakeClock(now)})
	if err != nil {
		b.Fatal(err)
	}
	provinces := make([]string, 0, len(laVillages))
	for p := range laVillages {
		provinces = append(provinces, p)
	}
	res, err := svc.SeedDemo(ctx, auth.System("bench"), communes.DemoOptions{Provinces: provinces, Years: []int{2023, 2024, 2025}, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	p := auth.System("bench")
	var d communes.Dashboard
	b.ResetTimer()
	for b.Loop() {
		if d, err = svc.Dashboard(ctx, p, "LA-13", borderlink.Date{}, borderlink.Date{}, borderlink.Date{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Records()), "records")
	b.ReportMetric(float64(res.Assessments), "assessments")
	b.ReportMetric(float64(res.Communes), "communes")
	b.ReportMetric(float64(d.Total.Communes), "province_communes")
}

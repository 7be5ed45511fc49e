package stats

import (
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/units"
)

type fixedTree struct{ t *units.Tree }

func (f fixedTree) Tree() *units.Tree { return f.t }

// TestReleasedMonthsChecked feeds the Lao node released Vietnamese months,
// good and bad: only a well-formed month about the partner's own country
// becomes facts.
func TestReleasedMonthsChecked(t *testing.T) {
	d, err := units.BuiltIn(false)
	if err != nil {
		t.Fatal(err)
	}
	drugs, _ := refdata.DrugTypes()
	s := &Service{units: fixedTree{units.NewTree(d)}, drugs: drugs, country: "LA", self: "la.mps",
		clock: borderlink.NewFakeClock(time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC))}
	good := wireRelease{Country: "VN", Month: "2025-03", Rows: []wireRow{
		{Province: "VN-44", OldProvince: "VN-45-2004", Agency: AgencyPolice, Drug: "HEROIN", Facts: 3, Totals: Totals{Cases: 3, Milligrams: 5e6}},
		{Province: "VN-40", OldProvince: "VN-40", Agency: AgencyCustoms, Drug: "", Facts: 1, Totals: Totals{Arrests: 2}},
	}}
	fs, err := s.releasedFacts("vn.mps", good)
	if err != nil || len(fs) != 2 {
		t.Fatalf("good month: %v, %v", fs, err)
	}
	if f := fs[0]; f.Day.String() != "2025-03-31" || f.Origin != "vn.mps" || f.Source != SourceRelease || f.Province != "VN-44" ||
		f.OldProvince != "VN-45-2004" || f.ID != "rel:vn.mps:2025-03:VN-44:VN-45-2004:police:HEROIN" {
		t.Errorf("released fact %+v", f)
	}
	bad := func(name string, mod func(*wireRelease)) {
		w := good
		w.Rows = append([]wireRow(nil), good.Rows...)
		mod(&w)
		if _, err := s.releasedFacts("vn.mps", w); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	bad("figures about the receiver's own country", func(w *wireRelease) { w.Country = "LA" })
	bad("a third country", func(w *wireRelease) { w.Country = "TH" })
	bad("a month not over", func(w *wireRelease) { w.Month = "2026-11" })
	bad("a malformed month", func(w *wireRelease) { w.Month = "2025-3" })
	bad("a Lao province in Vietnam's figures", func(w *wireRelease) { w.Rows[0].Province = "LA-07" })
	bad("a district instead of a province", func(w *wireRelease) { w.Rows[0].Province = "VN-40-D01" })
	bad("an unknown drug", func(w *wireRelease) { w.Rows[0].Drug = "SUGAR" })
	bad("an unknown agency", func(w *wireRelease) { w.Rows[0].Agency = "army" })
	bad("a negative figure", func(w *wireRelease) { w.Rows[0].Milligrams = -1 })
	bad("a row twice", func(w *wireRelease) { w.Rows[1] = w.Rows[0] })
}

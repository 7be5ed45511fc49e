package stats

import (
	"time"

	"github.com/borderlink/borderlink"
)

// Agency is the force that made a seizure or an arrest. Conference reports
// give the figures of the police, the border guard and customs side by
// side.
type Agency string

const (
	AgencyPolice      Agency = "police"
	AgencyBorderGuard Agency = "border_guard"
	AgencyCustoms     Agency = "customs"
	AgencyOther       Agency = "other" // a joint force or another agency
)

// Agencies lists every agency in the order the interface offers them.
func Agencies() []Agency {
	return []Agency{AgencyPolice, AgencyBorderGuard, AgencyCustoms, AgencyOther}
}

// Valid reports whether a is one of Agencies.
func (a Agency) Valid() bool {
	switch a {
	case AgencyPolice, AgencyBorderGuard, AgencyCustoms, AgencyOther:
		return true
	}
	return false
}

// Sources of a fact.
const (
	SourceRecord  = "record"  // derived from a record of this node (a seizure, an arrest)
	SourceImport  = "import"  // a row of an imported spreadsheet
	SourceRelease = "release" // statistics a partner node released to this one
	SourceDemo    = "demo"    // generated demonstration history
)

// Totals are the figures of one fact or the sum of many. Quantities are in
// the stored units of their dimension (see Dimension).
type Totals struct {
	Cases      int64 `json:"cases"`       // cases detected and handled
	Arrests    int64 `json:"arrests"`     // persons arrested
	Milligrams int64 `json:"milligrams"`  // weight seized
	Pieces     int64 `json:"pieces"`      // pills, blocks, plants counted
	Millilitre int64 `json:"millilitres"` // liquid seized
	SquareM    int64 `json:"square_m"`    // area of crops destroyed
}

// Add returns t + o.
func (t Totals) Add(o Totals) Totals {
	return Totals{t.Cases + o.Cases, t.Arrests + o.Arrests, t.Milligrams + o.Milligrams,
		t.Pieces + o.Pieces, t.Millilitre + o.Millilitre, t.SquareM + o.SquareM}
}

// Neg returns -t, the change that takes t away again.
func (t Totals) Neg() Totals {
	return Totals{-t.Cases, -t.Arrests, -t.Milligrams, -t.Pieces, -t.Millilitre, -t.SquareM}
}

// IsZero reports whether every figure is zero.
func (t Totals) IsZero() bool { return t == Totals{} }

// Kilograms returns the weight in kilograms.
func (t Totals) Kilograms() float64 { return float64(t.Milligrams) / 1e6 }

// Fact is one contribution to the statistics: what happened on a day at a
// place, found by an agency, about one drug type (or none, for a case or an
// arrest counted on its own).
//
// ID is stable for the thing the fact stands for ("rec:<record id>",
// "imp:<key>", "rel:<origin>:…"), so storing a fact again replaces it and
// re-importing a spreadsheet creates nothing twice.
type Fact struct {
	ID      string            `json:"id"`
	Origin  borderlink.NodeID `json:"origin"` // the node whose figure it is
	Source  string            `json:"source"`
	Day     borderlink.Date   `json:"day"`
	Place   string            `json:"place"` // unit code
	Country string            `json:"country"`
	// Province is the province covering Place today, and OldProvince the
	// one that covered it before Vietnam's 2025 reform ("" when that cannot
	// be told, such as for a fact placed only at a new province). Both are
	// set by Resolver.Locate, never by hand.
	Province    string `json:"province"`
	OldProvince string `json:"old_province"`
	Agency      Agency `json:"agency"`
	Drug        string `json:"drug,omitempty"`  // drug type code
	Batch       string `json:"batch,omitempty"` // the import that wrote it
	Totals      `json:"totals"`
	Recorded    time.Time `json:"recorded"`
}

// Key is the roll-up a fact is summed into: every dimension a dashboard
// filters or groups by. Facts with equal keys are indistinguishable to
// the statistics.
type Key struct {
	Day         borderlink.Date
	Country     string
	Province    string
	OldProvince string
	Agency      Agency
	Drug        string
}

// Key returns the roll-up key of f.
func (f Fact) Key() Key {
	return Key{Day: f.Day, Country: f.Country, Province: f.Province, OldProvince: f.OldProvince, Agency: f.Agency, Drug: f.Drug}
}

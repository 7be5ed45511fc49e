package units

import (
	"slices"

	"github.com/borderlink/borderlink"
)

// Level codes. A country's hierarchy uses a subset of them, each with a rank
// (0 = ministry, then 1, 2, 3 downwards).
const (
	LevelMinistry = "ministry"
	LevelProvince = "province"
	LevelDistrict = "district"
	LevelCommune  = "commune"
	LevelVillage  = "village"
)

// Sources of a unit's record.
const (
	SourceReference = "reference" // the embedded reference data (package refdata)
	SourceDemo      = "demo"      // generated demonstration data
	SourceImport    = "import"    // a CSV import
)

// Country is a country whose police use BorderLink. Code is the ISO 3166-1
// alpha-2 code ("VN", "LA").
type Country struct {
	Code string          `json:"code"`
	Name borderlink.Text `json:"name"`
}

// Level is one level of a country's police hierarchy over a period of time.
// A level code may have several records when its name changed (Vietnam's
// commune level: "xã/phường/thị trấn" until 2025-06-30, "xã/phường/đặc khu"
// from 2025-07-01); records of one code do not overlap. Rank orders the
// levels of a country, 0 being the ministry.
type Level struct {
	Country   string          `json:"country"`
	Code      string          `json:"code"`
	Rank      int             `json:"rank"`
	Name      borderlink.Text `json:"name"`
	ValidFrom borderlink.Date `json:"valid_from"`
	ValidTo   borderlink.Date `json:"valid_to"`
}

// ActiveOn reports whether the level was in force on d (both bounds
// inclusive, a zero bound open).
func (l Level) ActiveOn(d borderlink.Date) bool { return d.Within(l.ValidFrom, l.ValidTo) }

// Unit is a police unit. Code is its stable identifier; Parent is the code of
// the unit above it ("" for a ministry); Name is the unit's own name ("Công
// an tỉnh Điện Biên") and PlaceName the name of the place it serves ("Điện
// Biên"). A unit exists from ValidFrom to ValidTo inclusive (a zero bound is
// open); Successors are the units that took over its area when it ended.
// Border marks units whose area touches the Vietnam–Laos border.
type Unit struct {
	Code       string          `json:"code"`
	Country    string          `json:"country"`
	Level      string          `json:"level"`
	Parent     string          `json:"parent,omitempty"`
	Name       borderlink.Text `json:"name"`
	PlaceName  borderlink.Text `json:"place_name"`
	ValidFrom  borderlink.Date `json:"valid_from"`
	ValidTo    borderlink.Date `json:"valid_to"`
	Successors []string        `json:"successors,omitempty"`
	Border     bool            `json:"border"`
	Source     string          `json:"source"`
}

// ActiveOn reports whether the unit existed on d.
func (u Unit) ActiveOn(d borderlink.Date) bool { return d.Within(u.ValidFrom, u.ValidTo) }

// Equal reports whether u and o hold the same values (successors compared as
// sets).
func (u Unit) Equal(o Unit) bool {
	if u.Code != o.Code || u.Country != o.Country || u.Level != o.Level || u.Parent != o.Parent ||
		u.Name != o.Name || u.PlaceName != o.PlaceName || u.ValidFrom != o.ValidFrom || u.ValidTo != o.ValidTo ||
		u.Border != o.Border || u.Source != o.Source {
		return false
	}
	return sameSet(u.Successors, o.Successors)
}

func (u Unit) clone() Unit {
	u.Successors = slices.Clone(u.Successors)
	return u
}

// Counterpart pairs two units across the border at one tier of the hotline
// network. A is the unit of the country whose code sorts first ("LA" before
// "VN"). Level names the tier: "ministry", "province", "district" or
// "commune" (a Vietnamese commune with a Lao village).
type Counterpart struct {
	A         string          `json:"a"`
	B         string          `json:"b"`
	Level     string          `json:"level"`
	ValidFrom borderlink.Date `json:"valid_from"`
	ValidTo   borderlink.Date `json:"valid_to"`
}

// ActiveOn reports whether the pair was in force on d.
func (c Counterpart) ActiveOn(d borderlink.Date) bool { return d.Within(c.ValidFrom, c.ValidTo) }

// Other returns the unit of the pair that is not code, or "" when code is in
// neither place.
func (c Counterpart) Other(code string) string {
	switch code {
	case c.A:
		return c.B
	case c.B:
		return c.A
	}
	return ""
}

type counterpartKey struct {
	a, b string
	from borderlink.Date
}

func (c Counterpart) key() counterpartKey { return counterpartKey{c.A, c.B, c.ValidFrom} }

// Data is everything the directory holds: what Repo.List returns and what
// NewTree indexes. Aliases maps alternative codes (the ISO 3166-2 codes of
// Lao provinces, "LA-PH") to unit codes; storage does not hold them.
type Data struct {
	Countries    []Country
	Levels       []Level
	Units        []Unit
	Counterparts []Counterpart
	Aliases      map[string]string
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

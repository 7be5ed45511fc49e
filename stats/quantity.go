package stats

import (
	"math"
	"strconv"
	"strings"

	"github.com/borderlink/borderlink"
)

// Dimension is what a quantity unit measures.
type Dimension string

const (
	Mass   Dimension = "mass"   // kept in milligrams
	Pieces Dimension = "pieces" // kept as a count (pills, blocks, plants)
	Volume Dimension = "volume" // kept in millilitres
	Area   Dimension = "area"   // kept in square metres
)

// unitScale gives, for each quantity unit code of drug-types.json, its
// dimension and how many stored units one thousandth of it makes (amounts
// are read with three decimals at most): 0.001 kg = 1,000 mg.
var unitScale = map[string]struct {
	dim   Dimension
	milli int64 // stored units per 0.001 of the unit; 0: whole numbers only
	whole int64 // stored units per 1 of the unit, for whole-number units
}{
	"kg":     {Mass, 1_000, 0},
	"g":      {Mass, 1, 0},
	"t":      {Mass, 1_000_000, 0},
	"pills":  {Pieces, 0, 1},
	"block":  {Pieces, 0, 1},
	"plants": {Pieces, 0, 1},
	"units":  {Pieces, 0, 1},
	"l":      {Volume, 1, 0},
	"ml":     {Volume, 0, 1},
	"ha":     {Area, 10, 0},
	"m2":     {Area, 0, 1},
}

// MaxMilligrams bounds one quantity: 1,000 tonnes. No single seizure comes
// near it; a figure above it is a typing error (a unit mix-up or extra
// zeros), and the bound keeps every sum far from overflowing.
const (
	MaxMilligrams = 1_000 * 1_000_000_000
	MaxPieces     = 1_000_000_000
	MaxMillilitre = 1_000 * 1_000_000
	MaxSquareM    = 100_000 * 10_000 // 100,000 ha
)

// UnitDimension returns what a quantity unit measures; false for a code
// that is not a known unit.
func UnitDimension(unit string) (Dimension, bool) {
	s, ok := unitScale[unit]
	return s.dim, ok
}

// Amount is a quantity as a person wrote it: a decimal number and a unit
// code ("110", "kg"; "7759847", "pills").
type Amount struct {
	Value string `json:"value"`
	Unit  string `json:"unit"`
}

// Measure is an amount converted to the stored integer of its dimension.
type Measure struct {
	Dim   Dimension
	Value int64
}

// Convert checks an amount and converts it to its stored measure. Errors
// are EInvalid with a catalogue key: a missing or unknown unit, a value that
// is not a positive decimal number with at most three decimals, decimals on
// a unit that counts whole things, or a value above the bound of its
// dimension.
func Convert(a Amount) (Measure, error) {
	unit := strings.TrimSpace(a.Unit)
	if unit == "" {
		return Measure{}, borderlink.Errorf(borderlink.EInvalid, "error.stats_unit_missing",
			"a quantity needs a unit (kg, g, pills …)", "value", a.Value)
	}
	sc, ok := unitScale[unit]
	if !ok {
		return Measure{}, borderlink.Errorf(borderlink.EInvalid, "error.stats_unit_unknown",
			"unknown quantity unit "+strconv.Quote(unit), "unit", unit)
	}
	milli, err := parseMilli(a.Value)
	if err != nil {
		return Measure{}, err
	}
	var v int64
	if sc.whole > 0 {
		if milli%1000 != 0 {
			return Measure{}, borderlink.Errorf(borderlink.EInvalid, "error.stats_whole_number",
				"a count in "+unit+" must be a whole number", "value", a.Value, "unit", unit)
		}
		v = milli / 1000 * sc.whole
	} else {
		if milli > math.MaxInt64/sc.milli {
			return Measure{}, errTooLarge(a)
		}
		v = milli * sc.milli
	}
	if v > maxOf(sc.dim) {
		return Measure{}, errTooLarge(a)
	}
	return Measure{Dim: sc.dim, Value: v}, nil
}

func maxOf(d Dimension) int64 {
	switch d {
	case Mass:
		return MaxMilligrams
	case Pieces:
		return MaxPieces
	case Volume:
		return MaxMillilitre
	default:
		return MaxSquareM
	}
}

func errTooLarge(a Amount) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.stats_quantity_absurd",
		"the quantity "+a.Value+" "+a.Unit+" is beyond any real seizure; check the unit and the digits",
		"value", a.Value, "unit", a.Unit)
}

// parseMilli reads a positive decimal number with at most three decimals
// as thousandths. It accepts "110", "326.32", "0,5" (a decimal comma, as
// Vietnamese and Lao write) and ignores spaces; it refuses signs, exponents
// and digit grouping, which hide typing errors.
func parseMilli(s string) (int64, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	bad := func() error {
		return borderlink.Errorf(borderlink.EInvalid, "error.stats_quantity_invalid",
			"the quantity "+strconv.Quote(s)+" is not a positive number (at most three decimals)", "value", s)
	}
	if strings.HasPrefix(t, "-") {
		return 0, borderlink.Errorf(borderlink.EInvalid, "error.stats_quantity_negative",
			"the quantity "+s+" is negative", "value", s)
	}
	t = strings.Replace(t, ",", ".", 1)
	whole, frac, hasDot := strings.Cut(t, ".")
	if whole == "" || len(frac) > 3 || (hasDot && frac == "") || len(whole) > 15 {
		return 0, bad()
	}
	for _, c := range whole + frac {
		if c < '0' || c > '9' {
			return 0, bad()
		}
	}
	frac += strings.Repeat("0", 3-len(frac))
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, bad()
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	v := w*1000 + f
	if v <= 0 {
		return 0, borderlink.Errorf(borderlink.EInvalid, "error.stats_quantity_zero",
			"the quantity must be more than zero", "value", s)
	}
	return v, nil
}

// FormatMilli writes thousandths as a plain decimal number without
// trailing zeros ("326.32"), the inverse of parseMilli.
func FormatMilli(v int64) string {
	s := strconv.FormatInt(v/1000, 10)
	if f := v % 1000; f != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(1000+f, 10)[1:], "0")
	}
	return s
}

// Canonical returns the amount with its value written the one way the
// node stores it: a decimal point, no grouping, no trailing zeros ("0,50"
// becomes "0.5"). It fails as Convert does.
func Canonical(a Amount) (Amount, error) {
	if _, err := Convert(a); err != nil {
		return a, err
	}
	v, _ := parseMilli(a.Value)
	return Amount{Value: FormatMilli(v), Unit: strings.TrimSpace(a.Unit)}, nil
}

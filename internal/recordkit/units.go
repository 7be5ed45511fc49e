package recordkit

import (
	"strings"

	"github.com/borderlink/borderlink/units"
)

// CountryOf returns the country of a unit code ("VN" for "VN-40"), by the
// tree when it knows the unit, else by the code itself.
func CountryOf(tree *units.Tree, code string) string {
	if u, err := tree.Get(code); err == nil {
		return u.Country
	}
	return units.CodeCountry(code)
}

// FilterUnit returns the canonical code of a unit filter ("" when unset);
// an unknown code selects nothing rather than everything.
func FilterUnit(tree *units.Tree, code string) string {
	code = strings.TrimSpace(code)
	if code == "" {
		return ""
	}
	if c, ok := tree.Canonical(units.NormalizeCode(code)); ok {
		return c
	}
	return units.NormalizeCode(code)
}

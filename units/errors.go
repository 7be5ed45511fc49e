package units

import (
	"fmt"

	"github.com/borderlink/borderlink"
)

// UnknownUnit is the error for a unit code that names no unit: ENotFound,
// catalogue key error.unknown_unit with argument "code".
func UnknownUnit(code string) *borderlink.Error {
	if r := []rune(code); len(r) > MaxCodeLen {
		code = string(r[:MaxCodeLen]) + "…" // never echo an arbitrarily long input
	}
	return borderlink.Errorf(borderlink.ENotFound, "error.unknown_unit", fmt.Sprintf("unknown unit %q", code), "code", code)
}

func invalid(key, message string, args ...any) *borderlink.Error {
	return borderlink.Errorf(borderlink.EInvalid, key, message, args...)
}

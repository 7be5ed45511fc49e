package units

import (
	"regexp"
	"strings"
)

// MaxCodeLen is the longest unit code accepted.
const MaxCodeLen = 40

// A unit code is the country's ISO 3166-1 alpha-2 code followed by one to
// four segments of upper-case ASCII letters and digits, joined by hyphens:
// "VN-MPS", "VN-11", "VN-44-2004", "VN-11-D01-C03", "LA-0202-V07". The
// scheme for each level is in docs/units.md.
var codePattern = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,12}){1,4}$`)

// ValidCode reports whether code is a well-formed unit code. It checks the
// form only, not that such a unit exists.
func ValidCode(code string) bool {
	return len(code) <= MaxCodeLen && codePattern.MatchString(code)
}

// NormalizeCode returns code as written for lookups: surrounding spaces
// removed and letters in upper case, so that "la-ph " finds "LA-PH".
func NormalizeCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// CodeCountry returns the country part of a well-formed code ("VN" for
// "VN-11"), or "" for a malformed one.
func CodeCountry(code string) string {
	if !ValidCode(code) {
		return ""
	}
	return code[:2]
}

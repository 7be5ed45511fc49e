package forms

import (
	"regexp"
	"strings"
)

// Country calling codes of the two countries, and the trunk prefix their
// national numbers are written with.
var callingCodes = map[string]string{"VN": "84", "LA": "856"}

// NormalizePhone brings a phone number to E.164 where it can: separators
// (spaces, dots, hyphens, slashes, parentheses) dropped, a leading 00 read as
// +, the national trunk 0 dropped after +84 or +856 ("+856 (0)20 …"), and a
// national number beginning with 0 given the calling code of country ("VN"
// → +84, "LA" → +856). A number it cannot place is returned without its
// separators, for ValidPhone to refuse.
//
//	NormalizePhone("0912 345 678", "VN")        // "+84912345678"
//	NormalizePhone("020 5555 1234", "LA")       // "+8562055551234"
//	NormalizePhone("00856-20-5555-1234", "VN")  // "+8562055551234"
func NormalizePhone(s, country string) string {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case strings.ContainsRune(" .-/()\u00a0", r):
		default:
			b.WriteRune(r) // kept for ValidPhone to refuse
		}
	}
	n := b.String()
	switch {
	case strings.HasPrefix(n, "00"):
		n = "+" + n[2:]
	case strings.HasPrefix(n, "0") && callingCodes[strings.ToUpper(country)] != "":
		n = "+" + callingCodes[strings.ToUpper(country)] + n[1:]
	}
	for _, cc := range callingCodes {
		for strings.HasPrefix(n, "+"+cc+"0") {
			n = "+" + cc + n[len(cc)+2:]
		}
	}
	return n
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)

// ValidPhone reports whether s is a phone number in E.164: + and 7 to 15
// digits. Numbers of Vietnam (+84) and Laos (+856) must also have the
// length their plans give: 9 or 10 digits after +84 (mobiles, landlines),
// 8 to 10 after +856 (landlines, 030 and 020 mobiles).
func ValidPhone(s string) bool {
	if !e164.MatchString(s) {
		return false
	}
	switch {
	case strings.HasPrefix(s, "+856"):
		n := len(s) - 4
		return n >= 8 && n <= 10
	case strings.HasPrefix(s, "+84"):
		n := len(s) - 3
		return n == 9 || n == 10
	}
	return true
}

// FormatPhone groups a valid number for reading: "+84 912 345 678",
// "+856 20 5555 1234". Other numbers are returned unchanged.
func FormatPhone(s string) string {
	switch {
	case strings.HasPrefix(s, "+856") && len(s) == 14 && s[4] == '2': // 20 + 8 digits
		return "+856 " + s[4:6] + " " + s[6:10] + " " + s[10:]
	case strings.HasPrefix(s, "+856") && len(s) > 7:
		return "+856 " + s[4:6] + " " + s[6:]
	case strings.HasPrefix(s, "+84") && len(s) == 12:
		return "+84 " + s[3:6] + " " + s[6:9] + " " + s[9:]
	case strings.HasPrefix(s, "+84") && len(s) == 13:
		return "+84 " + s[3:5] + " " + s[5:9] + " " + s[9:]
	}
	return s
}

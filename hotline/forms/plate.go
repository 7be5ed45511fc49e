package forms

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NormalizePlate writes a vehicle plate the one way both nodes store and
// search it: NFC, Latin letters in capitals, and the separators people type
// (spaces, dots, hyphens, middle dots, slashes) dropped. "29a-123.45" and
// "29A 12345" are both "29A12345"; a Lao plate "ກຂ 1234" is "ກຂ1234".
func NormalizePlate(s string) string {
	s = norm.NFC.String(strings.TrimSpace(s))
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(" .-·/\u00a0", r) {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// ValidPlate reports whether s is a normalised plate: 4 to 12 characters,
// capital Latin letters, Lao letters and digits only, at least 2 digits.
func ValidPlate(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 4 || n > 12 {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'A' && r <= 'Z', unicode.Is(unicode.Lao, r):
		default:
			return false
		}
	}
	return digits >= 2
}

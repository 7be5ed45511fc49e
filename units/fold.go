package units

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold turns text into the form Search compares: compatibility-decomposed,
// Latin diacritics removed (Vietnamese tone and vowel marks: "Điện Biên" →
// "dien bien"), lower case, Lao ຫຼ spelt ຫລ and ໜ/ໝ spelt ຫນ/ຫມ (the
// variants people type), and every run of punctuation or space turned into
// one space. Lao vowel and tone marks are kept: they tell words apart.
func fold(s string) string {
	if !isASCII(s) {
		s = norm.NFKD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case r >= 0x0300 && r <= 0x036F: // combining diacritical marks
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case r == 0x0EBC: // LAO SEMIVOWEL SIGN LO
			r = 0x0EA5
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			r = unicode.ToLower(r)
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimSuffix(b.String(), " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

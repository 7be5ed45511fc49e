// Package textfold turns Vietnamese, Lao and Latin text into the form that
// search compares, so that what an officer types finds what was written:
// without Vietnamese diacritics, in upper or lower case, with either spelling
// of the Lao letters that have two (ຫຼ/ຫລ, ໜ/ຫນ, ໝ/ຫມ), and with any
// punctuation. Units search, hotline search and, later, name screening share
// it so that one query means the same everywhere.
package textfold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s
//
//   - compatibility-decomposed (NFKD), so that ໜ and ໝ become ຫນ and ຫມ and
//     full-width digits plain ones;
//   - with Latin combining marks removed and đ spelt d ("Người" → "nguoi");
//   - with the Lao semivowel sign ຼ spelt ລ (ຫຼ → ຫລ); Lao vowel and tone
//     marks are kept, because they tell words apart;
//   - in lower case;
//   - with every run of punctuation or space turned into one space, and none
//     at either end.
//
// Fold is idempotent: Fold(Fold(s)) == Fold(s).
func Fold(s string) string {
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
			r = 0x0EA5 // LAO LETTER LO LOOT
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
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

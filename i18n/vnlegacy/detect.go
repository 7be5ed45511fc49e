package vnlegacy

import (
	"unicode"
	"unicode/utf8"
)

// Detect reports whether s is TCVN3 or VNI text that needs converting, or
// Unicode: already fine, not Vietnamese, or not clearly either legacy
// encoding. It is conservative on purpose, because Decode with the wrong
// encoding corrupts good text; see the package documentation for how the
// words are scored.
//
// Some text is genuinely ambiguous and is left as Unicode: "Sôn La" is
// "Sơn La" in VNI, but "Sôn" is also a well-formed Unicode syllable; a lone
// word without ASCII letters ("ë", TCVN3 "ở") is too little evidence; a
// legacy word that is not a single syllable ("heâroâin") counts for nothing.
func Detect(s string) Encoding {
	var t tally
	start := -1
	for i, r := range s {
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0:
			t.add(s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		t.add(s[start:])
	}
	return t.verdict()
}

// isWordRune reports whether r can be part of a word. Every character from
// 0xA1 to 0xFF is, whatever its Unicode category, because in legacy text it
// may be a letter: TCVN3 writes ư as the soft hyphen (0xAD), ì as × and ữ
// as ÷.
func isWordRune(r rune) bool {
	return (r >= 0xA1 && r <= 0xFF) || unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// tally weighs the words of a text. A word that has ASCII letters weighs 2
// and one made only of legacy characters 1: "tØnh" is good evidence of
// TCVN3, a lone "ª" (which could be a Spanish ordinal) much less.
type tally struct {
	uni     int          // words that are Vietnamese Unicode as they stand
	foreign int          // ASCII words that are not Vietnamese at all
	legacy  [VNI + 1]int // words that make sense only when decoded as TCVN3 or VNI
}

func (t *tally) add(w string) {
	var ascii, upper, high, viet, other int
	for _, r := range w {
		switch {
		case r < utf8.RuneSelf:
			ascii++
			if 'A' <= r && r <= 'Z' {
				upper++
			}
		case r <= 0xFF:
			high++
		case vietLetters[r] || isVietMark(r):
			viet++
		default:
			other++
		}
	}
	weight := 1
	if ascii > 0 {
		weight = 2
	}
	switch {
	case viet > 0:
		// ạ, ư, ơ, đ or a combining tone mark: no reader makes those out
		// of legacy bytes, so this is Unicode Vietnamese.
		t.uni += weight
	case other > 0:
		// Lao, Cyrillic, typographic quotes: not this package's business.
	case high == 0:
		// Plain ASCII proves nothing about encodings, but English or
		// French words make a legacy reading less likely. Upper-case
		// words are left out: they are mostly abbreviations (UBND, CA).
		if ascii >= 2 && upper < ascii && !isSyllable(w) {
			t.foreign += 2
		}
	default:
		tc, vn := isSyllable(Decode(w, TCVN3)), isSyllable(Decode(w, VNI))
		if isSyllable(w) {
			// "Tôi" is Unicode, TCVN3 "tụi" and VNI "tơi": no evidence
			// either way. "là" is only Unicode.
			if !tc && !vn {
				t.uni += weight
			}
			return
		}
		if tc {
			t.legacy[TCVN3] += weight
		}
		if vn {
			t.legacy[VNI] += weight
		}
	}
}

// verdict picks a legacy encoding only when it has at least one word with
// ASCII letters (or two without), more than twice the evidence of the other
// legacy encoding, and more than twice the Unicode evidence plus the
// foreign words.
func (t *tally) verdict() Encoding {
	best, top, runner := TCVN3, t.legacy[TCVN3], t.legacy[VNI]
	if runner > top {
		best, top, runner = VNI, runner, top
	}
	if top >= 2 && top > 2*runner && top > 2*t.uni+t.foreign {
		return best
	}
	return Unicode
}

// isVietMark reports whether r is a combining mark that Vietnamese uses, as
// found in decomposed (NFD) Unicode text.
func isVietMark(r rune) bool {
	switch r {
	case '\u0300', '\u0301', '\u0302', '\u0303', '\u0306', '\u0309', '\u031B', '\u0323':
		return true
	}
	return false
}

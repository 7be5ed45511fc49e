package screening

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A token is one word of a name as screening compares it.
type token struct {
	fold string // folded surface: ASCII for Latin, unified Lao letters without tone marks
	lao  bool   // written in Lao script
	key  string // phonetic key shared by both scripts
}

// isLao reports whether r is in the Lao block.
func isLao(r rune) bool { return r >= 0x0E80 && r <= 0x0EFF }

// isLaoTone reports Lao tone marks and the cancellation mark. They are
// dropped because officers type them inconsistently (and in either order
// with a vowel sign), and a name differing only by a tone mark is still a
// lead worth showing.
func isLaoTone(r rune) bool { return r >= 0x0EC8 && r <= 0x0ECC }

// latinFold maps one decomposed Latin rune to its folded form, or returns
// -1 when the rune is dropped (a combining mark). Dropping every combining
// mark after canonical decomposition is what makes the old (hoà) and new
// (hòa) Vietnamese tone placements equal: they differ only in which vowel
// carries the mark.
func latinFold(r rune) rune {
	switch {
	case r >= 0x0300 && r <= 0x036F:
		return -1
	case r == 'đ' || r == 'Đ' || r == 'ð' || r == 'Ð':
		return 'd'
	}
	return unicode.ToLower(r)
}

// laoUnify spells the Lao letters that have two encodings one way:
// ໜ → ຫນ, ໝ → ຫມ, the subscript ຼ → ລ (so ຫຼ = ຫລ), and ໍາ → ຳ.
func laoUnify(b *strings.Builder, r rune) {
	switch r {
	case 'ໜ':
		b.WriteString("ຫນ")
	case 'ໝ':
		b.WriteString("ຫມ")
	case 0x0EBC: // LAO SEMIVOWEL SIGN LO
		b.WriteRune('ລ')
	default:
		b.WriteRune(r)
	}
}

// rawToken is a token before keying, with what validation needs to know.
type rawToken struct {
	fold  string
	lao   bool
	mixed bool // Lao and Latin letters in one token
}

// splitName folds s and splits it into tokens at anything that is not a
// letter or a mark: spaces, hyphens, dots, commas. It reports control
// characters so that validation can refuse them.
func splitName(s string) (toks []rawToken, control bool) {
	// NFKC includes NFC and also folds compatibility forms (full-width
	// letters, ligatures, ໜ and ໝ); NFD then separates Vietnamese marks.
	d := norm.NFD.String(norm.NFKC.String(s))
	var b strings.Builder
	var laoN, latinN int
	flush := func() {
		if b.Len() == 0 {
			return
		}
		f := b.String()
		if laoN > 0 {
			f = strings.ReplaceAll(f, "ໍາ", "ຳ")
		}
		toks = append(toks, rawToken{fold: f, lao: laoN > 0, mixed: laoN > 0 && latinN > 0})
		b.Reset()
		laoN, latinN = 0, 0
	}
	for _, r := range d {
		switch {
		case unicode.IsControl(r) || r == 0x200B || r == 0xFEFF:
			// zero-width space is how some Lao input methods separate
			// syllables: treat it as a separator, but C0/C1 controls are
			// refused by Validate.
			if unicode.IsControl(r) {
				control = true
			}
			flush()
		case isLao(r):
			if isLaoTone(r) || r == 0x0EC6 { // tone marks and the repetition sign
				continue
			}
			if r >= 0x0ED0 && r <= 0x0ED9 { // Lao digits separate like other digits
				flush()
				continue
			}
			laoN++
			laoUnify(&b, r)
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			f := latinFold(r)
			if f < 0 {
				continue
			}
			if f > unicode.MaxASCII {
				f = asciiLetter(f)
				if f < 0 {
					continue
				}
			}
			latinN++
			b.WriteRune(f)
		default:
			flush()
		}
	}
	flush()
	return toks, control
}

// asciiLetter maps the few precomposed Latin letters that do not decompose
// (ø, æ, ß …) to ASCII; other scripts (Cyrillic, Han) are kept out of keys.
func asciiLetter(r rune) rune {
	switch r {
	case 'ø':
		return 'o'
	case 'æ':
		return 'e'
	case 'ß':
		return 's'
	case 'ł':
		return 'l'
	case 'ı':
		return 'i'
	}
	return -1
}

// tokenize folds and keys a name, dropping tokens that have no key.
// Mixed-script tokens are keyed as Latin plus romanised Lao, so that an
// index fed a careless record still finds something; Validate refuses
// them in queries.
func tokenize(s string) []token {
	raw, _ := splitName(s)
	out := make([]token, 0, len(raw))
	for _, r := range raw {
		k := keyOf(r.fold, r.lao)
		if k == "" {
			continue
		}
		out = append(out, token{fold: r.fold, lao: r.lao, key: k})
	}
	return out
}

// keyOf returns the phonetic key of a folded token.
func keyOf(fold string, lao bool) string {
	if lao {
		return latinKey(romaniseLao(fold))
	}
	return latinKey(fold)
}

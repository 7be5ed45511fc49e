package translate

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// unit is one letter of folded text, the form the glossary compares.
// Folding lower-cases, decomposes (NFKD: Lao ໜ becomes ຫນ, ຳ becomes ໍາ),
// spells Lao ຫຼ as ຫລ, and moves Latin diacritics off the letter into marks,
// so "Đá", "đá" and "da" all have the letters d, a. A run of white space is
// one unit, a space.
type unit struct {
	r rune // the letter without diacritics, lower case
	// marks holds the Vietnamese vowel marks of this letter (bits 0–7) and
	// the tone of its syllable (bits 8–10; see toneShift).
	marks      uint16
	start, end int32 // the bytes of the original text the unit stands for
	// cont is set when the unit comes from the same original character as
	// the unit before it (ໜ → ຫ, ນ): no match may start or end between them.
	cont bool
}

// Vietnamese vowel marks and other Latin diacritics, as bits of unit.marks.
const (
	markCircumflex uint16 = 1 << iota // â ê ô
	markBreve                         // ă
	markHorn                          // ơ ư
	markStroke                        // đ
	markDiaeresis
	markRing
	markCedilla
	markOther
)

// The tone of a syllable is kept in unit.marks above the vowel marks: it is
// a property of the syllable, so "hoá" and "hóa", "tuý" and "túy" (the two
// ways Vietnamese places tone marks) fold alike.
const (
	toneShift        = 8
	toneMask  uint16 = 7 << toneShift
)

// tones numbers the five written Vietnamese tones.
var tones = map[rune]uint16{
	0x0300: 1, // huyền (grave)
	0x0301: 2, // sắc (acute)
	0x0303: 3, // ngã (tilde)
	0x0309: 4, // hỏi (hook above)
	0x0323: 5, // nặng (dot below)
}

// vowelMarks maps the other combining marks to their bit.
var vowelMarks = map[rune]uint16{
	0x0302: markCircumflex,
	0x0306: markBreve,
	0x031B: markHorn,
	0x0308: markDiaeresis,
	0x030A: markRing,
	0x0327: markCedilla,
}

// fold returns the units of s; buf, when not nil, is reused.
func fold(s string, buf []unit) []unit {
	units := buf[:0]
	var dec [32]byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		start, end := int32(i), int32(i+size)
		i += size
		if unicode.IsSpace(r) {
			if n := len(units); n > 0 && units[n-1].r == ' ' && units[n-1].end == start {
				units[n-1].end = end
				continue
			}
			units = append(units, unit{r: ' ', start: start, end: end})
			continue
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			units = append(units, unit{r: r, start: start, end: end})
			continue
		}
		d := decompose(r, dec[:0])
		first := true
		for len(d) > 0 {
			c, w := utf8.DecodeRune(d)
			d = d[w:]
			if isCombining(c) {
				if k := len(units); k > 0 && !isSpaceUnit(units[k-1]) {
					units[k-1].marks |= markBits(c)
					units[k-1].end = end
					continue
				}
			}
			switch c {
			case 'đ':
				c = 'd'
				units = append(units, unit{r: c, marks: markStroke, start: start, end: end, cont: !first})
				first = false
				continue
			case 0x0EBC: // LAO SEMIVOWEL SIGN LO: ຫຼ is spelt ຫລ as well
				// The ລ belongs to the consonant before it: no match
				// starts between them.
				units = append(units, unit{r: 0x0EA5, start: start, end: end, cont: len(units) > 0})
				first = false
				continue
			}
			units = append(units, unit{r: unicode.ToLower(c), start: start, end: end, cont: !first})
			first = false
		}
	}
	spreadTones(units)
	return units
}

func isSpaceUnit(u unit) bool { return u.r == ' ' }

// decomposed holds the lower-case NFKD form of the characters of the
// scripts BorderLink reads most (Latin with diacritics, Lao), so that
// folding them needs no normaliser run: by ranges of code points.
var decomposed = sync.OnceValue(func() map[rune][]byte {
	m := map[rune][]byte{}
	for _, rg := range [][2]rune{{0x00C0, 0x024F}, {0x0300, 0x036F}, {0x0E80, 0x0EFF}, {0x1E00, 0x1EFF}} {
		for r := rg[0]; r <= rg[1]; r++ {
			m[r] = []byte(norm.NFKD.String(string(unicode.ToLower(r))))
		}
	}
	return m
})

// decompose appends the lower-case NFKD form of r to buf.
func decompose(r rune, buf []byte) []byte {
	if d, ok := decomposed()[r]; ok {
		return append(buf, d...)
	}
	var enc [utf8.UTFMax]byte
	n := utf8.EncodeRune(enc[:], unicode.ToLower(r))
	return norm.NFKD.Append(buf, enc[:n]...)
}

// isCombining reports whether c is a Latin combining diacritic (the marks
// folding moves off the letter). Lao vowel and tone signs are not: they
// tell Lao words apart and stay letters.
func isCombining(c rune) bool { return c >= 0x0300 && c <= 0x036F }

func markBits(c rune) uint16 {
	if t, ok := tones[c]; ok {
		return t << toneShift
	}
	if b, ok := vowelMarks[c]; ok {
		return b
	}
	return markOther
}

// spreadTones gives every letter of a Latin syllable the syllable's tone.
func spreadTones(units []unit) {
	for i := 0; i < len(units); {
		if !isLatinLetter(units[i].r) {
			i++
			continue
		}
		j := i
		var tone uint16
		for j < len(units) && isLatinLetter(units[j].r) {
			if t := units[j].marks & toneMask; t != 0 && tone == 0 {
				tone = t
			}
			j++
		}
		for k := i; k < j; k++ {
			units[k].marks = units[k].marks&^toneMask | tone
		}
		i = j
	}
}

// isLao reports whether r is in the Lao block.
func isLao(r rune) bool { return r >= 0x0E80 && r <= 0x0EFF }

// isLatinLetter reports whether r is a letter of a script written with
// spaces between words (every script but Lao, for BorderLink's languages).
func isLatinLetter(r rune) bool { return unicode.IsLetter(r) && !isLao(r) }

// isLaoDependent reports whether r is a Lao vowel or tone sign that follows
// the consonant it belongs to: no match may start with one or end just
// before one.
func isLaoDependent(r rune) bool {
	return (r >= 0x0EB0 && r <= 0x0EBD) || (r >= 0x0EC8 && r <= 0x0ECE)
}

// isLaoLeading reports whether r is a Lao vowel written before its
// consonant (ເ ແ ໂ ໃ ໄ): no match may end just after one.
func isLaoLeading(r rune) bool { return r >= 0x0EC0 && r <= 0x0EC4 }

// boundary reports whether a match may start or end between units a and b
// (b alone at the start of a text, a alone at its end; pass hasA, hasB).
// Words of space-separated scripts must be whole; Lao, written without
// spaces, may be cut between any two syllable parts except where a
// dependent sign would be separated from its consonant.
func boundary(a, b unit, hasA, hasB bool) bool {
	if hasB && (b.cont || isLaoDependent(b.r)) {
		return false
	}
	if hasA && isLaoLeading(a.r) {
		return false
	}
	if !hasA || !hasB {
		return true
	}
	if isLatinLetter(a.r) && isLatinLetter(b.r) {
		return false
	}
	if unicode.IsDigit(a.r) && unicode.IsDigit(b.r) {
		return false
	}
	return true
}

// syllables counts the runs of letters in units.
func syllables(units []unit) int {
	n := 0
	in := false
	for _, u := range units {
		l := unicode.IsLetter(u.r) || unicode.IsDigit(u.r)
		if l && !in {
			n++
		}
		in = l
	}
	return n
}

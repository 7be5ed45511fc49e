package vnlegacy

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Encoding names what a piece of text was written in. The zero value,
// Unicode, means "nothing to convert", so an Encoding that was never set
// leaves text alone.
type Encoding int

const (
	// Unicode is text that is already Unicode, or that is not Vietnamese
	// legacy text (plain ASCII, English, Lao, numbers), or whose encoding
	// Detect could not tell with confidence.
	Unicode Encoding = iota
	// TCVN3 is TCVN 5712:1993 VN3, the ABC encoding of the .Vn… fonts.
	TCVN3
	// VNI is VNI-Windows, the encoding of the VNI-… fonts.
	VNI
)

// String returns the lower-case name used in logs and import reports:
// "unicode", "tcvn3" or "vni".
func (e Encoding) String() string {
	switch e {
	case Unicode:
		return "unicode"
	case TCVN3:
		return "tcvn3"
	case VNI:
		return "vni"
	}
	return "Encoding(" + strconv.Itoa(int(e)) + ")"
}

// Fix detects the encoding of s and converts it to Unicode NFC, reporting
// what it found so that an import can log which cells it changed. Text that
// is not clearly legacy comes back NFC-normalised with Unicode.
func Fix(s string) (string, Encoding) {
	e := Detect(s)
	return Decode(s, e), e
}

// DecodeBytes is Fix for the raw bytes of a file, such as a CSV saved by an
// old spreadsheet. Valid UTF-8 is taken as text and fixed as such (it may
// still hold legacy text that an earlier tool "decoded" as Latin-1).
// Anything else is read as Windows-1252, which gives every byte the
// character a spreadsheet reader would have shown, and then fixed; if that
// shows no legacy Vietnamese, the Windows-1252 reading is returned with
// Unicode, since it is the best reading of an 8-bit Western file.
func DecodeBytes(b []byte) (string, Encoding) {
	if utf8.Valid(b) {
		return Fix(string(b))
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		// The Windows-1252 decoder maps every byte, so this does not
		// happen; Latin-1 is the same reading for the bytes that matter.
		s = []byte(latin1(b))
	}
	return Fix(string(s))
}

// latin1 reads each byte as the Unicode character of the same value.
func latin1(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) * 2)
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// Decode converts s, written in e, to Unicode NFC. s is the text as the
// spreadsheet reader gave it: every legacy byte is the Latin-1 or
// Windows-1252 character of that value (the two agree on 0xA0–0xFF, the
// only range either legacy encoding uses for letters). Characters that are
// not legacy letters, such as ASCII, digits or real Unicode, pass through.
// With e == Unicode (or an unknown value) s is only NFC-normalised, so
// Decode is safe to call with whatever Detect returned.
func Decode(s string, e Encoding) string {
	switch e {
	case TCVN3:
		return norm.NFC.String(strings.Map(tcvn3Rune, s))
	case VNI:
		return decodeVNI(s)
	}
	return norm.NFC.String(s)
}

// tcvn3Rune maps one character of TCVN3 text.
func tcvn3Rune(r rune) rune {
	if r < 0x100 && tcvn3[r] != 0 {
		return tcvn3[r]
	}
	return r
}

// decodeVNI converts VNI text. A vowel is held back until the next
// character shows whether it is a mark byte that belongs to it; a mark byte
// that cannot go with what precedes it (a breve after "o", a mark after a
// consonant) is not a mark there and is left as it is.
func decodeVNI(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	var held rune // a vowel that may still take a mark, or 0
	for _, r := range s {
		if held != 0 {
			if m, ok := vniMarkByte(r); ok {
				if c, ok := vniCompose[vniPair{held, m}]; ok {
					sb.WriteRune(c)
					held = 0
					continue
				}
			}
			sb.WriteRune(held)
			held = 0
		}
		if r < 0x100 {
			if l, ok := vniLetters[byte(r)]; ok {
				r = l
			}
		}
		if strings.ContainsRune(vniBases, r) {
			held = r
			continue
		}
		sb.WriteRune(r)
	}
	if held != 0 {
		sb.WriteRune(held)
	}
	return norm.NFC.String(sb.String())
}

// vniMarkByte reports whether r is a VNI mark byte, of either case, and
// returns its lowercase form, the key of vniMarks.
func vniMarkByte(r rune) (byte, bool) {
	if r < 0xC0 || r > 0xFF {
		return 0, false
	}
	b := byte(r)
	if b < 0xE0 {
		b += 0x20
	}
	_, ok := vniMarks[b]
	return b, ok
}

// vniPair is a vowel followed by a (lowercase) VNI mark byte.
type vniPair struct {
	base rune
	mark byte
}

// vniCompose holds every vowel and mark byte that together draw a
// Vietnamese letter, and that letter. It is derived from vniMarks so that
// the marks are written down once; pairs that make no Vietnamese letter (a
// circumflex on "u", a breve on "e") are left out and so never combine.
var vniCompose = func() map[vniPair]rune {
	m := make(map[vniPair]rune)
	for _, base := range vniBases {
		for b, marks := range vniMarks {
			c := norm.NFC.String(string(base) + marks)
			r, n := utf8.DecodeRuneInString(c)
			if n == len(c) && vietLetters[r] {
				m[vniPair{base, b}] = r
			}
		}
	}
	return m
}()

// vietLetters is the set of the 134 precomposed Vietnamese letters.
var vietLetters = func() map[rune]bool {
	m := make(map[rune]bool, 134)
	for _, r := range vietLower + strings.ToUpper(vietLower) {
		m[r] = true
	}
	return m
}()

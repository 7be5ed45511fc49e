package translate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitText cuts s into pieces of at most limit characters (runes) whose
// concatenation is s. It cuts after the last sentence that fits (a line
// break, or ". ", "! ", "? ", "… " and the like), else at the last space
// (Lao separates sentences and phrases with spaces), else after limit
// characters but never between a letter and its combining marks.
func splitText(s string, limit int) []string {
	if limit <= 0 {
		limit = DefaultMaxChars
	}
	var pieces []string
	for n := utf8.RuneCountInString(s); n > limit; {
		cut := cutPoint(s, limit)
		pieces = append(pieces, s[:cut])
		n -= utf8.RuneCountInString(s[:cut])
		s = s[cut:]
	}
	return append(pieces, s)
}

// cutPoint returns where to cut s, which is longer than limit runes: a byte
// offset in (0, the end of the limit-th rune].
func cutPoint(s string, limit int) int {
	end := 0
	for n := 0; n < limit; n++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	window := s[:end]
	sentence, space := -1, -1
	for i, r := range window {
		switch {
		case r == '\n':
			sentence = i + 1
		case isSentenceEnd(r):
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if i+utf8.RuneLen(r) == len(s) || unicode.IsSpace(next) {
				sentence = i + utf8.RuneLen(r)
			}
		case unicode.IsSpace(r) && i > 0:
			space = i
		}
	}
	switch {
	case sentence > 0:
		return sentence
	case space > 0:
		return space
	}
	// No break: cut after limit runes, moved back so that no combining
	// mark (a Vietnamese tone, a Lao vowel or tone sign) starts a piece.
	cut := end
	for cut > 0 {
		r, size := utf8.DecodeRuneInString(s[cut:])
		if size == 0 || !(unicode.IsMark(r) || isLaoDependent(r)) {
			break
		}
		_, prev := utf8.DecodeLastRuneInString(s[:cut])
		cut -= prev
	}
	if cut == 0 {
		return end
	}
	return cut
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '…', ';', '。', '！', '？':
		return true
	}
	return false
}

// trimSpace splits s into its leading white space, its content and its
// trailing white space.
func trimSpace(s string) (lead, core, trail string) {
	core = strings.TrimLeftFunc(s, unicode.IsSpace)
	lead = s[:len(s)-len(core)]
	trimmed := strings.TrimRightFunc(core, unicode.IsSpace)
	trail = core[len(trimmed):]
	return lead, trimmed, trail
}

package vnlegacy

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Detect's test of a reading is whether its words are Vietnamese
// syllables. Vietnamese writes one syllable per word, and a syllable has a
// rigid shape: an optional initial consonant from a short list, a vowel
// cluster from a short list, an optional final from {c ch m n ng nh p t},
// and at most one tone mark, which after c, ch, p or t must be the acute or
// the dot below and which sits on a vowel fixed by the spelling rules. The
// spelling of initials is fixed too (k, gh, ngh before e, ê, i). Mis-decoded
// text almost never has that shape ("cafộ", "Haứ", "tổnh", "ngheọ"), while
// real text almost always does; the tone and spelling rules are what tell
// TCVN3 from VNI when both readings give letters ("Ngheä": VNI "Nghệ",
// TCVN3 "Ngheọ").

// Flags of a vowel cluster: whether it may end a syllable and whether it
// may take a final consonant.
const (
	open = 1 << iota
	closed
)

// clusters lists the vowel clusters of Vietnamese, tone marks removed.
var clusters = map[string]uint8{
	"a": open | closed, "ă": closed, "â": closed,
	"e": open | closed, "ê": open | closed, "i": open | closed,
	"o": open | closed, "ô": open | closed, "ơ": open | closed,
	"u": open | closed, "ư": open | closed, "y": open,

	"ai": open, "ao": open, "au": open, "ay": open, "âu": open, "ây": open,
	"eo": open, "êu": open, "ia": open, "iu": open, "oi": open, "ôi": open,
	"ơi": open, "ui": open, "ưi": open, "ưu": open, "ua": open, "ưa": open,
	"uơ": open,

	"iê": closed, "yê": closed, "uô": closed, "ươ": closed, "oă": closed,
	"oo": closed, "uâ": closed, "uyê": closed,

	"oa": open | closed, "oe": open | closed, "uê": open | closed,
	"uy": open | closed,

	"uya": open, "uyu": open, "iêu": open, "yêu": open, "oai": open,
	"oay": open, "oeo": open, "uây": open, "uôi": open, "ươi": open,
	"ươu": open,
}

// chNh lists the clusters that may precede the finals ch and nh.
var chNh = map[string]bool{"a": true, "ê": true, "i": true, "oa": true, "uê": true, "uy": true}

// initials lists the initial consonants; "" is a syllable without one.
// "gi" and "qu" are listed because their i and u belong to the consonant
// ("già", "quen"); the parser also tries "g" and "q" so that "gì" and
// "quỳnh" (q + uynh) parse too.
var initials = []string{
	"", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m",
	"n", "ng", "ngh", "nh", "p", "ph", "q", "qu", "r", "s", "t", "th", "tr",
	"v", "x",
}

var finals = []string{"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}

// Unaccented forms of the tables, for words typed in plain ASCII
// ("Nguyen", "Viet"), which should count as Vietnamese, not as foreign.
var (
	looseClusters = func() map[string]uint8 {
		m := make(map[string]uint8)
		for k, v := range clusters {
			m[unaccent(k)] |= v
		}
		return m
	}()
	looseChNh = func() map[string]bool {
		m := make(map[string]bool)
		for k := range chNh {
			m[unaccent(k)] = true
		}
		return m
	}()
)

// unaccent drops the vowel modifiers and the bar of đ.
func unaccent(s string) string { return unaccenter.Replace(s) }

var unaccenter = strings.NewReplacer("ă", "a", "â", "a", "ê", "e", "ô", "o", "ơ", "o", "ư", "u", "đ", "d")

// vietBase holds the letters a syllable may contain once its tone is
// removed; f, j, w and z are not Vietnamese.
const vietBase = "abcdđeghiklmnopqrstuvxyăâêôơư"

// tones holds the five tone marks as Unicode combining characters.
const tones = grave + acute + tilde + hook + dotBelow

// isSyllable reports whether w, in any case, has the shape of one
// Vietnamese syllable. A word in plain ASCII is judged without its
// diacritics, which it may simply lack; any other word must be correctly
// accented, with its tone on the vowel that carries it.
func isSyllable(w string) bool {
	if utf8.RuneCountInString(w) > 8 { // "nghiêng" is the longest, at 7
		return false
	}
	loose := isASCII(w)
	if !loose {
		w = norm.NFC.String(w)
	}
	var sb strings.Builder
	var tone rune
	toneAt := -1
	i := 0
	for _, r := range strings.ToLower(w) {
		if t, ok := toned[r]; ok {
			if tone != 0 {
				return false
			}
			r, tone, toneAt = t.base, t.tone, i
		}
		if !strings.ContainsRune(vietBase, r) {
			return false
		}
		sb.WriteRune(r)
		i++
	}
	b := sb.String()
	for _, in := range initials {
		if !strings.HasPrefix(b, in) {
			continue
		}
		rest := b[len(in):]
		if !initialFits(in, rest) {
			continue
		}
		at := toneAt
		if at >= 0 {
			at -= utf8.RuneCountInString(in)
		}
		if rhyme(rest, tone, at, loose) {
			return true
		}
	}
	return false
}

// initialFits applies the spelling rules for initials: k, gh and ngh are
// written before e, ê and i (k also before y), c, g and ng elsewhere, and q
// only as qu.
func initialFits(in, rest string) bool {
	front := strings.HasPrefix(rest, "e") || strings.HasPrefix(rest, "ê") || strings.HasPrefix(rest, "i")
	switch in {
	case "k":
		return front || strings.HasPrefix(rest, "y")
	case "gh", "ngh":
		return front
	case "c", "ng":
		return !front && !strings.HasPrefix(rest, "y")
	case "g":
		return !strings.HasPrefix(rest, "e") && !strings.HasPrefix(rest, "ê")
	case "q":
		return strings.HasPrefix(rest, "u")
	}
	return true
}

// rhyme reports whether s is a vowel cluster and final that go together
// and with the tone, which sits on the toneAt'th letter of s (-1: none).
func rhyme(s string, tone rune, toneAt int, loose bool) bool {
	cl, cn := clusters, chNh
	if loose {
		cl, cn = looseClusters, looseChNh
	}
	for _, f := range finals {
		if !strings.HasSuffix(s, f) {
			continue
		}
		c := s[:len(s)-len(f)]
		flags, ok := cl[c]
		switch {
		case !ok:
			continue
		case f == "" && flags&open == 0:
			continue
		case f != "" && flags&closed == 0:
			continue
		case (f == "ch" || f == "nh") && !cn[c]:
			continue
		case c == "oo" && f != "ng" && f != "c": // "xoong", "moóc"
			continue
		}
		stop := f == "c" || f == "ch" || f == "p" || f == "t"
		if stop && !loose && tone != '\u0301' && tone != '\u0323' {
			continue
		}
		if toneAt >= 0 && tonePlaces(c, f)&(1<<toneAt) == 0 {
			continue
		}
		return true
	}
	return false
}

// tonePlaces returns, as a bit set, which letters of the vowel cluster c
// may carry the tone before the final f: the (last) modified vowel if there
// is one ("người", "tuyết"), else the middle of three ("ngoài"), the second
// of two before a final ("toán"), the first of two at the end ("mái",
// "múa"), or either for oa, oe and uy, whose spelling changed ("hòa" and
// "hoà").
func tonePlaces(c, f string) uint {
	r := []rune(c)
	for i := len(r) - 1; i >= 0; i-- {
		if strings.ContainsRune("ăâêôơư", r[i]) {
			return 1 << i
		}
	}
	switch {
	case len(r) == 1:
		return 1
	case len(r) == 3:
		return 1 << 1
	case f != "":
		return 1 << 1
	case c == "oa" || c == "oe" || c == "uy":
		return 1 | 1<<1
	}
	return 1
}

// toned maps each lowercase toned letter to its letter without the tone
// and the tone, as a combining mark: 'ộ' → 'ô', dot below.
var toned = func() map[rune]struct{ base, tone rune } {
	m := make(map[rune]struct{ base, tone rune })
	for _, r := range vietLower {
		var base []rune
		var tone rune
		for _, d := range norm.NFD.String(string(r)) {
			if strings.ContainsRune(tones, d) {
				tone = d
			} else {
				base = append(base, d)
			}
		}
		if tone != 0 {
			b := []rune(norm.NFC.String(string(base)))
			m[r] = struct{ base, tone rune }{b[0], tone}
		}
	}
	return m
}()

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

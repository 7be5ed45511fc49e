package screening

import "strings"

// latinKey reduces a folded Latin token (ASCII lower case) to its phonetic
// key. The rules merge the spellings that Vietnamese, the French-style Lao
// romanisation on passports, BGN/PCGN and English-style romanisation use
// for one sound, so that "Souksavanh", "Suksavan" and ສຸກສະຫວັນ meet, and a
// Vietnamese name written in Lao script by ear meets its original:
//
//   - endings: -nh and -ne are n (Savanh, Siphandone), Vietnamese -ch is k,
//     a final mute -h or -e goes (Vannah, Somphone), final -d is t,
//     -orn is -on and a final -r after a vowel goes (Somphorn, Hmong Her);
//   - digraphs: ph/f → p, th → t, kh → k, ck/c/q → k, ch/j/tr → j,
//     gn/nh/ny → ny, x/s/z → s, v/w → w, r → l, y → i, initial gi → y;
//   - vowels: ou → u, aa → a, ee → i, ae/ea → e, eua/uea → uo (Lao ເ◌ືອ
//     is Vietnamese ươ), oua/oa → ua,
//     ie/ye → ia, eu/ue → u (ື), oe → o (ເ◌ີ is Vietnamese ơ), a final -u after a vowel is -o (Triệu = ຈຽວ);
//   - doubled letters are single (Phommachanh = Phomachanh).
//
// The key is deliberately coarse; the edit distance allowed between keys
// and the scoring of whole names keep the false hits in check.
func latinKey(s string) string {
	if s == "" {
		return ""
	}
	if len(s) >= 3 && strings.HasPrefix(s, "gi") && isVowel(s[2]) {
		s = "y" + s[2:]
	}
	if strings.HasPrefix(s, "qu") {
		s = "k" + s[1:] // so that quoc meets ກວົກ (kuok → kuak)
	}
	s = trimEnding(s)
	s = keyDigraphs.Replace(s)
	b := []byte(s)
	for i, c := range b {
		switch c {
		case 'f':
			b[i] = 'p'
		case 'c', 'q', 'g':
			if c == 'g' && i > 0 && b[i-1] == 'n' {
				continue // ng stays
			}
			if c != 'g' {
				b[i] = 'k'
			}
		case 'x', 'z':
			b[i] = 's'
		case 'v':
			b[i] = 'w'
		case 'r':
			b[i] = 'l'
		case 'y':
			b[i] = 'i'
		}
	}
	n := len(b)
	if n > 1 && b[n-1] == 'd' {
		b[n-1] = 't'
	}
	if n > 2 && b[n-1] == 'u' && isVowel(b[n-2]) {
		b[n-1] = 'o'
	}
	// Collapse doubled letters.
	out := b[:0]
	for i, c := range b {
		if i > 0 && c == b[i-1] {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

var keyDigraphs = strings.NewReplacer(
	"ngh", "ng", "gh", "g", "ph", "p", "th", "t", "kh", "k", "ck", "k",
	"ch", "j", "tr", "j", "gn", "ny", "nh", "ny", "qu", "ku", "sh", "s",
	"eua", "uo", "uea", "uo", "oua", "ua", "ou", "u", "ee", "i",
	"ae", "e", "ea", "e", "eu", "u", "ue", "u", "oe", "o", "oa", "ua", "ie", "ia",
	"ye", "ia",
)

// trimEnding applies the rules for the end of a token.
func trimEnding(s string) string {
	// -ne- and -me- before a consonant inside a joined Lao name
	// (Phonesavanh, Sonexay) are the same -n, -m.
	if strings.Contains(s, "ne") || strings.Contains(s, "me") {
		b := []byte(s)
		out := b[:0]
		for i := 0; i < len(b); i++ {
			if b[i] == 'e' && i > 1 && i+1 < len(b) && (b[i-1] == 'n' || b[i-1] == 'm') &&
				isVowel(b[i-2]) && !isVowel(b[i+1]) && b[i+1] != 'h' {
				continue
			}
			out = append(out, b[i])
		}
		s = string(out)
	}
	// Thai-style -orn (Somphorn) and the Hmong RPA tone letter -r (Her,
	// Lor) are not sounded.
	if strings.HasSuffix(s, "orn") {
		s = s[:len(s)-2] + "n"
	}
	n := len(s)
	switch {
	case n > 2 && s[n-1] == 'r' && isVowel(s[n-2]):
		return s[:n-1]
	case n > 2 && strings.HasSuffix(s, "nh"):
		return s[:n-1] // -nh → -n, the h goes
	case n > 3 && strings.HasSuffix(s, "ch"):
		return s[:n-2] + "k"
	case n > 3 && s[n-1] == 'h' && isVowel(s[n-2]):
		return s[:n-1]
	case n > 3 && s[n-1] == 'e' && !isVowel(s[n-2]) && isVowel(s[n-3]):
		return s[:n-1]
	}
	return s
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

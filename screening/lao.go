package screening

import "strings"

// Lao script is romanised syllable by syllable with a BGN/PCGN-based table
// (ຊ x, ຈ ch, ຸ/ູ ou, ຽ ia, ໄ/ໃ ai). The output need not be pretty: it is
// only fed to latinKey, which then collapses it with the French-style and
// English-style spellings found on documents.

// laoInitial is the romanisation of a consonant opening a syllable.
var laoInitial = map[rune]string{
	'ກ': "k", 'ຂ': "kh", 'ຄ': "kh", 'ງ': "ng", 'ຈ': "ch", 'ສ': "s", 'ຊ': "x",
	'ຍ': "ny", 'ດ': "d", 'ຕ': "t", 'ຖ': "th", 'ທ': "th", 'ນ': "n", 'ບ': "b",
	'ປ': "p", 'ຜ': "ph", 'ຝ': "f", 'ພ': "ph", 'ຟ': "f", 'ມ': "m", 'ຢ': "y",
	'ຣ': "r", 'ລ': "l", 'ວ': "v", 'ຫ': "h", 'ອ': "", 'ຮ': "h",
}

// laoFinal is the romanisation of the consonants that may close a syllable.
var laoFinal = map[rune]string{
	'ກ': "k", 'ງ': "ng", 'ດ': "t", 'ນ': "n", 'ບ': "p", 'ມ': "m", 'ຍ': "y", 'ວ': "o",
}

// laoSonorant are the consonants a silent ຫ may precede (ຫງ, ຫນ, ຫວ …):
// there ຫ only marks the tone.
func laoSonorant(r rune) bool {
	switch r {
	case 'ງ', 'ຍ', 'ນ', 'ມ', 'ລ', 'ວ', 'ຣ':
		return true
	}
	return false
}

func laoPreVowel(r rune) bool { return r >= 'ເ' && r <= 'ໄ' }

// laoVowelSign reports the signs written above, below or after the initial.
func laoVowelSign(r rune) bool {
	switch r {
	case 'ະ', 'ັ', 'າ', 'ຳ', 'ິ', 'ີ', 'ຶ', 'ື', 'ຸ', 'ູ', 'ົ', 'ໍ', 'ຽ':
		return true
	}
	return false
}

// laoSyl collects one syllable while scanning.
type laoSyl struct {
	pre     rune   // ເ ແ ໂ ໄ ໃ or 0
	init    string // romanised initial (with a medial u)
	hasInit bool
	silentH bool // the initial so far is a bare ຫ
	vowel   []rune
	final   string
	hasFin  bool
}

// laoVowels maps the vowel of a syllable, written as its prefix (or "-")
// followed by its signs, to its romanisation.
var laoVowels = map[string]string{
	"-": "o", "-ະ": "a", "-ັ": "a", "-າ": "a", "-ິ": "i", "-ີ": "i", "-ຶ": "eu",
	"-ື": "eu", "-ຸ": "ou", "-ູ": "ou", "-ົ": "o", "-ໍ": "o", "-ອ": "o",
	"-ົວ": "oua", "-ວ": "oua", "-ັວ": "oua", "-ຽ": "ia", "-ຳ": "am",
	"ເ": "e", "ເະ": "e", "ເັ": "e", "ເົາ": "ao", "ເາ": "ao", "ເີ": "oe",
	"ເິ": "oe", "ເືອ": "uea", "ເຶອ": "uea", "ເື": "uea", "ເຍ": "ia", "ເັຍ": "ia",
	"ແ": "ae", "ແະ": "ae", "ແັ": "ae", "ໂ": "o", "ໂະ": "o", "ໄ": "ai", "ໃ": "ai",
}

func (s *laoSyl) empty() bool { return s.pre == 0 && !s.hasInit && len(s.vowel) == 0 }

func (s *laoSyl) write(b *strings.Builder) {
	if s.empty() {
		return
	}
	b.WriteString(s.init)
	p := "-"
	if s.pre != 0 {
		p = string(s.pre)
	}
	v := p + string(s.vowel)
	if r, ok := laoVowels[v]; ok {
		if v == "-" && !s.hasFin {
			r = "a"
		}
		b.WriteString(r)
	} else {
		// An unusual combination: spell its parts one by one.
		if r, ok := laoVowels[p]; ok && p != "-" {
			b.WriteString(r)
		}
		for _, x := range s.vowel {
			if r, ok := laoVowels["-"+string(x)]; ok {
				b.WriteString(r)
			}
		}
	}
	b.WriteString(s.final)
	*s = laoSyl{}
}

// romaniseLao romanises a folded Lao token (tone marks already removed).
// Runes outside the Lao block are copied, so that a mixed token still
// yields a key.
func romaniseLao(t string) string {
	rs := []rune(t)
	var b strings.Builder
	var cur laoSyl
	next := func(i int) rune {
		if i+1 < len(rs) {
			return rs[i+1]
		}
		return 0
	}
	for i, r := range rs {
		n := next(i)
		switch {
		case !isLao(r):
			cur.write(&b)
			b.WriteRune(r)
		case laoPreVowel(r):
			cur.write(&b)
			cur.pre = r
		case laoVowelSign(r):
			cur.vowel = append(cur.vowel, r)
		default:
			ini, isCons := laoInitial[r]
			if !isCons {
				continue // signs we do not romanise
			}
			switch {
			case !cur.hasInit:
				cur.init, cur.hasInit, cur.silentH = ini, true, r == 'ຫ'
			case cur.silentH && laoSonorant(r) && len(cur.vowel) == 0:
				cur.init, cur.silentH = ini, false
			case len(cur.vowel) == 0 && cur.pre == 0 && !cur.hasFin && r == 'ວ' && laoVowelSign(n):
				cur.init += "u" // medial w: ກວາ, ຫງວຽນ
			case len(cur.vowel) == 0 && cur.pre == 0 && !cur.hasFin && (r == 'ອ' || r == 'ວ'):
				cur.vowel = append(cur.vowel, r) // ສອນ, ດວງ
			case cur.pre == 'ເ' && !cur.hasFin && r == 'ອ' && len(cur.vowel) > 0:
				cur.vowel = append(cur.vowel, r) // ເ◌ືອ
			case cur.pre == 'ເ' && len(cur.vowel) == 0 && !cur.hasFin && r == 'ຍ' && !laoVowelSign(n):
				cur.vowel = append(cur.vowel, r) // ເ◌ຍ
			case len(cur.vowel) == 1 && (cur.vowel[0] == 'ົ' || cur.vowel[0] == 'ັ') && !cur.hasFin && r == 'ວ' && !laoVowelSign(n):
				cur.vowel = append(cur.vowel, r) // ◌ົວ
			default:
				fin, canEnd := laoFinal[r]
				startsNew := cur.hasFin || !canEnd || laoVowelSign(n) ||
					((n == 'ອ' || n == 'ວ') && !laoVowelSign(next(i+1)) && next(i+1) != 0 && !startsWithPre(rs, i+2)) ||
					((n == 'ອ' || n == 'ວ') && next(i+1) == 0)
				if startsNew {
					cur.write(&b)
					if r == 'ຍ' && endsInI(&b) {
						ini = "y" // ໄຊຍະ is Xaya, not Xainya
					}
					cur.init, cur.hasInit, cur.silentH = ini, true, r == 'ຫ'
				} else {
					cur.final, cur.hasFin = fin, true
				}
			}
		}
	}
	cur.write(&b)
	return b.String()
}

func startsWithPre(rs []rune, i int) bool { return i < len(rs) && laoPreVowel(rs[i]) }

func endsInI(b *strings.Builder) bool {
	s := b.String()
	return s != "" && (s[len(s)-1] == 'i' || s[len(s)-1] == 'y')
}

package screening

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// VietnameseToLao writes a Vietnamese name in Lao script by sound, syllable
// by syllable, the way Lao officials write Vietnamese names on their
// records (Nguyễn Văn Long → ຫງວຽນ ວັນ ລອງ). It is used to generate test
// queries; the index does not need it, because both scripts reduce to the
// same keys. Tones are not written. The rendering is approximate where Lao
// has no matching sound (d and gi become ຢ, ơ becomes ເ◌ີ).
func VietnameseToLao(name string) string {
	// Without diacritics nobody can tell d from đ: the name is read as
	// spelt, and d stays ດ.
	plain := true
	for _, r := range name {
		if r > unicode.MaxASCII {
			plain = false
		}
	}
	var out []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		out = append(out, viSyllableToLao(w, plain))
	}
	return strings.Join(out, " ")
}

// viBase lowers s and removes the tone marks but keeps the vowel marks that
// change the sound (ă â ê ô ơ ư) and đ.
func viBase(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch r {
		case 0x0300, 0x0301, 0x0303, 0x0309, 0x0323: // grave, acute, tilde, hook, dot below
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

var viInitials = []struct{ vi, lo string }{
	{"ngh", "ຫງ"}, {"ng", "ຫງ"}, {"nh", "ຍ"}, {"ch", "ຈ"}, {"gh", "ກ"}, {"gi", "ຢ"},
	{"kh", "ຂ"}, {"ph", "ຟ"}, {"qu", "ກວ"}, {"th", "ທ"}, {"tr", "ຈ"},
	{"b", "ບ"}, {"c", "ກ"}, {"d", "ຢ"}, {"đ", "ດ"}, {"g", "ກ"}, {"h", "ຮ"}, {"k", "ກ"},
	{"l", "ລ"}, {"m", "ມ"}, {"n", "ນ"}, {"p", "ປ"}, {"r", "ລ"}, {"s", "ຊ"}, {"t", "ຕ"},
	{"v", "ວ"}, {"x", "ຊ"},
}

var viFinals = []struct{ vi, lo string }{
	{"ng", "ງ"}, {"nh", "ນ"}, {"ch", "ກ"}, {"c", "ກ"}, {"m", "ມ"}, {"n", "ນ"}, {"p", "ບ"}, {"t", "ດ"},
}

// viNuclei maps a Vietnamese vowel to its Lao pattern, open (no final) and
// closed; C stands for the initial, F for the final.
var viNuclei = map[string][2]string{
	"a": {"Cາ", "CາF"}, "ă": {"Cັ", "CັF"}, "â": {"Cັ", "CັF"},
	"e": {"ແC", "ແCF"}, "ê": {"ເC", "ເCF"},
	"i": {"Cີ", "CິF"}, "y": {"Cີ", "CິF"},
	"o": {"Cໍ", "CອF"}, "ô": {"ໂC", "CົF"}, "ơ": {"ເCີ", "ເCີF"},
	"u": {"Cູ", "CຸF"}, "oo": {"Cໍ", "CອF"}, "ư": {"Cື", "CືF"},
	"iê": {"ເCຍ", "CຽF"}, "yê": {"ເCຍ", "CຽF"}, "ia": {"ເCຍ", "CຽF"},
	"uô": {"Cົວ", "CວF"}, "ua": {"Cົວ", "CວF"},
	"ươ": {"ເCືອ", "ເCືອF"}, "ưa": {"ເCືອ", "ເCືອF"},
	"ai": {"ໄC", ""}, "ay": {"Cັຍ", ""}, "ây": {"Cັຍ", ""},
	"ao": {"ເCົາ", ""}, "au": {"ເCົາ", ""}, "âu": {"ເCົາ", ""},
	"oi": {"ໂCຍ", ""}, "ôi": {"ໂCຍ", ""}, "ơi": {"ເCີຍ", ""}, "ui": {"Cຸຍ", ""}, "ưi": {"Cືຍ", ""},
	"eo": {"ແCວ", ""}, "êu": {"ເCວ", ""}, "iu": {"Cິວ", ""}, "ưu": {"Cືວ", ""},
	"iêu": {"Cຽວ", ""}, "yêu": {"CຽວF", ""}, "ươi": {"ເCືອຍ", ""}, "uôi": {"CວຍF", ""},
}

func viSyllableToLao(w string, plain bool) string {
	s := viBase(w)
	ini, c := "", "ອ"
	for _, x := range viInitials {
		if strings.HasPrefix(s, x.vi) {
			ini, c = x.vi, x.lo
			break
		}
	}
	if plain && ini == "d" {
		c = "ດ"
	}
	rest := s[len(ini):]
	if ini == "gi" && rest == "" {
		rest = "i"
	}
	if ini == "qu" && strings.HasPrefix(rest, "y") {
		rest = "i" + rest[1:]
	}
	fin, f := "", ""
	for _, x := range viFinals {
		if strings.HasSuffix(rest, x.vi) && len(rest) > len(x.vi) {
			fin, f = x.vi, x.lo
			break
		}
	}
	nuc := rest[:len(rest)-len(fin)]
	// A medial o/u before another vowel (hoa, huy, tuyên) is ວ after the initial.
	if len(nuc) > 1 && (nuc[0] == 'o' || nuc[0] == 'u') {
		if _, ok := viNuclei[nuc]; !ok || nuc == "uy" || strings.HasPrefix(nuc, "oa") || strings.HasPrefix(nuc, "oe") {
			nuc = nuc[1:]
			c += "ວ"
		}
	}
	pat, ok := viNuclei[nuc]
	if !ok {
		return s // not a syllable we know: leave it in Latin
	}
	p := pat[0]
	if fin != "" {
		p = pat[1]
		if p == "" {
			p = pat[0] + "F"
		}
	}
	if !strings.Contains(p, "F") && fin != "" {
		p += "F"
	}
	return strings.ReplaceAll(strings.ReplaceAll(p, "C", c), "F", f)
}

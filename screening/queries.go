package screening

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// TestQuery is a generated query with its known answer: Want is the ID of
// the entry it was made from, or "" when nothing should be found. Source is
// the stored name it was derived from and Kind how it was changed; for kind
// none, Source says "absent" or "made_up".
type TestQuery struct {
	Query  Query
	Want   string
	Source string
	Kind   string
}

// Kinds of generated query.
const (
	KindExact         = "exact"
	KindNoDiacritics  = "no_diacritics"
	KindReordered     = "reordered"
	KindMissingMiddle = "missing_middle"
	KindTypo1         = "typo1"
	KindTypo2         = "typo2"
	KindLaoToLatin    = "lao_to_latin" // stored in Lao script, asked romanised (another variant)
	KindLatinToLao    = "latin_to_lao" // stored in Latin letters, asked in Lao script
	KindNone          = "none"         // a person who is not on the list
)

var queryKinds = []struct {
	kind string
	w    int
}{
	{KindExact, 1}, {KindNoDiacritics, 1}, {KindReordered, 1}, {KindMissingMiddle, 1},
	{KindTypo1, 2}, {KindTypo2, 1}, {KindLaoToLatin, 2}, {KindLatinToLao, 2}, {KindNone, 2},
}

// Queries returns n queries against entries (as made by Generate),
// reproducible from seed. Half carry the date of birth, in full or the
// year only. Queries of kind none use names absent from entries: either a
// generated person whose name is not on the list or made-up words.
func Queries(entries []Entry, n int, seed uint64) []TestQuery {
	d := mustNames()
	r := rand.New(rand.NewPCG(seed^0x5851F42D4C957F2D, seed))
	present := map[string]bool{}
	for _, e := range entries {
		for _, nm := range e.Names {
			present[nameSignature(nm)] = true
		}
	}
	total := 0
	for _, k := range queryKinds {
		total += k.w
	}
	out := make([]TestQuery, 0, n)
	for len(out) < n {
		x := r.IntN(total)
		kind := ""
		for _, k := range queryKinds {
			if x -= k.w; x < 0 {
				kind = k.kind
				break
			}
		}
		if kind == KindNone {
			name, how := d.absentName(r, present)
			out = append(out, TestQuery{Query: Query{Name: name}, Kind: kind, Source: how})
			continue
		}
		e := entries[r.IntN(len(entries))]
		src := e.Names[r.IntN(len(e.Names))]
		name, ok := d.perturb(r, kind, src, e)
		if !ok {
			continue
		}
		q := Query{Name: name}
		switch x := r.Float64(); {
		case x < 0.35:
			q.DOB = e.DOB
		case x < 0.5 && len(e.DOB) >= 4:
			q.DOB = e.DOB[:4]
		}
		out = append(out, TestQuery{Query: q, Want: e.ID, Source: src, Kind: kind})
	}
	return out
}

// nameSignature is the sorted multiset of keys of a name: two names with
// the same signature cannot be told apart by screening.
func nameSignature(s string) string {
	toks := tokenize(s)
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.key
	}
	slices.Sort(keys)
	return strings.Join(keys, " ")
}

func hasLao(s string) bool {
	for _, r := range s {
		if isLao(r) {
			return true
		}
	}
	return false
}

// perturb changes a stored name as a query of the given kind would.
func (d *nameData) perturb(r *rand.Rand, kind, src string, e Entry) (string, bool) {
	words := strings.Fields(src)
	lao := hasLao(src)
	switch kind {
	case KindExact:
		return src, true
	case KindNoDiacritics:
		if lao || e.Nationality != "VN" {
			return "", false
		}
		return asciiName(src), true
	case KindReordered:
		if len(words) < 2 {
			return "", false
		}
		return strings.Join(append(words[1:], words[0]), " "), true
	case KindMissingMiddle:
		if len(words) < 3 || lao {
			return "", false
		}
		return strings.Join([]string{words[0], words[len(words)-1]}, " "), true
	case KindTypo1, KindTypo2:
		if lao {
			return "", false
		}
		k := 1
		if kind == KindTypo2 {
			k = 2
		}
		return typos(r, asciiName(src), k)
	case KindLaoToLatin:
		if !lao {
			return "", false
		}
		var out []string
		for _, w := range words {
			ln := d.byForm[w]
			if ln == nil {
				return "", false
			}
			forms := append([]string{ln.Rom}, ln.Variants...)
			out = append(out, forms[r.IntN(len(forms))])
		}
		return strings.Join(out, " "), true
	case KindLatinToLao:
		if lao {
			return "", false
		}
		if e.Nationality == "VN" {
			return VietnameseToLao(src), true
		}
		var out []string
		for _, w := range words {
			ln := d.byForm[w]
			if ln == nil {
				return "", false
			}
			out = append(out, ln.Lo)
		}
		return strings.Join(out, " "), true
	}
	return "", false
}

// typos makes k typing errors in name, in different words where it can,
// and only in words of four letters or more.
func typos(r *rand.Rand, name string, k int) (string, bool) {
	words := strings.Fields(name)
	var long []int
	for i, w := range words {
		if len(w) >= 4 {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return "", false
	}
	r.Shuffle(len(long), func(i, j int) { long[i], long[j] = long[j], long[i] })
	for t := 0; t < k; t++ {
		i := long[t%len(long)]
		if t >= len(long) && len(words[i]) < 7 {
			return "", false
		}
		words[i] = typo(r, words[i])
	}
	return strings.Join(words, " "), true
}

func typo(r *rand.Rand, w string) string {
	b := []byte(w)
	i := 1 + r.IntN(len(b)-1) // first letters are seldom wrong
	c := byte('a' + r.IntN(26))
	switch r.IntN(4) {
	case 0: // substitute
		if b[i] == c {
			c = 'x'
		}
		b[i] = c
	case 1: // delete
		b = append(b[:i], b[i+1:]...)
	case 2: // insert
		b = append(b[:i], append([]byte{c}, b[i:]...)...)
	default: // swap with the previous letter
		b[i], b[i-1] = b[i-1], b[i]
	}
	return string(b)
}

// absentName returns a name that is on no entry: a generated person not
// present ("absent": real names, so often near someone listed), or made-up
// words ("made_up").
func (d *nameData) absentName(r *rand.Rand, present map[string]bool) (string, string) {
	for {
		s, how := "", "absent"
		if r.IntN(2) == 0 {
			if r.IntN(2) == 0 {
				s = d.viPerson(r)
			} else {
				_, s = d.laoPerson(r)
			}
		} else {
			s, how = madeUp(r), "made_up"
		}
		if !present[nameSignature(s)] {
			return s, how
		}
	}
}

// madeUp builds two or three words from syllables foreign to both
// languages.
func madeUp(r *rand.Rand) string {
	on := []string{"br", "z", "kr", "st", "fl", "gw", "dr", "w", "j", "sl", "pr", "v"}
	nu := []string{"e", "o", "a", "i", "u", "ei", "oe"}
	co := []string{"rg", "lz", "x", "nd", "rt", "ck", "sk", "lf", "m", "n"}
	var ws []string
	for k := 2 + r.IntN(2); k > 0; k-- {
		w := ""
		for s := 1 + r.IntN(2); s > 0; s-- {
			w += on[r.IntN(len(on))] + nu[r.IntN(len(nu))] + co[r.IntN(len(co))]
		}
		ws = append(ws, strings.ToUpper(w[:1])+w[1:])
	}
	return strings.Join(ws, " ")
}

package translate

import (
	"fmt"
	"unicode"
)

// matcher finds the glossary terms of one language in a text: a trie over
// the letters of the folded keys. The marks of a key (diacritics and tones)
// are not part of the trie; they are compared when a key has been found, so
// that text written without diacritics finds the same keys.
type matcher struct {
	edges map[edge]int32
	nodes []mnode // nodes[0] is the root
}

type edge struct {
	node int32
	r    rune
}

type mnode struct {
	keys []key // the keys that end here
}

// key is one form of a term as the matcher knows it.
type key struct {
	term  int32
	marks []uint16 // marks of each unit of the folded form
	// multi is set for keys of more than one word: only those match a text
	// that leaves out their diacritics (a single Vietnamese syllable without
	// its marks is too ambiguous: ban, bán, bàn, bản).
	multi bool
	// firstUpper and allUpper describe how the form is written, for
	// carrying the case of the matched text over to the translation.
	firstUpper, allUpper bool
	form                 string
}

func newMatcher() *matcher {
	return &matcher{edges: map[edge]int32{}, nodes: make([]mnode, 1, 256)}
}

// add adds form, a form of term, and fails when the matcher already knows a
// form written the same way (ignoring case and white space).
func (m *matcher) add(form string, term int32) error {
	units := fold(form, nil)
	if len(units) == 0 {
		return fmt.Errorf("empty form")
	}
	node := int32(0)
	for _, u := range units {
		next, ok := m.edges[edge{node, u.r}]
		if !ok {
			next = int32(len(m.nodes))
			m.nodes = append(m.nodes, mnode{})
			m.edges[edge{node, u.r}] = next
		}
		node = next
	}
	k := key{term: term, marks: make([]uint16, len(units)), multi: syllables(units) > 1, form: form}
	for i, u := range units {
		k.marks[i] = u.marks
	}
	k.firstUpper, k.allUpper = caseOf(form)
	for _, old := range m.nodes[node].keys {
		if equalMarks(old.marks, k.marks) {
			return fmt.Errorf("%q is written like %q", form, old.form)
		}
	}
	m.nodes[node].keys = append(m.nodes[node].keys, k)
	return nil
}

func equalMarks(a, b []uint16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// hit is a key found in a text: units [start, end) of the folded text.
type hit struct {
	start, end int
	key        *key
}

// scan calls found for each term of the text, left to right: at each place
// where a match may start, the longest key that matches. Text between the
// hits is not reported.
func (m *matcher) scan(units []unit, found func(hit)) {
	var ends [32]int32
	for i := 0; i < len(units); {
		var prev unit
		if i > 0 {
			prev = units[i-1]
		}
		if !boundary(prev, units[i], i > 0, true) {
			i++
			continue
		}
		// Walk the trie as far as the text allows, remembering where keys
		// end (pairs of end unit and node).
		stack := ends[:0]
		node := int32(0)
		for j := i; j < len(units); j++ {
			next, ok := m.edges[edge{node, units[j].r}]
			if !ok {
				break
			}
			node = next
			if len(m.nodes[node].keys) > 0 {
				stack = append(stack, int32(j+1), node)
			}
		}
		matched := false
		for k := len(stack) - 2; k >= 0; k -= 2 {
			end, node := int(stack[k]), stack[k+1]
			var next unit
			if end < len(units) {
				next = units[end]
			}
			if !boundary(units[end-1], next, true, end < len(units)) {
				continue
			}
			if key := pick(m.nodes[node].keys, units[i:end]); key != nil {
				found(hit{start: i, end: end, key: key})
				i = end
				matched = true
				break
			}
		}
		if !matched {
			i++
		}
	}
}

// pick returns the key among keys that the text span matches: the one
// written exactly as the span, else the only term whose keys the span
// matches once its missing diacritics are ignored. nil: none, or several
// terms (the span is ambiguous).
func pick(keys []key, span []unit) *key {
	var best *key
	for i := range keys {
		k := &keys[i]
		exact, ok := compareMarks(span, k.marks)
		switch {
		case !ok:
			continue
		case exact:
			return k
		case !k.multi:
			continue
		case best != nil && best.term != k.term:
			// Ambiguous, unless an exact key comes later.
			best = &key{term: -1}
		case best == nil:
			best = k
		}
	}
	if best != nil && best.term < 0 {
		return nil
	}
	return best
}

// compareMarks compares the marks of a span of text with a key's: exact
// when they are the same, ok when the text's marks are a part of the key's
// (diacritics left out, but none that the key does not have) and every
// tone the text gives is the key's.
func compareMarks(span []unit, marks []uint16) (exact, ok bool) {
	exact = true
	for i, u := range span {
		t, k := u.marks, marks[i]
		if t == k {
			continue
		}
		exact = false
		if (t&^toneMask)&^(k&^toneMask) != 0 {
			return false, false
		}
		if tt := t & toneMask; tt != 0 && tt != k&toneMask {
			return false, false
		}
	}
	return exact, true
}

// caseOf tells whether the first letter of s is upper case and whether all
// its letters are (an acronym such as CCCD or MDMA).
func caseOf(s string) (firstUpper, allUpper bool) {
	first := true
	letters := 0
	allUpper = true
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		if first {
			firstUpper = unicode.IsUpper(r)
			first = false
		}
		letters++
		if !unicode.IsUpper(r) {
			allUpper = false
		}
	}
	return firstUpper, allUpper && letters > 0
}

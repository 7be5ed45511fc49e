package units

import (
	"cmp"
	"slices"
	"strings"

	"github.com/borderlink/borderlink"
)

// index prepares n for Search.
func (n *node) index(aliases []string) {
	parts := []string{fold(n.u.Code)}
	for _, a := range aliases {
		parts = append(parts, fold(a))
	}
	var place, name [3]string
	for i, l := range borderlink.Langs {
		place[i], name[i] = fold(textIn(n.u.PlaceName, l)), fold(textIn(n.u.Name, l))
		n.names[i] = place[i] + "\x00" + name[i]
	}
	parts = append(parts, place[:]...)
	parts = append(parts, name[:]...)
	// NUL cannot occur in folded text, so no query word matches across two
	// names.
	n.key = strings.Join(parts, "\x00")
}

// textIn returns t's version in l only, without falling back.
func textIn(t borderlink.Text, l borderlink.Lang) string {
	switch l {
	case borderlink.LangVI:
		return t.VI
	case borderlink.LangLO:
		return t.LO
	}
	return t.EN
}

// Search returns up to limit units (every match when limit <= 0) whose code,
// alias, name or place name in any language contains every word of query,
// ignoring letter case and Vietnamese diacritics: "dien bien" finds Điện
// Biên, "ຜົ້ງສາລີ" finds Phongsaly. Best matches come first: the unit whose
// code or alias is the query, then units whose place name in lang is the
// query, then those whose place name or name in lang starts with it, then
// those that contain it as a phrase; ties go to the higher level, then to
// the code.
func (t *Tree) Search(query string, lang borderlink.Lang, limit int) []Unit {
	q := fold(query)
	if q == "" {
		return nil
	}
	words := strings.Fields(q)
	li := slices.Index(borderlink.Langs, lang)
	if li < 0 {
		li = slices.Index(borderlink.Langs, borderlink.LangEN)
	}
	exact, _ := t.node(query)
	type hit struct {
		n     *node
		score int
	}
	var hits []hit
	for _, n := range t.sorted {
		if !containsAll(n.key, words) {
			continue
		}
		hits = append(hits, hit{n, score(n, exact, q, li)})
	}
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(a.n.rank, b.n.rank), cmp.Compare(a.n.u.Code, b.n.u.Code))
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Unit, len(hits))
	for i, h := range hits {
		out[i] = h.n.u.clone()
	}
	return out
}

func containsAll(key string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(key, w) {
			return false
		}
	}
	return true
}

func score(n, exact *node, q string, li int) int {
	place, name, _ := strings.Cut(n.names[li], "\x00")
	switch {
	case n == exact:
		return 0
	case place == q:
		return 1
	case strings.HasPrefix(place, q) || strings.HasPrefix(name, q):
		return 2
	case strings.Contains(n.names[li], q):
		return 3
	case strings.Contains(n.key, q):
		return 4
	}
	return 5
}

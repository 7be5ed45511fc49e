package units

import (
	"cmp"
	"maps"
	"slices"

	"github.com/borderlink/borderlink"
)

// Tree is an immutable index of the whole directory, built once from Data
// and safe for concurrent use. Every method accepts a code in any letter
// case and resolves aliases ("LA-PH" is LA-02). Lists come back sorted by
// code unless said otherwise; returned values are copies.
//
// Tree satisfies auth.UnitTree (Exists, Within).
type Tree struct {
	countries []Country
	levels    map[string][]Level // by country, sorted by rank, then ValidFrom
	nodes     map[string]*node
	sorted    []*node            // every unit, by code
	roots     map[string][]*node // by country
	aliases   map[string]string
	pairs     []Counterpart // sorted by A, B, ValidFrom
	pairsOf   map[string][]int
}

type node struct {
	u        Unit
	rank     int
	parent   *node
	children []*node
	preds    []string
	key      string    // folded code, aliases, names and place names, for Search
	names    [3]string // folded place name and name per language, for ranking
}

// NewTree indexes d. It does not check d (storage and the Service do): a unit
// whose parent is missing is treated as a root.
func NewTree(d Data) *Tree {
	t := &Tree{
		countries: slices.Clone(d.Countries),
		levels:    map[string][]Level{},
		nodes:     make(map[string]*node, len(d.Units)),
		roots:     map[string][]*node{},
		aliases:   map[string]string{},
		pairsOf:   map[string][]int{},
	}
	slices.SortFunc(t.countries, func(a, b Country) int { return cmp.Compare(a.Code, b.Code) })
	for _, l := range d.Levels {
		t.levels[l.Country] = append(t.levels[l.Country], l)
	}
	for _, ls := range t.levels {
		slices.SortFunc(ls, func(a, b Level) int {
			return cmp.Or(cmp.Compare(a.Rank, b.Rank), a.ValidFrom.Time().Compare(b.ValidFrom.Time()), cmp.Compare(a.Code, b.Code))
		})
	}
	for _, u := range d.Units {
		n := &node{u: u.clone(), rank: t.rankOf(u.Country, u.Level)}
		slices.Sort(n.u.Successors)
		t.nodes[u.Code] = n
		t.sorted = append(t.sorted, n)
	}
	slices.SortFunc(t.sorted, func(a, b *node) int { return cmp.Compare(a.u.Code, b.u.Code) })
	for alias, code := range d.Aliases {
		if _, ok := t.nodes[code]; ok {
			if _, taken := t.nodes[alias]; !taken {
				t.aliases[alias] = code
			}
		}
	}
	aliasesOf := map[string][]string{}
	for _, alias := range slices.Sorted(maps.Keys(t.aliases)) {
		aliasesOf[t.aliases[alias]] = append(aliasesOf[t.aliases[alias]], alias)
	}
	for _, n := range t.sorted {
		if p, ok := t.nodes[n.u.Parent]; ok && n.u.Parent != n.u.Code {
			n.parent = p
			p.children = append(p.children, n)
		} else {
			t.roots[n.u.Country] = append(t.roots[n.u.Country], n)
		}
		for _, s := range n.u.Successors {
			if sn, ok := t.nodes[s]; ok {
				sn.preds = append(sn.preds, n.u.Code)
			}
		}
		n.index(aliasesOf[n.u.Code])
	}
	t.pairs = slices.Clone(d.Counterparts)
	slices.SortFunc(t.pairs, func(a, b Counterpart) int {
		return cmp.Or(cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B), a.ValidFrom.Time().Compare(b.ValidFrom.Time()))
	})
	for i, c := range t.pairs {
		t.pairsOf[c.A] = append(t.pairsOf[c.A], i)
		t.pairsOf[c.B] = append(t.pairsOf[c.B], i)
	}
	return t
}

// rankOf returns the rank of a level code in a country; units of an unknown
// level sort last.
func (t *Tree) rankOf(country, level string) int {
	for _, l := range t.levels[country] {
		if l.Code == level {
			return l.Rank
		}
	}
	return 99
}

// node returns the unit with this code or alias.
func (t *Tree) node(code string) (*node, bool) {
	code = NormalizeCode(code)
	if n, ok := t.nodes[code]; ok {
		return n, true
	}
	if c, ok := t.aliases[code]; ok {
		return t.nodes[c], true
	}
	return nil, false
}

func units(ns []*node) []Unit {
	if len(ns) == 0 {
		return nil
	}
	out := make([]Unit, len(ns))
	for i, n := range ns {
		out[i] = n.u.clone()
	}
	return out
}

// Len returns the number of units.
func (t *Tree) Len() int { return len(t.sorted) }

// Countries returns every country, by code.
func (t *Tree) Countries() []Country { return slices.Clone(t.countries) }

// Country returns the country with this code.
func (t *Tree) Country(code string) (Country, bool) {
	code = NormalizeCode(code)
	for _, c := range t.countries {
		if c.Code == code {
			return c, true
		}
	}
	return Country{}, false
}

// Get returns the unit with this code or alias, or UnknownUnit (ENotFound).
func (t *Tree) Get(code string) (Unit, error) {
	n, ok := t.node(code)
	if !ok {
		return Unit{}, UnknownUnit(code)
	}
	return n.u.clone(), nil
}

// Exists reports whether a unit has this code or alias.
func (t *Tree) Exists(code string) bool {
	_, ok := t.node(code)
	return ok
}

// Canonical returns the code of the unit that code or alias names, and false
// when there is none.
func (t *Tree) Canonical(code string) (string, bool) {
	n, ok := t.node(code)
	if !ok {
		return "", false
	}
	return n.u.Code, true
}

// Units returns every unit of a country ("" for all countries).
func (t *Tree) Units(country string) []Unit {
	country = NormalizeCode(country)
	var ns []*node
	for _, n := range t.sorted {
		if country == "" || n.u.Country == country {
			ns = append(ns, n)
		}
	}
	return units(ns)
}

// Roots returns the units without a parent (the ministries) of a country,
// or of every country when country is "".
func (t *Tree) Roots(country string) []Unit {
	country = NormalizeCode(country)
	if country != "" {
		return units(t.roots[country])
	}
	var ns []*node
	for _, c := range slices.Sorted(maps.Keys(t.roots)) {
		ns = append(ns, t.roots[c]...)
	}
	return units(ns)
}

// ActiveOn reports whether the unit exists and was in force on d.
func (t *Tree) ActiveOn(code string, d borderlink.Date) bool {
	n, ok := t.node(code)
	return ok && n.u.ActiveOn(d)
}

// Predecessors returns the codes of the units that code took over from.
func (t *Tree) Predecessors(code string) []string {
	n, ok := t.node(code)
	if !ok {
		return nil
	}
	return slices.Clone(n.preds)
}

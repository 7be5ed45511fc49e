package units

import (
	"cmp"
	"slices"

	"github.com/borderlink/borderlink"
)

// Children returns the units directly below code. With a zero asOf it
// returns every unit whose Parent is code, whatever their dates. Otherwise
// it returns the units in force on asOf whose nearest ancestor in force on
// asOf is code: a Vietnamese commune whose district police had been
// dissolved (2025-03-01 to 2025-06-30) is then a child of its province. A
// unit not in force on asOf has no children on that date.
func (t *Tree) Children(code string, asOf borderlink.Date) []Unit {
	n, ok := t.node(code)
	if !ok {
		return nil
	}
	if asOf.IsZero() {
		return units(n.children)
	}
	if !n.u.ActiveOn(asOf) {
		return nil
	}
	var out []*node
	var walk func(*node)
	walk = func(p *node) {
		for _, c := range p.children {
			if c.u.ActiveOn(asOf) {
				out = append(out, c)
			} else {
				walk(c)
			}
		}
	}
	walk(n)
	sortNodes(out)
	return units(out)
}

// ParentOn returns the nearest ancestor of code in force on d (the unit it
// reported to on that day); false when there is none or code is unknown.
func (t *Tree) ParentOn(code string, d borderlink.Date) (Unit, bool) {
	n, ok := t.node(code)
	if !ok {
		return Unit{}, false
	}
	for p := n.parent; p != nil; p = p.parent {
		if p.u.ActiveOn(d) {
			return p.u.clone(), true
		}
	}
	return Unit{}, false
}

// Ancestors returns the units above code, its parent first and the root
// last, whatever their dates. It returns nil for a root or an unknown code.
func (t *Tree) Ancestors(code string) []Unit {
	n, ok := t.node(code)
	if !ok {
		return nil
	}
	var out []*node
	for p := n.parent; p != nil; p = p.parent {
		out = append(out, p)
	}
	return units(out)
}

// Within reports whether code is ancestor or lies below it (by Parent, whatever
// the dates). A unit is within itself; an unknown code is within nothing.
func (t *Tree) Within(code, ancestor string) bool {
	n, ok := t.node(code)
	if !ok {
		return false
	}
	a, ok := t.node(ancestor)
	if !ok {
		return false
	}
	for p := n; p != nil; p = p.parent {
		if p == a {
			return true
		}
	}
	return false
}

// Counterparts returns the pairs code belongs to that were in force on asOf
// (every pair when asOf is zero), sorted by A, B and ValidFrom.
func (t *Tree) Counterparts(code string, asOf borderlink.Date) []Counterpart {
	n, ok := t.node(code)
	if !ok {
		return nil
	}
	var out []Counterpart
	for _, i := range t.pairsOf[n.u.Code] {
		if c := t.pairs[i]; asOf.IsZero() || c.ActiveOn(asOf) {
			out = append(out, c)
		}
	}
	return out
}

// AllCounterparts returns every pair in force on asOf (every pair when asOf
// is zero), sorted by A, B and ValidFrom.
func (t *Tree) AllCounterparts(asOf borderlink.Date) []Counterpart {
	var out []Counterpart
	for _, c := range t.pairs {
		if asOf.IsZero() || c.ActiveOn(asOf) {
			out = append(out, c)
		}
	}
	return out
}

// Levels returns the level records of a country in force on asOf (all of
// them when asOf is zero), by rank.
func (t *Tree) Levels(country string, asOf borderlink.Date) []Level {
	var out []Level
	for _, l := range t.levels[NormalizeCode(country)] {
		if asOf.IsZero() || l.ActiveOn(asOf) {
			out = append(out, l)
		}
	}
	return out
}

// Level returns the record of a country's level code in force on d; with a
// zero d, the first record of the code.
func (t *Tree) Level(country, code string, d borderlink.Date) (Level, bool) {
	for _, l := range t.levels[NormalizeCode(country)] {
		if l.Code == code && (d.IsZero() || l.ActiveOn(d)) {
			return l, true
		}
	}
	return Level{}, false
}

func sortNodes(ns []*node) {
	slices.SortFunc(ns, func(a, b *node) int { return cmp.Compare(a.u.Code, b.u.Code) })
}

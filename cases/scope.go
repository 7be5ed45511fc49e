package cases

import (
	"slices"
	"strings"

	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
	"github.com/borderlink/borderlink/units"
)

// Scope is which cases and persons a reader may see, in terms storage can
// test on stored records. Storage implements it in SQL; Match is the
// definition it must agree with (the contract suite checks that).
//
// Records carry scope paths: a unit's ancestors from the root down and the
// unit itself, each between slashes ("/VN-MPS/VN-40/"). A record is in
// scope when All is set, or when one of its paths passes through one of
// Under (the units of the reader's cases.read grants), which is exactly
// when a grant on that unit covers the record's unit (auth.Principal.CanIn).
type Scope struct {
	All   bool
	Under []string
}

// Match reports whether one of the scope paths in paths (separated by
// spaces) passes through a unit of s. No paths never match, unless All.
func (s Scope) Match(paths string) bool {
	if s.All {
		return true
	}
	if paths == "" {
		return false
	}
	for _, u := range s.Under {
		if strings.Contains(paths, "/"+u+"/") {
			return true
		}
	}
	return false
}

// scopeOf returns what p may read.
func scopeOf(p auth.Principal) Scope {
	if p.Unrestricted() {
		return Scope{All: true}
	}
	return Scope{Under: p.ScopeUnits(auth.PermCasesRead)}
}

// PathOf returns the scope path of a unit: its ancestors from the root
// down and itself, each between slashes ("/VN-MPS/VN-40/"); "" for a unit
// the tree does not know.
func PathOf(tree *units.Tree, code string) string {
	if !tree.Exists(code) {
		return ""
	}
	anc := tree.Ancestors(code)
	var b strings.Builder
	b.WriteByte('/')
	for i := len(anc) - 1; i >= 0; i-- {
		b.WriteString(anc[i].Code)
		b.WriteByte('/')
	}
	b.WriteString(code)
	b.WriteByte('/')
	return b.String()
}

// readers returns the units whose readers may see c: every unit of a
// releasable case, the lead unit and the partner units of its country for a
// restricted one, the lead unit alone for a confidential one.
func readers(tree *units.Tree, c Case) []string {
	switch c.Handling {
	case Confidential:
		return []string{c.LeadUnit}
	case Restricted:
		home := recordkit.CountryOf(tree, c.LeadUnit)
		out := []string{c.LeadUnit}
		for _, u := range c.PartnerUnits {
			if recordkit.CountryOf(tree, u) == home {
				out = append(out, u)
			}
		}
		return out
	}
	return append([]string{c.LeadUnit}, c.PartnerUnits...)
}

// caseScope returns the stored scope of c (see CaseRecord.Scope).
func caseScope(tree *units.Tree, c Case) string {
	var paths []string
	for _, u := range readers(tree, c) {
		if p := PathOf(tree, u); p != "" && !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	return strings.Join(paths, " ")
}

// writers returns the units a user must hold cases.write over (one of
// them) to add to c on a node of country: the lead unit and the partner
// units of that country, or the lead unit alone for a confidential case.
func writers(tree *units.Tree, c Case, country string) []string {
	var out []string
	for _, u := range readers(tree, c) {
		if recordkit.CountryOf(tree, u) == country {
			out = append(out, u)
		}
	}
	return out
}

// foreign returns the units of c outside country, those a release goes to.
func foreign(tree *units.Tree, c Case, country string) []string {
	var out []string
	for _, u := range append([]string{c.LeadUnit}, c.PartnerUnits...) {
		if recordkit.CountryOf(tree, u) != country && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// canWriteCase reports whether p may add to or change records of c here.
func (s *Service) canWriteCase(p auth.Principal, tree *units.Tree, c Case) bool {
	for _, u := range writers(tree, c, s.country) {
		if p.CanIn(auth.PermCasesWrite, u, tree) {
			return true
		}
	}
	return false
}

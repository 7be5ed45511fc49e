package hotline

import (
	"slices"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/units"
)

// UnitRule matches a unit by its scope path: the unit lies under one of
// Under (is it or below it), or is one of Units.
type UnitRule struct {
	Under []string
	Units []string
}

// Match reports whether the unit code whose path is scope passes r. An
// empty scope (a unit another node serves) never does.
func (r UnitRule) Match(code, scope string) bool {
	if scope == "" {
		return false
	}
	for _, u := range r.Under {
		if strings.Contains(scope, "/"+u+"/") {
			return true
		}
	}
	return slices.Contains(r.Units, code)
}

// Scope is which messages a reader may see, in terms storage can test on
// Record fields. Storage implements it in SQL; Visible and Incoming are the
// definition it must agree with (the contract suite checks that).
//
// A message is visible when All is set; or when it was written on node Self
// by Author; or when one of its local sides (FromScope or ToScope not "")
// passes the rule of the message's handling code.
type Scope struct {
	All      bool
	Self     borderlink.NodeID
	Author   string
	Handling map[Handling]UnitRule
	// Own are the units the reader acts for (the units of their
	// hotline.read grants, each with its sub-units): Incoming uses them.
	Own []string
}

// Visible reports whether r is visible in s.
func (s Scope) Visible(r Record) bool {
	if s.All {
		return true
	}
	if s.Author != "" && r.Author == s.Author && r.Origin == s.Self {
		return true
	}
	rule := s.Handling[r.Handling]
	return rule.Match(r.FromUnit, r.FromScope) || rule.Match(r.ToUnit, r.ToScope)
}

// Incoming reports whether r is a message the reader receives: its
// receiving side is local and passes the handling rule, the reader did not
// write it, and one of the reader's own units is the receiving unit, or
// lies above it while the sending unit is outside that unit's subtree.
// So a province reads as incoming what its districts send up to it and
// what the partner sends to it or to any of its districts, but not what it
// sends down to its own districts. Unread counts, read receipts and
// acknowledgements are about incoming messages only.
func (s Scope) Incoming(r Record) bool {
	if r.ToScope == "" {
		return false
	}
	if s.All {
		return r.FromScope == ""
	}
	if s.Author != "" && r.Author == s.Author && r.Origin == s.Self {
		return false
	}
	if !s.Handling[r.Handling].Match(r.ToUnit, r.ToScope) {
		return false
	}
	for _, u := range s.Own {
		mark := "/" + u + "/"
		if strings.Contains(r.ToScope, mark) && (u == r.ToUnit || !strings.Contains(r.FromScope, mark)) {
			return true
		}
	}
	return false
}

// scopeOf returns the scope of what p may read on node self.
func scopeOf(p auth.Principal, tree *units.Tree, self borderlink.NodeID) Scope {
	if p.Unrestricted() {
		return Scope{All: true, Self: self}
	}
	if !p.Can(auth.PermHotlineRead) {
		return Scope{Self: self}
	}
	own := p.ScopeUnits(auth.PermHotlineRead)
	var above, chiefs []string
	for _, g := range own {
		for _, a := range tree.Ancestors(g) {
			if !slices.Contains(above, a.Code) {
				above = append(above, a.Code)
			}
		}
	}
	for _, g := range p.Grants {
		if (g.Role == auth.RoleCommander || g.Role == auth.RoleLiaison) && g.Role.Can(auth.PermHotlineRead) &&
			!slices.Contains(chiefs, g.Unit) {
			chiefs = append(chiefs, g.Unit)
		}
	}
	return Scope{
		Self:   self,
		Author: p.Username,
		Own:    own,
		Handling: map[Handling]UnitRule{
			Releasable:   {Under: own, Units: above},
			Restricted:   {Under: own},
			Confidential: {Units: chiefs},
		},
	}
}

// pathOf returns the scope path of a unit: its ancestors from the root down
// and itself, each between slashes ("/VN-MPS/VN-40/").
func pathOf(tree *units.Tree, code string) string {
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

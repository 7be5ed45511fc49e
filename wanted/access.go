package wanted

import (
	"context"
	"slices"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// scopeOf returns what p may read: every notice of a country in which p
// holds wanted.read somewhere, and every partner's notice released here.
func (s *Service) scopeOf(p auth.Principal) Scope {
	if p.Unrestricted() {
		return Scope{All: true}
	}
	tree := s.tree()
	sc := Scope{Self: s.self}
	for _, u := range p.ScopeUnits(auth.PermWantedRead) {
		if c := recordkit.CountryOf(tree, u); c != "" && !slices.Contains(sc.Countries, c) {
			sc.Countries = append(sc.Countries, c)
		}
	}
	return sc
}

// visibleNotice loads notice id for p inside tx, or refuses it as
// ENotFound (audited when the notice exists).
func (s *Service) visibleNotice(ctx context.Context, tx Tx, p auth.Principal, id, action string) (NoticeRecord, error) {
	if err := s.needs(ctx, tx, p, auth.PermWantedRead, action, objNotice, id); err != nil {
		return NoticeRecord{}, err
	}
	if rules.CheckID(id) != nil {
		return NoticeRecord{}, errNotFound(id)
	}
	r, err := tx.Wanted().Notice(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return NoticeRecord{}, errNotFound(id)
	}
	if err != nil {
		return NoticeRecord{}, wrapErr("notice "+id, err)
	}
	if !s.scopeOf(p).Match(r) {
		return NoticeRecord{}, s.deny(ctx, tx, p, action, objNotice, id, errNotFound(id))
	}
	return r, nil
}

// ownNotice loads one of this node's notices for p to change: visible,
// owned here, and p holds wanted.write over its issuing unit.
func (s *Service) ownNotice(ctx context.Context, tx Tx, p auth.Principal, id, action string) (NoticeRecord, error) {
	if err := s.needs(ctx, tx, p, auth.PermWantedWrite, action, objNotice, id); err != nil {
		return NoticeRecord{}, err
	}
	r, err := s.visibleNotice(ctx, tx, p, id, action)
	if err != nil {
		return NoticeRecord{}, err
	}
	if r.Origin != s.self {
		return NoticeRecord{}, s.deny(ctx, tx, p, action, objNotice, id, errNotOwner(r.Origin))
	}
	if !p.CanIn(auth.PermWantedWrite, r.IssuingUnit, s.tree()) {
		return NoticeRecord{}, s.deny(ctx, tx, p, action, objNotice, id, errCannotWrite(r.IssuingUnit))
	}
	return r, nil
}

// CanStep reports whether p may write hand-over steps about n on this
// node (AddStep decides by the same rule), for interfaces that offer the
// step forms only to those who may use them.
func (s *Service) CanStep(p auth.Principal, n Notice) bool {
	can, _ := s.canStep(p, n)
	return can && p.Can(auth.PermWantedWrite)
}

// canStep reports whether p may write hand-over steps about n here: on
// this node's notice, wanted.write over its issuing unit; on the
// partner's, wanted.write over one of its partner units of this country,
// through a grant on it, an ancestor, or a unit below it (a province
// police answers for the ministry the notice was released to).
func (s *Service) canStep(p auth.Principal, n Notice) (bool, string) {
	tree := s.tree()
	if n.Origin == s.self {
		return p.CanIn(auth.PermWantedWrite, n.IssuingUnit, tree), n.IssuingUnit
	}
	first := ""
	for _, u := range n.PartnerUnits {
		if recordkit.CountryOf(tree, u) != s.country {
			continue
		}
		if first == "" {
			first = u
		}
		if p.CanIn(auth.PermWantedWrite, u, tree) {
			return true, u
		}
		for _, g := range p.ScopeUnits(auth.PermWantedWrite) {
			if tree.Within(g, u) {
				return true, u
			}
		}
	}
	return false, first
}

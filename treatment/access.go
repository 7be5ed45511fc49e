package treatment

import (
	"context"
	"slices"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/units"
)

// holds reports whether p holds perm through a grant. The node's system
// principal, which holds every other permission everywhere, holds none
// here: treatment records are read and written by treatment officers
// only, and the system's work on them (Reseal, KeyUsage, Counts) never
// returns a person.
func holds(p auth.Principal, perm auth.Permission) bool {
	return !p.Unrestricted() && p.Can(perm)
}

// holdsIn reports whether p holds perm over unit through a grant on it or
// on an ancestor (never as the system principal, see holds).
func (s *Service) holdsIn(p auth.Principal, perm auth.Permission, unit string) bool {
	return !p.Unrestricted() && p.CanIn(perm, unit, s.tree())
}

// needs refuses p (audited, EForbidden) when p holds perm nowhere.
func (s *Service) needs(ctx context.Context, tx Tx, p auth.Principal, perm auth.Permission, action, id string) error {
	if holds(p, perm) {
		return nil
	}
	return s.deny(ctx, tx, p, action, objRecord, id, errForbidden(string(perm)))
}

// row loads record id for p, who must hold perm over its owning unit: a
// record outside p's units is refused as if it did not exist (ENotFound,
// audited).
func (s *Service) row(ctx context.Context, tx Tx, p auth.Principal, perm auth.Permission, id, action string) (Row, error) {
	if err := s.needs(ctx, tx, p, perm, action, id); err != nil {
		return Row{}, err
	}
	if rules.CheckID(id) != nil {
		return Row{}, errNotFound(id)
	}
	r, err := tx.Treatment().Record(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return Row{}, errNotFound(id)
	}
	if err != nil {
		return Row{}, wrapErr("record "+id, err)
	}
	if !s.holdsIn(p, perm, r.OwnerUnit) {
		return Row{}, s.deny(ctx, tx, p, action, objRecord, id, errNotFound(id))
	}
	return r, nil
}

// pathOf returns the scope path of a unit (see Row.Scope); "" for a unit
// the tree does not know.
func pathOf(tree *units.Tree, code string) string {
	if !tree.Exists(code) {
		return ""
	}
	codes := []string{code}
	for _, a := range tree.Ancestors(code) {
		codes = append(codes, a.Code)
	}
	slices.Reverse(codes)
	return "/" + strings.Join(codes, "/") + "/"
}

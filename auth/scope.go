package auth

import (
	"context"
	"slices"

	"github.com/borderlink/borderlink"
)

// Who may see and change which account.
//
// An actor sees a user (users.read) when some grant of the user lies in a
// unit the actor reads users in, and changes a user (users.manage) only when
// every grant of the user lies in units the actor manages: a province
// administrator cannot touch an account that also works for the ministry.
// Users always see themselves. An account outside the actor's units is
// answered as if it did not exist (ENotFound); the refusal is still audited.

// sees reports whether actor may see a.
func (s *Service) sees(actor Principal, a Account) bool {
	if actor.Unrestricted() || (actor.UserID != "" && actor.UserID == a.ID) {
		return true
	}
	return slices.ContainsFunc(a.Grants, func(g Grant) bool { return actor.CanIn(PermUsersRead, g.Unit, s.tree) })
}

// covers reports whether actor holds perm over every unit of grants.
func (s *Service) covers(actor Principal, perm Permission, grants []Grant) bool {
	if actor.Unrestricted() {
		return true
	}
	if len(grants) == 0 {
		return false
	}
	for _, g := range grants {
		if !actor.CanIn(perm, g.Unit, s.tree) {
			return false
		}
	}
	return true
}

// manageable returns the account name for a change by actor (ev describes
// the change, for the audit trail of a refusal).
//
// Errors: ENotFound when there is no such user or actor may not see it;
// EForbidden when actor may see but not change it.
func (s *Service) manageable(ctx context.Context, tx Tx, actor Principal, name string, ev event) (Account, error) {
	if !actor.Can(PermUsersManage) {
		return Account{}, s.deny(ctx, tx, ev, errForbidden(PermUsersManage))
	}
	a, err := tx.Accounts().UserByName(ctx, name)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return Account{}, errUnknownUser(name)
	}
	if err != nil {
		return Account{}, err
	}
	if !s.sees(actor, a) {
		ev.detail = "outside the actor's units"
		return Account{}, s.deny(ctx, tx, ev, errUnknownUser(name))
	}
	if !s.covers(actor, PermUsersManage, a.Grants) {
		return Account{}, s.deny(ctx, tx, ev, errForbidden(PermUsersManage))
	}
	return a, nil
}

// checkAdmins returns EConflict (error.last_admin) when changing the grants
// of active account a to after (nil: disabling it) would leave a unit where a
// has an admin grant without any active administrator over it.
func (s *Service) checkAdmins(ctx context.Context, r Repo, a Account, after []Grant) error {
	if a.Status != StatusActive {
		return nil
	}
	var removed []Grant
	for _, g := range a.Grants {
		if g.Role == RoleAdmin && !slices.Contains(after, g) {
			removed = append(removed, g)
		}
	}
	if len(removed) == 0 {
		return nil
	}
	admins, err := r.ListUsers(ctx, UserQuery{Role: RoleAdmin, Status: StatusActive})
	if err != nil {
		return err
	}
	over := func(unit string, gs []Grant) bool {
		return slices.ContainsFunc(gs, func(h Grant) bool {
			return h.Role == RoleAdmin && (h.Unit == unit || s.tree.Within(unit, h.Unit))
		})
	}
	for _, g := range removed {
		covered := over(g.Unit, after)
		for _, b := range admins {
			covered = covered || (b.ID != a.ID && over(g.Unit, b.Grants))
		}
		if !covered {
			return errLastAdmin(g.Unit)
		}
	}
	return nil
}

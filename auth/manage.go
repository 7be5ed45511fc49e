package auth

import (
	"context"
	"fmt"
	"slices"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Account changes by an administrator. Each needs users.manage over every
// unit of the user (see scope.go), writes an audit entry, and answers
// ENotFound (error.unknown_user) for a user the actor cannot see.

// change runs one change of the account name by actor: it loads the account
// for a change, lets fn alter it (and say what happened in ev.detail), and
// writes it and the audit entry. fn may return an error to refuse.
func (s *Service) change(ctx context.Context, actor Principal, username, action string,
	fn func(tx Tx, a *Account, ev *event) error) error {
	name, err := CanonicalUsername(username)
	if err != nil {
		return errUnknownUser(username)
	}
	return s.update(ctx, func(tx Tx) error {
		ev := event{actor: actor, action: action, object: "user", id: name}
		a, err := s.manageable(ctx, tx, actor, name, ev)
		if err != nil {
			return err
		}
		if err := fn(tx, &a, &ev); err != nil {
			return err
		}
		a.Updated = s.clock.Now()
		if err := tx.Accounts().UpdateUser(ctx, a); err != nil {
			return err
		}
		ev.outcome = audit.OutcomeOK
		return s.record(ctx, tx, ev)
	})
}

// DisableUser stops the user from signing in: their sessions end and their
// API tokens stop working. Errors: EConflict (error.last_admin) when it would
// leave a unit without an active administrator.
func (s *Service) DisableUser(ctx context.Context, actor Principal, username string) error {
	return s.change(ctx, actor, username, "user.disable", func(tx Tx, a *Account, ev *event) error {
		r := tx.Accounts()
		if err := s.checkAdmins(ctx, r, *a, nil); err != nil {
			return err
		}
		n, err := r.DeleteUserSessions(ctx, a.ID)
		if err != nil {
			return err
		}
		a.Status, ev.detail = StatusDisabled, fmt.Sprintf("%d sessions ended", n)
		return nil
	})
}

// EnableUser lets a disabled user sign in again, and lifts a lock-out.
func (s *Service) EnableUser(ctx context.Context, actor Principal, username string) error {
	return s.change(ctx, actor, username, "user.enable", func(tx Tx, a *Account, ev *event) error {
		if a.Throttle != (Throttle{}) {
			ev.detail = "lock-out lifted"
			if err := s.setThrottle(ctx, tx.Accounts(), a.ID, a.Throttle, Throttle{}); err != nil {
				return err
			}
		}
		a.Status = StatusActive
		return nil
	})
}

// ResetPassword gives the user a new random password (GeneratePassword) and
// returns it, for the administrator to hand over. The user's sessions end
// and a lock-out is lifted.
func (s *Service) ResetPassword(ctx context.Context, actor Principal, username string) (string, error) {
	password := GeneratePassword()
	hash, err := HashPassword(password, s.opts.HashParams)
	if err != nil {
		return "", err
	}
	err = s.change(ctx, actor, username, "user.reset_password", func(tx Tx, a *Account, ev *event) error {
		r := tx.Accounts()
		n, err := r.DeleteUserSessions(ctx, a.ID)
		if err != nil {
			return err
		}
		if err := s.setThrottle(ctx, r, a.ID, a.Throttle, Throttle{}); err != nil {
			return err
		}
		a.PasswordHash, a.PasswordChanged = hash, s.clock.Now()
		ev.detail = fmt.Sprintf("%d sessions ended", n)
		return nil
	})
	if err != nil {
		return "", err
	}
	return password, nil
}

// SetRole replaces every grant of the user with role over unit.
//
// Errors: EInvalid (error.unknown_role); ENotFound (error.unknown_unit);
// EForbidden when unit is outside the actor's units; EConflict
// (error.last_admin).
func (s *Service) SetRole(ctx context.Context, actor Principal, username string, role Role, unit string) error {
	return s.setGrants(ctx, actor, username, "user.set_role", role, unit, func(gs []Grant, g Grant) ([]Grant, error) {
		return []Grant{g}, nil
	})
}

// AddGrant gives the user role over unit besides the grants they hold.
// Errors: as SetRole, and EConflict (error.grant_exists) for a grant held
// already.
func (s *Service) AddGrant(ctx context.Context, actor Principal, username string, role Role, unit string) error {
	return s.setGrants(ctx, actor, username, "user.add_grant", role, unit, func(gs []Grant, g Grant) ([]Grant, error) {
		if slices.Contains(gs, g) {
			return nil, borderlink.Errorf(borderlink.EConflict, "error.grant_exists",
				"the user holds this role in this unit already", "role", string(g.Role), "unit", g.Unit)
		}
		return append(slices.Clone(gs), g), nil
	})
}

// RemoveGrant takes role over unit away from the user. Errors: ENotFound
// (error.unknown_grant) for a grant the user does not hold; EConflict
// (error.last_grant) for the user's only grant — disable the user instead;
// EConflict (error.last_admin).
func (s *Service) RemoveGrant(ctx context.Context, actor Principal, username string, role Role, unit string) error {
	return s.setGrants(ctx, actor, username, "user.remove_grant", role, unit, func(gs []Grant, g Grant) ([]Grant, error) {
		i := slices.Index(gs, g)
		if i < 0 {
			return nil, borderlink.Errorf(borderlink.ENotFound, "error.unknown_grant",
				"the user does not hold this role in this unit", "role", string(g.Role), "unit", g.Unit)
		}
		if len(gs) == 1 {
			return nil, borderlink.Errorf(borderlink.EConflict, "error.last_grant",
				"a user needs at least one role; disable the user instead")
		}
		return slices.Delete(slices.Clone(gs), i, i+1), nil
	})
}

// setGrants changes the grants of the user by edit, given the grant g of
// role over unit.
func (s *Service) setGrants(ctx context.Context, actor Principal, username, action string, role Role, unit string,
	edit func(gs []Grant, g Grant) ([]Grant, error)) error {
	if err := checkRole(role); err != nil {
		return err
	}
	code := s.canonicalUnit(unit)
	if code == "" {
		return errUnknownUnit(unit)
	}
	g := Grant{Role: role, Unit: code}
	return s.change(ctx, actor, username, action, func(tx Tx, a *Account, ev *event) error {
		if !actor.CanIn(PermUsersManage, code, s.tree) {
			ev.detail = "unit " + code + " is outside the actor's units"
			return s.deny(ctx, tx, *ev, errForbidden(PermUsersManage))
		}
		after, err := edit(a.Grants, g)
		if err != nil {
			return err
		}
		r := tx.Accounts()
		if err := s.checkAdmins(ctx, r, *a, after); err != nil {
			return err
		}
		if err := r.SetGrants(ctx, a.ID, after); err != nil {
			return err
		}
		ev.detail = grantText(a.Grants) + " -> " + grantText(after)
		a.Grants = after
		return nil
	})
}

package auth

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// CreateUser creates an active account with one grant (nu.Role over
// nu.Unit). The actor needs users.manage over nu.Unit.
//
// Errors: EInvalid (error.bad_username, error.display_name,
// error.unknown_role, error.unknown_lang, error.weak_password,
// error.password_too_long); ENotFound (error.unknown_unit, argument code);
// EForbidden outside the actor's units; EConflict (error.duplicate_user) when
// the username is taken, whatever its case. Nothing is stored on error.
func (s *Service) CreateUser(ctx context.Context, actor Principal, nu NewUser) (User, error) {
	ev := event{actor: actor, action: "user.create", object: "user", id: nu.Username}
	if !actor.Can(PermUsersManage) {
		return User{}, s.update(ctx, func(tx Tx) error { return s.deny(ctx, tx, ev, errForbidden(PermUsersManage)) })
	}
	name, err := CanonicalUsername(nu.Username)
	if err != nil {
		return User{}, err
	}
	ev.id = name
	display, err := cleanDisplayName(nu.DisplayName)
	if err != nil {
		return User{}, err
	}
	if err := checkRole(nu.Role); err != nil {
		return User{}, err
	}
	if nu.Lang == "" {
		nu.Lang = s.opts.DefaultLang
	}
	if err := checkLang(nu.Lang); err != nil {
		return User{}, err
	}
	unit := s.canonicalUnit(nu.Unit)
	if unit == "" {
		return User{}, errUnknownUnit(nu.Unit)
	}
	if err := CheckPassword(name, nu.Password); err != nil {
		return User{}, err
	}
	hash, err := HashPassword(nu.Password, s.opts.HashParams)
	if err != nil {
		return User{}, err
	}
	now := s.clock.Now()
	a := Account{ID: borderlink.NewID(), Username: name, DisplayName: display, Lang: nu.Lang, Status: StatusActive,
		Grants: []Grant{{Role: nu.Role, Unit: unit}}, PasswordHash: hash, PasswordChanged: now, Created: now, Updated: now}
	err = s.update(ctx, func(tx Tx) error {
		if !actor.CanIn(PermUsersManage, unit, s.tree) {
			ev.detail = "unit " + unit + " is outside the actor's units"
			return s.deny(ctx, tx, ev, errForbidden(PermUsersManage))
		}
		err := tx.Accounts().CreateUser(ctx, a)
		if borderlink.IsCode(err, borderlink.EConflict) {
			return borderlink.Errorf(borderlink.EConflict, "error.duplicate_user",
				fmt.Sprintf("user %q exists already", name), "username", name)
		}
		if err != nil {
			return err
		}
		ev.outcome, ev.detail = audit.OutcomeOK, grantText(a.Grants)
		return s.record(ctx, tx, ev)
	})
	if err != nil {
		return User{}, err
	}
	return a.user(now), nil
}

// ListUsers returns the users the actor may see (see scope.go) that match f,
// ordered by username, one page of them, and how many match in all. The
// actor needs users.read.
func (s *Service) ListUsers(ctx context.Context, actor Principal, f UserFilter) ([]User, int, error) {
	if !actor.Can(PermUsersRead) {
		return nil, 0, errForbidden(PermUsersRead)
	}
	if f.Role != "" {
		if err := checkRole(f.Role); err != nil {
			return nil, 0, err
		}
	}
	if f.Status != "" && f.Status != StatusActive && f.Status != StatusDisabled {
		return nil, 0, borderlink.Errorf(borderlink.EInvalid, "error.unknown_status", fmt.Sprintf("unknown status %q", f.Status), "status", string(f.Status))
	}
	unit := ""
	if f.Unit != "" {
		if unit = s.canonicalUnit(f.Unit); unit == "" {
			return nil, 0, errUnknownUnit(f.Unit)
		}
	}
	f.Limit = min(max(f.Limit, 0), 500)
	if f.Limit == 0 {
		f.Limit = 50
	}
	var all []Account
	err := s.db.View(ctx, func(tx Tx) (err error) {
		all, err = tx.Accounts().ListUsers(ctx, UserQuery{Role: f.Role, Status: f.Status})
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	q := strings.ToLower(strings.TrimSpace(f.Query))
	now := s.clock.Now()
	var match []User
	for _, a := range all {
		switch {
		case !s.sees(actor, a):
		case unit != "" && !slices.ContainsFunc(a.Grants, func(g Grant) bool { return s.tree.Within(g.Unit, unit) }):
		case q != "" && !strings.Contains(a.Username, q) && !strings.Contains(strings.ToLower(a.DisplayName), q):
		default:
			match = append(match, a.user(now))
		}
	}
	total := len(match)
	lo := min(max(f.Offset, 0), total)
	return match[lo:min(lo+f.Limit, total)], total, nil
}

// GetUser returns the user named username. Users may always read their own
// account; others need users.read over one of the user's units.
//
// Errors: ENotFound (error.unknown_user) when there is no such user or the
// actor may not see it.
func (s *Service) GetUser(ctx context.Context, actor Principal, username string) (User, error) {
	name, err := CanonicalUsername(username)
	if err != nil {
		return User{}, errUnknownUser(username)
	}
	if !actor.Can(PermUsersRead) && actor.Username != name {
		return User{}, errForbidden(PermUsersRead)
	}
	var a Account
	err = s.db.View(ctx, func(tx Tx) (err error) {
		a, err = tx.Accounts().UserByName(ctx, name)
		return err
	})
	if borderlink.IsCode(err, borderlink.ENotFound) || (err == nil && !s.sees(actor, a)) {
		return User{}, errUnknownUser(name)
	}
	if err != nil {
		return User{}, err
	}
	return a.user(s.clock.Now()), nil
}

// grantText writes grants for the audit trail: "admin@VN-11, officer@VN-12".
func grantText(gs []Grant) string {
	parts := make([]string, len(gs))
	for i, g := range gs {
		parts[i] = string(g.Role) + "@" + g.Unit
	}
	return strings.Join(parts, ", ")
}

package auth

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// self returns the account of p, who acts on it. Errors: EForbidden when p
// is not a user or lacks PermProfile; EUnauthorized when the account is gone
// or disabled.
func (s *Service) self(ctx context.Context, r Repo, p Principal) (Account, error) {
	if p.UserID == "" || !p.Can(PermProfile) {
		return Account{}, errForbidden(PermProfile)
	}
	a, err := r.UserByID(ctx, p.UserID)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return Account{}, errSessionExpired()
	}
	if err != nil {
		return Account{}, err
	}
	if a.Status != StatusActive {
		return Account{}, errSessionExpired()
	}
	return a, nil
}

// confirmPassword checks the password of p before a sensitive change to
// their own account (action names it for the audit trail). The check is
// throttled and counted like a sign-in; the state it returns is the one the
// caller clears, in its own transaction, when the change succeeds.
func (s *Service) confirmPassword(ctx context.Context, p Principal, password, action string) (Throttle, error) {
	now := s.clock.Now()
	var a Account
	var reserved Throttle
	ev := event{actor: p, action: action, object: "user", id: p.Username}
	err := s.update(ctx, func(tx Tx) (err error) {
		if a, err = s.self(ctx, tx.Accounts(), p); err != nil {
			return err
		}
		reserved, err = s.reserve(ctx, tx.Accounts(), a, now)
		if borderlink.IsCode(err, borderlink.ELocked) {
			return s.deny(ctx, tx, ev, err)
		}
		return err
	})
	if err != nil {
		return Throttle{}, err
	}
	ok, err := VerifyPassword(a.PasswordHash, password)
	if err != nil {
		return Throttle{}, borderlink.Wrap(err, "auth: check password of "+a.Username)
	}
	if !ok {
		return Throttle{}, s.update(ctx, func(tx Tx) error {
			ev.outcome, ev.detail = audit.OutcomeFailed, "wrong password"
			if err := s.record(ctx, tx, ev); err != nil {
				return err
			}
			return refuse(errWrongPassword())
		})
	}
	return reserved, nil
}

// ChangePassword sets a new password for p, who must give the current one.
// The user's other sessions stay signed in.
//
// Errors: EInvalid (error.wrong_password) for a wrong current password,
// which counts toward the lock-out; EInvalid (error.weak_password,
// error.password_too_long) for a new one that breaks the rules; ELocked
// while locked out.
func (s *Service) ChangePassword(ctx context.Context, p Principal, oldPassword, newPassword string) error {
	if err := CheckPassword(p.Username, newPassword); err != nil {
		return err
	}
	reserved, err := s.confirmPassword(ctx, p, oldPassword, "user.change_password")
	if err != nil {
		return err
	}
	hash, err := HashPassword(newPassword, s.opts.HashParams)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx Tx) error {
		r := tx.Accounts()
		a, err := s.self(ctx, r, p)
		if err != nil {
			return err
		}
		if err := s.setThrottle(ctx, r, a.ID, reserved, Throttle{}); err != nil {
			return err
		}
		now := s.clock.Now()
		a.PasswordHash, a.PasswordChanged, a.Updated = hash, now, now
		if err := r.UpdateUser(ctx, a); err != nil {
			return err
		}
		return s.record(ctx, tx, event{actor: p, action: "user.change_password", object: "user", id: a.Username, outcome: audit.OutcomeOK})
	})
}

// SetLanguage sets the language p reads the interface in. Errors: EInvalid
// (error.unknown_lang) for a language BorderLink does not speak.
func (s *Service) SetLanguage(ctx context.Context, p Principal, lang borderlink.Lang) error {
	if err := checkLang(lang); err != nil {
		return err
	}
	return s.update(ctx, func(tx Tx) error {
		r := tx.Accounts()
		a, err := s.self(ctx, r, p)
		if err != nil {
			return err
		}
		if a.Lang == lang {
			return nil
		}
		a.Lang, a.Updated = lang, s.clock.Now()
		if err := r.UpdateUser(ctx, a); err != nil {
			return err
		}
		return s.record(ctx, tx, event{actor: p, action: "user.set_language", object: "user", id: a.Username,
			outcome: audit.OutcomeOK, detail: string(lang)})
	})
}

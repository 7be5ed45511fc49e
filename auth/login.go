package auth

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// LoginResult is the outcome of a correct password.
type LoginResult struct {
	// Token is the session token in plaintext: it is returned once, here,
	// and only its hash is stored.
	Token string
	// MFARequired is true when the session still owes the second factor
	// (VerifySecondFactor); until then it can do nothing else.
	MFARequired bool
	Principal   Principal
}

// Login checks a username and password and starts a session.
//
// Errors: EUnauthorized (key error.bad_credentials) for an unknown user or a
// wrong password, alike and after the same work, so that neither the answer
// nor its timing tells whether the user exists; ELocked (error.login_wait or
// error.account_locked, arguments seconds and until) while the account must
// wait or is locked out; EForbidden (error.account_disabled) for a right
// password on a disabled account. source is the client's address, for the
// audit trail.
func (s *Service) Login(ctx context.Context, username, password, source string) (LoginResult, error) {
	now := s.clock.Now()
	name, nameErr := CanonicalUsername(username)
	attempt := event{actor: Principal{Username: name}, action: "session.login", object: "user", id: name, source: source}
	if nameErr != nil {
		attempt.actor.Username, attempt.id = clip(username, 64), clip(username, 64)
	}

	// 1. Find the account and count this attempt as a failure before
	// checking it, so that parallel guesses cannot get past the throttle.
	var acc Account
	var reserved Throttle
	found := false
	if nameErr == nil {
		err := s.update(ctx, func(tx Tx) error {
			a, err := tx.Accounts().UserByName(ctx, name)
			if borderlink.IsCode(err, borderlink.ENotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			found, acc = true, a
			attempt.actor = principal(a, ViaSession)
			reserved, err = s.reserve(ctx, tx.Accounts(), a, now)
			if borderlink.IsCode(err, borderlink.ELocked) {
				return s.deny(ctx, tx, attempt, err)
			}
			return err
		})
		if err != nil {
			return LoginResult{}, err
		}
	}

	// 2. Check the password, outside any transaction (it is slow on
	// purpose). An unknown user costs the same.
	hash := s.dummy
	if found {
		hash = acc.PasswordHash
	}
	ok, err := VerifyPassword(hash, password)
	if err != nil {
		return LoginResult{}, borderlink.Wrap(err, "auth: login "+name)
	}
	ok = ok && found
	var rehash string
	if ok && NeedsRehash(acc.PasswordHash, s.opts.HashParams) {
		if rehash, err = HashPassword(password, s.opts.HashParams); err != nil {
			return LoginResult{}, err
		}
	}

	// 3. Record the outcome; on success start the session.
	var res LoginResult
	err = s.update(ctx, func(tx Tx) error {
		if !ok {
			attempt.outcome, attempt.detail = audit.OutcomeFailed, "wrong username or password"
			if err := s.record(ctx, tx, attempt); err != nil {
				return err
			}
			return refuse(errBadCredentials())
		}
		r := tx.Accounts()
		a, err := r.UserByID(ctx, acc.ID)
		if err != nil {
			return err
		}
		if a.Status != StatusActive {
			if err := s.setThrottle(ctx, r, a.ID, reserved, Throttle{}); err != nil {
				return err
			}
			return s.deny(ctx, tx, attempt, errDisabled())
		}
		mfa := a.TOTPSecret != ""
		if mfa {
			// The password alone forgives nothing: the count goes back to
			// where it was, and only the second factor clears it.
			err = s.setThrottle(ctx, r, a.ID, reserved, acc.Throttle)
		} else {
			err = s.setThrottle(ctx, r, a.ID, reserved, Throttle{})
			a.LastLogin = now
		}
		if err != nil {
			return err
		}
		if rehash != "" {
			a.PasswordHash = rehash
		}
		if rehash != "" || !mfa {
			if err := r.UpdateUser(ctx, a); err != nil {
				return err
			}
		}
		token, sess := s.newSession(a, now, mfa, source)
		if err := r.CreateSession(ctx, sess); err != nil {
			return err
		}
		attempt.outcome = audit.OutcomeOK
		if mfa {
			attempt.detail = "password accepted; second factor due"
		}
		if err := s.record(ctx, tx, attempt); err != nil {
			return err
		}
		res = LoginResult{Token: token, MFARequired: mfa, Principal: principal(a, ViaSession)}
		return nil
	})
	if err != nil {
		return LoginResult{}, err
	}
	return res, nil
}

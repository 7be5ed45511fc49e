package auth

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// BeginEnrolment starts setting up the TOTP second factor of p: it draws a
// new secret, keeps it on the server as pending and returns it as a URL and
// a QR code. The second factor is in force only after ConfirmEnrolment; until
// then a second call replaces the pending secret and sign-in is unchanged.
//
// Errors: EForbidden for a principal that is not a user (the system).
func (s *Service) BeginEnrolment(ctx context.Context, p Principal) (Enrolment, error) {
	var en Enrolment
	err := s.update(ctx, func(tx Tx) error {
		a, err := s.self(ctx, tx.Accounts(), p)
		if err != nil {
			return err
		}
		if a.TOTPPending, err = s.newTOTPSecret(a.Username); err != nil {
			return err
		}
		if en, err = s.enrolment(a.Username, a.TOTPPending); err != nil {
			return err
		}
		a.Updated = s.clock.Now()
		if err := tx.Accounts().UpdateUser(ctx, a); err != nil {
			return err
		}
		return s.record(ctx, tx, event{actor: p, action: "mfa.begin", object: "user", id: a.Username, outcome: audit.OutcomeOK})
	})
	return en, err
}

// PendingEnrolment returns the enrolment begun by BeginEnrolment and not yet
// confirmed (to show its QR code again). Errors: ENotFound (key
// error.no_enrolment) when none is pending.
func (s *Service) PendingEnrolment(ctx context.Context, p Principal) (Enrolment, error) {
	var a Account
	err := s.db.View(ctx, func(tx Tx) (err error) {
		a, err = s.self(ctx, tx.Accounts(), p)
		return err
	})
	if err != nil {
		return Enrolment{}, err
	}
	if a.TOTPPending == "" {
		return Enrolment{}, errNoEnrolment()
	}
	return s.enrolment(a.Username, a.TOTPPending)
}

// ConfirmEnrolment puts the pending secret of p in force once p proves, with
// a current code, that the app holds it. From then on, sign-in asks for a
// code after the password.
//
// Errors: ENotFound (error.no_enrolment) when no enrolment is pending;
// EInvalid (error.bad_totp) for a wrong code.
func (s *Service) ConfirmEnrolment(ctx context.Context, p Principal, code string) error {
	now := s.clock.Now()
	return s.update(ctx, func(tx Tx) error {
		r := tx.Accounts()
		a, err := s.self(ctx, r, p)
		if err != nil {
			return err
		}
		if a.TOTPPending == "" {
			return errNoEnrolment()
		}
		step, err := checkTOTP(a.TOTPPending, code, now, 0)
		ev := event{actor: p, action: "mfa.confirm", object: "user", id: a.Username, outcome: audit.OutcomeOK}
		if err != nil {
			ev.outcome, ev.detail = audit.OutcomeFailed, "wrong code"
			if err := s.record(ctx, tx, ev); err != nil {
				return err
			}
			return refuse(err)
		}
		a.TOTPSecret, a.TOTPPending, a.TOTPLastStep, a.Updated = a.TOTPPending, "", step, now
		if err := r.UpdateUser(ctx, a); err != nil {
			return err
		}
		return s.record(ctx, tx, ev)
	})
}

// DisableTOTP removes the second factor of the user. Users may remove their
// own by giving their password; an actor holding users.manage over every unit
// of the user may remove anyone's (password ignored), for a lost phone.
//
// Errors: ENotFound for an unknown user or one outside the actor's units;
// EForbidden without the right; EInvalid (error.wrong_password) for a wrong
// password, which counts toward the lock-out; ELocked while locked out.
func (s *Service) DisableTOTP(ctx context.Context, actor Principal, username, password string) error {
	name, err := CanonicalUsername(username)
	if err != nil {
		return err
	}
	self := actor.UserID != "" && actor.Username == name
	var reserved Throttle
	if self {
		if reserved, err = s.confirmPassword(ctx, actor, password, "mfa.disable"); err != nil {
			return err
		}
	}
	return s.update(ctx, func(tx Tx) error {
		r := tx.Accounts()
		ev := event{actor: actor, action: "mfa.disable", object: "user", id: name}
		var a Account
		if self {
			if a, err = s.self(ctx, r, actor); err != nil {
				return err
			}
			if err := s.setThrottle(ctx, r, a.ID, reserved, Throttle{}); err != nil {
				return err
			}
		} else if a, err = s.manageable(ctx, tx, actor, name, ev); err != nil {
			return err
		}
		a.TOTPSecret, a.TOTPPending, a.TOTPLastStep, a.Updated = "", "", 0, s.clock.Now()
		if err := r.UpdateUser(ctx, a); err != nil {
			return err
		}
		ev.outcome = audit.OutcomeOK
		return s.record(ctx, tx, ev)
	})
}

func errNoEnrolment() error {
	return borderlink.Errorf(borderlink.ENotFound, "error.no_enrolment", "no second factor is being set up")
}

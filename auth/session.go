package auth

import (
	"context"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Session rules. A session token is 32 random bytes (base64url); the store
// keeps its SHA-256 only. The web layer puts the token in an HttpOnly,
// SameSite cookie (Secure under TLS) and the per-session Session.CSRF value
// in its forms.
//
// A session ends at Expires (Options.SessionTTL after sign-in), after
// Options.SessionIdle without use, at Logout, and when its user is disabled
// or has the password reset. A session still owing the second factor lives
// Options.MFAPendingTTL and serves only VerifySecondFactor and Logout.

// newSession returns a new session of a, started at now, and its plaintext
// token.
func (s *Service) newSession(a Account, now time.Time, pending bool, source string) (string, Session) {
	token := newSecret()
	sess := Session{ID: hashSecret(token), UserID: a.ID, State: SessionActive, CSRF: newSecret(),
		Created: now, LastSeen: now, Expires: now.Add(s.opts.SessionTTL), Source: clip(source, audit.MaxSource)}
	if pending {
		sess.State, sess.Expires = SessionMFAPending, now.Add(s.opts.MFAPendingTTL)
	}
	return token, sess
}

// live reports whether sess may still be used at now.
func (s *Service) live(sess Session, now time.Time) bool {
	if !now.Before(sess.Expires) {
		return false
	}
	return sess.State != SessionActive || now.Sub(sess.LastSeen) < s.opts.SessionIdle
}

// Authenticate returns the principal and session of a session token.
//
// Errors: EUnauthorized (key error.session_expired) for a malformed,
// unknown, expired, idle or ended session, or one whose user is disabled;
// EMFARequired (key error.mfa_required) for a session that still owes the
// second factor — its Session is returned with the error, the Principal is
// empty. The session's last use is written at most once a minute.
func (s *Service) Authenticate(ctx context.Context, token string) (Principal, Session, error) {
	if !wellFormed(token) {
		return Principal{}, Session{}, errSessionExpired()
	}
	now := s.clock.Now()
	id := hashSecret(token)
	var sess Session
	var acc Account
	err := s.db.View(ctx, func(tx Tx) (err error) {
		r := tx.Accounts()
		if sess, err = r.Session(ctx, id); err != nil {
			return err
		}
		acc, err = r.UserByID(ctx, sess.UserID)
		return err
	})
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return Principal{}, Session{}, errSessionExpired()
	}
	if err != nil {
		return Principal{}, Session{}, err
	}
	if !s.live(sess, now) || acc.Status != StatusActive {
		err := s.db.Update(ctx, func(tx Tx) error { return tx.Accounts().DeleteSession(ctx, id) })
		if err != nil && !borderlink.IsCode(err, borderlink.ENotFound) {
			return Principal{}, Session{}, err
		}
		return Principal{}, Session{}, errSessionExpired()
	}
	if sess.State != SessionActive {
		return Principal{}, sess, errMFARequired()
	}
	if now.Sub(sess.LastSeen) >= touchEvery {
		sess.LastSeen = now
		err := s.db.Update(ctx, func(tx Tx) error { return tx.Accounts().UpdateSession(ctx, sess) })
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return Principal{}, Session{}, errSessionExpired() // ended meanwhile
		}
		if err != nil {
			return Principal{}, Session{}, err
		}
	}
	return principal(acc, ViaSession), sess, nil
}

// VerifySecondFactor completes the sign-in of a session that owes the
// second factor, with a TOTP code. A session already complete is left as it
// is.
//
// Errors: EUnauthorized (error.session_expired) for no such live session;
// EInvalid (error.bad_totp, error.code_used) for a wrong or replayed code;
// ELocked while the account must wait or is locked out. Wrong codes count
// toward the lock-out like wrong passwords.
func (s *Service) VerifySecondFactor(ctx context.Context, token, code, source string) error {
	if !wellFormed(token) {
		return errSessionExpired()
	}
	now := s.clock.Now()
	id := hashSecret(token)
	return s.update(ctx, func(tx Tx) error {
		r := tx.Accounts()
		sess, err := r.Session(ctx, id)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return errSessionExpired()
		}
		if err != nil {
			return err
		}
		if sess.State == SessionActive {
			return nil
		}
		a, err := r.UserByID(ctx, sess.UserID)
		if err != nil {
			return err
		}
		if !s.live(sess, now) || a.Status != StatusActive || a.TOTPSecret == "" {
			if err := r.DeleteSession(ctx, id); err != nil {
				return err
			}
			return refuse(errSessionExpired())
		}
		ev := event{actor: principal(a, ViaSession), action: "session.mfa", object: "user", id: a.Username, source: source}
		reserved, err := s.reserve(ctx, r, a, now)
		if borderlink.IsCode(err, borderlink.ELocked) {
			return s.deny(ctx, tx, ev, err)
		}
		if err != nil {
			return err
		}
		step, err := checkTOTP(a.TOTPSecret, code, now, a.TOTPLastStep)
		if err != nil {
			ev.outcome, ev.detail = audit.OutcomeFailed, borderlink.AsError(err).Message
			if err := s.record(ctx, tx, ev); err != nil {
				return err
			}
			return refuse(err)
		}
		if err := s.setThrottle(ctx, r, a.ID, reserved, Throttle{}); err != nil {
			return err
		}
		a.TOTPLastStep, a.LastLogin = step, now
		if err := r.UpdateUser(ctx, a); err != nil {
			return err
		}
		sess.State, sess.LastSeen, sess.Expires = SessionActive, now, now.Add(s.opts.SessionTTL)
		if err := r.UpdateSession(ctx, sess); err != nil {
			return err
		}
		ev.outcome = audit.OutcomeOK
		return s.record(ctx, tx, ev)
	})
}

// Logout ends the session of token. Ending a session that does not exist
// (any more) is not an error.
func (s *Service) Logout(ctx context.Context, token, source string) error {
	if !wellFormed(token) {
		return nil
	}
	id := hashSecret(token)
	return s.update(ctx, func(tx Tx) error {
		r := tx.Accounts()
		sess, err := r.Session(ctx, id)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := r.DeleteSession(ctx, id); err != nil {
			return err
		}
		a, err := r.UserByID(ctx, sess.UserID)
		if err != nil {
			return err
		}
		return s.record(ctx, tx, event{actor: principal(a, ViaSession), action: "session.logout",
			object: "user", id: a.Username, source: source, outcome: audit.OutcomeOK})
	})
}

// PurgeSessions removes the sessions past their absolute expiry and returns
// how many there were. Idle ones are removed when next presented. Call it
// now and then, from a periodic task.
func (s *Service) PurgeSessions(ctx context.Context) (int, error) {
	var n int
	err := s.db.Update(ctx, func(tx Tx) (err error) {
		n, err = tx.Accounts().DeleteExpiredSessions(ctx, s.clock.Now())
		return err
	})
	return n, err
}

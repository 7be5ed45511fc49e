package auth

import (
	"context"
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
)

// Throttling of sign-in attempts, per account.
//
// Each attempt (a password or a second-factor code) is counted as a failure
// before it is checked, in a transaction of its own, and forgiven when it
// succeeds. So parallel guesses cannot slip past the count: the second of two
// simultaneous attempts finds the first one's failure and must wait.
//
// After n failures the next attempt is accepted only after a delay of
// 2^(n-1) seconds (1 s, 2 s, 4 s …, at most MaxDelay). The attempt that
// reaches Options.MaxFailures locks the account for Options.Lockout; when the
// lock-out is over the count starts again from zero. A success resets it.

// MaxDelay caps the delay between failed attempts.
const MaxDelay = 60 * time.Second

// failureDelay returns how long to wait after n consecutive failures.
func failureDelay(n int) time.Duration {
	if n <= 0 {
		return 0
	}
	if n > 7 { // 2^6 s already exceeds the cap
		return MaxDelay
	}
	return min(time.Duration(1<<(n-1))*time.Second, MaxDelay)
}

// admit returns the state to store before checking an attempt made at now,
// or ELocked when the attempt must be refused unchecked.
func (o Options) admit(th Throttle, now time.Time) (Throttle, error) {
	if !th.LockedUntil.IsZero() {
		if now.Before(th.LockedUntil) {
			return th, errLocked(now, th.LockedUntil)
		}
		th = Throttle{} // the lock-out is served
	}
	if th.Failures > 0 {
		if ready := th.LastFailure.Add(failureDelay(th.Failures)); now.Before(ready) {
			return th, errWait(ready.Sub(now))
		}
	}
	next := Throttle{Failures: th.Failures + 1, LastFailure: now}
	if next.Failures >= o.MaxFailures {
		next.LockedUntil = now.Add(o.Lockout)
	}
	return next, nil
}

// locked reports whether th keeps the account locked at now.
func locked(th Throttle, now time.Time) bool { return now.Before(th.LockedUntil) }

// reserve counts an attempt on a, made at now, as a failure before it is
// checked (see above) and returns the state stored. It returns ELocked when
// the attempt must be refused unchecked, also when a parallel attempt got
// in first.
func (s *Service) reserve(ctx context.Context, r Repo, a Account, now time.Time) (Throttle, error) {
	next, err := s.opts.admit(a.Throttle, now)
	if err != nil {
		return Throttle{}, err
	}
	if err := r.SetThrottle(ctx, a.ID, a.Throttle, next); err != nil {
		if borderlink.IsCode(err, borderlink.EConflict) {
			return Throttle{}, errWait(time.Second)
		}
		return Throttle{}, fmt.Errorf("auth: throttle %s: %w", a.Username, err)
	}
	return next, nil
}

// setThrottle moves the throttle of the user from the state reserved to to.
// When another attempt changed it meanwhile, that attempt's state stands.
func (s *Service) setThrottle(ctx context.Context, r Repo, userID string, from, to Throttle) error {
	err := r.SetThrottle(ctx, userID, from, to)
	if err != nil && !borderlink.IsCode(err, borderlink.EConflict) {
		return fmt.Errorf("auth: throttle: %w", err)
	}
	return nil
}

package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
)

func TestLogin(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{})
	u := e.mustUser(t, "linh", auth.RoleOfficer, "VN-11")
	res, err := e.svc.Login(ctx, " LINH ", password, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if res.MFARequired || len(res.Token) != 43 || res.Principal.UserID != u.ID || res.Principal.Via != auth.ViaSession {
		t.Fatalf("login result %+v", res)
	}
	p, sess, err := e.svc.Authenticate(ctx, res.Token)
	if err != nil {
		t.Fatal(err)
	}
	if p.Username != "linh" || sess.CSRF == "" || sess.CSRF == res.Token || sess.Source != "192.0.2.1" {
		t.Errorf("principal %+v, session %+v", p, sess)
	}
	if !p.CanIn(auth.PermHotlineSend, "VN-11-D01", units) || p.CanIn(auth.PermHotlineSend, "VN-12", units) {
		t.Error("the session's principal has the wrong scope")
	}

	_, err = e.svc.Login(ctx, "linh", "wrong password!", "192.0.2.1")
	wrong := wantErr(t, "wrong password", err, borderlink.EUnauthorized, "error.bad_credentials")
	e.clock.Advance(time.Hour)
	_, err = e.svc.Login(ctx, "nobody", password, "192.0.2.1")
	unknown := wantErr(t, "unknown user", err, borderlink.EUnauthorized, "error.bad_credentials")
	if wrong.Message != unknown.Message {
		t.Errorf("an unknown user is answered differently from a wrong password: %q, %q", unknown.Message, wrong.Message)
	}
	_, err = e.svc.Login(ctx, "x", password, "192.0.2.1")
	wantErr(t, "malformed username", err, borderlink.EUnauthorized, "error.bad_credentials")

	if err := e.svc.Logout(ctx, res.Token, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	_, _, err = e.svc.Authenticate(ctx, res.Token)
	wantErr(t, "after logout", err, borderlink.EUnauthorized, "error.session_expired")

	failed := 0
	for _, en := range e.audited(t, "session.login") {
		if en.Outcome == audit.OutcomeFailed {
			failed++
		}
	}
	if failed != 3 {
		t.Errorf("%d failed sign-ins audited, want 3", failed)
	}
}

// TestLockout walks the throttle: a delay growing after each failure, a
// lock-out after MaxFailures, its end, and a success that resets the count.
func TestLockout(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{MaxFailures: 5, Lockout: 15 * time.Minute})
	e.mustUser(t, "minh", auth.RoleOfficer, "VN-11")
	login := func(pw string) error {
		_, err := e.svc.Login(ctx, "minh", pw, "198.51.100.9")
		return err
	}

	for n, delay := range []int{1, 2, 4, 8} {
		wantErr(t, "failure", login("wrong password!"), borderlink.EUnauthorized, "error.bad_credentials")
		// Too soon: refused unchecked, even with the right password.
		be := wantErr(t, "attempt during the delay", login(password), borderlink.ELocked, "error.login_wait")
		if got := arg(be, "seconds"); got != delay {
			t.Errorf("after %d failures: wait %v s, want %d", n+1, got, delay)
		}
		e.clock.Advance(time.Duration(delay)*time.Second - time.Millisecond)
		wantErr(t, "attempt just before the delay ends", login(password), borderlink.ELocked, "error.login_wait")
		e.clock.Advance(time.Millisecond)
	}
	// The fifth failure locks the account.
	wantErr(t, "fifth failure", login("wrong password!"), borderlink.EUnauthorized, "error.bad_credentials")
	e.clock.Advance(time.Minute)
	be := wantErr(t, "locked", login(password), borderlink.ELocked, "error.account_locked")
	if got := arg(be, "seconds"); got != 14*60 {
		t.Errorf("locked for %v more seconds, want %d", got, 14*60)
	}
	if until, _ := arg(be, "until").(time.Time); !until.Equal(e.clock.Now().Add(14 * time.Minute)) {
		t.Errorf("locked until %v", arg(be, "until"))
	}
	u, err := e.svc.GetUser(ctx, e.cli, "minh")
	if err != nil || u.LockedUntil.IsZero() {
		t.Errorf("GetUser does not show the lock-out: %+v %v", u, err)
	}
	e.clock.Advance(14 * time.Minute)
	if err := login(password); err != nil {
		t.Fatalf("after the lock-out: %v", err)
	}

	// A success resets the count: the next failure waits 1 s again.
	wantErr(t, "failure after success", login("wrong password!"), borderlink.EUnauthorized, "")
	e.clock.Advance(time.Second)
	if err := login(password); err != nil {
		t.Fatal(err)
	}
	wantErr(t, "failure after reset", login("wrong password!"), borderlink.EUnauthorized, "")
	be = wantErr(t, "delay after reset", login(password), borderlink.ELocked, "error.login_wait")
	if arg(be, "seconds") != 1 {
		t.Errorf("after a reset the delay is %v s, want 1", arg(be, "seconds"))
	}

	// An administrator lifts a lock-out by enabling the account.
	for range 5 {
		e.clock.Advance(time.Minute)
		_ = login("wrong password!")
	}
	wantErr(t, "locked again", login(password), borderlink.ELocked, "error.account_locked")
	if err := e.svc.EnableUser(ctx, e.cli, "minh"); err != nil {
		t.Fatal(err)
	}
	if err := login(password); err != nil {
		t.Fatalf("after EnableUser: %v", err)
	}
	if n := len(e.audited(t, "session.login")); n < 20 {
		t.Errorf("only %d sign-in attempts audited", n)
	}
}

func TestLoginDisabled(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{})
	e.mustUser(t, "anh", auth.RoleAnalyst, "VN-12")
	token, _ := e.mustLogin(t, "anh")
	if err := e.svc.DisableUser(ctx, e.cli, "anh"); err != nil {
		t.Fatal(err)
	}
	_, _, err := e.svc.Authenticate(ctx, token)
	wantErr(t, "session of a disabled user", err, borderlink.EUnauthorized, "")
	_, err = e.svc.Login(ctx, "anh", password, "")
	wantErr(t, "disabled user, right password", err, borderlink.EForbidden, "error.account_disabled")
	e.clock.Advance(time.Minute)
	_, err = e.svc.Login(ctx, "anh", "wrong password!", "")
	wantErr(t, "disabled user, wrong password", err, borderlink.EUnauthorized, "error.bad_credentials")
}

func TestRehashOnLogin(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{})
	e.mustUser(t, "quang", auth.RoleOfficer, "VN-11")
	stronger := cheap
	stronger.Time = 2
	e2, err := auth.NewService(e.db(), e.log, units, e.clock, auth.Options{HashParams: stronger})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e2.Login(ctx, "quang", password, ""); err != nil {
		t.Fatal(err)
	}
	h := e.account(t, "quang").PasswordHash
	if !auth.NeedsRehash(h, cheap) || auth.NeedsRehash(h, stronger) {
		t.Errorf("the hash was not renewed with the new parameters: %s", h)
	}
	if _, err := e2.Login(ctx, "quang", password, ""); err != nil {
		t.Fatalf("login after rehash: %v", err)
	}
}

// TestParallelGuesses: attempts made at the same moment cannot all be
// checked; only the first is, the others must wait.
func TestParallelGuesses(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{})
	e.mustUser(t, "ngoc", auth.RoleOfficer, "VN-11")
	errs := make(chan error, 8)
	for range cap(errs) {
		go func() {
			_, err := e.svc.Login(ctx, "ngoc", "wrong password!", "")
			errs <- err
		}()
	}
	checked := 0
	for range cap(errs) {
		switch err := <-errs; borderlink.ErrorCode(err) {
		case borderlink.EUnauthorized:
			checked++
		case borderlink.ELocked:
		default:
			t.Errorf("parallel guess: %v", err)
		}
	}
	if checked != 1 {
		t.Errorf("%d of %d simultaneous guesses were checked, want 1", checked, cap(errs))
	}
}

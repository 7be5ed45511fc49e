package auth_test

import (
	"bytes"
	"context"
	"image/png"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
)

// secretOf reads the secret out of an otpauth:// URL.
func secretOf(tb testing.TB, en auth.Enrolment) string {
	tb.Helper()
	u, err := url.Parse(en.URL)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" {
		tb.Fatalf("enrolment URL %q: %v", en.URL, err)
	}
	return u.Query().Get("secret")
}

func code(tb testing.TB, secret string, t time.Time) string {
	tb.Helper()
	c, err := totp.GenerateCode(secret, t)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestTOTP(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{})
	e.mustUser(t, "thao", auth.RoleLiaison, "LA-PH")
	token, p := e.mustLogin(t, "thao")

	en, err := e.svc.BeginEnrolment(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(en.URL, "issuer=BorderLink") || !strings.Contains(en.URL, "thao") {
		t.Errorf("enrolment URL %q", en.URL)
	}
	img, err := png.Decode(bytes.NewReader(en.PNG))
	if err != nil || img.Bounds().Dx() < 100 {
		t.Fatalf("QR code is not a usable PNG: %v", err)
	}
	again, err := e.svc.PendingEnrolment(ctx, p)
	if err != nil || again.URL != en.URL {
		t.Fatalf("PendingEnrolment: %v %v", again.URL, err)
	}
	secret := secretOf(t, en)

	// Until confirmed, sign-in is unchanged.
	if _, p2 := e.mustLogin(t, "thao"); p2.UserID != p.UserID {
		t.Fatal("wrong principal")
	}
	err = e.svc.ConfirmEnrolment(ctx, p, "000000")
	wantErr(t, "confirm with a wrong code", err, borderlink.EInvalid, "error.bad_totp")
	c0 := code(t, secret, e.clock.Now())
	if err := e.svc.ConfirmEnrolment(ctx, p, c0); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.PendingEnrolment(ctx, p)
	wantErr(t, "pending after confirmation", err, borderlink.ENotFound, "error.no_enrolment")
	if a := e.account(t, "thao"); a.TOTPSecret != secret {
		t.Fatal("the confirmed secret is not in force")
	}
	// The session that enrolled stays signed in.
	if _, _, err := e.svc.Authenticate(ctx, token); err != nil {
		t.Fatal(err)
	}

	res, err := e.svc.Login(ctx, "thao", password, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if !res.MFARequired {
		t.Fatal("login with TOTP set up did not ask for the second factor")
	}
	_, sess, err := e.svc.Authenticate(ctx, res.Token)
	wantErr(t, "pending session", err, borderlink.EMFARequired, "error.mfa_required")
	if sess.State != auth.SessionMFAPending {
		t.Errorf("pending session state %q", sess.State)
	}
	// The code used to confirm cannot be used again (replay).
	err = e.svc.VerifySecondFactor(ctx, res.Token, c0, "192.0.2.1")
	wantErr(t, "replayed code", err, borderlink.EInvalid, "error.code_used")
	e.clock.Advance(time.Second)
	err = e.svc.VerifySecondFactor(ctx, res.Token, "123456", "192.0.2.1")
	wantErr(t, "wrong code", err, borderlink.EInvalid, "error.bad_totp")
	// Wrong codes count like wrong passwords.
	err = e.svc.VerifySecondFactor(ctx, res.Token, "123456", "192.0.2.1")
	wantErr(t, "code too soon after a failure", err, borderlink.ELocked, "error.login_wait")

	e.clock.Advance(30 * time.Second)
	c1 := code(t, secret, e.clock.Now())
	if err := e.svc.VerifySecondFactor(ctx, res.Token, c1[:3]+" "+c1[3:], "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	p2, sess, err := e.svc.Authenticate(ctx, res.Token)
	if err != nil || sess.State != auth.SessionActive || p2.Username != "thao" {
		t.Fatalf("after the second factor: %+v %+v %v", p2, sess, err)
	}
	if a := e.account(t, "thao"); a.Throttle != (auth.Throttle{}) {
		t.Errorf("the success did not reset the throttle: %+v", a.Throttle)
	}

	// The same code on another sign-in within its window: refused.
	res2, err := e.svc.Login(ctx, "thao", password, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	err = e.svc.VerifySecondFactor(ctx, res2.Token, c1, "192.0.2.1")
	wantErr(t, "code replayed on another session", err, borderlink.EInvalid, "error.code_used")

	// A pending session runs out.
	e.clock.Advance(6 * time.Minute)
	err = e.svc.VerifySecondFactor(ctx, res2.Token, code(t, secret, e.clock.Now()), "192.0.2.1")
	wantErr(t, "expired pending session", err, borderlink.EUnauthorized, "error.session_expired")

	// Removing one's own second factor needs the password.
	err = e.svc.DisableTOTP(ctx, p, "thao", "wrong password!")
	wantErr(t, "DisableTOTP with a wrong password", err, borderlink.EInvalid, "error.wrong_password")
	e.clock.Advance(time.Minute)
	if err := e.svc.DisableTOTP(ctx, p, "thao", password); err != nil {
		t.Fatal(err)
	}
	if res, err := e.svc.Login(ctx, "thao", password, ""); err != nil || res.MFARequired {
		t.Fatalf("after DisableTOTP: %+v %v", res, err)
	}
	if n := len(e.audited(t, "mfa.")); n < 4 {
		t.Errorf("%d second-factor changes audited", n)
	}
}

func TestTOTPAdminReset(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{})
	e.mustUser(t, "boss", auth.RoleAdmin, "LA-MPS")
	e.mustUser(t, "kham", auth.RoleOfficer, "LA-PH")
	e.mustUser(t, "vnadmin", auth.RoleAdmin, "VN-MPS")
	_, kham := e.mustLogin(t, "kham")
	en, err := e.svc.BeginEnrolment(ctx, kham)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.ConfirmEnrolment(ctx, kham, code(t, secretOf(t, en), e.clock.Now())); err != nil {
		t.Fatal(err)
	}
	_, vn := e.mustLogin(t, "vnadmin")
	err = e.svc.DisableTOTP(ctx, vn, "kham", "")
	wantErr(t, "an admin of another country", err, borderlink.ENotFound, "error.unknown_user")
	_, boss := e.mustLogin(t, "boss")
	if err := e.svc.DisableTOTP(ctx, boss, "kham", ""); err != nil {
		t.Fatal(err)
	}
	if e.account(t, "kham").TOTPSecret != "" {
		t.Error("the second factor is still set")
	}
}

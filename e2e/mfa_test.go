package e2e

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
)

// TestSecondFactorThroughThePages enrols TOTP on the profile page (QR code
// served by the node), signs out, signs in again and must pass the
// second-factor page before reaching anything else.
func TestSecondFactorThroughThePages(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{})
	name := nodetest.Username(auth.RoleOfficer)
	c := n.MustLogin(t, name, n.Passwords[name])

	if st, _ := post(t, c, n.URL+"/profile/mfa", nil); st != http.StatusSeeOther {
		t.Fatalf("begin enrolment: status %d", st)
	}
	st, body := n.Do(t, c, "GET", "/profile", "", "", "")
	if st != http.StatusOK || !strings.Contains(body, `src="/profile/mfa/qr.png"`) {
		t.Fatalf("profile page does not show the QR code: %d", st)
	}
	res, err := c.Get(n.URL + "/profile/mfa/qr.png")
	if err != nil {
		t.Fatal(err)
	}
	png, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(string(png), "\x89PNG") {
		t.Fatalf("QR code: status %d, type %s", res.StatusCode, res.Header.Get("Content-Type"))
	}

	// The authenticator app: the secret is in the enrolment URL the QR
	// code encodes.
	en, err := n.Accounts.PendingEnrolment(context.Background(), mustPrincipal(t, n, c))
	if err != nil {
		t.Fatal(err)
	}
	key, err := otp.NewKeyFromURL(en.URL)
	if err != nil {
		t.Fatal(err)
	}
	code := func() string {
		c, err := totp.GenerateCode(key.Secret(), n.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if st, body := post(t, c, n.URL+"/profile/mfa/confirm", url.Values{"code": {"000000"}}); st == http.StatusOK && !strings.Contains(body, "flash error") {
		t.Fatal("a wrong code confirmed the enrolment")
	}
	if st, _ := post(t, c, n.URL+"/profile/mfa/confirm", url.Values{"code": {code()}}); st != http.StatusOK {
		t.Fatalf("confirm enrolment: status %d", st)
	}
	post(t, c, n.URL+"/logout", nil)

	// Signing in now stops at the second factor.
	c2 := n.Client(t)
	st, _ = post(t, c2, n.URL+"/login", url.Values{"username": {name}, "password": {n.Passwords[name]}})
	if st != http.StatusSeeOther {
		t.Fatalf("password step: status %d", st)
	}
	if st, _ := n.Do(t, c2, "GET", "/", "", "", ""); st != http.StatusSeeOther {
		t.Fatalf("home page before the second factor: status %d, want a redirect", st)
	}
	if st, _ := n.Do(t, c2, "GET", "/api/v1/me", "", "", ""); st != http.StatusUnauthorized {
		t.Fatalf("API before the second factor: status %d, want 401", st)
	}
	if st, body := post(t, c2, n.URL+"/login/mfa", url.Values{"code": {"123456"}}); st == http.StatusSeeOther {
		t.Fatalf("a wrong code passed: %s", body)
	}
	n.Clock.Advance(30 * time.Second) // a fresh code: the enrolment's code may not be replayed
	if st, _ := post(t, c2, n.URL+"/login/mfa", url.Values{"code": {code()}}); st != http.StatusSeeOther {
		t.Fatalf("right code: status %d", st)
	}
	if st, _ := n.Do(t, c2, "GET", "/", "", "", ""); st != http.StatusOK {
		t.Fatalf("home page after the second factor: status %d", st)
	}
}

func post(t *testing.T, c *http.Client, u string, v url.Values) (int, string) {
	t.Helper()
	res, err := c.PostForm(u, v)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func mfaSessionToken(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	u, _ := url.Parse(base)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "bl_session" {
			return ck.Value
		}
	}
	t.Fatal("no session cookie")
	return ""
}

func mustPrincipal(t *testing.T, n *nodetest.Node, c *http.Client) auth.Principal {
	t.Helper()
	p, _, err := n.Accounts.Authenticate(context.Background(), mfaSessionToken(t, c, n.URL))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

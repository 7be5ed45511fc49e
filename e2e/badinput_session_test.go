package e2e

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
)

// Bad credentials, end to end: wrong passwords, lock-out, expired and forged
// sessions and tokens, cross-site requests, and the session cookie itself.

const wrongPassword = "not-the-password-123"

// login posts the login form.
func login(tb testing.TB, n *nodetest.Node, c *http.Client, username, password string, header ...string) reply {
	tb.Helper()
	return postForm(tb, n, c, "/login", url.Values{"username": {username}, "password": {password}, "next": {"/users"}}, header...)
}

// sessionToken returns the session token a client holds.
func sessionToken(tb testing.TB, n *nodetest.Node, c *http.Client) string {
	tb.Helper()
	u, _ := url.Parse(n.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == httpx.SessionCookie {
			return ck.Value
		}
	}
	tb.Fatal("the client holds no session cookie")
	return ""
}

// TestWrongPassword: the login page answers 401 with the message in the
// language of the bl_lang cookie, else of Accept-Language; the form keeps
// the username but never the password; the failure is in the audit log.
func TestWrongPassword(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *nodetest.Node) {
		before := accounts(t, n)
		for _, tc := range []struct {
			user    string
			lang    borderlink.Lang
			header  []string
			literal string
		}{
			{"u_officer", borderlink.LangVI, []string{"Cookie", "bl_lang=vi"}, "Sai tên đăng nhập hoặc mật khẩu."},
			{"u_analyst", borderlink.LangLO, []string{"Accept-Language", "lo-LA, vi;q=0.5"}, "ຊື່ຜູ້ໃຊ້ ຫຼື ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ."},
			{"u_liaison", borderlink.LangEN, []string{"Accept-Language", "en-GB"}, "Wrong username or password."},
			{"u_commander", borderlink.LangLO, []string{"Cookie", "bl_lang=lo", "Accept-Language", "vi"}, "ຊື່ຜູ້ໃຊ້ ຫຼື ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ."},
			{"nobody", borderlink.LangVI, []string{"Accept-Language", "vi-VN"}, "Sai tên đăng nhập hoặc mật khẩu."},
			{"Bad Name!", borderlink.LangEN, []string{"Accept-Language", "en"}, "Wrong username or password."},
		} {
			r := login(t, n, n.Client(t), tc.user, wrongPassword, tc.header...)
			wantPage(t, tc.user, r, http.StatusUnauthorized, tc.lang, tc.literal)
			if !strings.Contains(r.body, `value="`+html.EscapeString(tc.user)+`"`) {
				t.Errorf("%s: the form does not keep the username", tc.user)
			}
			if strings.Contains(r.body, wrongPassword) {
				t.Errorf("%s: the page repeats the password", tc.user)
			}
			if r.cookie(httpx.SessionCookie) != nil {
				t.Errorf("%s: a failed login sets a session cookie", tc.user)
			}
			actor := strings.ToLower(tc.user)
			if tc.user == "Bad Name!" {
				actor = tc.user
			}
			if got := auditCount(t, n, "action=session.login&outcome=failed&actor="+url.QueryEscape(actor)); got != 1 {
				t.Errorf("%s: %d failed logins in the audit log, want 1", tc.user, got)
			}
		}
		r := call(t, n, "GET", "/api/v1/audit?limit=500", n.Tokens[auth.RoleAuditor], "")
		if strings.Contains(r.body, wrongPassword) {
			t.Error("the audit log holds a password")
		}
		mustBeIntact(t, n, before)
		n.Clock.Advance(time.Minute) // past the delay after one failure
		for _, u := range []string{"u_officer", "u_analyst", "u_liaison", "u_commander"} {
			n.MustLogin(t, u, n.Passwords[u])
		}
	})
}

// TestLockout fails to sign in again and again through the login form:
// each failure makes the next attempt wait longer (1 s, 2 s, 4 s …), an
// attempt too early is refused unchecked with the wait in the reader's
// language, even with the right password; the attempt that reaches
// login_max_failures locks the account for the lock-out time. The clock is
// the node's fake clock: nothing sleeps.
func TestLockout(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{})
	user, pw := nodetest.Username(auth.RoleOfficer), n.Passwords[nodetest.Username(auth.RoleOfficer)]
	c := n.Client(t)
	vi := []string{"Accept-Language", "vi"}
	max := n.Config.LoginMaxFailures
	for i := 1; i <= max; i++ {
		r := login(t, n, c, user, wrongPassword, vi...)
		wantPage(t, "failure", r, http.StatusUnauthorized, borderlink.LangVI, msg(n, borderlink.LangVI, "error.bad_credentials"))
		if i == max {
			break
		}
		wait := min(time.Duration(1<<(i-1))*time.Second, auth.MaxDelay)
		r = login(t, n, c, user, pw, vi...)
		wantPage(t, "too early", r, http.StatusTooManyRequests, borderlink.LangVI,
			msg(n, borderlink.LangVI, "error.login_wait", "seconds", int(wait/time.Second)))
		if i == 1 && !strings.Contains(r.body, "Vui lòng chờ 1 giây rồi thử lại.") {
			t.Errorf("the wait is not in Vietnamese: %.600s", r.body)
		}
		n.Clock.Advance(wait - time.Second)
		r = login(t, n, c, user, pw, "Accept-Language", "lo")
		wantPage(t, "one second early", r, http.StatusTooManyRequests, borderlink.LangLO,
			msg(n, borderlink.LangLO, "error.login_wait", "seconds", 1))
		n.Clock.Advance(time.Second)
	}
	until := n.Clock.Now().Add(n.Config.Lockout)
	for _, lang := range borderlink.Langs {
		r := login(t, n, c, user, pw, "Accept-Language", string(lang))
		wantPage(t, "locked", r, http.StatusTooManyRequests, lang, msg(n, lang, "error.account_locked", "until", until))
	}
	// The account shows as locked; the other accounts are not affected.
	r := call(t, n, "GET", "/api/v1/users/"+user, n.Tokens[auth.RoleAdmin], "")
	if !strings.Contains(r.body, `"locked_until"`) {
		t.Errorf("the account does not show the lock-out: %s", r.body)
	}
	admin := n.MustLogin(t, "admin", nodetest.AdminPassword)
	r = send(t, admin, "GET", n.URL+"/users", nil)
	if !strings.Contains(r.body, html.EscapeString(msg(n, borderlink.LangVI, "users.status_locked"))) {
		t.Errorf("the users page does not show the lock-out")
	}
	if got := auditCount(t, n, "action=session.login&outcome=denied&actor="+user); got < max {
		t.Errorf("%d refused attempts in the audit log, want at least %d", got, max)
	}
	n.Clock.Advance(n.Config.Lockout - time.Second)
	r = login(t, n, c, user, pw, vi...)
	wantPage(t, "still locked", r, http.StatusTooManyRequests, borderlink.LangVI, msg(n, borderlink.LangVI, "error.account_locked", "until", until))
	n.Clock.Advance(time.Second)
	if r := login(t, n, c, user, pw, vi...); r.status != http.StatusSeeOther || r.header.Get("Location") != "/users" {
		t.Fatalf("after the lock-out: %d %q", r.status, r.header.Get("Location"))
	}
	mustVerifyAudit(t, n)
}

// TestExpiredSession lets a session run past session_idle and past
// session_ttl: the next page sends the browser to the login page, which says
// why; the API answers 401 "unauthorized". An API token past its lifetime
// is refused alike.
func TestExpiredSession(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *nodetest.Node) {
		c := n.MustLogin(t, "admin", nodetest.AdminPassword)
		tok := sessionToken(t, n, c)
		if r := send(t, c, "GET", n.URL+"/users", nil); r.status != http.StatusOK {
			t.Fatalf("users page: %d", r.status)
		}
		n.Clock.Advance(n.Config.SessionIdle)
		r := send(t, n.Client(t), "GET", n.URL+"/api/v1/me", nil, "Cookie", httpx.SessionCookie+"="+tok, "Accept-Language", "lo")
		if got := wantAPIError(t, "idle session, API", r, http.StatusUnauthorized, "unauthorized"); got != msg(n, borderlink.LangLO, "error.session_expired") {
			t.Errorf("idle session, API: message %q", got)
		}
		r = send(t, c, "GET", n.URL+"/users?q=a", nil)
		wantLoginRedirect(t, "idle session", r, "/login?expired=1&next="+url.QueryEscape("/users?q=a"))
		r = send(t, c, "GET", n.URL+r.header.Get("Location"), nil)
		wantPage(t, "login page after expiry", r, http.StatusOK, borderlink.LangVI, msg(n, borderlink.LangVI, "error.session_expired"))

		// Active all the time, the session still ends session_ttl after sign-in.
		c = n.MustLogin(t, "admin", nodetest.AdminPassword)
		step := n.Config.SessionIdle * 2 / 3
		var used time.Duration
		for used+step < n.Config.SessionTTL {
			n.Clock.Advance(step)
			used += step
			if r := send(t, c, "GET", n.URL+"/", nil); r.status != http.StatusOK {
				t.Fatalf("after %v: status %d", used, r.status)
			}
		}
		n.Clock.Advance(n.Config.SessionTTL - used)
		r = postForm(t, n, c, "/users/u_officer/disable", nil)
		wantLoginRedirect(t, "form post past its ttl", r, "/login?expired=1")
		if r := send(t, c, "GET", n.URL+"/", nil); r.status != http.StatusSeeOther || r.header.Get("Location") != "/login" {
			t.Errorf("after the session ended: %d %q", r.status, r.header.Get("Location"))
		}
		if r := call(t, n, "GET", "/api/v1/users/u_officer", n.Tokens[auth.RoleAdmin], ""); !strings.Contains(r.body, `"status":"active"`) {
			t.Errorf("the expired session's post was carried out: %s", r.body)
		}

		// An API token with a lifetime of one hour.
		r = call(t, n, "POST", "/api/v1/tokens", n.Tokens[auth.RoleOfficer], `{"name":"short","ttl":"1h"}`)
		var created struct{ Token string }
		if r.status != http.StatusCreated || json.Unmarshal([]byte(r.body), &created) != nil {
			t.Fatalf("create token: %d %s", r.status, r.body)
		}
		if r := call(t, n, "GET", "/api/v1/me", created.Token, ""); r.status != http.StatusOK {
			t.Fatalf("fresh token: %d", r.status)
		}
		n.Clock.Advance(time.Hour)
		r = call(t, n, "GET", "/api/v1/me", created.Token, "", "Accept-Language", "vi")
		if got := wantAPIError(t, "expired token", r, http.StatusUnauthorized, "unauthorized"); got != msg(n, borderlink.LangVI, "error.token_invalid") {
			t.Errorf("expired token: message %q", got)
		}
		mustVerifyAudit(t, n)
	})
}

// wantLoginRedirect checks that r sends the browser to the login page at
// location and ends the session cookie.
func wantLoginRedirect(tb testing.TB, what string, r reply, location string) {
	tb.Helper()
	if r.status != http.StatusSeeOther || r.header.Get("Location") != location {
		tb.Errorf("%s: status %d, location %q; want 303 to %q", what, r.status, r.header.Get("Location"), location)
	}
	if ck := r.cookie(httpx.SessionCookie); ck == nil || ck.MaxAge >= 0 {
		tb.Errorf("%s: the session cookie is not cleared", what)
	}
}

// TestForgedCredentials presents session cookies and API tokens that are
// garbage, well-formed but unknown, altered in one character, or ended:
// pages send the browser to sign in, the API answers 401 "unauthorized" in
// the caller's language, and the public pages still work.
func TestForgedCredentials(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *nodetest.Node) {
		before := accounts(t, n)
		c := n.MustLogin(t, "u_officer", n.Passwords["u_officer"])
		real := sessionToken(t, n, c)
		analyst := n.MustLogin(t, "u_analyst", n.Passwords["u_analyst"])
		ended := sessionToken(t, n, analyst)
		if r := postForm(t, n, analyst, "/logout", nil); r.status != http.StatusSeeOther {
			t.Fatalf("logout: %d", r.status)
		}
		cookies := map[string]string{
			"garbage":      "garbage",
			"well-formed":  strings.Repeat("A", len(real)),
			"altered":      alter(real, 10),
			"extended":     real + "A",
			"cut":          real[:len(real)-1],
			"ended":        ended,
			"script":       "<script>alert(1)</script>",
			"null byte":    "%00",
			"other cookie": "",
		}
		for name, v := range cookies {
			header := []string{"Cookie", httpx.SessionCookie + "=" + v, "Accept-Language", "lo"}
			if name == "other cookie" {
				header[1] = "bl_sess=" + real
			}
			r := send(t, n.Client(t), "GET", n.URL+"/users", nil, header...)
			if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login") {
				t.Errorf("cookie %s, page: status %d, location %q", name, r.status, r.header.Get("Location"))
			}
			r = send(t, n.Client(t), "GET", n.URL+"/api/v1/me", nil, header...)
			got := wantAPIError(t, "cookie "+name, r, http.StatusUnauthorized, "unauthorized")
			if name != "other cookie" && got != msg(n, borderlink.LangLO, "error.session_expired") {
				t.Errorf("cookie %s: message %q", name, got)
			}
			if r.header.Get("WWW-Authenticate") == "" {
				t.Errorf("cookie %s: no WWW-Authenticate", name)
			}
			if r := send(t, n.Client(t), "GET", n.URL+"/login", nil, header...); r.status != http.StatusOK {
				t.Errorf("cookie %s: login page status %d", name, r.status)
			}
		}
		if r := send(t, c, "GET", n.URL+"/profile", nil); r.status != http.StatusOK {
			t.Errorf("the real session stopped working: %d", r.status)
		}

		tok := n.Tokens[auth.RoleAdmin]
		id, secret, _ := strings.Cut(strings.TrimPrefix(tok, auth.APITokenPrefix), "_")
		r := call(t, n, "POST", "/api/v1/users/u_liaison/disable", n.Tokens[auth.RoleAdmin], "")
		if r.status != http.StatusOK {
			t.Fatalf("disable u_liaison: %d %s", r.status, r.body)
		}
		before = strings.Replace(before, "u_liaison|Test liaison|vi|active", "u_liaison|Test liaison|vi|disabled", 1)
		for name, h := range map[string]string{
			"garbage":        "Bearer garbage",
			"no prefix":      "Bearer " + id + "_" + secret,
			"altered secret": "Bearer " + auth.APITokenPrefix + id + "_" + alter(secret, 10),
			"altered id":     "Bearer " + auth.APITokenPrefix + alter(id, 3) + "_" + secret,
			"long":           "Bearer " + tok + strings.Repeat("A", 5000),
			"disabled user":  "Bearer " + n.Tokens[auth.RoleLiaison],
		} {
			for _, path := range []string{"/api/v1/me", "/api/v1/users"} {
				r := send(t, n.Client(t), "GET", n.URL+path, nil, "Authorization", h, "Accept-Language", "vi")
				if got := wantAPIError(t, "token "+name, r, http.StatusUnauthorized, "unauthorized"); got != msg(n, borderlink.LangVI, "error.token_invalid") {
					t.Errorf("token %s: message %q", name, got)
				}
			}
		}
		for _, h := range []string{"Basic " + tok, "bearer", "Bearer", "Token " + tok} {
			r := send(t, n.Client(t), "GET", n.URL+"/api/v1/me", nil, "Authorization", h, "Accept-Language", "lo")
			wantAPIError(t, "scheme "+h[:5], r, http.StatusUnauthorized, "unauthorized")
			r = send(t, n.Client(t), "GET", n.URL+"/users", nil, "Authorization", h)
			if r.status != http.StatusSeeOther {
				t.Errorf("scheme %s, page: status %d", h[:5], r.status)
			}
		}
		mustBeIntact(t, n, before)
	})
}

// alter changes the character at i of s to another of the same alphabet.
func alter(s string, i int) string {
	b := []byte(s)
	if b[i] == 'a' {
		b[i] = 'b'
	} else {
		b[i] = 'a'
	}
	return string(b)
}

// TestCrossOriginRefused: a state-changing request from another site (by
// Sec-Fetch-Site or a foreign Origin) is refused with 403 before anything
// happens, the login form included, with the message in the reader's
// language (JSON for the API); the same requests from the node's own pages
// go through.
func TestCrossOriginRefused(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *nodetest.Node) {
		before := accounts(t, n)
		foreign := [][]string{
			{"Sec-Fetch-Site", "cross-site"},
			{"Sec-Fetch-Site", "same-site"},
			{"Origin", "http://evil.example"},
			{"Origin", "null"},
		}
		for _, h := range foreign {
			what := h[0] + ": " + h[1]
			r := login(t, n, n.Client(t), "admin", nodetest.AdminPassword, append(h, "Accept-Language", "lo")...)
			wantPage(t, "login, "+what, r, http.StatusForbidden, borderlink.LangLO, msg(n, borderlink.LangLO, "error.csrf"))
			if r.cookie(httpx.SessionCookie) != nil {
				t.Errorf("login, %s: a session cookie was set", what)
			}
			c := n.MustLogin(t, "admin", nodetest.AdminPassword)
			r = postForm(t, n, c, "/users", url.Values{"username": {"planted"}, "display_name": {"Planted"},
				"role": {"admin"}, "unit": {"VN-MPS"}}, h...)
			wantPage(t, "new user, "+what, r, http.StatusForbidden, borderlink.LangVI, msg(n, borderlink.LangVI, "error.csrf"))
			r = postForm(t, n, c, "/logout", nil, h...)
			if r.status != http.StatusForbidden {
				t.Errorf("logout, %s: status %d", what, r.status)
			}
			if r := send(t, c, "GET", n.URL+"/users", nil, h...); r.status != http.StatusOK {
				t.Errorf("%s: a cross-site GET is refused or the session ended: %d", what, r.status)
			}
			r = postForm(t, n, c, "/lang", url.Values{"lang": {"en"}}, h...)
			if r.status != http.StatusForbidden || r.cookie(httpx.LangCookie) != nil {
				t.Errorf("lang, %s: status %d", what, r.status)
			}
			r = call(t, n, "POST", "/api/v1/users", n.Tokens[auth.RoleAdmin],
				`{"username":"planted","display_name":"Planted","role":"admin","unit":"VN-MPS"}`, append(h, "Accept-Language", "vi")...)
			if got := wantAPIError(t, "API, "+what, r, http.StatusForbidden, "forbidden"); got != msg(n, borderlink.LangVI, "error.csrf") {
				t.Errorf("API, %s: message %q", what, got)
			}
		}
		mustBeIntact(t, n, before)
		for _, h := range [][]string{{"Sec-Fetch-Site", "same-origin"}, {"Sec-Fetch-Site", "none"}, {"Origin", n.URL}} {
			if r := login(t, n, n.Client(t), "admin", nodetest.AdminPassword, h...); r.status != http.StatusSeeOther {
				t.Errorf("login, %s: %s: status %d", h[0], h[1], r.status)
			}
		}
	})
}

// TestCookieAttributes: the session and language cookies are HttpOnly,
// SameSite=Lax, for the whole site, not Secure over plain HTTP; the session
// cookie lives only as long as the browser session; signing out clears it.
func TestCookieAttributes(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{})
	c := n.Client(t)
	r := login(t, n, c, "admin", nodetest.AdminPassword)
	ck := r.cookie(httpx.SessionCookie)
	if ck == nil {
		t.Fatalf("no session cookie: %v", r.header)
	}
	raw := r.header.Get("Set-Cookie")
	if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Secure || ck.MaxAge != 0 || !ck.Expires.IsZero() || ck.Domain != "" {
		t.Errorf("session cookie: %s", raw)
	}
	if !strings.Contains(raw, "HttpOnly") || !strings.Contains(raw, "SameSite=Lax") || strings.Contains(raw, "Secure") {
		t.Errorf("session cookie: %s", raw)
	}
	r = postForm(t, n, c, "/lang", url.Values{"lang": {"lo"}, "next": {"/"}})
	if ck := r.cookie(httpx.LangCookie); ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Secure || ck.Value != "lo" {
		t.Errorf("language cookie: %v", r.header.Values("Set-Cookie"))
	}
	for _, h := range []string{"X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy"} {
		if r.header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	r = postForm(t, n, c, "/logout", nil)
	if ck := r.cookie(httpx.SessionCookie); ck == nil || ck.MaxAge >= 0 || ck.Value != "" || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
		t.Errorf("sign-out does not clear the session cookie: %v", r.header.Values("Set-Cookie"))
	}
}

// TestLoginNextStaysOnSite: the page a browser is sent to after signing in
// (or choosing a language) is always on the node, whatever "next" says.
func TestLoginNextStaysOnSite(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{})
	for _, next := range []string{"//evil.example/", "/\\evil.example", "/\t/evil.example", "/\n/evil.example",
		"/\r\n/evil.example", "https://evil.example/", "javascript:alert(1)", "evil.example", "/users\\..\\x"} {
		r := postForm(t, n, n.Client(t), "/login", url.Values{"username": {"admin"}, "password": {nodetest.AdminPassword}, "next": {next}})
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/" {
			t.Errorf("login, next %q: status %d, location %q", next, r.status, r.header.Get("Location"))
		}
		r = postForm(t, n, n.Client(t), "/lang", url.Values{"lang": {"lo"}, "next": {next}})
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/" {
			t.Errorf("lang, next %q: status %d, location %q", next, r.status, r.header.Get("Location"))
		}
		r = send(t, n.Client(t), "GET", n.URL+"/login?next="+url.QueryEscape(next), nil)
		if strings.Contains(r.body, "evil.example") {
			t.Errorf("login page keeps next %q", next)
		}
	}
	r := postForm(t, n, n.Client(t), "/login", url.Values{"username": {"admin"}, "password": {nodetest.AdminPassword}, "next": {"/units?q=Điện"}})
	if u, err := url.Parse(r.header.Get("Location")); err != nil || u.Path != "/units" || u.Query().Get("q") != "Điện" || u.Host != "" {
		t.Errorf("a local next is not kept: %q", r.header.Get("Location"))
	}
}

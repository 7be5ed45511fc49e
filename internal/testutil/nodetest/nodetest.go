// Package nodetest starts real nodes for end-to-end tests: a data directory
// in the test's temporary folder, a real SQLite file (or a fresh PostgreSQL
// database), the real HTTP handler on a loopback port, and one account per
// role with an API token.
package nodetest

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/node"
)

// Node is a running test node.
type Node struct {
	*node.Node
	URL       string
	Server    *httptest.Server
	Passwords map[string]string // username → password
	Tokens    map[auth.Role]string
	Clock     *borderlink.FakeClock
}

// Options change the node a test gets.
type Options struct {
	NodeID   borderlink.NodeID // default vn.mps
	Country  string            // default VN
	Database string            // database_url; default SQLite in the data directory
	Demo     bool              // seed demo districts, communes and villages
}

// Usernames of the accounts MustStart creates, one per role, at the ministry.
func Username(r auth.Role) string { return "u_" + string(r) }

// AdminPassword is the password of the "admin" account.
const AdminPassword = "correct-horse-battery"

// MustStart initialises and serves a node for the test; everything is torn
// down with the test.
func MustStart(tb testing.TB, o Options) *Node {
	tb.Helper()
	if o.NodeID == "" {
		o.NodeID, o.Country = "vn.mps", "VN"
	}
	ctx := context.Background()
	clock := borderlink.NewFakeClock(borderlink.MustParseDate("2026-11-25").Time().Add(3 * 3600e9))
	cfg := config.Default()
	cfg.NodeID, cfg.Country, cfg.DataDir, cfg.Database = o.NodeID, o.Country, tb.TempDir(), o.Database
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	opts := node.Options{Clock: clock, Logger: logger}
	if _, err := node.Init(ctx, node.InitOptions{Config: cfg, AdminPassword: AdminPassword, Demo: o.Demo, Options: opts}); err != nil {
		tb.Fatalf("nodetest: init: %v", err)
	}
	n, err := node.Open(ctx, cfg, opts)
	if err != nil {
		tb.Fatalf("nodetest: open: %v", err)
	}
	tb.Cleanup(func() { n.Close() })
	h, err := n.Handler()
	if err != nil {
		tb.Fatalf("nodetest: handler: %v", err)
	}
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	tn := &Node{Node: n, URL: srv.URL, Server: srv, Clock: clock,
		Passwords: map[string]string{"admin": AdminPassword}, Tokens: map[auth.Role]string{}}
	ministry := node.MinistryCode(o.Country)
	for _, r := range auth.Roles() {
		name := Username(r)
		pw := "pw-" + string(r) + "-0123456789"
		if _, err := n.Accounts.CreateUser(ctx, auth.System("test"), auth.NewUser{Username: name, DisplayName: "Test " + string(r),
			Password: pw, Role: r, Unit: ministry}); err != nil {
			tb.Fatalf("nodetest: user %s: %v", name, err)
		}
		tok, _, err := n.Accounts.CreateToken(ctx, auth.System("test"), name, "test", 0)
		if err != nil {
			tb.Fatalf("nodetest: token %s: %v", name, err)
		}
		tn.Passwords[name], tn.Tokens[r] = pw, tok
	}
	return tn
}

// Client returns an HTTP client with a cookie jar that does not follow
// redirects, so tests see each answer as it is.
func (n *Node) Client(tb testing.TB) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// MustLogin signs in through the login form and returns a client holding
// the session cookie.
func (n *Node) MustLogin(tb testing.TB, username, password string) *http.Client {
	tb.Helper()
	c := n.Client(tb)
	res, err := c.PostForm(n.URL+"/login", url.Values{"username": {username}, "password": {password}, "next": {"/"}})
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		b, _ := io.ReadAll(res.Body)
		tb.Fatalf("login %s: status %d, location %q: %s", username, res.StatusCode, res.Header.Get("Location"), b)
	}
	return c
}

// Do sends a request with an optional bearer token and returns the status
// and body.
func (n *Node) Do(tb testing.TB, c *http.Client, method, path, token, contentType, body string, header ...string) (int, string) {
	tb.Helper()
	req, err := http.NewRequest(method, n.URL+path, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if c == nil {
		c = n.Client(tb)
	}
	res, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		// A live stream never ends: its first event (the server's greeting)
		// is the answer.
		first, err := bufio.NewReader(res.Body).ReadString('\n')
		if err != nil {
			tb.Fatalf("%s %s: read the first event: %v", method, path, err)
		}
		return res.StatusCode, first
	}
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return res.StatusCode, string(b)
}

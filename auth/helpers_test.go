package auth_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
)

// tree is a small unit hierarchy: code → parent code.
type tree map[string]string

var units = tree{
	"VN-MPS": "", "VN-11": "VN-MPS", "VN-11-D01": "VN-11", "VN-12": "VN-MPS",
	"LA-MPS": "", "LA-PH": "LA-MPS",
}

func (t tree) Exists(code string) bool { _, ok := t[code]; return ok }

func (t tree) Within(code, ancestor string) bool {
	if !t.Exists(code) || !t.Exists(ancestor) {
		return false
	}
	for c := code; c != ""; c = t[c] {
		if c == ancestor {
			return true
		}
	}
	return false
}

// cheap makes hashing fast in tests; BenchmarkHashPassword measures the
// real cost.
var cheap = auth.HashParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

const password = "correct horse battery"

type env struct {
	svc   *auth.Service
	clock *borderlink.FakeClock
	st    store.Store
	log   *audit.Log
	cli   auth.Principal
}

// mustEnv returns a service over a fresh SQLite store in tb's temporary
// directory, on a fake clock.
func mustEnv(tb testing.TB, opts auth.Options) *env {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "borderlink.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	clock := borderlink.NewFakeClock(time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC))
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	log, err := audit.NewLog("vn.mps", key, clock)
	if err != nil {
		tb.Fatal(err)
	}
	if opts.HashParams == (auth.HashParams{}) {
		opts.HashParams = cheap
	}
	svc, err := auth.NewService(store.Domain[auth.Tx]{S: st}, log, units, clock, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return &env{svc: svc, clock: clock, st: st, log: log, cli: auth.System("cli")}
}

// db returns the store as the accounts service sees it.
func (e *env) db() auth.DB { return store.Domain[auth.Tx]{S: e.st} }

// account reads the stored account of name, credentials and all.
func (e *env) account(tb testing.TB, name string) auth.Account {
	tb.Helper()
	var a auth.Account
	err := e.st.View(context.Background(), func(tx store.Tx) (err error) {
		a, err = tx.Accounts().UserByName(context.Background(), name)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// mustUser creates a user with the test password, as the system.
func (e *env) mustUser(tb testing.TB, name string, role auth.Role, unit string) auth.User {
	tb.Helper()
	u, err := e.svc.CreateUser(context.Background(), e.cli, auth.NewUser{Username: name, DisplayName: "User " + name,
		Password: password, Role: role, Unit: unit})
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

// mustLogin signs name in (without a second factor) and returns the session
// token and principal.
func (e *env) mustLogin(tb testing.TB, name string) (string, auth.Principal) {
	tb.Helper()
	res, err := e.svc.Login(context.Background(), name, password, "192.0.2.1")
	if err != nil {
		tb.Fatal(err)
	}
	if res.MFARequired {
		tb.Fatal("unexpected second factor")
	}
	return res.Token, res.Principal
}

// audited returns the audit entries whose action starts with action.
func (e *env) audited(tb testing.TB, action string) []audit.Entry {
	tb.Helper()
	es, _, err := audit.List(context.Background(), store.Domain[audit.Tx]{S: e.st}, audit.Filter{Action: action, Limit: audit.MaxLimit})
	if err != nil {
		tb.Fatal(err)
	}
	return es
}

// wantErr fails unless err carries code and, when key is not "", key.
func wantErr(tb testing.TB, what string, err error, code, key string) *borderlink.Error {
	tb.Helper()
	var be *borderlink.Error
	if !errors.As(err, &be) || be.Code != code || (key != "" && be.Key != key) {
		tb.Fatalf("%s: got %v, want %s %s", what, err, code, key)
	}
	return be
}

// arg returns the catalogue argument name of e.
func arg(e *borderlink.Error, name string) any {
	for i := 0; i+1 < len(e.Args); i += 2 {
		if e.Args[i] == name {
			return e.Args[i+1]
		}
	}
	return nil
}

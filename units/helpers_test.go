package units_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"path/filepath"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
	"github.com/borderlink/borderlink/units"
)

var (
	beforeReform = borderlink.NewDate(2025, 6, 1)
	afterReform  = borderlink.NewDate(2025, 8, 1)
	earlier      = borderlink.NewDate(2024, 12, 1) // district police still in place
)

// env is a units service over a fresh SQLite store.
type env struct {
	svc *units.Service
	st  store.Store
	log *audit.Log
}

func mustEnv(tb testing.TB) *env {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "borderlink.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	clock := borderlink.NewFakeClock(time.Date(2025, 9, 1, 8, 0, 0, 0, time.UTC))
	log, err := audit.NewLog("vn.mps", key, clock)
	if err != nil {
		tb.Fatal(err)
	}
	svc := units.NewService(store.Domain[units.Tx]{S: st}, log, clock)
	return &env{svc: svc, st: st, log: log}
}

// mustSeeded returns an env seeded with the reference and demo data of both
// countries.
func mustSeeded(tb testing.TB) *env {
	tb.Helper()
	e := mustEnv(tb)
	if err := e.svc.Seed(context.Background(), units.SeedOptions{Demo: true}); err != nil {
		tb.Fatal(err)
	}
	return e
}

// auditEntries returns the audit log, oldest first.
func (e *env) auditEntries(tb testing.TB) []audit.Entry {
	tb.Helper()
	es, err := audit.Entries(context.Background(), store.Domain[audit.Tx]{S: e.st}, 0, 1<<40)
	if err != nil {
		tb.Fatal(err)
	}
	return es
}

func codes(us []units.Unit) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Code
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

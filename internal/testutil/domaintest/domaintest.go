// Package domaintest builds what the tests of the record-keeping domains
// (packages cases and wanted) run a node's service on: a real SQLite store
// in the test's temporary folder, a signed audit log and the built-in unit
// tree, with the small helpers their tests share.
package domaintest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"path/filepath"
	"sync"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
	"github.com/borderlink/borderlink/units"
)

// TreeOf serves a fixed unit tree, as a service's Options.Units.
type TreeOf struct{ T *units.Tree }

// Tree returns the tree.
func (t TreeOf) Tree() *units.Tree { return t.T }

// builtIn is loaded once: every node of every test uses the same tree.
var builtIn = sync.OnceValues(func() (*units.Tree, error) {
	d, err := units.BuiltIn(true)
	if err != nil {
		return nil, err
	}
	return units.NewTree(d), nil
})

// Env is the storage of one test node.
type Env struct {
	Ctx   context.Context
	Store store.Store
	Log   *audit.Log
	Tree  *units.Tree
}

// New opens a SQLite store for node self, closed with the test, and an
// audit log keeping time by clock.
func New(t *testing.T, self borderlink.NodeID, clock borderlink.Clock) Env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), string(self)+".db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	log, err := audit.NewLog(self, key, clock)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := builtIn()
	if err != nil {
		t.Fatal(err)
	}
	return Env{Ctx: ctx, Store: st, Log: log, Tree: tree}
}

// AuditSize returns how many entries the audit log of st holds.
func AuditSize(t *testing.T, ctx context.Context, st store.Store) int64 {
	t.Helper()
	var size int64
	err := st.View(ctx, func(tx store.Tx) (err error) {
		size, err = tx.Audit().Head(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return size
}

// Entries returns the audit entries of st that f selects, newest first.
func Entries(t *testing.T, ctx context.Context, st store.Store, f audit.Filter) []audit.Entry {
	t.Helper()
	f.Limit = audit.MaxLimit
	es, _, err := audit.List(ctx, store.Domain[audit.Tx]{S: st}, f)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// Wire returns r as the partner receives it: through JSON, as federation
// carries it.
func Wire[R any](t *testing.T, r R) R {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var out R
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("decode release: %v\n%s", err, b)
	}
	return out
}

// User is a signed-in user holding role over unit.
func User(name string, role auth.Role, unit string) auth.Principal {
	return auth.Principal{UserID: "u-" + name, Username: name, Grants: []auth.Grant{{Role: role, Unit: unit}}, Via: auth.ViaSession}
}

// Images http.DetectContentType recognises, and one it refuses.
var (
	PNGPhoto  = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{7}, 200)...)
	JPEGPhoto = append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F'}, bytes.Repeat([]byte{9}, 300)...)
	WebPPhoto = append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), bytes.Repeat([]byte{1}, 100)...)
	GIFPhoto  = append([]byte("GIF89a"), bytes.Repeat([]byte{3}, 50)...)
)

// Day parses a date written in a test.
func Day(s string) borderlink.Date { return borderlink.MustParseDate(s) }

// WantErr fails unless err has code and key.
func WantErr(t *testing.T, what string, err error, code, key string) {
	t.Helper()
	be := borderlink.AsError(err)
	if be == nil || be.Code != code || be.Key != key {
		t.Errorf("%s: %v (key %q), want %s %s", what, err, KeyOf(err), code, key)
	}
}

// KeyOf returns the catalogue key of err, or "".
func KeyOf(err error) string {
	if be := borderlink.AsError(err); be != nil {
		return be.Key
	}
	return ""
}

// Must returns a function that returns the value of a call, failing the
// test when the call failed.
func Must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

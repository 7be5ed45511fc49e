package wanted_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
	"github.com/borderlink/borderlink/units"
	"github.com/borderlink/borderlink/wanted"
)

// treeOf serves a fixed unit tree.
type treeOf struct{ t *units.Tree }

func (t treeOf) Tree() *units.Tree { return t.t }

var builtIn = sync.OnceValues(func() (*units.Tree, error) {
	d, err := units.BuiltIn(true)
	if err != nil {
		return nil, err
	}
	return units.NewTree(d), nil
})

// node is one BorderLink node with its own SQLite store and wanted
// register. What its service publishes is kept in published, the notices
// it reports changed in changed.
type node struct {
	t    *testing.T
	ctx  context.Context
	self borderlink.NodeID
	st   store.Store
	svc  *wanted.Service

	mu        sync.Mutex
	published []wanted.Release
	changed   []wanted.Notice
	failNext  bool // the next Publish fails
}

// now is the time on both nodes.
var now = time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)

func newNode(t *testing.T, self borderlink.NodeID, country string, clock borderlink.Clock) *node {
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
	n := &node{t: t, ctx: ctx, self: self, st: st}
	n.svc, err = wanted.NewService(wanted.Options{DB: store.Domain[wanted.Tx]{S: st}, Log: log, Units: treeOf{tree},
		Self: self, Country: country, Clock: clock, Publish: n.publish, Changed: n.change})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (n *node) publish(_ context.Context, _ wanted.Tx, r wanted.Release) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.failNext {
		n.failNext = false
		return borderlink.Errorf(borderlink.EUnavailable, "error.unavailable", "outbox down")
	}
	n.published = append(n.published, r)
	return nil
}

func (n *node) change(ns []wanted.Notice) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.changed = append(n.changed, ns...)
}

// take returns what was published since the last call.
func (n *node) take() []wanted.Release {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := n.published
	n.published = nil
	return out
}

// takeChanged returns the notices reported changed since the last call.
func (n *node) takeChanged() []wanted.Notice {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := n.changed
	n.changed = nil
	return out
}

// wire returns r as the other side receives it: through JSON, as
// federation carries it.
func wire(t *testing.T, r wanted.Release) wanted.Release {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var out wanted.Release
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("decode release: %v\n%s", err, b)
	}
	return out
}

// apply stores releases from origin on n, each in its own transaction, and
// returns the notices they stored.
func (n *node) apply(origin borderlink.NodeID, rs ...wanted.Release) ([]wanted.Notice, error) {
	var out []wanted.Notice
	for _, r := range rs {
		r = wire(n.t, r)
		err := n.st.Update(n.ctx, func(tx store.Tx) error {
			got, err := n.svc.ApplyRelease(n.ctx, tx, origin, r)
			if got.ID != "" {
				out = append(out, got)
			}
			return err
		})
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// mustApply is apply failing the test on an error.
func (n *node) mustApply(origin borderlink.NodeID, rs ...wanted.Release) []wanted.Notice {
	n.t.Helper()
	out, err := n.apply(origin, rs...)
	if err != nil {
		n.t.Fatalf("apply on %s: %v", n.self, err)
	}
	return out
}

// auditSize returns how many entries the audit log holds.
func (n *node) auditSize() int64 {
	n.t.Helper()
	var size int64
	err := n.st.View(n.ctx, func(tx store.Tx) (err error) {
		size, err = tx.Audit().Head(n.ctx)
		return err
	})
	if err != nil {
		n.t.Fatal(err)
	}
	return size
}

// entries returns the audit entries f selects, newest first.
func (n *node) entries(f audit.Filter) []audit.Entry {
	n.t.Helper()
	f.Limit = audit.MaxLimit
	es, _, err := audit.List(n.ctx, store.Domain[audit.Tx]{S: n.st}, f)
	if err != nil {
		n.t.Fatal(err)
	}
	return es
}

// count returns how many notices, sightings and steps n keeps.
func (n *node) count() (notices, sightings, steps int) {
	n.t.Helper()
	all, err := n.svc.AllNotices(n.ctx)
	if err != nil {
		n.t.Fatal(err)
	}
	err = n.st.View(n.ctx, func(tx store.Tx) error {
		for _, x := range all {
			sg, err := tx.Wanted().Sightings(n.ctx, x.ID)
			if err != nil {
				return err
			}
			st, err := tx.Wanted().Steps(n.ctx, x.ID)
			if err != nil {
				return err
			}
			sightings, steps = sightings+len(sg), steps+len(st)
		}
		return nil
	})
	if err != nil {
		n.t.Fatal(err)
	}
	return len(all), sightings, steps
}

func user(name string, role auth.Role, unit string) auth.Principal {
	return auth.Principal{UserID: "u-" + name, Username: name, Grants: []auth.Grant{{Role: role, Unit: unit}}, Via: auth.ViaSession}
}

// Images http.DetectContentType recognises, and one it refuses.
var (
	pngPhoto  = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{7}, 200)...)
	jpegPhoto = append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F'}, bytes.Repeat([]byte{9}, 300)...)
	gifPhoto  = append([]byte("GIF89a"), bytes.Repeat([]byte{3}, 50)...)
)

func day(s string) borderlink.Date { return borderlink.MustParseDate(s) }

func ptr(f float64) *float64 { return &f }

// wantErr fails unless err has code and key.
func wantErr(t *testing.T, what string, err error, code, key string) {
	t.Helper()
	be := borderlink.AsError(err)
	if be == nil || be.Code != code || be.Key != key {
		t.Errorf("%s: %v (key %q), want %s %s", what, err, keyOf(err), code, key)
	}
}

func keyOf(err error) string {
	if be := borderlink.AsError(err); be != nil {
		return be.Key
	}
	return ""
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

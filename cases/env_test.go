package cases_test

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
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
	"github.com/borderlink/borderlink/units"
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

// node is one BorderLink node with its own SQLite store and case file.
// What its service publishes is kept in published.
type node struct {
	t     *testing.T
	ctx   context.Context
	self  borderlink.NodeID
	st    store.Store
	log   *audit.Log
	stats *stats.Service
	svc   *cases.Service

	mu        sync.Mutex
	published []cases.Release
	wakes     int  // calls of Options.Published since the last take
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
	drugs, err := refdata.DrugTypes()
	if err != nil {
		t.Fatal(err)
	}
	ss, err := stats.NewService(stats.Options{DB: store.Domain[stats.Tx]{S: st}, Log: log, Units: treeOf{tree},
		Drugs: drugs, Self: self, Country: country, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	n := &node{t: t, ctx: ctx, self: self, st: st, log: log, stats: ss}
	n.svc, err = cases.NewService(cases.Options{DB: store.Domain[cases.Tx]{S: st}, Log: log, Units: treeOf{tree},
		Drugs: drugs, Stats: ss, Self: self, Country: country, Clock: clock, Publish: n.publish,
		Published: func() { n.mu.Lock(); n.wakes++; n.mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (n *node) publish(_ context.Context, _ cases.Tx, r cases.Release) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.failNext {
		n.failNext = false
		return borderlink.Errorf(borderlink.EUnavailable, "error.unavailable", "outbox down")
	}
	n.published = append(n.published, r)
	return nil
}

// take returns what was published since the last call. A transaction that
// published must have woken the senders after it committed.
func (n *node) take() []cases.Release {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := n.published
	if len(out) > 0 && n.wakes == 0 {
		n.t.Errorf("%d releases published without waking the senders (Options.Published)", len(out))
	}
	n.published, n.wakes = nil, 0
	return out
}

// wire returns r as the partner receives it: through JSON, as federation
// carries it.
func wire(t *testing.T, r cases.Release) cases.Release {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var out cases.Release
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("decode release: %v\n%s", err, b)
	}
	return out
}

// apply stores releases from origin on n, each in its own transaction.
func (n *node) apply(origin borderlink.NodeID, rs ...cases.Release) error {
	for _, r := range rs {
		r = wire(n.t, r)
		if err := n.st.Update(n.ctx, func(tx store.Tx) error { return n.svc.ApplyRelease(n.ctx, tx, origin, r) }); err != nil {
			return err
		}
	}
	return nil
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

// sum returns the totals of this node's statistics in 2026, by drug.
func (n *node) sum() (stats.Totals, map[string]stats.Totals) {
	n.t.Helper()
	rows, err := n.stats.Sum(n.ctx, auth.System("test"), stats.Filter{From: borderlink.MustParseDate("2026-01-01"),
		To: borderlink.MustParseDate("2026-12-31")}, stats.ByDrug)
	if err != nil {
		n.t.Fatal(err)
	}
	var all stats.Totals
	by := map[string]stats.Totals{}
	for _, r := range rows {
		all = all.Add(r.Totals)
		by[r.Drug] = by[r.Drug].Add(r.Totals)
	}
	return all, by
}

func user(name string, role auth.Role, unit string) auth.Principal {
	return auth.Principal{UserID: "u-" + name, Username: name, Grants: []auth.Grant{{Role: role, Unit: unit}}, Via: auth.ViaSession}
}

// Images http.DetectContentType recognises, and one it refuses.
var (
	pngPhoto  = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{7}, 200)...)
	jpegPhoto = append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F'}, bytes.Repeat([]byte{9}, 300)...)
	webpPhoto = append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), bytes.Repeat([]byte{1}, 100)...)
	gifPhoto  = append([]byte("GIF89a"), bytes.Repeat([]byte{3}, 50)...)
)

func day(s string) borderlink.Date { return borderlink.MustParseDate(s) }

func amount(v, unit string) stats.Amount { return stats.Amount{Value: v, Unit: unit} }

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

package cases_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/store"
)

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
	e := domaintest.New(t, self, clock)
	ctx, st, log, tree := e.Ctx, e.Store, e.Log, e.Tree
	drugs, err := refdata.DrugTypes()
	if err != nil {
		t.Fatal(err)
	}
	ss, err := stats.NewService(stats.Options{DB: store.Domain[stats.Tx]{S: st}, Log: log, Units: domaintest.TreeOf{T: tree},
		Drugs: drugs, Self: self, Country: country, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	n := &node{t: t, ctx: ctx, self: self, st: st, log: log, stats: ss}
	n.svc, err = cases.NewService(cases.Options{DB: store.Domain[cases.Tx]{S: st}, Log: log, Units: domaintest.TreeOf{T: tree},
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

// apply stores releases from origin on n, each in its own transaction.
func (n *node) apply(origin borderlink.NodeID, rs ...cases.Release) error {
	for _, r := range rs {
		r = domaintest.Wire(n.t, r)
		if err := n.st.Update(n.ctx, func(tx store.Tx) error { return n.svc.ApplyRelease(n.ctx, tx, origin, r) }); err != nil {
			return err
		}
	}
	return nil
}

// auditSize returns how many entries the audit log holds.
func (n *node) auditSize() int64 { return domaintest.AuditSize(n.t, n.ctx, n.st) }

// entries returns the audit entries f selects, newest first.
func (n *node) entries(f audit.Filter) []audit.Entry { return domaintest.Entries(n.t, n.ctx, n.st, f) }

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

func amount(v, unit string) stats.Amount { return stats.Amount{Value: v, Unit: unit} }

package wanted_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/wanted"
)

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
	e := domaintest.New(t, self, clock)
	n := &node{t: t, ctx: e.Ctx, self: self, st: e.Store}
	var err error
	n.svc, err = wanted.NewService(wanted.Options{DB: store.Domain[wanted.Tx]{S: e.Store}, Log: e.Log, Units: domaintest.TreeOf{T: e.Tree},
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

// apply stores releases from origin on n, each in its own transaction, and
// returns the notices they stored.
func (n *node) apply(origin borderlink.NodeID, rs ...wanted.Release) ([]wanted.Notice, error) {
	var out []wanted.Notice
	for _, r := range rs {
		r = domaintest.Wire(n.t, r)
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
func (n *node) auditSize() int64 { return domaintest.AuditSize(n.t, n.ctx, n.st) }

// entries returns the audit entries f selects, newest first.
func (n *node) entries(f audit.Filter) []audit.Entry { return domaintest.Entries(n.t, n.ctx, n.st, f) }

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

func ptr(f float64) *float64 { return &f }

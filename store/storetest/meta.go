package storetest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/store"
)

func testMeta(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	err := s.View(ctx, func(tx store.Tx) error {
		_, err := tx.Meta().Get(ctx, "node_id")
		return err
	})
	if !borderlink.IsCode(err, borderlink.ENotFound) {
		t.Fatalf("Get of a missing key: got %v, want ENotFound", err)
	}
	for _, v := range []string{"vn.mps", "la.mps"} {
		if err := s.Update(ctx, func(tx store.Tx) error { return tx.Meta().Set(ctx, "node_id", v) }); err != nil {
			t.Fatal(err)
		}
	}
	if o.Reopen != nil {
		s = o.Reopen(t, s)
	}
	var got string
	if err := s.View(ctx, func(tx store.Tx) (err error) { got, err = tx.Meta().Get(ctx, "node_id"); return err }); err != nil {
		t.Fatal(err)
	}
	if got != "la.mps" {
		t.Fatalf("after Set twice and reopen: got %q, want la.mps", got)
	}
}

// testTransactions checks that a failed Update leaves nothing behind and that
// a committed one is visible to a later View.
func testTransactions(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	boom := errors.New("boom")
	err := s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Meta().Set(ctx, "k", "v"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update returned %v, want the function's error", err)
	}
	err = s.View(ctx, func(tx store.Tx) error { _, err := tx.Meta().Get(ctx, "k"); return err })
	if !borderlink.IsCode(err, borderlink.ENotFound) {
		t.Fatalf("rolled-back write is visible: %v", err)
	}
	err = s.View(ctx, func(tx store.Tx) error { return tx.Meta().Set(ctx, "k", "v") })
	if err == nil {
		t.Fatal("a write inside View succeeded; View must be read-only")
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

// testConcurrentUpdates: many Update calls at once (which an engine with
// one writer may run in one transaction) keep the semantics of one
// transaction each: a call that fails leaves no trace and does not undo the
// others, each call sees what the calls before it committed, a panic comes
// back to its own caller, and a call whose context has ended fails.
func testConcurrentUpdates(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	const n = 60
	boom := errors.New("boom")
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			errs[i] = s.Update(ctx, func(tx store.Tx) error {
				key := fmt.Sprintf("k%02d", i)
				if err := tx.Meta().Set(ctx, key, "v"); err != nil {
					return err
				}
				// A counter every call reads and increments: lost updates
				// would show as a total below the number of successes.
				c, err := tx.Meta().Get(ctx, "counter")
				if borderlink.IsCode(err, borderlink.ENotFound) {
					c, err = "0", nil
				}
				if err != nil {
					return err
				}
				v, _ := strconv.Atoi(c)
				if err := tx.Meta().Set(ctx, "counter", strconv.Itoa(v+1)); err != nil {
					return err
				}
				if i%3 == 0 {
					return boom // after writing: its writes must vanish
				}
				return nil
			})
		})
	}
	wg.Wait()
	ok := 0
	for i, err := range errs {
		switch {
		case i%3 == 0 && !errors.Is(err, boom):
			t.Errorf("call %d: %v, want its own error", i, err)
		case i%3 != 0 && err != nil:
			t.Errorf("call %d: %v", i, err)
		case i%3 != 0:
			ok++
		}
	}
	err := s.View(ctx, func(tx store.Tx) error {
		for i := range n {
			_, err := tx.Meta().Get(ctx, fmt.Sprintf("k%02d", i))
			if i%3 == 0 && !borderlink.IsCode(err, borderlink.ENotFound) {
				t.Errorf("the write of failed call %d is visible (%v)", i, err)
			}
			if i%3 != 0 && err != nil {
				t.Errorf("the write of call %d is missing: %v", i, err)
			}
		}
		// One writer at a time (SQLite) makes the read-increment-write
		// of the counter safe without a lock; PostgreSQL would need
		// SELECT … FOR UPDATE, which the repositories use where it counts.
		if s.Engine() == "sqlite" {
			c, err := tx.Meta().Get(ctx, "counter")
			if err != nil || c != strconv.Itoa(ok) {
				t.Errorf("counter = %q (%v), want %d", c, err, ok)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A panic reaches its caller, and the store goes on.
	func() {
		defer func() {
			if p := recover(); p != "kaboom" {
				t.Errorf("recovered %v, want the function's panic", p)
			}
		}()
		s.Update(ctx, func(tx store.Tx) error {
			tx.Meta().Set(ctx, "panicked", "v")
			panic("kaboom")
		})
	}()
	err = s.View(ctx, func(tx store.Tx) error { _, err := tx.Meta().Get(ctx, "panicked"); return err })
	if !borderlink.IsCode(err, borderlink.ENotFound) {
		t.Errorf("the write before a panic is visible: %v", err)
	}
	// An ended context fails the call; nothing of it is written.
	dead, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.Update(dead, func(tx store.Tx) error { return tx.Meta().Set(ctx, "dead", "v") }); err == nil {
		t.Error("Update with an ended context succeeded")
	}
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.Meta().Set(ctx, "after", "v") }); err != nil {
		t.Errorf("Update after the others: %v", err)
	}
}

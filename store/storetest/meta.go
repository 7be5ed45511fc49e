package storetest

import (
	"context"
	"errors"
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

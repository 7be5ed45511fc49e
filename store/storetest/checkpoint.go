package storetest

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/store"
)

// testCheckpoint checks the watch lists: a list is stored with its entries
// (more than one multi-row statement of them), replaced as a whole, read
// back by key and in full, survives a reopen, and is deleted with its
// entries.
func testCheckpoint(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	loaded := time.Date(2026, 11, 30, 8, 15, 0, 123456000, time.UTC)
	list := func(id string, n int) (checkpoint.List, []checkpoint.ListEntry) {
		l := checkpoint.List{ID: id, Name: "List " + id, File: id + ".csv", SHA256: "ab12", Entries: n, Rejected: 2,
			Loaded: loaded, LoadedBy: "investigator"}
		es := make([]checkpoint.ListEntry, n)
		for i := range es {
			es[i] = checkpoint.ListEntry{ListID: id, ID: fmt.Sprintf("%s-%04d", id, i), Name: fmt.Sprintf("Nguyễn Văn %d", i),
				DOB: "1988-05", Document: fmt.Sprintf("B%07d", i), Nationality: "VN"}
			if i%3 == 0 {
				es[i].AltNames = []string{"ຫງວຽນ ວັນ", "Nguyen Van"}
			}
		}
		return l, es
	}
	red, redEntries := list("red", 450)
	put := func(l checkpoint.List, es []checkpoint.ListEntry) {
		t.Helper()
		if err := s.Update(ctx, func(tx store.Tx) error { return tx.Checkpoint().PutList(ctx, l, es) }); err != nil {
			t.Fatal(err)
		}
	}
	put(red, redEntries)
	blue, blueEntries := list("blue", 3)
	put(blue, blueEntries)
	if o.Reopen != nil {
		s = o.Reopen(t, s)
	}
	all := func(listID string) []checkpoint.ListEntry {
		t.Helper()
		var got []checkpoint.ListEntry
		err := s.View(ctx, func(tx store.Tx) error {
			return tx.Checkpoint().EachListEntry(ctx, listID, func(e checkpoint.ListEntry) error {
				got = append(got, e)
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := all("red"); !reflect.DeepEqual(got, redEntries) {
		t.Fatalf("red entries differ: got %d, first %+v; want %d, first %+v", len(got), got[0], len(redEntries), redEntries[0])
	}
	if got := all(""); len(got) != 453 || got[0].ListID != "blue" {
		t.Fatalf("every entry: got %d starting with list %q, want 453 by list id", len(got), got[0].ListID)
	}
	var lists []checkpoint.List
	if err := s.View(ctx, func(tx store.Tx) (err error) { lists, err = tx.Checkpoint().Lists(ctx); return err }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(lists, []checkpoint.List{blue, red}) {
		t.Fatalf("lists: got %+v", lists)
	}
	var byKey []checkpoint.ListEntry
	err := s.View(ctx, func(tx store.Tx) (err error) {
		byKey, err = tx.Checkpoint().ListEntries(ctx, []checkpoint.EntryKey{{List: "red", ID: "red-0003"}, {List: "blue", ID: "blue-0001"},
			{List: "blue", ID: "red-0003"}, {List: "none", ID: "x"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(byKey) != 2 {
		t.Fatalf("ListEntries by key: got %+v, want red-0003 and blue-0001", byKey)
	}

	// Loading red again replaces every entry; a failed load leaves it.
	red2, red2Entries := list("red", 5)
	red2Entries[0].Name = "Souksavanh Phommachanh"
	put(red2, red2Entries)
	err = s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Checkpoint().PutList(ctx, red, redEntries); err != nil {
			return err
		}
		return fmt.Errorf("boom")
	})
	if err == nil {
		t.Fatal("the failing update committed")
	}
	if got := all("red"); !reflect.DeepEqual(got, red2Entries) {
		t.Fatalf("after replacing and a rolled-back load: %d entries, first %+v", len(got), got[0])
	}

	if err := s.Update(ctx, func(tx store.Tx) error { return tx.Checkpoint().DeleteList(ctx, "red") }); err != nil {
		t.Fatal(err)
	}
	if got := all("red"); len(got) != 0 {
		t.Fatalf("deleted list still has %d entries", len(got))
	}
	err = s.Update(ctx, func(tx store.Tx) error { return tx.Checkpoint().DeleteList(ctx, "red") })
	if !borderlink.IsCode(err, borderlink.ENotFound) {
		t.Fatalf("deleting a missing list: %v, want ENotFound", err)
	}
	if got := all(""); len(got) != 3 {
		t.Fatalf("blue was touched: %d entries", len(got))
	}
}

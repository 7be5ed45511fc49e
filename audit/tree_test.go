package audit

import (
	"fmt"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

// TestTreeMatchesTlog checks the incremental tree Verify uses against tlog's
// own stored hashes and tree hashes.
func TestTreeMatchesTlog(t *testing.T) {
	stored := map[int64]tlog.Hash{}
	r := tlog.HashReaderFunc(func(xs []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(xs))
		for i, x := range xs {
			h, ok := stored[x]
			if !ok {
				return nil, fmt.Errorf("hash %d not stored", x)
			}
			out[i] = h
		}
		return out, nil
	})
	var tr tree
	var buf []tlog.Hash
	if want, _ := tlog.TreeHash(0, r); tr.root() != want {
		t.Fatal("empty tree hash differs")
	}
	for n := int64(0); n < 300; n++ {
		data := []byte(fmt.Sprint("leaf ", n))
		want, err := tlog.StoredHashes(n, data, r)
		if err != nil {
			t.Fatal(err)
		}
		buf = tr.add(tlog.RecordHash(data), buf)
		if fmt.Sprint(buf) != fmt.Sprint(want) {
			t.Fatalf("leaf %d: stored hashes %v, want %v", n, buf, want)
		}
		for i, h := range want {
			stored[tlog.StoredHashIndex(0, n)+int64(i)] = h
		}
		root, err := tlog.TreeHash(n+1, r)
		if err != nil {
			t.Fatal(err)
		}
		if tr.root() != root {
			t.Fatalf("tree hash at size %d differs", n+1)
		}
	}
}

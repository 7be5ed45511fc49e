package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/internal/sqlbase"
	"github.com/borderlink/borderlink/store/sqlite"
	"github.com/borderlink/borderlink/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, Opener())
}

// Opener opens SQLite stores in the test's temporary directory.
func Opener() storetest.Opener {
	return storetest.Opener{
		Open: func(tb testing.TB) store.Store {
			return mustOpen(tb, filepath.Join(tb.TempDir(), "borderlink.db"))
		},
		Reopen: func(tb testing.TB, s store.Store) store.Store {
			path := pathOf(tb, s)
			if err := s.Close(); err != nil {
				tb.Fatal(err)
			}
			return mustOpen(tb, path)
		},
		Tamper: func(tb testing.TB, s store.Store, q string, args ...any) {
			tb.Helper()
			if _, err := s.(*sqlbase.DB).Write.Exec(q, args...); err != nil {
				tb.Fatalf("tamper %q: %v", q, err)
			}
		},
	}
}

var paths = map[store.Store]string{}

func mustOpen(tb testing.TB, path string) store.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	paths[s] = path
	tb.Cleanup(func() { s.Close() })
	return s
}

func pathOf(tb testing.TB, s store.Store) string {
	p, ok := paths[s]
	if !ok {
		tb.Fatal("unknown store")
	}
	return p
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, filepath.Join(t.TempDir(), "live.db"))
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.Meta().Set(ctx, "node_id", "vn.mps") }); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, dst); err == nil {
		t.Fatal("a second backup over an existing file succeeded")
	}
	c := mustOpen(t, dst)
	var got string
	if err := c.View(ctx, func(tx store.Tx) (err error) { got, err = tx.Meta().Get(ctx, "node_id"); return err }); err != nil {
		t.Fatal(err)
	}
	if got != "vn.mps" {
		t.Fatalf("backup holds %q, want vn.mps", got)
	}
}

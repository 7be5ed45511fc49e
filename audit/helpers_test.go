package audit_test

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
)

const node borderlink.NodeID = "la.mps"

var (
	key = ed25519.NewKeyFromSeed([]byte("borderlink audit test key 32byte"))
	pub = key.Public().(ed25519.PublicKey)
)

// mustOpen opens a fresh SQLite store in the test's directory and returns
// the audit package's view of it, and a raw connection to tamper with.
func mustOpen(tb testing.TB) (*sql.DB, audit.DB) {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "borderlink.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s.Write, store.Domain[audit.Tx]{S: s}
}

func mustLog(tb testing.TB) (*audit.Log, *borderlink.FakeClock) {
	tb.Helper()
	clock := borderlink.NewFakeClock(time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC))
	l, err := audit.NewLog(node, key, clock)
	if err != nil {
		tb.Fatal(err)
	}
	return l, clock
}

// mustRecord records n entries, per entries to a transaction.
func mustRecord(tb testing.TB, db audit.DB, l *audit.Log, n, per int) {
	tb.Helper()
	ctx := context.Background()
	for done := 0; done < n; {
		err := db.Update(ctx, func(tx audit.Tx) error {
			for i := 0; i < per && done+i < n; i++ {
				e := sampleEntry()
				e.Time = time.Time{}
				e.ObjectID = borderlink.NewID()
				if err := l.Record(ctx, tx.Audit(), e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
		done += per
	}
}

func mustVerify(tb testing.TB, db audit.DB) audit.Report {
	tb.Helper()
	rep, err := audit.Verify(context.Background(), db, pub, node)
	if err != nil {
		tb.Fatal(err)
	}
	return rep
}

package audit_test

import (
	"context"
	"testing"

	"github.com/borderlink/borderlink/audit"
)

// BenchmarkRecord measures appending one entry on SQLite: in a transaction
// of its own (as one audited action is, with its commit and fsync), and
// among 1000 in one transaction (the cost of the log itself).
func BenchmarkRecord(b *testing.B) {
	ctx := context.Background()
	b.Run("tx-each", func(b *testing.B) {
		_, db := mustOpen(b)
		l, _ := mustLog(b)
		e := sampleEntry()
		for b.Loop() {
			if err := db.Update(ctx, func(tx audit.Tx) error { return l.Record(ctx, tx.Audit(), e) }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tx-1000", func(b *testing.B) {
		_, db := mustOpen(b)
		l, _ := mustLog(b)
		e := sampleEntry()
		for done := 0; done < b.N; {
			n := min(1000, b.N-done)
			err := db.Update(ctx, func(tx audit.Tx) error {
				for range n {
					if err := l.Record(ctx, tx.Audit(), e); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			done += n
		}
	})
}

// BenchmarkVerify verifies a log of 100,000 entries, each with its own
// signed checkpoint, on SQLite.
func BenchmarkVerify(b *testing.B) {
	const n = 100_000
	_, db := mustOpen(b)
	l, _ := mustLog(b)
	mustRecord(b, db, l, n, 1000)
	for b.Loop() {
		rep := mustVerify(b, db)
		if !rep.OK || rep.Entries != n {
			b.Fatalf("%s", rep)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/entry")
}

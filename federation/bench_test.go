package federation_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
)

// benchText is the text of the i-th note of a benchmark: about the size of
// a short hotline message.
func benchText(i int) string {
	return fmt.Sprintf("bench-%d %s", i, strings.Repeat("tin nhắn ", 20))
}

// BenchmarkDeliver measures envelopes per second from one node to another
// over loopback mutual TLS, each node on its own SQLite file: the outbox
// is filled beforehand, then the sender's Deliver posts it batch after
// batch (Options.MaxBatch, 200 by default) and the receiver verifies,
// applies (one audit entry per note) and acknowledges each batch in one
// transaction.
func BenchmarkDeliver(b *testing.B) {
	src := newNode(b, "vn.mps", nodeOptions{})
	dst := newNode(b, "la.mps", nodeOptions{})
	connect(src, dst)
	ctx := context.Background()
	const perTx = 500
	for i := 0; i < b.N; i += perTx {
		err := src.DB.Update(ctx, func(tx federation.Tx) error {
			for j := i; j < min(i+perTx, b.N); j++ {
				if _, err := src.Svc.Send(ctx, tx.Federation(), dst.ID, noteKind, note{Text: benchText(j)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	batches := 0
	b.ResetTimer()
	for {
		d, err := src.Svc.Deliver(ctx, dst.ID)
		if err != nil {
			b.Fatal(err)
		}
		batches++
		if !d.More {
			break
		}
	}
	b.StopTimer()
	if got := dst.applied(src.ID, dst.ID); got != int64(b.N) {
		b.Fatalf("applied %d of %d", got, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "envelopes/s")
	b.ReportMetric(float64(b.N)/float64(batches), "envelopes/batch")
}

// BenchmarkSendDurable measures Send on its own: one envelope put in the
// outbox per committed (fsynced) SQLite transaction, as a domain does when
// it records one change. Compare with BenchmarkRawInsert.
func BenchmarkSendDurable(b *testing.B) {
	src := newNode(b, "vn.mps", nodeOptions{})
	dst := newNode(b, "la.mps", nodeOptions{})
	src.addPeer(dst, dst.URL())
	ctx := context.Background()
	text := benchText(0)
	b.ResetTimer()
	for range b.N {
		err := src.DB.Update(ctx, func(tx federation.Tx) error {
			_, err := src.Svc.Send(ctx, tx.Federation(), dst.ID, noteKind, note{Text: text})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if got := src.queue(dst.ID).Len; got != b.N {
		b.Fatalf("queued %d of %d", got, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sends/s")
}

// BenchmarkRawInsert is the floor under BenchmarkSendDurable: one plain
// INSERT of a row of the same size per committed transaction, through the
// same store transactions on the same kind of SQLite file.
func BenchmarkRawInsert(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "raw.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Write.ExecContext(ctx, `CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, body BLOB NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	type execer interface {
		Exec(ctx context.Context, q string, args ...any) (sql.Result, error)
	}
	body := []byte(fmt.Sprintf(`{"text":%q}`, benchText(0)))
	b.ResetTimer()
	for range b.N {
		err := st.Update(ctx, func(tx store.Tx) error {
			x, ok := tx.(execer)
			if !ok {
				return fmt.Errorf("transaction %T cannot execute statements", tx)
			}
			_, err := x.Exec(ctx, `INSERT INTO bench_raw (body) VALUES (?)`, body)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "inserts/s")
}

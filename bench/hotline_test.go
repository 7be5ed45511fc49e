package bench

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// TestHotlineFlow runs the whole hotline benchmark in miniature on SQLite
// (and PostgreSQL when BORDERLINK_TEST_POSTGRES is set), so that the
// command keeps working; it checks that every phase produced figures, not
// what they are.
func TestHotlineFlow(t *testing.T) {
	engines := []string{SQLite}
	pg := os.Getenv("BORDERLINK_TEST_POSTGRES")
	if pg != "" {
		engines = append(engines, Postgres)
	} else {
		t.Log("PostgreSQL run skipped: BORDERLINK_TEST_POSTGRES is not set")
	}
	rs, err := Hotline(context.Background(), HotlineOptions{Dir: t.TempDir(), Engines: engines, PostgresURL: pg,
		Messages: 20, Senders: 4, Rate: 50, Duration: 400 * time.Millisecond, Backlog: 300, Out: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != len(engines) {
		t.Fatalf("%d results for %d engines", len(rs), len(engines))
	}
	for _, r := range rs {
		if r.SendsPerSec <= 0 || r.RawInsertsPerSec <= 0 || r.Sent != 20 || r.LatencyP50 <= 0 ||
			r.LatencyP99 < r.LatencyP50 || r.Backlog != 300 || r.Drain <= 0 {
			t.Errorf("%s: incomplete figures %+v", r.Engine, r)
		}
	}
}

// BenchmarkHotlineSend is one durable hotline send on vn.mps (SQLite),
// link down: the message, its search text, its outbox envelope and its
// audit entries in one committed transaction.
func BenchmarkHotlineSend(b *testing.B) {
	ctx := context.Background()
	p := linkDownPair(b)
	b.ResetTimer()
	for i := range b.N {
		if _, err := p.vn.Hotline.Send(ctx, sender, benchMessage(i)); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sends/s")
}

// BenchmarkHotlineDrain is the delivery of a backlog of b.N hotline
// messages queued while the link was down: batches over mutual TLS, each
// verified, applied and acknowledged in one transaction on la.mps, with
// the delivery receipts flowing back to vn.mps.
func BenchmarkHotlineDrain(b *testing.B) {
	ctx := context.Background()
	p := linkDownPair(b)
	if _, err := sendRate(ctx, p.vn, 0, b.N); err != nil {
		b.Fatal(err)
	}
	target := queued(ctx, p)
	if err := p.fed[p.la].start(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	stop := runFederation(p.vn, p.la)
	defer stop()
	if err := waitApplied(ctx, p, target, 30*time.Minute); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "messages/s")
}

// linkDownPair is a SQLite pair for a benchmark, the link to la.mps down.
func linkDownPair(b *testing.B) *pair {
	b.Helper()
	p, err := newPair(context.Background(), b.TempDir(), SQLite, "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(p.close)
	p.fed[p.la].halt()
	return p
}

// TestScreeningFlow runs the screening benchmark on a small list: it
// prints every figure and finds most of the people it looks for.
func TestScreeningFlow(t *testing.T) {
	var out strings.Builder
	r, err := Screening(ScreeningOptions{Persons: 5000, Queries: 600, Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	if r.Build <= 0 || r.BytesPerEntry <= 0 || r.P99 <= 0 || r.QPS <= 0 || r.Eval.All.N == 0 || r.Eval.All.Rec10 < 0.9 {
		t.Errorf("figures %+v", r)
	}
	for _, want := range []string{"bytes per entry", "recall@10", "should find nothing"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output lacks %q:\n%s", want, out.String())
		}
	}
}

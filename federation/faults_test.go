package federation_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/internal/testutil/faultproxy"
)

// holdGate wraps a receiver's federation handler. Once armed, it lets the
// next batch of envelopes be received and applied as usual, but keeps the
// answer back (the batch is committed on the receiver, the sender still
// waits) until the test releases it.
type holdGate struct {
	armed   atomic.Bool
	held    chan federation.Answer // the answer held back, once per arming
	release chan struct{}
}

func newHoldGate() *holdGate {
	return &holdGate{held: make(chan federation.Answer, 1), release: make(chan struct{}, 1)}
}

func (g *holdGate) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != federation.EnvelopesPath || !g.armed.CompareAndSwap(true, false) {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		var ans federation.Answer
		if rec.Code == http.StatusOK {
			_ = json.Unmarshal(rec.Body.Bytes(), &ans)
		}
		g.held <- ans
		<-g.release
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

// await waits for a value on c, failing the test after a generous deadline.
func await[T any](tb testing.TB, what string, c <-chan T) T {
	tb.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(2 * time.Minute):
		tb.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

// A burst of a few hundred envelopes crosses a border link that is cut,
// slowed, dropped in the middle of streams and reset, while first the
// sender and then the receiver is restarted with a batch applied but its
// answer lost. Once the link is restored every envelope has been applied
// exactly once, in order, and the outbox is empty.
func TestLinkFaultsBurst(t *testing.T) {
	gate := newHoldGate()
	a := newNode(t, "vn.mps", nodeOptions{Run: true, MaxBatch: 25})
	b := newNode(t, "la.mps", nodeOptions{Run: true, MaxBatch: 25, Wrap: gate.wrap})
	p := faultproxy.MustStart(t, b.addr)
	a.addPeer(b, "https://"+p.Addr())
	b.addPeer(a, a.URL())

	var want []string
	send := func(prefix string, n int, oneTx bool) {
		t.Helper()
		ts := texts(prefix, 1, n)
		if oneTx {
			a.sendAll(b.ID, ts...)
		} else {
			a.send(b.ID, ts...)
		}
		want = append(want, ts...)
	}
	errs := func() float64 { return metric(t, a.Metrics, mErrors, "peer", string(b.ID)) }
	dups := func() float64 { return metric(t, b.Metrics, mReceived, "result", "duplicate") }
	applied := func() int64 { return b.applied(a.ID, b.ID) }
	failuresAfter := func(what string, before float64, n float64) {
		t.Helper()
		eventually(t, what+" to fail deliveries", func() bool { return errs() >= before+n })
	}
	progressPast := func(what string, seq int64) {
		t.Helper()
		eventually(t, what, func() bool { return applied() > seq })
	}
	quiet := func(what string) {
		t.Helper()
		eventually(t, what, func() bool { return applied() == int64(len(want)) && a.queue(b.ID).Len == 0 })
	}

	// A clean start.
	send("clean", 30, false)
	quiet("the clean part of the burst")

	// The link is cut: nothing gets through, every attempt fails; the
	// envelopes wait in the outbox.
	p.Cut()
	before := errs()
	send("cut", 40, false)
	failuresAfter("the cut link", before, 3)
	if a.queue(b.ID).Len == 0 {
		t.Fatal("the outbox emptied across a cut link")
	}
	p.Restore()
	quiet("the outbox to drain after the cut")

	// A slow link still carries traffic.
	p.Delay(3 * time.Millisecond)
	mark := applied()
	send("slow", 40, false)
	progressPast("traffic over a slow link", mark)
	p.Restore()

	// Connections dropped in the middle of a batch, closed and then reset.
	for _, reset := range []bool{false, true} {
		p.DropAfter(6<<10, reset)
		before = errs()
		send("drop-"+strconv.FormatBool(reset), 60, true)
		failuresAfter("a link that drops mid-stream", before, 3)
		p.Restore()
		mark = applied()
		send("after-drop-"+strconv.FormatBool(reset), 10, false)
		progressPast("traffic after the drops", mark)
	}

	// Connections reset while the burst is flowing.
	send("reset", 50, false)
	for i := range 3 {
		mark = applied()
		p.ResetAll()
		send("reset-more-"+strconv.Itoa(i), 5, false)
		progressPast("traffic after a reset", mark)
	}
	quiet("the outbox to drain after the resets")

	// The sender is restarted while the receiver holds the answer to a
	// batch it has applied: the new sender sends it again, the receiver
	// acknowledges it as duplicates, and the burst goes on.
	dupsBefore := dups()
	wantDups := 0.0
	base := applied()
	gate.armed.Store(true)
	send("sender-restart", 60, false)
	ans := await(t, "a batch to be held", gate.held)
	got := ackOf(ans, a.ID, b.ID)
	if got <= base || applied() != got {
		t.Fatalf("held batch acknowledged %d (applied %d), was at %d", got, applied(), base)
	}
	wantDups += float64(got - base)
	if a.queue(b.ID).Len == 0 {
		t.Fatal("the sender dropped envelopes whose answer it never got")
	}
	a.Restart()
	gate.release <- struct{}{}
	send("after-sender-restart", 20, false)
	quiet("the burst to resume after the sender restarted")

	// The receiver commits a batch, the link is cut before the answer
	// leaves, and the receiver is restarted on the same database.
	base = applied()
	gate.armed.Store(true)
	send("receiver-restart", 60, false)
	ans = await(t, "a batch to be held", gate.held)
	got = ackOf(ans, a.ID, b.ID)
	if got <= base {
		t.Fatalf("held batch acknowledged %d, was at %d", got, base)
	}
	wantDups += float64(got - base)
	p.Cut()
	gate.release <- struct{}{}
	b.Restart()
	p.Restore()
	send("after-receiver-restart", 20, false)
	quiet("the burst to resume after the receiver restarted")

	if len(want) < 300 {
		t.Fatalf("the burst was only %d envelopes", len(want))
	}
	checkNotes(t, b, a.ID, 1, want)
	if got := applied(); got != int64(len(want)) {
		t.Errorf("%s applied seq %d, want %d", b.ID, got, len(want))
	}
	if p := a.pending(b.ID); len(p) != 0 {
		t.Errorf("%d envelopes left in the outbox", len(p))
	}
	if got := dups() - dupsBefore; got != wantDups {
		t.Errorf("%v envelopes acknowledged as duplicates after the restarts, want %v", got, wantDups)
	}
	if got := metric(t, b.Metrics, mReceived, "result", "applied"); got != float64(len(want)) {
		t.Errorf("%s counted %v applied, want %d", b.ID, got, len(want))
	}
	if h := a.health(b.ID); h.Queue != 0 || h.Lag != 0 {
		t.Errorf("health after the burst: %+v", h)
	}
	if p.Accepted() < 5 {
		t.Errorf("only %d connections through the proxy", p.Accepted())
	}
}

// loseAnswer wraps a receiver's handler: the first batch of envelopes is
// received and applied by the real handler, but its answer is thrown away
// and the sender sees a failure instead: a 502 from a gateway in between,
// or a connection closed under it.
func loseAnswer(abort bool, lost *atomic.Int64) func(http.Handler) http.Handler {
	var done atomic.Bool
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost || r.URL.Path != federation.EnvelopesPath || !done.CompareAndSwap(false, true) {
				h.ServeHTTP(w, r)
				return
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			var ans federation.Answer
			if rec.Code == http.StatusOK && json.Unmarshal(rec.Body.Bytes(), &ans) == nil {
				for _, a := range ans.Acks {
					lost.Store(a.Seq)
				}
			}
			if abort {
				panic(http.ErrAbortHandler)
			}
			http.Error(w, "bad gateway", http.StatusBadGateway)
		})
	}
}

// The receiver applies and commits a batch but the answer never reaches
// the sender. The sender keeps the envelopes and sends them again; the
// receiver acknowledges them as duplicates without applying them again,
// even after a restart in between.
func TestAnswerLostAfterApply(t *testing.T) {
	t.Run("502 then receiver restart", func(t *testing.T) {
		var lost atomic.Int64
		a := newNode(t, "vn.mps", nodeOptions{})
		b := newNode(t, "la.mps", nodeOptions{Wrap: loseAnswer(false, &lost)})
		connect(a, b)
		ctx := context.Background()
		first := texts("first", 1, 10)
		a.sendAll(b.ID, first...)

		d, err := a.Svc.Deliver(ctx, b.ID)
		if err == nil || !strings.Contains(err.Error(), "502") || d.Acked != 0 {
			t.Fatalf("delivery whose answer was lost: %+v, %v", d, err)
		}
		if lost.Load() != 10 || b.applied(a.ID, b.ID) != 10 {
			t.Fatalf("the receiver applied %d (answered %d), want 10", b.applied(a.ID, b.ID), lost.Load())
		}
		if a.queue(b.ID).Len != 10 {
			t.Fatalf("the sender dropped envelopes it had no answer for: %+v", a.queue(b.ID))
		}
		if h := a.health(b.ID); h.Failures != 1 || !strings.Contains(h.LastError, "502") {
			t.Errorf("health after the lost answer: %+v", h)
		}

		b.Restart()
		a.drain(b.ID)
		checkNotes(t, b, a.ID, 1, first)
		if got := metric(t, b.Metrics, mReceived, "result", "duplicate"); got != 10 {
			t.Errorf("%v acknowledged as duplicates, want 10", got)
		}
		if got := len(b.entries("envelope.duplicate")); got != 1 {
			t.Errorf("%d audit entries of duplicates, want 1", got)
		}
		if h := a.health(b.ID); h.Failures != 0 || h.RefusedByPeer != 0 || h.Queue != 0 {
			t.Errorf("health after the retry: %+v", h)
		}
		if h := b.health(a.ID); h.RefusedFromPeer != 0 {
			t.Errorf("duplicates recorded as refusals: %+v", h)
		}

		a.send(b.ID, "next")
		a.drain(b.ID)
		checkNotes(t, b, a.ID, 1, append(first, "next"))
	})

	t.Run("connection aborted, running sender", func(t *testing.T) {
		var lost atomic.Int64
		a := newNode(t, "vn.mps", nodeOptions{Run: true})
		b := newNode(t, "la.mps", nodeOptions{Run: true, Wrap: loseAnswer(true, &lost)})
		connect(a, b)
		first := texts("first", 1, 12)
		a.sendAll(b.ID, first...)
		eventually(t, "the outbox to drain", func() bool {
			return a.queue(b.ID).Len == 0 && metric(t, a.Metrics, mDelivered, "peer", string(b.ID)) == 12
		})
		if lost.Load() != 12 {
			t.Fatalf("the lost answer acknowledged %d, want 12", lost.Load())
		}
		checkNotes(t, b, a.ID, 1, first)
		if got := metric(t, b.Metrics, mReceived, "result", "duplicate"); got != 12 {
			t.Errorf("%v acknowledged as duplicates, want 12", got)
		}
		if got := metric(t, a.Metrics, mErrors, "peer", string(b.ID)); got < 1 {
			t.Errorf("the aborted delivery was not counted as a failure")
		}
		if got := metric(t, a.Metrics, mDelivered, "peer", string(b.ID)); got != 12 {
			t.Errorf("%v counted delivered, want 12", got)
		}
	})
}

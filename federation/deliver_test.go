package federation_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/borderlink/borderlink/federation"
)

// Two running nodes exchange notes both ways: each side applies the
// other's stream in order, each envelope once; the outboxes drain and the
// inboxes record the sequence applied. An envelope sent in a transaction
// that rolls back never leaves and gives its sequence number back.
func TestDeliverInOrderExactlyOnce(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{Run: true, MaxBatch: 7})
	b := newNode(t, "la.mps", nodeOptions{Run: true, MaxBatch: 7})
	connect(a, b)

	var wantAB, wantBA []string
	for round := range 5 {
		one := texts("a-single-"+string(rune('a'+round)), 1, 6)
		many := texts("a-tx-"+string(rune('a'+round)), 1, 9)
		a.send(b.ID, one...)
		a.sendAll(b.ID, many...)
		wantAB = append(append(wantAB, one...), many...)

		// Rolled back: neither queued nor numbered.
		errBoom := errors.New("boom")
		err := a.DB.Update(context.Background(), func(tx federation.Tx) error {
			if _, err := a.Svc.Send(context.Background(), tx.Federation(), b.ID, noteKind, note{Text: "rolled back"}); err != nil {
				return err
			}
			return errBoom
		})
		if !errors.Is(err, errBoom) {
			t.Fatalf("rolled back send: %v", err)
		}

		back := texts("b-"+string(rune('a'+round)), 1, 4)
		b.send(a.ID, back...)
		wantBA = append(wantBA, back...)
	}
	eventually(t, "both streams to be applied", func() bool {
		return len(b.notesFrom(a.ID)) >= len(wantAB) && len(a.notesFrom(b.ID)) >= len(wantBA)
	})
	eventually(t, "both outboxes to drain", func() bool { return a.queue(b.ID).Len == 0 && b.queue(a.ID).Len == 0 })

	checkNotes(t, b, a.ID, 1, wantAB)
	checkNotes(t, a, b.ID, 1, wantBA)
	if got := b.applied(a.ID, b.ID); got != int64(len(wantAB)) {
		t.Errorf("%s applied seq %d of %s's stream, want %d", b.ID, got, a.ID, len(wantAB))
	}
	if got := a.applied(b.ID, a.ID); got != int64(len(wantBA)) {
		t.Errorf("%s applied seq %d of %s's stream, want %d", a.ID, got, b.ID, len(wantBA))
	}
	if st := a.queue(b.ID); st.Len != 0 || !st.Oldest.IsZero() {
		t.Errorf("outbox of %s after delivery: %+v", a.ID, st)
	}
	if got := metric(t, a.Metrics, mDelivered, "peer", string(b.ID)); got != float64(len(wantAB)) {
		t.Errorf("%s counted %v envelopes delivered, want %d", a.ID, got, len(wantAB))
	}
	if got := metric(t, b.Metrics, mReceived, "result", "applied"); got != float64(len(wantAB)) {
		t.Errorf("%s counted %v envelopes applied, want %d", b.ID, got, len(wantAB))
	}
	if got := metric(t, b.Metrics, mRefused, "reason", federation.ReasonDuplicate); got != 0 {
		t.Errorf("%s saw %v duplicates on a clean link", b.ID, got)
	}
	h := a.health(b.ID)
	if h.Queue != 0 || h.Lag != 0 || h.LastSuccess.IsZero() || h.Failures != 0 {
		t.Errorf("health of the link %s → %s: %+v", a.ID, b.ID, h)
	}

	// Nothing is applied again later.
	more := a.send(b.ID, "last")
	if more[0].Seq != int64(len(wantAB))+1 {
		t.Fatalf("next envelope numbered %d, want %d", more[0].Seq, len(wantAB)+1)
	}
	eventually(t, "the last note", func() bool { return len(b.notesFrom(a.ID)) == len(wantAB)+1 })
	checkNotes(t, b, a.ID, 1, append(wantAB, "last"))
}

// The same batch posted again is acknowledged as duplicates and ignored;
// an envelope after a gap is held back, not applied, until the missing one
// arrives, and then both apply in order.
func TestDuplicatesReplaysAndGaps(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{})
	b := newNode(t, "la.mps", nodeOptions{})
	connect(a, b)
	env := func(seq int64, text string) federation.Envelope {
		return a.envelope(b.ID, seq, noteKind, note{Text: text})
	}

	batch := []federation.Envelope{env(1, "one"), env(2, "two"), env(3, "three")}
	status, ans := post(t, a, b, batch...)
	if status != http.StatusOK || ackOf(ans, a.ID, b.ID) != 3 || len(ans.Refusals) != 0 || ans.Held != 0 || ans.Node != b.ID {
		t.Fatalf("first post: %d %+v", status, ans)
	}
	entriesBefore := len(b.entries("envelope.duplicate"))

	// Replay the whole batch, and then part of it.
	for _, replay := range [][]federation.Envelope{batch, batch[1:2]} {
		status, ans = post(t, a, b, replay...)
		if status != http.StatusOK || ackOf(ans, a.ID, b.ID) != 3 || ans.Held != 0 || len(ans.Refusals) != len(replay) {
			t.Fatalf("replay: %d %+v", status, ans)
		}
		for i, r := range ans.Refusals {
			if r.Reason != federation.ReasonDuplicate || !r.Consumed || r.ID != replay[i].ID || r.Seq != replay[i].Seq {
				t.Errorf("replay refusal %d: %+v", i, r)
			}
		}
	}
	checkNotes(t, b, a.ID, 1, []string{"one", "two", "three"})
	if got := metric(t, b.Metrics, mRefused, "reason", federation.ReasonDuplicate); got != 4 {
		t.Errorf("duplicates counted: %v, want 4", got)
	}
	if got := metric(t, b.Metrics, mReceived, "result", "duplicate"); got != 4 {
		t.Errorf("duplicates received: %v, want 4", got)
	}
	if got := len(b.entries("envelope.duplicate")) - entriesBefore; got != 2 {
		t.Errorf("%d audit entries for the two replays, want 2", got)
	}
	if h := b.health(a.ID); h.RefusedFromPeer != 0 {
		t.Errorf("duplicates counted as refusals in health: %+v", h)
	}

	// A gap: 5 arrives before 4.
	e4, e5, e6 := env(4, "four"), env(5, "five"), env(6, "six")
	status, ans = post(t, a, b, e5)
	if status != http.StatusOK || ans.Held != 1 || ackOf(ans, a.ID, b.ID) != 3 || len(ans.Refusals) != 0 {
		t.Fatalf("post after a gap: %d %+v", status, ans)
	}
	if got := b.applied(a.ID, b.ID); got != 3 {
		t.Fatalf("applied %d with 4 missing", got)
	}
	checkNotes(t, b, a.ID, 1, []string{"one", "two", "three"})
	// 6 before 4 and 5 within one batch: held again; 4 and 5 apply.
	status, ans = post(t, a, b, e6, e4, e5)
	if status != http.StatusOK || ans.Held != 1 || ackOf(ans, a.ID, b.ID) != 5 {
		t.Fatalf("post filling the gap: %d %+v", status, ans)
	}
	status, ans = post(t, a, b, e6)
	if status != http.StatusOK || ackOf(ans, a.ID, b.ID) != 6 || ans.Held != 0 {
		t.Fatalf("post of the held one: %d %+v", status, ans)
	}
	checkNotes(t, b, a.ID, 1, []string{"one", "two", "three", "four", "five", "six"})
	if got := metric(t, b.Metrics, mReceived, "result", "held"); got != 2 {
		t.Errorf("held counted: %v, want 2", got)
	}
}

// A real sender whose outbox holds a stream out of order (7 queued before
// 6): the receiver holds 7 back, applies 6, and the sender delivers 7 on
// its next batch. The outbox keeps what was not acknowledged.
func TestSenderGapHeldUntilFilled(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{})
	b := newNode(t, "la.mps", nodeOptions{})
	connect(a, b)
	a.send(b.ID, texts("n", 1, 5)...)
	a.drain(b.ID)
	es := a.send(b.ID, "n-6", "n-7")
	ctx := context.Background()
	err := a.DB.Update(ctx, func(tx federation.Tx) error {
		repo := tx.Federation()
		for _, e := range es {
			if err := repo.DeleteQueued(ctx, b.ID, e.Key(), e.Seq); err != nil {
				return err
			}
		}
		if err := repo.Enqueue(ctx, b.ID, es[1], a.Clock.Now()); err != nil {
			return err
		}
		return repo.Enqueue(ctx, b.ID, es[0], a.Clock.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := a.Svc.Deliver(ctx, b.ID)
	if err != nil || d.Sent != 2 || d.Acked != 1 {
		t.Fatalf("first delivery: %+v, %v", d, err)
	}
	if p := a.pending(b.ID); len(p) != 1 || p[0].Seq != 7 {
		t.Fatalf("outbox after the first delivery: %+v", p)
	}
	checkNotes(t, b, a.ID, 1, texts("n", 1, 6))
	d, err = a.Svc.Deliver(ctx, b.ID)
	if err != nil || d.Sent != 1 || d.Acked != 1 {
		t.Fatalf("second delivery: %+v, %v", d, err)
	}
	checkNotes(t, b, a.ID, 1, texts("n", 1, 7))
	if a.queue(b.ID).Len != 0 {
		t.Fatal("outbox not empty")
	}

	// Only the held envelope left, and the receiver still misses the one
	// before it: no progress is an error, and nothing is lost.
	es = a.send(b.ID, "n-8", "n-9")
	if err := a.DB.Update(ctx, func(tx federation.Tx) error {
		return tx.Federation().DeleteQueued(ctx, b.ID, es[0].Key(), es[0].Seq)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Svc.Deliver(ctx, b.ID); !errors.Is(err, federation.ErrNoProgress) {
		t.Fatalf("delivery behind a gap: %v, want ErrNoProgress", err)
	}
	if a.queue(b.ID).Len != 1 || b.applied(a.ID, b.ID) != 7 {
		t.Fatal("an envelope behind a gap was dropped or applied")
	}
	if h := a.health(b.ID); h.Failures != 1 || h.LastError == "" {
		t.Errorf("health after no progress: %+v", h)
	}
}

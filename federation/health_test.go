package federation_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"net/http"
	"testing"
	"time"

	"github.com/borderlink/borderlink/federation"
)

// Health reports each peer on its own: the envelopes queued for it and the
// age of the oldest (by the node's clock), when a batch last reached it,
// the last failure and how many failures in a row while it is down, and
// the refusals each way.
func TestHealthPerPeer(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{})
	b := newNode(t, "la.mps", nodeOptions{})
	c := newNode(t, "la.phongsaly", nodeOptions{})
	connect(a, b)
	connect(a, c)
	ctx := context.Background()
	healthOf := func() map[string]federation.PeerHealth {
		t.Helper()
		hs, err := a.Svc.Health(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]federation.PeerHealth{}
		for _, h := range hs {
			out[string(h.Peer)] = h
		}
		if len(out) != 2 || len(hs) != 2 || hs[0].Peer != b.ID || hs[1].Peer != c.ID {
			t.Fatalf("health of %d peers, not by id: %+v", len(hs), hs)
		}
		return out
	}

	h := healthOf()
	for _, p := range []*tnode{b, c} {
		x := h[string(p.ID)]
		if x.URL != p.URL() || x.Queue != 0 || x.Lag != 0 || !x.Oldest.IsZero() || !x.LastSuccess.IsZero() ||
			x.LastError != "" || x.Failures != 0 || x.RefusedByPeer != 0 || x.RefusedFromPeer != 0 || x.Witnessed.Size != 0 {
			t.Fatalf("health of an idle new peer: %+v", x)
		}
	}

	// Queues and lag, per peer.
	queuedB := a.Clock.Now()
	a.send(b.ID, texts("b", 1, 3)...)
	a.Clock.Advance(30 * time.Second)
	queuedC := a.Clock.Now()
	a.send(c.ID, texts("c", 1, 5)...)
	a.Clock.Advance(90 * time.Second)
	h = healthOf()
	if x := h[string(b.ID)]; x.Queue != 3 || !x.Oldest.Equal(queuedB) || x.Lag != 2*time.Minute {
		t.Errorf("queue towards %s: %+v", b.ID, x)
	}
	if x := h[string(c.ID)]; x.Queue != 5 || !x.Oldest.Equal(queuedC) || x.Lag != 90*time.Second {
		t.Errorf("queue towards %s: %+v", c.ID, x)
	}

	// c is unreachable: every attempt fails, is counted and described,
	// and the queue ages.
	c.Stop()
	var failedAt time.Time
	for i := 1; i <= 3; i++ {
		failedAt = a.Clock.Now()
		if _, err := a.Svc.Deliver(ctx, c.ID); err == nil {
			t.Fatal("delivered to a stopped node")
		}
		x := healthOf()[string(c.ID)]
		if x.Failures != i || x.LastError == "" || !x.LastErrorAt.Equal(failedAt) || !x.LastSuccess.IsZero() || x.Queue != 5 {
			t.Fatalf("health after %d failures: %+v", i, x)
		}
		a.Clock.Advance(time.Minute)
	}
	if got := metric(t, a.Metrics, mErrors, "peer", string(c.ID)); got != 3 {
		t.Errorf("%v failures counted", got)
	}
	if got := metric(t, a.Metrics, mQueue, "peer", string(c.ID)); got != 5 {
		t.Errorf("queue gauge %v", got)
	}
	if got := metric(t, a.Metrics, mLag, "peer", string(c.ID)); got != (90*time.Second + 2*time.Minute).Seconds() {
		t.Errorf("lag gauge %v", got)
	}

	// b is reachable meanwhile and is not affected by c.
	deliveredB := a.Clock.Now()
	if d, err := a.Svc.Deliver(ctx, b.ID); err != nil || d.Acked != 3 {
		t.Fatalf("delivery to %s: %+v %v", b.ID, d, err)
	}
	h = healthOf()
	if x := h[string(b.ID)]; x.Queue != 0 || x.Lag != 0 || !x.Oldest.IsZero() || !x.LastSuccess.Equal(deliveredB) ||
		x.Failures != 0 || x.LastError != "" {
		t.Errorf("health of %s after delivery: %+v", b.ID, x)
	}
	lastError := h[string(c.ID)].LastError
	if x := h[string(c.ID)]; x.Failures != 3 || x.Queue != 5 || x.Lag != 90*time.Second+3*time.Minute {
		t.Errorf("health of %s while down: %+v", c.ID, x)
	}

	// c comes back: the failures are over, the last error stays on show.
	c.Restart()
	a.Clock.Advance(time.Minute)
	backAt := a.Clock.Now()
	a.drain(c.ID)
	if x := healthOf()[string(c.ID)]; x.Queue != 0 || x.Lag != 0 || x.Failures != 0 || !x.LastSuccess.Equal(backAt) ||
		x.LastError != lastError || !x.LastErrorAt.Equal(failedAt) {
		t.Errorf("health of %s once back: %+v", c.ID, x)
	}
	checkNotes(t, c, a.ID, 1, texts("c", 1, 5))

	// Refusals each way: b refuses an envelope a queued (created too long
	// ago: its number is used up) and one a posts with a bad signature.
	err := a.DB.Update(ctx, func(tx federation.Tx) error {
		repo := tx.Federation()
		seq, err := repo.NextSeq(ctx, b.ID, federation.MainStream)
		if err != nil {
			return err
		}
		e := a.envelope(b.ID, seq, noteKind, note{Text: "stale"})
		e.Created = a.Clock.Now().Add(-40 * 24 * time.Hour)
		e.Sign(a.Key)
		return repo.Enqueue(ctx, b.ID, e, a.Clock.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
	if d, err := a.Svc.Deliver(ctx, b.ID); err != nil || d.Refused != 1 {
		t.Fatalf("delivery of a stale envelope: %+v %v", d, err)
	}
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	forged := a.envelope(b.ID, 5, noteKind, note{Text: "forged"})
	forged.Sign(otherKey)
	if status, ans := post(t, a, b, forged); status != http.StatusOK || len(ans.Refusals) != 1 || ans.Refusals[0].Consumed {
		t.Fatalf("post of a forged envelope: %d %+v", status, ans)
	}
	if x := healthOf()[string(b.ID)]; x.RefusedByPeer != 1 || x.RefusedFromPeer != 0 {
		t.Errorf("refusals seen by %s: %+v", a.ID, x)
	}
	if x := healthOf()[string(c.ID)]; x.RefusedByPeer != 0 || x.RefusedFromPeer != 0 {
		t.Errorf("refusals of %s counted for %s: %+v", b.ID, c.ID, x)
	}
	if x := b.health(a.ID); x.RefusedFromPeer != 2 || x.RefusedByPeer != 0 {
		t.Errorf("refusals seen by %s: %+v", b.ID, x)
	}
	rs, err := b.Svc.Refusals(ctx, a.ID, 10)
	if err != nil || len(rs) != 2 || rs[0].Reason != federation.ReasonSignature || rs[0].Consumed ||
		rs[1].Reason != federation.ReasonClock || !rs[1].Consumed {
		t.Errorf("refusals at %s: %+v %v", b.ID, rs, err)
	}
	checkNotes(t, b, a.ID, 1, texts("b", 1, 3))
}

// Health is kept per running sender too: while a peer's listener is
// stopped the failures pile up and the lag grows with the clock; once it is
// back the queue drains by itself.
func TestHealthWhilePeerDown(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{Run: true})
	b := newNode(t, "la.mps", nodeOptions{Run: true})
	connect(a, b)
	a.send(b.ID, "up")
	eventually(t, "the first delivery", func() bool { return !a.health(b.ID).LastSuccess.IsZero() && a.queue(b.ID).Len == 0 })

	b.Stop()
	a.send(b.ID, texts("down", 1, 4)...)
	eventually(t, "failures to be reported", func() bool {
		h := a.health(b.ID)
		return h.Failures >= 3 && h.LastError != "" && h.Queue == 4
	})
	a.Clock.Advance(10 * time.Minute)
	if h := a.health(b.ID); h.Lag != 10*time.Minute || h.Queue != 4 {
		t.Errorf("lag while down: %+v", h)
	}
	b.Restart()
	eventually(t, "the queue to drain once the peer is back", func() bool {
		h := a.health(b.ID)
		return h.Queue == 0 && h.Failures == 0 && h.Lag == 0
	})
	checkNotes(t, b, a.ID, 1, append([]string{"up"}, texts("down", 1, 4)...))
}

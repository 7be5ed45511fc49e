package federation_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
)

// chain builds province A — gateway G — partner gateway H — partner
// province B, each pair peers, and makes A and B known to each other by
// announcements passed along the gateways.
func chain(t *testing.T) (a, g, h, b *tnode) {
	t.Helper()
	a = newNode(t, "vn.laichau", nodeOptions{Run: true, MaxBatch: 8, Units: []string{"VN-LCU"}})
	g = newNode(t, "vn.mps", nodeOptions{Run: true, MaxBatch: 8, Units: []string{"VN-MPS"}, Tamper: true})
	h = newNode(t, "la.mps", nodeOptions{Run: true, MaxBatch: 8, Units: []string{"LA-MPS"}, Tamper: true})
	b = newNode(t, "la.phongsaly", nodeOptions{Run: true, MaxBatch: 8, Units: []string{"LA-PSL"}})
	connect(a, g)
	connect(g, h)
	connect(h, b)
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(g.Svc.Announce(ctx, h.ID, a.ID))
	must(h.Svc.Announce(ctx, g.ID, b.ID))
	eventually(t, "the gateways to learn the provinces", func() bool { return h.knows(a.ID) && g.knows(b.ID) })
	must(h.Svc.Announce(ctx, b.ID, a.ID))
	must(g.Svc.Announce(ctx, a.ID, b.ID))
	eventually(t, "the provinces to learn each other", func() bool { return b.knows(a.ID) && a.knows(b.ID) })
	// Announcing a node back to the peer that announced it would loop.
	if err := h.Svc.Announce(ctx, g.ID, a.ID); err == nil {
		t.Fatal("a node was announced back to the peer it came from")
	}
	return a, g, h, b
}

// Envelopes between two provinces travel through both gateways in order,
// once each, both ways; the final receiver checks the origin's signature.
func TestRelayThroughGateways(t *testing.T) {
	a, g, h, b := chain(t)
	ctx := context.Background()

	id, ok, err := a.Svc.NodeFor(ctx, []string{"LA-PSL-D01", "LA-PSL", "LA-MPS"})
	if err != nil || !ok || id != b.ID {
		t.Fatalf("NodeFor a Phongsaly district at %s: %s %v %v", a.ID, id, ok, err)
	}
	if id, ok, err := a.Svc.NodeFor(ctx, []string{"VN-LCU-D01", "VN-LCU"}); err != nil || ok {
		t.Fatalf("NodeFor its own unit: %s %v %v", id, ok, err)
	}
	if id, ok, _ := a.Svc.NodeFor(ctx, []string{"VN-MPS"}); !ok || id != g.ID {
		t.Fatalf("NodeFor the ministry: %s %v", id, ok)
	}

	there := texts("to-b", 1, 30)
	a.send(b.ID, there...)
	back := texts("to-a", 1, 12)
	b.send(a.ID, back...)
	eventually(t, "both provinces to apply", func() bool {
		return len(b.notesFrom(a.ID)) >= len(there) && len(a.notesFrom(b.ID)) >= len(back)
	})
	eventually(t, "every outbox to drain", func() bool {
		return a.queue(g.ID).Len == 0 && g.queue(h.ID).Len == 0 && h.queue(b.ID).Len == 0 &&
			b.queue(h.ID).Len == 0 && h.queue(g.ID).Len == 0 && g.queue(a.ID).Len == 0
	})
	checkNotes(t, b, a.ID, 1, there)
	checkNotes(t, a, b.ID, 1, back)
	for _, n := range []*tnode{g, h} {
		if len(n.notes()) != 0 {
			t.Errorf("relay %s applied notes for others", n.ID)
		}
		if got := n.applied(a.ID, b.ID); got != int64(len(there)) {
			t.Errorf("relay %s recorded %d relayed of %s → %s", n.ID, got, a.ID, b.ID)
		}
		if got := metric(t, n.Metrics, mReceived, "result", "relayed"); got != float64(len(there)+len(back)) {
			t.Errorf("relay %s counted %v relayed", n.ID, got)
		}
	}
	if got := metric(t, b.Metrics, mReceived, "result", "applied"); got != float64(len(there)+1) { // and one announcement
		t.Errorf("%s counted %v applied", b.ID, got)
	}
}

// A gateway that alters what it relays is caught: by the next node that
// knows the origin's key (the partner gateway), and, when the partner
// gateway itself tampers, by the partner province. Nothing altered is ever
// applied, and once the relay behaves every envelope arrives once, in
// order.
func TestRelayTamperingDetected(t *testing.T) {
	a, g, h, b := chain(t)
	tamper := func(batch *federation.Batch) {
		for i := range batch.Envelopes {
			if e := &batch.Envelopes[i]; e.Origin == a.ID && e.Kind == noteKind {
				e.Payload = json.RawMessage(`{"text":"tampered"}`)
			}
		}
	}
	a.send(b.ID, "clean-1")
	eventually(t, "the first note", func() bool { return len(b.notesFrom(a.ID)) == 1 })

	for _, relay := range []struct {
		at, catcher *tnode
		batch       string
	}{{g, h, "g"}, {h, b, "h"}} {
		before := metric(t, relay.catcher.Metrics, mRefused, "reason", federation.ReasonSignature)
		relay.at.setTamper(tamper)
		a.send(b.ID, texts(relay.batch, 1, 5)...)
		eventually(t, string(relay.catcher.ID)+" to refuse the altered envelopes", func() bool {
			return metric(t, relay.catcher.Metrics, mRefused, "reason", federation.ReasonSignature) > before
		})
		rs, err := relay.catcher.Svc.Refusals(context.Background(), relay.at.ID, 1)
		if err != nil || len(rs) != 1 || rs[0].Reason != federation.ReasonSignature || rs[0].Consumed || rs[0].Origin != a.ID {
			t.Fatalf("refusal at %s: %+v %v", relay.catcher.ID, rs, err)
		}
		found := false
		for _, e := range relay.catcher.entries("envelope.refused") {
			found = found || e.Actor == "peer:"+string(relay.at.ID) && strings.HasPrefix(e.Detail, federation.ReasonSignature+":")
		}
		if !found {
			t.Fatalf("no audit entry at %s for the altered envelopes", relay.catcher.ID)
		}
		eventually(t, "the tampering relay to see its link fail", func() bool {
			h := relay.at.health(relay.catcher.ID)
			return h.LastError != "" && h.Failures > 0 && h.Queue > 0
		})
		for _, n := range []*tnode{g, h, b} {
			for _, x := range n.notes() {
				if x.Text == "tampered" {
					t.Fatalf("%s applied an altered envelope", n.ID)
				}
			}
		}
		relay.at.setTamper(nil)
	}
	want := append(append([]string{"clean-1"}, texts("g", 1, 5)...), texts("h", 1, 5)...)
	eventually(t, "every note after the relays behave", func() bool { return len(b.notesFrom(a.ID)) >= len(want) })
	eventually(t, "the relays to drain", func() bool { return g.queue(h.ID).Len == 0 && h.queue(b.ID).Len == 0 })
	checkNotes(t, b, a.ID, 1, want)
}

// A domestic kind has no path to the wire: it cannot be registered as
// releasable; Send refuses it to a peer and to a node behind a relay; a
// peer refuses a handcrafted one, a relay refuses to forward one, and the
// final node refuses one a compromised relay forwards anyway; and one that
// reaches an outbox by going around Send is never posted.
func TestOnlyReleasableKindsLeave(t *testing.T) {
	for _, name := range []string{"treatment.record", "treatment.test", "treatment.episode", "informant.record"} {
		if err := (&federation.Registry{}).Register(federation.Kind{Name: name, Schema: 1, Releasable: true}); err == nil {
			t.Errorf("%s registered as releasable", name)
		}
	}
	a := newNode(t, "vn.laichau", nodeOptions{})
	g := newNode(t, "vn.mps", nodeOptions{})
	b := newNode(t, "la.mps", nodeOptions{})
	connect(a, g)
	connect(g, b)
	ctx := context.Background()
	if err := g.Svc.Announce(ctx, a.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	if err := g.Svc.Announce(ctx, b.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	g.drain(a.ID)
	g.drain(b.ID)
	if !a.knows(b.ID) || !b.knows(a.ID) {
		t.Fatal("announcements not applied")
	}
	noneApplied := func(when string) {
		t.Helper()
		for _, n := range []*tnode{a, g, b} {
			if got := n.entries(domAction); len(got) != 0 {
				t.Fatalf("%s: %s applied a domestic record", when, n.ID)
			}
		}
	}

	// Send, to a peer and to a node behind the relay.
	for _, dest := range []borderlink.NodeID{g.ID, b.ID} {
		err := a.DB.Update(ctx, func(tx federation.Tx) error {
			_, err := a.Svc.Send(ctx, tx.Federation(), dest, domesticKind, note{Text: "treatment"})
			return err
		})
		if r := rejection(t, err); r.Reason != federation.ReasonNotReleased || !borderlink.IsCode(err, borderlink.EForbidden) {
			t.Fatalf("send to %s: %v", dest, err)
		}
	}
	if got := metric(t, a.Metrics, mSendFail, "reason", federation.ReasonNotReleased); got != 2 {
		t.Errorf("refused sends counted %v", got)
	}
	if a.queue(g.ID).Len != 0 {
		t.Fatal("a domestic record was queued")
	}

	// A handcrafted envelope to the peer.
	side := func(e federation.Envelope) federation.Envelope {
		e.Stream = "side"
		e.Sign(a.Key)
		return e
	}
	status, ans := post(t, a, g, side(a.envelope(g.ID, 1, domesticKind, note{Text: "treatment"})))
	if status != http.StatusOK || len(ans.Refusals) != 1 || ans.Refusals[0].Reason != federation.ReasonNotReleased {
		t.Fatalf("handcrafted: %d %+v", status, ans)
	}
	noneApplied("handcrafted")

	// Through the relay, and past a relay that forwards it anyway.
	relayed := side(a.envelope(b.ID, 1, domesticKind, note{Text: "treatment"}))
	status, ans = post(t, a, g, relayed)
	if status != http.StatusOK || len(ans.Refusals) != 1 || ans.Refusals[0].Reason != federation.ReasonNotReleased {
		t.Fatalf("relayed: %d %+v", status, ans)
	}
	if g.queue(b.ID).Len != 0 {
		t.Fatal("the relay queued a domestic record")
	}
	status, ans = post(t, g, b, relayed)
	if status != http.StatusOK || len(ans.Refusals) != 1 || ans.Refusals[0].Reason != federation.ReasonNotReleased {
		t.Fatalf("forwarded anyway: %d %+v", status, ans)
	}
	noneApplied("relayed")

	// Around Send, straight into the outbox, ahead of a note.
	bypass := side(a.envelope(g.ID, 1, domesticKind, note{Text: "treatment"}))
	if err := a.DB.Update(ctx, func(tx federation.Tx) error {
		return tx.Federation().Enqueue(ctx, g.ID, bypass, a.Clock.Now())
	}); err != nil {
		t.Fatal(err)
	}
	a.send(g.ID, "after the bypass")
	before := metric(t, g.Metrics, mReceived, "result", "applied")
	d, err := a.Svc.Deliver(ctx, g.ID)
	if err == nil || d.Sent != 0 || !strings.Contains(err.Error(), "withheld") {
		t.Fatalf("delivery of a bypassing envelope: %+v %v", d, err)
	}
	if metric(t, g.Metrics, mReceived, "result", "applied") != before || len(g.notes()) != 0 {
		t.Fatal("something was posted past the withheld envelope")
	}
	if h := a.health(g.ID); !strings.Contains(h.LastError, "withheld") || h.Queue != 2 {
		t.Errorf("health shows %+v", h)
	}
	// An operator removes it; the link goes on.
	if err := a.DB.Update(ctx, func(tx federation.Tx) error {
		return tx.Federation().DeleteQueued(ctx, g.ID, bypass.Key(), bypass.Seq)
	}); err != nil {
		t.Fatal(err)
	}
	a.drain(g.ID)
	checkNotes(t, g, a.ID, 1, []string{"after the bypass"})
	noneApplied("bypass")
}

package federation_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/store"
)

// Every way an envelope is refused on arrival: the answer names the reason
// and whether the sequence number is used up; the refusal is counted in
// the metrics, recorded in the audit log and in the table of refusals;
// nothing is applied; and the stream goes on as documented: a refusal of
// an envelope not shown to be its origin's (shape, unknown origin,
// signature) leaves its sequence number to the genuine envelope, a refusal
// for content uses it up.
func TestRefusals(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{})
	b := newNode(t, "la.mps", nodeOptions{})
	connect(a, b)
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	ghost := newNode(t, "zz.ghost", nodeOptions{}) // known to nobody
	ghost.Stop()

	mainAB := federation.StreamKey{Origin: a.ID, Destination: b.ID, Stream: federation.MainStream}
	signedAt := func(seq int64, created time.Time, mutate func(*federation.Envelope)) federation.Envelope {
		e := a.envelope(b.ID, seq, noteKind, note{Text: "refused"})
		e.Created = created
		if mutate != nil {
			mutate(&e)
		}
		e.Sign(a.Key)
		return e
	}
	signed := func(seq int64, mutate func(*federation.Envelope)) federation.Envelope {
		return signedAt(seq, a.Clock.Now(), mutate)
	}
	cases := []struct {
		name     string
		env      func(seq int64) federation.Envelope
		reason   string
		consumed bool
		stream   federation.StreamKey // the stream the envelope claims; mainAB when zero
		apply    func(federation.Envelope) error
		raw      bool // post the payload byte for byte, as signed
	}{
		{name: "signature by another key", reason: federation.ReasonSignature, env: func(seq int64) federation.Envelope {
			e := signed(seq, nil)
			e.Sign(otherKey)
			return e
		}},
		{name: "payload altered after signing", reason: federation.ReasonSignature, env: func(seq int64) federation.Envelope {
			e := signed(seq, nil)
			e.Payload = json.RawMessage(`{"text":"altered"}`)
			return e
		}},
		{name: "sequence altered after signing", reason: federation.ReasonSignature, env: func(seq int64) federation.Envelope {
			e := signed(seq+1, nil)
			e.Seq = seq
			return e
		}},
		{name: "unknown origin", reason: federation.ReasonUnknownNode,
			stream: federation.StreamKey{Origin: ghost.ID, Destination: b.ID, Stream: federation.MainStream},
			env:    func(seq int64) federation.Envelope { return ghost.envelope(b.ID, seq, noteKind, note{Text: "ghost"}) }},
		{name: "origin claims to be the receiver", reason: federation.ReasonUnknownNode,
			stream: federation.StreamKey{Origin: b.ID, Destination: b.ID, Stream: federation.MainStream},
			env:    func(seq int64) federation.Envelope { return b.envelope(b.ID, seq, noteKind, note{Text: "self"}) }},
		{name: "malformed: no sequence number", reason: federation.ReasonMalformed, env: func(int64) federation.Envelope {
			return signed(0, nil)
		}},
		{name: "destination this node cannot relay to", reason: federation.ReasonDestination, consumed: true,
			stream: federation.StreamKey{Origin: a.ID, Destination: "zz.nowhere", Stream: federation.MainStream},
			env: func(seq int64) federation.Envelope {
				return a.envelope("zz.nowhere", seq, noteKind, note{Text: "nowhere"})
			}},
		{name: "destination is the sender", reason: federation.ReasonDestination, consumed: true,
			stream: federation.StreamKey{Origin: a.ID, Destination: a.ID, Stream: federation.MainStream},
			env:    func(seq int64) federation.Envelope { return a.envelope(a.ID, seq, noteKind, note{Text: "back"}) }},
		{name: "unknown kind", reason: federation.ReasonSchema, consumed: true, env: func(seq int64) federation.Envelope {
			return signed(seq, func(e *federation.Envelope) { e.Kind = "test.unknown" })
		}},
		{name: "newer schema version", reason: federation.ReasonSchema, consumed: true, env: func(seq int64) federation.Envelope {
			return signed(seq, func(e *federation.Envelope) { e.Schema = 2 })
		}},
		{name: "payload over the kind's limit", reason: federation.ReasonTooLarge, consumed: true, env: func(seq int64) federation.Envelope {
			return signed(seq, func(e *federation.Envelope) {
				e.Payload, _ = json.Marshal(note{Text: strings.Repeat("x", noteMax)})
			})
		}},
		{name: "created too far in the future", reason: federation.ReasonClock, consumed: true, env: func(seq int64) federation.Envelope {
			return signedAt(seq, a.Clock.Now().Add(49*time.Hour), nil)
		}},
		{name: "created too long ago", reason: federation.ReasonClock, consumed: true, env: func(seq int64) federation.Envelope {
			return signedAt(seq, a.Clock.Now().Add(-31*24*time.Hour), nil)
		}},
		{name: "domestic kind", reason: federation.ReasonNotReleased, consumed: true, env: func(seq int64) federation.Envelope {
			return signed(seq, func(e *federation.Envelope) { e.Kind = domesticKind })
		}},
		{name: "kind not releasable", reason: federation.ReasonNotReleased, consumed: true, env: func(seq int64) federation.Envelope {
			return signed(seq, func(e *federation.Envelope) { e.Kind = privateKind })
		}},
		{name: "payload not in canonical form", reason: federation.ReasonMalformed, consumed: true, raw: true, env: func(seq int64) federation.Envelope {
			return signed(seq, func(e *federation.Envelope) { e.Payload = json.RawMessage(`{"text": "spaced"}`) })
		}},
		{name: "payload the kind cannot read", reason: federation.ReasonPayload, consumed: true, env: func(seq int64) federation.Envelope {
			return signed(seq, func(e *federation.Envelope) { e.Payload = json.RawMessage(`{"text":5}`) })
		}},
		{name: "apply refuses after writing", reason: federation.ReasonPayload, consumed: true,
			apply: func(federation.Envelope) error { return federation.Reject(federation.ReasonPayload, "no thanks") },
			env:   func(seq int64) federation.Envelope { return signed(seq, nil) }},
	}

	next := map[federation.StreamKey]int64{}
	var applied []string
	for i, c := range cases {
		stream := c.stream
		if stream == (federation.StreamKey{}) {
			stream = mainAB
		}
		seq := next[stream] + 1
		e := c.env(seq)
		before := metric(t, b.Metrics, mRefused, "reason", c.reason)
		b.setApplyHook(c.apply)
		status, ans := postRaw(t, a, b, c.raw, e)
		b.setApplyHook(nil)
		if status != http.StatusOK || len(ans.Refusals) != 1 {
			t.Fatalf("%s: %d %+v", c.name, status, ans)
		}
		r := ans.Refusals[0]
		if r.Reason != c.reason || r.Consumed != c.consumed || r.ID != e.ID || r.Detail == "" {
			t.Errorf("%s: refusal %+v, want reason %s consumed %v", c.name, r, c.reason, c.consumed)
		}
		if got := metric(t, b.Metrics, mRefused, "reason", c.reason) - before; got != 1 {
			t.Errorf("%s: counted %v times", c.name, got)
		}
		refusedEntries := b.entries("envelope.refused")
		if len(refusedEntries) != i+1 {
			t.Fatalf("%s: %d refusals in the audit log, want %d", c.name, len(refusedEntries), i+1)
		}
		if en := refusedEntries[i]; en.ObjectID != e.ID || en.Outcome != audit.OutcomeDenied || en.Actor != "peer:"+string(a.ID) ||
			!strings.HasPrefix(en.Detail, c.reason+":") {
			t.Errorf("%s: audit entry %+v", c.name, en)
		}
		rs, err := b.Svc.Refusals(context.Background(), a.ID, 1)
		if err != nil || len(rs) != 1 || rs[0].Envelope != e.ID || rs[0].Reason != c.reason || rs[0].Consumed != c.consumed ||
			rs[0].Direction != federation.RefusedIn {
			t.Errorf("%s: stored refusal %+v, %v", c.name, rs, err)
		}
		if got := b.notes(); len(got) != len(applied) {
			t.Fatalf("%s: applied %+v", c.name, got)
		}
		if got := b.entries(domAction); len(got) != 0 {
			t.Fatalf("%s: a non-releasable kind was applied", c.name)
		}
		wantSeq := next[stream]
		if c.consumed {
			wantSeq = seq
		}
		if got, err := b.Svc.Applied(context.Background(), stream); err != nil || got != wantSeq {
			t.Errorf("%s: applied seq of %v is %d, want %d (%v)", c.name, stream, got, wantSeq, err)
		}
		switch {
		case c.reason == federation.ReasonMalformed && !c.consumed:
			if ackOf(ans, a.ID, b.ID) != -1 {
				t.Errorf("%s: acknowledged %+v", c.name, ans.Acks)
			}
		case !c.consumed && stream == mainAB:
			// The genuine envelope takes the number the refused one claimed.
			text := "genuine-" + c.name
			status, ans := post(t, a, b, a.envelope(b.ID, seq, noteKind, note{Text: text}))
			if status != http.StatusOK || ackOf(ans, a.ID, b.ID) != seq || len(ans.Refusals) != 0 {
				t.Fatalf("%s: genuine envelope after it: %d %+v", c.name, status, ans)
			}
			applied = append(applied, text)
			next[stream] = seq
		case c.consumed:
			next[stream] = seq
		}
	}
	got := b.notesFrom(a.ID)
	if len(got) != len(applied) {
		t.Fatalf("applied %+v, want %v", got, applied)
	}
	for i := range got {
		if got[i].Text != applied[i] {
			t.Fatalf("applied %+v, want %v", got, applied)
		}
	}
	// The stream goes on after all of it.
	seq := next[mainAB] + 1
	if status, ans := post(t, a, b, a.envelope(b.ID, seq, noteKind, note{Text: "after"})); status != http.StatusOK || ackOf(ans, a.ID, b.ID) != seq {
		t.Fatalf("after the refusals: %d %+v", status, ans)
	}
	if h := b.health(a.ID); h.RefusedFromPeer != len(cases) {
		t.Errorf("health counts %d refusals from %s, want %d", h.RefusedFromPeer, a.ID, len(cases))
	}
	if rep, err := audit.Verify(context.Background(), auditDB(b), b.Key.Public().(ed25519.PublicKey), b.ID); err != nil || !rep.OK {
		t.Errorf("audit log of %s: %v %v", b.ID, rep, err)
	}
}

// An invalid envelope inside a batch does not hold back the valid ones
// around it, and the signature failure in front of an envelope of the same
// stream holds that one back (its number was not used up).
func TestRefusalInsideBatch(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{})
	b := newNode(t, "la.mps", nodeOptions{})
	connect(a, b)
	forged := a.envelope(b.ID, 2, noteKind, note{Text: "forged"})
	forged.Payload = json.RawMessage(`{"text":"FORGED"}`)
	b.setApplyHook(func(e federation.Envelope) error {
		if strings.Contains(string(e.Payload), "refuse me") {
			return federation.Reject(federation.ReasonPayload, "refused by the domain")
		}
		return nil
	})
	status, ans := post(t, a, b,
		a.envelope(b.ID, 1, noteKind, note{Text: "one"}),
		forged,
		a.envelope(b.ID, 3, noteKind, note{Text: "three"}))
	if status != http.StatusOK || ackOf(ans, a.ID, b.ID) != 1 || ans.Held != 1 || len(ans.Refusals) != 1 ||
		ans.Refusals[0].Reason != federation.ReasonSignature || ans.Refusals[0].Consumed {
		t.Fatalf("batch with a forged envelope: %d %+v", status, ans)
	}
	status, ans = post(t, a, b,
		a.envelope(b.ID, 2, noteKind, note{Text: "two"}),
		a.envelope(b.ID, 3, noteKind, note{Text: "refuse me"}),
		a.envelope(b.ID, 4, noteKind, note{Text: "four"}))
	if status != http.StatusOK || ackOf(ans, a.ID, b.ID) != 4 || len(ans.Refusals) != 1 ||
		ans.Refusals[0].Reason != federation.ReasonPayload || !ans.Refusals[0].Consumed || ans.Refusals[0].Seq != 3 {
		t.Fatalf("batch with a refused apply: %d %+v", status, ans)
	}
	// The refused envelope's effect was rolled back, the others' kept.
	all := b.notes()
	if len(all) != 3 || all[0].Text != "one" || all[1].Text != "two" || all[1].Seq != 2 || all[2].Text != "four" || all[2].Seq != 4 {
		t.Fatalf("applied %+v", all)
	}
}

// An Apply that fails for a passing reason (not a *Rejection) refuses
// nothing: what came before it is applied and acknowledged, the rest stays
// in the sender's outbox and is applied once the cause is gone.
func TestApplyTransientFailureRetried(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{})
	b := newNode(t, "la.mps", nodeOptions{})
	connect(a, b)
	errBusy := errors.New("busy")
	b.setApplyHook(func(e federation.Envelope) error {
		if strings.Contains(string(e.Payload), "flaky") {
			return errBusy
		}
		return nil
	})
	ctx := context.Background()
	a.sendAll(b.ID, "one", "flaky", "three")
	d, err := a.Svc.Deliver(ctx, b.ID)
	if err != nil || d.Sent != 3 || d.Acked != 1 || d.Refused != 0 {
		t.Fatalf("delivery: %+v %v", d, err)
	}
	if _, err := a.Svc.Deliver(ctx, b.ID); !errors.Is(err, federation.ErrNoProgress) {
		t.Fatalf("delivery while apply fails: %v", err)
	}
	checkNotes(t, b, a.ID, 1, []string{"one"})
	if a.queue(b.ID).Len != 2 {
		t.Fatal("outbox lost envelopes")
	}
	if h := b.health(a.ID); h.RefusedFromPeer != 0 {
		t.Fatalf("a passing failure was recorded as a refusal: %+v", h)
	}
	b.setApplyHook(nil)
	a.drain(b.ID)
	checkNotes(t, b, a.ID, 1, []string{"one", "flaky", "three"})
}

// The sender's side of refusals: envelopes a peer refuses for good (a
// schema version it does not know yet) leave the outbox, are recorded as
// refused by the peer, counted, audited and shown in Health; the stream
// goes on.
func TestRefusedByPeerRecordedBySender(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{NoteSchema: 2})
	b := newNode(t, "la.mps", nodeOptions{})
	connect(a, b)
	ctx := context.Background()
	a.send(b.ID, "v2-1", "v2-2", "v2-3")
	d, err := a.Svc.Deliver(ctx, b.ID)
	if err != nil || d.Sent != 3 || d.Acked != 3 || d.Refused != 3 {
		t.Fatalf("delivery: %+v %v", d, err)
	}
	if a.queue(b.ID).Len != 0 || len(b.notes()) != 0 {
		t.Fatal("refused envelopes stayed queued or were applied")
	}
	if got := metric(t, a.Metrics, mPeerRef, "peer", string(b.ID), "reason", federation.ReasonSchema); got != 3 {
		t.Errorf("refused by peer counted %v", got)
	}
	if got := len(a.entries("envelope.refused_by_peer")); got != 3 {
		t.Errorf("%d audit entries of refusals by the peer", got)
	}
	rs, err := a.Svc.Refusals(ctx, b.ID, 10)
	if err != nil || len(rs) != 3 || rs[0].Direction != federation.RefusedOut || rs[0].Reason != federation.ReasonSchema {
		t.Errorf("refusals: %+v %v", rs, err)
	}
	if h := a.health(b.ID); h.RefusedByPeer != 3 || h.RefusedFromPeer != 0 {
		t.Errorf("health of %s at %s: %+v", b.ID, a.ID, h)
	}
	if h := b.health(a.ID); h.RefusedFromPeer != 3 {
		t.Errorf("health of %s at %s: %+v", a.ID, b.ID, h)
	}
	// The node is upgraded... the other way round: it goes back to schema 1.
	a.opts.NoteSchema = 1
	a.Restart()
	a.send(b.ID, "v1")
	a.drain(b.ID)
	checkNotes(t, b, a.ID, 4, []string{"v1"})
}

// Send refuses before anything is queued or numbered, with a user-facing
// error, counted in the metrics.
func TestSendRefusals(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{})
	b := newNode(t, "la.mps", nodeOptions{})
	connect(a, b)
	ctx := context.Background()
	cases := []struct {
		name   string
		dest   borderlink.NodeID
		kind   string
		body   any
		reason string
		code   string
	}{
		{"unknown kind", b.ID, "test.unknown", note{}, federation.ReasonSchema, borderlink.EInvalid},
		{"not releasable", b.ID, privateKind, note{}, federation.ReasonNotReleased, borderlink.EForbidden},
		{"domestic", b.ID, domesticKind, note{}, federation.ReasonNotReleased, borderlink.EForbidden},
		{"domestic, not registered", b.ID, "treatment.test", note{}, federation.ReasonNotReleased, borderlink.EForbidden},
		{"too large", b.ID, noteKind, note{Text: strings.Repeat("x", noteMax)}, federation.ReasonTooLarge, borderlink.ETooLarge},
		{"not JSON", b.ID, noteKind, json.RawMessage(`{`), federation.ReasonPayload, borderlink.EInvalid},
		{"to itself", a.ID, noteKind, note{}, federation.ReasonDestination, borderlink.EInvalid},
		{"to an unknown node", "zz.nowhere", noteKind, note{}, federation.ReasonDestination, borderlink.EInvalid},
	}
	for _, c := range cases {
		before := metric(t, a.Metrics, mSendFail, "reason", c.reason)
		err := a.DB.Update(ctx, func(tx federation.Tx) error {
			_, err := a.Svc.Send(ctx, tx.Federation(), c.dest, c.kind, c.body)
			return err
		})
		r := rejection(t, err)
		if r.Reason != c.reason || borderlink.ErrorCode(err) != c.code {
			t.Errorf("%s: %v (code %s), want reason %s code %s", c.name, err, borderlink.ErrorCode(err), c.reason, c.code)
		}
		if got := metric(t, a.Metrics, mSendFail, "reason", c.reason) - before; got != 1 {
			t.Errorf("%s: counted %v", c.name, got)
		}
	}
	if a.queue(b.ID).Len != 0 {
		t.Fatal("a refused envelope was queued")
	}
	if es := a.send(b.ID, "first"); es[0].Seq != 1 {
		t.Fatalf("a refused send used up sequence numbers: next is %d", es[0].Seq)
	}
}

// auditDB is n's store as the audit package sees it.
func auditDB(n *tnode) audit.DB { return store.Domain[audit.Tx]{S: n.St} }

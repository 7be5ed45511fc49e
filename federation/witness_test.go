package federation_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
)

// auditDB is n's store as the audit package reads it.
func (n *tnode) auditDB() audit.DB { return store.Domain[audit.Tx]{S: n.St} }

// checkpoint is n's latest signed audit checkpoint.
func (n *tnode) checkpoint() audit.SignedCheckpoint {
	n.tb.Helper()
	cp, err := n.Log.Checkpoint(context.Background(), n.auditDB())
	if err != nil {
		n.tb.Fatal(err)
	}
	return cp
}

// verifyLog fails unless n's audit log verifies against n's key.
func verifyLog(tb testing.TB, n *tnode) {
	tb.Helper()
	rep, err := audit.Verify(context.Background(), n.auditDB(), n.Key.Public().(ed25519.PublicKey), n.ID)
	if err != nil {
		tb.Fatal(err)
	}
	if !rep.OK || rep.Entries != n.logSize() {
		tb.Errorf("audit log of %s: %s", n.ID, rep)
	}
}

// Each running node offers its audit checkpoints to its peer, which checks
// each against the one it held (a consistency proof) and keeps it: as the
// logs grow, Witnessed on one side and WitnessedBy on the other follow.
func TestWitnessCheckpointsExchanged(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{Run: true, Witness: time.Hour})
	b := newNode(t, "la.mps", nodeOptions{Run: true, Witness: time.Hour})
	connect(a, b)

	var lastA, lastB int64
	var sentAB, sentBA int
	for round := range 4 {
		r := strconv.Itoa(round)
		a.send(b.ID, texts("to-b-"+r, 1, 2+round)...)
		b.send(a.ID, texts("to-a-"+r, 1, 3)...)
		sentAB, sentBA = sentAB+2+round, sentBA+3
		eventually(t, "the notes of round "+r, func() bool {
			return b.applied(a.ID, b.ID) >= int64(sentAB) && a.applied(b.ID, a.ID) >= int64(sentBA) &&
				a.queue(b.ID).Len == 0 && b.queue(a.ID).Len == 0
		})
		sizeA, sizeB := a.logSize(), b.logSize()
		if sizeA <= lastA || sizeB <= lastB {
			t.Fatalf("round %d: logs did not grow: %d %d after %d %d", round, sizeA, sizeB, lastA, lastB)
		}
		eventually(t, "the checkpoints of round "+r+" to be witnessed both ways", func() bool {
			a.Svc.KickWitness()
			b.Svc.KickWitness()
			ha, hb := a.health(b.ID), b.health(a.ID)
			return hb.Witnessed.Size == sizeA && ha.WitnessedBy.Size == sizeA &&
				ha.Witnessed.Size == sizeB && hb.WitnessedBy.Size == sizeB
		})
		if a.logSize() != sizeA || b.logSize() != sizeB {
			t.Fatal("witnessing wrote to the audit logs")
		}
		ha, hb := a.health(b.ID), b.health(a.ID)
		if hb.Witnessed.Note != string(a.checkpoint().Note) || ha.Witnessed.Note != string(b.checkpoint().Note) {
			t.Fatalf("round %d: the notes held are not the latest checkpoints", round)
		}
		if hb.Witnessed.Forked || ha.Witnessed.Forked || hb.Fork != nil || ha.Fork != nil {
			t.Fatalf("round %d: a fork on honest logs: %+v %+v", round, ha, hb)
		}
		if hb.Witnessed.Received != b.Clock.Now() {
			t.Errorf("round %d: received at %v, want %v", round, hb.Witnessed.Received, b.Clock.Now())
		}
		lastA, lastB = sizeA, sizeB
		a.Clock.Advance(time.Minute)
		b.Clock.Advance(time.Minute)
	}
	for _, n := range []*tnode{a, b} {
		if got := metric(t, n.Metrics, mForks, "origin", string(a.ID)) + metric(t, n.Metrics, mForks, "origin", string(b.ID)); got != 0 {
			t.Errorf("%s counted %v forks", n.ID, got)
		}
		if got := len(n.entries("audit.fork")); got != 0 {
			t.Errorf("%s audited %d forks", n.ID, got)
		}
		verifyLog(t, n)
	}
}

// forgery is a second audit log of node n with the same key and other
// entries, in a fresh store, behind a federation service of its own that
// speaks to peer as n (same id, keys and certificate) and continues n's
// numbering of the stream towards peer. It is what n would present after
// rewriting its history.
type forgery struct {
	St  store.Store
	DB  federation.DB
	Log *audit.Log
	Svc *federation.Service
}

func forge(t *testing.T, n, peer *tnode, entries int) *forgery {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "forged.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &forgery{St: st, DB: store.Domain[federation.Tx]{S: st}}
	if f.Log, err = audit.NewLog(n.ID, n.Key, n.Clock); err != nil {
		t.Fatal(err)
	}
	seq := peer.applied(n.ID, peer.ID)
	err = f.DB.Update(ctx, func(tx federation.Tx) error {
		for i := range entries {
			err := f.Log.Record(ctx, tx.Audit(), audit.Entry{Actor: "admin", Action: "test.rewritten", ObjectType: "note",
				ObjectID: strconv.Itoa(i), Source: "test", Outcome: audit.OutcomeOK, Detail: "a history other than the one witnessed"})
			if err != nil {
				return err
			}
		}
		if err := tx.Federation().PutPeer(ctx, peer.asPeer(peer.URL())); err != nil {
			return err
		}
		for range seq {
			if _, err := tx.Federation().NextSeq(ctx, peer.ID, federation.MainStream); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f.Svc, err = federation.NewService(federation.Options{Self: n.ID, Key: n.Key, Cert: n.Cert, DB: f.DB,
		Peers: federation.NewPeers(f.DB, f.Log, n.ID, n.Clock), Log: f.Log, Clock: n.Clock, Logger: testLogger(), WitnessEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// checkpointSend queues a checkpoint offer from n to peer as it is,
// numbered in n's stream, and delivers it; it returns what the delivery
// did.
func checkpointSend(t *testing.T, n, peer *tnode, offer federation.CheckpointOffer) federation.Delivery {
	t.Helper()
	ctx := context.Background()
	err := n.DB.Update(ctx, func(tx federation.Tx) error {
		_, err := n.Svc.Send(ctx, tx.Federation(), peer.ID, federation.KindCheckpoint, offer)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := n.Svc.Deliver(ctx, peer.ID)
	if err != nil {
		t.Fatalf("deliver a checkpoint offer: %+v %v", d, err)
	}
	return d
}

// A node whose audit log was rewritten (the same key, other entries) is
// caught by its witness, whatever it presents: a longer log whose
// consistency proof does not lead back to the checkpoint held, another
// log of the same size, or a shorter one. Each is recorded as a fork with
// both checkpoints, audited as failed, counted and shown in Health; the
// checkpoint held is kept, so the genuine log is still checked against it
// and accepted. Offers whose proof starts elsewhere are refused. Both real
// logs still verify.
func TestWitnessDetectsForkedLog(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{})
	b := newNode(t, "la.mps", nodeOptions{})
	connect(a, b)
	ctx := context.Background()
	grow := func(prefix string, n int) {
		t.Helper()
		b.send(a.ID, texts(prefix, 1, n)...)
		b.drain(a.ID)
	}
	witness := func() {
		t.Helper()
		if err := a.Svc.Witness(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		a.drain(b.ID)
		if err := a.Svc.Witness(ctx, b.ID); err != nil { // learns what b holds now
			t.Fatal(err)
		}
		if a.queue(b.ID).Len != 0 {
			t.Fatal("a checkpoint was offered again although the peer holds it")
		}
	}

	// Trust on first use, then a consistent extension.
	grow("first", 4)
	witness()
	first := a.checkpoint()
	if h := b.health(a.ID); h.Witnessed.Size != first.Size || h.Witnessed.Note != string(first.Note) {
		t.Fatalf("first checkpoint held: %+v, want size %d", h.Witnessed, first.Size)
	}
	if h := a.health(b.ID); h.WitnessedBy.Size != first.Size {
		t.Fatalf("witnessed by: %+v", h.WitnessedBy)
	}
	grow("second", 5)
	witness()
	held := a.checkpoint()
	if held.Size <= first.Size || b.health(a.ID).Witnessed.Size != held.Size {
		t.Fatalf("extended checkpoint not held: %+v, want %d", b.health(a.ID).Witnessed, held.Size)
	}

	// Offers the witness cannot check are refused and change nothing.
	grow("third", 2)
	cp := a.checkpoint()
	proof, err := audit.ProveConsistency(ctx, a.auditDB(), held.Size, cp.Size)
	if err != nil {
		t.Fatal(err)
	}
	var raw [][]byte
	for _, h := range proof {
		raw = append(raw, h[:])
	}
	short := append([][]byte{raw[0][:5]}, raw[1:]...)
	for _, bad := range []federation.CheckpointOffer{
		{Note: string(cp.Note), From: first.Size, Proof: raw},  // from a size the witness no longer holds
		{Note: string(cp.Note), From: held.Size, Proof: short}, // a hash cut short
		{Note: "not a signed note", From: held.Size, Proof: raw},
	} {
		if d := checkpointSend(t, a, b, bad); d.Refused != 1 {
			t.Fatalf("offer %+v: %+v, want refused", bad, d)
		}
	}
	h := b.health(a.ID)
	if h.Witnessed.Size != held.Size || h.Fork != nil || h.RefusedFromPeer != 3 {
		t.Fatalf("after refused offers: %+v", h)
	}
	rs, err := b.Svc.Refusals(ctx, a.ID, 3)
	if err != nil || len(rs) != 3 {
		t.Fatalf("refusals: %+v %v", rs, err)
	}
	for _, r := range rs {
		if r.Reason != federation.ReasonPayload || r.Kind != federation.KindCheckpoint || !r.Consumed {
			t.Errorf("refusal: %+v", r)
		}
	}
	witness()
	held = a.checkpoint()
	if b.health(a.ID).Witnessed.Size != held.Size {
		t.Fatalf("genuine offer after refusals not held: %+v", b.health(a.ID).Witnessed)
	}

	// Rewritten logs: longer, of the same size, shorter.
	cases := []struct {
		name    string
		entries int
	}{
		{"longer", int(held.Size) + 7},
		{"same size", int(held.Size)},
		{"shorter", 3},
	}
	var firstFork audit.SignedCheckpoint
	var detected time.Time
	for i, c := range cases {
		f := forge(t, a, b, c.entries)
		forged, err := f.Log.Checkpoint(ctx, store.Domain[audit.Tx]{S: f.St})
		if err != nil {
			t.Fatal(err)
		}
		if forged.Size != int64(c.entries) || bytes.Equal(forged.Note, held.Note) {
			t.Fatalf("%s: forged checkpoint %d", c.name, forged.Size)
		}
		// The forged log is consistent in itself: only a witness can tell.
		rep, err := audit.Verify(ctx, store.Domain[audit.Tx]{S: f.St}, a.Key.Public().(ed25519.PublicKey), a.ID)
		if err != nil || !rep.OK {
			t.Fatalf("%s: forged log: %s %v", c.name, rep, err)
		}
		if err := f.Svc.Witness(ctx, b.ID); err != nil {
			t.Fatalf("%s: offer: %v", c.name, err)
		}
		d, err := f.Svc.Deliver(ctx, b.ID)
		if err != nil || d.Sent != 1 || d.Acked != 1 || d.Refused != 0 {
			t.Fatalf("%s: delivery of the forged checkpoint: %+v %v", c.name, d, err)
		}
		// The forged node used the next number of a's stream: the genuine
		// node goes on after it.
		if err := a.DB.Update(ctx, func(tx federation.Tx) error {
			_, err := tx.Federation().NextSeq(ctx, b.ID, federation.MainStream)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			firstFork, detected = forged, b.Clock.Now()
		}

		h := b.health(a.ID)
		if h.Fork == nil || !h.Witnessed.Forked {
			t.Fatalf("%s: no fork reported: %+v", c.name, h)
		}
		if h.Witnessed.Size != held.Size || h.Witnessed.Note != string(held.Note) {
			t.Fatalf("%s: the checkpoint held changed to %d", c.name, h.Witnessed.Size)
		}
		fk := h.Fork // the earliest fork
		if fk.Origin != a.ID || fk.OldSize != held.Size || !bytes.Equal(fk.OldNote, held.Note) ||
			fk.NewSize != firstFork.Size || !bytes.Equal(fk.NewNote, firstFork.Note) || fk.Detail == "" || !fk.Detected.Equal(detected) {
			t.Fatalf("%s: fork reported: %+v", c.name, fk)
		}
		var forks []federation.Fork
		if err := b.DB.View(ctx, func(tx federation.Tx) (err error) {
			forks, err = tx.Federation().Forks(ctx, a.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if len(forks) != i+1 || forks[i].NewSize != forged.Size || !bytes.Equal(forks[i].NewNote, forged.Note) || forks[i].OldSize != held.Size {
			t.Fatalf("%s: forks recorded: %+v", c.name, forks)
		}
		if got := metric(t, b.Metrics, mForks, "origin", string(a.ID)); got != float64(i+1) {
			t.Errorf("%s: %v forks counted", c.name, got)
		}
		es := b.entries("audit.fork")
		if len(es) != i+1 {
			t.Fatalf("%s: %d fork audit entries", c.name, len(es))
		}
		if e := es[i]; e.Outcome != audit.OutcomeFailed || e.ObjectID != string(a.ID) || e.Actor != "peer:"+string(a.ID) {
			t.Errorf("%s: fork audit entry: %+v", c.name, e)
		}
		b.Clock.Advance(time.Minute)
	}

	// The genuine node learns that its witness saw a fork; its own log,
	// which extends the checkpoint held, is still accepted.
	if err := a.Svc.Witness(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if by := a.health(b.ID).WitnessedBy; !by.Forked || by.Size != held.Size {
		t.Fatalf("witnessed by after the forks: %+v", by)
	}
	grow("fourth", 3)
	witness()
	latest := a.checkpoint()
	h = b.health(a.ID)
	if h.Witnessed.Size != latest.Size || h.Witnessed.Note != string(latest.Note) || h.Fork == nil || h.Fork.NewSize != firstFork.Size {
		t.Fatalf("genuine checkpoint after the forks: %+v", h)
	}
	verifyLog(t, a)
	verifyLog(t, b)
}

// The checkpoint a peer holds survives restarts of both nodes, and a node
// restarted with its history intact goes on being witnessed from there.
func TestWitnessAcrossRestarts(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{})
	b := newNode(t, "la.mps", nodeOptions{})
	connect(a, b)
	ctx := context.Background()
	offer := func() {
		t.Helper()
		if err := a.Svc.Witness(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		a.drain(b.ID)
	}
	b.send(a.ID, texts("n", 1, 3)...)
	b.drain(a.ID)
	offer()
	held := a.checkpoint()
	a.Restart()
	b.Restart()
	if h := b.health(a.ID); h.Witnessed.Size != held.Size || h.Witnessed.Note != string(held.Note) {
		t.Fatalf("checkpoint held after restarts: %+v", h.Witnessed)
	}
	b.send(a.ID, texts("m", 1, 3)...)
	b.drain(a.ID)
	offer()
	if h := b.health(a.ID); h.Witnessed.Size != a.logSize() || h.Fork != nil {
		t.Fatalf("after restarts: %+v, want size %d", h, a.logSize())
	}
}

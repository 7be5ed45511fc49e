package storetest

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/store"
)

func testFederation(t *testing.T, o Opener) {
	t.Run("Peers", func(t *testing.T) { testFedPeers(t, o) })
	t.Run("NextSeq", func(t *testing.T) { testFedNextSeq(t, o) })
	t.Run("NextSeqConcurrent", func(t *testing.T) { testFedNextSeqConcurrent(t, o) })
	t.Run("NextSeqWaits", func(t *testing.T) { testFedNextSeqWaits(t, o) })
	t.Run("Outbox", func(t *testing.T) { testFedOutbox(t, o) })
	t.Run("Inbox", func(t *testing.T) { testFedInbox(t, o) })
	t.Run("InboxWaits", func(t *testing.T) { testFedInboxWaits(t, o) })
	t.Run("Refused", func(t *testing.T) { testFedRefused(t, o) })
	t.Run("KnownNodes", func(t *testing.T) { testFedKnownNodes(t, o) })
	t.Run("Witnessed", func(t *testing.T) { testFedWitnessed(t, o) })
	t.Run("Forks", func(t *testing.T) { testFedForks(t, o) })
}

// fedT0 is a time with microseconds, the precision stored.
var fedT0 = time.Date(2026, 5, 4, 3, 2, 1, 654321000, time.UTC)

// blocked is how long a test waits to see that a transaction does not get
// past a lock another one holds.
const blocked = 200 * time.Millisecond

func fedUpdate(t *testing.T, s store.Store, fn func(r federation.Repo) error) {
	t.Helper()
	if err := s.Update(context.Background(), func(tx store.Tx) error { return fn(tx.Federation()) }); err != nil {
		t.Fatal(err)
	}
}

func fedView(t *testing.T, s store.Store, fn func(r federation.Repo) error) {
	t.Helper()
	if err := s.View(context.Background(), func(tx store.Tx) error { return fn(tx.Federation()) }); err != nil {
		t.Fatal(err)
	}
}

// wantCode fails the test unless err carries code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if !borderlink.IsCode(err, code) {
		t.Fatalf("%s: got %v, want %s", what, err, code)
	}
}

func testFedPeers(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)).Public().(ed25519.PublicKey)
	cert := []byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
	la := federation.Peer{ID: "la.mps", URL: "https://la.example:8443", PublicKey: key, CertPEM: cert,
		Units: []string{"LA-MPS"}, Added: fedT0}
	vn := federation.Peer{ID: "vn.40", URL: "https://vn40.example:8443", PublicKey: key, CertPEM: cert, Added: fedT0}
	fedUpdate(t, s, func(r federation.Repo) error {
		for _, p := range []federation.Peer{vn, la} {
			if err := r.PutPeer(ctx, p); err != nil {
				return err
			}
		}
		la.URL, la.Units = "https://la2.example:8443", []string{"LA-MPS", "LA-02"}
		return r.PutPeer(ctx, la)
	})
	fedView(t, s, func(r federation.Repo) error {
		got, err := r.Peers(ctx)
		if err != nil {
			return err
		}
		if want := []federation.Peer{la, vn}; !reflect.DeepEqual(got, want) {
			t.Errorf("Peers:\n got %+v\nwant %+v", got, want)
		}
		p, err := r.Peer(ctx, "la.mps")
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(p, la) {
			t.Errorf("Peer:\n got %+v\nwant %+v", p, la)
		}
		_, err = r.Peer(ctx, "th.mps")
		wantCode(t, "Peer of an unknown node", err, borderlink.ENotFound)
		return nil
	})
	fedUpdate(t, s, func(r federation.Repo) error {
		if err := r.DeletePeer(ctx, "vn.40"); err != nil {
			return err
		}
		wantCode(t, "DeletePeer twice", r.DeletePeer(ctx, "vn.40"), borderlink.ENotFound)
		return nil
	})
}

func testFedNextSeq(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	next := func(dest borderlink.NodeID, stream string) (n int64) {
		t.Helper()
		fedUpdate(t, s, func(r federation.Repo) (err error) { n, err = r.NextSeq(ctx, dest, stream); return err })
		return n
	}
	for i := int64(1); i <= 3; i++ {
		if n := next("la.mps", "main"); n != i {
			t.Fatalf("NextSeq %d of a stream: got %d", i, n)
		}
	}
	if n := next("la.mps", "audit"); n != 1 {
		t.Fatalf("NextSeq of another stream to the same node: got %d, want 1", n)
	}
	if n := next("la.02", "main"); n != 1 {
		t.Fatalf("NextSeq of the same stream to another node: got %d, want 1", n)
	}
	// A rolled-back transaction gives its numbers back.
	boom := errors.New("boom")
	err := s.Update(ctx, func(tx store.Tx) error {
		for want := int64(4); want <= 5; want++ {
			n, err := tx.Federation().NextSeq(ctx, "la.mps", "main")
			if err != nil {
				return err
			}
			if n != want {
				t.Errorf("NextSeq inside a transaction: got %d, want %d", n, want)
			}
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if o.Reopen != nil {
		s = o.Reopen(t, s)
	}
	if n := next("la.mps", "main"); n != 4 {
		t.Fatalf("NextSeq after a rollback and reopen: got %d, want 4", n)
	}
}

// testFedNextSeqConcurrent numbers a stream from many transactions at once,
// some of which roll back: the committed numbers are 1…n without a gap or
// a repeat, each with its envelope queued.
func testFedNextSeqConcurrent(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	const workers, each = 6, 8
	var (
		mu        sync.Mutex
		committed []int64
		wg        sync.WaitGroup
	)
	errs := make(chan error, workers*each)
	boom := errors.New("boom")
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				var n int64
				err := s.Update(ctx, func(tx store.Tx) (err error) {
					r := tx.Federation()
					if n, err = r.NextSeq(ctx, "la.mps", "main"); err != nil {
						return err
					}
					e := fedEnvelope("vn.mps", "la.mps", "main", n)
					if err := r.Enqueue(ctx, "la.mps", e, fedT0); err != nil {
						return err
					}
					if (w+i)%3 == 0 {
						return boom
					}
					return nil
				})
				switch {
				case err == nil:
					mu.Lock()
					committed = append(committed, n)
					mu.Unlock()
				case !errors.Is(err, boom):
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	sort.Slice(committed, func(i, j int) bool { return committed[i] < committed[j] })
	for i, n := range committed {
		if n != int64(i+1) {
			t.Fatalf("committed sequence numbers %v: want 1…%d", committed, len(committed))
		}
	}
	fedView(t, s, func(r federation.Repo) error {
		pending, err := r.Pending(ctx, "la.mps", 1000)
		if err != nil {
			return err
		}
		if len(pending) != len(committed) {
			t.Fatalf("%d envelopes queued, want %d", len(pending), len(committed))
		}
		for i, e := range pending {
			if e.Seq != int64(i+1) {
				t.Fatalf("queued envelope %d has seq %d: the queue is out of stream order", i, e.Seq)
			}
		}
		return nil
	})
}

// holdThen runs first in a transaction, and second in another one while
// the first is held open; after a while it lets the first go on with then
// (when not nil) and end with end. It returns whether second finished
// while the first was held, and second's error.
func holdThen(t *testing.T, s store.Store, first func(r federation.Repo) error, then func(r federation.Repo) error,
	end error, second func(r federation.Repo) error) (early bool, err error) {
	t.Helper()
	ctx := context.Background()
	held, release := make(chan struct{}), make(chan struct{})
	firstDone := make(chan error, 1)
	go func() {
		firstDone <- s.Update(ctx, func(tx store.Tx) error {
			if err := first(tx.Federation()); err != nil {
				close(held)
				return err
			}
			close(held)
			<-release
			if then != nil {
				if err := then(tx.Federation()); err != nil {
					return err
				}
			}
			return end
		})
	}()
	<-held
	secondDone := make(chan error, 1)
	go func() {
		secondDone <- s.Update(ctx, func(tx store.Tx) error { return second(tx.Federation()) })
	}()
	select {
	case err = <-secondDone:
		early = true
	case <-time.After(blocked):
	}
	close(release)
	if ferr := <-firstDone; ferr != nil && !errors.Is(ferr, end) {
		t.Fatalf("first transaction: %v", ferr)
	}
	if !early {
		err = <-secondDone
	}
	return early, err
}

// testFedNextSeqWaits checks that NextSeq holds the stream: a second
// transaction waits for the first, and gets its number when the first
// rolls back.
func testFedNextSeqWaits(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	boom := errors.New("boom")
	for _, end := range []error{boom, nil} {
		var a, b int64
		early, err := holdThen(t, s,
			func(r federation.Repo) (err error) { a, err = r.NextSeq(ctx, "la.mps", "main"); return err }, nil, end,
			func(r federation.Repo) (err error) { b, err = r.NextSeq(ctx, "la.mps", "main"); return err })
		if err != nil {
			t.Fatal(err)
		}
		if early {
			t.Fatalf("a second NextSeq got %d while the first transaction (%d) was open", b, a)
		}
		want := a
		if end == nil {
			want = a + 1
		}
		if b != want {
			t.Fatalf("first transaction got %d and ended with %v; the second got %d, want %d", a, end, b, want)
		}
	}
}

// fedEnvelope is a signed-looking envelope with every field set.
func fedEnvelope(origin, dest borderlink.NodeID, stream string, seq int64) federation.Envelope {
	payload, _ := json.Marshal(map[string]any{"seq": seq, "text": "Tin nhắn khẩn ຂໍ້ຄວາມດ່ວນ", "nested": map[string]any{"a": []int{1, 2}}})
	sig := make([]byte, ed25519.SignatureSize)
	for i := range sig {
		sig[i] = byte(int(seq) + i)
	}
	return federation.Envelope{ID: fmt.Sprintf("env-%s-%s-%d", origin, stream, seq), Origin: origin, Destination: dest,
		Stream: stream, Seq: seq, Kind: "hotline.message", Schema: 2, Created: fedT0.Add(time.Duration(seq) * time.Second),
		Payload: payload, Sig: sig}
}

func testFedOutbox(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	a := federation.StreamKey{Origin: "vn.mps", Destination: "la.mps", Stream: "main"}
	b := federation.StreamKey{Origin: "vn.40", Destination: "la.mps", Stream: "main"} // relayed
	c := federation.StreamKey{Origin: "vn.mps", Destination: "la.02", Stream: "main"} // through la.mps
	// Queued in this order towards la.mps; queue times not in that order.
	queue := []federation.Envelope{
		fedEnvelope(a.Origin, a.Destination, a.Stream, 1),
		fedEnvelope(b.Origin, b.Destination, b.Stream, 7),
		fedEnvelope(a.Origin, a.Destination, a.Stream, 2),
		fedEnvelope(c.Origin, c.Destination, c.Stream, 1),
		fedEnvelope(a.Origin, a.Destination, a.Stream, 3),
		fedEnvelope(b.Origin, b.Destination, b.Stream, 8),
	}
	queued := []time.Duration{5, 3, 9, 4, 6, 7}
	other := fedEnvelope("vn.mps", "vn.40", "main", 1)
	fedView(t, s, func(r federation.Repo) error {
		st, err := r.QueueStats(ctx, "la.mps")
		if err != nil {
			return err
		}
		if st != (federation.QueueStats{}) {
			t.Errorf("QueueStats of an empty outbox: %+v", st)
		}
		p, err := r.Pending(ctx, "la.mps", 10)
		if err != nil || len(p) != 0 {
			t.Errorf("Pending of an empty outbox: %v, %v", p, err)
		}
		return nil
	})
	fedUpdate(t, s, func(r federation.Repo) error {
		for i, e := range queue {
			if err := r.Enqueue(ctx, "la.mps", e, fedT0.Add(queued[i]*time.Minute)); err != nil {
				return err
			}
		}
		if err := r.Enqueue(ctx, "vn.40", other, fedT0); err != nil {
			return err
		}
		// The same stream and seq towards another hop is another entry.
		if err := r.Enqueue(ctx, "vn.40", queue[0], fedT0); err != nil {
			return err
		}
		dup := queue[2]
		dup.ID = "another-id"
		wantCode(t, "Enqueue of a stream and seq queued already", r.Enqueue(ctx, "la.mps", dup, fedT0), borderlink.EConflict)
		// The transaction goes on after the conflict.
		_, err := r.QueueStats(ctx, "la.mps")
		return err
	})
	if o.Reopen != nil {
		s = o.Reopen(t, s)
	}
	fedView(t, s, func(r federation.Repo) error {
		got, err := r.Pending(ctx, "la.mps", 100)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, queue) {
			t.Errorf("Pending:\n got %+v\nwant %+v", got, queue)
		}
		got, err = r.Pending(ctx, "la.mps", 2)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, queue[:2]) {
			t.Errorf("Pending with limit 2: got %d envelopes %+v", len(got), got)
		}
		got, err = r.Pending(ctx, "vn.40", 100)
		if err != nil {
			return err
		}
		if want := []federation.Envelope{other, queue[0]}; !reflect.DeepEqual(got, want) {
			t.Errorf("Pending towards another hop:\n got %+v\nwant %+v", got, want)
		}
		st, err := r.QueueStats(ctx, "la.mps")
		if err != nil {
			return err
		}
		if want := (federation.QueueStats{Len: 6, Oldest: fedT0.Add(3 * time.Minute)}); st != want {
			t.Errorf("QueueStats: got %+v, want %+v", st, want)
		}
		return nil
	})
	fedUpdate(t, s, func(r federation.Repo) error {
		n, err := r.Dequeue(ctx, "la.mps", a, 2)
		if err != nil {
			return err
		}
		if n != 2 {
			t.Errorf("Dequeue of a up to 2 removed %d, want 2", n)
		}
		if n, err = r.Dequeue(ctx, "la.mps", a, 2); err != nil || n != 0 {
			t.Errorf("Dequeue again: %d, %v; want 0", n, err)
		}
		if n, err = r.Dequeue(ctx, "la.mps", b, 100); err != nil || n != 2 {
			t.Errorf("Dequeue of b up to 100: %d, %v; want 2", n, err)
		}
		if err := r.DeleteQueued(ctx, "la.mps", c, 1); err != nil {
			return err
		}
		wantCode(t, "DeleteQueued of a missing envelope", r.DeleteQueued(ctx, "la.mps", c, 1), borderlink.ENotFound)
		return nil
	})
	fedView(t, s, func(r federation.Repo) error {
		got, err := r.Pending(ctx, "la.mps", 100)
		if err != nil {
			return err
		}
		if want := []federation.Envelope{queue[4]}; !reflect.DeepEqual(got, want) {
			t.Errorf("Pending after Dequeue and DeleteQueued:\n got %+v\nwant %+v", got, want)
		}
		st, err := r.QueueStats(ctx, "la.mps")
		if err != nil {
			return err
		}
		if want := (federation.QueueStats{Len: 1, Oldest: fedT0.Add(6 * time.Minute)}); st != want {
			t.Errorf("QueueStats: got %+v, want %+v", st, want)
		}
		if got, err = r.Pending(ctx, "vn.40", 100); err != nil || len(got) != 2 {
			t.Errorf("the outbox towards another hop changed: %d envelopes, %v", len(got), err)
		}
		return nil
	})
}

func testFedInbox(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	k := federation.StreamKey{Origin: "la.mps", Destination: "vn.mps", Stream: "main"}
	k2 := federation.StreamKey{Origin: "la.mps", Destination: "vn.40", Stream: "main"}
	fedView(t, s, func(r federation.Repo) error {
		n, err := r.InboxSeq(ctx, k)
		if err != nil || n != 0 {
			t.Errorf("InboxSeq of an unseen stream: %d, %v", n, err)
		}
		return nil
	})
	fedUpdate(t, s, func(r federation.Repo) error {
		n, err := r.LockInbox(ctx, k)
		if err != nil || n != 0 {
			t.Errorf("LockInbox of an unseen stream: %d, %v", n, err)
		}
		if err := r.SetInbox(ctx, k, 5, fedT0); err != nil {
			return err
		}
		if n, err := r.LockInbox(ctx, k2); err != nil || n != 0 {
			t.Errorf("LockInbox of another stream: %d, %v", n, err)
		}
		return nil
	})
	// A stream set without being locked first.
	fedUpdate(t, s, func(r federation.Repo) error {
		return r.SetInbox(ctx, federation.StreamKey{Origin: "la.02", Destination: "vn.mps", Stream: "main"}, 3, fedT0)
	})
	if o.Reopen != nil {
		s = o.Reopen(t, s)
	}
	fedUpdate(t, s, func(r federation.Repo) error {
		if n, err := r.LockInbox(ctx, k); err != nil || n != 5 {
			t.Errorf("LockInbox after SetInbox 5: %d, %v", n, err)
		}
		return r.SetInbox(ctx, k, 6, fedT0.Add(time.Minute))
	})
	fedView(t, s, func(r federation.Repo) error {
		for key, want := range map[federation.StreamKey]int64{k: 6, k2: 0,
			{Origin: "la.02", Destination: "vn.mps", Stream: "main"}: 3} {
			if n, err := r.InboxSeq(ctx, key); err != nil || n != want {
				t.Errorf("InboxSeq %v: %d, %v; want %d", key, n, err, want)
			}
		}
		return nil
	})
}

// testFedInboxWaits checks that LockInbox holds the stream: a second
// transaction reads it only after the first committed, and sees its value.
func testFedInboxWaits(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	for i, k := range []federation.StreamKey{
		{Origin: "la.mps", Destination: "vn.mps", Stream: "main"}, // a new stream
		{Origin: "la.mps", Destination: "vn.mps", Stream: "main"}, // an existing one
	} {
		base := int64(i * 10)
		var got int64
		early, err := holdThen(t, s,
			func(r federation.Repo) error {
				n, err := r.LockInbox(ctx, k)
				if err != nil {
					return err
				}
				if n != base {
					t.Errorf("LockInbox: got %d, want %d", n, base)
				}
				return nil
			},
			func(r federation.Repo) error { return r.SetInbox(ctx, k, base+10, fedT0) }, nil,
			func(r federation.Repo) (err error) { got, err = r.LockInbox(ctx, k); return err })
		if err != nil {
			t.Fatal(err)
		}
		if early {
			t.Fatalf("a second LockInbox returned %d while the first transaction held the stream", got)
		}
		if got != base+10 {
			t.Fatalf("a second LockInbox after the first committed %d: got %d", base+10, got)
		}
	}
}

func testFedRefused(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	mk := func(dir string, peer borderlink.NodeID, seq int64, at time.Duration, consumed bool) federation.Refused {
		return federation.Refused{Direction: dir, Peer: peer, Envelope: fmt.Sprintf("env-%d", seq), Origin: "la.mps",
			Destination: "vn.mps", Stream: "main", Seq: seq, Kind: "hotline.message", Reason: federation.ReasonSignature,
			Detail: "chữ ký không hợp lệ ລາຍເຊັນບໍ່ຖືກຕ້ອງ", Consumed: consumed, Time: fedT0.Add(at)}
	}
	all := []federation.Refused{
		mk(federation.RefusedIn, "la.mps", 1, 1*time.Second, true),
		mk(federation.RefusedOut, "la.mps", 2, 3*time.Second, false),
		mk(federation.RefusedIn, "la.mps", 3, 2*time.Second, true),
		mk(federation.RefusedIn, "la.02", 4, 9*time.Second, true),
		mk(federation.RefusedIn, "la.mps", 5, 3*time.Second, false), // same time as 2, inserted later
	}
	fedUpdate(t, s, func(r federation.Repo) error {
		for _, f := range all {
			if err := r.InsertRefused(ctx, f); err != nil {
				return err
			}
		}
		return nil
	})
	if o.Reopen != nil {
		s = o.Reopen(t, s)
	}
	fedView(t, s, func(r federation.Repo) error {
		got, err := r.Refusals(ctx, "la.mps", 10)
		if err != nil {
			return err
		}
		if want := []federation.Refused{all[4], all[1], all[2], all[0]}; !reflect.DeepEqual(got, want) {
			t.Errorf("Refusals newest first:\n got %+v\nwant %+v", got, want)
		}
		if got, err = r.Refusals(ctx, "la.mps", 2); err != nil || !reflect.DeepEqual(got, []federation.Refused{all[4], all[1]}) {
			t.Errorf("Refusals with limit 2: %+v, %v", got, err)
		}
		if got, err = r.Refusals(ctx, "th.mps", 10); err != nil || len(got) != 0 {
			t.Errorf("Refusals of another peer: %+v, %v", got, err)
		}
		for _, c := range []struct {
			peer borderlink.NodeID
			dir  string
			want int
		}{{"la.mps", federation.RefusedIn, 3}, {"la.mps", federation.RefusedOut, 1}, {"la.02", federation.RefusedIn, 1},
			{"la.02", federation.RefusedOut, 0}, {"th.mps", federation.RefusedIn, 0}} {
			if n, err := r.CountRefused(ctx, c.peer, c.dir); err != nil || n != c.want {
				t.Errorf("CountRefused(%s, %s) = %d, %v; want %d", c.peer, c.dir, n, err, c.want)
			}
		}
		return nil
	})
}

func testFedKnownNodes(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	key := func(b byte) ed25519.PublicKey {
		seed := make([]byte, ed25519.SeedSize)
		seed[0] = b
		return ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
	}
	n1 := federation.KnownNode{ID: "la.02", PublicKey: key(1), Units: []string{"LA-02"}, Via: "la.mps", Announced: fedT0}
	n2 := federation.KnownNode{ID: "la.01", PublicKey: key(2), Units: []string{"LA-01", "LA-01-D01"}, Via: "la.mps", Announced: fedT0}
	n3 := federation.KnownNode{ID: "la.03", PublicKey: key(3), Via: "la.mps", Announced: fedT0}
	fedView(t, s, func(r federation.Repo) error {
		_, err := r.KnownNode(ctx, "la.02")
		wantCode(t, "KnownNode of an unknown node", err, borderlink.ENotFound)
		return nil
	})
	fedUpdate(t, s, func(r federation.Repo) error {
		for _, n := range []federation.KnownNode{n1, n2, n3} {
			if err := r.PutKnownNode(ctx, n); err != nil {
				return err
			}
		}
		n1.PublicKey, n1.Units, n1.Via, n1.Announced = key(4), []string{"LA-02", "LA-02-D03"}, "la.gw", fedT0.Add(time.Hour)
		return r.PutKnownNode(ctx, n1)
	})
	fedView(t, s, func(r federation.Repo) error {
		got, err := r.KnownNode(ctx, "la.02")
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, n1) {
			t.Errorf("KnownNode after replace:\n got %+v\nwant %+v", got, n1)
		}
		all, err := r.KnownNodes(ctx)
		if err != nil {
			return err
		}
		if want := []federation.KnownNode{n2, n1, n3}; !reflect.DeepEqual(all, want) {
			t.Errorf("KnownNodes:\n got %+v\nwant %+v", all, want)
		}
		return nil
	})
}

func testFedWitnessed(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	w := func(origin borderlink.NodeID, size int64) federation.Witnessed {
		return federation.Witnessed{Origin: origin, Size: size,
			Note: fmt.Appendf(nil, "%s\n%d\nhash=\n\n— %s sig\n", origin, size, origin), Received: fedT0.Add(time.Duration(size) * time.Second)}
	}
	fedView(t, s, func(r federation.Repo) error {
		_, err := r.LatestWitnessed(ctx, "la.mps")
		wantCode(t, "LatestWitnessed with none held", err, borderlink.ENotFound)
		return nil
	})
	fedUpdate(t, s, func(r federation.Repo) error {
		for _, x := range []federation.Witnessed{w("la.mps", 5), w("la.mps", 10), w("la.mps", 7), w("la.02", 50)} {
			if err := r.PutWitnessed(ctx, x); err != nil {
				return err
			}
		}
		again := w("la.mps", 10)
		again.Note = []byte("another note")
		wantCode(t, "PutWitnessed of a size held already", r.PutWitnessed(ctx, again), borderlink.EConflict)
		// The transaction goes on after the conflict.
		_, err := r.WitnessedAt(ctx, "la.mps", 5)
		return err
	})
	fedView(t, s, func(r federation.Repo) error {
		got, err := r.WitnessedAt(ctx, "la.mps", 10)
		if err != nil {
			return err
		}
		if want := w("la.mps", 10); !reflect.DeepEqual(got, want) {
			t.Errorf("WitnessedAt 10:\n got %+v\nwant %+v", got, want)
		}
		_, err = r.WitnessedAt(ctx, "la.mps", 6)
		wantCode(t, "WitnessedAt of a size not held", err, borderlink.ENotFound)
		if got, err = r.LatestWitnessed(ctx, "la.mps"); err != nil {
			return err
		}
		if want := w("la.mps", 10); !reflect.DeepEqual(got, want) {
			t.Errorf("LatestWitnessed:\n got %+v\nwant %+v", got, want)
		}
		if got, err = r.LatestWitnessed(ctx, "la.02"); err != nil || got.Size != 50 {
			t.Errorf("LatestWitnessed of another origin: %+v, %v", got, err)
		}
		_, err = r.LatestWitnessed(ctx, "th.mps")
		wantCode(t, "LatestWitnessed of an origin never witnessed", err, borderlink.ENotFound)
		return nil
	})
}

func testFedForks(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	f1 := federation.Fork{Origin: "la.mps", OldSize: 10, OldNote: []byte("old 10"), NewSize: 12, NewNote: []byte("new 12"),
		Detail: "hash at 10 differs", Detected: fedT0}
	f2 := federation.Fork{Origin: "la.mps", OldSize: 12, OldNote: []byte("old 12"), NewSize: 20, NewNote: []byte("new 20"),
		Detail: "smaller tree", Detected: fedT0.Add(time.Hour)}
	f3 := federation.Fork{Origin: "la.02", OldSize: 1, OldNote: []byte("a"), NewSize: 2, NewNote: []byte("b"), Detected: fedT0}
	fedUpdate(t, s, func(r federation.Repo) error {
		for _, f := range []federation.Fork{f2, f1, f3} {
			if err := r.InsertFork(ctx, f); err != nil {
				return err
			}
		}
		dup := f1
		dup.Detail, dup.Detected = "found again", fedT0.Add(2*time.Hour)
		return r.InsertFork(ctx, dup)
	})
	fedView(t, s, func(r federation.Repo) error {
		got, err := r.Forks(ctx, "la.mps")
		if err != nil {
			return err
		}
		if want := []federation.Fork{f1, f2}; !reflect.DeepEqual(got, want) {
			t.Errorf("Forks oldest first, second of a size ignored:\n got %+v\nwant %+v", got, want)
		}
		if got, err = r.Forks(ctx, "th.mps"); err != nil || len(got) != 0 {
			t.Errorf("Forks of another origin: %+v, %v", got, err)
		}
		return nil
	})
}

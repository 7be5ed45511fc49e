package storetest

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/store"
)

func testAudit(t *testing.T, o Opener) {
	t.Run("RecordVerify", func(t *testing.T) { testAuditRecordVerify(t, o) })
	t.Run("List", func(t *testing.T) { testAuditList(t, o) })
	t.Run("Tamper", func(t *testing.T) { testAuditTamper(t, o) })
	t.Run("Consistency", func(t *testing.T) { testAuditConsistency(t, o) })
	t.Run("Concurrent", func(t *testing.T) { testAuditConcurrent(t, o) })
}

func testAuditRecordVerify(t *testing.T, o Opener) {
	ctx := context.Background()
	f := newAuditFixture(t, o, 50)
	rep := f.verify(t)
	if !rep.OK || rep.Entries != 50 || rep.Checkpoints == 0 {
		t.Fatalf("fresh log of 50 entries: %s", rep)
	}
	es, err := audit.Entries(ctx, f.db, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range es {
		if e.Seq != int64(i) || e.Action == "test.rolled_back" || e.Time.Location() != time.UTC {
			t.Fatalf("entry %d: %+v", i, e)
		}
	}
	if len(es) != 50 {
		t.Fatalf("got %d entries, want 50", len(es))
	}
	// The stored hashes are the ones tlog itself computes.
	cp, err := f.log.Checkpoint(ctx, f.db)
	if err != nil {
		t.Fatal(err)
	}
	var want tlog.Hash
	err = f.db.View(ctx, func(tx audit.Tx) (err error) {
		want, err = tlog.TreeHash(50, tlog.HashReaderFunc(func(x []int64) ([]tlog.Hash, error) {
			return tx.Audit().ReadHashes(ctx, x)
		}))
		return err
	})
	if err != nil || cp.Size != 50 || cp.Root != want {
		t.Fatalf("latest checkpoint %d %v, want 50 %v (%v)", cp.Size, cp.Root, want, err)
	}
	if o.Reopen != nil {
		f.s = o.Reopen(t, f.s)
		f.db = store.Domain[audit.Tx]{S: f.s}
		if rep := f.verify(t); !rep.OK {
			t.Fatalf("after reopen: %s", rep)
		}
	}
}

func testAuditList(t *testing.T, o Opener) {
	ctx := context.Background()
	f := newAuditFixture(t, o, 0)
	from := f.clock.Now()
	more := []audit.Entry{
		{Actor: "admin", ActorUnit: "VN-BCA", Action: "user.disable", ObjectType: "user", ObjectID: "u1", Source: "cli", Outcome: audit.OutcomeOK},
		{Actor: "somphone", ActorUnit: "LA-MPS", Action: "session.login", Source: "10.1.1.1", Outcome: audit.OutcomeDenied},
		{Actor: "admin", ActorUnit: "VN-BCA", Action: "unit.import", ObjectType: "unit", ObjectID: "VN-CA-DB", Source: "cli", Outcome: audit.OutcomeFailed},
		{Actor: "peer:la.mps", Action: "users.sync", Source: "10.2.2.2", Outcome: audit.OutcomeOK},
	}
	for i := range more {
		f.clock.Advance(time.Minute)
		more[i].Time = f.clock.Now()
	}
	if err := f.db.Update(ctx, func(tx audit.Tx) error { return f.log.RecordBatch(ctx, tx.Audit(), more) }); err != nil {
		t.Fatal(err)
	}
	seqs := func(es []audit.Entry) (s []int64) {
		for _, e := range es {
			s = append(s, e.Seq)
		}
		return s
	}
	for _, c := range []struct {
		name  string
		f     audit.Filter
		want  []int64
		total int
	}{
		{"all", audit.Filter{}, []int64{3, 2, 1, 0}, 4},
		{"page", audit.Filter{Limit: 2, Offset: 1}, []int64{2, 1}, 4},
		{"actor", audit.Filter{Actor: "admin"}, []int64{2, 0}, 2},
		{"units", audit.Filter{Units: []string{"LA-MPS", "VN-BCA"}}, []int64{2, 1, 0}, 3},
		{"no units", audit.Filter{Units: []string{}}, nil, 0},
		{"action prefix", audit.Filter{Action: "user"}, []int64{3, 0}, 2},
		{"action dot", audit.Filter{Action: "user."}, []int64{0}, 1},
		{"object", audit.Filter{ObjectType: "unit", ObjectID: "VN-CA-DB"}, []int64{2}, 1},
		{"outcome", audit.Filter{Outcome: audit.OutcomeDenied}, []int64{1}, 1},
		{"time", audit.Filter{From: from.Add(2 * time.Minute), To: from.Add(4 * time.Minute)}, []int64{2, 1}, 2},
	} {
		es, total, err := audit.List(ctx, f.db, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := seqs(es); !slices.Equal(got, c.want) || total != c.total {
			t.Errorf("%s: got %v of %d, want %v of %d", c.name, got, total, c.want, c.total)
		}
	}
	es, _, err := audit.List(ctx, f.db, audit.Filter{Action: "session.login"})
	if err != nil || len(es) != 1 || es[0].Actor != "somphone" || !es[0].Time.Equal(more[1].Time) {
		t.Fatalf("round trip: %+v, %v", es, err)
	}
	for _, bad := range []audit.Filter{{Offset: -1}, {Outcome: "maybe"}, {From: from, To: from}} {
		if _, _, err := audit.List(ctx, f.db, bad); !borderlink.IsCode(err, borderlink.EInvalid) {
			t.Errorf("List(%+v): got %v, want EInvalid", bad, err)
		}
	}
}

func testAuditConsistency(t *testing.T, o Opener) {
	ctx := context.Background()
	pub := auditKey.Public().(ed25519.PublicKey)
	honest := newAuditFixture(t, o, 20)
	old, err := honest.log.Checkpoint(ctx, honest.db)
	if err != nil {
		t.Fatal(err)
	}
	if err := honest.db.Update(ctx, func(tx audit.Tx) error {
		for range 30 {
			if err := honest.log.Record(ctx, tx.Audit(), honest.entry(false)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	check := func(f *auditFixture, from int64) error {
		t.Helper()
		newer, err := f.log.Checkpoint(ctx, f.db)
		if err != nil {
			t.Fatal(err)
		}
		proof, err := audit.ProveConsistency(ctx, f.db, from, newer.Size)
		if err != nil {
			t.Fatal(err)
		}
		return audit.CheckConsistency(pub, auditNode, old, newer, proof)
	}
	if err := check(honest, 20); err != nil {
		t.Fatalf("honest growth from 20 to 50: %v", err)
	}
	if at, err := honest.log.CheckpointAt(ctx, honest.db, 20); err != nil || string(at.Note) != string(old.Note) {
		t.Fatalf("CheckpointAt(20): %v", err)
	}
	// The node rewrites its history: a log of other entries, signed anew.
	forged := newAuditFixture(t, o, 50)
	if err := check(forged, 20); !errors.Is(err, audit.ErrForked) || !borderlink.IsCode(err, borderlink.EConflict) {
		t.Fatalf("rewritten log: got %v, want ErrForked", err)
	}
	same, err := forged.log.CheckpointAt(ctx, forged.db, 20)
	if err != nil {
		t.Fatal(err)
	}
	if err := audit.CheckConsistency(pub, auditNode, old, same, nil); !errors.Is(err, audit.ErrForked) {
		t.Fatalf("two checkpoints of size 20: got %v, want ErrForked", err)
	}
	if _, err := audit.ProveConsistency(ctx, honest.db, 30, 60); !borderlink.IsCode(err, borderlink.EInvalid) {
		t.Fatalf("proof beyond the log: got %v, want EInvalid", err)
	}
}

func testAuditConcurrent(t *testing.T, o Opener) {
	ctx := context.Background()
	f := newAuditFixture(t, o, 0)
	const writers, each = 8, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	// A Verify running while writers append sees a consistent log.
	done := make(chan struct{})
	checked := make(chan error, 1)
	go func() {
		defer close(checked)
		for {
			select {
			case <-done:
				return
			default:
			}
			rep, err := audit.Verify(ctx, f.db, auditKey.Public().(ed25519.PublicKey), auditNode)
			if err == nil && !rep.OK {
				err = fmt.Errorf("verify during appends: %s", rep)
			}
			if err != nil {
				checked <- err
				return
			}
		}
	}()
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				errs <- f.db.Update(ctx, func(tx audit.Tx) error {
					return f.log.Record(ctx, tx.Audit(), audit.Entry{Actor: fmt.Sprintf("writer%d", w),
						Action: "test.concurrent", ObjectID: fmt.Sprint(i), Source: "cli", Outcome: audit.OutcomeOK})
				})
			}
		})
	}
	wg.Wait()
	close(done)
	if err := <-checked; err != nil {
		t.Fatal(err)
	}
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if rep := f.verify(t); !rep.OK || rep.Entries != writers*each {
		t.Fatalf("after %d concurrent writers: %s", writers, rep)
	}
}

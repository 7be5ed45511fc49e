package audit_test

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

func TestRecord(t *testing.T) {
	ctx := context.Background()
	_, db := mustOpen(t)
	l, clock := mustLog(t)
	first := sampleEntry()
	first.Time = time.Time{}
	first.Seq = 99 // ignored
	second := sampleEntry()
	second.Time = time.Date(2025, 6, 30, 23, 59, 59, 999999999, time.FixedZone("ICT", 7*3600))
	err := db.Update(ctx, func(tx audit.Tx) error {
		if err := l.Record(ctx, tx.Audit(), first); err != nil {
			return err
		}
		return l.Record(ctx, tx.Audit(), second)
	})
	if err != nil {
		t.Fatal(err)
	}
	es, err := audit.Entries(ctx, db, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].Seq != 0 || es[1].Seq != 1 {
		t.Fatalf("got %+v", es)
	}
	if !es[0].Time.Equal(clock.Now()) {
		t.Errorf("zero time filled with %v, want the clock's %v", es[0].Time, clock.Now())
	}
	if want := second.Time.Truncate(time.Microsecond).UTC(); es[1].Time != want {
		t.Errorf("given time stored as %v, want %v", es[1].Time, want)
	}
	cp, err := l.Checkpoint(ctx, db)
	if err != nil || cp.Size != 2 || cp.Origin != "borderlink/audit/la.mps" {
		t.Fatalf("checkpoint %+v, %v", cp, err)
	}
	if rep := mustVerify(t, db); !rep.OK || rep.Entries != 2 || rep.Checkpoints != 2 {
		t.Fatalf("%s", rep)
	}
}

func TestRecordRefused(t *testing.T) {
	ctx := context.Background()
	_, db := mustOpen(t)
	l, _ := mustLog(t)
	good, bad := sampleEntry(), sampleEntry()
	bad.Outcome = "maybe"
	err := db.Update(ctx, func(tx audit.Tx) error {
		batch := []audit.Entry{good, bad}
		if err := l.RecordBatch(ctx, tx.Audit(), batch); !borderlink.IsCode(err, borderlink.EInvalid) {
			t.Errorf("batch with a bad entry: got %v, want EInvalid", err)
		}
		n, err := tx.Audit().Head(ctx)
		if n != 0 || err != nil {
			t.Errorf("after a refused batch the log has %d entries (%v)", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.View(ctx, func(tx audit.Tx) error { return l.Record(ctx, tx.Audit(), good) })
	if err == nil {
		t.Error("Record in a read-only transaction succeeded")
	}
	if _, err := l.Checkpoint(ctx, db); !borderlink.IsCode(err, borderlink.ENotFound) {
		t.Errorf("checkpoint of an empty log: got %v, want ENotFound", err)
	}
	if rep := mustVerify(t, db); !rep.OK || rep.Entries != 0 {
		t.Errorf("empty log: %s", rep)
	}
}

func TestRecordBatch(t *testing.T) {
	ctx := context.Background()
	_, db := mustOpen(t)
	l, _ := mustLog(t)
	mustRecord(t, db, l, 3, 1)
	batch := []audit.Entry{sampleEntry(), sampleEntry(), sampleEntry()}
	if err := db.Update(ctx, func(tx audit.Tx) error { return l.RecordBatch(ctx, tx.Audit(), batch) }); err != nil {
		t.Fatal(err)
	}
	for i, e := range batch {
		if e.Seq != int64(3+i) {
			t.Errorf("batch entry %d got seq %d", i, e.Seq)
		}
	}
	if _, err := l.CheckpointAt(ctx, db, 5); !borderlink.IsCode(err, borderlink.ENotFound) {
		t.Errorf("a batch signs one checkpoint, found one inside it (%v)", err)
	}
	if rep := mustVerify(t, db); !rep.OK || rep.Entries != 6 || rep.Checkpoints != 4 {
		t.Fatalf("%s", rep)
	}
}

// TestAppendOnly checks that the database itself refuses to change or
// remove rows of the log.
func TestAppendOnly(t *testing.T) {
	s, db := mustOpen(t)
	l, _ := mustLog(t)
	mustRecord(t, db, l, 2, 2)
	for _, q := range []string{
		`UPDATE audit_entries SET detail = 'x'`,
		`DELETE FROM audit_entries WHERE seq = 1`,
		`UPDATE audit_hashes SET hash = hash`,
		`DELETE FROM audit_checkpoints`,
	} {
		if _, err := s.Exec(q); err == nil {
			t.Errorf("%s: succeeded", q)
		}
	}
}

func TestOpenCheckpoint(t *testing.T) {
	ctx := context.Background()
	_, db := mustOpen(t)
	l, _ := mustLog(t)
	mustRecord(t, db, l, 1, 1)
	cp, err := l.Checkpoint(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	got, err := audit.OpenCheckpoint(cp.Note, pub, node)
	if err != nil || got.Size != 1 || got.Root != cp.Root {
		t.Fatalf("OpenCheckpoint: %+v, %v", got, err)
	}
	other, _, _ := ed25519.GenerateKey(nil)
	for name, open := range map[string]func() error{
		"other key":  func() error { _, err := audit.OpenCheckpoint(cp.Note, other, node); return err },
		"other node": func() error { _, err := audit.OpenCheckpoint(cp.Note, pub, "vn.mps"); return err },
		"garbage":    func() error { _, err := audit.OpenCheckpoint([]byte("hello\n"), pub, node); return err },
	} {
		if err := open(); !borderlink.IsCode(err, borderlink.EInvalid) {
			t.Errorf("%s: got %v, want EInvalid", name, err)
		}
	}
	if _, err := audit.NewLog("Not A Node", key, nil); err == nil {
		t.Error("NewLog accepted a bad node id")
	}
	if _, err := audit.NewLog(node, key[:10], nil); err == nil {
		t.Error("NewLog accepted a short key")
	}
}

// TestVerifyPages tampers with a log longer than one of Verify's pages.
func TestVerifyPages(t *testing.T) {
	s, db := mustOpen(t)
	l, _ := mustLog(t)
	mustRecord(t, db, l, 2500, 500)
	if rep := mustVerify(t, db); !rep.OK || rep.Entries != 2500 || rep.Checkpoints != 2500 {
		t.Fatalf("%s", rep)
	}
	for _, q := range []string{
		`DROP TRIGGER audit_entries_no_update`,
		`DROP TRIGGER audit_entries_no_delete`,
		`UPDATE audit_entries SET outcome = 'denied' WHERE seq = 1500`,
		`DELETE FROM audit_entries WHERE seq BETWEEN 2047 AND 2049`,
	} {
		if _, err := s.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	rep := mustVerify(t, db)
	want := []audit.Problem{
		{Seq: 1500, Kind: audit.KindAltered},
		{Seq: 1500, Kind: audit.KindCheckpointMismatch},
		{Seq: 2047, Kind: audit.KindRemoved, Detail: "entries 2047 to 2049 are missing"},
	}
	if len(rep.Problems) != len(want) {
		t.Fatalf("got %s", rep)
	}
	for i, p := range rep.Problems {
		if p.Seq != want[i].Seq || p.Kind != want[i].Kind || want[i].Detail != "" && p.Detail != want[i].Detail {
			t.Errorf("problem %d: got %v, want %v", i, p, want[i])
		}
	}
}

// TestVerifyFarEntry checks that Verify skips the empty stretch before an
// entry planted far beyond the log instead of walking it.
func TestVerifyFarEntry(t *testing.T) {
	s, db := mustOpen(t)
	l, _ := mustLog(t)
	mustRecord(t, db, l, 10, 10)
	const far = int64(1) << 50
	for _, q := range []string{
		`INSERT INTO audit_entries SELECT ` + fmt.Sprint(far) + `, time, actor, actor_unit, action, object_type, object_id, source, outcome, detail FROM audit_entries WHERE seq = 9`,
		`UPDATE audit_head SET size = ` + fmt.Sprint(far+1),
	} {
		if _, err := s.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	rep := mustVerify(t, db)
	want := []string{
		"removed at 10: entries 10 to 1125899906842623 are missing",
		"checkpoint_mismatch at 10: entries 10 to 1125899906842624 are covered by no signed checkpoint",
		"altered at 1125899906842624: the leaf hash stored for entry 1125899906842624 is missing",
	}
	var got []string
	for _, p := range rep.Problems {
		got = append(got, p.String())
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

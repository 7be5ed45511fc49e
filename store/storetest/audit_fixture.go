package storetest

import (
	"context"
	"crypto/ed25519"
	"errors"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/store"
)

const auditNode borderlink.NodeID = "vn.mps"

var auditKey = ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))

// auditFixture is a store with an audit log of 50 entries, recorded in
// several transactions, some of them rolled back.
type auditFixture struct {
	s     store.Store
	db    audit.DB
	log   *audit.Log
	clock *borderlink.FakeClock
}

func newAuditFixture(t *testing.T, o Opener, n int) *auditFixture {
	t.Helper()
	ctx := context.Background()
	clock := borderlink.NewFakeClock(time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC))
	log, err := audit.NewLog(auditNode, auditKey, clock)
	if err != nil {
		t.Fatal(err)
	}
	s := o.Open(t)
	f := &auditFixture{s: s, db: store.Domain[audit.Tx]{S: s}, log: log, clock: clock}
	boom := errors.New("boom")
	for i := 0; f.size(t) < int64(n); i++ {
		rollback := i%3 == 2
		err := f.db.Update(ctx, func(tx audit.Tx) error {
			for range min(7, n-int(f.sizeIn(t, tx))) {
				if err := log.Record(ctx, tx.Audit(), f.entry(rollback)); err != nil {
					return err
				}
			}
			if rollback {
				return boom
			}
			return nil
		})
		if rollback != (err != nil) {
			t.Fatalf("update %d: %v", i, err)
		}
	}
	return f
}

func (f *auditFixture) entry(rollback bool) audit.Entry {
	f.clock.Advance(time.Second)
	e := audit.Entry{Actor: "ha.nguyen", ActorUnit: "VN-CA-LC", Action: "user.create", ObjectType: "user",
		ObjectID: borderlink.NewID(), Source: "10.0.0.7", Outcome: audit.OutcomeOK, Detail: "role officer"}
	if rollback {
		e.Action = "test.rolled_back"
	}
	return e
}

func (f *auditFixture) size(t *testing.T) (n int64) {
	t.Helper()
	err := f.db.View(context.Background(), func(tx audit.Tx) (err error) { n = f.sizeIn(t, tx); return nil })
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *auditFixture) sizeIn(t *testing.T, tx audit.Tx) int64 {
	t.Helper()
	n, err := tx.Audit().Head(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *auditFixture) verify(t *testing.T) audit.Report {
	t.Helper()
	rep, err := audit.Verify(context.Background(), f.db, auditKey.Public().(ed25519.PublicKey), auditNode)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// signNote signs text with another key under the node's key name, as a
// forger who cannot get the node's key would.
func signNote(t *testing.T, text string) string {
	t.Helper()
	skey, _, err := note.GenerateKey(nil, audit.Origin(auditNode))
	if err != nil {
		t.Fatal(err)
	}
	s, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := note.Sign(&note.Note{Text: text}, s)
	if err != nil {
		t.Fatal(err)
	}
	return string(msg)
}

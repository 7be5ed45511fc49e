package storetest

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/store"
)

// testAuditTamper changes the log behind the application's back, as someone
// with access to the database would, and checks that Verify notices. Each
// case starts from a fresh log of 50 entries.
func testAuditTamper(t *testing.T, o Opener) {
	if o.Tamper == nil {
		t.Skip("engine gives no raw access to its database")
	}
	type want struct {
		kind string
		seq  int64
	}
	for _, c := range []struct {
		name   string
		tamper func(t *testing.T, f *auditFixture, sql func(q string, args ...any))
		want   []want
		never  string // a kind that must not be reported
	}{
		{"altered", func(t *testing.T, f *auditFixture, sql func(string, ...any)) {
			sql(`UPDATE audit_entries SET action = 'user.delete' WHERE seq = 17`)
		}, []want{{audit.KindAltered, 17}, {audit.KindCheckpointMismatch, 17}}, ""},
		{"removed", func(t *testing.T, f *auditFixture, sql func(string, ...any)) {
			sql(`DELETE FROM audit_entries WHERE seq = 23`)
		}, []want{{audit.KindRemoved, 23}}, audit.KindAltered},
		{"reordered", func(t *testing.T, f *auditFixture, sql func(string, ...any)) {
			sql(`UPDATE audit_entries SET seq = -1 WHERE seq = 10`)
			sql(`UPDATE audit_entries SET seq = 10 WHERE seq = 20`)
			sql(`UPDATE audit_entries SET seq = 20 WHERE seq = -1`)
		}, []want{{audit.KindReordered, 10}, {audit.KindReordered, 20}}, audit.KindAltered},
		{"truncated", func(t *testing.T, f *auditFixture, sql func(string, ...any)) {
			sql(`DELETE FROM audit_entries WHERE seq >= 45`)
			sql(`DELETE FROM audit_hashes WHERE idx >= ?`, tlog.StoredHashCount(45))
			sql(`UPDATE audit_head SET size = 45`)
		}, []want{{audit.KindCheckpointMismatch, 45}}, ""},
		{"rehashed", func(t *testing.T, f *auditFixture, sql func(string, ...any)) {
			sql(`UPDATE audit_entries SET detail = 'role auditor' WHERE seq = 30`)
			for x, h := range rehash(t, f) {
				if x >= tlog.StoredHashIndex(0, 30) {
					sql(`UPDATE audit_hashes SET hash = ? WHERE idx = ?`, h[:], x)
				}
			}
		}, []want{{audit.KindCheckpointMismatch, 30}}, audit.KindAltered},
		{"forged checkpoint", func(t *testing.T, f *auditFixture, sql func(string, ...any)) {
			text, _, _ := strings.Cut(string(checkpointNote(t, f, 25)), "\n\n")
			sql(`UPDATE audit_checkpoints SET note = ? WHERE size = 25`, signNote(t, text+"\n"))
		}, []want{{audit.KindBadSignature, -1}}, audit.KindCheckpointMismatch},
		{"edited checkpoint", func(t *testing.T, f *auditFixture, sql func(string, ...any)) {
			msg := string(checkpointNote(t, f, 50))
			lines := strings.SplitN(msg, "\n", 4)
			lines[2] = base64.StdEncoding.EncodeToString(make([]byte, 32))
			sql(`UPDATE audit_checkpoints SET note = ? WHERE size = 50`, strings.Join(lines, "\n"))
		}, []want{{audit.KindBadSignature, -1}, {audit.KindCheckpointMismatch, 49}}, ""},
		{"head bumped", func(t *testing.T, f *auditFixture, sql func(string, ...any)) {
			sql(`UPDATE audit_head SET size = 60`)
		}, []want{{audit.KindHeadMismatch, 50}}, audit.KindRemoved},
		{"head huge", func(t *testing.T, f *auditFixture, sql func(string, ...any)) {
			sql(`UPDATE audit_head SET size = ?`, int64(1)<<60)
		}, []want{{audit.KindHeadMismatch, 50}}, audit.KindRemoved},
		{"head deleted", func(t *testing.T, f *auditFixture, sql func(string, ...any)) {
			sql(`DELETE FROM audit_head`)
		}, []want{{audit.KindHeadMismatch, -1}}, audit.KindRemoved},
		{"hash garbled", func(t *testing.T, f *auditFixture, sql func(string, ...any)) {
			sql(`UPDATE audit_hashes SET hash = ? WHERE idx = ?`, []byte{1, 2, 3}, tlog.StoredHashIndex(0, 12))
		}, []want{{audit.KindAltered, 12}}, audit.KindCheckpointMismatch},
		{"appended behind the head", func(t *testing.T, f *auditFixture, sql func(string, ...any)) {
			sql(`INSERT INTO audit_entries (seq, time, actor, actor_unit, action, object_type, object_id, source, outcome, detail)
				SELECT 50, time, actor, actor_unit, action, object_type, object_id, source, outcome, detail FROM audit_entries WHERE seq = 49`)
		}, []want{{audit.KindHeadMismatch, 50}}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newAuditFixture(t, o, 50)
			if rep := f.verify(t); !rep.OK {
				t.Fatalf("before tampering: %s", rep)
			}
			unlockAudit(t, o, f.s)
			c.tamper(t, f, func(q string, args ...any) { o.Tamper(t, f.s, q, args...) })
			rep := f.verify(t)
			t.Log(rep)
			if rep.OK {
				t.Fatalf("Verify found nothing: %s", rep)
			}
			for _, w := range c.want {
				found := false
				for _, p := range rep.Problems {
					found = found || p.Kind == w.kind && p.Seq == w.seq
				}
				if !found {
					t.Errorf("no %s problem at %d in: %s", w.kind, w.seq, rep)
				}
			}
			for _, p := range rep.Problems {
				if p.Kind == c.never {
					t.Errorf("unexpected %s in: %s", c.never, rep)
				}
			}
		})
	}
}

// unlockAudit drops the triggers that keep the log append-only, the first
// thing someone tampering with the database would do.
func unlockAudit(t *testing.T, o Opener, s store.Store) {
	t.Helper()
	for _, table := range []string{"audit_entries", "audit_hashes", "audit_checkpoints"} {
		if s.Engine() == "postgres" {
			o.Tamper(t, s, `DROP TRIGGER `+table+`_append_only ON `+table)
			continue
		}
		o.Tamper(t, s, `DROP TRIGGER `+table+`_no_update`)
		o.Tamper(t, s, `DROP TRIGGER `+table+`_no_delete`)
	}
}

// rehash recomputes every stored hash from the entries as they now are.
func rehash(t *testing.T, f *auditFixture) map[int64]tlog.Hash {
	t.Helper()
	es, err := audit.Entries(context.Background(), f.db, 0, audit.MaxRange)
	if err != nil {
		t.Fatal(err)
	}
	hashes := map[int64]tlog.Hash{}
	r := tlog.HashReaderFunc(func(xs []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(xs))
		for i, x := range xs {
			out[i] = hashes[x]
		}
		return out, nil
	})
	for _, e := range es {
		hs, err := tlog.StoredHashes(e.Seq, e.Encode(), r)
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range hs {
			hashes[tlog.StoredHashIndex(0, e.Seq)+int64(i)] = h
		}
	}
	return hashes
}

func checkpointNote(t *testing.T, f *auditFixture, size int64) []byte {
	t.Helper()
	cp, err := f.log.CheckpointAt(context.Background(), f.db, size)
	if err != nil {
		t.Fatal(err)
	}
	return cp.Note
}

package audit_test

import (
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

func sampleEntry() audit.Entry {
	return audit.Entry{
		Time:       time.Date(2025, 7, 1, 8, 30, 0, 123456000, time.UTC),
		Actor:      "ha.nguyen",
		ActorUnit:  "VN-CA-DB",
		Action:     "user.create",
		ObjectType: "user",
		ObjectID:   "somphone",
		Source:     "10.0.0.7",
		Outcome:    audit.OutcomeOK,
		Detail:     "vai trò: cán bộ — ບົດບາດ",
	}
}

func TestValidate(t *testing.T) {
	if err := sampleEntry().Validate(); err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func(*audit.Entry){
		"no action":      func(e *audit.Entry) { e.Action = "" },
		"action case":    func(e *audit.Entry) { e.Action = "User.Create" },
		"action dots":    func(e *audit.Entry) { e.Action = "user..create" },
		"no outcome":     func(e *audit.Entry) { e.Outcome = "" },
		"outcome":        func(e *audit.Entry) { e.Outcome = "maybe" },
		"long detail":    func(e *audit.Entry) { e.Detail = strings.Repeat("x", audit.MaxDetail+1) },
		"long object id": func(e *audit.Entry) { e.ObjectID = strings.Repeat("x", audit.MaxObjectID+1) },
		"bad utf-8":      func(e *audit.Entry) { e.Actor = "\xff" },
		"nul":            func(e *audit.Entry) { e.Detail = "a\x00b" },
		"before 1970":    func(e *audit.Entry) { e.Time = time.Date(1969, 1, 1, 0, 0, 0, 0, time.UTC) },
	} {
		e := sampleEntry()
		change(&e)
		if err := e.Validate(); !borderlink.IsCode(err, borderlink.EInvalid) {
			t.Errorf("%s: got %v, want EInvalid", name, err)
		}
	}
}

func TestEncoding(t *testing.T) {
	e := sampleEntry()
	got, err := audit.Decode(e.Encode())
	if err != nil {
		t.Fatal(err)
	}
	if got != e {
		t.Fatalf("round trip: got %+v, want %+v", got, e)
	}
	// The encoding is part of the log's format: a change here makes every
	// stored log fail verification. Change only with a new version byte.
	const golden = "631f16d2a7561e2d90aa28e2de3858f89d2a84c25930efe970ce758d34d3272b"
	if h := e.LeafHash(); hex.EncodeToString(h[:]) != golden {
		t.Errorf("leaf hash of the sample entry is %s, want %s", hex.EncodeToString(h[:]), golden)
	}
	// Fields cannot borrow from each other.
	a, b := sampleEntry(), sampleEntry()
	a.Actor, a.ActorUnit = "ab", "c"
	b.Actor, b.ActorUnit = "a", "bc"
	if a.LeafHash() == b.LeafHash() {
		t.Error("two entries with the same concatenated fields hash alike")
	}
	enc := e.Encode()
	for name, bad := range map[string][]byte{
		"empty":    nil,
		"version":  append([]byte{2}, enc[1:]...),
		"trailing": append(append([]byte{}, enc...), 0),
		"short":    enc[:len(enc)-1],
		"overlong": append(append(append([]byte{}, enc[:9]...), 0x89, 0x00), enc[10:]...),
	} {
		if _, err := audit.Decode(bad); err == nil {
			t.Errorf("Decode accepted a %s encoding", name)
		}
	}
}

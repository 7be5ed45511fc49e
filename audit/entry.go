package audit

import (
	"fmt"
	"regexp"
	"time"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
)

// Outcomes of an audited action.
const (
	OutcomeOK     = "ok"     // the action was carried out
	OutcomeDenied = "denied" // the actor was not allowed to do it
	OutcomeFailed = "failed" // it was allowed but did not succeed
)

// Entry is one record of the audit log: who did what to which object, from
// where, when and with what outcome.
type Entry struct {
	// Seq is the entry's index in the log, from 0. Record assigns it; a
	// value set by the caller is ignored.
	Seq int64 `json:"seq"`
	// Time is when the action happened, kept to the microsecond in UTC.
	// Record fills it from the log's clock when it is zero.
	Time time.Time `json:"time"`
	// Actor is a username, "system", or "peer:<node id>".
	Actor string `json:"actor"`
	// ActorUnit is the code of the actor's unit, or "".
	ActorUnit string `json:"actor_unit"`
	// Action is a dotted lower-case name such as "user.create",
	// "session.login" or "unit.import".
	Action     string `json:"action"`
	ObjectType string `json:"object_type"`
	ObjectID   string `json:"object_id"`
	// Source is the client's IP address, or "cli".
	Source string `json:"source"`
	// Outcome is OutcomeOK, OutcomeDenied or OutcomeFailed.
	Outcome string `json:"outcome"`
	// Detail is a short free text. It is kept for ever and shown to
	// auditors: it must never hold a secret (password, token, key).
	Detail string `json:"detail"`
}

// Field limits, in bytes.
const (
	MaxActor      = 128
	MaxActorUnit  = 64
	MaxAction     = 64
	MaxObjectType = 64
	MaxObjectID   = 256
	MaxSource     = 128
	MaxDetail     = 1024
)

var actionPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$`)

// Validate returns an EInvalid error when e cannot be recorded: an empty or
// malformed Action, an unknown Outcome, a time before 1970, a field over its
// limit, or text that is not valid UTF-8 or holds a NUL byte.
func (e Entry) Validate() error {
	if e.Action == "" {
		return borderlink.Errorf(borderlink.EInvalid, "error.audit_action", "audit entry has no action", "action", "")
	}
	if !actionPattern.MatchString(e.Action) {
		return borderlink.Errorf(borderlink.EInvalid, "error.audit_action",
			fmt.Sprintf("invalid audit action %q: want dotted lower-case words such as user.create", e.Action), "action", e.Action)
	}
	switch e.Outcome {
	case OutcomeOK, OutcomeDenied, OutcomeFailed:
	default:
		return borderlink.Errorf(borderlink.EInvalid, "error.audit_outcome",
			fmt.Sprintf("invalid audit outcome %q: want ok, denied or failed", e.Outcome), "outcome", e.Outcome)
	}
	if !e.Time.IsZero() && e.Time.UnixMicro() <= 0 {
		return borderlink.Errorf(borderlink.EInvalid, "error.audit_time", "audit entry time is before 1970", "time", e.Time.String())
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{
		{"actor", e.Actor, MaxActor},
		{"actor_unit", e.ActorUnit, MaxActorUnit},
		{"action", e.Action, MaxAction},
		{"object_type", e.ObjectType, MaxObjectType},
		{"object_id", e.ObjectID, MaxObjectID},
		{"source", e.Source, MaxSource},
		{"detail", e.Detail, MaxDetail},
	} {
		if len(f.value) > f.max {
			return borderlink.Errorf(borderlink.EInvalid, "error.audit_field_long",
				fmt.Sprintf("audit %s is %d bytes long, over the limit of %d", f.name, len(f.value), f.max),
				"field", f.name, "max", f.max)
		}
		if !validText(f.value) {
			return borderlink.Errorf(borderlink.EInvalid, "error.audit_field_text",
				fmt.Sprintf("audit %s is not valid UTF-8 text", f.name), "field", f.name)
		}
	}
	return nil
}

// validText reports whether s is valid UTF-8 without NUL bytes, which
// PostgreSQL's TEXT cannot hold.
func validText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return false
		}
	}
	return true
}

// normalTime returns t in UTC, truncated to the microsecond that storage
// keeps, so that an entry hashes the same before and after a round trip.
func normalTime(t time.Time) time.Time { return time.UnixMicro(t.UnixMicro()).UTC() }

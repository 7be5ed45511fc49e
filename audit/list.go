package audit

import (
	"context"
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
)

// Page sizes of List.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Filter selects entries for the auditors' trail. Empty fields select
// everything.
type Filter struct {
	Actor string
	// Units selects entries whose ActorUnit is one of these codes. Nil
	// selects every unit; an empty, non-nil slice selects none.
	Units []string
	// Action selects actions that start with it: "user." selects
	// "user.create" and "user.disable".
	Action     string
	ObjectType string
	ObjectID   string
	Outcome    string
	// From and To bound Time: From <= Time < To. A zero bound is open.
	From, To time.Time
	// Limit is the page size: DefaultLimit when <= 0, at most MaxLimit.
	Limit int
	// Offset is how many matching entries to skip, newest first.
	Offset int
}

// normal returns f with its page size settled, or EInvalid.
func (f Filter) normal() (Filter, error) {
	switch {
	case f.Limit <= 0:
		f.Limit = DefaultLimit
	case f.Limit > MaxLimit:
		f.Limit = MaxLimit
	}
	if f.Offset < 0 {
		return f, borderlink.Errorf(borderlink.EInvalid, "error.audit_filter", "offset must not be negative", "field", "offset")
	}
	switch f.Outcome {
	case "", OutcomeOK, OutcomeDenied, OutcomeFailed:
	default:
		return f, borderlink.Errorf(borderlink.EInvalid, "error.audit_filter",
			fmt.Sprintf("invalid outcome %q", f.Outcome), "field", "outcome")
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return f, borderlink.Errorf(borderlink.EInvalid, "error.audit_filter", "the time range ends before it starts", "field", "to")
	}
	return f, nil
}

// List returns one page of the entries that match f, newest first, and the
// number of all entries that match. It returns EInvalid for a negative
// Offset, an unknown Outcome or a time range that ends before it starts.
//
// Reading the trail is itself an audited act: a caller that must record it
// uses ListRepo and Log.Record in one Update instead.
func List(ctx context.Context, db DB, f Filter) ([]Entry, int, error) {
	var (
		es    []Entry
		total int
	)
	err := db.View(ctx, func(tx Tx) (err error) {
		es, total, err = ListRepo(ctx, tx.Audit(), f)
		return err
	})
	return es, total, err
}

// ListRepo is List inside the caller's transaction.
func ListRepo(ctx context.Context, repo Repo, f Filter) ([]Entry, int, error) {
	f, err := f.normal()
	if err != nil {
		return nil, 0, err
	}
	if f.Units != nil && len(f.Units) == 0 {
		return nil, 0, nil
	}
	es, total, err := repo.ListEntries(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("audit: list: %w", err)
	}
	return es, total, nil
}

// MaxRange is the most entries Entries returns at once.
const MaxRange = 1000

// Entries returns the entries with from <= Seq < to, in Seq order; at most
// MaxRange of them, so a caller pages through a longer range. Entries
// missing from the range are missing from the result (Verify says why).
func Entries(ctx context.Context, db DB, from, to int64) ([]Entry, error) {
	if from < 0 || to < from {
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.audit_range",
			fmt.Sprintf("invalid entry range [%d, %d)", from, to), "from", from, "to", to)
	}
	to = min(to, from+MaxRange)
	var es []Entry
	err := db.View(ctx, func(tx Tx) error {
		return tx.Audit().ScanEntries(ctx, from, to, func(e Entry) error {
			es = append(es, e)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("audit: entries [%d, %d): %w", from, to, err)
	}
	return es, nil
}

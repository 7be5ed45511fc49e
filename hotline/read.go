package hotline

import (
	"context"
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
)

// Filter selects messages for Messages. Zero fields do not restrict.
type Filter struct {
	Unit     string    // messages from or to this unit
	Channel  string    // messages on this channel
	State    State     // messages whose furthest state is this one
	Priority Priority  // messages of this priority
	Since    time.Time // messages created at or after this time
	Query    string    // words that must all occur (diacritics and case ignored)
	Unread   bool      // incoming messages not yet read
	Limit    int       // default 50, at most 500
	Offset   int
}

// Limits of a list.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Messages returns the messages p may read that f selects, newest first,
// and how many match in all. Each message returned is recorded in the audit
// log (hotline.list).
//
// Errors: EForbidden when p holds hotline.read nowhere; EInvalid for a bad
// state or priority in f.
func (s *Service) Messages(ctx context.Context, p auth.Principal, f Filter) ([]Message, int, error) {
	if !p.Can(auth.PermHotlineRead) {
		return nil, 0, errCannotRead(p.Unit())
	}
	q, err := s.query(p, f)
	if err != nil {
		return nil, 0, err
	}
	var out []Message
	var total int
	err = s.db.Update(ctx, func(tx Tx) error {
		recs, n, err := tx.Hotline().FindMessages(ctx, q)
		if err != nil {
			return fmt.Errorf("hotline: messages: %w", err)
		}
		total, out = n, make([]Message, 0, len(recs))
		es := make([]audit.Entry, 0, len(recs))
		for _, r := range recs {
			out = append(out, finish(r))
			es = append(es, entry(p, actList, r.ID, localUnit(r, q.Scope), audit.OutcomeOK, ""))
		}
		if err := attachmentsOfAll(ctx, tx, out); err != nil {
			return err
		}
		return s.record(ctx, tx, es...)
	})
	return out, total, err
}

// query turns a Filter into a storage Query for p.
func (s *Service) query(p auth.Principal, f Filter) (Query, error) {
	st, err := ParseState(string(f.State))
	if err != nil {
		return Query{}, err
	}
	var pr Priority
	if f.Priority != "" {
		if pr, err = ParsePriority(string(f.Priority)); err != nil {
			return Query{}, err
		}
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	tree := s.units.Tree()
	unit := f.Unit
	if c, ok := tree.Canonical(unit); ok {
		unit = c
	}
	return Query{Scope: scopeOf(p, tree, s.self), Channel: f.Channel, Unit: unit, State: st, Priority: pr,
		Since: f.Since, Words: searchWords(f.Query), Incoming: f.Unread, Unread: f.Unread, Lang: s.lang,
		Limit: limit, Offset: max(f.Offset, 0)}, nil
}

// Message returns message id when p may read it, and records the reading.
// When p reads it as its recipient (see Scope.Incoming) and it was not read
// before, it is marked read and the read receipt goes to the origin node
// in the same transaction.
//
// Errors: ENotFound (error.hotline_unknown_message) when there is no such
// message or p may not read it (the refusal is audited).
func (s *Service) Message(ctx context.Context, p auth.Principal, id string) (Message, error) {
	tree := s.units.Tree()
	sc := scopeOf(p, tree, s.self)
	var m Message
	var changed bool
	err := s.update(ctx, func(tx Tx) error {
		r, err := s.visible(ctx, tx, p, sc, id, actRead)
		if err != nil {
			return err
		}
		if sc.Incoming(r) && r.States.Read.IsZero() && p.CanIn(auth.PermHotlineRead, r.ToUnit, tree) {
			if err := s.receive(ctx, tx, &r, Read, who(p, s.self)); err != nil {
				return err
			}
			changed = true
		}
		m = finish(r)
		one := []Message{m}
		if err := attachmentsOfAll(ctx, tx, one); err != nil {
			return err
		}
		m = one[0]
		return s.record(ctx, tx, entry(p, actRead, id, localUnit(r, sc), audit.OutcomeOK, ""))
	})
	if err != nil {
		return Message{}, err
	}
	if changed {
		s.stateChanged(m)
	}
	return m, nil
}

// visible loads message id for p inside tx, or refuses it as ENotFound.
func (s *Service) visible(ctx context.Context, tx Tx, p auth.Principal, sc Scope, id, action string) (Record, error) {
	r, err := tx.Hotline().Message(ctx, id, s.lang)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return Record{}, errUnknownMessage(id)
	}
	if err != nil {
		return Record{}, fmt.Errorf("hotline: message %s: %w", clip(id, 40), err)
	}
	if !sc.Visible(r) {
		return Record{}, s.deny(ctx, tx, p, action, id, p.Unit(), errUnknownMessage(id))
	}
	return r, nil
}

// Thread returns the messages p may read of the thread that message id
// belongs to, oldest first, and records the reading of each.
//
// Errors: ENotFound when there is no such message or p may read none of
// the thread.
func (s *Service) Thread(ctx context.Context, p auth.Principal, id string) ([]Message, error) {
	sc := scopeOf(p, s.units.Tree(), s.self)
	var out []Message
	err := s.update(ctx, func(tx Tx) error {
		r, err := s.visible(ctx, tx, p, sc, id, actList)
		if err != nil {
			return err
		}
		recs, _, err := tx.Hotline().FindMessages(ctx, Query{Scope: sc, Thread: r.ThreadID, Lang: s.lang, Oldest: true, Limit: MaxLimit})
		if err != nil {
			return fmt.Errorf("hotline: thread %s: %w", r.ThreadID, err)
		}
		es := make([]audit.Entry, 0, len(recs))
		for _, r := range recs {
			out = append(out, finish(r))
			es = append(es, entry(p, actList, r.ID, localUnit(r, sc), audit.OutcomeOK, "thread "+r.ThreadID))
		}
		if err := attachmentsOfAll(ctx, tx, out); err != nil {
			return err
		}
		return s.record(ctx, tx, es...)
	})
	return out, err
}

// CountUnread returns how many incoming messages p may read have not been
// read yet.
func (s *Service) CountUnread(ctx context.Context, p auth.Principal) (int, error) {
	by, err := s.unread(ctx, p)
	n := 0
	for _, c := range by {
		n += c
	}
	return n, err
}

// unread counts p's unread incoming messages by channel.
func (s *Service) unread(ctx context.Context, p auth.Principal) (map[string]int, error) {
	if !p.Can(auth.PermHotlineRead) {
		return map[string]int{}, nil
	}
	q := Query{Scope: scopeOf(p, s.units.Tree(), s.self), Incoming: true, Unread: true}
	var by map[string]int
	err := s.db.View(ctx, func(tx Tx) (err error) {
		by, err = tx.Hotline().UnreadByChannel(ctx, q)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("hotline: unread: %w", err)
	}
	return by, nil
}

// finish returns the message of r as readers see it.
func finish(r Record) Message {
	m := r.Message
	m.State = m.States.Current()
	return m
}

// localUnit is the unit on this node through which a record is seen, for
// the audit trail: the receiving unit when it is local, else the sending
// unit.
func localUnit(r Record, sc Scope) string {
	if r.ToScope != "" && (r.FromScope == "" || sc.Incoming(r)) {
		return r.ToUnit
	}
	return r.FromUnit
}

// who names a user as receipts and states record them.
func who(p auth.Principal, node borderlink.NodeID) string { return p.Username + "@" + string(node) }

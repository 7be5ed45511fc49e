package cases

import (
	"context"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
	"github.com/borderlink/borderlink/stats"
)

// Event is a point of a case's timeline: a raid, a controlled delivery, a
// working meeting of the units …
type Event struct {
	ID       string            `json:"id"`
	CaseID   string            `json:"case_id"`
	Kind     EventKind         `json:"kind"`
	At       time.Time         `json:"at"`
	Place    string            `json:"place"` // unit code in force that day
	Summary  string            `json:"summary"`
	Lang     borderlink.Lang   `json:"lang"` // of Summary
	Origin   borderlink.NodeID `json:"origin"`
	Created  time.Time         `json:"created"`
	Updated  time.Time         `json:"updated"`
	Released time.Time         `json:"released,omitzero"`
}

// NewEvent is what a user writes to add or correct an event.
type NewEvent struct {
	Kind    EventKind       `json:"kind"`
	At      time.Time       `json:"at"`
	Place   string          `json:"place"`
	Summary string          `json:"summary"`
	Lang    borderlink.Lang `json:"lang"`
}

func (e Event) input() NewEvent {
	return NewEvent{Kind: e.Kind, At: e.At, Place: e.Place, Summary: e.Summary, Lang: e.Lang}
}

// eventFields checks in and sets its fields on e.
func (s *Service) eventFields(e *Event, in NewEvent, fallback borderlink.Lang) error {
	var err error
	if e.Kind, err = recordkit.Choice(&rules, "event_kind", in.Kind, EventKinds()); err != nil {
		return err
	}
	if e.At, err = rules.CheckTime("at", in.At, s.clock.Now()); err != nil {
		return err
	}
	if e.Place, err = rules.UnitCode(s.tree(), "place", in.Place); err != nil {
		return err
	}
	if _, err := (stats.Resolver{Tree: s.tree()}).Locate(e.Place, borderlink.DateOf(e.At)); err != nil {
		return err
	}
	if e.Summary, err = rules.Required("summary", in.Summary, MaxText, true); err != nil {
		return err
	}
	if e.Lang, err = rules.Lang(in.Lang, fallback); err != nil {
		return err
	}
	return nil
}

// CreateEvent adds an event owned by this node to the timeline of a case p
// may add to (this node's or a partner's).
func (s *Service) CreateEvent(ctx context.Context, p auth.Principal, caseID string, in NewEvent) (Event, error) {
	now := s.now()
	e := Event{ID: borderlink.NewID(), Origin: s.self, Created: now, Updated: now}
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		c, err := s.writableCase(ctx, tx, p, caseID, actEventAdd)
		if err != nil {
			return err
		}
		e.CaseID = c.ID
		if err := s.eventFields(&e, in, s.defaultLang(p)); err != nil {
			return err
		}
		if err := tx.Cases().PutEvent(ctx, e); err != nil {
			return wrapErr("create event", err)
		}
		return s.record(ctx, tx, recordkit.OK(p, actEventAdd, objCase, c.ID, "event "+e.ID+" "+string(e.Kind)))
	})
	if err != nil {
		return Event{}, err
	}
	return e, nil
}

// UpdateEvent corrects one of this node's events. A released event's new
// version is published again.
func (s *Service) UpdateEvent(ctx context.Context, p auth.Principal, id string, in NewEvent) (Event, error) {
	var out Event
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermCasesWrite, actEventUpdate, objCase, id); err != nil {
			return err
		}
		if rules.CheckID(id) != nil {
			return errEventNotFound(id)
		}
		old, err := tx.Cases().Event(ctx, id)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return errEventNotFound(id)
		}
		if err != nil {
			return wrapErr("event "+id, err)
		}
		c, err := s.loadCase(ctx, tx, p, old.CaseID, actEventUpdate, true, errEventNotFound(id))
		if err != nil {
			return err
		}
		if old.Origin != s.self {
			return s.deny(ctx, tx, p, actEventUpdate, objCase, c.ID, errNotOwner(old.Origin))
		}
		e := old
		if err := s.eventFields(&e, in, old.Lang); err != nil {
			return err
		}
		e.Updated = s.bump(old.Updated)
		if err := tx.Cases().PutEvent(ctx, e); err != nil {
			return wrapErr("update event", err)
		}
		if err := s.republish(ctx, tx, KindEvent, e); err != nil {
			return err
		}
		out = e
		return s.record(ctx, tx, recordkit.OK(p, actEventUpdate, objCase, c.ID, "event "+e.ID+" "+string(e.Kind)))
	})
	return out, err
}

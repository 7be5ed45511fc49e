package wanted

import (
	"context"
	"slices"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// StatusChange is one step of a notice's status history.
type StatusChange struct {
	Status Status          `json:"status"`
	Day    borderlink.Date `json:"day"`
	By     string          `json:"by"` // "username@node"
	Note   string          `json:"note,omitempty"`
}

// NewStatus is a change of a notice's status.
type NewStatus struct {
	Status Status          `json:"status"`
	Day    borderlink.Date `json:"day"` // default today
	Note   string          `json:"note,omitempty"`
}

// SetStatus moves one of this node's notices to another status (see
// Status.CanBecome) on a day not before its last change. A notice becomes
// handed_over only once a hand-over of it is complete.
//
// Errors: as UpdateNotice; EInvalid (error.wanted_status_change,
// error.wanted_status_order) for a change the notice cannot make;
// EConflict (error.wanted_handover_incomplete) for handed_over without a
// completed hand-over.
func (s *Service) SetStatus(ctx context.Context, p auth.Principal, id string, in NewStatus) (Notice, error) {
	var out Notice
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.ownNotice(ctx, tx, p, id, actStatus)
		if err != nil {
			return err
		}
		n := r.Notice
		st, err := recordkit.Choice(&rules, "status", in.Status, Statuses())
		if err != nil {
			return err
		}
		if !n.Status.CanBecome(st) {
			return errTransition(n.Status, st)
		}
		day := in.Day
		if day.IsZero() {
			day = s.today()
		}
		if err := rules.CheckDay("day", day, s.today()); err != nil {
			return err
		}
		if last := n.StatusHistory[len(n.StatusHistory)-1]; day.Before(last.Day) {
			return rules.ErrStatusOrder(day, last.Day)
		}
		note, err := rules.Clean("note", in.Note, MaxNote, true)
		if err != nil {
			return err
		}
		if len(n.StatusHistory) >= MaxHistory {
			return rules.ErrTooMany("status", MaxHistory)
		}
		if st == StatusHandedOver {
			steps, err := tx.Wanted().Steps(ctx, id)
			if err != nil {
				return wrapErr("steps", err)
			}
			if DeriveHandover(steps).State != HandoverCompleted {
				return borderlink.Errorf(borderlink.EConflict, "error.wanted_handover_incomplete",
					"the notice can be marked handed over once a hand-over of it is complete")
			}
		}
		n.StatusHistory = append(slices.Clone(n.StatusHistory), StatusChange{Status: st, Day: day, By: s.who(p), Note: note})
		n.Status = st
		n.Updated = s.bump(r.Updated)
		out = n
		return s.saveNotice(ctx, tx, n, recordkit.OK(p, actStatus, objNotice, id, string(r.Status)+" → "+string(st)))
	})
	if err != nil {
		return Notice{}, err
	}
	return out, nil
}

// checkHistory checks a notice's status history as a receiving node gets
// it.
func checkHistory(hs []StatusChange, today borderlink.Date) ([]StatusChange, error) {
	if len(hs) == 0 || len(hs) > MaxHistory {
		return nil, rules.ErrRequired("status")
	}
	out := make([]StatusChange, 0, len(hs))
	for i, h := range hs {
		st, err := recordkit.Choice(&rules, "status", h.Status, Statuses())
		if err != nil {
			return nil, err
		}
		if i == 0 && st != StatusActive {
			return nil, errTransition(StatusActive, st)
		}
		if err := rules.CheckDay("day", h.Day, today); err != nil {
			return nil, err
		}
		if i > 0 {
			prev := out[i-1]
			if !prev.Status.CanBecome(st) {
				return nil, errTransition(prev.Status, st)
			}
			if h.Day.Before(prev.Day) {
				return nil, rules.ErrStatusOrder(h.Day, prev.Day)
			}
		}
		by, err := rules.Clean("by", h.By, 200, false)
		if err != nil {
			return nil, err
		}
		note, err := rules.Clean("note", h.Note, MaxNote, true)
		if err != nil {
			return nil, err
		}
		out = append(out, StatusChange{Status: st, Day: h.Day, By: by, Note: note})
	}
	return out, nil
}

package wanted

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
	"github.com/borderlink/borderlink/stats"
)

// HandoverStep is one step of the hand-over of a notice's person across
// the border. It is owned by the node that wrote it and never changed; the
// other side keeps a read-only copy.
type HandoverStep struct {
	ID       string            `json:"id"`
	NoticeID string            `json:"notice_id"`
	Origin   borderlink.NodeID `json:"origin"`
	Kind     HandoverKind      `json:"kind"`
	// Day is the day of the step; for a schedule, the day planned; for a
	// completion, the day it happened.
	Day borderlink.Date `json:"day"`
	// Gate is the border gate ("Nậm Cắn – Nặm Khan"): a unit, a
	// description, or both.
	Gate Place `json:"gate"`
	// ReceivingUnit takes the person over; HandingUnit hands them over.
	ReceivingUnit string          `json:"receiving_unit,omitempty"`
	HandingUnit   string          `json:"handing_unit,omitempty"`
	Note          string          `json:"note,omitempty"`
	Lang          borderlink.Lang `json:"lang"`
	By            string          `json:"by"` // "username@node"
	Created       time.Time       `json:"created"`
	Released      time.Time       `json:"released,omitzero"`
}

// NewStep is what a user writes to add a hand-over step. A schedule needs
// Day, Gate and ReceivingUnit; a completion takes them from the schedule
// when left out.
type NewStep struct {
	Kind          HandoverKind    `json:"kind"`
	Day           borderlink.Date `json:"day,omitzero"` // default today (required for a schedule)
	Gate          Place           `json:"gate"`
	ReceivingUnit string          `json:"receiving_unit,omitempty"`
	HandingUnit   string          `json:"handing_unit,omitempty"`
	Note          string          `json:"note,omitempty"`
	Lang          borderlink.Lang `json:"lang,omitempty"`
}

// Handover is where the hand-over of a notice stands, derived from its
// steps by DeriveHandover.
type Handover struct {
	State HandoverState `json:"state"`
	// RequestedBy is the node that requested the current hand-over.
	RequestedBy borderlink.NodeID `json:"requested_by,omitempty"`
	// Requested is the day of the request.
	Requested borderlink.Date `json:"requested,omitzero"`
	// Day, Gate, ReceivingUnit and HandingUnit are as last scheduled (or
	// completed).
	Day           borderlink.Date `json:"day,omitzero"`
	Gate          Place           `json:"gate"`
	ReceivingUnit string          `json:"receiving_unit,omitempty"`
	HandingUnit   string          `json:"handing_unit,omitempty"`
	// Steps are the steps of the current hand-over, oldest first.
	Steps []HandoverStep `json:"steps"`
	// Ignored holds the ids of steps that did not fit where they fell:
	// when both sides write at once (one cancels as the other agrees),
	// both nodes keep both steps and take the first in the order of
	// DeriveHandover, so that they agree on the state.
	Ignored []string `json:"ignored,omitempty"`
}

// DeriveHandover returns the state of a hand-over from the steps of its
// notice, taken in the order they were written (by Created, then id): a
// request opens a hand-over when none is open (or the last was refused or
// cancelled); agree or refuse answers it, from a node other than the one
// that requested; schedule follows agree (or a schedule, to move it);
// complete follows schedule; cancel ends any hand-over not complete. A
// step that does not fit is listed in Ignored.
func DeriveHandover(steps []HandoverStep) Handover {
	sorted := slices.Clone(steps)
	slices.SortFunc(sorted, func(a, b HandoverStep) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
	h := Handover{State: HandoverNone, Steps: []HandoverStep{}}
	for _, st := range sorted {
		if err := h.fits(st); err != nil {
			h.Ignored = append(h.Ignored, st.ID)
			continue
		}
		h.take(st)
	}
	return h
}

// Next returns the kinds of step that side may write next, in the order of
// HandoverKinds: the rule AddStep applies.
func (h Handover) Next(side borderlink.NodeID) []HandoverKind {
	var out []HandoverKind
	for _, k := range HandoverKinds() {
		if h.fits(HandoverStep{Kind: k, Origin: side}) == nil {
			out = append(out, k)
		}
	}
	return out
}

// fits returns why st cannot be the next step of h, or nil.
func (h *Handover) fits(st HandoverStep) error {
	var from []HandoverState
	switch st.Kind {
	case StepRequest:
		from = []HandoverState{HandoverNone, HandoverRefused, HandoverCancelled}
	case StepAgree, StepRefuse:
		from = []HandoverState{HandoverRequested}
	case StepSchedule:
		from = []HandoverState{HandoverAgreed, HandoverScheduled}
	case StepComplete:
		from = []HandoverState{HandoverScheduled}
	case StepCancel:
		from = []HandoverState{HandoverRequested, HandoverAgreed, HandoverScheduled}
	}
	if !slices.Contains(from, h.State) {
		return errStepOrder(st.Kind, h.State)
	}
	if (st.Kind == StepAgree || st.Kind == StepRefuse) && st.Origin == h.RequestedBy {
		return errStepSide(st.Kind)
	}
	return nil
}

// take makes st, which fits, the last step of h.
func (h *Handover) take(st HandoverStep) {
	if st.Kind == StepRequest {
		*h = Handover{State: HandoverRequested, RequestedBy: st.Origin, Requested: st.Day, Steps: nil, Ignored: h.Ignored}
	}
	h.Steps = append(h.Steps, st)
	switch st.Kind {
	case StepAgree:
		h.State = HandoverAgreed
	case StepRefuse:
		h.State = HandoverRefused
	case StepCancel:
		h.State = HandoverCancelled
	case StepSchedule, StepComplete:
		h.State = HandoverScheduled
		if st.Kind == StepComplete {
			h.State = HandoverCompleted
		}
		h.Day, h.Gate, h.ReceivingUnit, h.HandingUnit = st.Day, st.Gate, st.ReceivingUnit, st.HandingUnit
	}
}

// stepFields checks what a step says and sets it on st. h is the
// hand-over it continues (nil on a receiving node, which takes the step
// as its writer checked it, and checks only its shape).
func (s *Service) stepFields(st *HandoverStep, in NewStep, h *Handover, fallback borderlink.Lang) error {
	tree := s.tree()
	today := s.today()
	var err error
	if st.Kind, err = recordkit.Choice(&rules, "kind", in.Kind, HandoverKinds()); err != nil {
		return err
	}
	if h != nil && st.Kind == StepComplete {
		// What was scheduled, unless the completion says otherwise.
		if in.Gate.IsZero() {
			in.Gate = h.Gate
		}
		if in.ReceivingUnit == "" {
			in.ReceivingUnit = h.ReceivingUnit
		}
		if in.HandingUnit == "" {
			in.HandingUnit = h.HandingUnit
		}
	}
	st.Day = in.Day
	switch {
	case st.Kind == StepSchedule:
		if st.Day.IsZero() {
			return rules.ErrDateMissing("day")
		}
		if st.Day.After(today.AddDays(maxScheduleAhead)) {
			return recordkit.Invalid("error.wanted_schedule_far", "the hand-over is planned more than a year ahead", "date", st.Day)
		}
		if st.Day.Before(stats.Earliest) {
			return rules.ErrDateTooOld("day", st.Day)
		}
	case st.Day.IsZero() && h != nil:
		st.Day = today
		fallthrough
	default:
		if err := rules.CheckDay("day", st.Day, today); err != nil {
			return err
		}
	}
	if h != nil && st.Kind != StepRequest && !h.Requested.IsZero() && st.Day.Before(h.Requested) {
		return errStepBefore(st.Day, h.Requested)
	}
	if h != nil && st.Kind == StepComplete && !h.Day.IsZero() && st.Day.Before(h.Day) {
		return recordkit.Invalid("error.wanted_complete_early", "the hand-over is recorded on "+st.Day.String()+", before the day it was scheduled for, "+
			h.Day.String()+": schedule it again first", "date", st.Day, "previous", h.Day)
	}
	need := st.Kind == StepSchedule || st.Kind == StepComplete
	if st.Gate, err = checkPlace(tree, "gate", in.Gate, need); err != nil {
		return err
	}
	if need {
		if st.ReceivingUnit, err = rules.UnitCode(tree, "receiving_unit", in.ReceivingUnit); err != nil {
			return err
		}
	} else if st.ReceivingUnit, err = optUnit(tree, "receiving_unit", in.ReceivingUnit); err != nil {
		return err
	}
	if st.HandingUnit, err = optUnit(tree, "handing_unit", in.HandingUnit); err != nil {
		return err
	}
	if st.HandingUnit != "" && st.HandingUnit == st.ReceivingUnit {
		return recordkit.Invalid("error.wanted_handover_units", "the unit handing over and the unit receiving are the same", "unit", st.HandingUnit)
	}
	if st.Note, err = rules.Clean("note", in.Note, MaxNote, true); err != nil {
		return err
	}
	if st.Lang, err = rules.Lang(in.Lang, fallback); err != nil {
		return err
	}
	if st.Lang == "" {
		return rules.ErrLang("")
	}
	return nil
}

// input returns the fields of st as a user would write them.
func (st HandoverStep) input() NewStep {
	return NewStep{Kind: st.Kind, Day: st.Day, Gate: st.Gate, ReceivingUnit: st.ReceivingUnit, HandingUnit: st.HandingUnit,
		Note: st.Note, Lang: st.Lang}
}

// AddStep adds a step to the hand-over of notice noticeID: this node's
// notice once released, or the partner's. p holds wanted.write over the
// notice's issuing unit (this node's notice) or one of its partner units
// of this country (the partner's; see canStep). The step must fit the
// hand-over as it stands (see DeriveHandover) and goes to the other side
// at once.
//
// Errors: EForbidden (audited) when p may not; ENotFound (audited) when p
// may not see the notice; EConflict when the notice is not released
// (error.wanted_release_first), is no longer open (error.wanted_closed;
// a cancel is always accepted), or the step does not fit
// (error.wanted_step_order, error.wanted_step_side); EInvalid for a bad
// field.
func (s *Service) AddStep(ctx context.Context, p auth.Principal, noticeID string, in NewStep) (HandoverStep, error) {
	var out HandoverStep
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermWantedWrite, actHandover, objNotice, noticeID); err != nil {
			return err
		}
		r, err := s.visibleNotice(ctx, tx, p, noticeID, actHandover)
		if err != nil {
			return err
		}
		if can, unit := s.canStep(p, r.Notice); !can {
			return s.deny(ctx, tx, p, actHandover, objNotice, r.ID, errCannotWrite(unit))
		}
		if r.Origin == s.self && r.Released.IsZero() {
			return errReleaseFirst()
		}
		if in.Kind != StepCancel && !r.Status.Open() {
			return errClosed(r.Status)
		}
		steps, err := tx.Wanted().Steps(ctx, r.ID)
		if err != nil {
			return wrapErr("steps", err)
		}
		if len(steps) >= MaxSteps {
			return rules.ErrTooMany("steps", MaxSteps)
		}
		h := DeriveHandover(steps)
		kind, err := recordkit.Choice(&rules, "kind", in.Kind, HandoverKinds())
		if err != nil {
			return err
		}
		if err := h.fits(HandoverStep{Kind: kind, Origin: s.self}); err != nil {
			return err
		}
		now := s.now()
		st := HandoverStep{ID: borderlink.NewID(), NoticeID: r.ID, Origin: s.self, By: s.who(p), Created: now, Released: now}
		for _, o := range steps {
			if !st.Created.After(o.Created) {
				st.Created = o.Created.Add(time.Microsecond) // after every step it follows, whatever the clocks
			}
		}
		if err := s.stepFields(&st, in, &h, s.defaultLang(p)); err != nil {
			return err
		}
		if err := tx.Wanted().PutStep(ctx, st); err != nil {
			return wrapErr("add step", err)
		}
		if err := s.send(ctx, tx, Release{Kind: KindStep, Step: &st, NoticeOrigin: r.Origin, PartnerUnits: r.PartnerUnits}); err != nil {
			return err
		}
		out = st
		return s.record(ctx, tx, recordkit.OK(p, actHandover, objStep, st.ID, "notice "+r.ID+": "+string(st.Kind)))
	})
	if err != nil {
		return HandoverStep{}, err
	}
	return out, nil
}

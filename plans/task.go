package plans

import (
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Task is one piece of work of a plan, with its five clears. It is owned
// by the node of its accountable unit's side (Origin), which alone
// updates it, whichever side owns the plan.
type Task struct {
	ID     string            `json:"id"`
	Origin borderlink.NodeID `json:"origin"`
	PlanID string            `json:"plan_id"`
	// Title and Deliverable are the clear work: what is done, and what
	// it produces.
	Title       string          `json:"title"`
	Deliverable string          `json:"deliverable"`
	Lang        borderlink.Lang `json:"lang"`
	// Officer is the clear people: who carries the task out.
	Officer Officer `json:"officer"`
	// AccountableUnit is the clear responsibility: the unit answerable
	// for the task. Always given.
	AccountableUnit string `json:"accountable_unit"`
	// Start, Deadline, Milestones, Percent and Notes are the clear
	// progress.
	Start      borderlink.Date `json:"start"`
	Deadline   borderlink.Date `json:"deadline"`
	Milestones []Milestone     `json:"milestones"`
	Percent    int             `json:"percent"`
	Notes      []ProgressNote  `json:"notes"`
	// Indicator is the clear effectiveness.
	Indicator Indicator `json:"indicator"`
	// Source, when set, is the conference decision the task was made
	// from.
	Source   *Source   `json:"source,omitempty"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
	Released time.Time `json:"released,omitzero"`
}

// Officer is the person responsible for a task.
type Officer struct {
	Name     string `json:"name"`
	Username string `json:"username,omitempty"` // the account, when the officer has one
	Unit     string `json:"unit"`               // default: the accountable unit
}

// Milestone is a dated step of a task.
type Milestone struct {
	ID   string          `json:"id"`
	Day  borderlink.Date `json:"day"`
	Text string          `json:"text"`
	Done bool            `json:"done"`
}

// ProgressNote is one report of progress on a task.
type ProgressNote struct {
	Day     borderlink.Date `json:"day"`
	Percent int             `json:"percent"`
	Text    string          `json:"text"`
	By      string          `json:"by"` // user@node
}

// Source links a task to the conference decision it carries out.
type Source struct {
	ConferenceID string `json:"conference_id"`
	DecisionID   string `json:"decision_id"`
}

// NewTask is what a user writes to create or edit a task. Progress is
// reported on its own (UpdateProgress).
type NewTask struct {
	Title           string          `json:"title"`
	Deliverable     string          `json:"deliverable"`
	Lang            borderlink.Lang `json:"lang"`
	Officer         Officer         `json:"officer"`
	AccountableUnit string          `json:"accountable_unit"`
	Start           borderlink.Date `json:"start"` // default: the plan's first day
	Deadline        borderlink.Date `json:"deadline"`
	// Milestones: those with the id of a milestone of the task keep
	// whether it is done; the others are new.
	Milestones []Milestone `json:"milestones"`
	Indicator  Indicator   `json:"indicator"`
}

func (t Task) input() NewTask {
	return NewTask{Title: t.Title, Deliverable: t.Deliverable, Lang: t.Lang, Officer: t.Officer, AccountableUnit: t.AccountableUnit,
		Start: t.Start, Deadline: t.Deadline, Milestones: t.Milestones, Indicator: t.Indicator}
}

// taskFields checks in against its plan and sets its fields on t. old
// holds the milestones the task had (nil for a new task); keepDone keeps
// the Done flags as given (a received task).
func (c checker) taskFields(t *Task, in NewTask, pl Plan, old []Milestone, keepDone bool, fallback borderlink.Lang) error {
	var err error
	t.PlanID = pl.ID
	if t.Title, err = title("title", in.Title); err != nil {
		return err
	}
	if t.Deliverable, err = rules.Required("deliverable", in.Deliverable, MaxText, true); err != nil {
		return err
	}
	if t.Lang, err = lang(in.Lang, fallback); err != nil {
		return err
	}
	if strings.TrimSpace(in.AccountableUnit) == "" {
		return rules.ErrRequired("accountable_unit")
	}
	if t.AccountableUnit, err = c.ownerUnit("accountable_unit", in.AccountableUnit); err != nil {
		return err
	}
	if t.Officer.Name, err = rules.Required("officer", in.Officer.Name, MaxName, false); err != nil {
		return err
	}
	if t.Officer.Username, err = rules.Clean("officer_username", in.Officer.Username, MaxName, false); err != nil {
		return err
	}
	t.Officer.Unit = t.AccountableUnit
	if strings.TrimSpace(in.Officer.Unit) != "" {
		if t.Officer.Unit, err = c.ownerUnit("officer_unit", in.Officer.Unit); err != nil {
			return err
		}
	}
	start := in.Start
	if start.IsZero() {
		start = pl.From
	}
	if in.Deadline.IsZero() {
		return rules.ErrDateMissing("deadline")
	}
	if in.Deadline.Before(start) {
		return errBackwards("deadline", start, in.Deadline)
	}
	for _, f := range []struct {
		name string
		day  borderlink.Date
	}{{"start", start}, {"deadline", in.Deadline}} {
		if !f.day.Within(pl.From, pl.To) {
			return errOutsidePlan(f.name, pl.From, pl.To)
		}
	}
	t.Start, t.Deadline = start, in.Deadline
	if len(in.Milestones) > MaxMilestones {
		return rules.ErrTooMany("milestones", MaxMilestones)
	}
	t.Milestones = []Milestone{}
	for _, m := range in.Milestones {
		var v Milestone
		if m.Day.IsZero() {
			return rules.ErrDateMissing("milestone")
		}
		if !m.Day.Within(t.Start, t.Deadline) {
			return errOutsidePlan("milestone", t.Start, t.Deadline)
		}
		if v.Text, err = rules.Required("milestone", m.Text, MaxTitle, false); err != nil {
			return err
		}
		v.Day, v.ID = m.Day, strings.TrimSpace(m.ID)
		if i := slices.IndexFunc(old, func(o Milestone) bool { return o.ID == v.ID }); i >= 0 {
			v.Done = old[i].Done
		} else if keepDone {
			if err := rules.CheckID(v.ID); err != nil {
				return err
			}
			v.Done = m.Done
		} else {
			v.ID = borderlink.NewID()
		}
		t.Milestones = append(t.Milestones, v)
	}
	t.Indicator, err = c.indicator(in.Indicator, keepDone)
	return err
}

// indicator checks a result indicator; received says whether the value
// came from the owner (a computed value it published is kept).
func (c checker) indicator(in Indicator, received bool) (Indicator, error) {
	var v Indicator
	var err error
	if v.Kind, err = recordkit.Choice(&rules, "indicator_kind", IndicatorKind(strings.ToLower(string(in.Kind))), IndicatorKinds()); err != nil {
		return v, err
	}
	if v.Label, err = rules.Clean("indicator_label", in.Label, MaxTitle, false); err != nil {
		return v, err
	}
	if v.Kind == IndicatorManual && v.Label == "" {
		return v, rules.ErrRequired("indicator_label")
	}
	if math.IsNaN(in.Target) || in.Target <= 0 || in.Target > MaxTarget {
		return v, errTarget()
	}
	v.Target = in.Target
	if v.Provinces, err = c.provinces("indicator_provinces", in.Provinces); err != nil {
		return v, err
	}
	if v.Drugs, err = c.drugs(in.Drugs); err != nil {
		return v, err
	}
	if !in.From.IsZero() || !in.To.IsZero() {
		if err := period("indicator", in.From, in.To); err != nil {
			return v, err
		}
	}
	v.From, v.To = in.From, in.To
	if math.IsNaN(in.Actual) || in.Actual < 0 || in.Actual > MaxTarget || (in.Actual != 0 && v.Kind.Computed() && !received) {
		return v, errActual()
	}
	v.Actual = in.Actual
	if received {
		v.AsOf = in.AsOf
	}
	return v, nil
}

// CreateTask adds a task to plan planID: this node's plan, or the
// partner's bilateral plan shared here. The task is this node's, for an
// accountable unit of this country; p holds plans.write over that unit,
// or, on this node's plan, over the plan's owner unit. On a plan that is
// shared the task is published to the other side.
//
// Errors: EForbidden (audited) when p may not; ENotFound for an unknown
// plan; EConflict (error.plans_not_shared) on a partner's plan that is not
// bilateral; EInvalid for a bad field: no accountable unit
// (error.plans_required), dates that run backwards or lie outside the
// plan (error.plans_dates_backwards, error.plans_outside_plan).
func (s *Service) CreateTask(ctx context.Context, p auth.Principal, planID string, in NewTask) (Task, error) {
	var out Task
	err := s.update(ctx, func(ctx context.Context, tx Tx) (err error) {
		out, err = s.createTask(ctx, tx, p, planID, in, nil)
		return err
	})
	return out, err
}

func (s *Service) createTask(ctx context.Context, tx Tx, p auth.Principal, planID string, in NewTask, src *Source) (Task, error) {
	now := s.now()
	t := Task{ID: borderlink.NewID(), Origin: s.self, Created: now, Updated: now, Notes: []ProgressNote{}, Source: src}
	if err := s.needs(ctx, tx, p, auth.PermPlansWrite, actTaskCreate, objTask, t.ID); err != nil {
		return Task{}, err
	}
	pl, err := s.plan(ctx, tx, strings.TrimSpace(planID))
	if err != nil {
		return Task{}, err
	}
	if pl.Origin != s.self && !pl.Bilateral {
		return Task{}, errNotShared()
	}
	if err := s.checker(true).taskFields(&t, in, pl, nil, false, recordkit.DefaultLang(p, s.country)); err != nil {
		return Task{}, err
	}
	if err := s.canWrite(ctx, tx, p, actTaskCreate, objTask, t.ID, t.AccountableUnit, s.leadUnit(pl)); err != nil {
		return Task{}, err
	}
	if err := s.saveTask(ctx, tx, pl, &t, nil); err != nil {
		return Task{}, err
	}
	detail := "plan " + pl.ID + ", unit " + t.AccountableUnit + ", deadline " + t.Deadline.String()
	if src != nil {
		detail += ", conference " + src.ConferenceID + " decision " + src.DecisionID
	}
	return t, s.record(ctx, tx, recordkit.OK(p, actTaskCreate, objTask, t.ID, detail))
}

// leadUnit is the unit that assigns tasks on pl: its owner unit on this
// node's plan, none on the partner's.
func (s *Service) leadUnit(pl Plan) string {
	if pl.Origin == s.self {
		return pl.OwnerUnit
	}
	return ""
}

// saveTask stores a task of this node and publishes it when its plan is
// shared: released by this node, or the partner's, with the value of its
// indicator computed by c (nil: a new computation).
func (s *Service) saveTask(ctx context.Context, tx Tx, pl Plan, t *Task, c *calc) error {
	shared := pl.Origin != s.self || !pl.Released.IsZero()
	if shared && t.Released.IsZero() {
		t.Released = t.Updated
	}
	if shared && t.Indicator.Kind.Computed() {
		if c == nil {
			c = s.calc(s.today())
		}
		if v, ok := c.value(ctx, pl, s.self, t.Indicator); ok {
			t.Indicator.Actual, t.Indicator.AsOf = v, c.asOf
		}
	}
	if err := tx.Plans().PutTask(ctx, *t); err != nil {
		return wrapErr("save task", err)
	}
	if !shared {
		return nil
	}
	return s.sendTask(ctx, tx, pl, *t)
}

// ownTask loads one of this node's tasks for p to change: p holds
// plans.write over its accountable unit or, on this node's plan, over the
// plan's owner unit.
func (s *Service) ownTask(ctx context.Context, tx Tx, p auth.Principal, id, action string) (Task, Plan, error) {
	if err := s.needs(ctx, tx, p, auth.PermPlansWrite, action, objTask, id); err != nil {
		return Task{}, Plan{}, err
	}
	t, err := load(ctx, "task", id, tx.Plans().Task)
	if err != nil {
		return Task{}, Plan{}, err
	}
	if t.Origin != s.self {
		return Task{}, Plan{}, s.deny(ctx, tx, p, action, objTask, id, errNotOwner(t.Origin))
	}
	pl, err := s.plan(ctx, tx, t.PlanID)
	if err != nil {
		return Task{}, Plan{}, err
	}
	if err := s.canWrite(ctx, tx, p, action, objTask, id, t.AccountableUnit, s.leadUnit(pl)); err != nil {
		return Task{}, Plan{}, err
	}
	return t, pl, nil
}

// UpdateTask changes one of this node's tasks (not its progress: see
// UpdateProgress). Milestones keep whether they are done.
//
// Errors: ENotFound; EForbidden (audited) when the task is the partner's
// (error.plans_not_owner) or p may not change it; EInvalid as CreateTask.
func (s *Service) UpdateTask(ctx context.Context, p auth.Principal, id string, in NewTask) (Task, error) {
	var out Task
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		t, pl, err := s.ownTask(ctx, tx, p, id, actTaskUpdate)
		if err != nil {
			return err
		}
		old := t
		if err := s.checker(true).taskFields(&t, in, pl, old.Milestones, false, old.Lang); err != nil {
			return err
		}
		if t.AccountableUnit != old.AccountableUnit {
			if err := s.canWrite(ctx, tx, p, actTaskUpdate, objTask, id, t.AccountableUnit, s.leadUnit(pl)); err != nil {
				return err
			}
		}
		if t.Indicator.Kind == IndicatorManual && old.Indicator.Kind == IndicatorManual && in.Indicator.Actual == 0 {
			t.Indicator.Actual = old.Indicator.Actual // the result is reported with the progress
		}
		t.Updated = recordkit.Bump(s.now(), old.Updated)
		if err := s.saveTask(ctx, tx, pl, &t, nil); err != nil {
			return err
		}
		out = t
		return s.record(ctx, tx, recordkit.OK(p, actTaskUpdate, objTask, id, "unit "+t.AccountableUnit+", deadline "+t.Deadline.String()))
	})
	return out, err
}

// NewProgress is a report of progress on a task.
type NewProgress struct {
	Percent int    `json:"percent"`
	Note    string `json:"note"`
	// Done are the ids of the milestones now done (the others are not).
	Done []string `json:"done"`
	// Actual is the result reached so far, for a manual indicator.
	Actual *float64 `json:"actual,omitempty"`
}

// UpdateProgress reports progress on one of this node's tasks, today: the
// percentage done, the milestones done, a note, and for a manual
// indicator the result so far. A task at 100 % has every milestone done.
//
// Errors: as UpdateTask; EInvalid for a percentage outside 0..100
// (error.plans_percent), an unknown milestone, 100 % with a milestone
// open (error.plans_milestones_open).
func (s *Service) UpdateProgress(ctx context.Context, p auth.Principal, id string, in NewProgress) (Task, error) {
	var out Task
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		t, pl, err := s.ownTask(ctx, tx, p, id, actTaskProgress)
		if err != nil {
			return err
		}
		if in.Percent < 0 || in.Percent > 100 {
			return errPercent(in.Percent)
		}
		for _, d := range in.Done {
			if !slices.ContainsFunc(t.Milestones, func(m Milestone) bool { return m.ID == d }) {
				return errMilestoneUnknown(d)
			}
		}
		open := false
		for i := range t.Milestones {
			t.Milestones[i].Done = slices.Contains(in.Done, t.Milestones[i].ID)
			open = open || !t.Milestones[i].Done
		}
		if in.Percent == 100 && open {
			return errMilestonesOpen()
		}
		if in.Actual != nil {
			if t.Indicator.Kind != IndicatorManual || math.IsNaN(*in.Actual) || *in.Actual < 0 || *in.Actual > MaxTarget {
				return errActual()
			}
			t.Indicator.Actual = *in.Actual
		}
		note, err := rules.Clean("note", in.Note, MaxText, true)
		if err != nil {
			return err
		}
		t.Percent = in.Percent
		t.Notes = append(t.Notes, ProgressNote{Day: s.today(), Percent: in.Percent, Text: note, By: s.who(p)})
		if len(t.Notes) > MaxNotes {
			t.Notes = t.Notes[len(t.Notes)-MaxNotes:]
		}
		t.Updated = recordkit.Bump(s.now(), t.Updated)
		if err := s.saveTask(ctx, tx, pl, &t, nil); err != nil {
			return err
		}
		out = t
		return s.record(ctx, tx, recordkit.OK(p, actTaskProgress, objTask, id, "percent "+itoa(t.Percent)))
	})
	return out, err
}

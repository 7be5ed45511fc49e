package plans

import (
	"context"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// TaskStatus is a task as a progress page shows it: where it stands and
// its indicator's value against the target.
type TaskStatus struct {
	Task   Task   `json:"task"`
	Status Status `json:"status"`
	// Own is true for this node's tasks (the ones it may update).
	Own bool `json:"own"`
	// Actual is the indicator's value; Computed is false when it could not
	// be known (no statistics here, or the partner published none yet).
	Actual   float64 `json:"actual"`
	Computed bool    `json:"computed"`
	// Reached is Actual as a share of the target, in percent.
	Reached float64 `json:"reached"`
}

// Progress is the progress page of a plan on a day: every task of both
// sides with its status, and the counts by status.
type Progress struct {
	Plan      Plan            `json:"plan"`
	Agreement Agreement       `json:"agreement"`
	AsOf      borderlink.Date `json:"as_of"`
	Tasks     []TaskStatus    `json:"tasks"`
	// ByStatus counts the tasks of each status; Percent is the mean
	// percentage done over every task.
	ByStatus map[Status]int `json:"by_status"`
	Percent  float64        `json:"percent"`
}

// PlanProgress returns plan planID as it stands on asOf (zero: today) with
// every task of both sides, by deadline. The reading is audited, once for
// the plan.
//
// Errors: EForbidden when p holds plans.read nowhere; ENotFound.
func (s *Service) PlanProgress(ctx context.Context, p auth.Principal, planID string, asOf borderlink.Date) (Progress, error) {
	if asOf.IsZero() {
		asOf = s.today()
	}
	out := Progress{AsOf: asOf, ByStatus: map[Status]int{}}
	var tasks []Task
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermPlansRead, actProgressRead, objPlan, planID); err != nil {
			return err
		}
		pl, err := s.plan(ctx, tx, strings.TrimSpace(planID))
		if err != nil {
			return err
		}
		if out.Agreement, err = s.agreement(ctx, tx, pl.AgreementID); err != nil {
			return err
		}
		out.Plan = pl
		return s.record(ctx, tx, recordkit.OK(p, actProgressRead, objPlan, pl.ID, "as of "+asOf.String()))
	})
	if err != nil {
		return Progress{}, err
	}
	// The tasks are read in a read-only transaction of their own, after
	// the reading is audited: a large plan's tasks take a while to read,
	// and must not hold the write lock the audit entry takes.
	err = s.db.View(ctx, func(tx Tx) (err error) {
		tasks, err = tx.Plans().Tasks(ctx, out.Plan.ID)
		return wrapErr("tasks", err)
	})
	if err != nil {
		return Progress{}, err
	}
	// The statistics are asked after the transaction, in their own: a
	// plan's figures need not hold the write lock the audit entry took.
	c := s.calc(asOf)
	out.Tasks = make([]TaskStatus, len(tasks))
	sum := 0
	for i, t := range tasks {
		out.Tasks[i] = s.status(ctx, c, out.Plan, t, asOf)
		out.ByStatus[out.Tasks[i].Status]++
		sum += t.Percent
	}
	if len(tasks) > 0 {
		out.Percent = float64(sum) / float64(len(tasks))
	}
	return out, nil
}

// status derives the status and indicator value of t on asOf.
func (s *Service) status(ctx context.Context, c *calc, pl Plan, t Task, asOf borderlink.Date) TaskStatus {
	ts := TaskStatus{Task: t, Status: DeriveStatus(t, asOf), Own: t.Origin == s.self}
	ts.Actual, ts.Computed = c.value(ctx, pl, t.Origin, t.Indicator)
	if t.Indicator.Target > 0 {
		ts.Reached = 100 * ts.Actual / t.Indicator.Target
	}
	return ts
}

// Overdue returns the tasks of both sides kept here whose deadline has
// passed on asOf (zero: today) and that are not done, the longest overdue
// first: the node's overdue alerts. The reading is audited.
//
// Errors: EForbidden when p holds plans.read nowhere.
func (s *Service) Overdue(ctx context.Context, p auth.Principal, asOf borderlink.Date) ([]TaskStatus, error) {
	if asOf.IsZero() {
		asOf = s.today()
	}
	var tasks []Task
	plans := map[string]Plan{}
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermPlansRead, actOverdueRead, objTask, ""); err != nil {
			return err
		}
		var err error
		if tasks, err = tx.Plans().OverdueTasks(ctx, asOf); err != nil {
			return wrapErr("overdue tasks", err)
		}
		for _, t := range tasks {
			if _, ok := plans[t.PlanID]; !ok {
				if plans[t.PlanID], err = s.plan(ctx, tx, t.PlanID); err != nil {
					return err
				}
			}
		}
		return s.record(ctx, tx, recordkit.OK(p, actOverdueRead, objTask, "", "as of "+asOf.String()+": "+itoa(len(tasks))+" tasks"))
	})
	if err != nil {
		return nil, err
	}
	c := s.calc(asOf)
	out := make([]TaskStatus, len(tasks))
	for i, t := range tasks {
		out[i] = s.status(ctx, c, plans[t.PlanID], t, asOf)
	}
	return out, nil
}

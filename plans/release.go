package plans

import (
	"context"
	"fmt"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Release is what goes to the other side: an agreement, a plan, a task or
// a conference as it now stands. Federation puts it in an envelope; the
// receiving node hands it to ApplyRelease.
//
// Where it goes: when PlanOrigin is this node, to the nodes serving
// PartnerUnits; otherwise to PlanOrigin, the node that owns the plan a
// task is on.
type Release struct {
	Kind       string      `json:"kind"` // KindAgreement, KindPlan, KindTask or KindConference
	Agreement  *Agreement  `json:"agreement,omitempty"`
	Plan       *Plan       `json:"plan,omitempty"`
	Task       *Task       `json:"task,omitempty"`
	Conference *Conference `json:"conference,omitempty"`
	// PlanOrigin owns the plan (for a task) or the record itself;
	// PartnerUnits are the units of the other side it is shared with.
	PlanOrigin   borderlink.NodeID `json:"plan_origin"`
	PartnerUnits []string          `json:"partner_units"`
}

// RecordID returns the id of the record r carries, "" when none.
func (r Release) RecordID() string {
	switch {
	case r.Agreement != nil:
		return r.Agreement.ID
	case r.Plan != nil:
		return r.Plan.ID
	case r.Task != nil:
		return r.Task.ID
	case r.Conference != nil:
		return r.Conference.ID
	}
	return ""
}

// Release shares one of this node's bilateral plans with the partner: it
// marks the plan released and publishes, in one transaction, its
// agreement (when this node's), the plan and this node's tasks on it. From
// then on every change to the plan's tasks on this node is published too.
// Releasing again publishes everything again.
//
// Errors: ENotFound; EForbidden (audited) when the plan is the partner's
// or p holds no plans.write over its owner unit; EInvalid
// (error.plans_no_partner) when the plan is not bilateral.
func (s *Service) Release(ctx context.Context, p auth.Principal, planID string) (Plan, error) {
	var out Plan
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermPlansWrite, actPlanRelease, objPlan, planID); err != nil {
			return err
		}
		pl, err := s.plan(ctx, tx, strings.TrimSpace(planID))
		if err != nil {
			return err
		}
		if pl.Origin != s.self {
			return s.deny(ctx, tx, p, actPlanRelease, objPlan, pl.ID, errNotOwner(pl.Origin))
		}
		if err := s.canWrite(ctx, tx, p, actPlanRelease, objPlan, pl.ID, pl.OwnerUnit); err != nil {
			return err
		}
		if !pl.Bilateral {
			return errNoPartner()
		}
		out, err = s.release(ctx, tx, p, pl)
		return err
	})
	return out, err
}

// release marks pl released and publishes it with its agreement and this
// node's tasks on it.
func (s *Service) release(ctx context.Context, tx Tx, p auth.Principal, pl Plan) (Plan, error) {
	now := s.now()
	if pl.Released.IsZero() {
		pl.Released = now
		if err := tx.Plans().PutPlan(ctx, pl); err != nil {
			return Plan{}, wrapErr("release plan", err)
		}
	}
	a, err := s.agreement(ctx, tx, pl.AgreementID)
	if err != nil {
		return Plan{}, err
	}
	if a.Origin == s.self {
		if a.Released.IsZero() {
			a.Released = now
			if err := tx.Plans().PutAgreement(ctx, a); err != nil {
				return Plan{}, wrapErr("release agreement", err)
			}
		}
		if err := s.send(ctx, tx, Release{Kind: KindAgreement, Agreement: &a, PlanOrigin: s.self, PartnerUnits: pl.PartnerUnits}); err != nil {
			return Plan{}, err
		}
	}
	if err := s.send(ctx, tx, Release{Kind: KindPlan, Plan: &pl, PlanOrigin: s.self, PartnerUnits: pl.PartnerUnits}); err != nil {
		return Plan{}, err
	}
	tasks, err := tx.Plans().Tasks(ctx, pl.ID)
	if err != nil {
		return Plan{}, wrapErr("tasks", err)
	}
	c := s.calc(s.today())
	for _, listed := range tasks {
		if listed.Origin != s.self {
			continue
		}
		// A listed task carries its last note only: the whole one is sent.
		t, err := tx.Plans().Task(ctx, listed.ID)
		if err != nil {
			return Plan{}, wrapErr("task "+listed.ID, err)
		}
		if err := s.saveTask(ctx, tx, pl, &t, c); err != nil {
			return Plan{}, err
		}
	}
	return pl, s.record(ctx, tx, recordkit.OK(p, actPlanRelease, objPlan, pl.ID,
		"to "+strings.Join(pl.PartnerUnits, " ")+", "+itoa(len(tasks))+" tasks"))
}

// sendTask publishes t, a task of this node on the shared plan pl.
func (s *Service) sendTask(ctx context.Context, tx Tx, pl Plan, t Task) error {
	return s.send(ctx, tx, Release{Kind: KindTask, Task: &t, PlanOrigin: pl.Origin, PartnerUnits: pl.PartnerUnits})
}

// send hands r to Options.Publish.
func (s *Service) send(ctx context.Context, tx Tx, r Release) error {
	if s.publish == nil {
		return nil
	}
	if err := s.publish(ctx, tx, r); err != nil {
		return fmt.Errorf("plans: publish %s %s: %w", r.Kind, r.RecordID(), err)
	}
	recordkit.Published(ctx)
	return nil
}

package plans

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Lists of the records kept here, the node's and the partner's released
// ones, for the pages that lead to an agreement, a plan or a conference.
// Each listing is audited once.
const (
	actAgreementList  = "plans.agreement_list"
	actConferenceList = "plans.conference_list"
	actTaskRead       = "plans.task_read"
)

// Agreements returns every agreement kept here, the latest valid first,
// with the plans under each.
//
// Errors: EForbidden when p holds plans.read nowhere.
func (s *Service) Agreements(ctx context.Context, p auth.Principal) ([]AgreementFile, error) {
	var out []AgreementFile
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermPlansRead, actAgreementList, objAgreement, ""); err != nil {
			return err
		}
		as, err := tx.Plans().Agreements(ctx)
		if err != nil {
			return wrapErr("agreements", err)
		}
		all, err := tx.Plans().Plans(ctx, "")
		if err != nil {
			return wrapErr("plans", err)
		}
		out = make([]AgreementFile, len(as))
		at := map[string]int{}
		for i, a := range as {
			out[i], at[a.ID] = AgreementFile{Agreement: a, Plans: []Plan{}}, i
		}
		for _, pl := range all {
			if i, ok := at[pl.AgreementID]; ok {
				out[i].Plans = append(out[i].Plans, pl)
			}
		}
		return s.record(ctx, tx, recordkit.OK(p, actAgreementList, objAgreement, "", itoa(len(as))+" agreements"))
	})
	return out, err
}

// Conferences returns every conference kept here, the latest first.
//
// Errors: EForbidden when p holds plans.read nowhere.
func (s *Service) Conferences(ctx context.Context, p auth.Principal) ([]Conference, error) {
	var out []Conference
	err := s.update(ctx, func(ctx context.Context, tx Tx) (err error) {
		if err := s.needs(ctx, tx, p, auth.PermPlansRead, actConferenceList, objConference, ""); err != nil {
			return err
		}
		if out, err = tx.Plans().Conferences(ctx); err != nil {
			return wrapErr("conferences", err)
		}
		return s.record(ctx, tx, recordkit.OK(p, actConferenceList, objConference, "", itoa(len(out))+" conferences"))
	})
	return out, err
}

// Task returns task id, this node's or the partner's, with every progress
// note, its status on asOf (zero: today) and its indicator's value. The
// reading is audited.
//
// Errors: EForbidden when p holds plans.read nowhere; ENotFound.
func (s *Service) Task(ctx context.Context, p auth.Principal, id string, asOf borderlink.Date) (TaskStatus, error) {
	if asOf.IsZero() {
		asOf = s.today()
	}
	var t Task
	var pl Plan
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermPlansRead, actTaskRead, objTask, id); err != nil {
			return err
		}
		var err error
		if t, err = load(ctx, "task", id, tx.Plans().Task); err != nil {
			return err
		}
		if pl, err = s.plan(ctx, tx, t.PlanID); err != nil {
			return err
		}
		return s.record(ctx, tx, recordkit.OK(p, actTaskRead, objTask, id, "plan "+pl.ID))
	})
	if err != nil {
		return TaskStatus{}, err
	}
	return s.status(ctx, s.calc(asOf), pl, t, asOf), nil
}

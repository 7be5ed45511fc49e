package plans

import (
	"context"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Plan is an annual cooperation plan or a peak campaign under an
// agreement, over a period within the agreement's validity.
type Plan struct {
	ID          string            `json:"id"`
	Origin      borderlink.NodeID `json:"origin"`
	AgreementID string            `json:"agreement_id"`
	Kind        PlanKind          `json:"kind"`
	Title       string            `json:"title"`
	Lang        borderlink.Lang   `json:"lang"`
	// OwnerUnit leads the plan on the origin's side.
	OwnerUnit string          `json:"owner_unit"`
	From      borderlink.Date `json:"from"`
	To        borderlink.Date `json:"to"`
	// Provinces and Drugs are where and what the plan is about (a
	// campaign's provinces): the default filter of its tasks' indicators.
	// Empty: everywhere, every drug.
	Provinces []string `json:"provinces"`
	Drugs     []string `json:"drugs"`
	// Bilateral plans name the units of the partner country they are
	// carried out with, and are shared with the partner's node.
	Bilateral    bool      `json:"bilateral"`
	PartnerUnits []string  `json:"partner_units"`
	Created      time.Time `json:"created"`
	Updated      time.Time `json:"updated"`
	Released     time.Time `json:"released,omitzero"`
}

// NewPlan is what a user writes to create a plan.
type NewPlan struct {
	AgreementID  string          `json:"agreement_id"`
	Kind         PlanKind        `json:"kind"`
	Title        string          `json:"title"`
	Lang         borderlink.Lang `json:"lang"`
	OwnerUnit    string          `json:"owner_unit"`
	From         borderlink.Date `json:"from"`
	To           borderlink.Date `json:"to"`
	Provinces    []string        `json:"provinces"`
	Drugs        []string        `json:"drugs"`
	Bilateral    bool            `json:"bilateral"`
	PartnerUnits []string        `json:"partner_units"`
	// Release shares the new bilateral plan with the partner at once.
	Release bool `json:"release,omitempty"`
}

func (pl Plan) input() NewPlan {
	return NewPlan{AgreementID: pl.AgreementID, Kind: pl.Kind, Title: pl.Title, Lang: pl.Lang, OwnerUnit: pl.OwnerUnit, From: pl.From,
		To: pl.To, Provinces: pl.Provinces, Drugs: pl.Drugs, Bilateral: pl.Bilateral, PartnerUnits: pl.PartnerUnits}
}

// planFields checks in against its agreement and the other plans under it
// (siblings, without pl itself) and sets its fields on pl.
func (c checker) planFields(pl *Plan, in NewPlan, a Agreement, siblings []Plan, fallback borderlink.Lang) error {
	var err error
	pl.AgreementID = a.ID
	if pl.Kind, err = recordkit.Choice(&rules, "plan_kind", PlanKind(strings.ToLower(string(in.Kind))), PlanKinds()); err != nil {
		return err
	}
	if pl.Title, err = title("title", in.Title); err != nil {
		return err
	}
	if pl.Lang, err = lang(in.Lang, fallback); err != nil {
		return err
	}
	if pl.OwnerUnit, err = c.ownerUnit("owner_unit", in.OwnerUnit); err != nil {
		return err
	}
	if err := period("period", in.From, in.To); err != nil {
		return err
	}
	if !in.From.Within(a.ValidFrom, a.ValidTo) || !in.To.Within(a.ValidFrom, a.ValidTo) {
		return errOutsideAgreement(a.ValidFrom, a.ValidTo)
	}
	pl.From, pl.To = in.From, in.To
	if pl.Kind == PlanAnnual {
		for _, o := range siblings {
			if o.ID != pl.ID && o.Kind == PlanAnnual && o.Origin == pl.Origin && !o.To.Before(pl.From) && !pl.To.Before(o.From) {
				return errOverlap(o.Title, o.From, o.To)
			}
		}
	}
	if pl.Provinces, err = c.provinces("provinces", in.Provinces); err != nil {
		return err
	}
	if pl.Drugs, err = c.drugs(in.Drugs); err != nil {
		return err
	}
	if pl.PartnerUnits, err = c.partners("partner_units", in.PartnerUnits, MaxParties); err != nil {
		return err
	}
	pl.Bilateral = in.Bilateral
	if pl.Bilateral != (len(pl.PartnerUnits) > 0) {
		return errNoPartner()
	}
	return nil
}

// CreatePlan creates a plan owned by this node under an agreement kept
// here (this node's or the partner's), led by a unit of this country over
// which p holds plans.write. With in.Release a bilateral plan is shared at
// once (see Release).
//
// Errors: EForbidden (audited) when p may not; ENotFound for an unknown
// agreement; EInvalid for a bad field: a period that runs backwards
// (error.plans_dates_backwards), lies outside the agreement's validity
// (error.plans_outside_agreement) or, for an annual plan, overlaps another
// annual plan under the agreement (error.plans_plan_overlap).
func (s *Service) CreatePlan(ctx context.Context, p auth.Principal, in NewPlan) (Plan, error) {
	var out Plan
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		now := s.now()
		pl := Plan{ID: borderlink.NewID(), Origin: s.self, Created: now, Updated: now}
		if err := s.needs(ctx, tx, p, auth.PermPlansWrite, actPlanCreate, objPlan, pl.ID); err != nil {
			return err
		}
		a, err := s.agreement(ctx, tx, strings.TrimSpace(in.AgreementID))
		if err != nil {
			return err
		}
		siblings, err := tx.Plans().Plans(ctx, a.ID)
		if err != nil {
			return wrapErr("plans", err)
		}
		if err := s.checker(true).planFields(&pl, in, a, siblings, recordkit.DefaultLang(p, s.country)); err != nil {
			return err
		}
		if err := s.canWrite(ctx, tx, p, actPlanCreate, objPlan, pl.ID, pl.OwnerUnit); err != nil {
			return err
		}
		if in.Release && !pl.Bilateral {
			return errNoPartner()
		}
		if err := tx.Plans().PutPlan(ctx, pl); err != nil {
			return wrapErr("create plan", err)
		}
		if err := s.record(ctx, tx, recordkit.OK(p, actPlanCreate, objPlan, pl.ID,
			string(pl.Kind)+" "+pl.From.String()+".."+pl.To.String()+", agreement "+a.ID)); err != nil {
			return err
		}
		out = pl
		if in.Release {
			out, err = s.release(ctx, tx, p, pl)
		}
		return err
	})
	return out, err
}

// plan loads plan id, or ENotFound with the package's key.
func (s *Service) plan(ctx context.Context, tx Tx, id string) (Plan, error) {
	return load(ctx, "plan", id, tx.Plans().Plan)
}

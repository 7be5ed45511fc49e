package plans

import (
	"context"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Agreement is a memorandum, protocol or annual agreement signed by units
// of both countries; plans are carried out under it.
type Agreement struct {
	ID     string            `json:"id"`
	Origin borderlink.NodeID `json:"origin"`
	Kind   AgreementKind     `json:"kind"`
	Title  string            `json:"title"`
	Lang   borderlink.Lang   `json:"lang"`
	// Parties are the signing units of both countries; OwnerUnit is the
	// party of the origin's country that keeps the agreement.
	Parties   []string        `json:"parties"`
	OwnerUnit string          `json:"owner_unit"`
	Signed    borderlink.Date `json:"signed"`
	ValidFrom borderlink.Date `json:"valid_from"`
	ValidTo   borderlink.Date `json:"valid_to"`
	Reference string          `json:"reference"` // its number, as written ("01/2026/BB-BCA-BAN")
	Created   time.Time       `json:"created"`
	Updated   time.Time       `json:"updated"`
	Released  time.Time       `json:"released,omitzero"` // zero: never sent to the partner
}

// NewAgreement is what a user writes to record an agreement.
type NewAgreement struct {
	Kind      AgreementKind   `json:"kind"`
	Title     string          `json:"title"`
	Lang      borderlink.Lang `json:"lang"` // "": the writer's language
	Parties   []string        `json:"parties"`
	OwnerUnit string          `json:"owner_unit"` // "": the first party of this country
	Signed    borderlink.Date `json:"signed"`
	ValidFrom borderlink.Date `json:"valid_from"`
	ValidTo   borderlink.Date `json:"valid_to"`
	Reference string          `json:"reference"`
}

func (a Agreement) input() NewAgreement {
	return NewAgreement{Kind: a.Kind, Title: a.Title, Lang: a.Lang, Parties: a.Parties, OwnerUnit: a.OwnerUnit, Signed: a.Signed,
		ValidFrom: a.ValidFrom, ValidTo: a.ValidTo, Reference: a.Reference}
}

// agreementFields checks in and sets its fields on a.
func (c checker) agreementFields(a *Agreement, in NewAgreement, fallback borderlink.Lang) error {
	var err error
	if a.Kind, err = recordkit.Choice(&rules, "kind", AgreementKind(strings.ToLower(string(in.Kind))), AgreementKinds()); err != nil {
		return err
	}
	if a.Title, err = title("title", in.Title); err != nil {
		return err
	}
	if a.Lang, err = lang(in.Lang, fallback); err != nil {
		return err
	}
	if a.Parties, err = c.units("parties", in.Parties, MaxParties); err != nil {
		return err
	}
	mine, theirs := "", ""
	for _, u := range a.Parties {
		if c.own(u) && mine == "" {
			mine = u
		} else if !c.own(u) && theirs == "" {
			theirs = u
		}
	}
	if mine == "" || theirs == "" {
		return errPartiesBoth()
	}
	a.OwnerUnit = mine
	if strings.TrimSpace(in.OwnerUnit) != "" {
		if a.OwnerUnit, err = c.ownerUnit("owner_unit", in.OwnerUnit); err != nil {
			return err
		}
	}
	// A day's grace: a paper signed today in Vientiane may reach a node
	// whose clock is still on yesterday's date.
	if err := rules.CheckDay("signed", in.Signed, c.s.today().AddDays(1)); err != nil {
		return err
	}
	if err := period("valid", in.ValidFrom, in.ValidTo); err != nil {
		return err
	}
	if in.Signed.After(in.ValidTo) {
		return errBackwards("signed", in.Signed, in.ValidTo)
	}
	a.Signed, a.ValidFrom, a.ValidTo = in.Signed, in.ValidFrom, in.ValidTo
	a.Reference, err = rules.Clean("reference", in.Reference, MaxRef, false)
	return err
}

// CreateAgreement records an agreement owned by this node, kept by a party
// of this country over which p holds plans.write.
//
// Errors: EForbidden (audited) when p may not; EInvalid for a bad field:
// parties not of both countries (error.plans_parties_both), validity or
// signature dates that run backwards (error.plans_dates_backwards).
func (s *Service) CreateAgreement(ctx context.Context, p auth.Principal, in NewAgreement) (Agreement, error) {
	var out Agreement
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		now := s.now()
		a := Agreement{ID: borderlink.NewID(), Origin: s.self, Created: now, Updated: now}
		if err := s.needs(ctx, tx, p, auth.PermPlansWrite, actAgreementCreate, objAgreement, a.ID); err != nil {
			return err
		}
		if err := s.checker(true).agreementFields(&a, in, recordkit.DefaultLang(p, s.country)); err != nil {
			return err
		}
		if err := s.canWrite(ctx, tx, p, actAgreementCreate, objAgreement, a.ID, a.OwnerUnit); err != nil {
			return err
		}
		if err := tx.Plans().PutAgreement(ctx, a); err != nil {
			return wrapErr("create agreement", err)
		}
		out = a
		return s.record(ctx, tx, recordkit.OK(p, actAgreementCreate, objAgreement, a.ID,
			string(a.Kind)+" "+recordkit.Clip(a.Reference, 60)+", parties "+strings.Join(a.Parties, " ")))
	})
	return out, err
}

// AgreementFile is an agreement with the plans under it.
type AgreementFile struct {
	Agreement Agreement `json:"agreement"`
	Plans     []Plan    `json:"plans"`
}

// Agreement returns agreement id, this node's or a partner's released
// here, with its plans. The reading is audited.
//
// Errors: EForbidden when p holds plans.read nowhere; ENotFound.
func (s *Service) Agreement(ctx context.Context, p auth.Principal, id string) (AgreementFile, error) {
	var f AgreementFile
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermPlansRead, actAgreementRead, objAgreement, id); err != nil {
			return err
		}
		a, err := s.agreement(ctx, tx, id)
		if err != nil {
			return err
		}
		if f.Plans, err = tx.Plans().Plans(ctx, id); err != nil {
			return wrapErr("plans", err)
		}
		f.Agreement = a
		return s.record(ctx, tx, recordkit.OK(p, actAgreementRead, objAgreement, id, ""))
	})
	return f, err
}

// agreement loads agreement id, or ENotFound with the package's key.
func (s *Service) agreement(ctx context.Context, tx Tx, id string) (Agreement, error) {
	return load(ctx, "agreement", id, tx.Plans().Agreement)
}

// load returns record id (a what) by get, or ENotFound with the package's
// key; an id that could not be a key is not looked up.
func load[T any](ctx context.Context, what, id string, get func(context.Context, string) (T, error)) (T, error) {
	var zero T
	if rules.CheckID(id) != nil {
		return zero, errNotFound(what, id)
	}
	v, err := get(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return zero, errNotFound(what, id)
	}
	return v, wrapErr(what+" "+id, err)
}

package communes

import (
	"context"
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// DistrictRecognition is the recognition of a district as drug-free by its
// province (or the ministry). It is decided when enough of the district's
// communes are recognised (Basis), and stands until revoked.
type DistrictRecognition struct {
	ID       string         `json:"id"`
	District string         `json:"district"`
	Province string         `json:"province"`
	Status   DistrictStatus `json:"status"`
	Decision Decision       `json:"decision"`
	// Basis is what the decision rested on: the district's communes and
	// how many of them were recognised on the day of the decision, and the
	// share the criteria then in force required.
	Basis      DistrictBasis `json:"basis"`
	Revocation *Revocation   `json:"revocation,omitempty"`
	Note       string        `json:"note,omitempty"`
	Created    time.Time     `json:"created"`
	Updated    time.Time     `json:"updated"`
}

// DistrictBasis is the count behind a district recognition.
type DistrictBasis struct {
	Communes   int    `json:"communes"`
	Recognised int    `json:"recognised"`
	Share      int    `json:"share"` // percent required
	CriteriaID string `json:"criteria_id"`
}

// InForce reports whether the recognition stands on d: decided on or
// before d, and not revoked by then.
func (d DistrictRecognition) InForce(day borderlink.Date) bool {
	if d.Decision.Date.After(day) {
		return false
	}
	return d.Revocation == nil || d.Revocation.Date.After(day)
}

// RecogniseDistrict records the decision recognising a district of the
// node's country, by its province or the ministry (communes.write over a
// unit at the province level or above it). At least the share of the
// district's communes that the criteria in force on the decision date
// name must be recognised on that date, and the district must hold no
// recognition in force.
//
// Errors: EForbidden (audited, error.communes_not_province) when p may
// not decide; EInvalid for a unit that is not a district
// (error.communes_not_district) or a bad field; EConflict
// (error.communes_district_short) when too few communes are recognised,
// (error.communes_district_recognised) when one is in force already.
func (s *Service) RecogniseDistrict(ctx context.Context, p auth.Principal, district string, in NewDecision) (DistrictRecognition, error) {
	var out DistrictRecognition
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		now := s.now()
		d := DistrictRecognition{ID: borderlink.NewID(), Status: DistrictRecognised, Created: now, Updated: now}
		if err := s.needs(ctx, tx, p, auth.PermCommunesWrite, actDistrict, objDistrict, d.ID); err != nil {
			return err
		}
		u, err := s.unitOfRank("district", district, rankDistrict, errNotDistrict)
		if err != nil {
			return err
		}
		d.District, d.Province = u.Code, provinceOf(s.tree(), u.Code)
		unit, err := s.decider(ctx, tx, p, u.Code, actDistrict, objDistrict, d.ID)
		if err != nil {
			return err
		}
		if d.Decision, err = s.checkDecision(in, unit); err != nil {
			return err
		}
		d.Decision.Outcome = OutcomeRecognised
		if !u.ActiveOn(d.Decision.Date) {
			return rules.ErrUnitEnded("district", u.Code)
		}
		if d.Note, err = rules.Clean("note", in.Note, MaxNote, true); err != nil {
			return err
		}
		olds, err := tx.Communes().Districts(ctx, "", u.Code)
		if err != nil {
			return wrapErr("districts", err)
		}
		for _, o := range olds {
			if o.Revocation == nil {
				return errDistrictRecognised(o.Decision.Number)
			}
		}
		c, err := s.criteriaFor(ctx, tx, "", d.Decision.Date)
		if err != nil {
			return err
		}
		events, err := tx.Communes().Events(ctx, d.Province, d.Decision.Date)
		if err != nil {
			return wrapErr("events", err)
		}
		st := standings(events, d.Decision.Date)
		for _, cm := range s.communesUnder(u.Code, d.Decision.Date) {
			d.Basis.Communes++
			if st[cm] == StandingRecognised {
				d.Basis.Recognised++
			}
		}
		d.Basis.Share, d.Basis.CriteriaID = c.DistrictShare, c.ID
		if d.Basis.Communes == 0 || d.Basis.Recognised*100 < c.DistrictShare*d.Basis.Communes {
			return errDistrictShort(d.Basis.Recognised, d.Basis.Communes, c.DistrictShare)
		}
		if err := tx.Communes().PutDistrict(ctx, d); err != nil {
			return wrapErr("put district", err)
		}
		out = d
		return s.record(ctx, tx, recordkit.Entry(p, unit, actDistrict, objDistrict, d.ID, audit.OutcomeOK,
			fmt.Sprintf("%s %s: %d of %d communes", d.District, recordkit.Clip(d.Decision.Number, 60), d.Basis.Recognised, d.Basis.Communes)))
	})
	if err != nil {
		return DistrictRecognition{}, err
	}
	return out, nil
}

// RevokeDistrict withdraws a district's recognition, by its province or
// the ministry, with a reason, on a day not before the decision.
//
// Errors: ENotFound (error.communes_district_not_found); EForbidden
// (audited) as RecogniseDistrict; EConflict
// (error.communes_district_revoked) when it is revoked already; EInvalid
// for a missing reason or a date before the decision.
func (s *Service) RevokeDistrict(ctx context.Context, p auth.Principal, id string, in NewRevocation) (DistrictRecognition, error) {
	var out DistrictRecognition
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermCommunesWrite, actDistrictRevoke, objDistrict, id); err != nil {
			return err
		}
		if rules.CheckID(id) != nil {
			return errDistrictNotFound(id)
		}
		d, err := tx.Communes().District(ctx, id)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return errDistrictNotFound(id)
		}
		if err != nil {
			return wrapErr("district "+id, err)
		}
		unit, err := s.decider(ctx, tx, p, d.District, actDistrictRevoke, objDistrict, id)
		if err != nil {
			return err
		}
		if d.Revocation != nil {
			return errDistrictRevoked()
		}
		rv, err := s.checkRevocation(in, unit)
		if err != nil {
			return err
		}
		if rv.Date.Before(d.Decision.Date) {
			return rules.ErrStatusOrder(rv.Date, d.Decision.Date)
		}
		d.Revocation, d.Status = &rv, DistrictRevoked
		d.Updated = recordkit.Bump(s.now(), d.Updated)
		if err := tx.Communes().PutDistrict(ctx, d); err != nil {
			return wrapErr("put district", err)
		}
		out = d
		return s.record(ctx, tx, recordkit.Entry(p, unit, actDistrictRevoke, objDistrict, id, audit.OutcomeOK, recordkit.Clip(rv.Reason, 100)))
	})
	if err != nil {
		return DistrictRecognition{}, err
	}
	return out, nil
}

// Districts returns the recognitions of district, by decision date. p
// must hold communes.read over it.
func (s *Service) Districts(ctx context.Context, p auth.Principal, district string) ([]DistrictRecognition, error) {
	code := recordkit.FilterUnit(s.tree(), district)
	if !p.CanIn(auth.PermCommunesRead, code, s.tree()) {
		return nil, errForbidden(string(auth.PermCommunesRead))
	}
	var out []DistrictRecognition
	err := s.db.View(ctx, func(tx Tx) (err error) {
		out, err = tx.Communes().Districts(ctx, "", code)
		return wrapErr("districts", err)
	})
	return out, err
}

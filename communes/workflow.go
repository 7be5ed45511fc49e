package communes

import (
	"context"
	"slices"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Step is a dated change of status with a note.
type Step struct {
	Day  borderlink.Date `json:"day"` // default today
	Note string          `json:"note,omitempty"`
}

// Review is the verifier's answer to a submitted self-assessment.
type Review struct {
	Verdict Verdict         `json:"verdict"`
	Day     borderlink.Date `json:"day"` // default today
	// Note says what was checked; it is required when the assessment is
	// returned (it tells the commune what to correct).
	Note string `json:"note"`
}

// NewDecision is the decision on a verified assessment, or on a district.
type NewDecision struct {
	Outcome Outcome         `json:"outcome"` // recognised or rejected (assessments only)
	Number  string          `json:"number"`
	Date    borderlink.Date `json:"date"` // default today
	Signer  string          `json:"signer"`
	Note    string          `json:"note,omitempty"` // required for a rejection: why
}

// NewRevocation withdraws a recognition.
type NewRevocation struct {
	Reason string          `json:"reason"`
	Date   borderlink.Date `json:"date"` // default today
	Number string          `json:"number,omitempty"`
}

// Submit sends a draft or returned self-assessment for verification. p
// must hold communes.write over the commune. Every item needs a result;
// an item met that asks for evidence needs a note or an attachment; an
// item about commitments is met only when the commune has recorded
// commitments for a period overlapping the assessment's.
//
// Errors: as UpdateResults; EConflict (error.communes_status_change) when
// it is not a draft or returned; EInvalid (error.communes_result_missing,
// error.communes_evidence_missing, error.communes_commitments_missing,
// error.communes_before_period, error.communes_status_order) for what is
// missing or a day that runs backwards.
func (s *Service) Submit(ctx context.Context, p auth.Principal, id string, in Step) (Assessment, error) {
	var out Assessment
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.communeAssessment(ctx, tx, p, id, actSubmit)
		if err != nil {
			return err
		}
		a := r.Assessment
		day, err := s.day("day", in.Day)
		if err != nil {
			return err
		}
		if day.Before(a.PeriodFrom) {
			return errBeforePeriod(day, a.PeriodFrom)
		}
		note, err := rules.Clean("note", in.Note, MaxNote, true)
		if err != nil {
			return err
		}
		c, err := tx.Communes().CriteriaSet(ctx, a.CriteriaID)
		if err != nil {
			return wrapErr("criteria "+a.CriteriaID, err)
		}
		if err := s.checkEvidence(ctx, tx, c, a); err != nil {
			return err
		}
		if err := appendTransition(&a, StatusSubmitted, day, who(p), a.Commune, note); err != nil {
			return err
		}
		a.Updated = recordkit.Bump(s.now(), r.Updated)
		out = a
		return s.save(ctx, tx, a, recordkit.OK(p, actSubmit, objAssessment, id, describe(a.Commune, a.PeriodFrom, a.PeriodTo)))
	})
	if err != nil {
		return Assessment{}, err
	}
	return out, nil
}

// checkEvidence checks that a is complete against c.
func (s *Service) checkEvidence(ctx context.Context, tx Tx, c CriteriaSet, a Assessment) error {
	var commitments []Commitments
	for _, it := range c.Items {
		i := slices.IndexFunc(a.Results, func(r Result) bool { return r.Code == it.Code })
		if i < 0 {
			return errResultMissing(it.Code)
		}
		res := a.Results[i]
		if !res.Met {
			continue
		}
		if it.Commitments {
			if commitments == nil {
				var err error
				if commitments, err = tx.Communes().Commitments(ctx, "", a.Commune); err != nil {
					return wrapErr("commitments", err)
				}
			}
			if !slices.ContainsFunc(commitments, func(m Commitments) bool {
				return m.Total() > 0 && overlaps(m.From, m.To, a.PeriodFrom, a.PeriodTo)
			}) {
				return errCommitmentsMissing(it.Code)
			}
			continue
		}
		if it.Evidence && res.Note == "" && !slices.ContainsFunc(a.Attachments, func(at Attachment) bool { return at.Item == it.Code }) {
			return errEvidenceMissing(it.Code)
		}
	}
	return nil
}

// Verify records the verification of a submitted self-assessment by a
// unit strictly above the commune (its district or province), over which
// p holds communes.write: verified, or returned to the commune with a
// note saying what to correct.
//
// Errors: ENotFound when there is no such assessment p may read;
// EForbidden (audited, error.communes_level_above) when p holds
// communes.write only over the commune itself or elsewhere; EConflict
// (error.communes_status_change) when it is not submitted; EInvalid for a
// bad field or a day before the submission.
func (s *Service) Verify(ctx context.Context, p auth.Principal, id string, in Review) (Assessment, error) {
	var out Assessment
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.visible(ctx, tx, p, id, actVerify)
		if err != nil {
			return err
		}
		a := r.Assessment
		unit, ok := s.above(p, auth.PermCommunesWrite, a.Commune, rankDistrict)
		if !ok {
			return s.deny(ctx, tx, p, actVerify, objAssessment, id, errLevelAbove(a.Commune))
		}
		v, err := recordkit.Choice(&rules, "verdict", in.Verdict, Verdicts())
		if err != nil {
			return err
		}
		day, err := s.day("day", in.Day)
		if err != nil {
			return err
		}
		note, err := rules.Clean("note", in.Note, MaxNote, true)
		if err != nil {
			return err
		}
		if v == VerdictReturned && note == "" {
			return rules.ErrRequired("note")
		}
		if err := appendTransition(&a, Status(v), day, who(p), unit, note); err != nil {
			return err
		}
		a.Updated = recordkit.Bump(s.now(), r.Updated)
		out = a
		return s.save(ctx, tx, a, recordkit.Entry(p, unit, actVerify, objAssessment, id, audit.OutcomeOK, string(v)))
	})
	if err != nil {
		return Assessment{}, err
	}
	return out, nil
}

// decider returns the unit at the province level or above over which p
// holds communes.write for unit, or refuses p (audited).
func (s *Service) decider(ctx context.Context, tx Tx, p auth.Principal, unit, action, object, id string) (string, error) {
	by, ok := s.above(p, auth.PermCommunesWrite, unit, rankProvince)
	if !ok {
		return "", s.deny(ctx, tx, p, action, object, id, errNotProvince(unit))
	}
	return by, nil
}

// checkDecision checks the number, date and signer of a decision.
func (s *Service) checkDecision(in NewDecision, unit string) (Decision, error) {
	var d Decision
	var err error
	if d.Number, err = rules.Required("number", in.Number, MaxShort, false); err != nil {
		return d, err
	}
	if d.Signer, err = rules.Required("signer", in.Signer, MaxShort, false); err != nil {
		return d, err
	}
	if d.Date, err = s.day("date", in.Date); err != nil {
		return d, err
	}
	d.Unit = unit
	return d, nil
}

// Decide records the decision on a verified assessment by the commune's
// province or the ministry (communes.write over a unit at the province
// level or above it). A recognition needs an assessment that passes; it
// supersedes the commune's recognition of an earlier period, so that the
// commune holds one recognition at a time. A rejection needs a note.
//
// Errors: ENotFound when there is no such assessment p may read;
// EForbidden (audited, error.communes_not_province) when p may not
// decide; EConflict (error.communes_not_verified) when it is not verified,
// (error.communes_not_passed) for a recognition of an assessment that
// does not pass, (error.communes_recognition_newer) when the commune
// holds the recognition of a later period; EInvalid for a bad field or a
// date before the verification or the superseded decision.
func (s *Service) Decide(ctx context.Context, p auth.Principal, id string, in NewDecision) (Assessment, error) {
	var out Assessment
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.visible(ctx, tx, p, id, actDecide)
		if err != nil {
			return err
		}
		a := r.Assessment
		unit, err := s.decider(ctx, tx, p, a.Commune, actDecide, objAssessment, id)
		if err != nil {
			return err
		}
		if a.Status != StatusVerified {
			return errNotVerified(a.Status)
		}
		o, err := recordkit.Choice(&rules, "outcome", in.Outcome, Outcomes())
		if err != nil {
			return err
		}
		d, err := s.checkDecision(in, unit)
		if err != nil {
			return err
		}
		d.Outcome = o
		note, err := rules.Clean("note", in.Note, MaxNote, true)
		if err != nil {
			return err
		}
		var es []auditEntry
		if o == OutcomeRejected && note == "" {
			return rules.ErrRequired("note")
		}
		if o == OutcomeRecognised {
			if !a.Passed {
				c, err := tx.Communes().CriteriaSet(ctx, a.CriteriaID)
				if err != nil {
					return wrapErr("criteria "+a.CriteriaID, err)
				}
				return errNotPassed(a.Score, c.Threshold)
			}
			if es, err = s.supersede(ctx, tx, p, a, d); err != nil {
				return err
			}
		}
		if err := appendTransition(&a, Status(o), d.Date, who(p), unit, note); err != nil {
			return err
		}
		a.Decision = &d
		a.Updated = recordkit.Bump(s.now(), r.Updated)
		out = a
		es = append(es, recordkit.Entry(p, unit, actDecide, objAssessment, id, audit.OutcomeOK, string(o)+" "+recordkit.Clip(d.Number, 60)))
		return s.save(ctx, tx, a, es...)
	})
	if err != nil {
		return Assessment{}, err
	}
	return out, nil
}

// supersede ends the recognition the commune of a holds, for the
// recognition d of a: only one of an earlier period, decided no later
// than d, may be superseded.
func (s *Service) supersede(ctx context.Context, tx Tx, p auth.Principal, a Assessment, d Decision) ([]auditEntry, error) {
	others, _, err := tx.Communes().FindAssessments(ctx, AssessmentSelect{Commune: a.Commune, Status: StatusRecognised})
	if err != nil {
		return nil, wrapErr("recognitions of "+a.Commune, err)
	}
	var es []auditEntry
	for _, o := range others {
		if o.ID == a.ID {
			continue
		}
		if o.PeriodFrom.After(a.PeriodTo) {
			return nil, errRecognitionNewer(o.PeriodTo)
		}
		old := o.Assessment
		if err := appendTransition(&old, StatusSuperseded, d.Date, who(p), d.Unit, d.Number); err != nil {
			return nil, err
		}
		old.Updated = recordkit.Bump(s.now(), o.Updated)
		if err := tx.Communes().PutAssessment(ctx, s.assessmentRecord(old)); err != nil {
			return nil, wrapErr("supersede "+o.ID, err)
		}
		es = append(es, recordkit.Entry(p, d.Unit, actSupersede, objAssessment, o.ID, audit.OutcomeOK, "by "+a.ID))
	}
	return es, nil
}

// Revoke withdraws the recognition of a commune, by its province or the
// ministry, with a reason, on a day not before the decision.
//
// Errors: as Decide; EConflict (error.communes_status_change) when the
// assessment is not recognised; EInvalid for a missing reason or a date
// before the decision.
func (s *Service) Revoke(ctx context.Context, p auth.Principal, id string, in NewRevocation) (Assessment, error) {
	var out Assessment
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.visible(ctx, tx, p, id, actRevoke)
		if err != nil {
			return err
		}
		a := r.Assessment
		unit, err := s.decider(ctx, tx, p, a.Commune, actRevoke, objAssessment, id)
		if err != nil {
			return err
		}
		rv, err := s.checkRevocation(in, unit)
		if err != nil {
			return err
		}
		if err := appendTransition(&a, StatusRevoked, rv.Date, who(p), unit, rv.Reason); err != nil {
			return err
		}
		a.Revocation = &rv
		a.Updated = recordkit.Bump(s.now(), r.Updated)
		out = a
		return s.save(ctx, tx, a, recordkit.Entry(p, unit, actRevoke, objAssessment, id, audit.OutcomeOK, recordkit.Clip(rv.Reason, 100)))
	})
	if err != nil {
		return Assessment{}, err
	}
	return out, nil
}

// checkRevocation checks a revocation's fields.
func (s *Service) checkRevocation(in NewRevocation, unit string) (Revocation, error) {
	var rv Revocation
	var err error
	if rv.Reason, err = rules.Required("reason", in.Reason, MaxNote, true); err != nil {
		return rv, err
	}
	if rv.Number, err = rules.Clean("number", in.Number, MaxShort, false); err != nil {
		return rv, err
	}
	if rv.Date, err = s.day("date", in.Date); err != nil {
		return rv, err
	}
	rv.Unit = unit
	return rv, nil
}

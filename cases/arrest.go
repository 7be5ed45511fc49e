package cases

import (
	"context"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
	"github.com/borderlink/borderlink/stats"
)

// Arrest is the arrest of a person on a day at a place, in a case or
// outside any.
type Arrest struct {
	ID     string `json:"id"`
	CaseID string `json:"case_id"` // "" for an arrest outside any case
	// PersonID is the person arrested: one of the origin node's, or one
	// released to it.
	PersonID string            `json:"person_id"`
	Origin   borderlink.NodeID `json:"origin"`
	Day      borderlink.Date   `json:"day"`
	Place    string            `json:"place"` // unit code in force on Day
	Agency   stats.Agency      `json:"agency"`
	Charge   Charge            `json:"charge"`
	// ChargeText is the article of the penal code charged, as written
	// ("Điều 250 BLHS 2015", "ມາດຕາ 314").
	ChargeText string    `json:"charge_text"`
	Created    time.Time `json:"created"`
	Updated    time.Time `json:"updated"`
	Released   time.Time `json:"released,omitzero"`
}

// NewArrest is what a user writes to record or correct an arrest.
type NewArrest struct {
	CaseID     string          `json:"case_id"`
	PersonID   string          `json:"person_id"`
	Day        borderlink.Date `json:"day"`
	Place      string          `json:"place"`
	Agency     stats.Agency    `json:"agency"` // "" means police
	Charge     Charge          `json:"charge"`
	ChargeText string          `json:"charge_text"`
}

func (a Arrest) input() NewArrest {
	return NewArrest{CaseID: a.CaseID, PersonID: a.PersonID, Day: a.Day, Place: a.Place, Agency: a.Agency,
		Charge: a.Charge, ChargeText: a.ChargeText}
}

// arrestFields checks in and sets its fields other than the case and the
// person on a.
func (s *Service) arrestFields(a *Arrest, in NewArrest) error {
	var err error
	if err = rules.CheckDay("day", in.Day, s.today()); err != nil {
		return err
	}
	a.Day = in.Day
	if a.Place, err = rules.UnitCode(s.tree(), "place", in.Place); err != nil {
		return err
	}
	if _, err := (stats.Resolver{Tree: s.tree()}).Locate(a.Place, a.Day); err != nil {
		return err
	}
	ag := in.Agency
	if ag == "" {
		ag = stats.AgencyPolice
	}
	if a.Agency, err = recordkit.Choice(&rules, "agency", ag, stats.Agencies()); err != nil {
		return err
	}
	if a.Charge, err = recordkit.Choice(&rules, "charge", in.Charge, Charges()); err != nil {
		return err
	}
	if a.ChargeText, err = cleanLine("charge_text", in.ChargeText, MaxShort); err != nil {
		return err
	}
	return nil
}

// seenPerson checks the person a new record names: one p may see, of
// this node or released to it. Any other id is answered with the error of
// key unknownKey, and when the person exists but p may not see it the
// refusal is audited as action.
func (s *Service) seenPerson(ctx context.Context, tx Tx, p auth.Principal, id, unknownKey, action string) (string, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return "", rules.ErrRequired("person")
	}
	unknown := recordkit.Invalid(unknownKey, "there is no person "+recordkit.Clip(id, 40)+" you may see", "id", recordkit.Clip(id, 40))
	if rules.CheckID(id) != nil {
		return "", unknown
	}
	r, err := tx.Cases().Person(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return "", unknown
	}
	if err != nil {
		return "", wrapErr("person "+id, err)
	}
	vis, err := personVisible(ctx, tx, scopeOf(p), r)
	if err != nil {
		return "", err
	}
	if !vis {
		return "", s.deny(ctx, tx, p, action, objPerson, id, unknown)
	}
	return r.ID, nil
}

// CreateArrest records an arrest owned by this node, in a case p may add
// to or outside any case at a place over which p holds cases.write, of a
// person p may see. Its statistics fact is stored in the same transaction.
func (s *Service) CreateArrest(ctx context.Context, p auth.Principal, in NewArrest) (Arrest, error) {
	now := s.now()
	a := Arrest{ID: borderlink.NewID(), Origin: s.self, Created: now, Updated: now}
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermCasesWrite, actArrestCreate, objArrest, a.ID); err != nil {
			return err
		}
		if err := s.attachTo(ctx, tx, p, &a.CaseID, in.CaseID, actArrestCreate); err != nil {
			return err
		}
		if err := s.arrestFields(&a, in); err != nil {
			return err
		}
		var err error
		if a.PersonID, err = s.seenPerson(ctx, tx, p, in.PersonID, "error.arrest_person_unknown", actArrestCreate); err != nil {
			return err
		}
		if a.CaseID == "" && !p.CanIn(auth.PermCasesWrite, a.Place, s.tree()) {
			return s.deny(ctx, tx, p, actArrestCreate, objArrest, a.ID, errCannotWrite(a.Place))
		}
		if err := tx.Cases().PutArrest(ctx, a); err != nil {
			return wrapErr("create arrest", err)
		}
		if err := s.putArrestFact(ctx, tx, a, false); err != nil {
			return err
		}
		return s.record(ctx, tx, recordkit.OK(p, actArrestCreate, objArrest, a.ID, arrestDetail(a)))
	})
	if err != nil {
		return Arrest{}, err
	}
	return a, nil
}

// UpdateArrest corrects one of this node's arrests (its case and person
// stay) and its statistics fact. A released arrest's new version is
// published again.
func (s *Service) UpdateArrest(ctx context.Context, p auth.Principal, id string, in NewArrest) (Arrest, error) {
	var out Arrest
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		old, err := s.ownArrest(ctx, tx, p, id, actArrestUpdate)
		if err != nil {
			return err
		}
		if (in.CaseID != "" && in.CaseID != old.CaseID) || (in.PersonID != "" && in.PersonID != old.PersonID) {
			return recordkit.Invalid("error.arrest_fixed", "an arrest stays in its case and with its person")
		}
		a := old
		if err := s.arrestFields(&a, in); err != nil {
			return err
		}
		if a.CaseID == "" && !p.CanIn(auth.PermCasesWrite, a.Place, s.tree()) {
			return s.deny(ctx, tx, p, actArrestUpdate, objArrest, id, errCannotWrite(a.Place))
		}
		a.Updated = s.bump(old.Updated)
		if err := tx.Cases().PutArrest(ctx, a); err != nil {
			return wrapErr("update arrest", err)
		}
		if err := s.putArrestFact(ctx, tx, a, false); err != nil {
			return err
		}
		if err := s.republish(ctx, tx, KindArrest, a); err != nil {
			return err
		}
		out = a
		return s.record(ctx, tx, recordkit.OK(p, actArrestUpdate, objArrest, id, arrestDetail(a)))
	})
	return out, err
}

// DeleteArrest removes one of this node's arrests, not released, with its
// statistics fact.
func (s *Service) DeleteArrest(ctx context.Context, p auth.Principal, id string) error {
	return s.update(ctx, func(ctx context.Context, tx Tx) error {
		a, err := s.ownArrest(ctx, tx, p, id, actArrestDelete)
		if err != nil {
			return err
		}
		if !a.Released.IsZero() {
			return errReleasedDelete()
		}
		if err := tx.Cases().DeleteArrest(ctx, id); err != nil {
			return wrapErr("delete arrest", err)
		}
		if err := s.putArrestFact(ctx, tx, a, true); err != nil {
			return err
		}
		return s.record(ctx, tx, recordkit.OK(p, actArrestDelete, objArrest, id, arrestDetail(a)))
	})
}

// Arrest returns an arrest p may see: one of a case p may see, or one
// outside any case at a place in p's cases.read grants.
func (s *Service) Arrest(ctx context.Context, p auth.Principal, id string) (Arrest, error) {
	var out Arrest
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		a, err := s.visibleArrest(ctx, tx, p, id, actArrestRead)
		if err != nil {
			return err
		}
		out = a
		return s.record(ctx, tx, recordkit.OK(p, actArrestRead, objArrest, id, "person "+a.PersonID))
	})
	return out, err
}

// Arrests returns the arrests of a case p may see, by day: this node's and
// the partner's released ones.
func (s *Service) Arrests(ctx context.Context, p auth.Principal, caseID string) ([]Arrest, error) {
	var out []Arrest
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if _, err := s.visibleCase(ctx, tx, p, caseID, actArrestList); err != nil {
			return err
		}
		as, err := tx.Cases().Arrests(ctx, ArrestQuery{CaseID: caseID})
		if err != nil {
			return wrapErr("arrests of "+caseID, err)
		}
		out = as
		return s.record(ctx, tx, arrestEntries(p, actArrestList, as)...)
	})
	return out, err
}

func arrestEntries(p auth.Principal, action string, as []Arrest) []auditEntry {
	es := make([]auditEntry, 0, len(as))
	for _, a := range as {
		es = append(es, recordkit.OK(p, action, objArrest, a.ID, "case "+a.CaseID+", person "+a.PersonID))
	}
	return es
}

func arrestDetail(a Arrest) string {
	d := "person " + a.PersonID + ", " + a.Day.String() + " " + a.Place + ", " + string(a.Charge)
	if a.CaseID != "" {
		d = "case " + a.CaseID + ", " + d
	}
	return d
}

// visibleArrest loads arrest id for p, or refuses it as ENotFound (audited
// when it exists).
func (s *Service) visibleArrest(ctx context.Context, tx Tx, p auth.Principal, id, action string) (Arrest, error) {
	if err := s.needs(ctx, tx, p, auth.PermCasesRead, action, objArrest, id); err != nil {
		return Arrest{}, err
	}
	if rules.CheckID(id) != nil {
		return Arrest{}, errArrestNotFound(id)
	}
	a, err := tx.Cases().Arrest(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return Arrest{}, errArrestNotFound(id)
	}
	if err != nil {
		return Arrest{}, wrapErr("arrest "+id, err)
	}
	vis, err := s.recordVisible(ctx, tx, p, a.CaseID, a.Place)
	if err != nil {
		return Arrest{}, err
	}
	if !vis {
		return Arrest{}, s.deny(ctx, tx, p, action, objArrest, id, errArrestNotFound(id))
	}
	return a, nil
}

// ownArrest loads one of this node's arrests for p to change.
func (s *Service) ownArrest(ctx context.Context, tx Tx, p auth.Principal, id, action string) (Arrest, error) {
	if err := s.needs(ctx, tx, p, auth.PermCasesWrite, action, objArrest, id); err != nil {
		return Arrest{}, err
	}
	a, err := s.visibleArrest(ctx, tx, p, id, action)
	if err != nil {
		return Arrest{}, err
	}
	if a.Origin != s.self {
		return Arrest{}, s.deny(ctx, tx, p, action, objArrest, id, errNotOwner(a.Origin))
	}
	if err := s.recordWritable(ctx, tx, p, a.CaseID, a.Place); err != nil {
		if borderlink.IsCode(err, borderlink.EForbidden) {
			return Arrest{}, s.deny(ctx, tx, p, action, objArrest, id, err)
		}
		return Arrest{}, err
	}
	return a, nil
}

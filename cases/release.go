package cases

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Release is what goes to the partner when a record is released or a
// released record changes: the record as it stands, the persons it names
// (this node's own, released with it) with the bytes of their photos, and
// the units of the other country the case names, which the release is
// for. Federation puts it in an envelope; the receiving node hands it to
// ApplyRelease.
type Release struct {
	// Kind is one of KindCase, KindSubject, KindEvent, KindSeizure,
	// KindArrest or KindPerson.
	Kind string `json:"kind"`
	// Record is a Case, CaseSubject, Event, Seizure, Arrest or Person, by
	// Kind. Decoding a Release from JSON gives Record its type.
	Record       any         `json:"record"`
	Persons      []Person    `json:"persons,omitempty"`
	Photos       []PhotoFile `json:"photos,omitempty"`
	PartnerUnits []string    `json:"partner_units"`
}

// PhotoFile is a photo of a released person with its bytes.
type PhotoFile struct {
	PersonID string `json:"person_id"`
	Photo
	Data []byte `json:"data"` // base64 in JSON
}

// UnmarshalJSON decodes a Release, giving Record the type Kind names.
func (r *Release) UnmarshalJSON(b []byte) error {
	var w struct {
		Kind         string          `json:"kind"`
		Record       json.RawMessage `json:"record"`
		Persons      []Person        `json:"persons"`
		Photos       []PhotoFile     `json:"photos"`
		PartnerUnits []string        `json:"partner_units"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	rec, err := decodeRecord(w.Kind, w.Record)
	if err != nil {
		return err
	}
	*r = Release{Kind: w.Kind, Record: rec, Persons: w.Persons, Photos: w.Photos, PartnerUnits: w.PartnerUnits}
	return nil
}

// decodeRecord returns rec as the type kind names: rec may be that type, a
// pointer to it, or its JSON (raw, or decoded into maps).
func decodeRecord(kind string, rec any) (any, error) {
	if !slices.Contains(append(ReleaseKinds(), KindPerson), kind) {
		return nil, rules.ErrChoice("kind", kind)
	}
	switch v := rec.(type) {
	case *Case:
		rec = deref(v)
	case *CaseSubject:
		rec = deref(v)
	case *Event:
		rec = deref(v)
	case *Seizure:
		rec = deref(v)
	case *Arrest:
		rec = deref(v)
	case *Person:
		rec = deref(v)
	}
	if k := kindOf(rec); k != "" {
		if k != kind {
			return nil, recordkit.Invalid("error.case_release_record", "the released record is a "+k+", not a "+kind)
		}
		return rec, nil
	}
	var b []byte
	switch raw := rec.(type) {
	case json.RawMessage:
		b = raw
	case []byte:
		b = raw
	default:
		var err error
		if b, err = json.Marshal(rec); err != nil {
			return nil, recordkit.Invalid("error.case_release_record", "the released record does not read as a "+kind)
		}
	}
	switch kind {
	case KindCase:
		return unmarshalAs[Case](kind, b)
	case KindSubject:
		return unmarshalAs[CaseSubject](kind, b)
	case KindEvent:
		return unmarshalAs[Event](kind, b)
	case KindSeizure:
		return unmarshalAs[Seizure](kind, b)
	case KindArrest:
		return unmarshalAs[Arrest](kind, b)
	}
	return unmarshalAs[Person](kind, b)
}

func unmarshalAs[T any](kind string, b []byte) (any, error) {
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, recordkit.Invalid("error.case_release_record", "the released record does not read as a "+kind+": "+err.Error())
	}
	return v, nil
}

// kindOf returns the kind of a record, "" for anything else.
func kindOf(rec any) string {
	switch rec.(type) {
	case Case:
		return KindCase
	case CaseSubject:
		return KindSubject
	case Event:
		return KindEvent
	case Seizure:
		return KindSeizure
	case Arrest:
		return KindArrest
	case Person:
		return KindPerson
	}
	return ""
}

func deref[T any](p *T) any {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// releaseTo returns the units a record of case c goes to: those of c in
// the other country. EInvalid when c may not be released, or has no unit
// there, or (sub is true: a record in c) when c is this node's and not
// released itself yet.
func (s *Service) releaseTo(c Case, sub bool) ([]string, error) {
	if c.Handling != Releasable {
		return nil, errNotReleasable(c.Handling)
	}
	to := foreign(s.tree(), c, s.country)
	if len(to) == 0 {
		return nil, errNoPartner()
	}
	if sub && c.Origin == s.self && c.Released.IsZero() {
		return nil, errReleaseCaseFirst(c.Code)
	}
	return to, nil
}

// Release releases one of this node's records to the partner units of its
// case: kind is KindCase, KindSubject, KindEvent, KindSeizure or
// KindArrest and id the record's. It marks the record released (and the
// person a subject or an arrest names, when that person is this node's)
// and hands it to Options.Publish, all in one transaction. Releasing again
// publishes the record again.
//
// Errors: ENotFound, EForbidden (audited) as for changing the record;
// EInvalid when the case is not releasable (error.case_not_releasable), has
// no unit in the other country (error.case_no_partner), is this node's and
// not released yet (error.case_release_case_first), or when a seizure or
// an arrest is in no case (error.case_release_no_case).
func (s *Service) Release(ctx context.Context, p auth.Principal, kind, id string) error {
	return s.update(ctx, func(ctx context.Context, tx Tx) error {
		now := s.now()
		var (
			c       CaseRecord
			rec     any
			persons []string
			es      []auditEntry
			err     error
		)
		mark := func(t *time.Time) {
			if t.IsZero() {
				*t = now
			}
		}
		repo := tx.Cases()
		switch kind {
		case KindCase:
			if c, err = s.ownCase(ctx, tx, p, id, actCaseRelease); err != nil {
				return err
			}
			if _, err := s.releaseTo(c.Case, false); err != nil {
				return err
			}
			mark(&c.Released)
			if err := repo.PutCase(ctx, s.caseRecord(s.tree(), c.Case)); err != nil {
				return wrapErr("release case", err)
			}
			rec = c.Case
			es = append(es, recordkit.OK(p, actCaseRelease, objCase, c.ID, "case "+c.Code))
		case KindSubject:
			var sb CaseSubject
			if sb, c, err = s.ownSubject(ctx, tx, p, id, actCaseRelease); err != nil {
				return err
			}
			if _, err := s.releaseTo(c.Case, true); err != nil {
				return err
			}
			mark(&sb.Released)
			if err := repo.PutSubject(ctx, sb); err != nil {
				return wrapErr("release subject", err)
			}
			rec, persons = sb, []string{sb.PersonID}
			es = append(es, recordkit.OK(p, actCaseRelease, objCase, c.ID, "subject "+sb.ID+": person "+sb.PersonID))
		case KindEvent:
			var e Event
			if e, c, err = s.ownEvent(ctx, tx, p, id, actCaseRelease); err != nil {
				return err
			}
			if _, err := s.releaseTo(c.Case, true); err != nil {
				return err
			}
			mark(&e.Released)
			if err := repo.PutEvent(ctx, e); err != nil {
				return wrapErr("release event", err)
			}
			rec = e
			es = append(es, recordkit.OK(p, actCaseRelease, objCase, c.ID, "event "+e.ID))
		case KindSeizure:
			z, err := s.ownSeizure(ctx, tx, p, id, actSeizureRelease)
			if err != nil {
				return err
			}
			if c, err = s.caseOf(ctx, tx, z.CaseID); err != nil {
				return err
			}
			if _, err := s.releaseTo(c.Case, true); err != nil {
				return err
			}
			mark(&z.Released)
			if err := repo.PutSeizure(ctx, z); err != nil {
				return wrapErr("release seizure", err)
			}
			rec = z
			es = append(es, recordkit.OK(p, actSeizureRelease, objSeizure, z.ID, "case "+z.CaseID))
		case KindArrest:
			a, err := s.ownArrest(ctx, tx, p, id, actArrestRelease)
			if err != nil {
				return err
			}
			if c, err = s.caseOf(ctx, tx, a.CaseID); err != nil {
				return err
			}
			if _, err := s.releaseTo(c.Case, true); err != nil {
				return err
			}
			mark(&a.Released)
			if err := repo.PutArrest(ctx, a); err != nil {
				return wrapErr("release arrest", err)
			}
			rec, persons = a, []string{a.PersonID}
			es = append(es, recordkit.OK(p, actArrestRelease, objArrest, a.ID, "case "+a.CaseID+", person "+a.PersonID))
		default:
			return rules.ErrChoice("kind", kind)
		}
		to, _ := s.releaseTo(c.Case, false)
		rel := Release{Kind: kind, Record: rec, PartnerUnits: to}
		for _, pid := range persons {
			pr, err := repo.Person(ctx, pid)
			if err != nil {
				return wrapErr("person "+pid, err)
			}
			if pr.Origin != s.self {
				continue // the partner's own person: it has it
			}
			if pr.Released.IsZero() {
				pr.Released = now
				if err := repo.PutPerson(ctx, s.personRecord(pr.Person)); err != nil {
					return wrapErr("release person", err)
				}
			}
			if err := s.withPerson(ctx, tx, &rel, pr.Person); err != nil {
				return err
			}
			es = append(es, recordkit.OK(p, actPersonRelease, objPerson, pid, "with "+kind+" "+id))
		}
		if err := s.send(ctx, tx, rel); err != nil {
			return err
		}
		return s.record(ctx, tx, es...)
	})
}

// caseOf returns the case of a seizure or an arrest to release, refusing
// one in no case.
func (s *Service) caseOf(ctx context.Context, tx Tx, id string) (CaseRecord, error) {
	if id == "" {
		return CaseRecord{}, recordkit.Invalid("error.case_release_no_case", "only what is recorded in a case can be released")
	}
	c, err := tx.Cases().Case(ctx, id)
	return c, wrapErr("case "+id, err)
}

// ownEvent loads one of this node's events, and its case, for p to
// change.
func (s *Service) ownEvent(ctx context.Context, tx Tx, p auth.Principal, id, action string) (Event, CaseRecord, error) {
	if rules.CheckID(id) != nil {
		return Event{}, CaseRecord{}, errEventNotFound(id)
	}
	e, err := tx.Cases().Event(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return Event{}, CaseRecord{}, errEventNotFound(id)
	}
	if err != nil {
		return Event{}, CaseRecord{}, wrapErr("event "+id, err)
	}
	c, err := s.loadCase(ctx, tx, p, e.CaseID, action, true, errEventNotFound(id))
	if err != nil {
		return Event{}, CaseRecord{}, err
	}
	if e.Origin != s.self {
		return Event{}, CaseRecord{}, s.deny(ctx, tx, p, action, objCase, c.ID, errNotOwner(e.Origin))
	}
	return e, c, nil
}

// withPerson adds a person and the bytes of its photos to r.
func (s *Service) withPerson(ctx context.Context, tx Tx, r *Release, pr Person) error {
	if slices.ContainsFunc(r.Persons, func(o Person) bool { return o.ID == pr.ID }) {
		return nil
	}
	r.Persons = append(r.Persons, pr)
	for _, ph := range pr.Photos {
		_, data, err := tx.Cases().PhotoData(ctx, pr.ID, ph.ID)
		if err != nil {
			return wrapErr("photo "+ph.ID, err)
		}
		r.Photos = append(r.Photos, PhotoFile{PersonID: pr.ID, Photo: ph, Data: data})
	}
	return nil
}

// send hands r to Options.Publish.
func (s *Service) send(ctx context.Context, tx Tx, r Release) error {
	if s.publish == nil {
		return nil
	}
	if err := s.publish(ctx, tx, r); err != nil {
		return fmt.Errorf("cases: publish %s: %w", r.Kind, err)
	}
	recordkit.Published(ctx)
	return nil
}

// republish publishes again a released record that changed: rec is a
// Case, CaseSubject, Event, Seizure or Arrest of this node. A record not
// released, or whose case now has no unit in the other country, is not
// sent.
func (s *Service) republish(ctx context.Context, tx Tx, kind string, rec any) error {
	var released time.Time
	var caseID string
	var persons []string
	switch v := rec.(type) {
	case Case:
		released, caseID = v.Released, v.ID
	case CaseSubject:
		released, caseID, persons = v.Released, v.CaseID, []string{v.PersonID}
	case Event:
		released, caseID = v.Released, v.CaseID
	case Seizure:
		released, caseID = v.Released, v.CaseID
	case Arrest:
		released, caseID, persons = v.Released, v.CaseID, []string{v.PersonID}
	}
	if released.IsZero() || caseID == "" {
		return nil
	}
	c, err := tx.Cases().Case(ctx, caseID)
	if err != nil {
		return wrapErr("case "+caseID, err)
	}
	if kind == KindCase {
		c.Case = rec.(Case)
	}
	to, err := s.releaseTo(c.Case, false)
	if err != nil {
		return nil
	}
	rel := Release{Kind: kind, Record: rec, PartnerUnits: to}
	for _, pid := range persons {
		pr, err := tx.Cases().Person(ctx, pid)
		if err != nil {
			return wrapErr("person "+pid, err)
		}
		if pr.Origin == s.self && !pr.Released.IsZero() {
			if err := s.withPerson(ctx, tx, &rel, pr.Person); err != nil {
				return err
			}
		}
	}
	return s.send(ctx, tx, rel)
}

// republishPerson publishes again a released person of this node that
// changed, to the partner units of the cases it was released with.
func (s *Service) republishPerson(ctx context.Context, tx Tx, pr Person) error {
	if pr.Released.IsZero() || pr.Origin != s.self {
		return nil
	}
	subs, err := tx.Cases().Subjects(ctx, SubjectQuery{PersonID: pr.ID})
	if err != nil {
		return wrapErr("subjects of "+pr.ID, err)
	}
	arrests, err := tx.Cases().Arrests(ctx, ArrestQuery{PersonID: pr.ID})
	if err != nil {
		return wrapErr("arrests of "+pr.ID, err)
	}
	var caseIDs []string
	for _, sb := range subs {
		if !sb.Released.IsZero() {
			caseIDs = append(caseIDs, sb.CaseID)
		}
	}
	for _, a := range arrests {
		if !a.Released.IsZero() && a.CaseID != "" {
			caseIDs = append(caseIDs, a.CaseID)
		}
	}
	var to []string
	for _, id := range caseIDs {
		c, err := tx.Cases().Case(ctx, id)
		if err != nil {
			return wrapErr("case "+id, err)
		}
		units, err := s.releaseTo(c.Case, false)
		if err != nil {
			continue
		}
		for _, u := range units {
			if !slices.Contains(to, u) {
				to = append(to, u)
			}
		}
	}
	if len(to) == 0 {
		return nil
	}
	rel := Release{Kind: KindPerson, Record: pr, PartnerUnits: to}
	if err := s.withPerson(ctx, tx, &rel, pr); err != nil {
		return err
	}
	return s.send(ctx, tx, rel)
}

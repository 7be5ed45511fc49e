package cases

import (
	"context"
	"slices"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// ApplyRelease stores a partner's release on this node, read-only, in the
// caller's transaction (federation calls it for an envelope it verified to
// come from origin). The record and the persons with it are first checked
// as if they had been written here; a bad one is refused with EInvalid and
// nothing is stored. A record is stored when it is new here or newer (by
// Updated) than the copy kept; applying the same release again changes
// nothing. Partners' records are not counted in this node's statistics:
// their figures come as released statistics.
func (s *Service) ApplyRelease(ctx context.Context, tx Tx, origin borderlink.NodeID, r Release) error {
	if err := origin.Validate(); err != nil {
		return err
	}
	if origin == s.self {
		return recordkit.Invalid("error.case_release_origin", "a node does not apply its own releases")
	}
	rec, err := decodeRecord(r.Kind, r.Record)
	if err != nil {
		return err
	}
	a := applying{s: s, tx: tx, origin: origin, photos: map[string]PhotoFile{}}
	for _, ph := range r.Photos {
		a.photos[ph.ID] = ph
	}
	// Check everything first.
	people := slices.Clone(r.Persons)
	if pr, ok := rec.(Person); ok && !slices.ContainsFunc(people, func(o Person) bool { return o.ID == pr.ID }) {
		people = append(people, pr)
	}
	if len(people) > maxReleasePersons {
		return rules.ErrTooMany("persons", maxReleasePersons)
	}
	var persons []Person
	for _, pr := range people {
		v, err := a.person(ctx, pr)
		if err != nil {
			return err
		}
		persons = append(persons, v)
	}
	a.released = persons
	var put func() error
	var entry auditEntry
	var id string
	var updated time.Time
	switch v := rec.(type) {
	case Case:
		c, err := a.caseRecord(ctx, v)
		if err != nil {
			return err
		}
		id, updated = c.ID, c.Updated
		put = func() error { return tx.Cases().PutCase(ctx, s.caseRecord(s.tree(), c)) }
		entry = recordkit.PeerEntry(string(origin), actCaseReceive, objCase, c.ID, "case "+c.Code)
	case CaseSubject:
		sb, err := a.subject(ctx, v)
		if err != nil {
			return err
		}
		id, updated = sb.ID, sb.Updated
		put = func() error { return tx.Cases().PutSubject(ctx, sb) }
		entry = recordkit.PeerEntry(string(origin), actCaseReceive, objCase, sb.CaseID, "subject "+sb.ID+": person "+sb.PersonID)
	case Event:
		e, err := a.event(ctx, v)
		if err != nil {
			return err
		}
		id, updated = e.ID, e.Updated
		put = func() error { return tx.Cases().PutEvent(ctx, e) }
		entry = recordkit.PeerEntry(string(origin), actCaseReceive, objCase, e.CaseID, "event "+e.ID)
	case Seizure:
		z, err := a.seizure(ctx, v)
		if err != nil {
			return err
		}
		id, updated = z.ID, z.Updated
		put = func() error { return tx.Cases().PutSeizure(ctx, z) }
		entry = recordkit.PeerEntry(string(origin), actSeizureReceive, objSeizure, z.ID, "case "+z.CaseID)
	case Arrest:
		ar, err := a.arrest(ctx, v)
		if err != nil {
			return err
		}
		id, updated = ar.ID, ar.Updated
		put = func() error { return tx.Cases().PutArrest(ctx, ar) }
		entry = recordkit.PeerEntry(string(origin), actArrestReceive, objArrest, ar.ID, "case "+ar.CaseID+", person "+ar.PersonID)
	}
	if put != nil {
		fresh, err := a.newer(ctx, r.Kind, id, updated)
		if err != nil {
			return err
		}
		if !fresh {
			put = nil
		}
	}
	var fresh []Person
	for _, pr := range persons {
		ok, err := a.newer(ctx, KindPerson, pr.ID, pr.Updated)
		if err != nil {
			return err
		}
		if ok {
			fresh = append(fresh, pr)
		}
	}
	// Then store what is new.
	var es []auditEntry
	for _, pr := range fresh {
		if err := a.putPerson(ctx, pr); err != nil {
			return err
		}
		es = append(es, recordkit.PeerEntry(string(origin), actPersonReceive, objPerson, pr.ID, "with "+r.Kind))
	}
	if put != nil {
		if err := put(); err != nil {
			return wrapErr("apply "+r.Kind, err)
		}
		es = append(es, entry)
	}
	return s.record(ctx, tx, es...)
}

// maxReleasePersons bounds the persons of one release (a subject or an
// arrest names one).
const maxReleasePersons = 8

// applying holds the state of one ApplyRelease.
type applying struct {
	s        *Service
	tx       Tx
	origin   borderlink.NodeID
	photos   map[string]PhotoFile // the photo bytes that came with the release, by photo id
	released []Person             // the persons that came with it, checked
}

// base checks what every partner record carries: an id, the origin that
// sent it, its times (kept to the microsecond), and that it was released.
func (a *applying) base(id string, origin borderlink.NodeID, created, updated, released *time.Time) error {
	if err := rules.CheckID(id); err != nil {
		return err
	}
	if origin != a.origin {
		return recordkit.Invalid("error.case_release_origin", "the record belongs to "+recordkit.Clip(string(origin), 64)+", not to the node that sent it")
	}
	*created, *updated, *released = recordkit.Micro(*created), recordkit.Micro(*updated), recordkit.Micro(*released)
	if created.IsZero() || updated.Before(*created) || released.IsZero() {
		return recordkit.Invalid("error.case_release_record", "the released record has no creation, change or release time")
	}
	return nil
}

// newer reports whether a record of kind with id and updated is new here
// or newer than the copy kept. EInvalid when the copy kept is another
// node's (this node's own, or a third node's).
func (a *applying) newer(ctx context.Context, kind, id string, updated time.Time) (bool, error) {
	var origin borderlink.NodeID
	var kept time.Time
	var err error
	repo := a.tx.Cases()
	switch kind {
	case KindCase:
		var v CaseRecord
		v, err = repo.Case(ctx, id)
		origin, kept = v.Origin, v.Updated
	case KindSubject:
		var v CaseSubject
		v, err = repo.Subject(ctx, id)
		origin, kept = v.Origin, v.Updated
	case KindEvent:
		var v Event
		v, err = repo.Event(ctx, id)
		origin, kept = v.Origin, v.Updated
	case KindSeizure:
		var v Seizure
		v, err = repo.Seizure(ctx, id)
		origin, kept = v.Origin, v.Updated
	case KindArrest:
		var v Arrest
		v, err = repo.Arrest(ctx, id)
		origin, kept = v.Origin, v.Updated
	case KindPerson:
		var v PersonRecord
		v, err = repo.Person(ctx, id)
		origin, kept = v.Origin, v.Updated
	}
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return true, nil
	}
	if err != nil {
		return false, wrapErr(kind+" "+id, err)
	}
	if origin != a.origin {
		return false, recordkit.Invalid("error.case_release_conflict", "a record "+recordkit.Clip(id, 64)+" of another node is kept here already", "id", recordkit.Clip(id, 64))
	}
	return updated.After(kept), nil
}

// knownCase returns the case a partner's record is in: kept here, and
// releasable; a case of this node must have been released.
func (a *applying) knownCase(ctx context.Context, id string) (CaseRecord, error) {
	unknown := recordkit.Invalid("error.case_release_unknown_case", "the record is in a case this node does not know", "id", recordkit.Clip(id, 64))
	if id == "" || rules.CheckID(id) != nil {
		return CaseRecord{}, unknown
	}
	c, err := a.tx.Cases().Case(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return CaseRecord{}, unknown
	}
	if err != nil {
		return CaseRecord{}, wrapErr("case "+id, err)
	}
	if c.Handling != Releasable || (c.Origin == a.s.self && c.Released.IsZero()) {
		return CaseRecord{}, unknown
	}
	return c, nil
}

// knownPerson checks that a person a record names is kept here or came
// with the release.
func (a *applying) knownPerson(ctx context.Context, id string) error {
	if slices.ContainsFunc(a.released, func(p Person) bool { return p.ID == id }) {
		return nil
	}
	unknown := recordkit.Invalid("error.case_release_unknown_person", "the record names a person this node does not know", "id", recordkit.Clip(id, 64))
	if rules.CheckID(id) != nil {
		return unknown
	}
	_, err := a.tx.Cases().Person(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return unknown
	}
	return wrapErr("person "+id, err)
}

func (a *applying) caseRecord(ctx context.Context, in Case) (Case, error) {
	c := in
	if err := a.base(c.ID, c.Origin, &c.Created, &c.Updated, &c.Released); err != nil {
		return Case{}, err
	}
	if c.Handling != Releasable {
		return Case{}, errNotReleasable(c.Handling)
	}
	if err := a.s.caseFields(&c, NewCase{Code: in.Code, Title: in.Title, Summary: in.Summary, Lang: in.Lang,
		LeadUnit: in.LeadUnit, PartnerUnits: in.PartnerUnits, Handling: in.Handling}, nil, "", in.Lang); err != nil {
		return Case{}, err
	}
	if c.Lang == "" {
		return Case{}, rules.ErrLang("")
	}
	hs, err := checkHistory(in.StatusHistory, a.s.today())
	if err != nil {
		return Case{}, err
	}
	c.StatusHistory = hs
	c.historyFields()
	if len(writers(a.s.tree(), c, a.s.country)) == 0 {
		return Case{}, recordkit.Invalid("error.case_release_not_ours", "the case names no unit of this country")
	}
	other, err := a.tx.Cases().CaseByCode(ctx, c.Origin, CodeKey(c.Code))
	if err == nil && other.ID != c.ID {
		return Case{}, recordkit.Invalid("error.case_code_taken", "the partner has another case "+other.Code, "code", other.Code)
	}
	if err != nil && !borderlink.IsCode(err, borderlink.ENotFound) {
		return Case{}, wrapErr("case by code", err)
	}
	return c, nil
}

func (a *applying) subject(ctx context.Context, in CaseSubject) (CaseSubject, error) {
	sb := in
	if err := a.base(sb.ID, sb.Origin, &sb.Created, &sb.Updated, &sb.Released); err != nil {
		return sb, err
	}
	var err error
	if sb.Role, err = recordkit.Choice(&rules, "role", in.Role, SubjectRoles()); err != nil {
		return sb, err
	}
	if _, err := a.knownCase(ctx, sb.CaseID); err != nil {
		return sb, err
	}
	if err := a.knownPerson(ctx, sb.PersonID); err != nil {
		return sb, err
	}
	have, err := a.tx.Cases().Subjects(ctx, SubjectQuery{CaseID: sb.CaseID, PersonID: sb.PersonID})
	if err != nil {
		return sb, wrapErr("subjects", err)
	}
	if len(have) > 0 && have[0].ID != sb.ID {
		return sb, recordkit.Invalid("error.case_subject_exists", "the person is a subject of the case already")
	}
	return sb, nil
}

func (a *applying) event(ctx context.Context, in Event) (Event, error) {
	e := in
	if err := a.base(e.ID, e.Origin, &e.Created, &e.Updated, &e.Released); err != nil {
		return e, err
	}
	if _, err := a.knownCase(ctx, e.CaseID); err != nil {
		return e, err
	}
	if in.Lang == "" {
		return e, rules.ErrLang("")
	}
	return e, a.s.eventFields(&e, in.input(), in.Lang)
}

func (a *applying) seizure(ctx context.Context, in Seizure) (Seizure, error) {
	z := in
	if err := a.base(z.ID, z.Origin, &z.Created, &z.Updated, &z.Released); err != nil {
		return z, err
	}
	if _, err := a.knownCase(ctx, z.CaseID); err != nil {
		return z, err
	}
	if in.Lang == "" {
		return z, rules.ErrLang("")
	}
	_, err := a.s.seizureFields(&z, in.input(), in.Lang)
	return z, err
}

func (a *applying) arrest(ctx context.Context, in Arrest) (Arrest, error) {
	ar := in
	if err := a.base(ar.ID, ar.Origin, &ar.Created, &ar.Updated, &ar.Released); err != nil {
		return ar, err
	}
	if _, err := a.knownCase(ctx, ar.CaseID); err != nil {
		return ar, err
	}
	if err := a.knownPerson(ctx, ar.PersonID); err != nil {
		return ar, err
	}
	return ar, a.s.arrestFields(&ar, in.input())
}

// person checks a released person and its photos: each photo's bytes
// came with the release, or are kept here already with the same digest.
func (a *applying) person(ctx context.Context, in Person) (Person, error) {
	pr := in
	if err := a.base(pr.ID, pr.Origin, &pr.Created, &pr.Updated, &pr.Released); err != nil {
		return pr, err
	}
	if err := a.s.personFields(&pr, in.input(), ""); err != nil {
		return pr, err
	}
	if len(in.Photos) > MaxPhotos {
		return pr, recordkit.Invalid("error.person_photo_count", "a person has at most 4 photos", "max", MaxPhotos)
	}
	pr.Photos = []Photo{}
	for _, ph := range in.Photos {
		if err := rules.CheckID(ph.ID); err != nil {
			return pr, err
		}
		if f, ok := a.photos[ph.ID]; ok && f.PersonID == pr.ID {
			got, err := checkPhoto(f.Data)
			if err != nil {
				return pr, err
			}
			if got.SHA256 != ph.SHA256 || got.Size != ph.Size || got.ContentType != ph.ContentType {
				return pr, recordkit.Invalid("error.case_release_photo", "a photo of the released person does not match its description")
			}
		} else {
			kept, _, err := a.tx.Cases().PhotoData(ctx, pr.ID, ph.ID)
			if err != nil || kept.SHA256 != ph.SHA256 {
				return pr, recordkit.Invalid("error.case_release_photo", "a photo of the released person did not come with it")
			}
		}
		pr.Photos = append(pr.Photos, ph)
	}
	return pr, nil
}

// putPerson stores a checked partner's person and brings its photos to
// those it lists.
func (a *applying) putPerson(ctx context.Context, pr Person) error {
	repo := a.tx.Cases()
	if err := repo.PutPerson(ctx, a.s.personRecord(pr)); err != nil {
		return wrapErr("apply person", err)
	}
	kept, err := repo.Person(ctx, pr.ID)
	if err != nil {
		return wrapErr("apply person", err)
	}
	for _, ph := range kept.Photos {
		if !slices.ContainsFunc(pr.Photos, func(n Photo) bool { return n.ID == ph.ID }) {
			if err := repo.DeletePhoto(ctx, pr.ID, ph.ID); err != nil {
				return wrapErr("apply person photo", err)
			}
		}
	}
	for _, ph := range pr.Photos {
		if slices.ContainsFunc(kept.Photos, func(k Photo) bool { return k.ID == ph.ID }) {
			continue
		}
		if err := repo.PutPhoto(ctx, pr.ID, ph, a.photos[ph.ID].Data); err != nil {
			return wrapErr("apply person photo", err)
		}
	}
	return nil
}

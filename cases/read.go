package cases

import (
	"context"
	"slices"

	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Filter selects cases (Cases) or persons (Persons). Zero fields do not
// restrict.
type Filter struct {
	// Query: words that must all occur in a case's code or title, or in a
	// person's names (diacritics, case and Lao spelling variants ignored).
	Query string `json:"query,omitempty"`
	// Name: words that must all occur in a person's name, romanised name
	// or aliases (Persons; the same as Query there).
	Name   string `json:"name,omitempty"`
	Status Status `json:"status,omitempty"` // cases of this status
	// Unit: cases led by or partnered with this unit; persons kept by it.
	Unit   string `json:"unit,omitempty"`
	Limit  int    `json:"limit,omitempty"` // default 50, at most 500
	Offset int    `json:"offset,omitempty"`
}

// Limits of a list.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

func (f Filter) page() (int, int) {
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	return min(limit, MaxLimit), max(f.Offset, 0)
}

// CaseFile is a case with everything recorded in it that the reader may
// see: this node's records and the partner's released contributions.
type CaseFile struct {
	Case     Case          `json:"case"`
	Subjects []CaseSubject `json:"subjects"`
	// Persons are the persons the file names (subjects and persons
	// arrested), each once.
	Persons  []Person   `json:"persons"`
	Events   []Event    `json:"events"`
	Seizures []Seizure  `json:"seizures"`
	Arrests  []Arrest   `json:"arrests"`
	Links    []CaseLink `json:"links"` // to and from other cases the reader may see
}

// Person returns the person with this id among f.Persons.
func (f CaseFile) Person(id string) (Person, bool) {
	i := slices.IndexFunc(f.Persons, func(p Person) bool { return p.ID == id })
	if i < 0 {
		return Person{}, false
	}
	return f.Persons[i], true
}

// Case returns case id with its subjects and their persons, events,
// seizures, arrests and links, when p may see it. The reading of the case,
// of each person, each seizure and each arrest is audited.
//
// Errors: EForbidden when p holds cases.read nowhere; ENotFound
// (error.case_not_found) when there is no such case or p may not see it
// (the refusal is audited).
func (s *Service) Case(ctx context.Context, p auth.Principal, id string) (CaseFile, error) {
	var f CaseFile
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.visibleCase(ctx, tx, p, id, actCaseRead)
		if err != nil {
			return err
		}
		repo := tx.Cases()
		f = CaseFile{Case: r.Case}
		if f.Subjects, err = repo.Subjects(ctx, SubjectQuery{CaseID: id}); err != nil {
			return wrapErr("subjects", err)
		}
		if f.Events, err = repo.Events(ctx, id); err != nil {
			return wrapErr("events", err)
		}
		if f.Seizures, err = repo.Seizures(ctx, id); err != nil {
			return wrapErr("seizures", err)
		}
		if f.Arrests, err = repo.Arrests(ctx, ArrestQuery{CaseID: id}); err != nil {
			return wrapErr("arrests", err)
		}
		links, err := repo.Links(ctx, id)
		if err != nil {
			return wrapErr("links", err)
		}
		sc := scopeOf(p)
		f.Links = []CaseLink{}
		for _, l := range links {
			other := l.OtherCaseID
			if other == id {
				other = l.CaseID
			}
			if o, err := repo.Case(ctx, other); err == nil && sc.Match(o.Scope) {
				f.Links = append(f.Links, l)
			}
		}
		var ids []string
		for _, sb := range f.Subjects {
			ids = append(ids, sb.PersonID)
		}
		for _, a := range f.Arrests {
			ids = append(ids, a.PersonID)
		}
		es := []auditEntry{recordkit.OK(p, actCaseRead, objCase, id, "code "+r.Code)}
		f.Persons = []Person{}
		for _, pid := range ids {
			if _, done := f.Person(pid); done {
				continue
			}
			pr, err := repo.Person(ctx, pid)
			if err != nil {
				return wrapErr("person "+pid, err)
			}
			f.Persons = append(f.Persons, pr.Person)
			es = append(es, recordkit.OK(p, actPersonRead, objPerson, pid, "in case "+id))
		}
		es = append(es, seizureEntries(p, actSeizureRead, f.Seizures)...)
		es = append(es, arrestEntries(p, actArrestRead, f.Arrests)...)
		return s.record(ctx, tx, es...)
	})
	if err != nil {
		return CaseFile{}, err
	}
	return f, nil
}

// Cases returns the cases p may see that f selects, most recently created
// first, and how many match in all. Each case listed is audited.
//
// Errors: EForbidden when p holds cases.read nowhere; EInvalid for an
// unknown status.
func (s *Service) Cases(ctx context.Context, p auth.Principal, f Filter) ([]Case, int, error) {
	var out []Case
	var total int
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermCasesRead, actCaseList, objCase, ""); err != nil {
			return err
		}
		q := CaseQuery{Scope: scopeOf(p), Words: searchWords(f.Query), Unit: recordkit.FilterUnit(s.tree(), f.Unit)}
		if f.Status != "" {
			st, err := recordkit.Choice(&rules, "status", f.Status, Statuses())
			if err != nil {
				return err
			}
			q.Status = st
		}
		q.Limit, q.Offset = f.page()
		recs, n, err := tx.Cases().FindCases(ctx, q)
		if err != nil {
			return wrapErr("find cases", err)
		}
		total, out = n, make([]Case, 0, len(recs))
		es := make([]auditEntry, 0, len(recs))
		for _, r := range recs {
			out = append(out, r.Case)
			es = append(es, recordkit.OK(p, actCaseList, objCase, r.ID, "code "+r.Code))
		}
		return s.record(ctx, tx, es...)
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// Person returns a person p may see, and audits the reading.
//
// Errors: EForbidden when p holds cases.read nowhere; ENotFound
// (error.person_not_found) when there is no such person or p may not see
// it (the refusal is audited).
func (s *Service) Person(ctx context.Context, p auth.Principal, id string) (Person, error) {
	var out Person
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.visiblePerson(ctx, tx, p, id, actPersonRead)
		if err != nil {
			return err
		}
		out = r.Person
		return s.record(ctx, tx, recordkit.OK(p, actPersonRead, objPerson, id, ""))
	})
	if err != nil {
		return Person{}, err
	}
	return out, nil
}

// Persons returns the persons p may see whose names match f.Name (or
// f.Query), kept by f.Unit when set, by romanised name, and how many match
// in all. Each person listed is audited.
func (s *Service) Persons(ctx context.Context, p auth.Principal, f Filter) ([]Person, int, error) {
	var out []Person
	var total int
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermCasesRead, actPersonList, objPerson, ""); err != nil {
			return err
		}
		q := PersonQuery{Scope: scopeOf(p), Words: searchWords(f.Name + " " + f.Query), Unit: recordkit.FilterUnit(s.tree(), f.Unit)}
		q.Limit, q.Offset = f.page()
		recs, n, err := tx.Cases().FindPersons(ctx, q)
		if err != nil {
			return wrapErr("find persons", err)
		}
		total, out = n, make([]Person, 0, len(recs))
		es := make([]auditEntry, 0, len(recs))
		for _, r := range recs {
			out = append(out, r.Person)
			es = append(es, recordkit.OK(p, actPersonList, objPerson, r.ID, ""))
		}
		return s.record(ctx, tx, es...)
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

package sqlbase

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/cases"
)

const personCols = `p.id, p.origin, p.owner_unit, p.name, p.name_latin, p.aliases, p.birth, p.sex, p.nationality,
	p.documents, p.phones, p.addresses, p.notes, p.created, p.updated, p.released, p.scope, p.search`

func scanPerson(sc scanner) (cases.PersonRecord, error) {
	var (
		r                                     cases.PersonRecord
		origin, sex, aliases, docs, phones, a string
		created, updated, released            int64
	)
	err := sc.Scan(&r.ID, &origin, &r.OwnerUnit, &r.Name, &r.NameLatin, &aliases, &r.Birth, &sex, &r.Nationality,
		&docs, &phones, &a, &r.Notes, &created, &updated, &released, &r.Scope, &r.Search)
	if err != nil {
		return r, err
	}
	r.Origin, r.Sex = borderlink.NodeID(origin), cases.Sex(sex)
	r.Created, r.Updated, r.Released = FromMicros(created), FromMicros(updated), FromMicros(released)
	r.Aliases, r.Documents, r.Phones, r.Addresses, r.Photos = []string{}, []cases.Document{}, []string{}, []cases.Address{}, []cases.Photo{}
	for _, f := range []struct {
		name, text string
		v          any
	}{{"aliases", aliases, &r.Aliases}, {"documents", docs, &r.Documents}, {"phones", phones, &r.Phones}, {"addresses", a, &r.Addresses}} {
		if err := fromJSON(f.text, f.v); err != nil {
			return r, fmt.Errorf("person %s: %s: %w", r.ID, f.name, err)
		}
	}
	return r, nil
}

func (r casesRepo) PutPerson(ctx context.Context, p cases.PersonRecord) error {
	op := "put person " + p.ID
	texts := make([]string, 4)
	for i, v := range []any{nonNil(p.Aliases), nonNil(p.Documents), nonNil(p.Phones), nonNil(p.Addresses)} {
		s, err := toJSON(v)
		if err != nil {
			return wrap(op, err)
		}
		texts[i] = s
	}
	_, err := r.t.Exec(ctx, `INSERT INTO case_persons (id, origin, owner_unit, name, name_latin, aliases, birth, sex, nationality,
			documents, phones, addresses, notes, created, updated, released, scope, search)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, owner_unit = excluded.owner_unit, name = excluded.name,
			name_latin = excluded.name_latin, aliases = excluded.aliases, birth = excluded.birth, sex = excluded.sex,
			nationality = excluded.nationality, documents = excluded.documents, phones = excluded.phones,
			addresses = excluded.addresses, notes = excluded.notes, created = excluded.created, updated = excluded.updated,
			released = excluded.released, scope = excluded.scope, search = excluded.search`,
		p.ID, string(p.Origin), p.OwnerUnit, p.Name, p.NameLatin, texts[0], p.Birth, string(p.Sex), p.Nationality,
		texts[1], texts[2], texts[3], p.Notes, Micros(p.Created), Micros(p.Updated), Micros(p.Released), p.Scope, p.Search)
	return wrap(op, err)
}

// nonNil returns an empty slice for a nil one, so that JSON holds [] not
// null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func errNoPerson(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.not_found", "no person "+id, "id", id)
}

func (r casesRepo) Person(ctx context.Context, id string) (cases.PersonRecord, error) {
	p, err := scanPerson(r.t.QueryRow(ctx, `SELECT `+personCols+` FROM case_persons p WHERE p.id = ?`, id))
	if err != nil {
		err = r.t.Classify(err)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return cases.PersonRecord{}, errNoPerson(id)
		}
		return cases.PersonRecord{}, wrap("person "+id, err)
	}
	out := []cases.PersonRecord{p}
	if err := r.photos(ctx, out); err != nil {
		return cases.PersonRecord{}, err
	}
	return out[0], nil
}

// photos fills the photo descriptions of ps.
func (r casesRepo) photos(ctx context.Context, ps []cases.PersonRecord) error {
	if len(ps) == 0 {
		return nil
	}
	at := make(map[string]int, len(ps))
	ids := make([]string, 0, len(ps))
	for i, p := range ps {
		at[p.ID] = i
		ids = append(ids, p.ID)
	}
	photos, err := personPhotos.list(ctx, r.t, ids)
	if err != nil {
		return err
	}
	for id, phs := range photos {
		ps[at[id]].Photos = phs
	}
	return nil
}

func (r casesRepo) FindPersons(ctx context.Context, q cases.PersonQuery) ([]cases.PersonRecord, int, error) {
	w := &caseWhere{t: r.t}
	// The scope: the person's own, or that of a case the person is a
	// subject of or was arrested in.
	var sargs []any
	own := w.scope(q.Scope, "p.scope", &sargs)
	subj := `EXISTS (SELECT 1 FROM case_subjects s JOIN cases c ON c.id = s.case_id WHERE s.person_id = p.id AND ` +
		w.scope(q.Scope, "c.scope", &sargs) + `)`
	arr := `EXISTS (SELECT 1 FROM case_arrests a JOIN cases c ON c.id = a.case_id WHERE a.person_id = p.id AND ` +
		w.scope(q.Scope, "c.scope", &sargs) + `)`
	if q.Scope.All {
		w.add("1 = 1")
	} else {
		w.add("("+own+" OR "+subj+" OR "+arr+")", sargs...)
	}
	for _, word := range q.Words {
		w.add(w.has("p.search"), word)
	}
	if q.Unit != "" {
		w.add("p.owner_unit = ?", q.Unit)
	}
	var total int
	if err := r.t.QueryRow(ctx, `SELECT COUNT(*) FROM case_persons p WHERE `+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, wrap("find persons", r.t.Classify(err))
	}
	order := ` ORDER BY p.name_latin` + w.binary() + `, p.name` + w.binary() + `, p.id`
	stmt, args := limitOffset(`SELECT `+personCols+` FROM case_persons p WHERE `+w.sql()+order, w.args, q.Limit, q.Offset)
	out, err := queryAll(ctx, r.t, "find persons", scanPerson, stmt, args...)
	if err != nil {
		return nil, 0, err
	}
	if err := r.photos(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

func (r casesRepo) PutPhoto(ctx context.Context, personID string, ph cases.Photo, data []byte) error {
	return personPhotos.put(ctx, r.t, personID, ph, data)
}

func (r casesRepo) DeletePhoto(ctx context.Context, personID, photoID string) error {
	return personPhotos.delete(ctx, r.t, personID, photoID)
}

func (r casesRepo) PhotoData(ctx context.Context, personID, photoID string) (cases.Photo, []byte, error) {
	return personPhotos.data(ctx, r.t, personID, photoID)
}

const subjectCols = `id, case_id, person_id, role, origin, created, updated, released`

func scanSubject(sc scanner) (cases.CaseSubject, error) {
	var s cases.CaseSubject
	var role, origin string
	var created, updated, released int64
	if err := sc.Scan(&s.ID, &s.CaseID, &s.PersonID, &role, &origin, &created, &updated, &released); err != nil {
		return s, err
	}
	s.Role, s.Origin = cases.SubjectRole(role), borderlink.NodeID(origin)
	s.Created, s.Updated, s.Released = FromMicros(created), FromMicros(updated), FromMicros(released)
	return s, nil
}

func (r casesRepo) PutSubject(ctx context.Context, s cases.CaseSubject) error {
	op := "put subject " + s.ID
	var other string
	err := r.t.QueryRow(ctx, `SELECT id FROM case_subjects WHERE case_id = ? AND person_id = ? AND id <> ?`,
		s.CaseID, s.PersonID, s.ID).Scan(&other)
	switch err = r.t.Classify(err); {
	case err == nil:
		return wrap(op, borderlink.Errorf(borderlink.EConflict, "error.case_subject_exists",
			"the person is a subject of the case already"))
	case !borderlink.IsCode(err, borderlink.ENotFound):
		return wrap(op, err)
	}
	_, err = r.t.Exec(ctx, `INSERT INTO case_subjects (`+subjectCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, person_id = excluded.person_id, role = excluded.role,
			origin = excluded.origin, created = excluded.created, updated = excluded.updated, released = excluded.released`,
		s.ID, s.CaseID, s.PersonID, string(s.Role), string(s.Origin), Micros(s.Created), Micros(s.Updated), Micros(s.Released))
	return wrap(op, err)
}

func errNoSubject(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.not_found", "no subject "+id, "id", id)
}

func (r casesRepo) Subject(ctx context.Context, id string) (cases.CaseSubject, error) {
	s, err := scanSubject(r.t.QueryRow(ctx, `SELECT `+subjectCols+` FROM case_subjects WHERE id = ?`, id))
	if err != nil {
		err = r.t.Classify(err)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return cases.CaseSubject{}, errNoSubject(id)
		}
		return cases.CaseSubject{}, wrap("subject "+id, err)
	}
	return s, nil
}

func (r casesRepo) DeleteSubject(ctx context.Context, id string) error {
	res, err := r.t.Exec(ctx, `DELETE FROM case_subjects WHERE id = ?`, id)
	return wrap("delete subject "+id, expectRows(res, err, errNoSubject(id)))
}

func (r casesRepo) Subjects(ctx context.Context, q cases.SubjectQuery) ([]cases.CaseSubject, error) {
	w := &caseWhere{t: r.t}
	if q.CaseID != "" {
		w.add("case_id = ?", q.CaseID)
	}
	if q.PersonID != "" {
		w.add("person_id = ?", q.PersonID)
	}
	if len(w.conds) == 0 {
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.invalid", "subjects of what?")
	}
	return queryAll(ctx, r.t, "subjects", scanSubject,
		`SELECT `+subjectCols+` FROM case_subjects WHERE `+w.sql()+` ORDER BY created, id`, w.args...)
}

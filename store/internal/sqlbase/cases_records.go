package sqlbase

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/stats"
)

// nullID stores "" as NULL (a seizure or an arrest outside any case).
func nullID(id string) sql.NullString { return sql.NullString{String: id, Valid: id != ""} }

func nullFloat(f *float64) sql.NullFloat64 {
	if f == nil {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: *f, Valid: true}
}

func fromNullFloat(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	v := n.Float64
	return &v
}

// one runs a query for one row scanned by scan, turning no row into none.
func one[T any](ctx context.Context, t *Tx, op string, none error, scan func(scanner) (T, error), q string, args ...any) (T, error) {
	v, err := scan(t.QueryRow(ctx, q, args...))
	if err != nil {
		var zero T
		err = t.Classify(err)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return zero, none
		}
		return zero, wrap(op, err)
	}
	return v, nil
}

func notFound(what, id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.not_found", "no "+what+" "+id, "id", id)
}

// Events.

const eventCols = `id, case_id, kind, at, place, summary, lang, origin, created, updated, released`

func scanEvent(sc scanner) (cases.Event, error) {
	var e cases.Event
	var kind, lang, origin string
	var at, created, updated, released int64
	if err := sc.Scan(&e.ID, &e.CaseID, &kind, &at, &e.Place, &e.Summary, &lang, &origin, &created, &updated, &released); err != nil {
		return e, err
	}
	e.Kind, e.Lang, e.Origin = cases.EventKind(kind), borderlink.Lang(lang), borderlink.NodeID(origin)
	e.At, e.Created, e.Updated, e.Released = FromMicros(at), FromMicros(created), FromMicros(updated), FromMicros(released)
	return e, nil
}

func (r casesRepo) PutEvent(ctx context.Context, e cases.Event) error {
	_, err := r.t.Exec(ctx, `INSERT INTO case_events (`+eventCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, kind = excluded.kind, at = excluded.at,
			place = excluded.place, summary = excluded.summary, lang = excluded.lang, origin = excluded.origin,
			created = excluded.created, updated = excluded.updated, released = excluded.released`,
		e.ID, e.CaseID, string(e.Kind), Micros(e.At), e.Place, e.Summary, string(e.Lang), string(e.Origin),
		Micros(e.Created), Micros(e.Updated), Micros(e.Released))
	return wrap("put event "+e.ID, err)
}

func (r casesRepo) Event(ctx context.Context, id string) (cases.Event, error) {
	return one(ctx, r.t, "event "+id, notFound("event", id), scanEvent, `SELECT `+eventCols+` FROM case_events WHERE id = ?`, id)
}

func (r casesRepo) Events(ctx context.Context, caseID string) ([]cases.Event, error) {
	return queryAll(ctx, r.t, "events of "+caseID, scanEvent,
		`SELECT `+eventCols+` FROM case_events WHERE case_id = ? ORDER BY at, id`, caseID)
}

// Seizures.

const seizureCols = `id, case_id, origin, day, place, lat, lon, agency, drugs, items, note, lang, created, updated, released`

func scanSeizure(sc scanner) (cases.Seizure, error) {
	var (
		z                                     cases.Seizure
		caseID                                sql.NullString
		origin, d, agency, drugs, items, lang string
		lat, lon                              sql.NullFloat64
		created, updated, released            int64
	)
	if err := sc.Scan(&z.ID, &caseID, &origin, &d, &z.Place, &lat, &lon, &agency, &drugs, &items, &z.Note, &lang,
		&created, &updated, &released); err != nil {
		return z, err
	}
	var err error
	if z.Day, err = parseDay(d); err != nil {
		return z, fmt.Errorf("seizure %s: %w", z.ID, err)
	}
	z.CaseID, z.Origin, z.Agency, z.Lang = caseID.String, borderlink.NodeID(origin), stats.Agency(agency), borderlink.Lang(lang)
	z.Lat, z.Lon = fromNullFloat(lat), fromNullFloat(lon)
	z.Created, z.Updated, z.Released = FromMicros(created), FromMicros(updated), FromMicros(released)
	z.Drugs, z.Items = []cases.DrugItem{}, []cases.Item{}
	if err := fromJSON(drugs, &z.Drugs); err != nil {
		return z, fmt.Errorf("seizure %s: drugs: %w", z.ID, err)
	}
	if err := fromJSON(items, &z.Items); err != nil {
		return z, fmt.Errorf("seizure %s: items: %w", z.ID, err)
	}
	return z, nil
}

func (r casesRepo) PutSeizure(ctx context.Context, z cases.Seizure) error {
	op := "put seizure " + z.ID
	drugs, err := toJSON(nonNil(z.Drugs))
	if err != nil {
		return wrap(op, err)
	}
	items, err := toJSON(nonNil(z.Items))
	if err != nil {
		return wrap(op, err)
	}
	_, err = r.t.Exec(ctx, `INSERT INTO case_seizures (`+seizureCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, origin = excluded.origin, day = excluded.day,
			place = excluded.place, lat = excluded.lat, lon = excluded.lon, agency = excluded.agency, drugs = excluded.drugs,
			items = excluded.items, note = excluded.note, lang = excluded.lang, created = excluded.created,
			updated = excluded.updated, released = excluded.released`,
		z.ID, nullID(z.CaseID), string(z.Origin), day(z.Day), z.Place, nullFloat(z.Lat), nullFloat(z.Lon), string(z.Agency),
		drugs, items, z.Note, string(z.Lang), Micros(z.Created), Micros(z.Updated), Micros(z.Released))
	return wrap(op, err)
}

func (r casesRepo) Seizure(ctx context.Context, id string) (cases.Seizure, error) {
	return one(ctx, r.t, "seizure "+id, notFound("seizure", id), scanSeizure,
		`SELECT `+seizureCols+` FROM case_seizures WHERE id = ?`, id)
}

func (r casesRepo) DeleteSeizure(ctx context.Context, id string) error {
	res, err := r.t.Exec(ctx, `DELETE FROM case_seizures WHERE id = ?`, id)
	return wrap("delete seizure "+id, expectRows(res, err, notFound("seizure", id)))
}

func (r casesRepo) Seizures(ctx context.Context, caseID string) ([]cases.Seizure, error) {
	return queryAll(ctx, r.t, "seizures of "+caseID, scanSeizure,
		`SELECT `+seizureCols+` FROM case_seizures WHERE case_id = ? ORDER BY day, id`, caseID)
}

// Arrests.

const arrestCols = `id, case_id, person_id, origin, day, place, agency, charge, charge_text, created, updated, released`

func scanArrest(sc scanner) (cases.Arrest, error) {
	var (
		a                          cases.Arrest
		caseID                     sql.NullString
		origin, d, agency, charge  string
		created, updated, released int64
	)
	if err := sc.Scan(&a.ID, &caseID, &a.PersonID, &origin, &d, &a.Place, &agency, &charge, &a.ChargeText,
		&created, &updated, &released); err != nil {
		return a, err
	}
	var err error
	if a.Day, err = parseDay(d); err != nil {
		return a, fmt.Errorf("arrest %s: %w", a.ID, err)
	}
	a.CaseID, a.Origin, a.Agency, a.Charge = caseID.String, borderlink.NodeID(origin), stats.Agency(agency), cases.Charge(charge)
	a.Created, a.Updated, a.Released = FromMicros(created), FromMicros(updated), FromMicros(released)
	return a, nil
}

func (r casesRepo) PutArrest(ctx context.Context, a cases.Arrest) error {
	_, err := r.t.Exec(ctx, `INSERT INTO case_arrests (`+arrestCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, person_id = excluded.person_id, origin = excluded.origin,
			day = excluded.day, place = excluded.place, agency = excluded.agency, charge = excluded.charge,
			charge_text = excluded.charge_text, created = excluded.created, updated = excluded.updated,
			released = excluded.released`,
		a.ID, nullID(a.CaseID), a.PersonID, string(a.Origin), day(a.Day), a.Place, string(a.Agency), string(a.Charge), a.ChargeText,
		Micros(a.Created), Micros(a.Updated), Micros(a.Released))
	return wrap("put arrest "+a.ID, err)
}

func (r casesRepo) Arrest(ctx context.Context, id string) (cases.Arrest, error) {
	return one(ctx, r.t, "arrest "+id, notFound("arrest", id), scanArrest,
		`SELECT `+arrestCols+` FROM case_arrests WHERE id = ?`, id)
}

func (r casesRepo) DeleteArrest(ctx context.Context, id string) error {
	res, err := r.t.Exec(ctx, `DELETE FROM case_arrests WHERE id = ?`, id)
	return wrap("delete arrest "+id, expectRows(res, err, notFound("arrest", id)))
}

func (r casesRepo) Arrests(ctx context.Context, q cases.ArrestQuery) ([]cases.Arrest, error) {
	w := &caseWhere{t: r.t}
	if q.CaseID != "" {
		w.add("case_id = ?", q.CaseID)
	}
	if q.PersonID != "" {
		w.add("person_id = ?", q.PersonID)
	}
	if len(w.conds) == 0 {
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.invalid", "arrests of what?")
	}
	return queryAll(ctx, r.t, "arrests", scanArrest,
		`SELECT `+arrestCols+` FROM case_arrests WHERE `+w.sql()+` ORDER BY day, id`, w.args...)
}

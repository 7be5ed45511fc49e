package sqlbase

import (
	"context"
	"database/sql"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/units"
)

// unitsRepo implements units.Repo. Dates are TEXT YYYY-MM-DD, the empty
// string for an open bound, so that they sort and compare as strings in both
// engines and can be part of a primary key.
type unitsRepo struct{ t *Tx }

var _ units.Repo = unitsRepo{}

func (r unitsRepo) UpsertCountry(ctx context.Context, c units.Country) error {
	_, err := r.t.Exec(ctx, `INSERT INTO countries (code, name_vi, name_lo, name_en) VALUES (?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name_vi = excluded.name_vi, name_lo = excluded.name_lo, name_en = excluded.name_en`,
		c.Code, c.Name.VI, c.Name.LO, c.Name.EN)
	return wrap("upsert country "+c.Code, err)
}

func (r unitsRepo) UpsertLevel(ctx context.Context, l units.Level) error {
	_, err := r.t.Exec(ctx, `INSERT INTO unit_levels (country, code, valid_from, valid_to, rank, name_vi, name_lo, name_en)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (country, code, valid_from) DO UPDATE SET valid_to = excluded.valid_to, rank = excluded.rank,
			name_vi = excluded.name_vi, name_lo = excluded.name_lo, name_en = excluded.name_en`,
		l.Country, l.Code, l.ValidFrom.String(), l.ValidTo.String(), l.Rank, l.Name.VI, l.Name.LO, l.Name.EN)
	return wrap("upsert level "+l.Country+" "+l.Code, err)
}

func (r unitsRepo) UpsertUnit(ctx context.Context, u units.Unit) error {
	parent := sql.NullString{String: u.Parent, Valid: u.Parent != ""}
	_, err := r.t.Exec(ctx, `INSERT INTO units (code, country, level, parent, name_vi, name_lo, name_en,
			place_vi, place_lo, place_en, valid_from, valid_to, border, source)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET country = excluded.country, level = excluded.level, parent = excluded.parent,
			name_vi = excluded.name_vi, name_lo = excluded.name_lo, name_en = excluded.name_en,
			place_vi = excluded.place_vi, place_lo = excluded.place_lo, place_en = excluded.place_en,
			valid_from = excluded.valid_from, valid_to = excluded.valid_to, border = excluded.border, source = excluded.source`,
		u.Code, u.Country, u.Level, parent, u.Name.VI, u.Name.LO, u.Name.EN,
		u.PlaceName.VI, u.PlaceName.LO, u.PlaceName.EN, u.ValidFrom.String(), u.ValidTo.String(), u.Border, u.Source)
	return wrap("upsert unit "+u.Code, err)
}

func (r unitsRepo) AddSuccessor(ctx context.Context, code, successor string) error {
	_, err := r.t.Exec(ctx, `INSERT INTO unit_successors (code, successor) VALUES (?, ?)
		ON CONFLICT (code, successor) DO NOTHING`, code, successor)
	return wrap("add successor "+code+" "+successor, err)
}

func (r unitsRepo) RemoveSuccessor(ctx context.Context, code, successor string) error {
	_, err := r.t.Exec(ctx, `DELETE FROM unit_successors WHERE code = ? AND successor = ?`, code, successor)
	return wrap("remove successor "+code+" "+successor, err)
}

func (r unitsRepo) UpsertCounterpart(ctx context.Context, c units.Counterpart) error {
	_, err := r.t.Exec(ctx, `INSERT INTO counterparts (a, b, valid_from, valid_to, level) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (a, b, valid_from) DO UPDATE SET valid_to = excluded.valid_to, level = excluded.level`,
		c.A, c.B, c.ValidFrom.String(), c.ValidTo.String(), c.Level)
	return wrap("upsert counterpart "+c.A+" "+c.B, err)
}

func (r unitsRepo) List(ctx context.Context) (units.Data, error) {
	var d units.Data
	var err error
	if d.Countries, err = r.countries(ctx); err != nil {
		return units.Data{}, err
	}
	if d.Levels, err = r.levels(ctx); err != nil {
		return units.Data{}, err
	}
	if d.Units, err = r.units(ctx, ""); err != nil {
		return units.Data{}, err
	}
	if d.Counterparts, err = r.counterparts(ctx); err != nil {
		return units.Data{}, err
	}
	return d, nil
}

func (r unitsRepo) GetUnit(ctx context.Context, code string) (units.Unit, error) {
	us, err := r.units(ctx, code)
	if err != nil {
		return units.Unit{}, err
	}
	if len(us) == 0 {
		return units.Unit{}, units.UnknownUnit(code)
	}
	return us[0], nil
}

func (r unitsRepo) countries(ctx context.Context) ([]units.Country, error) {
	rows, err := r.t.Query(ctx, `SELECT code, name_vi, name_lo, name_en FROM countries ORDER BY code`)
	if err != nil {
		return nil, wrap("list countries", err)
	}
	defer rows.Close()
	var out []units.Country
	for rows.Next() {
		var c units.Country
		if err := rows.Scan(&c.Code, &c.Name.VI, &c.Name.LO, &c.Name.EN); err != nil {
			return nil, wrap("list countries", err)
		}
		out = append(out, c)
	}
	return out, wrap("list countries", rows.Err())
}

func (r unitsRepo) levels(ctx context.Context) ([]units.Level, error) {
	rows, err := r.t.Query(ctx, `SELECT country, code, valid_from, valid_to, rank, name_vi, name_lo, name_en
		FROM unit_levels ORDER BY country, rank, valid_from, code`)
	if err != nil {
		return nil, wrap("list levels", err)
	}
	defer rows.Close()
	var out []units.Level
	for rows.Next() {
		var l units.Level
		var from, to string
		if err := rows.Scan(&l.Country, &l.Code, &from, &to, &l.Rank, &l.Name.VI, &l.Name.LO, &l.Name.EN); err != nil {
			return nil, wrap("list levels", err)
		}
		if l.ValidFrom, l.ValidTo, err = dates(from, to); err != nil {
			return nil, wrap("list levels", err)
		}
		out = append(out, l)
	}
	return out, wrap("list levels", rows.Err())
}

// units returns the unit with this code, or every unit when code is "".
func (r unitsRepo) units(ctx context.Context, code string) ([]units.Unit, error) {
	q := `SELECT code, country, level, parent, name_vi, name_lo, name_en, place_vi, place_lo, place_en,
		valid_from, valid_to, border, source FROM units`
	sq := `SELECT code, successor FROM unit_successors`
	var args []any
	if code != "" {
		q += ` WHERE code = ?`
		sq += ` WHERE code = ?`
		args = append(args, code)
	}
	rows, err := r.t.Query(ctx, q+` ORDER BY code`, args...)
	if err != nil {
		return nil, wrap("list units", err)
	}
	defer rows.Close()
	var out []units.Unit
	index := map[string]int{}
	for rows.Next() {
		var u units.Unit
		var parent sql.NullString
		var from, to string
		if err := rows.Scan(&u.Code, &u.Country, &u.Level, &parent, &u.Name.VI, &u.Name.LO, &u.Name.EN,
			&u.PlaceName.VI, &u.PlaceName.LO, &u.PlaceName.EN, &from, &to, &u.Border, &u.Source); err != nil {
			return nil, wrap("list units", err)
		}
		u.Parent = parent.String
		if u.ValidFrom, u.ValidTo, err = dates(from, to); err != nil {
			return nil, wrap("list units", err)
		}
		index[u.Code] = len(out)
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("list units", err)
	}
	rows.Close()
	srows, err := r.t.Query(ctx, sq+` ORDER BY code, successor`, args...)
	if err != nil {
		return nil, wrap("list successors", err)
	}
	defer srows.Close()
	for srows.Next() {
		var c, s string
		if err := srows.Scan(&c, &s); err != nil {
			return nil, wrap("list successors", err)
		}
		if i, ok := index[c]; ok {
			out[i].Successors = append(out[i].Successors, s)
		}
	}
	return out, wrap("list successors", srows.Err())
}

func (r unitsRepo) counterparts(ctx context.Context) ([]units.Counterpart, error) {
	rows, err := r.t.Query(ctx, `SELECT a, b, valid_from, valid_to, level FROM counterparts ORDER BY a, b, valid_from`)
	if err != nil {
		return nil, wrap("list counterparts", err)
	}
	defer rows.Close()
	var out []units.Counterpart
	for rows.Next() {
		var c units.Counterpart
		var from, to string
		if err := rows.Scan(&c.A, &c.B, &from, &to, &c.Level); err != nil {
			return nil, wrap("list counterparts", err)
		}
		if c.ValidFrom, c.ValidTo, err = dates(from, to); err != nil {
			return nil, wrap("list counterparts", err)
		}
		out = append(out, c)
	}
	return out, wrap("list counterparts", rows.Err())
}

// dates parses a stored validity range.
func dates(from, to string) (f, t borderlink.Date, err error) {
	if f, err = borderlink.ParseDate(from); err != nil {
		return f, t, err
	}
	t, err = borderlink.ParseDate(to)
	return f, t, err
}

package sqlbase

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink/communes"
)

const districtCols = `id, district, province, status, decision, decided, basis, revocation, note, created, updated`

func scanDistrict(sc scanner) (communes.DistrictRecognition, error) {
	var (
		d                                         communes.DistrictRecognition
		status, decision, decided, basis, revoked string
		created, updated                          int64
	)
	if err := sc.Scan(&d.ID, &d.District, &d.Province, &status, &decision, &decided, &basis, &revoked, &d.Note,
		&created, &updated); err != nil {
		return d, err
	}
	d.Status = communes.DistrictStatus(status)
	d.Created, d.Updated = FromMicros(created), FromMicros(updated)
	for _, f := range []struct {
		name, text string
		v          any
	}{{"decision", decision, &d.Decision}, {"basis", basis, &d.Basis}, {"revocation", revoked, &d.Revocation}} {
		if err := fromJSON(f.text, f.v); err != nil {
			return d, fmt.Errorf("district recognition %s: %s: %w", d.ID, f.name, err)
		}
	}
	return d, nil
}

func (r communesRepo) PutDistrict(ctx context.Context, d communes.DistrictRecognition) error {
	op := "put district recognition " + d.ID
	texts := make([]string, 3)
	for i, v := range []any{d.Decision, d.Basis, d.Revocation} {
		s, err := toJSON(v)
		if err != nil {
			return wrap(op, err)
		}
		texts[i] = s
	}
	_, err := r.t.Exec(ctx, `INSERT INTO communes_districts (`+districtCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET district = excluded.district, province = excluded.province, status = excluded.status,
			decision = excluded.decision, decided = excluded.decided, basis = excluded.basis, revocation = excluded.revocation,
			note = excluded.note, created = excluded.created, updated = excluded.updated`,
		d.ID, d.District, d.Province, string(d.Status), texts[0], day(d.Decision.Date), texts[1], texts[2], d.Note,
		Micros(d.Created), Micros(d.Updated))
	return wrap(op, err)
}

func (r communesRepo) District(ctx context.Context, id string) (communes.DistrictRecognition, error) {
	return one(ctx, r.t, "district recognition "+id, notFound("district recognition", id), scanDistrict,
		`SELECT `+districtCols+` FROM communes_districts WHERE id = ?`, id)
}

func (r communesRepo) Districts(ctx context.Context, province, district string) ([]communes.DistrictRecognition, error) {
	w := &caseWhere{t: r.t}
	if province != "" {
		w.add("province = ?", province)
	}
	if district != "" {
		w.add("district = ?", district)
	}
	out, err := queryAll(ctx, r.t, "district recognitions", scanDistrict,
		`SELECT `+districtCols+` FROM communes_districts WHERE `+w.sql()+` ORDER BY decided, id`+w.binary(), w.args...)
	return nonNil(out), err
}

const commitmentCols = `id, commune, province, period_from, period_to, households, agencies, units, note, by_user, created, updated`

func scanCommitments(sc scanner) (communes.Commitments, error) {
	var (
		c                communes.Commitments
		from, to         string
		created, updated int64
	)
	if err := sc.Scan(&c.ID, &c.Commune, &c.Province, &from, &to, &c.Households, &c.Agencies, &c.Units, &c.Note, &c.By,
		&created, &updated); err != nil {
		return c, err
	}
	var err error
	if c.From, err = parseDay(from); err != nil {
		return c, err
	}
	if c.To, err = parseDay(to); err != nil {
		return c, err
	}
	c.Created, c.Updated = FromMicros(created), FromMicros(updated)
	return c, nil
}

func (r communesRepo) PutCommitments(ctx context.Context, c communes.Commitments) error {
	_, err := r.t.Exec(ctx, `INSERT INTO communes_commitments (`+commitmentCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET commune = excluded.commune, province = excluded.province,
			period_from = excluded.period_from, period_to = excluded.period_to, households = excluded.households,
			agencies = excluded.agencies, units = excluded.units, note = excluded.note, by_user = excluded.by_user,
			created = excluded.created, updated = excluded.updated`,
		c.ID, c.Commune, c.Province, day(c.From), day(c.To), c.Households, c.Agencies, c.Units, c.Note, c.By,
		Micros(c.Created), Micros(c.Updated))
	return wrap("put commitments "+c.ID, err)
}

func (r communesRepo) Commitments(ctx context.Context, province, commune string) ([]communes.Commitments, error) {
	w := &caseWhere{t: r.t}
	if province != "" {
		w.add("province = ?", province)
	}
	if commune != "" {
		w.add("commune = ?", commune)
	}
	out, err := queryAll(ctx, r.t, "commitments", scanCommitments,
		`SELECT `+commitmentCols+` FROM communes_commitments WHERE `+w.sql()+` ORDER BY commune`+w.binary()+`, period_from`, w.args...)
	return nonNil(out), err
}

package sqlbase

import (
	"context"
	"database/sql"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/wanted"
)

const sightingCols = `id, notice_id, origin, at, place_unit, place_text, lat, lon, seen, lang, reporter_unit, by_user, created, released`

func scanSighting(sc scanner) (wanted.Sighting, error) {
	var (
		s                     wanted.Sighting
		origin, lang          string
		lat, lon              sql.NullFloat64
		at, created, released int64
	)
	if err := sc.Scan(&s.ID, &s.NoticeID, &origin, &at, &s.Place.Unit, &s.Place.Text, &lat, &lon, &s.Seen, &lang,
		&s.ReporterUnit, &s.By, &created, &released); err != nil {
		return s, err
	}
	s.Origin, s.Lang = borderlink.NodeID(origin), borderlink.Lang(lang)
	s.Place.Lat, s.Place.Lon = fromNullFloat(lat), fromNullFloat(lon)
	s.At, s.Created, s.Released = FromMicros(at), FromMicros(created), FromMicros(released)
	return s, nil
}

func (r wantedRepo) PutSighting(ctx context.Context, s wanted.Sighting) error {
	_, err := r.t.Exec(ctx, `INSERT INTO wanted_sightings (`+sightingCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET notice_id = excluded.notice_id, origin = excluded.origin, at = excluded.at,
			place_unit = excluded.place_unit, place_text = excluded.place_text, lat = excluded.lat, lon = excluded.lon,
			seen = excluded.seen, lang = excluded.lang, reporter_unit = excluded.reporter_unit, by_user = excluded.by_user,
			created = excluded.created, released = excluded.released`,
		s.ID, s.NoticeID, string(s.Origin), Micros(s.At), s.Place.Unit, s.Place.Text, nullFloat(s.Place.Lat), nullFloat(s.Place.Lon),
		s.Seen, string(s.Lang), s.ReporterUnit, s.By, Micros(s.Created), Micros(s.Released))
	return wrap("put sighting "+s.ID, err)
}

func (r wantedRepo) Sighting(ctx context.Context, id string) (wanted.Sighting, error) {
	return one(ctx, r.t, "sighting "+id, notFound("sighting", id), scanSighting,
		`SELECT `+sightingCols+` FROM wanted_sightings WHERE id = ?`, id)
}

func (r wantedRepo) Sightings(ctx context.Context, noticeID string) ([]wanted.Sighting, error) {
	w := &caseWhere{t: r.t}
	out, err := queryAll(ctx, r.t, "sightings of "+noticeID, scanSighting,
		`SELECT `+sightingCols+` FROM wanted_sightings WHERE notice_id = ? ORDER BY at, id`+w.binary(), noticeID)
	return nonNil(out), err
}

const stepCols = `id, notice_id, origin, kind, day, gate_unit, gate_text, gate_lat, gate_lon, receiving_unit, handing_unit,
	note, lang, by_user, created, released`

func scanStep(sc scanner) (wanted.HandoverStep, error) {
	var (
		s                     wanted.HandoverStep
		origin, kind, d, lang string
		lat, lon              sql.NullFloat64
		created, released     int64
	)
	if err := sc.Scan(&s.ID, &s.NoticeID, &origin, &kind, &d, &s.Gate.Unit, &s.Gate.Text, &lat, &lon, &s.ReceivingUnit,
		&s.HandingUnit, &s.Note, &lang, &s.By, &created, &released); err != nil {
		return s, err
	}
	var err error
	if s.Day, err = parseDay(d); err != nil {
		return s, err
	}
	s.Origin, s.Kind, s.Lang = borderlink.NodeID(origin), wanted.HandoverKind(kind), borderlink.Lang(lang)
	s.Gate.Lat, s.Gate.Lon = fromNullFloat(lat), fromNullFloat(lon)
	s.Created, s.Released = FromMicros(created), FromMicros(released)
	return s, nil
}

func (r wantedRepo) PutStep(ctx context.Context, s wanted.HandoverStep) error {
	_, err := r.t.Exec(ctx, `INSERT INTO wanted_handover_steps (`+stepCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET notice_id = excluded.notice_id, origin = excluded.origin, kind = excluded.kind,
			day = excluded.day, gate_unit = excluded.gate_unit, gate_text = excluded.gate_text, gate_lat = excluded.gate_lat,
			gate_lon = excluded.gate_lon, receiving_unit = excluded.receiving_unit, handing_unit = excluded.handing_unit,
			note = excluded.note, lang = excluded.lang, by_user = excluded.by_user, created = excluded.created,
			released = excluded.released`,
		s.ID, s.NoticeID, string(s.Origin), string(s.Kind), day(s.Day), s.Gate.Unit, s.Gate.Text, nullFloat(s.Gate.Lat),
		nullFloat(s.Gate.Lon), s.ReceivingUnit, s.HandingUnit, s.Note, string(s.Lang), s.By, Micros(s.Created), Micros(s.Released))
	return wrap("put step "+s.ID, err)
}

func (r wantedRepo) Step(ctx context.Context, id string) (wanted.HandoverStep, error) {
	return one(ctx, r.t, "step "+id, notFound("hand-over step", id), scanStep,
		`SELECT `+stepCols+` FROM wanted_handover_steps WHERE id = ?`, id)
}

func (r wantedRepo) Steps(ctx context.Context, noticeID string) ([]wanted.HandoverStep, error) {
	w := &caseWhere{t: r.t}
	out, err := queryAll(ctx, r.t, "steps of "+noticeID, scanStep,
		`SELECT `+stepCols+` FROM wanted_handover_steps WHERE notice_id = ? ORDER BY created, id`+w.binary(), noticeID)
	return nonNil(out), err
}

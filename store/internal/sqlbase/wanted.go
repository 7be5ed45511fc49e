package sqlbase

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/wanted"
)

// wantedRepo implements wanted.Repo: notices with their partner units and
// photos (here), sightings and hand-over steps (wanted_records.go).
type wantedRepo struct{ t *Tx }

var _ wanted.Repo = wantedRepo{}

const noticeCols = `n.id, n.origin, n.issuing_unit, n.country, n.name, n.name_latin, n.aliases, n.birth, n.sex, n.nationality,
	n.documents, n.description, n.person_id, n.charges, n.charge_text, n.legal_basis, n.warrant_ref, n.warrant_date, n.danger,
	n.summary, n.notes, n.lang, n.location_unit, n.location_text, n.location_lat, n.location_lon, n.status, n.history,
	n.created, n.updated, n.released, n.search`

func scanNotice(sc scanner) (wanted.NoticeRecord, error) {
	var (
		r                                       wanted.NoticeRecord
		origin, sex, lang, status, warrant      string
		aliases, docs, charges, danger, history string
		lat, lon                                sql.NullFloat64
		created, updated, released              int64
	)
	p := &r.Person
	err := sc.Scan(&r.ID, &origin, &r.IssuingUnit, &r.Country, &p.Name, &p.NameLatin, &aliases, &p.Birth, &sex, &p.Nationality,
		&docs, &p.Description, &p.PersonID, &charges, &r.ChargeText, &r.LegalBasis, &r.WarrantRef, &warrant, &danger,
		&r.Summary, &r.Notes, &lang, &r.Location.Unit, &r.Location.Text, &lat, &lon, &status, &history,
		&created, &updated, &released, &r.Search)
	if err != nil {
		return r, err
	}
	r.Origin, p.Sex, r.Lang, r.Status = borderlink.NodeID(origin), cases.Sex(sex), borderlink.Lang(lang), wanted.Status(status)
	r.Location.Lat, r.Location.Lon = fromNullFloat(lat), fromNullFloat(lon)
	r.Created, r.Updated, r.Released = FromMicros(created), FromMicros(updated), FromMicros(released)
	if r.WarrantDate, err = parseDay(warrant); err != nil {
		return r, fmt.Errorf("notice %s: %w", r.ID, err)
	}
	p.Aliases, p.Documents, r.Charges, r.Danger = []string{}, []cases.Document{}, []cases.Charge{}, []wanted.Danger{}
	r.StatusHistory, r.PartnerUnits, r.Photos = []wanted.StatusChange{}, []string{}, []cases.Photo{}
	for _, f := range []struct {
		name, text string
		v          any
	}{{"aliases", aliases, &p.Aliases}, {"documents", docs, &p.Documents}, {"charges", charges, &r.Charges},
		{"danger", danger, &r.Danger}, {"history", history, &r.StatusHistory}} {
		if err := fromJSON(f.text, f.v); err != nil {
			return r, fmt.Errorf("notice %s: %s: %w", r.ID, f.name, err)
		}
	}
	return r, nil
}

func (r wantedRepo) PutNotice(ctx context.Context, n wanted.NoticeRecord) error {
	op := "put notice " + n.ID
	texts := make([]string, 5)
	for i, v := range []any{nonNil(n.Person.Aliases), nonNil(n.Person.Documents), nonNil(n.Charges), nonNil(n.Danger),
		nonNil(n.StatusHistory)} {
		s, err := toJSON(v)
		if err != nil {
			return wrap(op, err)
		}
		texts[i] = s
	}
	p := n.Person
	_, err := r.t.Exec(ctx, `INSERT INTO wanted_notices (id, origin, issuing_unit, country, name, name_latin, aliases, birth, sex,
			nationality, documents, description, person_id, charges, charge_text, legal_basis, warrant_ref, warrant_date, danger,
			summary, notes, lang, location_unit, location_text, location_lat, location_lon, status, history,
			created, updated, released, search)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, issuing_unit = excluded.issuing_unit, country = excluded.country,
			name = excluded.name, name_latin = excluded.name_latin, aliases = excluded.aliases, birth = excluded.birth,
			sex = excluded.sex, nationality = excluded.nationality, documents = excluded.documents,
			description = excluded.description, person_id = excluded.person_id, charges = excluded.charges,
			charge_text = excluded.charge_text, legal_basis = excluded.legal_basis, warrant_ref = excluded.warrant_ref,
			warrant_date = excluded.warrant_date, danger = excluded.danger, summary = excluded.summary, notes = excluded.notes,
			lang = excluded.lang, location_unit = excluded.location_unit, location_text = excluded.location_text,
			location_lat = excluded.location_lat, location_lon = excluded.location_lon, status = excluded.status,
			history = excluded.history, created = excluded.created, updated = excluded.updated, released = excluded.released,
			search = excluded.search`,
		n.ID, string(n.Origin), n.IssuingUnit, n.Country, p.Name, p.NameLatin, texts[0], p.Birth, string(p.Sex),
		p.Nationality, texts[1], p.Description, p.PersonID, texts[2], n.ChargeText, n.LegalBasis, n.WarrantRef, day(n.WarrantDate), texts[3],
		n.Summary, n.Notes, string(n.Lang), n.Location.Unit, n.Location.Text, nullFloat(n.Location.Lat), nullFloat(n.Location.Lon),
		string(n.Status), texts[4], Micros(n.Created), Micros(n.Updated), Micros(n.Released), n.Search)
	if err != nil {
		return wrap(op, err)
	}
	if _, err := r.t.Exec(ctx, `DELETE FROM wanted_partner_units WHERE notice_id = ?`, n.ID); err != nil {
		return wrap(op, err)
	}
	if len(n.PartnerUnits) == 0 {
		return nil
	}
	args := make([]any, 0, 3*len(n.PartnerUnits))
	for i, u := range n.PartnerUnits {
		args = append(args, n.ID, i, u)
	}
	_, err = r.t.Exec(ctx, `INSERT INTO wanted_partner_units (notice_id, position, unit) VALUES `+rowsOf(len(n.PartnerUnits), 3), args...)
	return wrap(op, err)
}

func (r wantedRepo) Notice(ctx context.Context, id string) (wanted.NoticeRecord, error) {
	n, err := one(ctx, r.t, "notice "+id, notFound("wanted notice", id), scanNotice,
		`SELECT `+noticeCols+` FROM wanted_notices n WHERE n.id = ?`, id)
	if err != nil {
		return wanted.NoticeRecord{}, err
	}
	out := []wanted.NoticeRecord{n}
	if err := r.fill(ctx, out); err != nil {
		return wanted.NoticeRecord{}, wrap("notice "+id, err)
	}
	return out[0], nil
}

// fill sets the partner units and the photo descriptions of ns.
func (r wantedRepo) fill(ctx context.Context, ns []wanted.NoticeRecord) error {
	if len(ns) == 0 {
		return nil
	}
	at := make(map[string]int, len(ns))
	ids := make([]string, 0, len(ns))
	for i, n := range ns {
		at[n.ID] = i
		ids = append(ids, n.ID)
	}
	type pu struct{ noticeID, unit string }
	units, err := queryAll(ctx, r.t, "partner units", func(sc scanner) (pu, error) {
		var v pu
		err := sc.Scan(&v.noticeID, &v.unit)
		return v, err
	}, `SELECT notice_id, unit FROM wanted_partner_units WHERE notice_id IN (`+placeholders(len(ids))+`)
		ORDER BY notice_id, position`, idArgs(ids)...)
	if err != nil {
		return err
	}
	for _, v := range units {
		i := at[v.noticeID]
		ns[i].PartnerUnits = append(ns[i].PartnerUnits, v.unit)
	}
	photos, err := noticePhotos.list(ctx, r.t, ids)
	if err != nil {
		return err
	}
	for id, phs := range photos {
		ns[at[id]].Photos = phs
	}
	return nil
}

// noticeScope returns the condition of wanted.Scope.Match and its
// arguments.
func noticeScope(sc wanted.Scope) (string, []any) {
	if sc.All {
		return "1 = 1", nil
	}
	var alts []string
	var args []any
	if sc.Self != "" {
		alts = append(alts, "n.origin <> ?")
		args = append(args, string(sc.Self))
	}
	if len(sc.Countries) > 0 {
		alts = append(alts, "n.country IN ("+placeholders(len(sc.Countries))+")")
		args = append(args, idArgs(sc.Countries)...)
	}
	if len(alts) == 0 {
		return "1 = 0", nil
	}
	cond := alts[0]
	for _, a := range alts[1:] {
		cond += " OR " + a
	}
	return "(" + cond + ")", args
}

func (r wantedRepo) FindNotices(ctx context.Context, q wanted.NoticeSelect) ([]wanted.NoticeRecord, int, error) {
	w := &caseWhere{t: r.t}
	cond, args := noticeScope(q.Scope)
	w.add(cond, args...)
	for _, word := range q.Words {
		w.add(w.has("n.search"), word)
	}
	if q.Status != "" {
		w.add("n.status = ?", string(q.Status))
	}
	if q.Origin != "" {
		w.add("n.origin = ?", string(q.Origin))
	}
	if q.Unit != "" {
		w.add("(n.issuing_unit = ? OR EXISTS (SELECT 1 FROM wanted_partner_units u WHERE u.notice_id = n.id AND u.unit = ?))",
			q.Unit, q.Unit)
	}
	var total int
	if err := r.t.QueryRow(ctx, `SELECT COUNT(*) FROM wanted_notices n WHERE `+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, wrap("find notices", r.t.Classify(err))
	}
	stmt, sargs := limitOffset(`SELECT `+noticeCols+` FROM wanted_notices n WHERE `+w.sql()+` ORDER BY n.created DESC, n.id`+w.binary()+` DESC`,
		w.args, q.Limit, q.Offset)
	out, err := queryAll(ctx, r.t, "find notices", scanNotice, stmt, sargs...)
	if err != nil {
		return nil, 0, err
	}
	if err := r.fill(ctx, out); err != nil {
		return nil, 0, wrap("find notices", err)
	}
	return out, total, nil
}

func (r wantedRepo) PutPhoto(ctx context.Context, noticeID string, ph cases.Photo, data []byte) error {
	return noticePhotos.put(ctx, r.t, noticeID, ph, data)
}

func (r wantedRepo) DeletePhoto(ctx context.Context, noticeID, photoID string) error {
	return noticePhotos.delete(ctx, r.t, noticeID, photoID)
}

func (r wantedRepo) PhotoData(ctx context.Context, noticeID, photoID string) (cases.Photo, []byte, error) {
	return noticePhotos.data(ctx, r.t, noticeID, photoID)
}

package sqlbase

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/communes"
)

// communesRepo implements communes.Repo: criteria and assessments with
// their events and attachments (here), district recognitions and
// commitments (communes_records.go).
type communesRepo struct{ t *Tx }

var _ communes.Repo = communesRepo{}

const criteriaCols = `id, country, version, name, valid_from, valid_to, threshold, district_share, items, created`

func scanCriteria(sc scanner) (communes.CriteriaSet, error) {
	var (
		c                    communes.CriteriaSet
		name, from, to, item string
		created              int64
	)
	if err := sc.Scan(&c.ID, &c.Country, &c.Version, &name, &from, &to, &c.Threshold, &c.DistrictShare, &item, &created); err != nil {
		return c, err
	}
	var err error
	if c.ValidFrom, err = parseDay(from); err != nil {
		return c, err
	}
	if c.ValidTo, err = parseDay(to); err != nil {
		return c, err
	}
	c.Created = FromMicros(created)
	if err := fromJSON(name, &c.Name); err != nil {
		return c, fmt.Errorf("criteria %s: %w", c.ID, err)
	}
	c.Items = []communes.Item{}
	if err := fromJSON(item, &c.Items); err != nil {
		return c, fmt.Errorf("criteria %s: %w", c.ID, err)
	}
	return c, nil
}

func (r communesRepo) PutCriteria(ctx context.Context, c communes.CriteriaSet) error {
	op := "put criteria " + c.ID
	name, err := toJSON(c.Name)
	if err != nil {
		return wrap(op, err)
	}
	items, err := toJSON(nonNil(c.Items))
	if err != nil {
		return wrap(op, err)
	}
	_, err = r.t.Exec(ctx, `INSERT INTO communes_criteria (`+criteriaCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET country = excluded.country, version = excluded.version, name = excluded.name,
			valid_from = excluded.valid_from, valid_to = excluded.valid_to, threshold = excluded.threshold,
			district_share = excluded.district_share, items = excluded.items, created = excluded.created`,
		c.ID, c.Country, c.Version, name, day(c.ValidFrom), day(c.ValidTo), c.Threshold, c.DistrictShare, items, Micros(c.Created))
	return wrap(op, err)
}

func (r communesRepo) CriteriaSet(ctx context.Context, id string) (communes.CriteriaSet, error) {
	return one(ctx, r.t, "criteria "+id, notFound("criteria set", id), scanCriteria,
		`SELECT `+criteriaCols+` FROM communes_criteria WHERE id = ?`, id)
}

func (r communesRepo) CriteriaSets(ctx context.Context, country string) ([]communes.CriteriaSet, error) {
	out, err := queryAll(ctx, r.t, "criteria of "+country, scanCriteria,
		`SELECT `+criteriaCols+` FROM communes_criteria WHERE country = ? ORDER BY version`, country)
	return nonNil(out), err
}

const assessmentCols = `id, commune, district, province, period_from, period_to, criteria_id, results, score, passed, note, lang,
	status, history, decision, revocation, created, updated`

func scanAssessment(sc scanner) (communes.AssessmentRecord, error) {
	var (
		a                                        communes.AssessmentRecord
		from, to, results, lang, status, history string
		decision, revocation                     string
		created, updated                         int64
	)
	if err := sc.Scan(&a.ID, &a.Commune, &a.District, &a.Province, &from, &to, &a.CriteriaID, &results, &a.Score, &a.Passed,
		&a.Note, &lang, &status, &history, &decision, &revocation, &created, &updated); err != nil {
		return a, err
	}
	var err error
	if a.PeriodFrom, err = parseDay(from); err != nil {
		return a, err
	}
	if a.PeriodTo, err = parseDay(to); err != nil {
		return a, err
	}
	a.Lang, a.Status = borderlink.Lang(lang), communes.Status(status)
	a.Created, a.Updated = FromMicros(created), FromMicros(updated)
	a.Results, a.History, a.Attachments = []communes.Result{}, []communes.Transition{}, []communes.Attachment{}
	for _, f := range []struct {
		name, text string
		v          any
	}{{"results", results, &a.Results}, {"history", history, &a.History}, {"decision", decision, &a.Decision},
		{"revocation", revocation, &a.Revocation}} {
		if err := fromJSON(f.text, f.v); err != nil {
			return a, fmt.Errorf("assessment %s: %s: %w", a.ID, f.name, err)
		}
	}
	return a, nil
}

func (r communesRepo) PutAssessment(ctx context.Context, a communes.AssessmentRecord) error {
	op := "put assessment " + a.ID
	texts := make([]string, 4)
	for i, v := range []any{nonNil(a.Results), nonNil(a.History), a.Decision, a.Revocation} {
		s, err := toJSON(v)
		if err != nil {
			return wrap(op, err)
		}
		texts[i] = s
	}
	_, err := r.t.Exec(ctx, `INSERT INTO communes_assessments (`+assessmentCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET commune = excluded.commune, district = excluded.district, province = excluded.province,
			period_from = excluded.period_from, period_to = excluded.period_to, criteria_id = excluded.criteria_id,
			results = excluded.results, score = excluded.score, passed = excluded.passed, note = excluded.note,
			lang = excluded.lang, status = excluded.status, history = excluded.history, decision = excluded.decision,
			revocation = excluded.revocation, created = excluded.created, updated = excluded.updated`,
		a.ID, a.Commune, a.District, a.Province, day(a.PeriodFrom), day(a.PeriodTo), a.CriteriaID, texts[0], a.Score, a.Passed,
		a.Note, string(a.Lang), string(a.Status), texts[1], texts[2], texts[3], Micros(a.Created), Micros(a.Updated))
	if err != nil {
		return wrap(op, err)
	}
	// The history only grows: only its new entries become events.
	var have int
	if err := r.t.QueryRow(ctx, `SELECT COUNT(*) FROM communes_events WHERE assessment_id = ?`, a.ID).Scan(&have); err != nil {
		return wrap(op, r.t.Classify(err))
	}
	if have > len(a.History) {
		if _, err := r.t.Exec(ctx, `DELETE FROM communes_events WHERE assessment_id = ?`, a.ID); err != nil {
			return wrap(op, err)
		}
		have = 0
	}
	if have == len(a.History) {
		return nil
	}
	args := make([]any, 0, 6*(len(a.History)-have))
	for i, h := range a.History[have:] {
		args = append(args, a.ID, have+i, a.Commune, a.Province, string(h.Status), day(h.Day))
	}
	_, err = r.t.Exec(ctx, `INSERT INTO communes_events (assessment_id, seq, commune, province, status, day) VALUES `+
		rowsOf(len(a.History)-have, 6), args...)
	return wrap(op, err)
}

func (r communesRepo) Assessment(ctx context.Context, id string) (communes.AssessmentRecord, error) {
	a, err := one(ctx, r.t, "assessment "+id, notFound("assessment", id), scanAssessment,
		`SELECT `+assessmentCols+` FROM communes_assessments WHERE id = ?`, id)
	if err != nil {
		return a, err
	}
	out := []communes.AssessmentRecord{a}
	if err := r.attachments(ctx, out); err != nil {
		return a, wrap("assessment "+id, err)
	}
	return out[0], nil
}

// attachments sets the attachment descriptions of as.
func (r communesRepo) attachments(ctx context.Context, as []communes.AssessmentRecord) error {
	if len(as) == 0 {
		return nil
	}
	at := make(map[string]int, len(as))
	ids := make([]string, 0, len(as))
	for i, a := range as {
		at[a.ID] = i
		ids = append(ids, a.ID)
	}
	type row struct {
		owner string
		communes.Attachment
	}
	rows, err := queryAll(ctx, r.t, "attachments", func(sc scanner) (row, error) {
		var v row
		err := sc.Scan(&v.owner, &v.ID, &v.Item, &v.Name, &v.ContentType, &v.Size, &v.SHA256)
		return v, err
	}, `SELECT assessment_id, id, item, name, content_type, size, sha256 FROM communes_attachments
		WHERE assessment_id IN (`+placeholders(len(ids))+`) ORDER BY assessment_id, position`, idArgs(ids)...)
	if err != nil {
		return err
	}
	for _, v := range rows {
		i := at[v.owner]
		as[i].Attachments = append(as[i].Attachments, v.Attachment)
	}
	return nil
}

func (r communesRepo) FindAssessments(ctx context.Context, q communes.AssessmentSelect) ([]communes.AssessmentRecord, int, error) {
	w := &caseWhere{t: r.t}
	w.add("1 = 1")
	if q.Commune != "" {
		w.add("commune = ?", q.Commune)
	}
	if q.Province != "" {
		w.add("province = ?", q.Province)
	}
	if q.Status != "" {
		w.add("status = ?", string(q.Status))
	}
	var total int
	if err := r.t.QueryRow(ctx, `SELECT COUNT(*) FROM communes_assessments WHERE `+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, wrap("find assessments", r.t.Classify(err))
	}
	stmt, args := limitOffset(`SELECT `+assessmentCols+` FROM communes_assessments WHERE `+w.sql()+
		` ORDER BY commune`+w.binary()+`, period_from, id`+w.binary(), w.args, q.Limit, q.Offset)
	out, err := queryAll(ctx, r.t, "find assessments", scanAssessment, stmt, args...)
	if err != nil {
		return nil, 0, err
	}
	if err := r.attachments(ctx, out); err != nil {
		return nil, 0, wrap("find assessments", err)
	}
	return nonNil(out), total, nil
}

func (r communesRepo) Events(ctx context.Context, province string, until borderlink.Date) ([]communes.Event, error) {
	w := &caseWhere{t: r.t}
	out, err := queryAll(ctx, r.t, "events of "+province, func(sc scanner) (communes.Event, error) {
		var e communes.Event
		var st, d string
		if err := sc.Scan(&e.AssessmentID, &e.Commune, &e.Seq, &st, &d); err != nil {
			return e, err
		}
		e.Status = communes.Status(st)
		var err error
		e.Day, err = parseDay(d)
		return e, err
	}, `SELECT assessment_id, commune, seq, status, day FROM communes_events WHERE province = ? AND day <= ?
		ORDER BY commune`+w.binary()+`, day, assessment_id`+w.binary()+`, seq`, province, day(until))
	return nonNil(out), err
}

func (r communesRepo) PutAttachment(ctx context.Context, assessmentID string, a communes.Attachment, data []byte) error {
	res, err := r.t.Exec(ctx, `INSERT INTO communes_attachments (id, assessment_id, position, item, name, content_type, size, sha256, data)
		SELECT ?, ?, COALESCE(MAX(position), -1) + 1, ?, ?, ?, ?, ?, ? FROM communes_attachments WHERE assessment_id = ?
		ON CONFLICT (id) DO NOTHING`,
		a.ID, assessmentID, a.Item, a.Name, a.ContentType, a.Size, a.SHA256, data, assessmentID)
	return wrap("put attachment "+a.ID, expectRows(res, err, borderlink.Errorf(borderlink.EConflict, "error.conflict",
		"an attachment "+a.ID+" exists already", "id", a.ID)))
}

func (r communesRepo) AttachmentData(ctx context.Context, assessmentID, id string) (communes.Attachment, []byte, error) {
	var a communes.Attachment
	var data []byte
	err := r.t.QueryRow(ctx, `SELECT id, item, name, content_type, size, sha256, data FROM communes_attachments
		WHERE id = ? AND assessment_id = ?`, id, assessmentID).Scan(&a.ID, &a.Item, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &data)
	if err != nil {
		err = r.t.Classify(err)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return communes.Attachment{}, nil, notFound("attachment", id)
		}
		return communes.Attachment{}, nil, wrap("attachment "+id, err)
	}
	return a, data, nil
}

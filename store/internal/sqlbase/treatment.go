package sqlbase

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/treatment"
)

// treatmentRepo implements treatment.Repo: records with their clear
// columns in treatment_records and their sealed field groups in
// treatment_sealed. It never sees a plaintext: the service seals before
// and opens after.
type treatmentRepo struct{ t *Tx }

var _ treatment.Repo = treatmentRepo{}

const treatmentCols = `r.id, r.owner_unit, r.scope, r.status, r.rehab_kind, r.last_relapse, r.until_day, r.created, r.updated`

func scanTreatment(sc scanner) (treatment.Row, error) {
	var (
		r                treatment.Row
		status, rehab    string
		relapse, until   string
		created, updated int64
	)
	if err := sc.Scan(&r.ID, &r.OwnerUnit, &r.Scope, &status, &rehab, &relapse, &until, &created, &updated); err != nil {
		return r, err
	}
	r.Status, r.Rehab = treatment.Status(status), treatment.EpisodeKind(rehab)
	r.Created, r.Updated = FromMicros(created), FromMicros(updated)
	var err error
	if r.LastRelapse, err = parseDay(relapse); err != nil {
		return r, wrap("treatment record "+r.ID, err)
	}
	if r.Until, err = parseDay(until); err != nil {
		return r, wrap("treatment record "+r.ID, err)
	}
	return r, nil
}

func (r treatmentRepo) PutRecord(ctx context.Context, row treatment.Row) error {
	op := "put treatment record " + row.ID
	_, err := r.t.Exec(ctx, `INSERT INTO treatment_records
			(id, owner_unit, scope, status, rehab_kind, last_relapse, until_day, created, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET owner_unit = excluded.owner_unit, scope = excluded.scope, status = excluded.status,
			rehab_kind = excluded.rehab_kind, last_relapse = excluded.last_relapse, until_day = excluded.until_day,
			created = excluded.created, updated = excluded.updated`,
		row.ID, row.OwnerUnit, row.Scope, string(row.Status), string(row.Rehab), day(row.LastRelapse), day(row.Until),
		Micros(row.Created), Micros(row.Updated))
	if err != nil {
		return wrap(op, err)
	}
	if _, err := r.t.Exec(ctx, `DELETE FROM treatment_sealed WHERE record_id = ?`, row.ID); err != nil {
		return wrap(op, err)
	}
	if len(row.Sealed) == 0 {
		return nil
	}
	args := make([]any, 0, 4*len(row.Sealed))
	for _, v := range row.Sealed {
		args = append(args, row.ID, v.Field, v.KeyID, v.Value)
	}
	_, err = r.t.Exec(ctx, `INSERT INTO treatment_sealed (record_id, field, key_id, value) VALUES `+rowsOf(len(row.Sealed), 4), args...)
	return wrap(op, err)
}

func (r treatmentRepo) Record(ctx context.Context, id string) (treatment.Row, error) {
	row, err := one(ctx, r.t, "treatment record "+id, notFound("treatment record", id), scanTreatment,
		`SELECT `+treatmentCols+` FROM treatment_records r WHERE r.id = ?`, id)
	if err != nil {
		return treatment.Row{}, err
	}
	rows := []treatment.Row{row}
	if err := r.attach(ctx, rows); err != nil {
		return treatment.Row{}, wrap("treatment record "+id, err)
	}
	return rows[0], nil
}

// attach reads the sealed groups of rows.
func (r treatmentRepo) attach(ctx context.Context, rows []treatment.Row) error {
	if len(rows) == 0 {
		return nil
	}
	at := make(map[string]int, len(rows))
	ids := make([]string, len(rows))
	for i, row := range rows {
		at[row.ID], ids[i] = i, row.ID
	}
	w := &caseWhere{t: r.t}
	refs, err := queryAll(ctx, r.t, "sealed groups", scanSealedRef,
		`SELECT record_id, field, key_id, value FROM treatment_sealed WHERE record_id IN (`+placeholders(len(ids))+`)
		ORDER BY record_id, field`+w.binary(), idArgs(ids)...)
	if err != nil {
		return err
	}
	for _, ref := range refs {
		i := at[ref.RecordID]
		rows[i].Sealed = append(rows[i].Sealed, ref.Sealed)
	}
	return nil
}

func scanSealedRef(sc scanner) (treatment.SealedRef, error) {
	var ref treatment.SealedRef
	err := sc.Scan(&ref.RecordID, &ref.Field, &ref.KeyID, &ref.Value)
	return ref, err
}

// underUnit adds the condition of treatment.Under for any of units to w;
// no units selects nothing.
func underUnit(w *caseWhere, units []string) {
	if len(units) == 0 {
		w.add("1 = 0")
		return
	}
	cond := ""
	args := make([]any, 0, len(units))
	for i, u := range units {
		if i > 0 {
			cond += " OR "
		}
		cond += w.has("r.scope")
		args = append(args, "/"+u+"/")
	}
	w.add("("+cond+")", args...)
}

func (r treatmentRepo) FindRecords(ctx context.Context, q treatment.Select) ([]treatment.Row, int, error) {
	w := &caseWhere{t: r.t}
	underUnit(w, q.Under)
	if q.Status != "" {
		w.add("r.status = ?", string(q.Status))
	}
	var total int
	if err := r.t.QueryRow(ctx, `SELECT COUNT(*) FROM treatment_records r WHERE `+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, wrap("find treatment records", r.t.Classify(err))
	}
	stmt, args := limitOffset(`SELECT `+treatmentCols+` FROM treatment_records r WHERE `+w.sql()+
		` ORDER BY r.created DESC, r.id`+w.binary()+` DESC`, w.args, q.Limit, q.Offset)
	rows, err := queryAll(ctx, r.t, "find treatment records", scanTreatment, stmt, args...)
	if err != nil {
		return nil, 0, err
	}
	if err := r.attach(ctx, rows); err != nil {
		return nil, 0, wrap("find treatment records", err)
	}
	return rows, total, nil
}

func (r treatmentRepo) Tally(ctx context.Context, unit string, today, since borderlink.Date) (treatment.Tally, error) {
	w := &caseWhere{t: r.t}
	underUnit(w, []string{unit})
	var out treatment.Tally
	lapsed := `CASE WHEN r.until_day <> '' AND r.until_day < ? THEN 1 ELSE 0 END`
	rows, err := queryAll(ctx, r.t, "tally treatment records", func(sc scanner) (treatment.TallyRow, error) {
		var (
			tr            treatment.TallyRow
			status, rehab string
			gone          int
		)
		err := sc.Scan(&status, &rehab, &gone, &tr.N)
		tr.Status, tr.Rehab, tr.Lapsed = treatment.Status(status), treatment.EpisodeKind(rehab), gone == 1
		return tr, err
	}, `SELECT r.status, r.rehab_kind, `+lapsed+` AS lapsed, COUNT(*) FROM treatment_records r WHERE `+w.sql()+`
		GROUP BY r.status, r.rehab_kind, lapsed ORDER BY r.status, r.rehab_kind, lapsed`,
		append([]any{day(today)}, w.args...)...)
	if err != nil {
		return out, err
	}
	out.Rows = rows
	w.add("r.last_relapse <> '' AND r.last_relapse >= ? AND r.status <> ?", day(since), string(treatment.StatusClosed))
	if err := r.t.QueryRow(ctx, `SELECT COUNT(*) FROM treatment_records r WHERE `+w.sql(), w.args...).Scan(&out.RelapsedSince); err != nil {
		return out, wrap("tally relapses", r.t.Classify(err))
	}
	return out, nil
}

func (r treatmentRepo) KeyUsage(ctx context.Context) (map[string]int, error) {
	type use struct {
		id string
		n  int
	}
	uses, err := queryAll(ctx, r.t, "treatment key usage", func(sc scanner) (use, error) {
		var u use
		err := sc.Scan(&u.id, &u.n)
		return u, err
	}, `SELECT key_id, COUNT(*) FROM treatment_sealed GROUP BY key_id`)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(uses))
	for _, u := range uses {
		out[u.id] = u.n
	}
	return out, nil
}

func (r treatmentRepo) SealedNotUnder(ctx context.Context, keyID string, limit int) ([]treatment.SealedRef, error) {
	w := &caseWhere{t: r.t}
	return queryAll(ctx, r.t, "sealed values to reseal", scanSealedRef,
		`SELECT record_id, field, key_id, value FROM treatment_sealed WHERE key_id <> ?
		ORDER BY record_id`+w.binary()+`, field`+w.binary()+` LIMIT ?`, keyID, limit)
}

func (r treatmentRepo) PutSealed(ctx context.Context, ref treatment.SealedRef) error {
	res, err := r.t.Exec(ctx, `UPDATE treatment_sealed SET key_id = ?, value = ? WHERE record_id = ? AND field = ?`,
		ref.KeyID, ref.Value, ref.RecordID, ref.Field)
	return wrap("put sealed "+ref.Field+" of "+ref.RecordID,
		expectRows(res, err, notFound("sealed value", ref.RecordID+"/"+ref.Field)))
}

func (r treatmentRepo) CasePerson(ctx context.Context, id string) (treatment.CasePerson, error) {
	return one(ctx, r.t, "case person "+id, notFound("person", id), func(sc scanner) (treatment.CasePerson, error) {
		var (
			p      treatment.CasePerson
			origin string
		)
		err := sc.Scan(&p.ID, &origin, &p.Birth)
		p.Origin = borderlink.NodeID(origin)
		return p, err
	}, `SELECT id, origin, birth FROM case_persons WHERE id = ?`, id)
}

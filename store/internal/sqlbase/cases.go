package sqlbase

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/cases"
)

// casesRepo implements cases.Repo: cases and their partner units (here),
// persons, photos and subjects (cases_persons.go), events, seizures and
// arrests (cases_records.go).
type casesRepo struct{ t *Tx }

var _ cases.Repo = casesRepo{}

// caseWhere collects the conditions of a query and their arguments, in
// order.
type caseWhere struct {
	t     *Tx
	conds []string
	args  []any
}

func (w *caseWhere) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// sql returns the conditions joined by AND, "1 = 1" when there are none.
func (w *caseWhere) sql() string {
	if len(w.conds) == 0 {
		return "1 = 1"
	}
	return strings.Join(w.conds, " AND ")
}

// has returns a condition true when col contains the next argument as it
// is (case-sensitive, no wildcards), as strings.Contains does.
func (w *caseWhere) has(col string) string {
	if w.t.Engine() == "postgres" {
		return "strpos(" + col + ", ?) > 0"
	}
	return "instr(" + col + ", ?) > 0"
}

// scope returns the condition of cases.Scope.Match on the paths in col,
// appending its arguments to args.
func (w *caseWhere) scope(sc cases.Scope, col string, args *[]any) string {
	if sc.All {
		return "1 = 1"
	}
	if len(sc.Under) == 0 {
		return "1 = 0"
	}
	alts := make([]string, 0, len(sc.Under))
	for _, u := range sc.Under {
		alts = append(alts, w.has(col))
		*args = append(*args, "/"+u+"/")
	}
	return "(" + col + " <> '' AND (" + strings.Join(alts, " OR ") + "))"
}

// binary returns the clause that orders text by its bytes on both engines
// (PostgreSQL otherwise follows the database's locale).
func (w *caseWhere) binary() string {
	if w.t.Engine() == "postgres" {
		return ` COLLATE "C"`
	}
	return ""
}

func toJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func fromJSON(s string, v any) error {
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), v)
}

// day writes a date as stored (” for none); parseDay reads it back.
func day(d borderlink.Date) string { return d.String() }

func parseDay(s string) (borderlink.Date, error) { return borderlink.ParseDate(s) }

// idArgs returns ids as query arguments.
func idArgs(ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

const caseCols = `c.id, c.origin, c.code, c.code_key, c.title, c.summary, c.lang, c.lead_unit, c.status, c.history,
	c.opened, c.closed, c.handling, c.created, c.updated, c.released, c.scope, c.search`

func scanCase(sc scanner) (cases.CaseRecord, error) {
	var (
		r                              cases.CaseRecord
		origin, lang, status, handling string
		history, opened, closed        string
		created, updated, released     int64
	)
	err := sc.Scan(&r.ID, &origin, &r.Code, &r.CodeKey, &r.Title, &r.Summary, &lang, &r.LeadUnit, &status, &history,
		&opened, &closed, &handling, &created, &updated, &released, &r.Scope, &r.Search)
	if err != nil {
		return r, err
	}
	r.Origin, r.Lang, r.Status, r.Handling = borderlink.NodeID(origin), borderlink.Lang(lang), cases.Status(status), cases.Handling(handling)
	r.Created, r.Updated, r.Released = FromMicros(created), FromMicros(updated), FromMicros(released)
	if err := fromJSON(history, &r.StatusHistory); err != nil {
		return r, fmt.Errorf("case %s: status history: %w", r.ID, err)
	}
	if r.Opened, err = parseDay(opened); err != nil {
		return r, fmt.Errorf("case %s: %w", r.ID, err)
	}
	if r.Closed, err = parseDay(closed); err != nil {
		return r, fmt.Errorf("case %s: %w", r.ID, err)
	}
	r.PartnerUnits = []string{}
	return r, nil
}

func (r casesRepo) PutCase(ctx context.Context, c cases.CaseRecord) error {
	op := "put case " + c.ID
	var other string
	err := r.t.QueryRow(ctx, `SELECT id FROM cases WHERE origin = ? AND code_key = ? AND id <> ?`,
		string(c.Origin), c.CodeKey, c.ID).Scan(&other)
	switch err = r.t.Classify(err); {
	case err == nil:
		return wrap(op, borderlink.Errorf(borderlink.EConflict, "error.case_code_taken",
			"there is a case "+c.Code+" already", "code", c.Code))
	case !borderlink.IsCode(err, borderlink.ENotFound):
		return wrap(op, err)
	}
	history := c.StatusHistory
	if history == nil {
		history = []cases.StatusChange{}
	}
	hist, err := toJSON(history)
	if err != nil {
		return wrap(op, err)
	}
	_, err = r.t.Exec(ctx, `INSERT INTO cases (id, origin, code, code_key, title, summary, lang, lead_unit, status, history,
			opened, closed, handling, created, updated, released, scope, search)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, code = excluded.code, code_key = excluded.code_key,
			title = excluded.title, summary = excluded.summary, lang = excluded.lang, lead_unit = excluded.lead_unit,
			status = excluded.status, history = excluded.history, opened = excluded.opened, closed = excluded.closed,
			handling = excluded.handling, created = excluded.created, updated = excluded.updated,
			released = excluded.released, scope = excluded.scope, search = excluded.search`,
		c.ID, string(c.Origin), c.Code, c.CodeKey, c.Title, c.Summary, string(c.Lang), c.LeadUnit, string(c.Status), hist,
		day(c.Opened), day(c.Closed), string(c.Handling), Micros(c.Created), Micros(c.Updated), Micros(c.Released), c.Scope, c.Search)
	if err != nil {
		return wrap(op, err)
	}
	if _, err := r.t.Exec(ctx, `DELETE FROM case_partner_units WHERE case_id = ?`, c.ID); err != nil {
		return wrap(op, err)
	}
	if len(c.PartnerUnits) == 0 {
		return nil
	}
	args := make([]any, 0, 3*len(c.PartnerUnits))
	for i, u := range c.PartnerUnits {
		args = append(args, c.ID, i, u)
	}
	_, err = r.t.Exec(ctx, `INSERT INTO case_partner_units (case_id, position, unit) VALUES `+rowsOf(len(c.PartnerUnits), 3), args...)
	return wrap(op, err)
}

func errNoCase(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.not_found", "no case "+id, "id", id)
}

func (r casesRepo) Case(ctx context.Context, id string) (cases.CaseRecord, error) {
	return r.oneCase(ctx, "case "+id, errNoCase(id), `SELECT `+caseCols+` FROM cases c WHERE c.id = ?`, id)
}

func (r casesRepo) CaseByCode(ctx context.Context, origin borderlink.NodeID, codeKey string) (cases.CaseRecord, error) {
	return r.oneCase(ctx, "case by code "+codeKey, errNoCase(codeKey),
		`SELECT `+caseCols+` FROM cases c WHERE c.origin = ? AND c.code_key = ?`, string(origin), codeKey)
}

func (r casesRepo) oneCase(ctx context.Context, op string, none error, q string, args ...any) (cases.CaseRecord, error) {
	c, err := scanCase(r.t.QueryRow(ctx, q, args...))
	if err != nil {
		err = r.t.Classify(err)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return cases.CaseRecord{}, none
		}
		return cases.CaseRecord{}, wrap(op, err)
	}
	out := []cases.CaseRecord{c}
	if err := r.partnerUnits(ctx, out); err != nil {
		return cases.CaseRecord{}, wrap(op, err)
	}
	return out[0], nil
}

// partnerUnits fills the partner units of cs.
func (r casesRepo) partnerUnits(ctx context.Context, cs []cases.CaseRecord) error {
	if len(cs) == 0 {
		return nil
	}
	at := make(map[string]int, len(cs))
	ids := make([]string, 0, len(cs))
	for i, c := range cs {
		at[c.ID] = i
		ids = append(ids, c.ID)
	}
	type pu struct{ caseID, unit string }
	rows, err := queryAll(ctx, r.t, "partner units", func(sc scanner) (pu, error) {
		var v pu
		err := sc.Scan(&v.caseID, &v.unit)
		return v, err
	}, `SELECT case_id, unit FROM case_partner_units WHERE case_id IN (`+placeholders(len(ids))+`)
		ORDER BY case_id, position`, idArgs(ids)...)
	if err != nil {
		return err
	}
	for _, v := range rows {
		i := at[v.caseID]
		cs[i].PartnerUnits = append(cs[i].PartnerUnits, v.unit)
	}
	return nil
}

func (r casesRepo) FindCases(ctx context.Context, q cases.CaseQuery) ([]cases.CaseRecord, int, error) {
	w := &caseWhere{t: r.t}
	var sargs []any
	w.add(w.scope(q.Scope, "c.scope", &sargs), sargs...)
	for _, word := range q.Words {
		w.add(w.has("c.search"), word)
	}
	if q.Status != "" {
		w.add("c.status = ?", string(q.Status))
	}
	if q.Unit != "" {
		w.add("(c.lead_unit = ? OR EXISTS (SELECT 1 FROM case_partner_units u WHERE u.case_id = c.id AND u.unit = ?))", q.Unit, q.Unit)
	}
	if q.Origin != "" {
		w.add("c.origin = ?", string(q.Origin))
	}
	var total int
	if err := r.t.QueryRow(ctx, `SELECT COUNT(*) FROM cases c WHERE `+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, wrap("find cases", r.t.Classify(err))
	}
	stmt, args := limitOffset(`SELECT `+caseCols+` FROM cases c WHERE `+w.sql()+` ORDER BY c.created DESC, c.id DESC`,
		w.args, q.Limit, q.Offset)
	out, err := queryAll(ctx, r.t, "find cases", scanCase, stmt, args...)
	if err != nil {
		return nil, 0, err
	}
	if err := r.partnerUnits(ctx, out); err != nil {
		return nil, 0, wrap("find cases", err)
	}
	return out, total, nil
}

func (r casesRepo) PutLink(ctx context.Context, l cases.CaseLink) error {
	_, err := r.t.Exec(ctx, `INSERT INTO case_links (case_id, other_case_id, kind, origin, created) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (case_id, other_case_id) DO UPDATE SET kind = excluded.kind, origin = excluded.origin, created = excluded.created`,
		l.CaseID, l.OtherCaseID, string(l.Kind), string(l.Origin), Micros(l.Created))
	return wrap("put link "+l.CaseID+" "+l.OtherCaseID, err)
}

func (r casesRepo) Links(ctx context.Context, caseID string) ([]cases.CaseLink, error) {
	return queryAll(ctx, r.t, "links of "+caseID, func(sc scanner) (cases.CaseLink, error) {
		var l cases.CaseLink
		var kind, origin string
		var created int64
		if err := sc.Scan(&l.CaseID, &l.OtherCaseID, &kind, &origin, &created); err != nil {
			return l, err
		}
		l.Kind, l.Origin, l.Created = cases.LinkKind(kind), borderlink.NodeID(origin), FromMicros(created)
		return l, nil
	}, `SELECT case_id, other_case_id, kind, origin, created FROM case_links WHERE case_id = ? OR other_case_id = ?
		ORDER BY created, case_id, other_case_id`, caseID, caseID)
}

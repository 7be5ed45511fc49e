package sqlbase

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/plans"
)

// plansRepo implements plans.Repo. Each record is kept whole as JSON text
// (body) beside the columns its selections and orderings need: the rules
// live in package plans, and the record travels between nodes as that
// same JSON, so storage need not know its fields one by one.
type plansRepo struct{ t *Tx }

var _ plans.Repo = plansRepo{}

// docTable is one table of records kept as JSON with key columns.
type docTable struct {
	name string
	what string   // names the record in errors
	cols []string // key columns after id, in the order put passes them
	// full and brief, when set, are columns of JSON objects decoded over
	// the body: full when one record is read, brief when a list is. A
	// task keeps its progress notes so, apart, and lists carry only the
	// last: a plan's page must not decode years of notes.
	full, brief string
}

var (
	agreementsTable = docTable{name: "plans_agreements", what: "agreement", cols: []string{"origin", "valid_from", "updated"}}
	plansTable      = docTable{name: "plans_plans", what: "plan", cols: []string{"origin", "agreement_id", "period_from", "updated"}}
	tasksTable      = docTable{name: "plans_tasks", what: "task", cols: []string{"origin", "plan_id", "deadline", "percent", "conference_id",
		"updated", "notes", "last_note"}, full: "notes", brief: "last_note"}
	conferencesTable = docTable{name: "plans_conferences", what: "conference", cols: []string{"origin", "day", "updated"}}
	targetsTable     = docTable{name: "plans_targets", what: "target", cols: []string{"origin", "unit", "year", "updated"}}
)

// put creates or replaces the record id with its key column values and
// its body.
func (d docTable) put(ctx context.Context, t *Tx, id string, record any, keys ...any) error {
	op := "put " + d.what + " " + id
	body, err := toJSON(record)
	if err != nil {
		return wrap(op, err)
	}
	sets := make([]string, 0, len(d.cols)+1)
	for _, c := range append(d.cols, "body") {
		sets = append(sets, c+" = excluded."+c)
	}
	args := append(append([]any{id}, keys...), body)
	_, err = t.Exec(ctx, `INSERT INTO `+d.name+` (id, `+strings.Join(d.cols, ", ")+`, body) VALUES (`+placeholders(len(args))+`)
		ON CONFLICT (id) DO UPDATE SET `+strings.Join(sets, ", "), args...)
	return wrap(op, err)
}

// get returns the record id, or ENotFound.
func get[T any](ctx context.Context, t *Tx, d docTable, id string) (T, error) {
	op := d.what + " " + id
	doc, err := one(ctx, t, op, notFound(d.what, id), scanDoc, `SELECT body, `+orEmpty(d.full)+` FROM `+d.name+` WHERE id = ?`, id)
	if err != nil {
		var zero T
		return zero, err
	}
	var v T
	return v, wrap(op, doc.decode(&v))
}

// doc is a stored record: its body, and the JSON object decoded over it.
type doc struct{ body, over string }

func scanDoc(sc scanner) (doc, error) {
	var d doc
	return d, sc.Scan(&d.body, &d.over)
}

func (d doc) decode(v any) error {
	if err := fromJSON(d.body, v); err != nil {
		return fmt.Errorf("decode record: %w", err)
	}
	if err := fromJSON(d.over, v); err != nil {
		return fmt.Errorf("decode record: %w", err)
	}
	return nil
}

// orEmpty is column col, or the empty text when there is none.
func orEmpty(col string) string {
	if col == "" {
		return "''"
	}
	return col
}

// list returns the records that where (with args) selects, ordered by
// order (to which the ordering of ids by their bytes is added). The rows
// are read first and decoded after, on every processor when there are
// many: decoding is most of the time a large plan's page takes.
func list[T any](ctx context.Context, t *Tx, d docTable, where, order string, args ...any) ([]T, error) {
	w := &caseWhere{t: t}
	op := "list " + d.what
	bodies, err := queryAll(ctx, t, op, scanDoc,
		`SELECT body, `+orEmpty(d.brief)+` FROM `+d.name+` WHERE `+where+` ORDER BY `+order+`, id`+w.binary(), args...)
	if err != nil {
		return nil, err
	}
	out := make([]T, len(bodies))
	const chunk = 512
	errs := make([]error, (len(bodies)+chunk-1)/chunk)
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for c := range errs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			for i := c * chunk; i < min((c+1)*chunk, len(bodies)); i++ {
				if err := bodies[i].decode(&out[i]); err != nil {
					errs[c] = wrap(op, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

func (r plansRepo) PutAgreement(ctx context.Context, a plans.Agreement) error {
	return agreementsTable.put(ctx, r.t, a.ID, a, string(a.Origin), day(a.ValidFrom), Micros(a.Updated))
}

func (r plansRepo) Agreement(ctx context.Context, id string) (plans.Agreement, error) {
	return get[plans.Agreement](ctx, r.t, agreementsTable, id)
}

func (r plansRepo) Agreements(ctx context.Context) ([]plans.Agreement, error) {
	return list[plans.Agreement](ctx, r.t, agreementsTable, "1 = 1", "valid_from DESC")
}

func (r plansRepo) PutPlan(ctx context.Context, p plans.Plan) error {
	return plansTable.put(ctx, r.t, p.ID, p, string(p.Origin), p.AgreementID, day(p.From), Micros(p.Updated))
}

func (r plansRepo) Plan(ctx context.Context, id string) (plans.Plan, error) {
	return get[plans.Plan](ctx, r.t, plansTable, id)
}

func (r plansRepo) Plans(ctx context.Context, agreementID string) ([]plans.Plan, error) {
	if agreementID == "" {
		return list[plans.Plan](ctx, r.t, plansTable, "1 = 1", "period_from")
	}
	return list[plans.Plan](ctx, r.t, plansTable, "agreement_id = ?", "period_from", agreementID)
}

// taskNotes is the JSON object of a task's notes, decoded over its body.
type taskNotes struct {
	Notes []plans.ProgressNote `json:"notes"`
}

func (r plansRepo) PutTask(ctx context.Context, t plans.Task) error {
	conf := ""
	if t.Source != nil {
		conf = t.Source.ConferenceID
	}
	notes, err := toJSON(taskNotes{nonNil(t.Notes)})
	if err != nil {
		return wrap("put task "+t.ID, err)
	}
	last := taskNotes{[]plans.ProgressNote{}}
	if n := len(t.Notes); n > 0 {
		last.Notes = t.Notes[n-1:]
	}
	lastNote, err := toJSON(last)
	if err != nil {
		return wrap("put task "+t.ID, err)
	}
	t.Notes = nil
	return tasksTable.put(ctx, r.t, t.ID, t, string(t.Origin), t.PlanID, day(t.Deadline), int64(t.Percent), conf, Micros(t.Updated),
		notes, lastNote)
}

func (r plansRepo) Task(ctx context.Context, id string) (plans.Task, error) {
	return get[plans.Task](ctx, r.t, tasksTable, id)
}

func (r plansRepo) Tasks(ctx context.Context, planID string) ([]plans.Task, error) {
	return list[plans.Task](ctx, r.t, tasksTable, "plan_id = ?", "deadline", planID)
}

func (r plansRepo) OverdueTasks(ctx context.Context, asOf borderlink.Date) ([]plans.Task, error) {
	return list[plans.Task](ctx, r.t, tasksTable, "deadline < ? AND percent < 100", "deadline", day(asOf))
}

func (r plansRepo) ConferenceTasks(ctx context.Context, conferenceID string) ([]plans.Task, error) {
	return list[plans.Task](ctx, r.t, tasksTable, "conference_id = ?", "deadline", conferenceID)
}

func (r plansRepo) PutConference(ctx context.Context, c plans.Conference) error {
	return conferencesTable.put(ctx, r.t, c.ID, c, string(c.Origin), day(c.Day), Micros(c.Updated))
}

func (r plansRepo) Conference(ctx context.Context, id string) (plans.Conference, error) {
	return get[plans.Conference](ctx, r.t, conferencesTable, id)
}

func (r plansRepo) Conferences(ctx context.Context) ([]plans.Conference, error) {
	return list[plans.Conference](ctx, r.t, conferencesTable, "1 = 1", "day DESC")
}

func (r plansRepo) PutTarget(ctx context.Context, t plans.Target) error {
	return targetsTable.put(ctx, r.t, t.ID, t, string(t.Origin), t.Unit, int64(t.Year), Micros(t.Updated))
}

func (r plansRepo) Targets(ctx context.Context, year int) ([]plans.Target, error) {
	return list[plans.Target](ctx, r.t, targetsTable, "year = ?", "unit"+(&caseWhere{t: r.t}).binary(), int64(year))
}

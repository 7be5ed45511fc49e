package sqlbase

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/communes"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/plans"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/treatment"
	"github.com/borderlink/borderlink/units"
	"github.com/borderlink/borderlink/wanted"
)

// Tx implements store.Tx. Each domain's repository is a thin type over Tx in
// a file named after the domain (units.go, accounts.go, audit.go).
type Tx struct {
	tx    *sql.Tx
	d     *Dialect
	stmts *stmtCache // nil: statements are prepared by the driver each time
	miss  []string   // queries to prepare into stmts after the transaction
	// detached: the transaction is shared by grouped calls, so a caller's
	// context ending must not interrupt a statement (SQLite would roll the
	// whole transaction back).
	detached bool
}

// qctx is the context a statement runs under.
func (t *Tx) qctx(ctx context.Context) context.Context {
	if t.detached {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// stmt returns q prepared for this transaction, or nil to run q directly.
func (t *Tx) stmt(ctx context.Context, q string) *sql.Stmt {
	if t.stmts == nil {
		return nil
	}
	s := t.stmts.get(q)
	if s == nil {
		t.miss = append(t.miss, q)
		return nil
	}
	return t.tx.StmtContext(ctx, s)
}

var _ store.Tx = (*Tx)(nil)

func (t *Tx) Meta() store.Meta            { return metaRepo{t} }
func (t *Tx) Units() units.Repo           { return unitsRepo{t} }
func (t *Tx) Accounts() auth.Repo         { return accountsRepo{t} }
func (t *Tx) Audit() audit.Repo           { return auditRepo{t} }
func (t *Tx) Federation() federation.Repo { return federationRepo{t} }
func (t *Tx) Hotline() hotline.Repo       { return hotlineRepo{t} }
func (t *Tx) Stats() stats.Repo           { return statsRepo{t} }
func (t *Tx) Cases() cases.Repo           { return casesRepo{t} }
func (t *Tx) Wanted() wanted.Repo         { return wantedRepo{t} }
func (t *Tx) Checkpoint() checkpoint.Repo { return checkpointRepo{t} }
func (t *Tx) Communes() communes.Repo     { return communesRepo{t} }
func (t *Tx) Treatment() treatment.Repo   { return treatmentRepo{t} }
func (t *Tx) Plans() plans.Repo           { return plansRepo{t} }

// Exec runs a statement, rebinding placeholders and classifying errors.
func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	ctx = t.qctx(ctx)
	q = t.d.Rebind(q)
	var res sql.Result
	var err error
	if s := t.stmt(ctx, q); s != nil {
		res, err = s.ExecContext(ctx, args...)
	} else {
		res, err = t.tx.ExecContext(ctx, q, args...)
	}
	if err != nil {
		return nil, t.d.classify(err)
	}
	return res, nil
}

// Query runs a query, rebinding placeholders.
func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	ctx = t.qctx(ctx)
	q = t.d.Rebind(q)
	var rows *sql.Rows
	var err error
	if s := t.stmt(ctx, q); s != nil {
		rows, err = s.QueryContext(ctx, args...)
	} else {
		rows, err = t.tx.QueryContext(ctx, q, args...)
	}
	if err != nil {
		return nil, t.d.classify(err)
	}
	return rows, nil
}

// QueryRow runs a query expected to return at most one row. Scan errors
// should go through t.Classify so that a missing row becomes ENotFound.
func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	ctx = t.qctx(ctx)
	q = t.d.Rebind(q)
	if s := t.stmt(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, q, args...)
}

// Classify normalises a driver error (no rows, unique and foreign-key
// violations) into a *borderlink.Error.
func (t *Tx) Classify(err error) error { return t.d.classify(err) }

// Engine names the engine, for the rare query that must differ.
func (t *Tx) Engine() string { return t.d.Name }

// Micros encodes a time as microseconds since the Unix epoch, the one time
// format both engines store (BIGINT columns), so that ordering and range
// queries are the same everywhere.
func Micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

// FromMicros decodes a time stored by Micros, in UTC. Zero stays zero.
func FromMicros(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// NullMicros is Micros for optional times: the zero time is stored as NULL.
func NullMicros(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMicro(), Valid: true}
}

// FromNullMicros decodes NullMicros.
func FromNullMicros(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return FromMicros(n.Int64)
}

// wrap adds a short context to a classified error.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// scanner is what *sql.Row and *sql.Rows share.
type scanner interface{ Scan(dest ...any) error }

// queryAll runs query q and returns every row scanned by scan; op names the
// work in errors.
func queryAll[T any](ctx context.Context, t *Tx, op string, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := t.Query(ctx, q, args...)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, wrap(op, err)
		}
		out = append(out, v)
	}
	return out, wrap(op, rows.Err())
}

package sqlbase

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// auditRepo implements audit.Repo.
type auditRepo struct{ t *Tx }

var _ audit.Repo = auditRepo{}

func (r auditRepo) LockHead(ctx context.Context) (int64, error) {
	q := `SELECT size FROM audit_head WHERE id = 1`
	if r.t.Engine() == "postgres" {
		// SQLite has one writer at a time already; PostgreSQL queues
		// appenders on the head row.
		q += ` FOR UPDATE`
	}
	var size int64
	if err := r.t.QueryRow(ctx, q).Scan(&size); err != nil {
		return 0, wrap("audit lock head", r.t.Classify(err))
	}
	return size, nil
}

func (r auditRepo) Head(ctx context.Context) (int64, error) {
	var size int64
	if err := r.t.QueryRow(ctx, `SELECT size FROM audit_head WHERE id = 1`).Scan(&size); err != nil {
		return 0, wrap("audit head", r.t.Classify(err))
	}
	return size, nil
}

func (r auditRepo) AdvanceHead(ctx context.Context, n int64) (int64, error) {
	// An UPDATE takes the row lock on PostgreSQL until the transaction
	// ends, like SELECT … FOR UPDATE; SQLite has one writer anyway.
	var size int64
	err := r.t.QueryRow(ctx, `UPDATE audit_head SET size = size + ? WHERE id = 1 RETURNING size`, n).Scan(&size)
	if err != nil {
		return 0, wrap("audit advance head", r.t.Classify(err))
	}
	return size - n, nil
}

func (r auditRepo) SetHead(ctx context.Context, size int64) error {
	_, err := r.t.Exec(ctx, `UPDATE audit_head SET size = ? WHERE id = 1`, size)
	return wrap("audit set head", err)
}

const auditColumns = `seq, time, actor, actor_unit, action, object_type, object_id, source, outcome, detail`

func (r auditRepo) InsertEntry(ctx context.Context, e audit.Entry) error {
	_, err := r.t.Exec(ctx, `INSERT INTO audit_entries (`+auditColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, Micros(e.Time), e.Actor, e.ActorUnit, e.Action, e.ObjectType, e.ObjectID, e.Source, e.Outcome, e.Detail)
	return wrap(fmt.Sprintf("audit insert entry %d", e.Seq), err)
}

// auditScanner is what *sql.Row and *sql.Rows share.
type auditScanner interface{ Scan(dest ...any) error }

func scanAuditEntry(s auditScanner) (audit.Entry, error) {
	var (
		e  audit.Entry
		us int64
	)
	err := s.Scan(&e.Seq, &us, &e.Actor, &e.ActorUnit, &e.Action, &e.ObjectType, &e.ObjectID, &e.Source, &e.Outcome, &e.Detail)
	e.Time = FromMicros(us)
	return e, err
}

func (r auditRepo) ScanEntries(ctx context.Context, from, to int64, fn func(audit.Entry) error) error {
	rows, err := r.t.Query(ctx, `SELECT `+auditColumns+` FROM audit_entries WHERE seq >= ? AND seq < ? ORDER BY seq`, from, to)
	if err != nil {
		return wrap("audit scan entries", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAuditEntry(rows)
		if err != nil {
			return wrap("audit scan entries", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return wrap("audit scan entries", rows.Err())
}

func (r auditRepo) ListEntries(ctx context.Context, f audit.Filter) ([]audit.Entry, int, error) {
	var (
		where []string
		args  []any
	)
	eq := func(col, v string) {
		if v != "" {
			where = append(where, col+" = ?")
			args = append(args, v)
		}
	}
	eq("actor", f.Actor)
	eq("object_type", f.ObjectType)
	eq("object_id", f.ObjectID)
	eq("outcome", f.Outcome)
	if f.Action != "" {
		// substr compares bytes the same way in both engines, where LIKE
		// differs in case folding and needs escaping.
		where = append(where, "substr(action, 1, ?) = ?")
		args = append(args, len(f.Action), f.Action)
	}
	if f.Units != nil {
		where = append(where, "actor_unit IN ("+auditMarks(len(f.Units))+")")
		for _, u := range f.Units {
			args = append(args, u)
		}
	}
	if !f.From.IsZero() {
		where = append(where, "time >= ?")
		args = append(args, Micros(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "time < ?")
		args = append(args, Micros(f.To))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := r.t.QueryRow(ctx, `SELECT COUNT(*) FROM audit_entries`+cond, args...).Scan(&total); err != nil {
		return nil, 0, wrap("audit count entries", r.t.Classify(err))
	}
	rows, err := r.t.Query(ctx, `SELECT `+auditColumns+` FROM audit_entries`+cond+` ORDER BY seq DESC LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, wrap("audit list entries", err)
	}
	defer rows.Close()
	es := []audit.Entry{}
	for rows.Next() {
		e, err := scanAuditEntry(rows)
		if err != nil {
			return nil, 0, wrap("audit list entries", err)
		}
		es = append(es, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, wrap("audit list entries", err)
	}
	return es, total, nil
}

func (r auditRepo) MaxSeq(ctx context.Context) (int64, error) {
	var seq int64
	if err := r.t.QueryRow(ctx, `SELECT COALESCE(MAX(seq), -1) FROM audit_entries`).Scan(&seq); err != nil {
		return 0, wrap("audit max seq", r.t.Classify(err))
	}
	return seq, nil
}

// maxAppendArgs keeps one Append statement under PostgreSQL's limit of
// 65,535 parameters.
const maxAppendArgs = 60000

func (r auditRepo) Append(ctx context.Context, es []audit.Entry, hashStart int64, hashes []tlog.Hash, size int64, note []byte) error {
	nargs := 10*len(es) + 2*len(hashes) + 2
	if r.t.Engine() != "postgres" || len(es) == 0 || len(hashes) == 0 || nargs > maxAppendArgs {
		// SQLite is in-process: a statement costs no round trip.
		for _, e := range es {
			if err := r.InsertEntry(ctx, e); err != nil {
				return err
			}
		}
		if err := r.InsertHashes(ctx, hashStart, hashes); err != nil {
			return err
		}
		return r.InsertCheckpoint(ctx, size, note)
	}
	// One statement: data-modifying common table expressions.
	args := make([]any, 0, nargs)
	var q strings.Builder
	q.WriteString(`WITH e AS (INSERT INTO audit_entries (` + auditColumns + `) VALUES `)
	for i, e := range es {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(`(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		args = append(args, e.Seq, Micros(e.Time), e.Actor, e.ActorUnit, e.Action, e.ObjectType, e.ObjectID, e.Source, e.Outcome, e.Detail)
	}
	q.WriteString(` RETURNING 1), h AS (INSERT INTO audit_hashes (idx, hash) VALUES `)
	for i, h := range hashes {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(`(?, ?)`)
		args = append(args, hashStart+int64(i), h[:])
	}
	q.WriteString(` RETURNING 1) INSERT INTO audit_checkpoints (size, note) VALUES (?, ?)`)
	args = append(args, size, string(note))
	_, err := r.t.Exec(ctx, q.String(), args...)
	return wrap(fmt.Sprintf("audit append %d entries up to %d", len(es), size), r.t.Classify(err))
}

func (r auditRepo) InsertHashes(ctx context.Context, start int64, hashes []tlog.Hash) error {
	if len(hashes) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(hashes))
	for i, h := range hashes {
		args = append(args, start+int64(i), h[:])
	}
	q := `INSERT INTO audit_hashes (idx, hash) VALUES (?, ?)` + strings.Repeat(`, (?, ?)`, len(hashes)-1)
	_, err := r.t.Exec(ctx, q, args...)
	return wrap(fmt.Sprintf("audit insert hashes at %d", start), err)
}

func (r auditRepo) ReadHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error) {
	if len(indexes) == 0 {
		return nil, nil
	}
	args := make([]any, len(indexes))
	for i, x := range indexes {
		args[i] = x
	}
	rows, err := r.t.Query(ctx, `SELECT idx, hash FROM audit_hashes WHERE idx IN (`+auditMarks(len(indexes))+`)`, args...)
	if err != nil {
		return nil, wrap("audit read hashes", err)
	}
	defer rows.Close()
	got := make(map[int64]tlog.Hash, len(indexes))
	for rows.Next() {
		x, h, ok, err := scanAuditHash(rows)
		if err != nil {
			return nil, wrap("audit read hashes", err)
		}
		if ok {
			got[x] = h
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("audit read hashes", err)
	}
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		h, ok := got[x]
		if !ok {
			return nil, wrap("audit read hashes", borderlink.Errorf(borderlink.ENotFound, "error.not_found",
				fmt.Sprintf("stored hash %d is missing", x)))
		}
		out[i] = h
	}
	return out, nil
}

func (r auditRepo) ScanHashes(ctx context.Context, lo, hi int64, fn func(int64, tlog.Hash) error) error {
	rows, err := r.t.Query(ctx, `SELECT idx, hash FROM audit_hashes WHERE idx >= ? AND idx < ? ORDER BY idx`, lo, hi)
	if err != nil {
		return wrap("audit scan hashes", err)
	}
	defer rows.Close()
	for rows.Next() {
		x, h, ok, err := scanAuditHash(rows)
		if err != nil {
			return wrap("audit scan hashes", err)
		}
		if !ok {
			continue
		}
		if err := fn(x, h); err != nil {
			return err
		}
	}
	return wrap("audit scan hashes", rows.Err())
}

// scanAuditHash reads one stored hash; ok is false when the value stored
// is not a hash at all, which callers treat as a missing hash.
func scanAuditHash(s auditScanner) (x int64, h tlog.Hash, ok bool, err error) {
	var b []byte
	if err := s.Scan(&x, &b); err != nil {
		return 0, h, false, err
	}
	if len(b) != len(h) {
		return x, h, false, nil
	}
	copy(h[:], b)
	return x, h, true, nil
}

func (r auditRepo) InsertCheckpoint(ctx context.Context, size int64, note []byte) error {
	_, err := r.t.Exec(ctx, `INSERT INTO audit_checkpoints (size, note) VALUES (?, ?)`, size, string(note))
	return wrap(fmt.Sprintf("audit insert checkpoint %d", size), err)
}

func (r auditRepo) LatestCheckpoint(ctx context.Context) (int64, []byte, error) {
	var (
		size int64
		note string
	)
	err := r.t.QueryRow(ctx, `SELECT size, note FROM audit_checkpoints ORDER BY size DESC LIMIT 1`).Scan(&size, &note)
	if err != nil {
		return 0, nil, wrap("audit latest checkpoint", r.t.Classify(err))
	}
	return size, []byte(note), nil
}

func (r auditRepo) CheckpointAt(ctx context.Context, size int64) ([]byte, error) {
	var note string
	err := r.t.QueryRow(ctx, `SELECT note FROM audit_checkpoints WHERE size = ?`, size).Scan(&note)
	if err != nil {
		return nil, wrap(fmt.Sprintf("audit checkpoint %d", size), r.t.Classify(err))
	}
	return []byte(note), nil
}

func (r auditRepo) ScanCheckpoints(ctx context.Context, lo, hi int64, fn func(int64, []byte) error) error {
	rows, err := r.t.Query(ctx, `SELECT size, note FROM audit_checkpoints WHERE size >= ? AND size < ? ORDER BY size`, lo, hi)
	if err != nil {
		return wrap("audit scan checkpoints", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			size int64
			note string
		)
		if err := rows.Scan(&size, &note); err != nil {
			return wrap("audit scan checkpoints", err)
		}
		if err := fn(size, []byte(note)); err != nil {
			return err
		}
	}
	return wrap("audit scan checkpoints", rows.Err())
}

// auditMarks returns n comma-separated '?'.
func auditMarks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

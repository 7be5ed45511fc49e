package sqlbase

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/checkpoint"
)

// checkpointRepo stores the watch lists of package checkpoint.
type checkpointRepo struct{ t *Tx }

const watchEntryCols = `list_id, id, name, alt_names, dob, document, nationality`

func (r checkpointRepo) PutList(ctx context.Context, l checkpoint.List, entries []checkpoint.ListEntry) error {
	op := "put watch list " + l.ID
	// Deleting the list first removes its old entries (ON DELETE CASCADE
	// on both engines; SQLite runs with foreign keys on).
	if _, err := r.t.Exec(ctx, `DELETE FROM watch_entries WHERE list_id = ?`, l.ID); err != nil {
		return wrap(op, err)
	}
	if _, err := r.t.Exec(ctx, `DELETE FROM watch_lists WHERE id = ?`, l.ID); err != nil {
		return wrap(op, err)
	}
	_, err := r.t.Exec(ctx, `INSERT INTO watch_lists (id, name, file, sha256, entries, rejected, loaded, loaded_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, l.ID, l.Name, l.File, l.SHA256, l.Entries, l.Rejected, Micros(l.Loaded), l.LoadedBy)
	if err != nil {
		return wrap(op, err)
	}
	for part := range slices.Chunk(entries, chunk) {
		args := make([]any, 0, len(part)*7)
		for _, e := range part {
			args = append(args, l.ID, e.ID, e.Name, strings.Join(e.AltNames, ";"), e.DOB, e.Document, e.Nationality)
		}
		if _, err := r.t.Exec(ctx, `INSERT INTO watch_entries (`+watchEntryCols+`) VALUES `+rowsOf(len(part), 7), args...); err != nil {
			return wrap(op, err)
		}
	}
	return nil
}

func (r checkpointRepo) DeleteList(ctx context.Context, id string) error {
	op := "delete watch list " + id
	if _, err := r.t.Exec(ctx, `DELETE FROM watch_entries WHERE list_id = ?`, id); err != nil {
		return wrap(op, err)
	}
	res, err := r.t.Exec(ctx, `DELETE FROM watch_lists WHERE id = ?`, id)
	return wrap(op, expectRows(res, err, borderlink.Errorf(borderlink.ENotFound, "error.not_found", "no watch list "+id)))
}

func (r checkpointRepo) Lists(ctx context.Context) ([]checkpoint.List, error) {
	return queryAll(ctx, r.t, "watch lists", func(sc scanner) (checkpoint.List, error) {
		var l checkpoint.List
		var loaded int64
		err := sc.Scan(&l.ID, &l.Name, &l.File, &l.SHA256, &l.Entries, &l.Rejected, &loaded, &l.LoadedBy)
		l.Loaded = FromMicros(loaded)
		return l, err
	}, `SELECT id, name, file, sha256, entries, rejected, loaded, loaded_by FROM watch_lists ORDER BY id`)
}

func scanWatchEntry(sc scanner) (checkpoint.ListEntry, error) {
	var e checkpoint.ListEntry
	var alt string
	err := sc.Scan(&e.ListID, &e.ID, &e.Name, &alt, &e.DOB, &e.Document, &e.Nationality)
	if alt != "" {
		e.AltNames = strings.Split(alt, ";")
	}
	return e, err
}

func (r checkpointRepo) EachListEntry(ctx context.Context, listID string, fn func(checkpoint.ListEntry) error) error {
	op := "watch list entries"
	q := `SELECT ` + watchEntryCols + ` FROM watch_entries`
	var args []any
	if listID != "" {
		op += " of " + listID
		q += ` WHERE list_id = ?`
		args = append(args, listID)
	}
	rows, err := r.t.Query(ctx, q+` ORDER BY list_id, id`, args...)
	if err != nil {
		return wrap(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanWatchEntry(rows)
		if err != nil {
			return wrap(op, err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return wrap(op, rows.Err())
}

func (r checkpointRepo) ListEntries(ctx context.Context, keys []checkpoint.EntryKey) ([]checkpoint.ListEntry, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	var out []checkpoint.ListEntry
	for part := range slices.Chunk(keys, chunk) {
		conds := make([]string, len(part))
		args := make([]any, 0, 2*len(part))
		for i, k := range part {
			conds[i] = `(list_id = ? AND id = ?)`
			args = append(args, k.List, k.ID)
		}
		got, err := queryAll(ctx, r.t, fmt.Sprintf("%d watch list entries", len(part)), scanWatchEntry,
			`SELECT `+watchEntryCols+` FROM watch_entries WHERE `+strings.Join(conds, " OR "), args...)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

package sqlbase

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/store"
)

// DB implements store.Store over database/sql. Writes go through Write
// (for SQLite a single connection, so writers queue instead of failing with
// "database is locked"); reads through Read.
type DB struct {
	Read    *sql.DB
	Write   *sql.DB
	Dialect *Dialect

	groupOnce sync.Once
	grp       *group

	cacheOnce  sync.Once
	readStmts  *stmtCache
	writeStmts *stmtCache
}

// caches returns the statement caches of the read and write pools (nil
// when the dialect does not cache statements).
func (db *DB) caches() (read, write *stmtCache) {
	db.cacheOnce.Do(func() {
		if db.Dialect.CacheStatements {
			db.readStmts, db.writeStmts = newStmtCache(db.Read), newStmtCache(db.Write)
			if db.Read == db.Write {
				db.readStmts = db.writeStmts
			}
		}
	})
	return db.readStmts, db.writeStmts
}

var _ store.Store = (*DB)(nil)

func (db *DB) Engine() string { return db.Dialect.Name }

func (db *DB) Ping(ctx context.Context) error {
	if err := db.Read.PingContext(ctx); err != nil {
		return borderlink.Errorf(borderlink.EUnavailable, "error.unavailable", "database does not answer: "+err.Error())
	}
	return nil
}

func (db *DB) View(ctx context.Context, fn func(store.Tx) error) error {
	read, _ := db.caches()
	return db.run(ctx, db.Read, read, &sql.TxOptions{ReadOnly: true, Isolation: db.Dialect.ViewIsolation}, fn)
}

func (db *DB) Update(ctx context.Context, fn func(store.Tx) error) error {
	if db.Dialect.GroupCommit {
		db.groupOnce.Do(func() { db.grp = newGroup(db) })
		return db.grp.update(ctx, fn)
	}
	_, write := db.caches()
	return db.run(ctx, db.Write, write, nil, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, stmts *stmtCache, opts *sql.TxOptions, fn func(store.Tx) error) (err error) {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return borderlink.Errorf(borderlink.EUnavailable, "error.unavailable", "begin transaction: "+err.Error())
	}
	tx := &Tx{tx: sqlTx, d: db.Dialect, stmts: stmts}
	defer func() {
		if stmts != nil && len(tx.miss) > 0 {
			stmts.prepare(ctx, tx.miss)
		}
	}()
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", db.Dialect.classify(err))
	}
	return nil
}

func (db *DB) Backup(ctx context.Context, path string) error {
	if db.Dialect.Backup == nil {
		return borderlink.Errorf(borderlink.EInvalid, "error.backup_engine",
			"online backup is not available for "+db.Dialect.Name+"; use pg_dump", "engine", db.Dialect.Name)
	}
	return db.Dialect.Backup(ctx, db.Read, path)
}

func (db *DB) Close() error {
	db.groupOnce.Do(func() {})
	if db.grp != nil {
		db.grp.close()
	}
	if read, write := db.caches(); write != nil {
		write.close()
		read.close()
	}
	if db.Read == db.Write {
		return db.Read.Close()
	}
	return errors.Join(db.Read.Close(), db.Write.Close())
}

// classify turns a driver error into a *borderlink.Error where it has a
// meaning for callers; other errors are returned as they are.
func (d *Dialect) classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return borderlink.Errorf(borderlink.ENotFound, "error.not_found", "not found")
	case d.IsUnique != nil && d.IsUnique(err):
		return &borderlink.Error{Code: borderlink.EConflict, Key: "error.conflict", Message: "already exists", Err: err}
	case d.IsForeignKey != nil && d.IsForeignKey(err):
		return &borderlink.Error{Code: borderlink.EInvalid, Key: "error.invalid", Message: "refers to a missing record", Err: err}
	}
	return err
}

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

// maxGroup bounds how many waiting Update calls share one transaction.
const maxGroup = 64

// group commits the Update calls that wait for a single writer together:
// one writer goroutine takes every call waiting, runs each in a savepoint
// of one transaction (a call that fails rolls back to its savepoint and
// leaves the others' changes alone), and commits once. SQLite syncs its log
// at each commit; officers sending at the same time, a batch arriving from
// the partner and the sender settling its outbox then share one sync
// instead of queueing for one each. Each call sees the changes of the calls
// before it, as if they had run one after the other, and learns of the
// commit (or its failure) before Update returns.
type group struct {
	db      *DB
	mu      sync.Mutex
	queue   []*request
	wake    chan struct{}
	stop    chan struct{}
	stopped chan struct{}
	once    sync.Once // starts the writer
	closing sync.Once
}

type request struct {
	ctx      context.Context
	fn       func(store.Tx) error
	err      error
	panicked any
	done     chan struct{}
}

func newGroup(db *DB) *group {
	return &group{db: db, wake: make(chan struct{}, 1), stop: make(chan struct{}), stopped: make(chan struct{})}
}

// update runs fn in the next group transaction and returns when it has
// committed or failed. A panic in fn is raised again here.
func (g *group) update(ctx context.Context, fn func(store.Tx) error) error {
	g.once.Do(func() { go g.loop() })
	r := &request{ctx: ctx, fn: fn, done: make(chan struct{})}
	g.mu.Lock()
	g.queue = append(g.queue, r)
	g.mu.Unlock()
	select {
	case g.wake <- struct{}{}:
	default:
	}
	select {
	case <-r.done:
	case <-g.stopped:
		// Closed: a request taken before the stop has finished; one not
		// taken never runs.
		select {
		case <-r.done:
		default:
			return borderlink.Errorf(borderlink.EUnavailable, "error.unavailable", "the database is closed")
		}
	}
	if r.panicked != nil {
		panic(r.panicked)
	}
	return r.err
}

func (g *group) loop() {
	defer close(g.stopped)
	for {
		select {
		case <-g.stop:
			return
		case <-g.wake:
		}
		for {
			g.mu.Lock()
			n := min(len(g.queue), maxGroup)
			batch := g.queue[:n:n]
			g.queue = g.queue[n:]
			g.mu.Unlock()
			if n == 0 {
				break
			}
			g.run(batch)
		}
	}
}

// close stops the writer after the transaction it is running, if it was
// ever started. Closing again does nothing.
func (g *group) close() {
	g.closing.Do(func() {
		started := true
		g.once.Do(func() { started = false }) // never used: nothing to stop
		if !started {
			close(g.stopped)
			return
		}
		close(g.stop)
		<-g.stopped
	})
}

// errCanceled answers a call whose context ended before its turn.
func errCanceled(err error) error {
	return borderlink.Errorf(borderlink.EUnavailable, "error.unavailable", "the request ended before it was written: "+err.Error())
}

func (g *group) run(batch []*request) {
	finish := func(err error) {
		for _, r := range batch {
			if r.err == nil && r.panicked == nil {
				r.err = err
			}
			close(r.done)
		}
	}
	var live []*request
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.err = errCanceled(err)
			close(r.done)
			continue
		}
		live = append(live, r)
	}
	batch = live
	if len(batch) == 0 {
		return
	}
	_, write := g.db.caches()
	// The transaction belongs to no caller: one caller going away must not
	// roll back the others' work.
	ctx := context.Background()
	sqlTx, err := g.db.Write.BeginTx(ctx, nil)
	if err != nil {
		finish(borderlink.Errorf(borderlink.EUnavailable, "error.unavailable", "begin transaction: "+err.Error()))
		return
	}
	tx := &Tx{tx: sqlTx, d: g.db.Dialect, stmts: write, detached: true}
	ok := 0
	for _, r := range batch {
		if len(batch) == 1 {
			r.panicked, r.err = call(r.fn, tx)
			if r.err == nil && r.panicked == nil {
				ok++
			}
			continue
		}
		if _, err := sqlTx.ExecContext(ctx, "SAVEPOINT grouped"); err != nil {
			sqlTx.Rollback()
			finish(fmt.Errorf("store: savepoint: %w", err))
			return
		}
		r.panicked, r.err = call(r.fn, tx)
		if r.err != nil || r.panicked != nil {
			if _, err := sqlTx.ExecContext(ctx, "ROLLBACK TO grouped"); err != nil {
				sqlTx.Rollback()
				finish(fmt.Errorf("store: roll back to savepoint: %w", err))
				return
			}
		} else {
			ok++
		}
		if _, err := sqlTx.ExecContext(ctx, "RELEASE grouped"); err != nil {
			sqlTx.Rollback()
			finish(fmt.Errorf("store: release savepoint: %w", err))
			return
		}
	}
	if ok == 0 {
		err = sqlTx.Rollback()
		if errors.Is(err, sql.ErrTxDone) {
			err = nil
		}
		if err != nil {
			finish(fmt.Errorf("store: rollback: %w", err))
			return
		}
	} else if err := sqlTx.Commit(); err != nil {
		finish(fmt.Errorf("store: commit: %w", g.db.Dialect.classify(err)))
		return
	}
	if write != nil && len(tx.miss) > 0 {
		write.prepare(ctx, tx.miss)
	}
	finish(nil)
}

// call runs fn and returns what it panicked with, or its error.
func call(fn func(store.Tx) error, tx *Tx) (panicked any, err error) {
	defer func() {
		if p := recover(); p != nil {
			panicked = p
		}
	}()
	return nil, fn(tx)
}

package sqlbase

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStatements bounds a statement cache: the repositories' queries
// are a few hundred fixed strings; queries built at run time (lists of
// placeholders) beyond the bound are simply not cached.
const maxCachedStatements = 1024

// stmtCache keeps prepared statements of one pool by query text, so that a
// statement is parsed once per connection instead of once per execution
// (for SQLite, parsing costs about as much as running a small statement).
// A transaction borrows them with Tx.StmtContext, which reuses the
// statement already prepared on the transaction's connection; a query not
// cached yet runs directly and is prepared once the transaction is over.
type stmtCache struct {
	pool *sql.DB
	mu   sync.RWMutex
	m    map[string]*sql.Stmt
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, m: map[string]*sql.Stmt{}}
}

// get returns the prepared statement of q, or nil when it is not cached
// yet.
func (c *stmtCache) get(q string) *sql.Stmt {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[q]
}

// prepare prepares the statements of qs on the pool and keeps them. It runs
// after a transaction has ended, when its connection is back in the pool:
// SQLite's writer pool has a single connection, which an open transaction
// holds. A statement that does not prepare is left out (running it
// reported the error already).
func (c *stmtCache) prepare(ctx context.Context, qs []string) {
	for _, q := range qs {
		c.mu.Lock()
		_, ok := c.m[q]
		full := len(c.m) >= maxCachedStatements
		c.mu.Unlock()
		if ok || full {
			continue
		}
		s, err := c.pool.PrepareContext(context.WithoutCancel(ctx), q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if _, ok := c.m[q]; ok {
			s.Close()
		} else {
			c.m[q] = s
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, s := range c.m {
		s.Close()
		delete(c.m, q)
	}
}

// Package sqlbase is the database/sql code both engines share: every
// repository is written once here with '?' placeholders, and a Dialect adapts
// it to the engine (placeholder style, error classification, backup).
package sqlbase

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// Dialect is what differs between engines at run time. Schema differences
// live in each engine's migrations instead.
type Dialect struct {
	Name string
	// Numbered placeholders ($1, $2, …) instead of '?'.
	Numbered bool
	// ViewIsolation is the isolation level of View transactions: one that
	// gives a single snapshot for the whole transaction (SQLite's deferred
	// read transactions already do; PostgreSQL needs REPEATABLE READ).
	ViewIsolation sql.IsolationLevel
	// IsUnique reports a unique or primary-key violation.
	IsUnique func(error) bool
	// IsForeignKey reports a foreign-key violation.
	IsForeignKey func(error) bool
	// CacheStatements keeps statements prepared across transactions. SQLite
	// needs it (its driver parses each statement anew); pgx caches
	// statements on its own.
	CacheStatements bool
	// GroupCommit lets concurrent Update calls share one transaction (see
	// group): for an engine with a single writer.
	GroupCommit bool
	// Backup writes a consistent copy of the live database to path.
	Backup func(ctx context.Context, db *sql.DB, path string) error
}

// Rebind rewrites '?' placeholders for the dialect, leaving question marks
// inside quoted strings alone.
func (d *Dialect) Rebind(q string) string {
	if !d.Numbered || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	inQuote := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

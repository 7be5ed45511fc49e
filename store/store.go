// Package store defines the one storage interface of a BorderLink node.
//
// A Store hands out transactions; a transaction (Tx) gives access to the
// repository of every domain. Services put a change, its audit entry and
// (later) its outgoing federation envelope in one Update so that they commit
// or fail together. The engines live in store/sqlite and store/postgres; both
// run the contract suite in store/storetest.
package store

import (
	"context"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/communes"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/plans"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/treatment"
	"github.com/borderlink/borderlink/units"
	"github.com/borderlink/borderlink/wanted"
)

// Store is a node's database.
type Store interface {
	// View runs fn in a read-only transaction that sees one consistent state.
	View(ctx context.Context, fn func(Tx) error) error
	// Update runs fn in a read-write transaction. It commits when fn returns
	// nil and rolls back otherwise; the error of fn is returned unchanged.
	Update(ctx context.Context, fn func(Tx) error) error
	// Engine names the engine: "sqlite" or "postgres".
	Engine() string
	// Ping checks that the database answers (used by /readyz).
	Ping(ctx context.Context) error
	// Backup writes a consistent copy of a live database to path. Engines that
	// cannot (PostgreSQL: use pg_dump) return an EInvalid error saying so.
	Backup(ctx context.Context, path string) error
	// Close releases the database.
	Close() error
}

// Tx is one transaction. Its repositories are valid only inside the function
// that received the Tx.
type Tx interface {
	Meta() Meta
	Units() units.Repo
	Accounts() auth.Repo
	Audit() audit.Repo
	Federation() federation.Repo
	Hotline() hotline.Repo
	Stats() stats.Repo
	Cases() cases.Repo
	Wanted() wanted.Repo
	Checkpoint() checkpoint.Repo
	Communes() communes.Repo
	Treatment() treatment.Repo
	Plans() plans.Repo
}

// Meta holds the node's own settings (its id, its country, the schema of its
// data) as key/value pairs.
type Meta interface {
	// Get returns the value of key, or ENotFound.
	Get(ctx context.Context, key string) (string, error)
	// Set creates or replaces the value of key.
	Set(ctx context.Context, key, value string) error
}

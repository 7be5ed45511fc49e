package units

import (
	"context"

	"github.com/borderlink/borderlink/audit"
)

// Repo is what the units service needs from storage. It holds no rules: the
// Service validates before it writes. Every method works in the caller's
// transaction.
type Repo interface {
	// UpsertCountry creates the country or replaces its name.
	UpsertCountry(ctx context.Context, c Country) error
	// UpsertLevel creates the level record identified by (Country, Code,
	// ValidFrom) or replaces its rank, name and ValidTo. EInvalid when the
	// country does not exist.
	UpsertLevel(ctx context.Context, l Level) error
	// UpsertUnit creates the unit or replaces every field but Successors,
	// which it leaves as stored (see AddSuccessor). EInvalid when the
	// country or the parent does not exist.
	UpsertUnit(ctx context.Context, u Unit) error
	// AddSuccessor records that successor took over from unit code. Adding a
	// link that exists does nothing; EInvalid when either unit is missing.
	AddSuccessor(ctx context.Context, code, successor string) error
	// RemoveSuccessor removes the link; removing a missing link does
	// nothing.
	RemoveSuccessor(ctx context.Context, code, successor string) error
	// UpsertCounterpart creates the pair identified by (A, B, ValidFrom) or
	// replaces its Level and ValidTo. EInvalid when a unit is missing.
	UpsertCounterpart(ctx context.Context, c Counterpart) error
	// List returns everything stored, each list sorted: countries by code,
	// levels by country, rank and ValidFrom, units by code (with their
	// successors sorted), counterparts by A, B and ValidFrom. Aliases is nil.
	List(ctx context.Context) (Data, error)
	// GetUnit returns the unit with this exact code, or UnknownUnit(code).
	GetUnit(ctx context.Context, code string) (Unit, error)
}

// Tx is the transaction the units service works in: its own repository and
// the audit log, committed together.
type Tx interface {
	Units() Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[units.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

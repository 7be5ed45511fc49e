package units

import (
	"context"

	"github.com/borderlink/borderlink/audit"
)

// Repo is what the units service needs from storage.
type Repo interface {
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

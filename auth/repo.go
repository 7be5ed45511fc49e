package auth

import (
	"context"

	"github.com/borderlink/borderlink/audit"
)

// Repo is what the accounts service needs from storage.
type Repo interface {
}

// Tx is the transaction the accounts service works in: its own repository
// and the audit log, committed together.
type Tx interface {
	Accounts() Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[auth.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

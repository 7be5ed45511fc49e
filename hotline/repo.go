package hotline

import (
	"context"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/federation"
)

// Repo is what the hotline needs from storage.
type Repo interface {
}

// Tx is the transaction the hotline works in: its records, the outbox of
// envelopes to peers and the audit log, committed together.
type Tx interface {
	Hotline() Repo
	Federation() federation.Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[hotline.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

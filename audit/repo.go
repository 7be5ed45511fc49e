package audit

import "context"

// Repo is what the audit log needs from storage.
type Repo interface {
}

// Tx is the transaction the audit log is read and verified in.
type Tx interface {
	Audit() Repo
}

// DB runs transactions (store.Domain[audit.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

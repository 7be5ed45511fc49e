package borderlink

import (
	"context"
	"errors"
)

// A refusal is an error after which the transaction must still commit: it
// holds the audit entry of a refused or failed attempt (and, for sign-in,
// the attempt's count), which a rollback would lose.
type refusal struct{ err error }

func (r refusal) Error() string { return r.err.Error() }
func (r refusal) Unwrap() error { return r.err }

// Refuse wraps err so that UpdateRefusing commits the transaction and then
// returns err.
func Refuse(err error) error { return refusal{err} }

// Updater is a domain's view of the store: read-write transactions over
// its own transaction type.
type Updater[T any] interface {
	Update(ctx context.Context, fn func(T) error) error
}

// UpdateRefusing runs fn in a read-write transaction of db. When fn returns
// an error made by Refuse, the transaction commits (keeping what fn wrote,
// its audit entry) and the refused error is returned; any other error
// rolls it back.
func UpdateRefusing[T any](ctx context.Context, db Updater[T], fn func(T) error) error {
	var refused error
	err := db.Update(ctx, func(tx T) error {
		err := fn(tx)
		var r refusal
		if errors.As(err, &r) {
			refused = r.err
			return nil
		}
		return err
	})
	if err != nil {
		return err
	}
	return refused
}

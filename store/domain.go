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

// Domain adapts a Store to the narrow transaction interface T that a domain
// package declares (for example auth.Tx), so that the domain runs its own
// transactions without importing this package. Tx implements every such T;
// the checks below make that a compile-time fact.
type Domain[T any] struct{ S Store }

// View runs fn in a read-only transaction.
func (d Domain[T]) View(ctx context.Context, fn func(T) error) error {
	return d.S.View(ctx, func(tx Tx) error { return fn(any(tx).(T)) })
}

// Update runs fn in a read-write transaction.
func (d Domain[T]) Update(ctx context.Context, fn func(T) error) error {
	return d.S.Update(ctx, func(tx Tx) error { return fn(any(tx).(T)) })
}

var (
	_ units.Tx        = Tx(nil)
	_ auth.Tx         = Tx(nil)
	_ audit.Tx        = Tx(nil)
	_ federation.Tx   = Tx(nil)
	_ hotline.Tx      = Tx(nil)
	_ stats.Tx        = Tx(nil)
	_ stats.ReleaseTx = Tx(nil)
	_ cases.Tx        = Tx(nil)
	_ wanted.Tx       = Tx(nil)
	_ checkpoint.Tx   = Tx(nil)
	_ communes.Tx     = Tx(nil)
	_ treatment.Tx    = Tx(nil)
	_ plans.Tx        = Tx(nil)
)

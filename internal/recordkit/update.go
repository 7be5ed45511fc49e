package recordkit

import (
	"context"
	"slices"

	"github.com/borderlink/borderlink"
)

// effects is what one transaction did that matters once it has committed:
// whether it handed a release to the publisher, and the records of type R
// it changed, by id, each as it last stood.
type effects[R any] struct {
	published bool
	ids       []string
	changed   []R
}

func (fx *effects[R]) markPublished() { fx.published = true }

// publishMarker is an effects of any record type.
type publishMarker interface{ markPublished() }

type effectsKey struct{}

// Update runs fn in a read-write transaction of db, as
// borderlink.UpdateRefusing does: a refusal commits what fn wrote (its
// audit entry) and is then returned. fn gets the context that notes what
// the transaction does (see Published): it must use that one, not the
// caller's. After a commit without error, published (when not nil) is
// called if fn published, so that federation wakes its senders only then.
func Update[T any](ctx context.Context, db borderlink.Updater[T], published func(), fn func(context.Context, T) error) error {
	return UpdateChanging[T, struct{}](ctx, db, published, nil, fn)
}

// UpdateChanging is Update that also collects the records fn reports with
// Touched and, after a commit without error, passes them to changed (when
// not nil and there are any). A transaction the store runs again starts
// afresh, so only what its last run did counts.
func UpdateChanging[T, R any](ctx context.Context, db borderlink.Updater[T], published func(), changed func([]R),
	fn func(context.Context, T) error) error {
	fx := &effects[R]{}
	ctx = context.WithValue(ctx, effectsKey{}, fx)
	err := borderlink.UpdateRefusing(ctx, db, func(tx T) error {
		*fx = effects[R]{}
		return fn(ctx, tx)
	})
	if err != nil {
		return err
	}
	if fx.published && published != nil {
		published()
	}
	if len(fx.changed) > 0 && changed != nil {
		changed(fx.changed)
	}
	return nil
}

// Published notes, in the transaction of ctx, that it handed a release to
// the publisher.
func Published(ctx context.Context) {
	if m, ok := ctx.Value(effectsKey{}).(publishMarker); ok {
		m.markPublished()
	}
}

// Touched notes, in the transaction of ctx (one of UpdateChanging with
// records of type R), that the record id now stands as r.
func Touched[R any](ctx context.Context, id string, r R) {
	fx, ok := ctx.Value(effectsKey{}).(*effects[R])
	if !ok {
		return
	}
	if i := slices.Index(fx.ids, id); i >= 0 {
		fx.changed[i] = r
		return
	}
	fx.ids = append(fx.ids, id)
	fx.changed = append(fx.changed, r)
}

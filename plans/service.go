package plans

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/units"
)

// Stats is what the package asks of the node's statistics to compute
// result indicators (stats.Service implements it).
type Stats interface {
	Sum(ctx context.Context, p auth.Principal, f stats.Filter, by ...stats.Column) ([]stats.Row, error)
	Drugs() *refdata.Drugs
}

// Options configure a Service. DB, Log, Units, Self and Country are
// required.
type Options struct {
	DB    DB
	Log   *audit.Log
	Units interface{ Tree() *units.Tree }
	Self  borderlink.NodeID
	// Country is the country whose police run this node ("VN", "LA"): its
	// records are owned by units of it.
	Country string
	Clock   borderlink.Clock // default: the system clock
	// Stats computes the result indicators of kinds other than manual.
	// nil: such indicators are accepted but have no computed value here,
	// and drug codes are not checked.
	Stats Stats
	// Publish is called, in the transaction that releases a record or
	// changes a released one, with what must go to the other side.
	// Federation turns it into envelopes in its outbox; an error rolls the
	// change back. nil: releases are only marked.
	Publish func(ctx context.Context, tx Tx, r Release) error
	// Published, when set, is called after a transaction that called
	// Publish has committed (federation wakes its senders then).
	Published func()
}

// Service keeps the agreements, plans, tasks, conferences and targets of
// one node. It is safe for concurrent use.
type Service struct {
	db        DB
	log       *audit.Log
	units     interface{ Tree() *units.Tree }
	self      borderlink.NodeID
	country   string
	clock     borderlink.Clock
	stats     Stats
	publish   func(ctx context.Context, tx Tx, r Release) error
	published func()
}

// NewService returns the service described by o.
func NewService(o Options) (*Service, error) {
	s := &Service{db: o.DB, log: o.Log, units: o.Units, self: o.Self, country: strings.ToUpper(strings.TrimSpace(o.Country)),
		clock: cmp.Or[borderlink.Clock](o.Clock, borderlink.SystemClock{}), stats: o.Stats, publish: o.Publish, published: o.Published}
	switch {
	case s.db == nil || s.log == nil || s.units == nil:
		return nil, errors.New("plans: NewService needs a DB, an audit log and units")
	case len(s.country) != 2:
		return nil, errors.New("plans: NewService needs the node's country (Options.Country)")
	}
	if err := s.self.Validate(); err != nil {
		return nil, fmt.Errorf("plans: %w", err)
	}
	return s, nil
}

// Self returns the node this service keeps the records of.
func (s *Service) Self() borderlink.NodeID { return s.self }

func (s *Service) tree() *units.Tree { return s.units.Tree() }

// now is the time by the service's clock, to the microsecond.
func (s *Service) now() time.Time { return recordkit.Micro(s.clock.Now()) }

// today is the date by the service's clock.
func (s *Service) today() borderlink.Date { return borderlink.DateOf(s.clock.Now()) }

// update runs fn in a read-write transaction; a refusal commits its audit
// entry and is then returned; federation is woken after a commit that
// published.
func (s *Service) update(ctx context.Context, fn func(context.Context, Tx) error) error {
	return recordkit.Update(ctx, s.db, s.published, fn)
}

// who names a user as progress notes record them.
func (s *Service) who(p auth.Principal) string { return recordkit.Who(p, s.self) }

// needs refuses p (audited, EForbidden) when p holds perm nowhere.
func (s *Service) needs(ctx context.Context, tx Tx, p auth.Principal, perm auth.Permission, action, object, id string) error {
	if p.Can(perm) {
		return nil
	}
	return s.deny(ctx, tx, p, action, object, id, errForbidden(string(perm)))
}

// canWrite refuses p (audited, EForbidden) unless p holds plans.write over
// one of units.
func (s *Service) canWrite(ctx context.Context, tx Tx, p auth.Principal, action, object, id string, units ...string) error {
	for _, u := range units {
		if u != "" && p.CanIn(auth.PermPlansWrite, u, s.tree()) {
			return nil
		}
	}
	return s.deny(ctx, tx, p, action, object, id, errCannotWrite(units[0]))
}

// wrapErr adds context to an unexpected storage error; errors users see
// pass unchanged.
func wrapErr(op string, err error) error { return recordkit.WrapErr("plans", op, err) }

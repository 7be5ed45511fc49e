package cases

import (
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

// Options configure a Service. All but Clock and Publish are required.
type Options struct {
	DB    DB
	Log   *audit.Log
	Units interface{ Tree() *units.Tree }
	Drugs *refdata.Drugs
	// Stats stores the facts of the node's seizures and arrests, in the
	// transaction that writes them.
	Stats *stats.Service
	Self  borderlink.NodeID
	// Country is the country whose police run this node ("VN", "LA"):
	// cases created here are led by one of its units, and releases go to
	// the units of the other country.
	Country string
	Clock   borderlink.Clock // default: the system clock
	// Publish is called, in the transaction that marks a record released
	// (or changes one released before), with what must go to the partner.
	// Federation turns it into an envelope in its outbox; an error rolls
	// the release back. nil: releases are only marked.
	Publish func(ctx context.Context, tx Tx, r Release) error
	// Published, when set, is called after a transaction that called
	// Publish has committed (federation wakes its senders then).
	Published func()
}

// Service is the case file of one node. It is safe for concurrent use.
type Service struct {
	db        DB
	log       *audit.Log
	units     interface{ Tree() *units.Tree }
	drugs     *refdata.Drugs
	stats     *stats.Service
	self      borderlink.NodeID
	country   string
	clock     borderlink.Clock
	publish   func(ctx context.Context, tx Tx, r Release) error
	published func()
}

// NewService returns the case file described by o.
func NewService(o Options) (*Service, error) {
	if o.DB == nil || o.Log == nil || o.Units == nil || o.Drugs == nil || o.Stats == nil {
		return nil, errors.New("cases: NewService needs a DB, an audit log, units, drug types and the statistics service")
	}
	if err := o.Self.Validate(); err != nil {
		return nil, fmt.Errorf("cases: %w", err)
	}
	country := strings.ToUpper(strings.TrimSpace(o.Country))
	if len(country) != 2 {
		return nil, errors.New("cases: NewService needs the node's country (Options.Country)")
	}
	if o.Clock == nil {
		o.Clock = borderlink.SystemClock{}
	}
	return &Service{db: o.DB, log: o.Log, units: o.Units, drugs: o.Drugs, stats: o.Stats, self: o.Self,
		country: country, clock: o.Clock, publish: o.Publish, published: o.Published}, nil
}

// Self returns the node this service keeps the case file of.
func (s *Service) Self() borderlink.NodeID { return s.self }

// Country returns the node's country.
func (s *Service) Country() string { return s.country }

func (s *Service) tree() *units.Tree { return s.units.Tree() }

// now is the time by the service's clock, to the microsecond.
func (s *Service) now() time.Time { return recordkit.Micro(s.clock.Now()) }

// today is the date by the service's clock.
func (s *Service) today() borderlink.Date { return borderlink.DateOf(s.clock.Now()) }

// bump returns the Updated time of a new version of a record last updated
// at prev (see recordkit.Bump).
func (s *Service) bump(prev time.Time) time.Time { return recordkit.Bump(s.now(), prev) }

// update runs fn in a read-write transaction; a refusal (see borderlink.Refuse)
// commits what fn wrote, its audit entry, and is then returned. fn gets
// the context that records whether it published (see send): it must use
// that one, not the caller's.
func (s *Service) update(ctx context.Context, fn func(context.Context, Tx) error) error {
	return recordkit.Update(ctx, s.db, s.published, fn)
}

// who names a user as the status history record them.
func (s *Service) who(p auth.Principal) string { return recordkit.Who(p, s.self) }

// defaultLang is the language of text whose writer did not say: the
// writer's own, else the node's country's.
func (s *Service) defaultLang(p auth.Principal) borderlink.Lang {
	return recordkit.DefaultLang(p, s.country)
}

// needs refuses p (audited, EForbidden) when p holds perm nowhere.
func (s *Service) needs(ctx context.Context, tx Tx, p auth.Principal, perm auth.Permission, action, object, id string) error {
	if p.Can(perm) {
		return nil
	}
	return s.deny(ctx, tx, p, action, object, id, errForbidden(string(perm)))
}

// wrapErr adds context to an unexpected storage error; errors users see
// pass unchanged.
func wrapErr(op string, err error) error { return recordkit.WrapErr("cases", op, err) }

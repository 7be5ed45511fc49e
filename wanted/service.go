package wanted

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
	"github.com/borderlink/borderlink/units"
)

// Options configure a Service. DB, Log, Units, Self and Country are
// required.
type Options struct {
	DB    DB
	Log   *audit.Log
	Units interface{ Tree() *units.Tree }
	Self  borderlink.NodeID
	// Country is the country whose police run this node ("VN", "LA"): its
	// notices are issued by units of it and released to units of others.
	Country string
	Clock   borderlink.Clock // default: the system clock
	// Publish is called, in the transaction that releases a record (or
	// changes a released notice, or reports a sighting or a hand-over step
	// of one), with what must go to the other side. Federation turns it
	// into envelopes in its outbox; an error rolls the change back. nil:
	// releases are only marked.
	Publish func(ctx context.Context, tx Tx, r Release) error
	// Published, when set, is called after a transaction that called
	// Publish has committed (federation wakes its senders then).
	Published func()
	// Changed, when set, is called after a transaction that changed
	// notices has committed, with those notices as they now stand (a
	// screening index keeps itself up to date with it). It is not called
	// for ApplyRelease, which runs in the caller's transaction: the caller
	// passes on the notice ApplyRelease returns once it has committed.
	Changed func(notices []Notice)
}

// Service is the wanted register of one node. It is safe for concurrent
// use.
type Service struct {
	db        DB
	log       *audit.Log
	units     interface{ Tree() *units.Tree }
	self      borderlink.NodeID
	country   string
	clock     borderlink.Clock
	publish   func(ctx context.Context, tx Tx, r Release) error
	published func()
	changed   func([]Notice)
}

// NewService returns the register described by o.
func NewService(o Options) (*Service, error) {
	if o.DB == nil || o.Log == nil || o.Units == nil {
		return nil, errors.New("wanted: NewService needs a DB, an audit log and units")
	}
	if err := o.Self.Validate(); err != nil {
		return nil, fmt.Errorf("wanted: %w", err)
	}
	country := strings.ToUpper(strings.TrimSpace(o.Country))
	if len(country) != 2 {
		return nil, errors.New("wanted: NewService needs the node's country (Options.Country)")
	}
	if o.Clock == nil {
		o.Clock = borderlink.SystemClock{}
	}
	return &Service{db: o.DB, log: o.Log, units: o.Units, self: o.Self, country: country, clock: o.Clock,
		publish: o.Publish, published: o.Published, changed: o.Changed}, nil
}

// Self returns the node this service keeps the register of.
func (s *Service) Self() borderlink.NodeID { return s.self }

// Country returns the node's country.
func (s *Service) Country() string { return s.country }

func (s *Service) tree() *units.Tree { return s.units.Tree() }

// now is the time by the service's clock, to the microsecond.
func (s *Service) now() time.Time { return recordkit.Micro(s.clock.Now()) }

// today is the date by the service's clock.
func (s *Service) today() borderlink.Date { return borderlink.DateOf(s.clock.Now()) }

// bump returns the Updated time of a new version of a notice last updated
// at prev (see recordkit.Bump): later than prev, so that the partner, which
// keeps the latest by Updated, takes it.
func (s *Service) bump(prev time.Time) time.Time { return recordkit.Bump(s.now(), prev) }

// update runs fn in a read-write transaction; a refusal (see borderlink.Refuse)
// commits what fn wrote, its audit entry, and is then returned. fn gets
// the context that collects what the transaction did (see touched and
// send); after a commit without error, update wakes federation and
// reports the changed notices.
func (s *Service) update(ctx context.Context, fn func(context.Context, Tx) error) error {
	return recordkit.UpdateChanging(ctx, s.db, s.published, s.changed, fn)
}

// touched notes, in the transaction of ctx, that n now stands as given.
func touched(ctx context.Context, n Notice) { recordkit.Touched(ctx, n.ID, n) }

// who names a user as histories and steps record them.
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
func wrapErr(op string, err error) error { return recordkit.WrapErr("wanted", op, err) }

package treatment

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/internal/recordkit"
	"github.com/borderlink/borderlink/internal/sealed"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/units"
)

// Options configure a Service. Keys, DB, Log, Units, Self and Country are
// needed; Keys may be nil (see below).
type Options struct {
	// Keys seals and opens the sensitive fields; the ring is loaded from
	// the key file outside the database. nil: the file is missing; records
	// can then be neither read nor written (EUnavailable), while Counts
	// still answers.
	Keys *sealed.KeyRing
	DB   DB
	Log  *audit.Log
	// Units is the unit tree, which decides whose records a grant covers.
	Units interface{ Tree() *units.Tree }
	Self  borderlink.NodeID
	// Country is the country whose police run this node: records are kept
	// by its units only.
	Country string
	// Drugs are the drug codes a test may name (default: the reference
	// data's).
	Drugs *refdata.Drugs
	Clock borderlink.Clock // default: the system clock
}

// Service is the treatment register of one node. It is safe for
// concurrent use.
type Service struct {
	db      DB
	log     *audit.Log
	units   interface{ Tree() *units.Tree }
	self    borderlink.NodeID
	country string
	keys    *sealed.KeyRing
	drugs   *refdata.Drugs
	clock   borderlink.Clock
}

// NewService returns the register described by o.
func NewService(o Options) (*Service, error) {
	country := strings.ToUpper(strings.TrimSpace(o.Country))
	switch {
	case o.DB == nil || o.Log == nil || o.Units == nil:
		return nil, errors.New("treatment: NewService needs a DB, an audit log and units")
	case len(country) != 2:
		return nil, errors.New("treatment: NewService needs the node's country (Options.Country)")
	case o.Self.Validate() != nil:
		return nil, fmt.Errorf("treatment: %w", o.Self.Validate())
	}
	drugs := o.Drugs
	if drugs == nil {
		var err error
		if drugs, err = refdata.DrugTypes(); err != nil {
			return nil, fmt.Errorf("treatment: %w", err)
		}
	}
	return &Service{db: o.DB, log: o.Log, units: o.Units, self: o.Self, country: country, keys: o.Keys, drugs: drugs,
		clock: cmp.Or[borderlink.Clock](o.Clock, borderlink.SystemClock{})}, nil
}

// knownDrug reports whether code names a drug of the reference data.
func (s *Service) knownDrug(code string) bool {
	_, ok := s.drugs.Type(code)
	return ok
}

func (s *Service) tree() *units.Tree { return s.units.Tree() }

// now is the time by the service's clock, to the microsecond.
func (s *Service) now() time.Time { return recordkit.Micro(s.clock.Now()) }

// today is the date by the service's clock.
func (s *Service) today() borderlink.Date { return borderlink.DateOf(s.clock.Now()) }

// update runs fn in a read-write transaction; a refusal commits what fn
// wrote (its audit entry) and is then returned, any other error rolls
// everything back, so that nothing is ever half-saved.
func (s *Service) update(ctx context.Context, fn func(context.Context, Tx) error) error {
	return recordkit.Update(ctx, s.db, nil, fn)
}

// wrapErr adds context to an unexpected storage error; errors users see
// pass unchanged.
func wrapErr(op string, err error) error { return recordkit.WrapErr("treatment", op, err) }

package communes

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

// Limits of the programme, in characters unless said otherwise.
const (
	MaxShort          = 500  // a criterion's text, a decision number, a signer
	MaxNote           = 4000 // a note on a result or a change of status
	MaxCode           = 20   // an item's code
	MaxItems          = 50   // items of a criteria set
	MaxWeight         = 100  // weight of one item
	MaxAttachments    = 30   // attachments of one assessment
	MaxAttachmentSize = 5 << 20
	MaxHistory        = 100 // changes of status of one assessment
	MaxCount          = 1_000_000
	// MaxPeriodDays bounds a period: a programme year, at most a little
	// more.
	MaxPeriodDays = 400
	// MaxRangeMonths bounds a dashboard's time series.
	MaxRangeMonths = 120
)

// Options configure a Service. DB, Log, Units and Country are required.
type Options struct {
	DB    DB
	Log   *audit.Log
	Units interface{ Tree() *units.Tree }
	// Country is the country whose police run this node ("VN", "LA"): it
	// assesses the communes of that country only.
	Country string
	Clock   borderlink.Clock // default: the system clock
}

// Service is the drug-free commune programme of one node. It is safe for
// concurrent use.
type Service struct {
	db      DB
	log     *audit.Log
	units   interface{ Tree() *units.Tree }
	country string
	clock   borderlink.Clock
}

// NewService returns the programme described by o.
func NewService(o Options) (*Service, error) {
	if o.DB == nil || o.Log == nil || o.Units == nil {
		return nil, errors.New("communes: NewService needs a DB, an audit log and units")
	}
	country := strings.ToUpper(strings.TrimSpace(o.Country))
	if len(country) != 2 {
		return nil, errors.New("communes: NewService needs the node's country (Options.Country)")
	}
	if o.Clock == nil {
		o.Clock = borderlink.SystemClock{}
	}
	return &Service{db: o.DB, log: o.Log, units: o.Units, country: country, clock: o.Clock}, nil
}

// Country returns the node's country.
func (s *Service) Country() string { return s.country }

func (s *Service) tree() *units.Tree { return s.units.Tree() }

// now is the time by the service's clock, to the microsecond.
func (s *Service) now() time.Time { return recordkit.Micro(s.clock.Now()) }

// today is the date by the service's clock.
func (s *Service) today() borderlink.Date { return borderlink.DateOf(s.clock.Now()) }

// update runs fn in a read-write transaction; a refusal commits what fn
// wrote (its audit entry) and is then returned.
func (s *Service) update(ctx context.Context, fn func(context.Context, Tx) error) error {
	return recordkit.Update(ctx, s.db, nil, fn)
}

// wrapErr adds context to an unexpected storage error; errors users see
// pass unchanged.
func wrapErr(op string, err error) error { return recordkit.WrapErr("communes", op, err) }

// who names a user as histories record them.
func who(p auth.Principal) string { return p.Username }

// needs refuses p (audited, EForbidden) when p holds perm nowhere.
func (s *Service) needs(ctx context.Context, tx Tx, p auth.Principal, perm auth.Permission, action, object, id string) error {
	if p.Can(perm) {
		return nil
	}
	return s.deny(ctx, tx, p, action, object, id, errForbidden(string(perm)))
}

// needsNational refuses p unless it holds communes.write over a root of
// the node's country (its ministry).
func (s *Service) needsNational(ctx context.Context, tx Tx, p auth.Principal, action, object, id string) error {
	if err := s.needs(ctx, tx, p, auth.PermCommunesWrite, action, object, id); err != nil {
		return err
	}
	for _, r := range s.tree().Roots(s.country) {
		if p.CanIn(auth.PermCommunesWrite, r.Code, s.tree()) {
			return nil
		}
	}
	root := s.country
	if rs := s.tree().Roots(s.country); len(rs) > 0 {
		root = rs[0].Code
	}
	return s.deny(ctx, tx, p, action, object, id, errCannotWrite(root))
}

// above returns the nearest unit strictly above unit, at rank maxRank or
// higher (0 the ministry, 1 the province, 2 the district), over which p
// holds perm; false when there is none. The commune's own writers are not
// above it: a unit never verifies or decides on itself.
func (s *Service) above(p auth.Principal, perm auth.Permission, unit string, maxRank int) (string, bool) {
	tree := s.tree()
	for _, a := range tree.Ancestors(unit) {
		if rank(tree, a) <= maxRank && p.CanIn(perm, a.Code, tree) {
			return a.Code, true
		}
	}
	return "", false
}

// rank returns the rank of u's level in its country: 0 for the ministry,
// 3 for a commune or village.
func rank(tree *units.Tree, u units.Unit) int {
	if l, ok := tree.Level(u.Country, u.Level, u.ValidFrom); ok {
		return l.Rank
	}
	if l, ok := tree.Level(u.Country, u.Level, borderlink.Date{}); ok {
		return l.Rank
	}
	return -1
}

// Ranks of the levels the programme works with.
const (
	rankProvince = 1
	rankDistrict = 2
	rankCommune  = 3
)

// provinceOf returns the ancestor of code at the province level (code
// itself when it is a province), or "".
func provinceOf(tree *units.Tree, code string) string {
	if u, err := tree.Get(code); err == nil && rank(tree, u) == rankProvince {
		return code
	}
	for _, a := range tree.Ancestors(code) {
		if rank(tree, a) == rankProvince {
			return a.Code
		}
	}
	return ""
}

// districtOf returns the ancestor of code at the district level, or ""
// (a Vietnamese commune after 2025 has none).
func districtOf(tree *units.Tree, code string) string {
	for _, a := range tree.Ancestors(code) {
		if rank(tree, a) == rankDistrict {
			return a.Code
		}
	}
	return ""
}

// unitOfRank returns the canonical code of unit raw when it is a unit of
// the node's country at rank r, else EInvalid built by bad.
func (s *Service) unitOfRank(field, raw string, r int, bad func(string) error) (units.Unit, error) {
	tree := s.tree()
	code, err := rules.UnitCode(tree, field, raw)
	if err != nil {
		return units.Unit{}, err
	}
	u, err := tree.Get(code)
	if err != nil {
		return units.Unit{}, rules.ErrUnitUnknown(field, code)
	}
	if u.Country != s.country || rank(tree, u) != r {
		return units.Unit{}, bad(code)
	}
	return u, nil
}

// day returns d, or today when d is zero, checked as a day that has
// happened.
func (s *Service) day(field string, d borderlink.Date) (borderlink.Date, error) {
	if d.IsZero() {
		d = s.today()
	}
	if err := rules.CheckDay(field, d, s.today()); err != nil {
		return borderlink.Date{}, err
	}
	return d, nil
}

// checkPeriod checks a period: both ends given, from not after to, not
// longer than MaxPeriodDays, and not before 1990.
func checkPeriod(from, to borderlink.Date) error {
	if from.IsZero() {
		return rules.ErrDateMissing("period_from")
	}
	if to.IsZero() {
		return rules.ErrDateMissing("period_to")
	}
	if to.Before(from) {
		return errPeriodBackwards(from, to)
	}
	if from.AddDays(MaxPeriodDays).Before(to) {
		return errPeriodTooLong()
	}
	if err := rules.CheckDay("period_from", from, to); err != nil {
		return err
	}
	return nil
}

// overlaps reports whether the periods [a1, a2] and [b1, b2] share a day.
func overlaps(a1, a2, b1, b2 borderlink.Date) bool { return !a2.Before(b1) && !b2.Before(a1) }

// describe is a short detail of a period for audit entries.
func describe(unit string, from, to borderlink.Date) string {
	return fmt.Sprintf("%s %s..%s", unit, from, to)
}

package stats

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/units"
)

// Options configure a Service; all but Clock are required.
type Options struct {
	DB      DB
	Log     *audit.Log
	Units   interface{ Tree() *units.Tree }
	Drugs   *refdata.Drugs
	Self    borderlink.NodeID
	Country string // the country whose police run this node
	Clock   borderlink.Clock
	// ReleaseDB and Outbox, when set, let the node release its monthly
	// figures to the partner (see Release).
	ReleaseDB ReleaseDB
	Outbox    Outbox
}

// Service answers questions about the figures and stores new ones.
type Service struct {
	db      DB
	log     *audit.Log
	units   interface{ Tree() *units.Tree }
	drugs   *refdata.Drugs
	self    borderlink.NodeID
	country string
	clock   borderlink.Clock

	releaseDB ReleaseDB
	outbox    Outbox
}

// NewService returns the statistics service described by o.
func NewService(o Options) (*Service, error) {
	if o.DB == nil || o.Log == nil || o.Units == nil || o.Drugs == nil || o.Country == "" {
		return nil, errors.New("stats: NewService needs a DB, an audit log, units, drug types and the node's country")
	}
	if err := o.Self.Validate(); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if o.Clock == nil {
		o.Clock = borderlink.SystemClock{}
	}
	return &Service{db: o.DB, log: o.Log, units: o.Units, drugs: o.Drugs, self: o.Self, country: o.Country, clock: o.Clock,
		releaseDB: o.ReleaseDB, outbox: o.Outbox}, nil
}

// Country is the country whose figures this node keeps.
func (s *Service) Country() string { return s.country }

// Drugs returns the drug taxonomy the figures are coded in.
func (s *Service) Drugs() *refdata.Drugs { return s.drugs }

// Resolver returns the place resolver over the current unit directory.
func (s *Service) Resolver() Resolver { return Resolver{Tree: s.units.Tree()} }

// Today is the date by the service's clock.
func (s *Service) Today() borderlink.Date { return borderlink.DateOf(s.clock.Now()) }

// Earliest is the first day a figure may be dated: older paper records are
// not in scope, and an earlier date is a typing error.
var Earliest = borderlink.NewDate(1990, 1, 1)

// Prepare checks a fact and resolves its place, setting Country, Province
// and OldProvince (and Origin to this node when it is empty). Errors are
// EInvalid with a catalogue key.
func (s *Service) Prepare(f *Fact) error {
	if f.ID == "" {
		return errors.New("stats: a fact needs an id")
	}
	if f.Origin == "" {
		f.Origin = s.self
	}
	if f.Day.IsZero() {
		return borderlink.Errorf(borderlink.EInvalid, "error.stats_date_missing", "the date is missing")
	}
	if f.Day.After(s.Today()) {
		return borderlink.Errorf(borderlink.EInvalid, "error.stats_date_future",
			"the date "+f.Day.String()+" is in the future", "date", f.Day.String())
	}
	if f.Day.Before(Earliest) {
		return borderlink.Errorf(borderlink.EInvalid, "error.stats_date_too_old",
			"the date "+f.Day.String()+" is before 1990", "date", f.Day.String())
	}
	if !f.Agency.Valid() {
		return borderlink.Errorf(borderlink.EInvalid, "error.stats_agency_unknown",
			"unknown agency "+string(f.Agency), "agency", string(f.Agency))
	}
	if f.Drug != "" {
		if _, ok := s.drugs.Type(f.Drug); !ok {
			return borderlink.Errorf(borderlink.EInvalid, "error.stats_drug_unknown",
				"unknown drug type "+f.Drug, "code", f.Drug)
		}
	}
	t := f.Totals
	if t.Cases < 0 || t.Arrests < 0 || t.Milligrams < 0 || t.Pieces < 0 || t.Millilitre < 0 || t.SquareM < 0 {
		return borderlink.Errorf(borderlink.EInvalid, "error.stats_quantity_negative", "a figure is negative", "value", "")
	}
	if t.Cases > 100_000 || t.Arrests > 100_000 || t.Milligrams > MaxMilligrams || t.Pieces > MaxPieces ||
		t.Millilitre > MaxMillilitre || t.SquareM > MaxSquareM {
		return borderlink.Errorf(borderlink.EInvalid, "error.stats_figure_absurd", "a figure is beyond any real one")
	}
	p, err := s.Resolver().Locate(f.Place, f.Day)
	if err != nil {
		return err
	}
	f.Country, f.Province, f.OldProvince = p.Country, p.Province, p.OldProvince
	return nil
}

// Put prepares facts and stores them in the caller's transaction.
func (s *Service) Put(ctx context.Context, tx Tx, fs []Fact) error {
	for i := range fs {
		if err := s.Prepare(&fs[i]); err != nil {
			return err
		}
	}
	return tx.Stats().PutFacts(ctx, fs)
}

// Filter is what a person asks of the dashboards: a period (both days
// inclusive) and optional restrictions, each matching any of its values.
type Filter struct {
	From      borderlink.Date `json:"from"`
	To        borderlink.Date `json:"to"`
	Country   string          `json:"country,omitempty"`
	Provinces []string        `json:"provinces,omitempty"` // old or new province codes
	Agencies  []Agency        `json:"agencies,omitempty"`
	Drugs     []string        `json:"drugs,omitempty"`
}

// MaxSpan bounds the period of one question.
const MaxSpan = 30 * 366 // days

// query checks f and turns it into a store query.
func (s *Service) query(f Filter) (Query, error) {
	q := Query{From: f.From, To: f.To}
	if f.From.IsZero() || f.To.IsZero() {
		return q, borderlink.Errorf(borderlink.EInvalid, "error.stats_period_missing", "choose the first and the last day of the period")
	}
	if f.To.Before(f.From) {
		return q, borderlink.Errorf(borderlink.EInvalid, "error.stats_period_reversed",
			"the period ends before it starts", "from", f.From.String(), "to", f.To.String())
	}
	if f.To.Time().Sub(f.From.Time()) > MaxSpan*24*time.Hour {
		return q, borderlink.Errorf(borderlink.EInvalid, "error.stats_period_long", "the period is longer than 30 years")
	}
	switch c := strings.ToUpper(f.Country); c {
	case "":
	case "VN", "LA":
		q.Countries = []string{c}
	default:
		return q, borderlink.Errorf(borderlink.EInvalid, "error.unknown_country", "unknown country "+f.Country, "code", f.Country)
	}
	res := s.Resolver()
	for _, code := range f.Provinces {
		p, err := res.Province(strings.TrimSpace(code))
		if err != nil {
			return q, err
		}
		if !slices.Contains(q.Provinces, p) {
			q.Provinces = append(q.Provinces, p)
		}
	}
	for _, a := range f.Agencies {
		if !a.Valid() {
			return q, borderlink.Errorf(borderlink.EInvalid, "error.stats_agency_unknown", "unknown agency "+string(a), "agency", string(a))
		}
		q.Agencies = append(q.Agencies, a)
	}
	for _, d := range f.Drugs {
		if _, ok := s.drugs.Type(d); !ok {
			return q, borderlink.Errorf(borderlink.EInvalid, "error.stats_drug_unknown", "unknown drug type "+d, "code", d)
		}
		q.Drugs = append(q.Drugs, d)
	}
	return q, nil
}

// Visible returns what p may sum. Statistics are kept by province, so a
// grant at a province or below it shows that province's figures; a grant at
// a ministry shows its whole country. Figures a partner released to this
// node (those of other countries) are visible to everyone who reads
// statistics here. nil: everything (the system principal).
func (s *Service) Visible(p auth.Principal) (*Visibility, error) {
	if p.Unrestricted() {
		return nil, nil
	}
	if !p.Can(auth.PermStatsRead) {
		return nil, errForbidden()
	}
	v := &Visibility{}
	for _, c := range []string{"VN", "LA"} {
		if c != s.country {
			v.Countries = append(v.Countries, c)
		}
	}
	tree := s.units.Tree()
	res := Resolver{Tree: tree}
	for _, code := range p.ScopeUnits(auth.PermStatsRead) {
		u, err := tree.Get(code)
		if err != nil {
			continue
		}
		if u.Level == units.LevelMinistry {
			if !slices.Contains(v.Countries, u.Country) {
				v.Countries = append(v.Countries, u.Country)
			}
			continue
		}
		if prov, ok := res.province(u); ok {
			if c := res.current(prov); !slices.Contains(v.Provinces, c) {
				v.Provinces = append(v.Provinces, c)
			}
		}
	}
	return v, nil
}

func errForbidden() error {
	return borderlink.Errorf(borderlink.EForbidden, "error.forbidden", "your roles do not allow this", "permission", string(auth.PermStatsRead))
}

// Sum answers f for p, grouped by the columns by.
func (s *Service) Sum(ctx context.Context, p auth.Principal, f Filter, by ...Column) ([]Row, error) {
	q, err := s.query(f)
	if err != nil {
		return nil, err
	}
	if q.Visible, err = s.Visible(p); err != nil {
		return nil, err
	}
	q.By = by
	var rows []Row
	err = s.db.View(ctx, func(tx Tx) error {
		var err error
		rows, err = tx.Stats().Sum(ctx, q)
		return err
	})
	return rows, err
}

package plans

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/stats"
)

// Indicator is the result a task (or a unit's target) is measured by.
type Indicator struct {
	Kind IndicatorKind `json:"kind"`
	// Label names what a manual indicator counts ("communes recognised
	// drug-free"); optional for the computed kinds.
	Label string `json:"label,omitempty"`
	// Provinces, Drugs, From and To filter the statistics of a computed
	// indicator; empty, they take the plan's.
	Provinces []string        `json:"provinces"`
	Drugs     []string        `json:"drugs"`
	From      borderlink.Date `json:"from"`
	To        borderlink.Date `json:"to"`
	Target    float64         `json:"target"`
	// Actual is the value entered for a manual indicator; for a computed
	// one, the value the owning node computed on AsOf when it last
	// published the task (the partner shows it as it is).
	Actual float64         `json:"actual"`
	AsOf   borderlink.Date `json:"as_of"`
}

// filter returns the statistics filter of a computed indicator on a plan
// (the plan's provinces, drugs and period where the indicator names none),
// the period ending at asOf at the latest: figures of days not yet come
// are not there.
func (ind Indicator) filter(pl Plan, asOf borderlink.Date) stats.Filter {
	f := stats.Filter{From: ind.From, To: ind.To, Provinces: ind.Provinces, Drugs: ind.Drugs}
	if f.From.IsZero() {
		f.From, f.To = pl.From, pl.To
	}
	if len(f.Provinces) == 0 {
		f.Provinces = pl.Provinces
	}
	if len(f.Drugs) == 0 {
		f.Drugs = pl.Drugs
	}
	if asOf.Before(f.To) {
		f.To = asOf
	}
	return f
}

// calc computes the values of computed indicators, asking the statistics
// once for each distinct filter: the tasks of a plan share a handful of
// filters (the plan's, a province's), however many tasks there are.
type calc struct {
	s    *Service
	asOf borderlink.Date
	memo map[string]stats.Totals
}

func (s *Service) calc(asOf borderlink.Date) *calc {
	return &calc{s: s, asOf: asOf, memo: map[string]stats.Totals{}}
}

// system is who the statistics are asked as: an indicator is a figure of
// the plan, summed over everything the node keeps, whoever reads it.
var system = auth.System("plans")

// value returns the value of ind on plan pl, and whether it could be
// computed. A manual indicator's value is the one entered; a computed one
// is summed here for this node's records, and for the partner's is the
// value it published.
func (c *calc) value(ctx context.Context, pl Plan, origin borderlink.NodeID, ind Indicator) (float64, bool) {
	if !ind.Kind.Computed() {
		return ind.Actual, true
	}
	if origin != c.s.self {
		return ind.Actual, !ind.AsOf.IsZero()
	}
	if c.s.stats == nil {
		return 0, false
	}
	return c.of(ctx, ind.filter(pl, c.asOf), ind.Kind)
}

// country returns the value of a computed indicator over a whole country
// in the period of pl (a ministry's target).
func (c *calc) country(ctx context.Context, pl Plan, country string, ind Indicator) (float64, bool) {
	if c.s.stats == nil {
		return 0, false
	}
	f := ind.filter(pl, c.asOf)
	f.Country, f.Provinces = country, nil
	return c.of(ctx, f, ind.Kind)
}

// of sums the statistics f selects and returns the figure kind counts.
func (c *calc) of(ctx context.Context, f stats.Filter, kind IndicatorKind) (float64, bool) {
	if f.To.Before(f.From) {
		return 0, true // the period has not begun
	}
	key := f.From.String() + "|" + f.To.String() + "|" + f.Country + "|" + strings.Join(sorted(f.Provinces), ",") + "|" +
		strings.Join(sorted(f.Drugs), ",")
	t, ok := c.memo[key]
	if !ok {
		rows, err := c.s.stats.Sum(ctx, system, f)
		if err != nil {
			return 0, false
		}
		for _, r := range rows {
			t = t.Add(r.Totals)
		}
		c.memo[key] = t
	}
	switch kind {
	case IndicatorSeizuresKg:
		return t.Kilograms(), true
	case IndicatorCases:
		return float64(t.Cases), true
	default:
		return float64(t.Arrests), true
	}
}

func sorted(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

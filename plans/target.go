package plans

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/units"
)

// Target is what a unit of this node's country is to reach in a year, on
// one indicator. Targets are the node's own and are not shared.
type Target struct {
	ID        string            `json:"id"`
	Origin    borderlink.NodeID `json:"origin"`
	Unit      string            `json:"unit"`
	Year      int               `json:"year"`
	Indicator Indicator         `json:"indicator"`
	Created   time.Time         `json:"created"`
	Updated   time.Time         `json:"updated"`
}

// NewTarget is what a user writes to set a target. The indicator's period
// is the year; a computed one counts the unit's province (or, for a
// ministry, its whole country), so the unit is a ministry or a province.
type NewTarget struct {
	Unit      string    `json:"unit"`
	Year      int       `json:"year"`
	Indicator Indicator `json:"indicator"`
}

// SetTarget sets the target of a unit of this country, for a year and an
// indicator (its kind, label and drugs): a new one, or a new value for the
// one set before. p holds plans.write over the unit.
//
// Errors: EForbidden (audited) when p may not; EInvalid for a bad field,
// a year outside 1990..next year, or a computed indicator for a unit
// below a province (error.plans_target_level).
func (s *Service) SetTarget(ctx context.Context, p auth.Principal, in NewTarget) (Target, error) {
	var out Target
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		now := s.now()
		t := Target{ID: borderlink.NewID(), Origin: s.self, Created: now, Updated: now}
		if err := s.needs(ctx, tx, p, auth.PermPlansWrite, actTargetSet, objTarget, t.ID); err != nil {
			return err
		}
		c := s.checker(true)
		var err error
		if t.Unit, err = c.ownerUnit("unit", in.Unit); err != nil {
			return err
		}
		if in.Year < stats.Earliest.Time().Year() || in.Year > s.today().Time().Year()+1 {
			return rules.ErrChoice("year", itoa(in.Year))
		}
		t.Year = in.Year
		ind := in.Indicator
		ind.From, ind.To, ind.Provinces = borderlink.Date{}, borderlink.Date{}, nil
		if t.Indicator, err = c.indicator(ind, false); err != nil {
			return err
		}
		if u, _ := c.tree.Get(t.Unit); t.Indicator.Kind.Computed() && u.Level != units.LevelProvince && u.Level != units.LevelMinistry {
			return errTargetLevel(t.Unit)
		}
		if err := s.canWrite(ctx, tx, p, actTargetSet, objTarget, t.ID, t.Unit); err != nil {
			return err
		}
		kept, err := tx.Plans().Targets(ctx, t.Year)
		if err != nil {
			return wrapErr("targets", err)
		}
		for _, k := range kept {
			if k.Unit == t.Unit && k.Indicator.Kind == t.Indicator.Kind && strings.EqualFold(k.Indicator.Label, t.Indicator.Label) &&
				slices.Equal(sorted(k.Indicator.Drugs), sorted(t.Indicator.Drugs)) {
				t.ID, t.Created, t.Updated = k.ID, k.Created, recordkit.Bump(now, k.Updated)
			}
		}
		if err := tx.Plans().PutTarget(ctx, t); err != nil {
			return wrapErr("set target", err)
		}
		out = t
		return s.record(ctx, tx, recordkit.OK(p, actTargetSet, objTarget, t.ID,
			t.Unit+" "+itoa(t.Year)+" "+string(t.Indicator.Kind)))
	})
	return out, err
}

// EvaluationRow is one target against its result.
type EvaluationRow struct {
	Target   Target  `json:"target"`
	Actual   float64 `json:"actual"`
	Computed bool    `json:"computed"`
	// Reached is Actual as a share of the target, in percent; Rank orders
	// the rows by it, 1 the best, equal shares sharing a rank.
	Reached float64 `json:"reached"`
	Rank    int     `json:"rank"`
}

// Evaluation is the year-end evaluation table: every target of the year,
// ranked by the share reached.
type Evaluation struct {
	Year int             `json:"year"`
	AsOf borderlink.Date `json:"as_of"`
	Rows []EvaluationRow `json:"rows"`
}

// Evaluation returns the targets of a year against their results, as of
// the year's last day or today if earlier, ranked by the share reached,
// then by unit. The reading is audited.
//
// Errors: EForbidden when p holds plans.read nowhere.
func (s *Service) Evaluation(ctx context.Context, p auth.Principal, year int) (Evaluation, error) {
	ev := Evaluation{Year: year, AsOf: borderlink.NewDate(year, 12, 31)}
	if today := s.today(); today.Before(ev.AsOf) {
		ev.AsOf = today
	}
	var targets []Target
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermPlansRead, actEvaluationRead, objTarget, ""); err != nil {
			return err
		}
		var err error
		if targets, err = tx.Plans().Targets(ctx, year); err != nil {
			return wrapErr("targets", err)
		}
		return s.record(ctx, tx, recordkit.OK(p, actEvaluationRead, objTarget, "", "year "+itoa(year)))
	})
	if err != nil {
		return Evaluation{}, err
	}
	c := s.calc(ev.AsOf)
	tree := s.tree()
	year0 := Plan{From: borderlink.NewDate(year, 1, 1), To: borderlink.NewDate(year, 12, 31)}
	for _, t := range targets {
		r := EvaluationRow{Target: t}
		area := year0
		if u, _ := tree.Get(t.Unit); u.Level == units.LevelProvince {
			area.Provinces = []string{t.Unit}
		}
		ind := t.Indicator
		if u, _ := tree.Get(t.Unit); u.Level == units.LevelMinistry && ind.Kind.Computed() {
			r.Actual, r.Computed = c.country(ctx, area, u.Country, ind)
		} else {
			r.Actual, r.Computed = c.value(ctx, area, s.self, ind)
		}
		r.Reached = 100 * r.Actual / t.Indicator.Target
		ev.Rows = append(ev.Rows, r)
	}
	slices.SortStableFunc(ev.Rows, func(a, b EvaluationRow) int {
		return cmp.Or(cmp.Compare(b.Reached, a.Reached), cmp.Compare(a.Target.Unit, b.Target.Unit))
	})
	for i := range ev.Rows {
		ev.Rows[i].Rank = i + 1
		if i > 0 && ev.Rows[i].Reached == ev.Rows[i-1].Reached {
			ev.Rows[i].Rank = ev.Rows[i-1].Rank
		}
	}
	return ev, nil
}

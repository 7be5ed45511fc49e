package communes

import (
	"context"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/units"
)

// Figures are the counts of one row of a dashboard.
type Figures struct {
	Communes            int `json:"communes"` // communes in force on the day
	Recognised          int `json:"recognised"`
	Pending             int `json:"pending"`
	Revoked             int `json:"revoked"`
	NotAssessed         int `json:"not_assessed"`
	Districts           int `json:"districts"`
	DistrictsRecognised int `json:"districts_recognised"`
	// Commitments signed, from each commune's latest record of a period
	// overlapping the dashboard's range.
	Households int `json:"households"`
	Agencies   int `json:"agencies"`
	Units      int `json:"units"`
}

func (f *Figures) add(o Figures) {
	f.Communes += o.Communes
	f.Recognised += o.Recognised
	f.Pending += o.Pending
	f.Revoked += o.Revoked
	f.NotAssessed += o.NotAssessed
	f.Districts += o.Districts
	f.DistrictsRecognised += o.DistrictsRecognised
	f.Households += o.Households
	f.Agencies += o.Agencies
	f.Units += o.Units
}

func (f *Figures) count(st Standing) {
	f.Communes++
	switch st {
	case StandingRecognised:
		f.Recognised++
	case StandingPending:
		f.Pending++
	case StandingRevoked:
		f.Revoked++
	default:
		f.NotAssessed++
	}
}

// Row is one unit directly below the dashboard's unit: a district with
// the counts of its communes, or a commune with its standing.
type Row struct {
	Unit     string          `json:"unit"`
	Name     borderlink.Text `json:"name"`
	Level    string          `json:"level"`
	Standing Standing        `json:"standing,omitempty"` // a commune's
	Figures
}

// Month is one point of a dashboard's time series: the recognitions and
// revocations decided in a month.
type Month struct {
	Month               string `json:"month"` // "2026-05"
	Recognised          int    `json:"recognised"`
	Revoked             int    `json:"revoked"`
	DistrictsRecognised int    `json:"districts_recognised"`
	DistrictsRevoked    int    `json:"districts_revoked"`
}

// Dashboard is the programme's standing in a province or a district on a
// day, with the months of a range.
type Dashboard struct {
	Unit   string          `json:"unit"`
	Name   borderlink.Text `json:"name"`
	Level  string          `json:"level"`
	AsOf   borderlink.Date `json:"as_of"`
	From   borderlink.Date `json:"from"`
	To     borderlink.Date `json:"to"`
	Rows   []Row           `json:"rows"`
	Total  Figures         `json:"total"`
	Months []Month         `json:"months"`
}

// standings returns the standing on asOf of each commune that has events
// (see Standing): a recognition in force first, then an assessment
// pending, then a revoked recognition.
func standings(events []Event, asOf borderlink.Date) map[string]Standing {
	last := map[string]Status{} // assessment → status on asOf
	communeOf := map[string]string{}
	for _, e := range events {
		if e.Day.After(asOf) {
			continue
		}
		last[e.AssessmentID] = e.Status
		communeOf[e.AssessmentID] = e.Commune
	}
	order := func(st Status) (Standing, int) {
		switch {
		case st == StatusRecognised:
			return StandingRecognised, 3
		case st.Pending():
			return StandingPending, 2
		case st == StatusRevoked:
			return StandingRevoked, 1
		}
		return StandingNone, 0
	}
	out := map[string]Standing{}
	best := map[string]int{}
	for id, st := range last {
		c := communeOf[id]
		sd, r := order(st)
		if b, ok := best[c]; !ok || r > b {
			out[c], best[c] = sd, r
		}
	}
	return out
}

// communesUnder returns the communes in force on asOf at or below unit.
func (s *Service) communesUnder(unit string, asOf borderlink.Date) []string {
	tree := s.tree()
	var out []string
	var walk func(string)
	walk = func(code string) {
		for _, c := range tree.Children(code, asOf) {
			if rank(tree, c) == rankCommune {
				out = append(out, c.Code)
				continue
			}
			walk(c.Code)
		}
	}
	if u, err := tree.Get(unit); err == nil && rank(tree, u) == rankCommune {
		return []string{unit}
	}
	walk(unit)
	return out
}

// Dashboard returns the standing of the communes and districts of a
// province or a district of the node's country on asOf (default today):
// one row per unit directly below it, with totals, and the recognitions
// and revocations of each month from from to to (default: the twelve
// months up to asOf). p must hold communes.read over the unit.
//
// A commune counts as recognised while it holds a recognition in force,
// pending while an assessment awaits verification or decision (or
// correction), revoked when its last recognition was revoked, and not
// assessed otherwise. A district counts as recognised while its
// recognition stands.
//
// Errors: EForbidden when p may not read the unit; EInvalid for a unit
// that is neither a province nor a district of this country
// (error.communes_dashboard_unit), or a range that runs backwards or is
// longer than MaxRangeMonths.
func (s *Service) Dashboard(ctx context.Context, p auth.Principal, unit string, asOf, from, to borderlink.Date) (Dashboard, error) {
	tree := s.tree()
	code, err := rules.UnitCode(tree, "unit", unit)
	if err != nil {
		return Dashboard{}, err
	}
	u, err := tree.Get(code)
	if err != nil {
		return Dashboard{}, rules.ErrUnitUnknown("unit", code)
	}
	if r := rank(tree, u); u.Country != s.country || (r != rankProvince && r != rankDistrict) {
		return Dashboard{}, errDashboardUnit(code)
	}
	if !p.CanIn(auth.PermCommunesRead, code, tree) {
		return Dashboard{}, errForbidden(string(auth.PermCommunesRead))
	}
	if asOf.IsZero() {
		asOf = s.today()
	}
	if to.IsZero() {
		to = asOf
	}
	if from.IsZero() {
		t := to.Time()
		from = borderlink.NewDate(t.Year(), t.Month()-11, 1)
	}
	if to.Before(from) {
		return Dashboard{}, errRangeBackwards(from, to)
	}
	months := monthsOf(from, to)
	if len(months) > MaxRangeMonths {
		return Dashboard{}, rules.ErrTooMany("months", MaxRangeMonths)
	}
	d := Dashboard{Unit: code, Name: u.Name, Level: u.Level, AsOf: asOf, From: from, To: to, Months: months}
	province := provinceOf(tree, code)
	until := asOf
	if to.After(until) {
		until = to
	}
	var events []Event
	var districts []DistrictRecognition
	var commitments []Commitments
	err = s.db.View(ctx, func(tx Tx) error {
		var err error
		if events, err = tx.Communes().Events(ctx, province, until); err != nil {
			return wrapErr("events", err)
		}
		if districts, err = tx.Communes().Districts(ctx, province, ""); err != nil {
			return wrapErr("districts", err)
		}
		commitments, err = tx.Communes().Commitments(ctx, province, "")
		return wrapErr("commitments", err)
	})
	if err != nil {
		return Dashboard{}, err
	}
	s.fill(&d, u, events, districts, commitments)
	return d, nil
}

// fill computes the rows, totals and months of d, a dashboard of u.
func (s *Service) fill(d *Dashboard, u units.Unit, events []Event, districts []DistrictRecognition, commitments []Commitments) {
	tree := s.tree()
	st := standings(events, d.AsOf)
	latest := map[string]Commitments{}
	for _, c := range commitments {
		if overlaps(c.From, c.To, d.From, d.To) {
			if o, ok := latest[c.Commune]; !ok || c.From.After(o.From) {
				latest[c.Commune] = c
			}
		}
	}
	recognised := map[string]bool{}
	for _, r := range districts {
		if r.InForce(d.AsOf) {
			recognised[r.District] = true
		}
	}
	rowOf := map[string]int{} // commune → row
	for _, c := range tree.Children(u.Code, d.AsOf) {
		row := Row{Unit: c.Code, Name: c.Name, Level: c.Level}
		switch rank(tree, c) {
		case rankCommune:
			row.Standing = st[c.Code]
			if row.Standing == "" {
				row.Standing = StandingNone
			}
			rowOf[c.Code] = len(d.Rows)
		case rankDistrict:
			row.Districts = 1
			if recognised[c.Code] {
				row.DistrictsRecognised = 1
			}
			for _, cm := range s.communesUnder(c.Code, d.AsOf) {
				rowOf[cm] = len(d.Rows)
			}
		default:
			continue
		}
		d.Rows = append(d.Rows, row)
	}
	for cm, i := range rowOf {
		sd := st[cm]
		d.Rows[i].count(sd)
		if c, ok := latest[cm]; ok {
			d.Rows[i].Households += c.Households
			d.Rows[i].Agencies += c.Agencies
			d.Rows[i].Units += c.Units
		}
	}
	if rank(tree, u) == rankDistrict {
		d.Total.Districts = 1
		if recognised[u.Code] {
			d.Total.DistrictsRecognised = 1
		}
	}
	for _, r := range d.Rows {
		d.Total.add(r.Figures)
	}
	at := map[string]int{}
	for i, m := range d.Months {
		at[m.Month] = i
	}
	month := func(day borderlink.Date) (int, bool) {
		if day.Before(d.From) || day.After(d.To) {
			return 0, false
		}
		i, ok := at[day.Time().Format("2006-01")]
		return i, ok
	}
	within := map[string]bool{}
	in := func(code string) bool {
		v, ok := within[code]
		if !ok {
			v = tree.Within(code, u.Code)
			within[code] = v
		}
		return v
	}
	for _, e := range events {
		if e.Status != StatusRecognised && e.Status != StatusRevoked {
			continue
		}
		i, ok := month(e.Day)
		if !ok || !in(e.Commune) {
			continue
		}
		if e.Status == StatusRecognised {
			d.Months[i].Recognised++
		} else {
			d.Months[i].Revoked++
		}
	}
	for _, r := range districts {
		if !in(r.District) {
			continue
		}
		if i, ok := month(r.Decision.Date); ok {
			d.Months[i].DistrictsRecognised++
		}
		if r.Revocation != nil {
			if i, ok := month(r.Revocation.Date); ok {
				d.Months[i].DistrictsRevoked++
			}
		}
	}
}

// monthsOf returns the months from from to to, each without counts.
func monthsOf(from, to borderlink.Date) []Month {
	var out []Month
	t := time.Date(from.Time().Year(), from.Time().Month(), 1, 0, 0, 0, 0, time.UTC)
	for !t.After(to.Time()) && len(out) <= MaxRangeMonths {
		out = append(out, Month{Month: t.Format("2006-01")})
		t = t.AddDate(0, 1, 0)
	}
	return out
}

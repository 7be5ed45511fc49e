package stats

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
)

// Figures are the totals of one group in the asked period and in the
// period of the same length just before it.
type Figures struct {
	Key      string `json:"key"` // the group: a drug code, a province code, an agency, a month
	Current  Row    `json:"current"`
	Previous Row    `json:"previous"`
}

// Summary is everything a dashboard shows for one filter.
type Summary struct {
	Filter       Filter          `json:"filter"`
	PreviousFrom borderlink.Date `json:"previous_from"`
	PreviousTo   borderlink.Date `json:"previous_to"`
	Total        Figures         `json:"total"`
	ByDrug       []Figures       `json:"by_drug"`
	ByProvince   []Figures       `json:"by_province"`
	ByAgency     []Figures       `json:"by_agency"`
	ByCountry    []Figures       `json:"by_country"`
	ByMonth      []Row           `json:"by_month"` // the asked period only
}

// Previous returns the period a dashboard compares f with: the same number
// of whole months just before when f is made of whole months (a year with
// the year before, a quarter with the quarter before), else the same number
// of days ending the day before f starts.
func Previous(f Filter) (from, to borderlink.Date) {
	ft, tt := f.From.Time(), f.To.AddDays(1).Time()
	if ft.Day() == 1 && tt.Day() == 1 {
		months := (tt.Year()-ft.Year())*12 + int(tt.Month()) - int(ft.Month())
		return borderlink.DateOf(ft.AddDate(0, -months, 0)), f.From.AddDays(-1)
	}
	days := int(f.To.Time().Sub(f.From.Time()).Hours()/24) + 1
	to = f.From.AddDays(-1)
	return to.AddDays(1 - days), to
}

// Summary answers f for p with the totals, the breakdowns by drug,
// province, agency and country compared with the previous period, and the
// months of the period.
func (s *Service) Summary(ctx context.Context, p auth.Principal, f Filter) (Summary, error) {
	q, cur, prev, err := s.summaryRows(ctx, p, f)
	if err != nil {
		return Summary{}, err
	}
	return summarize(f, q, cur, prev, ""), nil
}

// detail are the columns a summary's rows are read by: every breakdown is
// then added up from them here, so that a dashboard costs two queries.
var detail = []Column{ByCountry, ByProvince, ByOldProvince, ByAgency, ByDrug}

// summaryRows reads the rows of the period, the period's months and the
// rows of the previous period in one read transaction: three grouped
// queries whose answers are small however many facts there are.
func (s *Service) summaryRows(ctx context.Context, p auth.Principal, f Filter) (q Query, cur, prev []Row, err error) {
	if q, err = s.query(f); err != nil {
		return q, nil, nil, err
	}
	if q.Visible, err = s.Visible(p); err != nil {
		return q, nil, nil, err
	}
	pq, mq := q, q
	pq.From, pq.To = Previous(f)
	q.By, pq.By, mq.By = detail, detail, []Column{ByCountry, ByMonth}
	// The three questions read at once, each in its own read transaction:
	// on a machine with several cores that halves the wait. They may see
	// different instants only if a change commits in between, which moves
	// the figures by that change alone.
	var months []Row
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i, job := range []struct {
		q   Query
		out *[]Row
	}{{q, &cur}, {mq, &months}, {pq, &prev}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.db.View(ctx, func(tx Tx) error {
				var err error
				*job.out, err = tx.Stats().Sum(ctx, job.q)
				return err
			})
		}()
	}
	wg.Wait()
	if err = errors.Join(errs...); err != nil {
		return q, nil, nil, err
	}
	// Month rows carry no other key: they count only in ByMonth.
	for i := range months {
		months[i].Drug, months[i].Agency = monthOnly, monthOnly
	}
	cur = append(cur, months...)
	return q, cur, prev, err
}

// monthOnly marks the rows that hold a month's totals, read beside the
// detailed rows of the same period.
const monthOnly = "\x00month"

// summarize adds up the detailed rows of a period and the previous one
// into a summary; country, when set, keeps only that country's rows.
func summarize(f Filter, q Query, cur, prev []Row, country string) Summary {
	if country != "" {
		keep := func(r Row) bool { return r.Country != country }
		cur, prev = slices.DeleteFunc(slices.Clone(cur), keep), slices.DeleteFunc(slices.Clone(prev), keep)
		f.Country = country
	}
	sum := Summary{Filter: f}
	sum.PreviousFrom, sum.PreviousTo = Previous(f)
	months := slices.DeleteFunc(slices.Clone(cur), func(r Row) bool { return r.Drug != monthOnly })
	cur = slices.DeleteFunc(slices.Clone(cur), func(r Row) bool { return r.Drug == monthOnly })
	all := func(Row) []string { return []string{"total"} }
	if t := join(cur, prev, all); len(t) > 0 {
		sum.Total = t[0]
	} else {
		sum.Total = Figures{Key: "total"}
	}
	sum.ByDrug = join(cur, prev, func(r Row) []string { return []string{r.Drug} })
	sum.ByAgency = join(cur, prev, func(r Row) []string { return []string{string(r.Agency)} })
	sum.ByCountry = join(cur, prev, func(r Row) []string { return []string{r.Country} })
	sum.ByProvince = join(cur, prev, provinceKeys(q.Provinces))
	for _, fg := range join(months, nil, func(r Row) []string { return []string{r.Month} }) {
		row := fg.Current
		row.Month = fg.Key
		sum.ByMonth = append(sum.ByMonth, row)
	}
	slices.SortFunc(sum.ByMonth, func(x, y Row) int { return cmp.Compare(x.Month, y.Month) })
	return sum
}

// provinceKeys assigns a row grouped by both province keys to the
// provinces asked about (an old one by OldProvince, a current one by
// Province), or to its current province when none were asked; a row of a
// ministry-level fact (no province) is left out.
func provinceKeys(asked []ProvinceFilter) func(Row) []string {
	return func(r Row) []string {
		if len(asked) == 0 {
			if r.Province == "" {
				return nil
			}
			return []string{r.Province}
		}
		var out []string
		for _, p := range asked {
			if (p.Old && r.OldProvince == p.Code) || (!p.Old && r.Province == p.Code) {
				out = append(out, p.Code)
			}
		}
		return out
	}
}

// join adds up rows by the keys keyOf gives each, pairing the current and
// previous period, largest current weight first, then by key.
func join(cur, old []Row, keyOf func(Row) []string) []Figures {
	idx := map[string]int{}
	var out []Figures
	add := func(r Row, previous bool) {
		for _, k := range keyOf(r) {
			i, ok := idx[k]
			if !ok {
				i = len(out)
				idx[k] = i
				out = append(out, Figures{Key: k})
			}
			if previous {
				out[i].Previous = addRow(out[i].Previous, r)
			} else {
				out[i].Current = addRow(out[i].Current, r)
			}
		}
	}
	for _, r := range cur {
		add(r, false)
	}
	for _, r := range old {
		add(r, true)
	}
	slices.SortFunc(out, func(a, b Figures) int {
		if c := cmp.Compare(b.Current.Milligrams, a.Current.Milligrams); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Current.Cases, a.Current.Cases); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

func addRow(a, b Row) Row {
	a.Facts += b.Facts
	a.Totals = a.Totals.Add(b.Totals)
	return a
}

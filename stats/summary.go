package stats

import (
	"cmp"
	"context"
	"slices"

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
	q, err := s.query(f)
	if err != nil {
		return Summary{}, err
	}
	if q.Visible, err = s.Visible(p); err != nil {
		return Summary{}, err
	}
	sum := Summary{Filter: f}
	sum.PreviousFrom, sum.PreviousTo = Previous(f)
	prev := q
	prev.From, prev.To = sum.PreviousFrom, sum.PreviousTo
	err = s.db.View(ctx, func(tx Tx) error {
		r := tx.Stats()
		pair := func(by ...Column) (cur, old []Row, err error) {
			a, b := q, prev
			a.By, b.By = by, by
			if cur, err = r.Sum(ctx, a); err != nil {
				return nil, nil, err
			}
			old, err = r.Sum(ctx, b)
			return cur, old, err
		}
		cur, old, err := pair()
		if err != nil {
			return err
		}
		sum.Total = Figures{Key: "total", Current: first(cur), Previous: first(old)}
		if cur, old, err = pair(ByDrug); err != nil {
			return err
		}
		sum.ByDrug = join(cur, old, func(r Row) []string { return []string{r.Drug} })
		if cur, old, err = pair(ByAgency); err != nil {
			return err
		}
		sum.ByAgency = join(cur, old, func(r Row) []string { return []string{string(r.Agency)} })
		if cur, old, err = pair(ByCountry); err != nil {
			return err
		}
		sum.ByCountry = join(cur, old, func(r Row) []string { return []string{r.Country} })
		if cur, old, err = pair(ByProvince, ByOldProvince); err != nil {
			return err
		}
		sum.ByProvince = join(cur, old, provinceKeys(q.Provinces))
		a := q
		a.By = []Column{ByMonth}
		if sum.ByMonth, err = r.Sum(ctx, a); err != nil {
			return err
		}
		slices.SortFunc(sum.ByMonth, func(x, y Row) int { return cmp.Compare(x.Month, y.Month) })
		return nil
	})
	return sum, err
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

func first(rows []Row) Row {
	if len(rows) == 0 {
		return Row{}
	}
	return rows[0]
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

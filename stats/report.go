package stats

import (
	"context"
	"strings"

	"github.com/borderlink/borderlink/auth"
)

// CountryFigures are the figures of one country in a report.
type CountryFigures struct {
	Country    string    `json:"country"`
	Released   bool      `json:"released"` // figures released by the partner, not kept here
	Total      Figures   `json:"total"`
	ByDrug     []Figures `json:"by_drug"`
	ByProvince []Figures `json:"by_province"`
	ByAgency   []Figures `json:"by_agency"`
}

// Report is the content of the conference report for a filter: the whole
// and each country, compared with the previous period. Rendering it in a
// language is package stats/report's work.
type Report struct {
	Summary
	Countries []CountryFigures `json:"countries"`
}

// Report gathers the conference report for p. Producing a report is
// recorded in the audit log (action stats.report), since it leaves the
// node as a document.
func (s *Service) Report(ctx context.Context, p auth.Principal, f Filter) (Report, error) {
	q, cur, prev, err := s.summaryRows(ctx, p, f)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Summary: summarize(f, q, cur, prev, "")}
	countries := []string{"VN", "LA"}
	if f.Country != "" {
		countries = []string{strings.ToUpper(f.Country)}
	}
	for _, c := range countries {
		cs := summarize(f, q, cur, prev, c)
		if cs.Total.Current.Facts == 0 && cs.Total.Previous.Facts == 0 {
			continue
		}
		rep.Countries = append(rep.Countries, CountryFigures{Country: c, Released: c != s.country, Total: cs.Total,
			ByDrug: cs.ByDrug, ByProvince: cs.ByProvince, ByAgency: cs.ByAgency})
	}
	err = s.db.Update(ctx, func(tx Tx) error {
		return s.log.Record(ctx, tx.Audit(), Entry(p, "stats.report", f.From.String()+"/"+f.To.String(), "report "+f.Values().Encode()))
	})
	return rep, err
}

// Provinces returns the province codes a report covers: those asked for,
// else every province with figures, in the order of the figures.
func (r Report) Provinces() []string {
	if len(r.Filter.Provinces) > 0 {
		return r.Filter.Provinces
	}
	var out []string
	for _, f := range r.ByProvince {
		out = append(out, f.Key)
	}
	return out
}

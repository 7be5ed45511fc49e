package stats

import (
	"net/url"
	"slices"
	"strings"

	"github.com/borderlink/borderlink"
)

// ParseFilter reads a filter from its text form, the one the API, the
// pages and the command line share: from and to (YYYY-MM-DD; by default
// the year so far), country, and province, agency and drug, each repeated
// or comma-separated. Values are checked later, by the question asked.
func ParseFilter(q url.Values, today borderlink.Date) (Filter, error) {
	f := Filter{Country: strings.ToUpper(strings.TrimSpace(q.Get("country")))}
	var err error
	date := func(name string, def borderlink.Date) (borderlink.Date, error) {
		s := strings.TrimSpace(q.Get(name))
		if s == "" {
			return def, nil
		}
		d, err := borderlink.ParseDate(s)
		if err != nil {
			return d, borderlink.Errorf(borderlink.EInvalid, "error.bad_date", "parameter "+name+" must be a date YYYY-MM-DD", "value", s)
		}
		return d, nil
	}
	if f.From, err = date("from", borderlink.NewDate(today.Time().Year(), 1, 1)); err != nil {
		return f, err
	}
	if f.To, err = date("to", today); err != nil {
		return f, err
	}
	f.Provinces = list(q, "province")
	for _, a := range list(q, "agency") {
		f.Agencies = append(f.Agencies, Agency(a))
	}
	for _, d := range list(q, "drug") {
		f.Drugs = append(f.Drugs, strings.ToUpper(d))
	}
	return f, nil
}

// Values writes f in the form ParseFilter reads.
func (f Filter) Values() url.Values {
	v := url.Values{}
	v.Set("from", f.From.String())
	v.Set("to", f.To.String())
	if f.Country != "" {
		v.Set("country", f.Country)
	}
	if len(f.Provinces) > 0 {
		v.Set("province", strings.Join(f.Provinces, ","))
	}
	if len(f.Agencies) > 0 {
		as := make([]string, len(f.Agencies))
		for i, a := range f.Agencies {
			as[i] = string(a)
		}
		v.Set("agency", strings.Join(as, ","))
	}
	if len(f.Drugs) > 0 {
		v.Set("drug", strings.Join(f.Drugs, ","))
	}
	return v
}

// list reads a repeated or comma-separated parameter, without blanks or
// repeats.
func list(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// ParseColumns reads the by parameter of a table ("drug", "province,month").
func ParseColumns(s string) ([]Column, error) {
	var out []Column
	for _, p := range strings.Split(s, ",") {
		c := Column(strings.TrimSpace(p))
		if c == "" {
			continue
		}
		if !slices.Contains(Columns(), c) {
			return nil, borderlink.Errorf(borderlink.EInvalid, "error.stats_column_unknown",
				"unknown grouping "+string(c), "name", string(c))
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// ParseMonth reads a month ("2025-03") or a day of it ("2025-03-15") as
// the first day of that month.
func ParseMonth(s string) (borderlink.Date, error) {
	s = strings.TrimSpace(s)
	if len(s) == 7 {
		s += "-01"
	}
	d, err := borderlink.ParseDate(s)
	if err != nil {
		return d, borderlink.Errorf(borderlink.EInvalid, "error.bad_date", "not a month YYYY-MM", "value", s)
	}
	return borderlink.NewDate(d.Time().Year(), d.Time().Month(), 1), nil
}

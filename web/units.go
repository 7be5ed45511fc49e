package web

import (
	"net/http"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/units"
)

// unitRow is one unit in the tree browser.
type unitRow struct {
	Code, Name, LevelName string
	Date                  string
	HasChildren           bool
	Border                bool
	Ended                 string // "until 2025-06-30" when the unit no longer exists on the date shown
	Counterparts          []unitRef
	Kids                  []unitRow // sub-units shown open (the ministries' provinces)
}

type unitRef struct {
	Code, Name, Valid string
}

type unitsView struct {
	Countries []option
	Date      string
	Query     string
	Roots     []unitRow
	Results   []unitRow
}

// asOf reads the "date" parameter: the day whose hierarchy is shown (today
// by default), so that the units before Vietnam's 2025 reform can be browsed.
func (wb *Web) asOf(r *http.Request) (borderlink.Date, error) {
	s := r.URL.Query().Get("date")
	if s == "" {
		return borderlink.DateOf(wb.Clock.Now()), nil
	}
	return borderlink.ParseDate(s)
}

func (wb *Web) row(t *units.Tree, p *i18n.Printer, u units.Unit, d borderlink.Date) unitRow {
	r := unitRow{Code: u.Code, Name: u.Name.In(p.Lang()), LevelName: p.T("level." + u.Level),
		Date: d.String(), Border: u.Border, HasChildren: len(t.Children(u.Code, d)) > 0}
	if !u.ActiveOn(d) && !u.ValidTo.IsZero() {
		r.Ended = p.T("units.until", "date", u.ValidTo)
	}
	for _, c := range t.Counterparts(u.Code, d) {
		if o, err := t.Get(c.Other(u.Code)); err == nil {
			r.Counterparts = append(r.Counterparts, unitRef{Code: o.Code, Name: o.Name.In(p.Lang())})
		}
	}
	return r
}

func (wb *Web) unitsPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	d, err := wb.asOf(r)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	t := wb.Units.Tree()
	country := r.URL.Query().Get("country")
	if _, ok := t.Country(country); !ok {
		country = "" // both sides of the border
	}
	v := unitsView{Date: d.String(), Query: r.URL.Query().Get("q")}
	v.Countries = append(v.Countries, option{Value: "", Label: in.P.T("common.all"), Selected: country == ""})
	for _, c := range t.Countries() {
		v.Countries = append(v.Countries, option{Value: c.Code, Label: c.Name.In(in.Lang), Selected: c.Code == country})
		if country != "" && c.Code != country {
			continue
		}
		for _, u := range t.Roots(c.Code) {
			if !u.ActiveOn(d) {
				continue
			}
			root := wb.row(t, in.P, u, d)
			for _, k := range t.Children(u.Code, d) {
				root.Kids = append(root.Kids, wb.row(t, in.P, k, d))
			}
			v.Roots = append(v.Roots, root)
		}
	}
	if v.Query != "" {
		v.Results = wb.search(t, in.P, v.Query, d)
	}
	wb.render(w, r, http.StatusOK, "units", &page{Title: in.P.T("units.title"), Nav: "units", Data: v})
}

func (wb *Web) search(t *units.Tree, p *i18n.Printer, q string, d borderlink.Date) []unitRow {
	var out []unitRow
	for _, u := range t.Search(q, p.Lang(), 30) {
		out = append(out, wb.row(t, p, u, d))
	}
	return out
}

// unitsSearch answers the search box as the user types (an htmx fragment).
func (wb *Web) unitsSearch(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	d, err := wb.asOf(r)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	q := r.URL.Query().Get("q")
	v := unitsView{Query: q}
	if q != "" {
		v.Results = wb.search(wb.Units.Tree(), in.P, q, d)
	}
	wb.fragment(w, r, "units", "unit_results", &page{P: in.P, In: in, Data: v})
}

// unitChildren returns the sub-units of a unit as tree items (an htmx
// fragment loaded when a branch is opened).
func (wb *Web) unitChildren(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	d, err := wb.asOf(r)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	t := wb.Units.Tree()
	u, err := t.Get(r.PathValue("code"))
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	var rows []unitRow
	for _, c := range t.Children(u.Code, d) {
		rows = append(rows, wb.row(t, in.P, c, d))
	}
	wb.fragment(w, r, "units", "unit_children", rows)
}

type unitView struct {
	Code, Name, NameVI, NameLO, NameEN string
	LevelName, Country                 string
	ValidFrom, ValidTo                 string
	Ancestors                          []unitRef
	Successors, Predecessors           []unitRef
	Counterparts                       []unitRef
	Children                           []unitRow
}

func (wb *Web) unitPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	t := wb.Units.Tree()
	u, err := t.Get(r.PathValue("code"))
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	d, err := wb.asOf(r)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	if !u.ActiveOn(d) {
		// A unit that has ended is shown as it was on its last day.
		if !u.ValidTo.IsZero() && d.After(u.ValidTo) {
			d = u.ValidTo
		} else if !u.ValidFrom.IsZero() && d.Before(u.ValidFrom) {
			d = u.ValidFrom
		}
	}
	l := in.Lang
	ref := func(code string) unitRef {
		if o, err := t.Get(code); err == nil {
			return unitRef{Code: o.Code, Name: o.Name.In(l)}
		}
		return unitRef{Code: code, Name: code}
	}
	v := unitView{Code: u.Code, Name: u.Name.In(l), NameVI: u.Name.VI, NameLO: u.Name.LO, NameEN: u.Name.EN,
		LevelName: in.P.T("level." + u.Level), ValidFrom: u.ValidFrom.String(), ValidTo: u.ValidTo.String()}
	if c, ok := t.Country(u.Country); ok {
		v.Country = c.Name.In(l)
	}
	anc := t.Ancestors(u.Code)
	for i := len(anc) - 1; i >= 0; i-- {
		v.Ancestors = append(v.Ancestors, unitRef{Code: anc[i].Code, Name: anc[i].Name.In(l)})
	}
	for _, s := range u.Successors {
		v.Successors = append(v.Successors, ref(s))
	}
	for _, p := range t.Predecessors(u.Code) {
		v.Predecessors = append(v.Predecessors, ref(p))
	}
	for _, c := range t.Counterparts(u.Code, borderlink.Date{}) {
		cr := ref(c.Other(u.Code))
		cr.Valid = validity(in.P, c.ValidFrom, c.ValidTo)
		v.Counterparts = append(v.Counterparts, cr)
	}
	for _, c := range t.Children(u.Code, d) {
		v.Children = append(v.Children, wb.row(t, in.P, c, d))
	}
	wb.render(w, r, http.StatusOK, "unit", &page{Title: v.Name, Nav: "units", Data: v})
}

// validity describes a period such as "from 2025-07-01" or "until 2025-06-30".
func validity(p *i18n.Printer, from, to borderlink.Date) string {
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero():
		return p.T("units.from", "date", from)
	case from.IsZero():
		return p.T("units.until", "date", to)
	}
	return p.T("units.between", "from", from, "to", to)
}

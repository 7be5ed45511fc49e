package stats

import (
	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/units"
)

// Resolver places facts in the effective-dated unit directory.
type Resolver struct {
	Tree *units.Tree
}

// Place is where a fact happened, resolved: its country and its two
// province keys (see Fact).
type Place struct {
	Country     string
	Province    string
	OldProvince string
}

// Locate checks that place is a unit that existed on day and returns its
// province keys. Errors are EInvalid: an unknown unit, or one that did not
// exist on that day (an old district after the reform, a new commune before
// it).
func (r Resolver) Locate(place string, day borderlink.Date) (Place, error) {
	u, err := r.Tree.Get(place)
	if err != nil {
		return Place{}, borderlink.Errorf(borderlink.EInvalid, "error.stats_place_unknown",
			"unknown place "+place, "place", place)
	}
	if !u.ActiveOn(day) {
		return Place{}, borderlink.Errorf(borderlink.EInvalid, "error.stats_place_not_on_date",
			place+" did not exist on "+day.String(), "place", place, "date", day.String())
	}
	p := Place{Country: u.Country}
	prov, ok := r.province(u)
	if !ok {
		return p, nil // a ministry: counted in its country's totals only
	}
	p.Province = r.current(prov)
	p.OldProvince = r.original(u, prov, 0)
	return p, nil
}

// province returns u itself when it is a province, else its province-level
// ancestor by parent links (an old commune's old province).
func (r Resolver) province(u units.Unit) (units.Unit, bool) {
	if u.Level == units.LevelProvince {
		return u, true
	}
	for _, a := range r.Tree.Ancestors(u.Code) {
		if a.Level == units.LevelProvince {
			return a, true
		}
	}
	return units.Unit{}, false
}

// current follows a province's successors to the one in force now (the
// first successor where a province was split; none of Vietnam's 2025
// mergers split one).
func (r Resolver) current(prov units.Unit) string {
	for range 8 {
		if prov.ValidTo.IsZero() || len(prov.Successors) == 0 {
			break
		}
		next, err := r.Tree.Get(prov.Successors[0])
		if err != nil {
			break
		}
		prov = next
	}
	return prov.Code
}

// original returns the province that covered u before the reform: prov
// when prov predates it, else the one shared by every predecessor of u
// (found through them, recursively); "" when they disagree or there are
// none, as for a new province itself.
func (r Resolver) original(u, prov units.Unit, depth int) string {
	if prov.ValidFrom.IsZero() {
		return prov.Code
	}
	preds := r.Tree.Predecessors(u.Code)
	if len(preds) == 0 || depth > 4 {
		return ""
	}
	found := ""
	for _, code := range preds {
		pu, err := r.Tree.Get(code)
		if err != nil {
			return ""
		}
		pp, ok := r.province(pu)
		if !ok {
			return ""
		}
		o := r.original(pu, pp, depth+1)
		if o == "" || (found != "" && o != found) {
			return ""
		}
		found = o
	}
	return found
}

// ProvinceFilter is a province a question asks about: a province in force
// today matches Fact.Province, one that has ended matches
// Fact.OldProvince.
type ProvinceFilter struct {
	Code string
	Old  bool
}

// Province resolves a province code (a Lao ISO alias such as "LA-PH" is
// accepted) for a question. EInvalid when it is not a province.
func (r Resolver) Province(code string) (ProvinceFilter, error) {
	if c, ok := r.Tree.Canonical(code); ok {
		code = c
	}
	u, err := r.Tree.Get(code)
	if err != nil || u.Level != units.LevelProvince {
		return ProvinceFilter{}, borderlink.Errorf(borderlink.EInvalid, "error.stats_not_province",
			code+" is not a province", "code", code)
	}
	return ProvinceFilter{Code: u.Code, Old: !u.ValidTo.IsZero()}, nil
}

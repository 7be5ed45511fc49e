package plans

import (
	"slices"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/recordkit"
	"github.com/borderlink/borderlink/units"
)

// checker checks the fields of one record: written here (home is this
// node's country) or received from the partner (home is the sender's,
// any country but this one).
type checker struct {
	s    *Service
	tree *units.Tree
	// local: the record is written on this node, so its owning units are
	// of this country and must be in force today; a received one is
	// owned by the other side and keeps the units it was written with.
	local bool
}

func (s *Service) checker(local bool) checker { return checker{s: s, tree: s.tree(), local: local} }

// own reports whether unit u is of the side that owns the record.
func (c checker) own(u string) bool {
	home := recordkit.CountryOf(c.tree, u) == c.s.country
	return home == c.local
}

// unit returns the canonical code of a unit named in field, in force today
// when written here.
func (c checker) unit(field, code string) (string, error) {
	u, err := rules.UnitCode(c.tree, field, code)
	if err != nil {
		return "", err
	}
	if c.local && !c.tree.ActiveOn(u, c.s.today()) {
		return "", rules.ErrUnitEnded(field, u)
	}
	return u, nil
}

// ownerUnit is unit of the side that owns the record.
func (c checker) ownerUnit(field, code string) (string, error) {
	u, err := c.unit(field, code)
	if err != nil {
		return "", err
	}
	if !c.own(u) {
		return "", errOwnerForeign(field, u)
	}
	return u, nil
}

// units checks a list of units without repeats, at most max of them.
func (c checker) units(field string, in []string, max int) ([]string, error) {
	if len(in) > max {
		return nil, rules.ErrTooMany(field, max)
	}
	out := []string{}
	for _, raw := range in {
		u, err := c.unit(field, raw)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out, nil
}

// partners checks the partner units of a record: units of the other side.
func (c checker) partners(field string, in []string, max int) ([]string, error) {
	us, err := c.units(field, in, max)
	if err != nil {
		return nil, err
	}
	for _, u := range us {
		if c.own(u) {
			return nil, errPartnerHome(u)
		}
	}
	return us, nil
}

// provinces checks province codes of either country.
func (c checker) provinces(field string, in []string) ([]string, error) {
	us, err := c.units(field, in, MaxProvinces)
	if err != nil {
		return nil, err
	}
	for _, code := range us {
		if u, _ := c.tree.Get(code); u.Level != units.LevelProvince {
			return nil, errNotProvince(field, code)
		}
	}
	return us, nil
}

// drugs checks drug type codes against the statistics' taxonomy.
func (c checker) drugs(in []string) ([]string, error) {
	if len(in) > MaxDrugs {
		return nil, rules.ErrTooMany("drugs", MaxDrugs)
	}
	out := []string{}
	for _, d := range in {
		d = strings.ToUpper(strings.TrimSpace(d))
		if d == "" || slices.Contains(out, d) {
			continue
		}
		if c.s.stats != nil {
			if _, ok := c.s.stats.Drugs().Type(d); !ok {
				return nil, errDrugUnknown(d)
			}
		}
		out = append(out, d)
	}
	return out, nil
}

// period checks a period whose both days are given and in order.
func period(field string, from, to borderlink.Date) error {
	if from.IsZero() {
		return rules.ErrDateMissing(field + "_from")
	}
	if to.IsZero() {
		return rules.ErrDateMissing(field + "_to")
	}
	if to.Before(from) {
		return errBackwards(field, from, to)
	}
	return nil
}

// title checks a title, which every record has; lang a language, the
// writer's when not given.
func title(field, s string) (string, error) { return rules.Required(field, s, MaxTitle, false) }

func lang(l, fallback borderlink.Lang) (borderlink.Lang, error) { return rules.Lang(l, fallback) }

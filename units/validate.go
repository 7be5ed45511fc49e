package units

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"golang.org/x/text/unicode/norm"
)

// MaxNameLen is the longest name accepted, in characters.
const MaxNameLen = 200

// lookupFunc finds a unit that exists or is about to be written.
type lookupFunc func(code string) (Unit, bool)

// checkUnit returns every reason why u cannot be written, given the units
// that parents and others find (a parent must come before its children, a
// successor may come later): malformed code or one that is another unit's alias,
// unknown country, dates backwards, level unknown or not in force over the
// unit's dates, level changed, no name or one too long, a parent that is
// missing, in another country or not of the level directly above, and
// successors that are missing, in another country or the unit itself. Each
// reason is a *borderlink.Error with a catalogue key.
func (t *Tree) checkUnit(u Unit, parents, others lookupFunc) []*borderlink.Error {
	var errs []*borderlink.Error
	add := func(e *borderlink.Error) { errs = append(errs, e) }
	if !ValidCode(u.Code) {
		add(invalid("error.unit_code", fmt.Sprintf("invalid unit code %q: want e.g. VN-11 or LA-0202-V01", u.Code), "code", u.Code))
	} else if CodeCountry(u.Code) != u.Country {
		add(invalid("error.unit_code_country", fmt.Sprintf("unit code %q does not start with its country %q", u.Code, u.Country),
			"code", u.Code, "country", u.Country))
	}
	if alias, ok := t.aliases[u.Code]; ok {
		add(invalid("error.unit_code_alias", fmt.Sprintf("code %q is an alias of unit %s", u.Code, alias), "code", u.Code, "unit", alias))
	}
	if _, ok := t.Country(u.Country); !ok {
		add(invalid("error.unknown_country", fmt.Sprintf("unknown country %q", u.Country), "code", u.Country))
		return errs
	}
	if !u.ValidFrom.IsZero() && !u.ValidTo.IsZero() && u.ValidTo.Before(u.ValidFrom) {
		add(invalid("error.unit_dates", fmt.Sprintf("valid_to %s is before valid_from %s", u.ValidTo, u.ValidFrom),
			"from", u.ValidFrom.String(), "to", u.ValidTo.String()))
	}
	if old, ok := t.nodes[u.Code]; ok && old.u.Level != u.Level {
		add(invalid("error.unit_level_change", fmt.Sprintf("unit %s is at level %s and cannot move to %s", u.Code, old.u.Level, u.Level),
			"code", u.Code, "from", old.u.Level, "to", u.Level))
	}
	lvl, levelOK := t.Level(u.Country, u.Level, borderlink.Date{})
	switch {
	case !levelOK:
		add(invalid("error.unknown_level", fmt.Sprintf("country %s has no level %q", u.Country, u.Level),
			"country", u.Country, "level", u.Level))
	case !t.levelCovers(u.Country, u.Level, u.ValidFrom, u.ValidTo):
		add(invalid("error.level_not_in_force", fmt.Sprintf("level %s is not in force over %s – %s", u.Level, u.ValidFrom, u.ValidTo),
			"level", u.Level, "from", u.ValidFrom.String(), "to", u.ValidTo.String()))
		levelOK = false
	}
	errs = append(errs, checkNames(u.Name)...)
	if levelOK {
		if e := t.checkParent(u, lvl, parents); e != nil {
			add(e)
		}
	}
	for _, s := range u.Successors {
		su, ok := others(s)
		switch {
		case s == u.Code:
			add(invalid("error.unit_successor_self", fmt.Sprintf("unit %s cannot succeed itself", s), "code", s))
		case !ok:
			add(UnknownUnit(s))
		case su.Country != u.Country:
			add(invalid("error.unit_successor_country", fmt.Sprintf("successor %s is in another country", s), "code", s))
		}
	}
	return errs
}

func checkNames(name borderlink.Text) []*borderlink.Error {
	if name.VI == "" && name.LO == "" && name.EN == "" {
		return []*borderlink.Error{invalid("error.unit_name_missing", "the unit has no name in any language")}
	}
	var errs []*borderlink.Error
	for _, s := range []string{name.VI, name.LO, name.EN} {
		if utf8.RuneCountInString(s) > MaxNameLen {
			errs = append(errs, invalid("error.unit_name_long", fmt.Sprintf("name longer than %d characters", MaxNameLen), "max", MaxNameLen))
		}
	}
	return errs
}

// checkParent checks that a unit of a ministry level has no parent and that
// any other has a parent in its country at the level directly above its own
// among the levels in force when it begins.
func (t *Tree) checkParent(u Unit, lvl Level, find lookupFunc) *borderlink.Error {
	if lvl.Rank == 0 {
		if u.Parent != "" {
			return invalid("error.unit_parent_root", fmt.Sprintf("a %s-level unit has no parent", u.Level), "level", u.Level)
		}
		return nil
	}
	if u.Parent == "" {
		return invalid("error.unit_parent_missing", fmt.Sprintf("a %s-level unit needs a parent", u.Level), "level", u.Level)
	}
	p, ok := find(u.Parent)
	if !ok {
		return UnknownUnit(u.Parent)
	}
	if p.Country != u.Country {
		return invalid("error.unit_parent_country", fmt.Sprintf("parent %s is in another country", p.Code), "parent", p.Code)
	}
	above, ok := t.levelAbove(u.Country, u.Level, u.ValidFrom)
	if ok && p.Level != above.Code {
		return invalid("error.unit_parent_level", fmt.Sprintf("parent %s is at level %s; want %s", p.Code, p.Level, above.Code),
			"parent", p.Code, "level", p.Level, "want", above.Code)
	}
	return nil
}

// levelCovers reports whether records of the level code are in force on
// every day from from to to (zero bounds open).
func (t *Tree) levelCovers(country, code string, from, to borderlink.Date) bool {
	var recs []Level
	for _, l := range t.levels[country] {
		if l.Code == code {
			recs = append(recs, l) // sorted by ValidFrom
		}
	}
	cur, open := from, from.IsZero()
	for _, l := range recs {
		starts := l.ValidFrom.IsZero() || (!open && !cur.Before(l.ValidFrom))
		if !starts {
			continue
		}
		if !open && !l.ValidTo.IsZero() && l.ValidTo.Before(cur) {
			continue
		}
		if l.ValidTo.IsZero() || (!to.IsZero() && !l.ValidTo.Before(to)) {
			return true
		}
		cur, open = l.ValidTo.AddDays(1), false
	}
	return false
}

// levelAbove returns the level directly above code among a country's levels
// in force on d (a zero d means the earliest times).
func (t *Tree) levelAbove(country, code string, d borderlink.Date) (Level, bool) {
	var own Level
	var found bool
	inForce := t.Levels(country, d)
	if d.IsZero() {
		inForce = nil
		for _, l := range t.levels[country] {
			if l.ValidFrom.IsZero() {
				inForce = append(inForce, l)
			}
		}
	}
	for _, l := range inForce {
		if l.Code == code {
			own, found = l, true
		}
	}
	if !found {
		return Level{}, false
	}
	var above Level
	found = false
	for _, l := range inForce {
		if l.Rank < own.Rank && (!found || l.Rank > above.Rank) {
			above, found = l, true
		}
	}
	return above, found
}

// normalizeText returns t with every version NFC-normalised and trimmed.
func normalizeText(t borderlink.Text) borderlink.Text {
	return borderlink.Text{VI: nfc(t.VI), LO: nfc(t.LO), EN: nfc(t.EN)}
}

func nfc(s string) string { return norm.NFC.String(strings.TrimSpace(s)) }

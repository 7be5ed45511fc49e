package forms

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/units"
)

// value checks one value (one item of a list) of field f at w.
func (c *checker) value(at where, f Field, v any) {
	switch f.Type {
	case TypeCode:
		s, ok := v.(string)
		if !ok {
			c.add(wrongType(at, "code"))
		} else if !enumHas(f.Enum, s) {
			c.add(problem(at, "error.form_enum", fmt.Sprintf("%q is not in %s", s, f.Enum), "value", s))
		}
	case TypeQuantity:
		c.quantity(at, f, v)
	case TypeInteger:
		n, ok := number(v)
		switch {
		case !ok:
			c.add(wrongType(at, "number"))
		case n != math.Trunc(n):
			c.add(problem(at, "error.form_integer", "not a whole number"))
		default:
			c.bounds(at, f, n)
		}
	case TypeDate:
		s, ok := v.(string)
		d, err := borderlink.ParseDate(s)
		if !ok || err != nil || d.Time().Year() < minYear {
			c.add(problem(at, "error.form_date", fmt.Sprintf("%v is not a date YYYY-MM-DD", v), "value", fmt.Sprint(v)))
			return
		}
		c.when(at, f.When, d.Time(), d.Time().AddDate(0, 0, 1))
	case TypePartialDate:
		s, _ := v.(string)
		from, to, ok := partialDate(s)
		if !ok {
			c.add(problem(at, "error.form_partial_date", fmt.Sprintf("%v is not a date YYYY, YYYY-MM or YYYY-MM-DD", v), "value", fmt.Sprint(v)))
			return
		}
		c.when(at, f.When, from, to)
	case TypeDateTime:
		s, _ := v.(string)
		t, err := time.Parse(time.RFC3339, s)
		if err != nil || t.Year() < minYear {
			c.add(problem(at, "error.form_datetime", fmt.Sprintf("%v is not a date and time", v), "value", fmt.Sprint(v)))
			return
		}
		c.when(at, f.When, t, t)
	case TypePlace:
		s, ok := v.(string)
		switch {
		case !ok:
			c.add(wrongType(at, "place"))
		case !units.ValidCode(s):
			c.add(problem(at, "error.form_place", fmt.Sprintf("%q is not a unit code", s), "code", s))
		case c.opts.UnitExists != nil && !c.opts.UnitExists(s):
			c.add(problem(at, "error.form_place_unknown", fmt.Sprintf("no unit %s", s), "code", s))
		}
	case TypePerson, TypeGroup:
		m, ok := v.(map[string]any)
		if !ok {
			c.add(wrongType(at, string(f.Type)))
			return
		}
		c.fields(at, f.Fields, f.Rules, m)
	case TypeText:
		c.text(at, f, v)
	case TypeName, TypeLatinName, TypeReference:
		c.name(at, f, v)
	case TypePhone:
		s, ok := v.(string)
		if !ok || !ValidPhone(s) {
			c.add(problem(at, "error.form_phone", fmt.Sprintf("%v is not a phone number with its country code", v), "value", fmt.Sprint(v)))
		}
	case TypePlate:
		s, ok := v.(string)
		if !ok || !ValidPlate(s) {
			c.add(problem(at, "error.form_plate", fmt.Sprintf("%v is not a plate number", v), "value", fmt.Sprint(v)))
		}
	default:
		panic(fmt.Sprintf("forms: field %s has unknown type %q", f.Key, f.Type))
	}
}

// minYear is the earliest year a date may have: nothing a hotline form
// records happened earlier, and nobody alive was born earlier.
const minYear = 1900

// quantity checks {"value": n, "unit": u}.
func (c *checker) quantity(at where, f Field, v any) {
	m, ok := v.(map[string]any)
	if !ok {
		c.add(wrongType(at, "quantity"))
		return
	}
	for k := range m {
		if k != "value" && k != "unit" {
			c.add(wrongType(at, "quantity"))
			return
		}
	}
	n, ok := number(m["value"])
	if !ok {
		c.add(wrongType(at, "number"))
		return
	}
	unit, _ := m["unit"].(string)
	switch {
	case !slices.Contains(f.Units, unit):
		c.add(problem(at, "error.form_unit", fmt.Sprintf("unit %q not allowed", unit), "unit", unit))
	case n <= 0:
		c.add(problem(at, "error.form_positive", "not above zero"))
	case slices.Contains(countUnits, unit) && n != math.Trunc(n):
		c.add(problem(at, "error.form_integer", "a count is a whole number"))
	default:
		c.bounds(at, f, n)
	}
}

// bounds checks n against f's Min and Max.
func (c *checker) bounds(at where, f Field, n float64) {
	switch {
	case n < f.Min:
		c.add(problem(at, "error.form_min", fmt.Sprintf("below %v", f.Min), "min", f.Min))
	case f.Max > 0 && n > f.Max:
		c.add(problem(at, "error.form_max", fmt.Sprintf("above %v", f.Max), "max", f.Max))
	}
}

// when checks the span [from, to) of a date or moment against the present.
// A date is in the future when it begins after today ends in Indochina
// Time; a moment when it is later than now plus ClockSkew.
func (c *checker) when(at where, w When, from, to time.Time) {
	if c.opts.Now.IsZero() || w == AnyTime {
		return
	}
	now := c.opts.Now
	if !from.Equal(to) { // a calendar span: compare with today's span in ICT
		y, m, d := now.In(i18n.ICT).Date()
		today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if w == NotFuture && !from.Before(today.AddDate(0, 0, 1)) {
			c.add(problem(at, "error.form_future", "in the future"))
		}
		if w == NotPast && !to.After(today) {
			c.add(problem(at, "error.form_past", "in the past"))
		}
		return
	}
	if w == NotFuture && from.After(now.Add(ClockSkew)) {
		c.add(problem(at, "error.form_future", "in the future"))
	}
	if w == NotPast && from.Before(now.Add(-ClockSkew)) {
		c.add(problem(at, "error.form_past", "in the past"))
	}
}

// text checks {"text": "…", "lang": "vi"}.
func (c *checker) text(at where, f Field, v any) {
	m, ok := v.(map[string]any)
	if !ok {
		c.add(wrongType(at, "text"))
		return
	}
	s, ok := m["text"].(string)
	if !ok || len(m) > 2 {
		c.add(wrongType(at, "text"))
		return
	}
	lang, _ := m["lang"].(string)
	if !slices.Contains(borderlink.Langs, borderlink.Lang(lang)) {
		c.add(problem(at, "error.form_text_lang", fmt.Sprintf("language %q", lang)))
		return
	}
	c.chars(at, s, limit(f.Max, MaxTextLen), true)
}

// name checks a name or reference as written.
func (c *checker) name(at where, f Field, v any) {
	s, ok := v.(string)
	if !ok {
		c.add(wrongType(at, "name"))
		return
	}
	max := MaxNameLen
	if f.Type == TypeReference {
		max = MaxReferenceLen
	}
	if !c.chars(at, s, limit(f.Max, max), false) {
		return
	}
	if f.Type == TypeLatinName && !latinName.MatchString(s) {
		c.add(problem(at, "error.form_latin", fmt.Sprintf("%q is not in capital Latin letters", s), "value", s))
	}
}

var latinName = regexp.MustCompile(`^[A-Z][A-Z .'-]*$`)

// chars checks that s is valid UTF-8 of at most max characters, with no
// control characters (line breaks and tabs only where multiline). It
// reports whether s passed.
func (c *checker) chars(at where, s string, max int, multiline bool) bool {
	if !utf8.ValidString(s) {
		c.add(wrongType(at, "text"))
		return false
	}
	if n := utf8.RuneCountInString(s); n > max {
		c.add(problem(at, "error.form_too_long", fmt.Sprintf("%d characters, at most %d", n, max), "max", max))
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) {
			c.add(problem(at, "error.form_control", "control character"))
			return false
		}
	}
	return true
}

func limit(max float64, def int) int {
	if max > 0 {
		return int(max)
	}
	return def
}

// number returns v as a float64 when it is a finite number of any Go
// numeric type or a json.Number. A string is not a number.
func number(v any) (float64, bool) {
	var f float64
	switch v := v.(type) {
	case float64:
		f = v
	case float32:
		f = float64(v)
	case int:
		f = float64(v)
	case int64:
		f = float64(v)
	case int32:
		f = float64(v)
	case json.Number:
		x, err := strconv.ParseFloat(string(v), 64)
		if err != nil {
			return 0, false
		}
		f = x
	default:
		return 0, false
	}
	return f, !math.IsNaN(f) && !math.IsInf(f, 0)
}

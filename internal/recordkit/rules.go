package recordkit

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/units"
)

// MaxIDLen is the longest id a record that came from elsewhere may have.
const MaxIDLen = 64

// Keys are the catalogue keys of one domain's field errors. They are
// spelled out in full by each domain, not built from a prefix, so that the
// catalogues can be checked against the keys the code names.
type Keys struct {
	Required    string // a field left empty
	TooLong     string // text longer than its limit
	BadText     string // control characters or invalid UTF-8
	TooMany     string // a list longer than its limit
	Choice      string // a value not among those offered
	Lang        string // an unknown language
	DateMissing string
	DateFuture  string
	DateTooOld  string // before stats.Earliest
	UnitUnknown string
	UnitEnded   string // a unit not in force today
	StatusOrder string // a change of status dated before the last one
}

// Rules are the field checks of one domain: the shared rules, reporting
// with the domain's keys and naming fields and values in the reader's
// language through the domain's catalogue texts.
type Rules struct {
	Keys Keys
	// Labels is the prefix of the catalogue texts naming enumeration
	// values ("cases." for "cases.status_open"); Labels+"field_" names
	// fields ("cases.field_title").
	Labels string
	// FutureSkew is how far ahead of the node's clock a moment may be
	// (the clocks of two nodes, or of a phone, never quite agree).
	FutureSkew time.Duration
}

// catalog gives the names of fields in every language. The catalogues are
// embedded in the binary, so a load error is a build fault.
var catalog = sync.OnceValue(i18n.MustLoad)

// FieldLabel returns the name of a field ("title", "owner_unit") in every
// language, or the field itself when the catalogue has no name for it.
func (r *Rules) FieldLabel(field string) borderlink.Text {
	if t, _, ok := catalog().Text(r.Labels + "field_" + strings.ReplaceAll(field, ".", "_")); ok {
		return t
	}
	return borderlink.Text{VI: field, LO: field, EN: field}
}

// Label returns the name of an enumeration value ("status", "active") in
// every language: the catalogue text Labels+"<what>_<value>", or the value
// itself when there is none.
func (r *Rules) Label(what, value string) borderlink.Text {
	if t, _, ok := catalog().Text(r.Labels + what + "_" + strings.ToLower(value)); ok {
		return t
	}
	return borderlink.Text{VI: value, LO: value, EN: value}
}

// Invalid returns an EInvalid error with a catalogue key.
func Invalid(key, message string, args ...any) error {
	return borderlink.Errorf(borderlink.EInvalid, key, message, args...)
}

// ErrRequired says that field is empty.
func (r *Rules) ErrRequired(field string) error {
	return Invalid(r.Keys.Required, field+" is required", "field", r.FieldLabel(field))
}

// ErrTooLong says that field is longer than max characters.
func (r *Rules) ErrTooLong(field string, max int) error {
	return Invalid(r.Keys.TooLong, fmt.Sprintf("%s is longer than %d characters", field, max),
		"field", r.FieldLabel(field), "max", max)
}

// ErrBadText says that field is not text a person wrote.
func (r *Rules) ErrBadText(field string) error {
	return Invalid(r.Keys.BadText, field+" holds control characters or invalid UTF-8", "field", r.FieldLabel(field))
}

// ErrTooMany says that list field has more than max items.
func (r *Rules) ErrTooMany(field string, max int) error {
	return Invalid(r.Keys.TooMany, fmt.Sprintf("%s: at most %d", field, max), "field", r.FieldLabel(field), "max", max)
}

// ErrChoice says that value is not one field offers.
func (r *Rules) ErrChoice(field, value string) error {
	return Invalid(r.Keys.Choice, fmt.Sprintf("%s: %q is not one of the values offered", field, Clip(value, 40)),
		"field", r.FieldLabel(field), "value", Clip(value, 40))
}

// ErrLang says that l is not a language of the product.
func (r *Rules) ErrLang(l string) error {
	return Invalid(r.Keys.Lang, fmt.Sprintf("unknown language %q: want vi, lo or en", Clip(l, 10)), "value", Clip(l, 10))
}

// ErrDateMissing says that the date of field is not given.
func (r *Rules) ErrDateMissing(field string) error {
	return Invalid(r.Keys.DateMissing, field+": the date is missing", "field", r.FieldLabel(field))
}

// ErrDateFuture and ErrDateTooOld take the day (a borderlink.Date) or the
// moment (a time.Time) itself, so that the message shows it the way the
// reader's language writes dates.
func (r *Rules) ErrDateFuture(field string, date any) error {
	return Invalid(r.Keys.DateFuture, fmt.Sprintf("%s: the date %v is in the future", field, date),
		"field", r.FieldLabel(field), "date", date)
}

// ErrDateTooOld says that the date of field is before 1990 (see
// ErrDateFuture).
func (r *Rules) ErrDateTooOld(field string, date any) error {
	return Invalid(r.Keys.DateTooOld, fmt.Sprintf("%s: the date %v is before 1990", field, date),
		"field", r.FieldLabel(field), "date", date)
}

// ErrUnitUnknown says that field names no unit.
func (r *Rules) ErrUnitUnknown(field, code string) error {
	return Invalid(r.Keys.UnitUnknown, fmt.Sprintf("%s: there is no unit %q", field, Clip(code, 40)),
		"field", r.FieldLabel(field), "unit", Clip(code, 40))
}

// ErrUnitEnded says that field names a unit not in force today.
func (r *Rules) ErrUnitEnded(field, code string) error {
	return Invalid(r.Keys.UnitEnded, field+": unit "+code+" is not in force today", "field", r.FieldLabel(field), "unit", code)
}

// ErrStatusOrder says that a change of status on day comes before the last
// one, on prev.
func (r *Rules) ErrStatusOrder(day, prev borderlink.Date) error {
	return Invalid(r.Keys.StatusOrder, "the day "+day.String()+" is before the last change of status on "+prev.String(),
		"date", day, "previous", prev)
}

// NormText returns s in NFC without surrounding space, and false when it
// is not valid UTF-8 or holds control characters other than (multiline)
// line breaks and tabs, or line and paragraph separators or a BOM.
func NormText(s string, multiline bool) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	s = strings.TrimSpace(norm.NFC.String(s))
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\r' || r == '\t')) {
			return "", false
		}
		if r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			return "", false
		}
	}
	return s, true
}

// Clean returns s checked by NormText, or EInvalid naming field when it
// fails or is longer than max characters.
func (r *Rules) Clean(field, s string, max int, multiline bool) (string, error) {
	s, good := NormText(s, multiline)
	if !good {
		return "", r.ErrBadText(field)
	}
	if utf8.RuneCountInString(s) > max {
		return "", r.ErrTooLong(field, max)
	}
	return s, nil
}

// Required is Clean refusing an empty result.
func (r *Rules) Required(field, s string, max int, multiline bool) (string, error) {
	v, err := r.Clean(field, s, max, multiline)
	if err != nil {
		return "", err
	}
	if v == "" {
		return "", r.ErrRequired(field)
	}
	return v, nil
}

// Choice returns v without surrounding space when it is one of valid, else
// EInvalid naming field.
func Choice[T ~string](r *Rules, field string, v T, valid []T) (T, error) {
	v = T(strings.TrimSpace(string(v)))
	if v == "" {
		return "", r.ErrRequired(field)
	}
	if !slices.Contains(valid, v) {
		return "", r.ErrChoice(field, string(v))
	}
	return v, nil
}

// Lang returns l checked, or fallback when l is empty.
func (r *Rules) Lang(l, fallback borderlink.Lang) (borderlink.Lang, error) {
	if l == "" {
		return fallback, nil
	}
	v, ok := borderlink.ParseLang(string(l))
	if !ok || len(l) != 2 {
		return "", r.ErrLang(string(l))
	}
	return v, nil
}

// CheckDay checks a civil date that has happened: given, not after today,
// not before stats.Earliest.
func (r *Rules) CheckDay(field string, d, today borderlink.Date) error {
	switch {
	case d.IsZero():
		return r.ErrDateMissing(field)
	case d.After(today):
		return r.ErrDateFuture(field, d)
	case d.Before(stats.Earliest):
		return r.ErrDateTooOld(field, d)
	}
	return nil
}

// CheckTime checks a moment that has happened: given, not ahead of now
// (beyond FutureSkew), not before stats.Earliest. It returns t as Micro
// does.
func (r *Rules) CheckTime(field string, t, now time.Time) (time.Time, error) {
	switch {
	case t.IsZero():
		return time.Time{}, r.ErrDateMissing(field)
	case t.After(now.Add(r.FutureSkew)):
		return time.Time{}, r.ErrDateFuture(field, t)
	case t.Before(stats.Earliest.Time()):
		return time.Time{}, r.ErrDateTooOld(field, t)
	}
	return Micro(t), nil
}

// UnitCode returns the canonical code of unit code (an alias such as
// "la-ph" is accepted), or EInvalid naming field.
func (r *Rules) UnitCode(tree *units.Tree, field, code string) (string, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return "", r.ErrRequired(field)
	}
	c, ok := tree.Canonical(units.NormalizeCode(code))
	if !ok {
		return "", r.ErrUnitUnknown(field, code)
	}
	return c, nil
}

// CheckID checks the id of a record that came from elsewhere: it must be
// usable as a key and in an audit entry.
func (r *Rules) CheckID(id string) error {
	if id == "" || len(id) > MaxIDLen || !utf8.ValidString(id) || strings.ContainsFunc(id, unicode.IsSpace) {
		return r.ErrRequired("id")
	}
	return nil
}

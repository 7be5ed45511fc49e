package wanted

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/units"
)

// Limits of the register, in characters unless said otherwise. Names,
// aliases, documents and photos follow the case file's limits, so that a
// person of a case can be put on a notice as recorded there.
const (
	MaxName       = cases.MaxName
	MaxText       = cases.MaxText  // summaries, notes, descriptions
	MaxShort      = cases.MaxShort // the legal basis, a place, the charges as written
	MaxNote       = cases.MaxNote  // the note of a change of status or a step
	MaxRef        = 100            // a warrant reference
	MaxPartners   = 30
	MaxAliases    = cases.MaxAliases
	MaxDocuments  = cases.MaxDocuments
	MaxPhotos     = cases.MaxPhotos
	MaxPhotoSize  = cases.MaxPhotoSize
	MaxHistory    = 200 // changes of status a notice keeps
	MaxSteps      = 200 // hand-over steps of a notice
	MaxSightings  = 2000
	maxIDLen      = 64
	maxFutureSkew = 5 * time.Minute // how far ahead of our clock a sighting may be
	// maxScheduleAhead is how far ahead a hand-over may be scheduled.
	maxScheduleAhead = 366
)

// clean returns s checked by the case file's rule for free text (see
// cases.CleanText), or EInvalid naming field when it fails or is longer
// than max characters.
func clean(field, s string, max int, multiline bool) (string, error) {
	v, ok := cases.CleanText(s, multiline)
	if !ok {
		return "", errBadText(field)
	}
	if utf8.RuneCountInString(v) > max {
		return "", errTooLong(field, max)
	}
	return v, nil
}

// required is clean refusing an empty result.
func required(field, s string, max int, multiline bool) (string, error) {
	v, err := clean(field, s, max, multiline)
	if err != nil {
		return "", err
	}
	if v == "" {
		return "", errRequired(field)
	}
	return v, nil
}

// choice returns v when it is one of valid, else EInvalid naming field.
func choice[T ~string](field string, v T, valid []T) (T, error) {
	v = T(strings.TrimSpace(string(v)))
	if v == "" {
		return "", errRequired(field)
	}
	if !slices.Contains(valid, v) {
		return "", errChoice(field, string(v))
	}
	return v, nil
}

// langOf returns l checked, or fallback when l is empty.
func langOf(l, fallback borderlink.Lang) (borderlink.Lang, error) {
	if l == "" {
		return fallback, nil
	}
	v, ok := borderlink.ParseLang(string(l))
	if !ok || len(l) != 2 {
		return "", errLang(string(l))
	}
	return v, nil
}

// checkDay checks a civil date that has happened: given, not after today,
// not before stats.Earliest.
func checkDay(field string, d, today borderlink.Date) error {
	switch {
	case d.IsZero():
		return errDateMissing(field)
	case d.After(today):
		return errDateFuture(field, d)
	case d.Before(stats.Earliest):
		return errDateTooOld(field, d)
	}
	return nil
}

// checkTime checks a moment that has happened: given, not ahead of now
// (beyond a little clock skew), not before stats.Earliest. It returns t in
// UTC to the microsecond.
func checkTime(field string, t, now time.Time) (time.Time, error) {
	switch {
	case t.IsZero():
		return time.Time{}, errDateMissing(field)
	case t.After(now.Add(maxFutureSkew)):
		return time.Time{}, errDateFuture(field, t)
	case t.Before(stats.Earliest.Time()):
		return time.Time{}, errDateTooOld(field, t)
	}
	return micro(t), nil
}

// micro returns t in UTC truncated to the microsecond storage keeps, so a
// record compares equal before and after a round trip.
func micro(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return time.UnixMicro(t.UnixMicro()).UTC()
}

// unitCode returns the canonical code of unit code (an alias such as
// "la-ph" is accepted), or EInvalid naming field.
func unitCode(tree *units.Tree, field, code string) (string, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return "", errRequired(field)
	}
	c, ok := tree.Canonical(units.NormalizeCode(code))
	if !ok {
		return "", errUnitUnknown(field, code)
	}
	return c, nil
}

// optUnit is unitCode for an optional unit: "" stays "".
func optUnit(tree *units.Tree, field, code string) (string, error) {
	if strings.TrimSpace(code) == "" {
		return "", nil
	}
	return unitCode(tree, field, code)
}

// countryOf returns the country of a unit code ("VN" for "VN-40").
func countryOf(tree *units.Tree, code string) string {
	if u, err := tree.Get(code); err == nil {
		return u.Country
	}
	return units.CodeCountry(code)
}

// checkPlace checks a place: a unit, a description, or both; coordinates
// both or neither, in range. field names the place in errors ("place",
// "gate", "location"); need says that an empty place is refused.
func checkPlace(tree *units.Tree, field string, in Place, need bool) (Place, error) {
	var out Place
	var err error
	if out.Unit, err = optUnit(tree, field+"_unit", in.Unit); err != nil {
		return Place{}, err
	}
	if out.Text, err = clean(field+"_text", in.Text, MaxShort, false); err != nil {
		return Place{}, err
	}
	if (in.Lat == nil) != (in.Lon == nil) {
		return Place{}, errCoordinates()
	}
	if in.Lat != nil {
		lat, lon := *in.Lat, *in.Lon
		if math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return Place{}, errCoordinates()
		}
		out.Lat, out.Lon = &lat, &lon
	}
	if need && out.Unit == "" && out.Text == "" {
		return Place{}, errPlaceMissing(field)
	}
	return out, nil
}

// checkID checks the id of a record that came from elsewhere.
func checkID(id string) error {
	if id == "" || len(id) > maxIDLen || !utf8.ValidString(id) || strings.ContainsFunc(id, unicode.IsSpace) {
		return errRequired("id")
	}
	return nil
}

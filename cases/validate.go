package cases

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/units"
)

// Limits of the case file, in characters unless said otherwise.
const (
	MaxName        = 200  // a person's name, a case title
	MaxText        = 4000 // notes, summaries
	MaxShort       = 500  // an address, an item's description, the article charged
	MaxNote        = 1000 // the note of a change of status
	MaxCode        = 16   // a case code
	MaxDocNumber   = 50
	MaxPartners    = 30 // partner units of a case
	MaxAliases     = 20
	MaxDocuments   = 10
	MaxPhones      = 10
	MaxAddresses   = 10
	MaxDrugItems   = 20 // drug items of a seizure
	MaxItems       = 50 // other items of a seizure
	MaxItemCount   = 1_000_000
	MaxPhotoSize   = 2 << 20 // bytes of one photo
	MaxPhotos      = 4       // photos of a person
	maxIDLen       = 64
	maxFutureSkew  = 5 * time.Minute // how far ahead of our clock an event time may be
	maxCashDigits  = 18
	maxCashDecimal = 2
)

// PhotoTypes are the content types a photo may have, as sniffed from its
// bytes.
var PhotoTypes = []string{"image/jpeg", "image/png", "image/webp"}

// cleanText returns s in NFC with surrounding space removed, or EInvalid
// when it is not valid UTF-8, holds control characters other than line
// breaks and tabs, or is longer than max characters.
func cleanText(field, s string, max int) (string, error) {
	return clean(field, s, max, true)
}

// cleanLine is cleanText for one-line fields: no line breaks or tabs
// either.
func cleanLine(field, s string, max int) (string, error) {
	return clean(field, s, max, false)
}

func clean(field, s string, max int, multiline bool) (string, error) {
	s, good := normText(s, multiline)
	if !good {
		return "", errBadText(field)
	}
	if utf8.RuneCountInString(s) > max {
		return "", errTooLong(field, max)
	}
	return s, nil
}

// normText returns s in NFC without surrounding space, and false when it
// is not valid UTF-8 or holds control characters other than (multiline)
// line breaks and tabs, or line and paragraph separators or a BOM.
func normText(s string, multiline bool) (string, bool) {
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

// required is cleanLine (or cleanText) refusing an empty result.
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

// checkDay checks a civil date: given, not after today, not before
// stats.Earliest.
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

// checkTime checks a moment: given, not ahead of now (beyond a little clock
// skew), not before stats.Earliest. It returns t in UTC to the microsecond.
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

// countryCode checks an ISO 3166-1 alpha-2 country code ("VN", "la") and
// returns it in capitals; "" stays "".
func countryCode(field, s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	bad := invalid("error.case_country", "unknown country code "+clip(s, 10)+": want ISO 3166 alpha-2 such as VN or LA",
		"field", fieldLabel(field), "value", clip(s, 10))
	if len(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' {
		return "", bad
	}
	r, err := language.ParseRegion(s)
	if err != nil || !r.IsCountry() || r.ISO3() == "ZZZ" || r.Canonicalize().String() != s {
		return "", bad
	}
	return s, nil
}

// currencyCode checks an ISO 4217 currency of a country ("VND", "lak").
func currencyCode(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return "", errRequired("currency")
	}
	u, err := currency.ParseISO(s)
	if err != nil || len(s) != 3 || u.String() != s || s[0] == 'X' {
		return "", invalid("error.seizure_currency", "unknown currency "+clip(s, 10)+": want ISO 4217 such as VND, LAK or USD",
			"value", clip(s, 10))
	}
	return s, nil
}

// checkID checks the id of a record that came from elsewhere.
func checkID(id string) error {
	if id == "" || len(id) > maxIDLen || !utf8.ValidString(id) || strings.ContainsFunc(id, unicode.IsSpace) {
		return errRequired("id")
	}
	return nil
}

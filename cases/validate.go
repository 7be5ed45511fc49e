package cases

import (
	"strings"
	"time"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"

	"github.com/borderlink/borderlink/internal/recordkit"
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
	MaxPhotoSize   = 2 << 20         // bytes of one photo
	MaxPhotos      = 4               // photos of a person
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
	return rules.Clean(field, s, max, true)
}

// cleanLine is cleanText for one-line fields: no line breaks or tabs
// either.
func cleanLine(field, s string, max int) (string, error) {
	return rules.Clean(field, s, max, false)
}

// countryCode checks an ISO 3166-1 alpha-2 country code ("VN", "la") and
// returns it in capitals; "" stays "".
func countryCode(field, s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	bad := recordkit.Invalid("error.case_country", "unknown country code "+recordkit.Clip(s, 10)+": want ISO 3166 alpha-2 such as VN or LA",
		"field", rules.FieldLabel(field), "value", recordkit.Clip(s, 10))
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
		return "", rules.ErrRequired("currency")
	}
	u, err := currency.ParseISO(s)
	if err != nil || len(s) != 3 || u.String() != s || s[0] == 'X' {
		return "", recordkit.Invalid("error.seizure_currency", "unknown currency "+recordkit.Clip(s, 10)+": want ISO 4217 such as VND, LAK or USD",
			"value", recordkit.Clip(s, 10))
	}
	return s, nil
}

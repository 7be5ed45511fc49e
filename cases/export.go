package cases

import (
	"github.com/borderlink/borderlink"

	"github.com/borderlink/borderlink/internal/recordkit"
)

// The checks below are the case file's rules for describing a person and
// storing a photo. Wanted notices (package wanted) describe persons and
// keep photos by the same rules, so that a person reads the same in both
// and a photo accepted by one is accepted by the other.

// CheckBirth checks a partial date of birth ("1988", "1988-05",
// "1988-05-12"): from 1900 and not after today. "" stays "". Errors are
// EInvalid with the keys error.person_birth and error.person_birth_future.
func CheckBirth(s string, today borderlink.Date) (string, error) { return checkBirth(s, today) }

// CountryCode checks an ISO 3166-1 alpha-2 country code and returns it in
// capitals; "" stays "". field names the field in the error
// (error.case_country).
func CountryCode(field, s string) (string, error) { return countryCode(field, s) }

// CheckPhoto checks the bytes of a photo (JPEG, PNG or WebP as sniffed, at
// most MaxPhotoSize bytes) and describes them with a new id. Errors are
// EInvalid with the keys error.person_photo_empty, _too_large and _type.
func CheckPhoto(data []byte) (Photo, error) { return checkPhoto(data) }

// CleanText returns s in NFC with surrounding space removed, and false when
// s is not valid UTF-8 or holds control characters (line breaks and tabs
// are allowed when multiline). It is the rule of every free-text field of
// the case file, for other domains to report with their own keys.
func CleanText(s string, multiline bool) (string, bool) { return recordkit.NormText(s, multiline) }

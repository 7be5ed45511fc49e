package screening

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
)

// Query is one screening question. Name is required unless Document is
// given; DOB is YYYY, YYYY-MM or YYYY-MM-DD; Nationality is an ISO 3166
// alpha-2 code and only breaks ties. Limit caps the candidates returned
// (DefaultLimit when 0, MaxLimit at most).
type Query struct {
	Name        string
	DOB         string
	Document    string
	Nationality string
	Limit       int
}

// Limits on a query. A name longer than MaxNameBytes or with more than
// MaxTokens words is not a name but a pasted paragraph.
const (
	DefaultLimit   = 10
	MaxLimit       = 100
	MaxNameBytes   = 200
	MaxTokens      = 8
	MaxDocumentLen = 40
)

// Validate checks q and returns an *borderlink.Error with code EInvalid and
// one of the catalogue keys error.screen_name_empty, error.screen_name_long,
// error.screen_control, error.screen_mixed_script, error.screen_dob or
// error.screen_document, or nil.
func (q Query) Validate() error {
	if !utf8.ValidString(q.Name) || !utf8.ValidString(q.Document) {
		return invalid("error.screen_control", "the query is not valid UTF-8")
	}
	if hasControl(q.Name) || hasControl(q.Document) || hasControl(q.DOB) {
		return invalid("error.screen_control", "the query contains control characters")
	}
	if len(q.Name) > MaxNameBytes {
		return invalid("error.screen_name_long", "the name is too long", "max", MaxNameBytes)
	}
	raw, _ := splitName(q.Name)
	if len(raw) > MaxTokens {
		return invalid("error.screen_name_long", "the name has too many words", "max", MaxTokens)
	}
	for _, t := range raw {
		if t.mixed {
			return invalid("error.screen_mixed_script", "a word mixes Lao and Latin letters", "word", t.fold)
		}
	}
	doc := NormalizeDocument(q.Document)
	if len(doc) > MaxDocumentLen {
		return invalid("error.screen_document", "the document number is too long", "max", MaxDocumentLen)
	}
	if len(tokenize(q.Name)) == 0 && doc == "" {
		return invalid("error.screen_name_empty", "a name or a document number is required")
	}
	if _, err := ParseDOB(q.DOB); err != nil {
		return err
	}
	return nil
}

func invalid(key, msg string, args ...any) error {
	return borderlink.Errorf(borderlink.EInvalid, key, msg, args...)
}

func hasControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) && r != ' ' {
			return true
		}
	}
	return false
}

// NormalizeDocument reduces a document number to the form compared: upper
// case letters and digits only, so "b 1234-567" = "B1234567". Lao digits
// are read as ASCII digits.
func NormalizeDocument(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case r >= 0x0ED0 && r <= 0x0ED9:
			b.WriteRune('0' + r - 0x0ED0)
		case r >= 0xFF10 && r <= 0xFF19: // full-width digits
			b.WriteRune('0' + r - 0xFF10)
		}
	}
	return b.String()
}

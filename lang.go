package borderlink

import "strings"

// Lang is a language BorderLink speaks. Every text a user sees exists in all
// of them.
type Lang string

const (
	LangVI Lang = "vi" // Tiếng Việt
	LangLO Lang = "lo" // ພາສາລາວ
	LangEN Lang = "en" // English
)

// Langs lists the supported languages in the order the interface offers them.
var Langs = []Lang{LangVI, LangLO, LangEN}

// ParseLang returns the supported language named by s ("vi", "lo-LA", "EN"),
// and false when s names none of them.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	for _, l := range Langs {
		if string(l) == s {
			return l, true
		}
	}
	return "", false
}

// Text is a short text in every language, such as a unit's name.
type Text struct {
	VI string `json:"vi"`
	LO string `json:"lo"`
	EN string `json:"en"`
}

// In returns the text in l, falling back to English, then Vietnamese, then
// Lao when the text has no version in l.
func (t Text) In(l Lang) string {
	switch l {
	case LangVI:
		if t.VI != "" {
			return t.VI
		}
	case LangLO:
		if t.LO != "" {
			return t.LO
		}
	}
	for _, s := range []string{t.EN, t.VI, t.LO} {
		if s != "" {
			return s
		}
	}
	return ""
}

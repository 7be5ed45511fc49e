package i18n

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/borderlink/borderlink"
)

// Printer renders texts, numbers, dates and errors in one language. It is
// immutable and safe for concurrent use.
type Printer struct {
	cat  *Catalog
	lang borderlink.Lang
	idx  int // index of lang in borderlink.Langs and in entry.text
	en   int // index of English, the fallback for an untranslated text
	num  *message.Printer
	loc  *time.Location
}

// ICT is Indochina Time (UTC+7), the time zone of both Vietnam and Laos all
// year round. Printers show times in it unless told otherwise (see In).
var ICT = time.FixedZone("ICT", 7*60*60)

func newPrinter(c *Catalog, l borderlink.Lang, idx int) *Printer {
	en := 0
	for i, x := range borderlink.Langs {
		if x == borderlink.LangEN {
			en = i
		}
	}
	return &Printer{cat: c, lang: l, idx: idx, en: en,
		num: message.NewPrinter(language.Make(string(l))), loc: ICT}
}

// Lang returns the printer's language.
func (p *Printer) Lang() borderlink.Lang { return p.lang }

// In returns a copy of p that shows times in loc instead of ICT.
func (p *Printer) In(loc *time.Location) *Printer {
	q := *p
	q.loc = loc
	return &q
}

// Has reports whether the catalogue holds key.
func (p *Printer) Has(key string) bool {
	_, ok := p.cat.msgs[key]
	return ok
}

// T returns the text of key in the printer's language with its placeholders
// filled from args, which alternate name and value:
//
//	p.T("common.page_of", "page", 2, "pages", 10) // "Trang 2/10"
//
// Values are shown as follows: integers and floats in the language's number
// format (pass a string for a number that is an identifier, such as a year);
// a time.Time by DateTime and a borderlink.Date by CivilDate; a
// borderlink.Text in the printer's language; an error by Err, so that no
// internal detail leaks; anything else with fmt's %v. A placeholder with no
// argument stays as it is, and arguments the text does not use are ignored.
//
// A key the catalogue lacks is returned unchanged, so that it shows on the
// page; a key with no text in this language falls back to English.
func (p *Printer) T(key string, args ...any) string {
	e, ok := p.cat.msgs[key]
	if !ok {
		return key
	}
	s := e.text[p.idx]
	if s == "" {
		s = e.text[p.en]
	}
	if len(args) < 2 || !strings.Contains(s, "{") {
		return s
	}
	return fill(s, func(name string) (string, bool) {
		for i := 0; i+1 < len(args); i += 2 {
			if n, ok := args[i].(string); ok && n == name {
				return p.value(args[i+1]), true
			}
		}
		return "", false
	})
}

// value formats one argument of T.
func (p *Printer) value(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return p.num.Sprint(number.Decimal(v))
	case time.Time:
		return p.DateTime(v)
	case borderlink.Date:
		return p.CivilDate(v)
	case borderlink.Text:
		return v.In(p.lang)
	case error:
		return p.Err(v)
	}
	return fmt.Sprintf("%v", v)
}

// Err renders err for a user: the catalogue message named by the Key of its
// *borderlink.Error, with its Args; failing that, the message "error.<code>"
// for its code; failing that, "error.internal". An error that is not a
// *borderlink.Error is internal. Internal details (Message, Err) are never
// shown. Err returns "" for nil.
func (p *Printer) Err(err error) string {
	e := borderlink.AsError(err)
	if e == nil {
		return ""
	}
	switch {
	case e.Key != "" && p.Has(e.Key):
		return p.T(e.Key, e.Args...)
	case e.Code != "" && p.Has("error."+e.Code):
		return p.T("error."+e.Code, e.Args...)
	}
	return p.T("error.internal")
}

// fill replaces each {name} in s by lookup(name). A brace that does not
// open a well-formed placeholder, or a name lookup does not know, is copied
// as it is.
func fill(s string, lookup func(string) (string, bool)) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		if name := s[i+1 : i+j]; isName(name) {
			if v, ok := lookup(name); ok {
				b.WriteString(s[:i])
				b.WriteString(v)
				s = s[i+j+1:]
				continue
			}
		}
		b.WriteString(s[:i+1])
		s = s[i+1:]
	}
}

// Placeholders returns the names of the {placeholders} in s, in order of
// first appearance.
func Placeholders(s string) []string {
	var names []string
	seen := map[string]bool{}
	fill(s, func(name string) (string, bool) {
		if isName(name) && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
		return "", false
	})
	return names
}

// isName reports whether s is a placeholder name: a letter or underscore,
// then letters, digits or underscores.
func isName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_', 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case '0' <= r && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/number"

	"github.com/borderlink/borderlink"
)

// Numbers follow CLDR for each language (golang.org/x/text):
//
//	vi  1.234.567,89
//	lo  1.234.567,89
//	en  1,234,567.89
//
// Dates are day-first and numeric in Vietnamese and Lao, as on the two
// countries' official documents, and day, abbreviated month, year in English
// (unambiguous to readers of both British and American conventions). Times
// use the 24-hour clock, as police reports do, without the zone: both
// countries keep Indochina Time (UTC+7) all year.
//
//	     Date          DateTime
//	vi   25/11/2026    25/11/2026 14:05
//	lo   25/11/2026    25/11/2026 14:05
//	en   25 Nov 2026   25 Nov 2026 14:05
var dateLayouts = map[borderlink.Lang][2]string{
	borderlink.LangVI: {"02/01/2006", "02/01/2006 15:04"},
	borderlink.LangLO: {"02/01/2006", "02/01/2006 15:04"},
	borderlink.LangEN: {"2 Jan 2006", "2 Jan 2006 15:04"},
}

// Int formats n with the language's digit grouping.
func (p *Printer) Int(n int64) string {
	return p.num.Sprint(number.Decimal(n))
}

// Number formats f with exactly decimals digits after the decimal separator
// (none when decimals <= 0), rounding half away from zero as people do on
// paper: 2.5 → 3, 1.005 → 1.01.
func (p *Printer) Number(f float64, decimals int) string {
	decimals = max(0, min(decimals, 15))
	f = roundHalfUp(f, decimals)
	return p.num.Sprint(number.Decimal(f, number.MinFractionDigits(decimals), number.MaxFractionDigits(decimals)))
}

// roundHalfUp rounds f to d decimals, half away from zero, on the shortest
// decimal form of f (the digits a person typed), not on its binary value.
func roundHalfUp(f float64, d int) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return f
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) <= d {
		return f
	}
	digits := []byte(whole + frac[:d])
	if frac[d] >= '5' {
		i := len(digits) - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		} else {
			digits[i]++
		}
	}
	n := len(digits) - d
	r, err := strconv.ParseFloat(string(digits[:n])+"."+string(digits[n:])+"0", 64)
	if err != nil || r == 0 {
		return 0 // no negative zero
	}
	return math.Copysign(r, f)
}

// Date formats the calendar date of t in the printer's time zone (ICT
// unless set by In). The zero time gives "".
func (p *Printer) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(p.loc).Format(p.layout(0))
}

// DateTime formats t to the minute in the printer's time zone (ICT unless
// set by In). The zero time gives "".
func (p *Printer) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(p.loc).Format(p.layout(1))
}

// CivilDate formats a calendar date that has no time zone, such as the day
// a unit came into being, in the same form as Date. The zero Date gives "".
func (p *Printer) CivilDate(d borderlink.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().UTC().Format(p.layout(0))
}

func (p *Printer) layout(i int) string {
	if l, ok := dateLayouts[p.lang]; ok {
		return l[i]
	}
	return dateLayouts[borderlink.LangEN][i]
}

// endonyms name each language in itself, for the language switcher.
var endonyms = map[borderlink.Lang]string{
	borderlink.LangVI: "Tiếng Việt",
	borderlink.LangLO: "ພາສາລາວ",
	borderlink.LangEN: "English",
}

// LangName returns the name of l in l itself ("Tiếng Việt", "ພາສາລາວ",
// "English"), or l's code when BorderLink does not speak it.
func LangName(l borderlink.Lang) string {
	if n, ok := endonyms[l]; ok {
		return n
	}
	return string(l)
}

// LangName is the package function LangName, for templates.
func (p *Printer) LangName(l borderlink.Lang) string { return LangName(l) }

// Bytes formats a size in bytes for people: "850 B", "12,4 KB", "3,2 MB"
// (decimal marks by the language's rules; the unit symbols are the same in
// every language).
func (p *Printer) Bytes(n int64) string {
	switch {
	case n < 1024:
		return p.Int(n) + " B"
	case n < 1024*1024:
		return p.Number(float64(n)/1024, 1) + " KB"
	}
	return p.Number(float64(n)/(1024*1024), 1) + " MB"
}

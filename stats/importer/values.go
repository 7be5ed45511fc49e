package importer

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/borderlink/borderlink"
)

// monthWords may stand before a month: "Tháng 3/2024", "ເດືອນ 03/2024".
var monthWords = []string{"tháng", "thang", "ເດືອນ", "month"}

// parseDay reads a date cell. It accepts
//
//   - a day: 2024-03-15, 15/03/2024 or 15-03-2024 or 15.03.2024 (day
//     first, as Vietnam and Laos write it; 5/3/2024 too), with a time of
//     day after it ignored;
//   - a month: 03/2024 or 2024-03, optionally after "Tháng" or "ເດືອນ",
//     which stands for the last day of the month, since monthly figures
//     are the usual content of a provincial report and the month is only
//     complete on its last day;
//   - in XLSX (serial true), an Excel date: the number of days since
//     1899-12-30 (or 1904-01-01 in a workbook of the 1904 date system),
//     from five digits on (1927), so that "3.2024" stays a month.
//
// Two-digit years are refused: "15/03/24" could be any century and, with
// US-style exports, month-first.
func parseDay(s string, serial, date1904 bool) (borderlink.Date, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, w := range monthWords {
		if rest, ok := strings.CutPrefix(s, w); ok {
			s = strings.TrimSpace(rest)
			break
		}
	}
	if i := strings.IndexAny(s, " t"); i > 0 && strings.Contains(s[i:], ":") {
		s = s[:i] // "2024-03-15 00:00:00", "2024-03-15t00:00:00z"
	}
	s = strings.ReplaceAll(s, " ", "")
	if serial && isDecimal(s) {
		if w, _, _ := strings.Cut(s, "."); len(w) >= 5 {
			// Serial numbers below 10000 are dates before 1928, out of
			// scope anyway, whereas "3.2024" in a text cell is a month.
			return excelDay(s, date1904)
		}
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) < 2 || len(parts) > 3 {
		return borderlink.Date{}, false
	}
	for _, p := range parts {
		if !isDigits(p) {
			return borderlink.Date{}, false
		}
	}
	var y, m, d string
	switch {
	case len(parts) == 3 && len(parts[0]) == 4:
		y, m, d = parts[0], parts[1], parts[2]
	case len(parts) == 3 && len(parts[2]) == 4:
		d, m, y = parts[0], parts[1], parts[2]
	case len(parts) == 2 && len(parts[0]) == 4:
		y, m = parts[0], parts[1]
	case len(parts) == 2 && len(parts[1]) == 4:
		m, y = parts[0], parts[1]
	default:
		return borderlink.Date{}, false
	}
	if len(m) > 2 || len(d) > 2 {
		return borderlink.Date{}, false
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	if mi < 1 || mi > 12 {
		return borderlink.Date{}, false
	}
	if d == "" {
		return borderlink.NewDate(yi, time.Month(mi)+1, 0), true // day 0 of the next month is the last of this one
	}
	di, _ := strconv.Atoi(d)
	day := borderlink.NewDate(yi, time.Month(mi), di)
	if ty, tm, td := day.Time().Date(); di < 1 || ty != yi || int(tm) != mi || td != di {
		return borderlink.Date{}, false // 31/02
	}
	return day, true
}

// excelDay converts an Excel serial date; a fraction is the time of day.
func excelDay(s string, date1904 bool) (borderlink.Date, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 1 || v > 2_958_465 { // 9999-12-31
		return borderlink.Date{}, false
	}
	n := int(math.Floor(v))
	if date1904 {
		return borderlink.NewDate(1904, 1, 1).AddDays(n), true
	}
	switch {
	case n == 60: // 1900-02-29, which Excel counts though it never was
		return borderlink.Date{}, false
	case n < 60:
		return borderlink.NewDate(1899, 12, 31).AddDays(n), true
	}
	return borderlink.NewDate(1899, 12, 30).AddDays(n), true
}

// parseCount reads a whole, non-negative number: cases, arrests, pills.
// Digit grouping is allowed, with dots ("1.234", as Vietnamese writes it),
// commas or spaces, but only in groups of three, so that a decimal such as
// "1,5" is refused rather than read as 15.
func parseCount(s string) (int64, *borderlink.Error) {
	t := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "−") {
		return 0, borderlink.Errorf(borderlink.EInvalid, "error.stats_quantity_negative",
			"the figure "+s+" is negative", "value", s)
	}
	bad := borderlink.Errorf(borderlink.EInvalid, "error.import_count_invalid",
		strconv.Quote(s)+" is not a whole number", "value", s)
	if strings.Contains(t, ".") && strings.Contains(t, ",") {
		return 0, bad
	}
	if sep := strings.IndexAny(t, ".,"); sep >= 0 {
		groups := strings.Split(t, t[sep:sep+1])
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return 0, bad
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, bad
			}
		}
		t = strings.Join(groups, "")
	}
	if t == "" || len(t) > 15 || !isDigits(t) {
		return 0, bad
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return 0, bad
	}
	return n, nil
}

// latinDigits writes Lao digits (໐ … ໙), which Lao spreadsheets may use,
// as ASCII ones, for the cells that hold numbers and dates.
func latinDigits(s string) string {
	if isASCII(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '໐' && r <= '໙' {
			return '0' + r - '໐'
		}
		return r
	}, s)
}

// noFigure reports whether a figure cell is empty: blank, or a dash as
// reports put in the cells of what did not happen.
func noFigure(s string) bool {
	switch s {
	case "", "-", "–", "—":
		return true
	}
	return false
}

// isZero reports whether a figure is written as zero ("0", "0,0", "0.000").
// A quantity of zero is no quantity: report templates are filled with
// zeros, and no seizure weighs nothing.
func isZero(s string) bool {
	zero := false
	for _, r := range s {
		switch r {
		case '0':
			zero = true
		case '.', ',', ' ':
		default:
			return false
		}
	}
	return zero
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isDecimal reports whether s is digits with at most one decimal point.
func isDecimal(s string) bool {
	w, f, _ := strings.Cut(s, ".")
	return isDigits(w) && (f == "" || isDigits(f)) && !strings.HasSuffix(s, ".")
}

package screening

import (
	"strconv"
	"strings"

	"github.com/borderlink/borderlink"
)

// DOB is a date of birth known to the year, the month or the day. Wanted
// notices often carry only the year ("born 1987"), so a missing month or day
// is unknown, not zero. The zero DOB is unknown altogether.
type DOB struct {
	Year, Month, Day int // Month and Day are 0 when unknown
}

// Known reports whether anything of the date is known.
func (d DOB) Known() bool { return d.Year != 0 }

// String formats d as YYYY, YYYY-MM or YYYY-MM-DD, or "" when unknown.
func (d DOB) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return pad(d.Year, 4)
	case d.Day == 0:
		return pad(d.Year, 4) + "-" + pad(d.Month, 2)
	}
	return pad(d.Year, 4) + "-" + pad(d.Month, 2) + "-" + pad(d.Day, 2)
}

func pad(n, w int) string {
	s := strconv.Itoa(n)
	for len(s) < w {
		s = "0" + s
	}
	return s
}

// Years accepted in a date of birth. A person screened today was born
// after 1900; a date in the far future is a typing error.
const (
	minYear = 1900
	maxYear = 2100
)

// ParseDOB parses YYYY, YYYY-MM or YYYY-MM-DD ("/" and "." are accepted for
// "-"). An empty string is the unknown date. Impossible dates (month 13,
// 31 April, 29 February 2001) are refused with error.screen_dob, because a
// wrong date would silently lower the score of the right person.
func ParseDOB(s string) (DOB, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return DOB{}, nil
	}
	bad := func() (DOB, error) {
		return DOB{}, borderlink.Errorf(borderlink.EInvalid, "error.screen_dob",
			"date of birth must be YYYY, YYYY-MM or YYYY-MM-DD and a real date", "value", s)
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) == 0 || len(parts) > 3 || strings.Count(s, "-")+strings.Count(s, "/")+strings.Count(s, ".") != len(parts)-1 {
		return bad()
	}
	var v [3]int
	for i, p := range parts {
		want := 2
		if i == 0 {
			want = 4
		}
		if len(p) != want {
			return bad()
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return bad()
		}
		v[i] = n
	}
	d := DOB{Year: v[0], Month: v[1], Day: v[2]}
	if d.Year < minYear || d.Year > maxYear {
		return bad()
	}
	if len(parts) >= 2 && (d.Month < 1 || d.Month > 12) {
		return bad()
	}
	if len(parts) == 3 && (d.Day < 1 || d.Day > daysIn(d.Year, d.Month)) {
		return bad()
	}
	return d, nil
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// pack stores d in 32 bits for the index: year<<9 | month<<5 | day.
func (d DOB) pack() uint32 { return uint32(d.Year)<<9 | uint32(d.Month)<<5 | uint32(d.Day) }

func unpackDOB(p uint32) DOB {
	return DOB{Year: int(p >> 9), Month: int(p>>5) & 15, Day: int(p & 31)}
}

// dobMatch compares two dates at the precision both know.
type dobMatch int

const (
	dobUnknown  dobMatch = iota // one side does not know the date
	dobConflict                 // they disagree on something both know
	dobYear                     // they agree on the year, one side knows no more
	dobMonth                    // they agree on year and month, one side knows no more
	dobExact                    // both know the day and agree
)

func compareDOB(a, b DOB) dobMatch {
	if !a.Known() || !b.Known() {
		return dobUnknown
	}
	if a.Year != b.Year {
		return dobConflict
	}
	if a.Month == 0 || b.Month == 0 {
		return dobYear
	}
	if a.Month != b.Month {
		return dobConflict
	}
	if a.Day == 0 || b.Day == 0 {
		return dobMonth
	}
	if a.Day != b.Day {
		return dobConflict
	}
	return dobExact
}

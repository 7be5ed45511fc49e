package forms

import (
	"regexp"
	"strconv"
	"time"
)

var partialPattern = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)

// partialDate parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" into the span of
// days it covers, [from, to) at midnight UTC. It reports false for anything
// else, an impossible month or day, or a year before minYear.
func partialDate(s string) (from, to time.Time, ok bool) {
	m := partialPattern.FindStringSubmatch(s)
	if m == nil {
		return from, to, false
	}
	y, _ := strconv.Atoi(m[1])
	if y < minYear {
		return from, to, false
	}
	switch {
	case m[2] == "":
		from = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(1, 0, 0), true
	case m[3] == "":
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return from, to, false
		}
		from = time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 1, 0), true
	}
	from, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return from, to, false
	}
	return from, from.AddDate(0, 0, 1), true
}

// instant returns the moment a date or date-time field's value v stands
// for (a date at its midnight UTC), for comparing two fields; false when v
// is not a valid value of f.
func instant(f Field, v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	switch f.Type {
	case TypeDate, TypePartialDate:
		from, _, ok := partialDate(s)
		return from, ok
	case TypeDateTime:
		t, err := time.Parse(time.RFC3339, s)
		return t, err == nil
	}
	return time.Time{}, false
}

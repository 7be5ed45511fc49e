package refdata

import "strings"

// Confidence is an entry's confidence as the data states it, such as "high",
// "medium (memory)" or "high (names, codes, Lao script from public
// datasets); district English names medium". Its grade is the first word.
type Confidence string

// Confidence grades, from best to worst.
const (
	High   = "high"
	Medium = "medium"
	Low    = "low"
)

// Grade returns "high", "medium" or "low", or "" when the entry states none
// or something else.
func (c Confidence) Grade() string {
	s := strings.ToLower(strings.TrimSpace(string(c)))
	if i := strings.IndexAny(s, " (;,"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case High, Medium, Low:
		return s
	}
	return ""
}

// AtLeast reports whether the grade is min or better. An entry without a
// grade meets no minimum.
func (c Confidence) AtLeast(min string) bool {
	rank := map[string]int{High: 3, Medium: 2, Low: 1}
	return rank[c.Grade()] >= rank[min] && rank[min] > 0
}

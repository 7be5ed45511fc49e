package recordkit

import "time"

// Clip shortens s to at most n bytes without splitting a character, for
// messages and audit details.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// Micro returns t in UTC truncated to the microsecond storage keeps, so a
// record compares equal before and after a round trip.
func Micro(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return time.UnixMicro(t.UnixMicro()).UTC()
}

// Bump returns the Updated time of a new version of a record last updated
// at prev: now, or just after prev when the clock has not moved past it,
// so that a newer version always has a later time than the one it
// replaces (the partner keeps the latest by Updated).
func Bump(now, prev time.Time) time.Time {
	if !now.After(prev) {
		return prev.Add(time.Microsecond)
	}
	return now
}

package plans

import "github.com/borderlink/borderlink"

// AtRiskGap is how many points of percentage a task may fall behind the
// share of its time that has passed before it is at risk.
const AtRiskGap = 25

// DeriveStatus returns where t stands on asOf:
//
//   - done: 100 % done;
//   - overdue: not done and its deadline has passed;
//   - not started: its start is still to come, or nothing is done yet
//     while it is not behind;
//   - at risk: a milestone's day has passed with the milestone open, or
//     the percentage done is more than AtRiskGap points behind the share
//     of the time from start to deadline that has passed;
//   - on track: otherwise.
func DeriveStatus(t Task, asOf borderlink.Date) Status {
	switch {
	case t.Percent >= 100:
		return StatusDone
	case asOf.After(t.Deadline):
		return StatusOverdue
	case asOf.Before(t.Start):
		return StatusNotStarted
	}
	for _, m := range t.Milestones {
		if !m.Done && asOf.After(m.Day) {
			return StatusAtRisk
		}
	}
	span := t.Deadline.Time().Sub(t.Start.Time()).Hours()/24 + 1
	passed := asOf.Time().Sub(t.Start.Time()).Hours()/24 + 1
	if expected := 100 * passed / span; expected-float64(t.Percent) > AtRiskGap {
		return StatusAtRisk
	}
	if t.Percent == 0 {
		return StatusNotStarted
	}
	return StatusOnTrack
}

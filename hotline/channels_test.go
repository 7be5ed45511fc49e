package hotline_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/hotline"
)

// TestChannelsOnTheUnitTree checks the channels of the reference and demo
// directory: every counterpart pair in force is a channel from both sides,
// every unit has one to its parent and to each of its children, and units
// that ended with Vietnam's 2025 reorganisation have none.
func TestChannelsOnTheUnitTree(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{noPeer: true})
	tree := e.units.Tree()
	day := borderlink.DateOf(start)

	remotes := func(unit string, on borderlink.Date) []string {
		var out []string
		for _, c := range hotline.ChannelsOf(tree, unit, on) {
			out = append(out, c.RemoteUnit)
		}
		return out
	}
	got := remotes("VN-11", day)
	for _, want := range []string{"LA-02", "LA-06", "VN-MPS", "VN-11-C001", "VN-11-C010"} {
		if !slices.Contains(got, want) {
			t.Errorf("VN-11 has no channel to %s: %v", want, got)
		}
	}
	for _, r := range got {
		if strings.HasPrefix(r, "VN-11-D") || r == "VN-14" || r == "LA-07" {
			t.Errorf("VN-11 has a channel to %s", r)
		}
	}
	if got := remotes("VN-11-D01", day); got != nil {
		t.Errorf("a dissolved district has channels: %v", got)
	}
	if got := remotes("VN-11", borderlink.MustParseDate("2025-01-15")); !slices.Contains(got, "VN-11-D01") || slices.Contains(got, "VN-11-C001") {
		t.Errorf("VN-11 before the reorganisation: %v", got)
	}

	for _, c := range []struct {
		local, remote string
		on            string
		ok            bool
	}{
		{"VN-11", "LA-02", "2026-03-10", true},
		{"LA-0202-V01", "VN-11-C007", "2026-03-10", true},
		{"VN-11-C007", "VN-11", "2026-03-10", true},
		{"VN-11", "VN-11-D01", "2026-03-10", false}, // the district police was dissolved on 1 March 2025
		{"VN-MPS", "VN-11-D01", "2026-03-10", false},
		{"VN-11", "VN-11-D01", "2025-01-15", true},
		{"VN-11-C007", "LA-02", "2026-03-10", false},
		{"VN-11", "VN-14", "2026-03-10", false},
		{"VN-MPS", "VN-11-C001", "2026-03-10", false},
	} {
		if _, ok := hotline.ChannelBetween(tree, c.local, c.remote, borderlink.MustParseDate(c.on)); ok != c.ok {
			t.Errorf("ChannelBetween(%s, %s, %s) = %v", c.local, c.remote, c.on, ok)
		}
	}

	pairs := tree.AllCounterparts(day)
	if len(pairs) < 20 {
		t.Fatalf("only %d counterpart pairs", len(pairs))
	}
	for _, p := range pairs {
		ab, okA := hotline.ChannelBetween(tree, p.A, p.B, day)
		ba, okB := hotline.ChannelBetween(tree, p.B, p.A, day)
		if !okA || !okB || ab.ID != ba.ID || ab.Level != p.Level || ab.Domestic || ab.ID != hotline.ChannelID(p.A, p.B) {
			t.Errorf("pair %s–%s: %+v %v, %+v %v", p.A, p.B, ab, okA, ba, okB)
		}
	}
	for _, u := range tree.Units("") {
		for _, c := range hotline.ChannelsOf(tree, u.Code, day) {
			back, ok := hotline.ChannelBetween(tree, c.RemoteUnit, c.LocalUnit, day)
			if !ok || back.ID != c.ID || back.Domestic != c.Domestic || back.Level != c.Level {
				t.Errorf("channel %s seen from %s has no way back: %+v", c.ID, u.Code, back)
			}
		}
	}
}

package hotline

import (
	"testing"

	"github.com/borderlink/borderlink"
)

func TestChannelBetween(t *testing.T) {
	tree := miniTree()
	day := borderlink.MustParseDate("2026-03-10")
	before := borderlink.MustParseDate("2025-01-15") // the district still existed; the commune did not
	for _, c := range []struct {
		local, remote string
		on            borderlink.Date
		ok            bool
		level         string
		domestic      bool
	}{
		{"VN-11", "LA-02", day, true, "province", false},
		{"LA-02", "VN-11", day, true, "province", false},
		{"VN-MPS", "LA-MPS", day, true, "ministry", false},
		{"VN-11-C001", "LA-0206-V01", day, true, "commune", false},
		{"VN-11", "VN-MPS", day, true, "province", true},    // up to the parent
		{"VN-MPS", "VN-11", day, true, "province", true},    // down to a child
		{"VN-11-C001", "VN-11", day, true, "commune", true}, // the level of the lower unit
		{"VN-11", "VN-11-C001", day, true, "commune", true},
		{"VN-11", "VN-11-D01", before, true, "district", true},
		// Not counterparts, not parent and child.
		{"VN-11", "VN-14", day, false, "", false},
		{"VN-11", "LA-MPS", day, false, "", false},
		{"VN-MPS", "VN-11-C001", day, false, "", false},
		{"VN-11-C001", "LA-02", day, false, "", false},
		{"VN-11", "VN-11", day, false, "", false},
		{"VN-11", "VN-99", day, false, "", false},
		// A unit that has ended, or does not exist yet, has no channel.
		{"VN-11", "VN-11-D01", day, false, "", false},
		{"VN-11-D01", "VN-11", day, false, "", false},
		{"VN-MPS", "VN-11-D01", day, false, "", false},
		{"VN-11", "VN-11-C001", before, false, "", false},
		{"VN-11-C001", "LA-0206-V01", before, false, "", false},
	} {
		ch, ok := channelBetween(tree, c.local, c.remote, c.on)
		if ok != c.ok {
			t.Errorf("channelBetween(%s, %s, %s) = %v", c.local, c.remote, c.on, ok)
			continue
		}
		if !ok {
			continue
		}
		want := Channel{ID: ChannelID(c.local, c.remote), LocalUnit: c.local, RemoteUnit: c.remote, Level: c.level, Domestic: c.domestic}
		if ch != want {
			t.Errorf("channelBetween(%s, %s) = %+v, want %+v", c.local, c.remote, ch, want)
		}
	}
}

func TestChannelsOf(t *testing.T) {
	tree := miniTree()
	day := borderlink.MustParseDate("2026-03-10")
	ids := func(cs []Channel, on borderlink.Date) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.RemoteUnit)
			if c.LocalUnit == c.RemoteUnit {
				t.Errorf("channel to itself: %+v", c)
			}
			if back, ok := channelBetween(tree, c.LocalUnit, c.RemoteUnit, on); !ok || back != c {
				t.Errorf("channelsOf gives %+v, channelBetween %+v, %v", c, back, ok)
			}
		}
		return out
	}
	for _, c := range []struct {
		unit string
		on   borderlink.Date
		want []string
	}{
		// Counterparts first, then the parent, then the children.
		{"VN-11", day, []string{"LA-02", "VN-MPS", "VN-11-C001"}},
		{"VN-MPS", day, []string{"LA-MPS", "VN-11", "VN-14"}},
		{"VN-11-C001", day, []string{"LA-0206-V01", "VN-11"}},
		{"VN-14", day, []string{"VN-MPS"}},
		{"VN-11", borderlink.MustParseDate("2025-01-15"), []string{"LA-02", "VN-MPS", "VN-11-D01"}},
		{"VN-11-D01", day, nil},
		{"VN-99", day, nil},
	} {
		got := ids(channelsOf(tree, c.unit, c.on), c.on)
		if len(got) != len(c.want) {
			t.Errorf("channelsOf(%s, %s) = %v, want %v", c.unit, c.on, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("channelsOf(%s, %s) = %v, want %v", c.unit, c.on, got, c.want)
				break
			}
		}
	}
}

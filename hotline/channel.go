package hotline

import (
	"fmt"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/units"
)

// Channel is a hotline link between two units as one of them sees it:
// across the border between counterpart units, or at home between a unit
// and its parent. Its ID is derived from the two unit codes, so both nodes
// name it alike.
type Channel struct {
	ID         string `json:"id"`
	LocalUnit  string `json:"local_unit"`
	RemoteUnit string `json:"remote_unit"`
	// Level is the tier of a cross-border channel ("ministry", "province",
	// "district", "commune"), or the level of the lower unit of a domestic
	// channel.
	Level    string `json:"level"`
	Domestic bool   `json:"domestic"`
	Unread   int    `json:"unread"` // incoming messages the reader's units have not read
}

// channelSep joins the two unit codes of a channel id; unit codes never
// hold it.
const channelSep = "~"

// ChannelID returns the id of the channel between units a and b: the two
// codes in byte order joined by "~" ("LA-07~VN-40").
func ChannelID(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + channelSep + b
}

// splitChannel returns the two unit codes of a channel id.
func splitChannel(id string) (string, string, bool) {
	a, b, ok := strings.Cut(id, channelSep)
	if !ok || a == "" || b == "" || a == b || !units.ValidCode(a) || !units.ValidCode(b) || b < a {
		return "", "", false
	}
	return a, b, true
}

// channelBetween returns the channel from unit local to unit remote in
// force on day, or false when there is none: both units are in force on
// that day, and remote is a counterpart of local across the border on that
// day, or the parent or a child of local.
func channelBetween(tree *units.Tree, local, remote string, day borderlink.Date) (Channel, bool) {
	if !tree.ActiveOn(local, day) || !tree.ActiveOn(remote, day) {
		return Channel{}, false
	}
	for _, c := range tree.Counterparts(local, day) {
		if c.Other(local) == remote {
			return Channel{ID: ChannelID(local, remote), LocalUnit: local, RemoteUnit: remote, Level: c.Level}, true
		}
	}
	if p, ok := tree.ParentOn(local, day); ok && p.Code == remote {
		u, _ := tree.Get(local)
		return Channel{ID: ChannelID(local, remote), LocalUnit: local, RemoteUnit: remote, Level: u.Level, Domestic: true}, true
	}
	if p, ok := tree.ParentOn(remote, day); ok && p.Code == local {
		u, _ := tree.Get(remote)
		return Channel{ID: ChannelID(local, remote), LocalUnit: local, RemoteUnit: remote, Level: u.Level, Domestic: true}, true
	}
	return Channel{}, false
}

// channelsOf returns every channel of unit local in force on day: its
// counterparts across the border, its parent and its children.
func channelsOf(tree *units.Tree, local string, day borderlink.Date) []Channel {
	if !tree.ActiveOn(local, day) {
		return nil
	}
	var out []Channel
	for _, c := range tree.Counterparts(local, day) {
		out = append(out, Channel{ID: ChannelID(local, c.Other(local)), LocalUnit: local, RemoteUnit: c.Other(local), Level: c.Level})
	}
	if p, ok := tree.ParentOn(local, day); ok {
		u, _ := tree.Get(local)
		out = append(out, Channel{ID: ChannelID(local, p.Code), LocalUnit: local, RemoteUnit: p.Code, Level: u.Level, Domestic: true})
	}
	for _, c := range tree.Children(local, day) {
		out = append(out, Channel{ID: ChannelID(local, c.Code), LocalUnit: local, RemoteUnit: c.Code, Level: c.Level, Domestic: true})
	}
	return out
}

func errNoChannel(from, to string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.hotline_no_channel",
		fmt.Sprintf("%s has no hotline channel to %s: only counterpart units across the border, the parent unit and sub-units can be reached", from, to),
		"from", from, "to", to)
}

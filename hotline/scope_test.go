package hotline

import (
	"slices"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/units"
)

const self borderlink.NodeID = "vn.mps"

// miniTree is a ministry with two provinces, a commune under one of them,
// and the Lao province and village across the border.
func miniTree() *units.Tree {
	txt := func(s string) borderlink.Text { return borderlink.Text{VI: s, LO: s, EN: s} }
	return units.NewTree(units.Data{
		Countries: []units.Country{{Code: "VN", Name: txt("Việt Nam")}, {Code: "LA", Name: txt("ລາວ")}},
		Levels: []units.Level{
			{Country: "VN", Code: "ministry", Rank: 0}, {Country: "VN", Code: "province", Rank: 1},
			{Country: "VN", Code: "district", Rank: 2, ValidTo: borderlink.MustParseDate("2025-02-28")},
			{Country: "VN", Code: "commune", Rank: 3},
			{Country: "LA", Code: "ministry", Rank: 0}, {Country: "LA", Code: "province", Rank: 1},
			{Country: "LA", Code: "district", Rank: 2}, {Country: "LA", Code: "village", Rank: 3},
		},
		Units: []units.Unit{
			{Code: "VN-MPS", Country: "VN", Level: "ministry", Name: txt("Bộ Công an")},
			{Code: "VN-11", Country: "VN", Level: "province", Parent: "VN-MPS", Name: txt("Công an tỉnh Điện Biên")},
			{Code: "VN-14", Country: "VN", Level: "province", Parent: "VN-MPS", Name: txt("Công an tỉnh Sơn La")},
			{Code: "VN-11-D01", Country: "VN", Level: "district", Parent: "VN-11", Name: txt("Công an huyện Mường Nhé"),
				ValidTo: borderlink.MustParseDate("2025-02-28")},
			{Code: "VN-11-C001", Country: "VN", Level: "commune", Parent: "VN-11", Name: txt("Công an xã Mường Nhé"),
				ValidFrom: borderlink.MustParseDate("2025-07-01")},
			{Code: "LA-MPS", Country: "LA", Level: "ministry", Name: txt("ກະຊວງປ້ອງກັນຄວາມສະຫງົບ")},
			{Code: "LA-02", Country: "LA", Level: "province", Parent: "LA-MPS", Name: txt("ປກສ ແຂວງຜົ້ງສາລີ")},
			{Code: "LA-0206", Country: "LA", Level: "district", Parent: "LA-02", Name: txt("ປກສ ເມືອງໃໝ່")},
			{Code: "LA-0206-V01", Country: "LA", Level: "village", Parent: "LA-0206", Name: txt("ປກສ ບ້ານ ໃໝ່")},
		},
		Counterparts: []units.Counterpart{
			{A: "LA-MPS", B: "VN-MPS", Level: "ministry"},
			{A: "LA-02", B: "VN-11", Level: "province"},
			{A: "LA-0206-V01", B: "VN-11-C001", Level: "commune", ValidFrom: borderlink.MustParseDate("2025-07-01")},
		},
	})
}

func grant(username string, role auth.Role, unit string) auth.Principal {
	return auth.Principal{Username: username, Grants: []auth.Grant{{Role: role, Unit: unit}}, Via: auth.ViaSession}
}

func TestPathOfAndUnitRule(t *testing.T) {
	tree := miniTree()
	for code, want := range map[string]string{
		"VN-MPS": "/VN-MPS/", "VN-11": "/VN-MPS/VN-11/", "VN-11-C001": "/VN-MPS/VN-11/VN-11-C001/",
		"LA-0206-V01": "/LA-MPS/LA-02/LA-0206/LA-0206-V01/",
	} {
		if got := pathOf(tree, code); got != want {
			t.Errorf("pathOf(%s) = %q, want %q", code, got, want)
		}
	}
	r := UnitRule{Under: []string{"VN-11"}, Units: []string{"VN-MPS"}}
	for _, c := range []struct {
		code string
		want bool
	}{{"VN-11", true}, {"VN-11-C001", true}, {"VN-MPS", true}, {"VN-14", false}, {"LA-02", false}} {
		if got := r.Match(c.code, pathOf(tree, c.code)); got != c.want {
			t.Errorf("Match(%s) = %v", c.code, got)
		}
	}
	if r.Match("VN-11", "") || r.Match("VN-MPS", "") {
		t.Error("a unit another node serves matched")
	}
	// A code is matched whole: VN-1 is not above VN-11.
	if (UnitRule{Under: []string{"VN-1"}}).Match("VN-11", "/VN-MPS/VN-11/") {
		t.Error("a prefix of a code matched")
	}
}

func TestScopeOf(t *testing.T) {
	tree := miniTree()
	sc := scopeOf(grant("hoa", auth.RoleOfficer, "VN-11-C001"), tree, self)
	if sc.All || sc.Author != "hoa" || sc.Self != self || !slices.Equal(sc.Own, []string{"VN-11-C001"}) {
		t.Errorf("scope: %+v", sc)
	}
	if rel := sc.Handling[Releasable]; !slices.Equal(rel.Under, []string{"VN-11-C001"}) || !slices.Equal(rel.Units, []string{"VN-11", "VN-MPS"}) {
		t.Errorf("releasable: %+v", rel)
	}
	if res := sc.Handling[Restricted]; !slices.Equal(res.Under, []string{"VN-11-C001"}) || len(res.Units) != 0 {
		t.Errorf("restricted: %+v", res)
	}
	if conf := sc.Handling[Confidential]; len(conf.Units)+len(conf.Under) != 0 {
		t.Errorf("an officer reads confidential messages: %+v", conf)
	}
	p := auth.Principal{Username: "nam", Via: auth.ViaSession, Grants: []auth.Grant{
		{Role: auth.RoleCommander, Unit: "VN-11"}, {Role: auth.RoleLiaison, Unit: "VN-14"}, {Role: auth.RoleAdmin, Unit: "VN-MPS"},
		{Role: auth.RoleOfficer, Unit: "VN-11"},
	}}
	sc = scopeOf(p, tree, self)
	if !slices.Equal(sc.Handling[Confidential].Units, []string{"VN-11", "VN-14"}) || !slices.Equal(sc.Own, []string{"VN-11", "VN-14"}) {
		t.Errorf("commander and liaison: %+v", sc)
	}
	if sc := scopeOf(auth.System("cli"), tree, self); !sc.All {
		t.Error("the system principal is restricted")
	}
	if sc := scopeOf(grant("an", auth.RoleAnalyst, "VN-11"), tree, self); sc.Author != "" || len(sc.Handling) != 0 || len(sc.Own) != 0 {
		t.Errorf("an analyst has a hotline scope: %+v", sc)
	}
}

// scopeRecords are messages as stored on the Vietnamese ministry node,
// which serves every Vietnamese unit.
func scopeRecords(tree *units.Tree) map[string]Record {
	rec := func(from, to, author string, origin borderlink.NodeID) Record {
		r := Record{Message: Message{FromUnit: from, ToUnit: to, Author: author, Origin: origin, Handling: Releasable}}
		if units.CodeCountry(from) == "VN" {
			r.FromScope = pathOf(tree, from)
		}
		if units.CodeCountry(to) == "VN" {
			r.ToScope = pathOf(tree, to)
		}
		return r
	}
	return map[string]Record{
		"in":       rec("LA-02", "VN-11", "somphone", "la.mps"),          // from Laos to the province
		"out":      rec("VN-11", "LA-02", "hung", self),                  // from the province to Laos
		"up":       rec("VN-11-C001", "VN-11", "tuan", self),             // from the commune to its province
		"down":     rec("VN-11", "VN-11-C001", "hung", self),             // from the province to its commune
		"village":  rec("LA-0206-V01", "VN-11-C001", "khamla", "la.mps"), // from the Lao village to the commune
		"ministry": rec("VN-11", "VN-MPS", "hung", self),                 // from the province up to the ministry
	}
}

func TestScopeVisibleAndIncoming(t *testing.T) {
	tree := miniTree()
	recs := scopeRecords(tree)
	readers := map[string]auth.Principal{
		"province officer":   grant("hung", auth.RoleOfficer, "VN-11"),
		"province commander": grant("thanh", auth.RoleCommander, "VN-11"),
		"commune officer":    grant("tuan", auth.RoleOfficer, "VN-11-C001"),
		"ministry officer":   grant("lan", auth.RoleOfficer, "VN-MPS"),
		"ministry commander": grant("minh", auth.RoleCommander, "VN-MPS"),
		"other province":     grant("son", auth.RoleOfficer, "VN-14"),
		"analyst":            grant("an", auth.RoleAnalyst, "VN-11"),
		"system":             auth.System("cli"),
	}
	// visible[reader][handling] lists the messages the reader sees; the
	// rest are hidden.
	type row struct {
		reader   string
		handling Handling
		visible  []string
		incoming []string
	}
	all := []string{"in", "out", "up", "down", "village", "ministry"}
	table := []row{
		{"province officer", Releasable, all, []string{"in", "up", "village"}},
		{"province officer", Restricted, all, []string{"in", "up", "village"}},
		// An officer sees only the confidential messages they wrote.
		{"province officer", Confidential, []string{"out", "down", "ministry"}, nil},
		{"province commander", Releasable, all, []string{"in", "up", "village"}},
		{"province commander", Confidential, []string{"in", "out", "up", "down", "ministry"}, []string{"in", "up"}},
		// A sub-unit sees its parents' releasable traffic, not their
		// restricted traffic.
		{"commune officer", Releasable, all, []string{"down", "village"}},
		{"commune officer", Restricted, []string{"up", "down", "village"}, []string{"down", "village"}},
		{"commune officer", Confidential, []string{"up"}, nil},
		{"ministry officer", Releasable, all, []string{"in", "village", "ministry"}},
		{"ministry officer", Restricted, all, []string{"in", "village", "ministry"}},
		{"ministry officer", Confidential, nil, nil},
		{"ministry commander", Confidential, []string{"ministry"}, []string{"ministry"}},
		// The ministry's releasable traffic reaches every unit below it.
		{"other province", Releasable, []string{"ministry"}, nil},
		{"other province", Restricted, nil, nil},
		{"analyst", Releasable, nil, nil},
		{"system", Releasable, all, []string{"in", "village"}},
		{"system", Confidential, all, []string{"in", "village"}},
	}
	for _, r := range table {
		sc := scopeOf(readers[r.reader], tree, self)
		for _, name := range all {
			m := recs[name]
			m.Handling = r.handling
			if got, want := sc.Visible(m), slices.Contains(r.visible, name); got != want {
				t.Errorf("%s, %s message %q: Visible = %v", r.reader, r.handling, name, got)
			}
			if got, want := sc.Incoming(m), slices.Contains(r.incoming, name); got != want {
				t.Errorf("%s, %s message %q: Incoming = %v", r.reader, r.handling, name, got)
			}
			if sc.Incoming(m) && !sc.Visible(m) {
				t.Errorf("%s: %q is incoming but not visible", r.reader, name)
			}
		}
	}

	// An unknown handling code hides a message from everyone but its
	// author and the system.
	odd := recs["in"]
	odd.Handling = "secret"
	if scopeOf(readers["province commander"], tree, self).Visible(odd) || !scopeOf(readers["system"], tree, self).Visible(odd) {
		t.Error("unknown handling code")
	}
	// The author's own message is not incoming, even when it is to a unit
	// they act for; a namesake on the other node is someone else.
	both := auth.Principal{Username: "tuan", Via: auth.ViaSession, Grants: []auth.Grant{
		{Role: auth.RoleOfficer, Unit: "VN-11"}, {Role: auth.RoleOfficer, Unit: "VN-11-C001"}}}
	sc := scopeOf(both, tree, self)
	if sc.Incoming(recs["up"]) {
		t.Error("the author's own message is incoming")
	}
	namesake := recs["in"]
	namesake.Author = "tuan"
	if !sc.Incoming(namesake) || !sc.Visible(namesake) {
		t.Error("a message by a namesake on the partner's node is not incoming")
	}
	if !sc.Incoming(recs["down"]) {
		t.Error("a message to a second unit of the reader is not incoming")
	}
}

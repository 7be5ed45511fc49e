package units

import (
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/refdata"
)

func TestValidCode(t *testing.T) {
	for _, c := range []string{"VN-MPS", "LA-MPS", "VN-11", "VN-44-2004", "VN-11-D01", "VN-11-D01-C01", "VN-44-C001", "LA-02", "LA-0202", "LA-0202-V07"} {
		if !ValidCode(c) {
			t.Errorf("ValidCode(%q) = false", c)
		}
	}
	for _, c := range []string{"", "VN", "vn-11", "VN-", "VN--11", "VN-11-", "VNM-11", "VN_11", "VN-11 ", "VN-Ư1", "VN-1-2-3-4-5", "VN-" + strings.Repeat("1", 13)} {
		if ValidCode(c) {
			t.Errorf("ValidCode(%q) = true", c)
		}
	}
	if CodeCountry("LA-0202") != "LA" || CodeCountry("nope") != "" {
		t.Error("CodeCountry")
	}
}

func TestLevelCovers(t *testing.T) {
	a, err := refdata.AdminUnits()
	if err != nil {
		t.Fatal(err)
	}
	ref, err := reference(a)
	if err != nil {
		t.Fatal(err)
	}
	tr := NewTree(ref)
	z := borderlink.Date{}
	d := borderlink.MustParseDate
	for _, c := range []struct {
		level    string
		from, to borderlink.Date
		want     bool
	}{
		{LevelCommune, z, z, true}, // across both commune records
		{LevelCommune, d("2025-01-01"), z, true},
		{LevelCommune, z, d("2025-06-30"), true},
		{LevelCommune, d("2025-07-01"), z, true},
		{LevelDistrict, z, d("2025-02-28"), true},
		{LevelDistrict, z, d("2025-03-01"), false},
		{LevelDistrict, d("2025-03-01"), d("2025-03-02"), false},
		{LevelDistrict, z, z, false},
		{LevelVillage, z, z, false}, // not a Vietnamese level
	} {
		if got := tr.levelCovers("VN", c.level, c.from, c.to); got != c.want {
			t.Errorf("levelCovers(%s, %v, %v) = %v", c.level, c.from, c.to, got)
		}
	}
	for _, c := range []struct {
		on   borderlink.Date
		want string
	}{{z, LevelDistrict}, {d("2025-02-28"), LevelDistrict}, {d("2025-03-01"), LevelProvince}, {d("2025-07-01"), LevelProvince}} {
		if l, ok := tr.levelAbove("VN", LevelCommune, c.on); !ok || l.Code != c.want {
			t.Errorf("level above communes on %v: %v", c.on, l.Code)
		}
	}
	if _, ok := tr.levelAbove("VN", LevelMinistry, z); ok {
		t.Error("a level above the ministry")
	}
}

// TestLaoForms checks that every Vietnamese name Seed uses has a Lao form
// in Lao script, not the fallback without diacritics.
func TestLaoForms(t *testing.T) {
	a, err := refdata.AdminUnits()
	if err != nil {
		t.Fatal(err)
	}
	ref, err := reference(a)
	if err != nil {
		t.Fatal(err)
	}
	all := append(ref.Units, demo(ref).Units...)
	for _, u := range all {
		if u.Country == "VN" && (u.PlaceName.LO == "" || u.PlaceName.LO == romanize(u.PlaceName.VI)) {
			t.Errorf("%s %s has no Lao form", u.Code, u.PlaceName.VI)
		}
		for _, s := range []string{u.Name.VI, u.Name.LO, u.Name.EN, u.PlaceName.VI, u.PlaceName.LO, u.PlaceName.EN} {
			if s == "" || s != strings.TrimSpace(s) || strings.Contains(s, "  ") {
				t.Errorf("%s: name %q is empty or badly spaced", u.Code, s)
			}
		}
	}
	if laoOf("Xyz Abc") != "Xyz Abc" || laoOf("Sơn Kim 1") != "ເຊີນກິມ 1" {
		t.Errorf("laoOf fallback: %q, %q", laoOf("Xyz Abc"), laoOf("Sơn Kim 1"))
	}
}

// TestDemoDeterministic checks that the demo data does not vary between
// runs and has no duplicate code or duplicate name under one parent.
func TestDemoDeterministic(t *testing.T) {
	a, _ := refdata.AdminUnits()
	ref, _ := reference(a)
	x, y := demo(ref), demo(ref)
	if len(x.Units) != len(y.Units) || len(x.Counterparts) != len(y.Counterparts) {
		t.Fatal("demo sizes differ")
	}
	codes := map[string]bool{}
	names := map[string]bool{}
	for i := range x.Units {
		if !x.Units[i].Equal(y.Units[i]) {
			t.Fatalf("demo unit %d differs: %+v / %+v", i, x.Units[i], y.Units[i])
		}
		u := x.Units[i]
		if codes[u.Code] {
			t.Errorf("duplicate code %s", u.Code)
		}
		codes[u.Code] = true
		key := u.Parent + "/" + u.PlaceName.VI + "/" + u.ValidFrom.String()
		if names[key] {
			t.Errorf("duplicate name %s", key)
		}
		names[key] = true
	}
}

func TestReferenceChecksData(t *testing.T) {
	a, _ := refdata.AdminUnits()
	a.ProvincePairs[0].LA = "LA-ZZ"
	if _, err := reference(a); err == nil {
		t.Error("a pair naming an unknown Lao province was accepted")
	}
	a, _ = refdata.AdminUnits()
	a.PublicSecurity.VN[0].Levels = append(a.PublicSecurity.VN[0].Levels, "Công an thôn")
	if _, err := reference(a); err == nil {
		t.Error("an unknown police level was accepted")
	}
	a, _ = refdata.AdminUnits()
	a.VNProvinces2025 = a.VNProvinces2025[1:]
	if _, err := reference(a); err == nil {
		t.Error("a pre-2025 province merged into nothing was accepted")
	}
}

package units

import (
	"fmt"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/refdata"
)

// Codes of the two ministries.
const (
	MinistryVN = "VN-MPS"
	MinistryLA = "LA-MPS"
)

// minConfidence is the lowest confidence grade of a reference entry that
// Seed relies on.
const minConfidence = refdata.Medium

// reference builds the reference directory from the embedded data: both
// countries and hierarchies, the two ministries, the border provinces of
// both countries (Vietnam's before and after 2025-07-01, linked by
// successors), the Lao districts, the ministry and province counterpart
// pairs, and the ISO 3166-2 codes of Lao provinces as aliases.
func reference(a *refdata.Admin) (Data, error) {
	var d Data
	countries := map[string]borderlink.Text{}
	for _, c := range a.Countries {
		name := borderlink.Text{VI: c.NameVI, LO: c.NameLO, EN: c.NameEN}
		countries[c.ISO2] = name
		d.Countries = append(d.Countries, Country{Code: c.ISO2, Name: name})
	}
	if _, ok := countries["VN"]; !ok {
		return Data{}, fmt.Errorf("units: reference data lacks Viet Nam")
	}
	if _, ok := countries["LA"]; !ok {
		return Data{}, fmt.Errorf("units: reference data lacks Laos")
	}
	levels, err := referenceLevels(a)
	if err != nil {
		return Data{}, err
	}
	d.Levels = levels
	laMinistry := "ກະຊວງປ້ອງກັນຄວາມສະຫງົບ"
	for _, l := range a.PublicSecurity.LA {
		if l.Level == "central" {
			laMinistry = l.LO
		}
	}
	d.Units = append(d.Units,
		Unit{Code: MinistryVN, Country: "VN", Level: LevelMinistry, Name: ministryVN(countries["VN"]),
			PlaceName: countries["VN"], Source: SourceReference},
		Unit{Code: MinistryLA, Country: "LA", Level: LevelMinistry, Name: ministryLA(laMinistry),
			PlaceName: countries["LA"], Source: SourceReference},
	)
	vn, err := vnProvinces(a)
	if err != nil {
		return Data{}, err
	}
	d.Units = append(d.Units, vn...)
	la, aliases := laProvinces(a)
	d.Units = append(d.Units, la...)
	d.Aliases = aliases
	d.Counterparts, err = provincePairs(a, aliases)
	if err != nil {
		return Data{}, err
	}
	return d, nil
}

// vnProvinces returns Vietnam's border provinces. A province that kept its
// code and territory on 2025-07-01 is one unit without dates (VN-11, and
// VN-46 Huế, formerly Thừa Thiên Huế). A province formed by a merger is a
// new unit from the reform's date (VN-44 Quảng Trị); each province merged
// into it, border province or not, ends the day before under its 2004 code
// with a "-2004" suffix (VN-44-2004 Quảng Bình, VN-45-2004 Quảng Trị) and
// names the new one as its successor.
func vnProvinces(a *refdata.Admin) ([]Unit, error) {
	pre := map[string]refdata.VNProvincePre2025{}
	for _, p := range a.VNProvincesPre2025 {
		pre[p.Code] = p
	}
	covered := map[string]bool{}
	var out []Unit
	for _, p := range a.VNProvinces2025 {
		if !p.Confidence.AtLeast(minConfidence) {
			continue
		}
		place := vnPlace(p.NameVI, p.NameEN)
		city := p.UnitType == "centrally-run city"
		if p.Continuing() {
			covered[p.Code] = true
			out = append(out, vnProvince("VN-"+p.Code, place, city, len(p.BordersLA) > 0, borderlink.Date{}, borderlink.Date{}))
			continue
		}
		if len(p.MergedFrom) != len(p.MergedFromCodes) || p.EffectiveDate.IsZero() {
			return nil, fmt.Errorf("units: reference province %s: merged_from does not match its codes or no effective date", p.Code)
		}
		code := "VN-" + p.Code
		out = append(out, vnProvince(code, place, city, len(p.BordersLA) > 0, p.EffectiveDate, borderlink.Date{}))
		for i, mc := range p.MergedFromCodes {
			covered[mc] = true
			// A merged province absent from the border list (old Đà Nẵng,
			// old Quảng Ngãi) is known only by its name; it had the type of
			// the new unit when it gave that unit its name.
			oldPlace, oldCity, border := vnPlace(p.MergedFrom[i], ""), city && p.MergedFrom[i] == p.NameVI, false
			if o, ok := pre[mc]; ok {
				if o.SuccessorCode != p.Code {
					return nil, fmt.Errorf("units: reference province %s: successor %s, but merged into %s", mc, o.SuccessorCode, p.Code)
				}
				oldPlace, oldCity, border = vnPlace(o.NameVI, o.NameEN), o.UnitType == "centrally-run city", len(o.BordersLA) > 0
			}
			u := vnProvince("VN-"+mc+"-2004", oldPlace, oldCity, border, borderlink.Date{}, p.EffectiveDate.AddDays(-1))
			u.Successors = []string{code}
			out = append(out, u)
		}
	}
	for _, p := range a.VNProvincesPre2025 {
		if !covered[p.Code] && p.Confidence.AtLeast(minConfidence) {
			return nil, fmt.Errorf("units: reference province %s (%s) is merged into no 2025 province", p.Code, p.NameVI)
		}
	}
	return out, nil
}

func vnProvince(code string, place borderlink.Text, city, border bool, from, to borderlink.Date) Unit {
	return Unit{Code: code, Country: "VN", Level: LevelProvince, Parent: MinistryVN,
		Name: vnProvinceName(place, city), PlaceName: place,
		ValidFrom: from, ValidTo: to, Border: border, Source: SourceReference}
}

// laProvinces returns the Lao border provinces (LA-<code_la>) and their
// districts (LA-<4-digit code>), with the ISO codes as aliases. A district is
// marked Border when a border gate of the data lies in it.
func laProvinces(a *refdata.Admin) ([]Unit, map[string]string) {
	gateDistricts := map[string]bool{} // "LA-XX/name" folded
	for _, g := range a.BorderGates {
		if g.LADistrict != "" && g.Confidence.AtLeast(minConfidence) {
			name := strings.TrimPrefix(primary(g.LADistrict), "Muang ")
			gateDistricts[g.LAProvince+"/"+fold(name)] = true
		}
	}
	var out []Unit
	aliases := map[string]string{}
	for _, p := range a.LAProvinces {
		if !p.Confidence.AtLeast(minConfidence) {
			continue
		}
		code := "LA-" + p.Code
		aliases[p.ISO] = code
		place := borderlink.Text{LO: p.NameLO, EN: p.NameEN}
		if len(p.NameVI) > 0 {
			place.VI = p.NameVI[0]
		}
		out = append(out, Unit{Code: code, Country: "LA", Level: LevelProvince, Parent: MinistryLA,
			Name: laProvinceName(place), PlaceName: place, Border: true, Source: SourceReference})
		for _, dist := range p.Districts {
			dp := borderlink.Text{VI: primary(dist.NameEN), LO: dist.NameLO, EN: dist.NameEN}
			out = append(out, Unit{Code: "LA-" + dist.Code, Country: "LA", Level: LevelDistrict, Parent: code,
				Name: laDistrictName(dp), PlaceName: dp,
				Border: gateDistricts[p.ISO+"/"+fold(primary(dist.NameEN))], Source: SourceReference})
		}
	}
	return out, aliases
}

// provincePairs returns the ministries' pair and the facing provinces. A
// pair whose Vietnamese province continued through 2025 has no dates; one
// whose province was merged becomes two: the old province until the day
// before the reform and the new one from it.
func provincePairs(a *refdata.Admin, aliases map[string]string) ([]Counterpart, error) {
	out := []Counterpart{pair(MinistryVN, MinistryLA, LevelMinistry, borderlink.Date{}, borderlink.Date{})}
	seen := map[counterpartKey]bool{}
	add := func(c Counterpart) {
		if !seen[c.key()] {
			seen[c.key()] = true
			out = append(out, c)
		}
	}
	p2025 := map[string]refdata.VNProvince2025{}
	for _, p := range a.VNProvinces2025 {
		p2025[p.Code] = p
	}
	for _, pp := range a.ProvincePairs {
		if !pp.Confidence.AtLeast(minConfidence) {
			continue
		}
		la, ok := aliases[pp.LA]
		if !ok {
			return nil, fmt.Errorf("units: province pair names unknown Lao province %s", pp.LA)
		}
		p, ok := p2025[pp.VN2025Code]
		if !ok {
			return nil, fmt.Errorf("units: province pair names unknown Vietnamese province %s", pp.VN2025Code)
		}
		if p.Continuing() && pp.VNPre2025Code == p.Code {
			add(pair("VN-"+p.Code, la, LevelProvince, borderlink.Date{}, borderlink.Date{}))
			continue
		}
		add(pair("VN-"+pp.VNPre2025Code+"-2004", la, LevelProvince, borderlink.Date{}, p.EffectiveDate.AddDays(-1)))
		add(pair("VN-"+p.Code, la, LevelProvince, p.EffectiveDate, borderlink.Date{}))
	}
	return out, nil
}

// pair returns the counterpart pair of x and y with A and B in the order of
// their countries' codes.
func pair(x, y, level string, from, to borderlink.Date) Counterpart {
	if CodeCountry(y) < CodeCountry(x) {
		x, y = y, x
	}
	return Counterpart{A: x, B: y, Level: level, ValidFrom: from, ValidTo: to}
}

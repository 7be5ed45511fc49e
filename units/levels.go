package units

import (
	"fmt"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/refdata"
)

// levelRanks gives each level code its rank. Communes and villages share
// rank 3: they face each other at the lowest tier of the hotline network.
var levelRanks = map[string]int{LevelMinistry: 0, LevelProvince: 1, LevelDistrict: 2, LevelCommune: 3, LevelVillage: 3}

// vnLevelNames names Vietnam's police levels in every language, keyed by the
// Vietnamese label the reference data uses for a period.
var vnLevelNames = map[string]borderlink.Text{
	"Bộ Công an": {VI: "Bộ Công an", LO: "ກະຊວງປ້ອງກັນຄວາມສະຫງົບ", EN: "Ministry of Public Security"},
	"Công an tỉnh/thành phố": {VI: "Công an tỉnh/thành phố", LO: "ກອງບັນຊາການ ປກສ ແຂວງ / ນະຄອນ",
		EN: "Provincial police (province or centrally-run city)"},
	"Công an huyện/quận/thị xã/thành phố thuộc tỉnh": {VI: "Công an huyện/quận/thị xã/thành phố thuộc tỉnh",
		LO: "ກອງບັນຊາການ ປກສ ເມືອງ", EN: "District police"},
	"Công an xã/phường/thị trấn": {VI: "Công an xã/phường/thị trấn", LO: "ປກສ ຕາແສງ / ຄຸ້ມ",
		EN: "Commune police (commune, ward, township)"},
	"Công an xã/phường/đặc khu": {VI: "Công an xã/phường/đặc khu", LO: "ປກສ ຕາແສງ / ຄຸ້ມ / ເຂດພິເສດ",
		EN: "Commune police (commune, ward, special zone)"},
}

// laLevels maps the levels of the Lao police in the reference data to level
// codes, with the Vietnamese and English names (the Lao name comes from the
// data).
var laLevels = map[string]struct {
	code   string
	vi, en string
}{
	"central":    {LevelMinistry, "Bộ An ninh", "Ministry of Public Security"},
	"provincial": {LevelProvince, "Bộ Chỉ huy An ninh tỉnh/thủ đô", "Provincial (Capital) Public Security Command"},
	"district":   {LevelDistrict, "Ban Chỉ huy An ninh huyện", "District Public Security Command"},
	"village":    {LevelVillage, "Tổ An ninh bản", "Village public security unit"},
}

// referenceLevels derives both hierarchies from the reference data. For
// Vietnam it reads the police periods (public_security_levels): a level is
// in force over the periods that list it, and a new record begins where its
// label changes. So the district level ends on 2025-02-28, when Decree
// 02/2025/NĐ-CP ended district police, and the commune level has one record
// until 2025-06-30 (xã/phường/thị trấn) and one from 2025-07-01
// (xã/phường/đặc khu).
func referenceLevels(a *refdata.Admin) ([]Level, error) {
	var out []Level
	open := map[string]int{} // level code → index in out of its latest record
	for i, p := range a.PublicSecurity.VN {
		for _, raw := range p.Levels {
			label := primary(raw)
			code, err := vnLevelCode(label)
			if err != nil {
				return nil, err
			}
			name, ok := vnLevelNames[label]
			if !ok {
				return nil, fmt.Errorf("units: police level %q has no translation", label)
			}
			if j, ok := open[code]; ok && out[j].Name.VI == label && i > 0 &&
				out[j].ValidTo.AddDays(1) == p.From {
				out[j].ValidTo = p.To
				continue
			}
			open[code] = len(out)
			out = append(out, Level{Country: "VN", Code: code, Rank: levelRanks[code], Name: name, ValidFrom: p.From, ValidTo: p.To})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("units: reference data has no Vietnamese police levels")
	}
	for _, l := range a.PublicSecurity.LA {
		m, ok := laLevels[l.Level]
		if !ok {
			return nil, fmt.Errorf("units: unknown Lao police level %q", l.Level)
		}
		out = append(out, Level{Country: "LA", Code: m.code, Rank: levelRanks[m.code],
			Name: borderlink.Text{VI: m.vi, LO: l.LO, EN: m.en}})
	}
	return out, nil
}

// vnLevelCode recognises a Vietnamese police level by its label.
func vnLevelCode(label string) (string, error) {
	switch {
	case strings.HasPrefix(label, "Bộ Công an"):
		return LevelMinistry, nil
	case strings.Contains(label, "huyện"): // before "tỉnh": "… thuộc tỉnh"
		return LevelDistrict, nil
	case strings.Contains(label, "tỉnh"):
		return LevelProvince, nil
	case strings.Contains(label, "xã"):
		return LevelCommune, nil
	}
	return "", fmt.Errorf("units: unknown Vietnamese police level %q", label)
}

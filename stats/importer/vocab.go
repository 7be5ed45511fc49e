package importer

import (
	"slices"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n/textfold"
	"github.com/borderlink/borderlink/i18n/vnlegacy"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
)

// drugs finds the drug type a drug cell names.
type drugs struct {
	d *refdata.Drugs
	// exact holds codes, full names and aliases; loose the names without
	// their bracketed part ("Thuốc lắc" for "Thuốc lắc (MDMA)"), which are
	// tried only when no exact name matches.
	exact, loose map[string][]string
	memo         map[string]drugFound
}

type drugFound struct {
	t   refdata.DrugType
	err *borderlink.Error
}

func newDrugs(d *refdata.Drugs) *drugs {
	x := &drugs{d: d, exact: map[string][]string{}, loose: map[string][]string{}, memo: map[string]drugFound{}}
	for _, t := range d.Types {
		names := append([]string{t.Code, t.Names.EN, t.Names.VI.Display, t.Names.LO.Display}, t.Names.VI.Aliases...)
		names = append(names, t.Names.LO.Aliases...)
		for _, n := range names {
			addName(x.exact, n, t.Code)
			for _, part := range strings.Split(primary(n), "/") {
				addName(x.loose, part, t.Code)
			}
		}
	}
	return x
}

// addName indexes a name of code, folded, once.
func addName(m map[string][]string, name, code string) {
	if k := textfold.Fold(name); k != "" && !slices.Contains(m[k], code) {
		m[k] = append(m[k], code)
	}
}

// resolve returns the drug type text names: a code ("METH_TABLET"), the
// English name, or a Vietnamese or Lao name or alias, in any case and with
// or without diacritics. found is false for an empty cell.
func (x *drugs) resolve(text string) (t refdata.DrugType, found bool, e *borderlink.Error) {
	if text == "" {
		return refdata.DrugType{}, false, nil
	}
	if r, ok := x.memo[text]; ok {
		return r.t, r.err == nil, r.err
	}
	r := x.lookup(text)
	x.memo[text] = r
	return r.t, r.err == nil, r.err
}

func (x *drugs) lookup(text string) drugFound {
	if t, ok := x.d.Type(strings.ToUpper(text)); ok {
		return drugFound{t: t}
	}
	for _, s := range readings(text) {
		k := textfold.Fold(s)
		codes := x.exact[k]
		if len(codes) == 0 {
			codes = x.loose[k]
		}
		switch len(codes) {
		case 0:
			continue
		case 1:
			t, _ := x.d.Type(codes[0])
			return drugFound{t: t}
		}
		return drugFound{err: borderlink.Errorf(borderlink.EInvalid, "error.import_drug_ambiguous",
			text+" may be any of "+strings.Join(codes, ", "), "value", text, "codes", strings.Join(codes, ", "))}
	}
	return drugFound{err: borderlink.Errorf(borderlink.EInvalid, "error.import_drug_unknown",
		"no drug type is called "+text, "value", text)}
}

// agencyNames are what spreadsheets call each agency, beside its code.
var agencyNames = map[stats.Agency][]string{
	stats.AgencyPolice: {"police", "công an", "CA", "công an nhân dân", "cảnh sát", "Cảnh sát điều tra tội phạm về ma túy",
		"ຕຳຫຼວດ", "ປກສ", "ປ້ອງກັນຄວາມສະຫງົບ", "ກຳລັງ ປກສ"},
	stats.AgencyBorderGuard: {"border guard", "border guards", "biên phòng", "bộ đội biên phòng", "BĐBP",
		"ທະຫານປ້ອງກັນຊາຍແດນ", "ປ້ອງກັນຊາຍແດນ", "ທະຫານຊາຍແດນ"},
	stats.AgencyCustoms: {"customs", "hải quan", "ພາສີ", "ກົມພາສີ", "ເຈົ້າໜ້າທີ່ພາສີ"},
	stats.AgencyOther: {"other", "others", "other agencies", "joint", "joint force", "khác", "lực lượng khác", "phối hợp",
		"ອື່ນ", "ອື່ນໆ", "ກຳລັງອື່ນ", "ກຳລັງປະສົມ"},
}

// agencyIndex maps folded names, and the names as written in lower case,
// to agencies.
var agencyIndex = func() map[string]stats.Agency {
	m := map[string]stats.Agency{}
	for _, a := range stats.Agencies() {
		for _, n := range append(agencyNames[a], string(a)) {
			m[textfold.Fold(n)] = a
			m[strings.ToLower(n)] = a
		}
	}
	return m
}()

// agency returns the agency text names; an empty cell is the police,
// whose own figures most provincial reports are.
func agency(text string) (stats.Agency, *borderlink.Error) {
	if text == "" {
		return stats.AgencyPolice, nil
	}
	if a, ok := agencyIndex[strings.ToLower(text)]; ok { // the usual spellings, without folding
		return a, nil
	}
	for _, s := range readings(text) {
		if a, ok := agencyIndex[textfold.Fold(s)]; ok {
			return a, nil
		}
	}
	return "", borderlink.Errorf(borderlink.EInvalid, "error.stats_agency_unknown",
		"unknown agency "+text, "agency", text)
}

// unitNames are names of quantity units, beside their codes and the names
// in drug-types.json, as clerks write them.
var unitNames = map[string][]string{
	"kg":     {"kgs", "kilogram", "kilograms", "kilo", "kilos", "ki-lô-gam", "ki lô", "cân", "ກິໂລ", "ກິໂລກຣາມ"},
	"g":      {"gr", "gram", "grams", "gramme", "gam", "ກຣາມ"},
	"t":      {"tonne", "tonnes", "ton", "tons", "tấn", "ໂຕນ"},
	"pills":  {"pill", "tablet", "tablets", "viên", "viên nén", "ເມັດ"},
	"block":  {"blocks", "cake", "cakes", "bánh", "ກ້ອນ"},
	"plants": {"plant", "tree", "trees", "cây", "ຕົ້ນ"},
	"units":  {"unit", "packet", "packets", "blotter", "blotters", "gói", "tép", "tem", "ຖົງ", "ຫໍ່"},
	"l":      {"litre", "litres", "liter", "liters", "lít", "ລິດ"},
	"ml":     {"millilitre", "millilitres", "milliliter", "mi-li-lít", "ມິນລີລິດ", "ມລ"},
	"ha":     {"hectare", "hectares", "héc-ta", "hécta", "ເຮັກຕາ"},
	"m2":     {"m²", "sq m", "square metre", "square metres", "square meter", "mét vuông", "ຕາແມັດ"},
}

// measures maps folded unit names to unit codes.
type measures map[string]string

func newMeasures(d *refdata.Drugs) measures {
	m := measures{}
	add := func(name, code string) {
		if k := textfold.Fold(name); k != "" {
			if _, taken := m[k]; !taken {
				m[k] = code
			}
		}
	}
	for _, u := range d.Units { // codes first: they win over any name
		add(u.Code, u.Code)
	}
	for _, u := range d.Units {
		for _, n := range unitNames[u.Code] {
			add(n, u.Code)
		}
		for _, n := range []string{u.EN, u.VI, u.LO} {
			for _, part := range strings.Split(primary(n), "/") {
				add(part, u.Code)
			}
		}
	}
	return m
}

// code returns the unit code text names, or text itself, which
// stats.Convert then refuses as an unknown unit.
func (m measures) code(text string) string {
	for _, s := range readings(text) {
		if c, ok := m[textfold.Fold(s)]; ok {
			return c
		}
	}
	return text
}

// readings returns text and, when it holds characters of the Latin-1
// range, its TCVN3 and VNI readings. A cell too short for vnlegacy to be
// sure of ("HÐr«in") is then still found by name, and a name that exists in
// only one reading cannot be a false match.
func readings(text string) []string {
	out := []string{text}
	if isASCII(text) || !hasLatin1(text) {
		return out
	}
	for _, e := range []vnlegacy.Encoding{vnlegacy.TCVN3, vnlegacy.VNI} {
		if s := vnlegacy.Decode(text, e); s != text {
			out = append(out, s)
		}
	}
	return out
}

func hasLatin1(s string) bool {
	for _, r := range s {
		if r >= 0x80 && r <= 0xFF {
			return true
		}
	}
	return false
}

// fits reports whether drug t is reported in some unit of dimension dim,
// such as pills (pieces) for METH_TABLET but not for METH_CRYSTAL.
func fits(t refdata.DrugType, dim stats.Dimension) bool {
	return slices.ContainsFunc(t.Units(), func(u string) bool {
		d, ok := stats.UnitDimension(u)
		return ok && d == dim
	})
}

// unitList lists a drug's units for a message: "pills, kg, g".
func unitList(t refdata.DrugType) string { return strings.Join(t.Units(), ", ") }

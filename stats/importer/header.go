package importer

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n/textfold"
)

// headerSearchRows is how many non-blank rows at the top of a file may
// come before its header: report titles, the issuing unit, a blank line.
const headerSearchRows = 20

// headerNames are the headers each field is known by, in Vietnamese, Lao
// and English as provincial spreadsheets write them. They are compared
// folded (textfold), so letter case, diacritics, punctuation and the two
// spellings of Lao ໜ/ຫນ do not matter; the field code itself is accepted
// too. A header is matched whole: "Khối lượng" is a quantity whose unit is
// in another column, "Khối lượng (kg)" a weight in kilograms.
//
// "Unit" alone is either: the police unit (the place) in a report that has
// no other place column, else the unit of measure, as the field code
// "unit" is; see DetectMapping.
var headerNames = map[Field][]string{
	FieldDate: {"Ngày", "Ngày phát hiện", "Ngày bắt giữ", "Ngày thu giữ", "Ngày tháng", "Thời gian", "Tháng", "Kỳ báo cáo",
		"ວັນທີ", "ວັນເດືອນປີ", "ເດືອນ", "ວັນທີກວດພົບ",
		"Date", "Day", "Month", "Period", "Date detected"},
	FieldPlace: {"Tỉnh", "Tỉnh/Thành phố", "Tỉnh, thành phố", "Địa bàn", "Địa phương", "Đơn vị", "Mã đơn vị", "Mã địa bàn", "Nơi phát hiện",
		"ແຂວງ", "ສະຖານທີ່", "ພື້ນທີ່", "ໜ່ວຍງານ", "ລະຫັດໜ່ວຍງານ",
		"Province", "Place", "Unit code", "Place code", "Location"},
	FieldAgency: {"Lực lượng", "Lực lượng bắt giữ", "Lực lượng phát hiện", "Cơ quan", "Cơ quan bắt giữ",
		"ກຳລັງ", "ກຳລັງກວດພົບ",
		"Agency", "Force"},
	FieldDrug: {"Loại ma túy", "Ma túy", "Chất ma túy", "Loại",
		"ປະເພດຢາເສບຕິດ", "ຢາເສບຕິດ", "ປະເພດ",
		"Drug", "Drug type", "Type of drug", "Substance"},
	FieldCases: {"Số vụ", "Vụ", "Số vụ việc",
		"ຈຳນວນຄະດີ", "ຄະດີ",
		"Cases", "Number of cases"},
	FieldArrests: {"Số đối tượng", "Số người bị bắt", "Số đối tượng bị bắt", "Đối tượng", "Số người",
		"ຈຳນວນຜູ້ຖືກຈັບ", "ຜູ້ຖືກຈັບ", "ຈຳນວນຜູ້ຕ້ອງຫາ", "ຜູ້ຕ້ອງຫາ",
		"Arrests", "Persons", "Persons arrested", "Suspects"},
	FieldQuantity: {"Khối lượng", "Số lượng",
		"ປະລິມານ",
		"Quantity", "Amount"},
	FieldUnit: {"Đơn vị tính", "ĐVT", "Đơn vị đo",
		"ຫົວໜ່ວຍ", "ຫົວໜ່ວຍນັບ",
		"Unit of measure", "Measure", "UOM", "Quantity unit"},
	FieldPieces: {"Số viên", "Số bánh", "Số cây", "Số lượng (viên)",
		"ຈຳນວນເມັດ", "ເມັດ",
		"Pills", "Pieces", "Tablets", "Number of pills", "Count"},
	FieldWeightKG: {"Trọng lượng (kg)", "Trọng lượng", "Khối lượng (kg)", "Trọng lượng kg",
		"ນ້ຳໜັກ (ກິໂລ)", "ນ້ຳໜັກ (kg)", "ນ້ຳໜັກ (ກິໂລກຣາມ)", "ນ້ຳໜັກ", "ປະລິມານ (ກິໂລ)",
		"Weight (kg)", "Weight", "kg", "Quantity (kg)"},
	FieldReference: {"Số hiệu", "Mã vụ", "Số hồ sơ", "Mã hồ sơ",
		"ລະຫັດຄະດີ", "ເລກທີຄະດີ", "ເລກທີ",
		"Reference", "Ref", "Case", "Case number", "Case no"},
}

// headerIndex maps a folded header to its field.
var headerIndex = func() map[string]Field {
	m := map[string]Field{}
	for _, f := range Fields() {
		for _, h := range append(headerNames[f], string(f)) {
			k := textfold.Fold(h)
			if other, ok := m[k]; ok && other != f {
				panic(fmt.Sprintf("importer: header %q names both %s and %s", h, other, f))
			}
			m[k] = f
		}
	}
	return m
}()

// DetectMapping finds the fields among the cells of a header row. Unknown
// headers are ignored, so a spreadsheet may keep its own columns (notes,
// totals, the officer in charge). The problems are a field given by two
// columns (the first is kept in the mapping), and a date, place or figure
// column missing, without which no row can be read; Problem.Line is 0.
func DetectMapping(header []string) (Mapping, []Problem) {
	m := Mapping{}
	var probs []Problem
	add := func(f Field, i int) {
		if j, dup := m[f]; dup {
			probs = append(probs, problemOf(0, header[i], borderlink.Errorf(borderlink.EInvalid, "error.import_column_twice",
				fmt.Sprintf("the columns %q and %q both give the %s", header[j], header[i], f),
				"field", string(f), "first", header[j], "second", header[i])))
			return
		}
		m[f] = i
	}
	var units []int // columns headed "Unit", told apart once the rest is known
	for i, h := range header {
		k := textfold.Fold(h)
		if k == ambiguousUnit {
			units = append(units, i)
			continue
		}
		if f, ok := headerIndex[k]; ok {
			add(f, i)
		}
	}
	for _, i := range units {
		if _, ok := m[FieldPlace]; !ok {
			m[FieldPlace] = i
		} else {
			add(FieldUnit, i)
		}
	}
	return m, append(probs, m.missing()...)
}

// ambiguousUnit is the folded header "Unit" (see headerNames).
const ambiguousUnit = "unit"

// missing reports the fields a file cannot do without.
func (m Mapping) missing() []Problem {
	var probs []Problem
	if _, ok := m[FieldDate]; !ok {
		probs = append(probs, problemOf(0, "", borderlink.Errorf(borderlink.EInvalid, "error.import_no_date_column",
			"the header has no date column")))
	}
	if _, ok := m[FieldPlace]; !ok {
		probs = append(probs, problemOf(0, "", borderlink.Errorf(borderlink.EInvalid, "error.import_no_place_column",
			"the header has no place column")))
	}
	if !slices.ContainsFunc(figureFields, func(f Field) bool { _, ok := m[f]; return ok }) {
		probs = append(probs, problemOf(0, "", borderlink.Errorf(borderlink.EInvalid, "error.import_no_figure_column",
			"the header has no column of figures (cases, arrests, quantity, pills, weight)")))
	}
	return probs
}

// validate checks a mapping given by the caller: known fields, columns that
// exist in a spreadsheet, no column used twice, and the required fields.
func (m Mapping) validate() error {
	used := map[int]Field{}
	for _, f := range Fields() {
		i, ok := m[f]
		if !ok {
			continue
		}
		if other, taken := used[i]; i < 0 || i >= maxColumns || taken {
			msg := fmt.Sprintf("column %d cannot hold the %s", i, f)
			if taken {
				msg += " as it already holds the " + string(other)
			}
			return borderlink.Errorf(borderlink.EInvalid, "error.import_mapping_invalid", msg,
				"field", string(f), "column", columnLetters(i))
		}
		used[i] = f
	}
	for f := range m {
		if !slices.Contains(Fields(), f) {
			return borderlink.Errorf(borderlink.EInvalid, "error.import_mapping_invalid",
				"no such field "+strconv.Quote(string(f)), "field", string(f), "column", columnLetters(m[f]))
		}
	}
	if probs := m.missing(); len(probs) > 0 {
		return probs[0].err()
	}
	return nil
}

// maxColumns is the number of columns of an Excel sheet.
const maxColumns = 16384

// columnLetters names a 0-based column as a spreadsheet does: A … Z, AA ….
func columnLetters(i int) string {
	if i < 0 {
		return strconv.Itoa(i)
	}
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append(b, byte('A'+(i-1)%26))
	}
	slices.Reverse(b)
	return string(b)
}

package units

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Lao-script forms of Vietnamese place names. The reference data gives
// Lao names for Lao places only, so the Lao forms of Vietnamese provinces
// below are the ones the Lao press uses; district and commune names are
// transcribed syllable by syllable from vnSyllables, following the same
// conventions (Sơn → ເຊີນ as in ເຊີນລາ, Hóa → ຮວາ as in ທັນຮວາ). These are
// for display beside the Vietnamese original and should be confirmed by a
// Lao speaker before they appear on official documents (docs/units.md).
var vnPlacesLO = map[string]string{
	"Điện Biên":      "ດ້ຽນບຽນ",
	"Sơn La":         "ເຊີນລາ",
	"Thanh Hóa":      "ທັນຮວາ",
	"Nghệ An":        "ເງະອານ",
	"Hà Tĩnh":        "ຮ່າຕິ້ງ",
	"Quảng Bình":     "ກວາງບິ່ງ",
	"Quảng Trị":      "ກວາງຈິ",
	"Thừa Thiên Huế": "ເທື່ອທຽນເຫວ້",
	"Huế":            "ເຫວ້",
	"Quảng Nam":      "ກວາງນາມ",
	"Đà Nẵng":        "ດ່ານັງ",
	"Quảng Ngãi":     "ກວາງງາຍ",
	"Kon Tum":        "ກອນຕູມ",
	"Đakrông":        "ດາກຣົງ",
}

// vnSyllables transcribes the syllables of the Vietnamese district and
// commune names that Seed uses.
var vnSyllables = map[string]string{
	// Tai toponyms of the north-west, written with their Lao cognates.
	"Mường": "ເມືອງ", "Nậm": "ນ້ຳ", "Na": "ນາ", "Huổi": "ຫ້ວຍ", "Pá": "ປ່າ", "Chiềng": "ຊຽງ",
	"Sốp": "ສົບ", "Phiêng": "ພຽງ", "Tà": "ຕາ", "Pú": "ພູ", "Hua": "ຫົວ", "Lay": "ໄລ", "Pồ": "ໂປ",
	"Khoa": "ຂວາ", "Chà": "ຈາ", "Lói": "ລ້ອຍ", "Mùn": "ມຸນ", "Luân": "ລວນ", "Lạn": "ລານ", "Khương": "ເຂືອງ",
	"Cang": "ກາງ", "Hỏm": "ຫອມ", "Xe": "ແຊ", "Ẳng": "ອັງ", "Kè": "ແກ", "Toong": "ຕອງ", "Pắc": "ປາກ",
	"Sại": "ຊາຍ", "Mòn": "ມອນ", "Hin": "ຫີນ", "Nhé": "ເຍ", "Ư": "ອື", "Mèo": "ແມວ", "Cắn": "ກັນ",
	"Lóng": "ລົງ", "Sập": "ຊັບ", "Tén": "ເຕັນ", "Tằn": "ຕັນ", "Si": "ສີ", "Pa": "ປາ", "Phìn": "ພິນ",
	"Thông": "ທົງ", "Thụ": "ທູ", "Tam": "ຕາມ", "Hợp": "ຫ້ອບ", "Cộp": "ກົບ", "Lát": "ລາດ",
	// Sino-Vietnamese syllables.
	"Sơn": "ເຊີນ", "Hương": "ເຮືອງ", "Thượng": "ເທືອງ", "Tân": "ເຕິນ", "Phúc": "ຟຸກ", "Đức": "ດຶກ",
	"Kim": "ກິມ", "Lâm": "ເລິມ", "Trường": "ເຈືອງ", "Dân": "ເຢິນ", "Trọng": "ຈ້ອງ", "Hòa": "ຮວາ",
	"Thanh": "ແທັງ", "Phú": "ຟູ", "Hồng": "ຮົ່ງ", "Lĩnh": "ລິ້ງ", "Thủy": "ທວີ", "Hóa": "ຮວາ",
	"Trạch": "ແຈັກ", "Lập": "ເລິບ", "An": "ອານ", "Bình": "ບິ່ງ", "Lộc": "ລົກ", "Tiến": "ຕຽນ",
	"Quang": "ກວາງ", "Long": "ລອງ", "Chương": "ເຈືອງ", "Lao": "ລາວ", "Bảo": "ບາວ", "Điện": "ດ້ຽນ",
	"Biên": "ບຽນ", "Đông": "ດົງ", "Sông": "ຊົງ", "Mã": "ມ້າ", "Mai": "ມາຍ", "Yên": "ອຽນ", "Châu": "ເຈົາ",
	"Mộc": "ໂມກ", "Vân": "ເວີນ", "Hồ": "ໂຮ", "Quan": "ກວານ", "Lang": "ລາງ", "Chánh": "ແຈັງ",
	"Thường": "ເທືອງ", "Xuân": "ຊວນ", "Quế": "ເກວ", "Phong": "ຟອງ", "Tương": "ເຕືອງ", "Dương": "ເຢືອງ",
	"Kỳ": "ກີ", "Con": "ກອນ", "Cuông": "ກວງ", "Anh": "ແອັງ", "Vũ": "ວູ", "Khê": "ເຂ", "Tuyên": "ຕວຽນ",
	"Minh": "ມິງ", "Bố": "ບໍ", "Quảng": "ກວາງ", "Ninh": "ນິງ", "Lệ": "ເລ", "Tây": "ເຕີຍ", "Giang": "ຢາງ",
	"Nam": "ນາມ", "Phước": "ເຟືອກ", "Ngọc": "ງອກ", "Hồi": "ຮອຍ",
	// Mon-Khmer (Katu, Ta Oi, Gie-Trieng) toponyms of the central highlands.
	"A": "ອາ", "Ba": "ບາ", "Đắk": "ດັກ", "Pờ": "ເປີ", "Sa": "ຊາ", "Ga": "ກາ", "La": "ລາ", "Hướng": "ເຮືອງ",
	"Ngo": "ໂງ", "Vao": "ວາວ", "Bung": "ບຸງ", "Nang": "ນາງ", "Túc": "ຕຸກ", "Nhoong": "ຍອງ", "Môn": "ມົນ",
	"Y": "ອີ", "Loong": "ລອງ", "Ri": "ຣີ", "Xan": "ຊານ", "Dêê": "ເດ", "Roòng": "ຣອງ", "Tiêng": "ຕຽງ",
	"Vương": "ເວືອງ", "Lưới": "ເລີຍ", "Glei": "ເກລີ",
}

// laoOf returns the Lao form of a Vietnamese place name: the known form of
// the whole name, else the syllables transcribed (digits kept), else the
// name without diacritics when a syllable is not in the table.
func laoOf(vi string) string {
	vi = norm.NFC.String(vi)
	if lo, ok := vnPlacesLO[vi]; ok {
		return lo
	}
	var b strings.Builder
	for _, syl := range strings.Fields(vi) {
		if lo, ok := vnSyllables[syl]; ok {
			b.WriteString(lo)
			continue
		}
		if strings.IndexFunc(syl, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			b.WriteString(" " + syl)
			continue
		}
		return romanize(vi)
	}
	return b.String()
}

// romanize writes Vietnamese without diacritics, the form English texts and
// the machine-readable zone of documents use: "Điện Biên" → "Dien Bien".
func romanize(vi string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(vi) {
		switch {
		case r >= 0x0300 && r <= 0x036F:
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

package units

// Tables for the demonstration data (Seed with Demo). District names are the
// real border districts of each Vietnamese province before 2025; the Lao
// district each faces is taken from the border gates of the reference data
// where one links them (Tây Trang: Điện Biên ↔ Mai; Cầu Treo: Hương Sơn ↔
// Khamkeut; Lao Bảo: Hướng Hóa ↔ Sepon; Bờ Y: Ngọc Hồi ↔ Phouvong …) and
// is otherwise a plausible neighbour. Known communes are real communes at
// the border (mostly the sites of border gates); the rest are generated from
// the region's toponym elements. None of it is authoritative.

type demoDistrict struct {
	vi     string
	facing string   // 4-digit code of the facing Lao district
	known  []string // real communes at the border; "thị trấn " marks a township
}

// demoDistricts lists the border districts by the province's 2004 code.
var demoDistricts = map[string][]demoDistrict{
	"11": { // Điện Biên
		{"Mường Nhé", "0206", []string{"Mường Nhé"}},
		{"Nậm Pồ", "0204", []string{"Si Pa Phìn"}},
		{"Mường Chà", "0203", nil},
		{"Điện Biên", "0202", []string{"Na Ư", "Mường Lói"}},
		{"Điện Biên Đông", "0610", nil},
	},
	"14": { // Sơn La
		{"Sốp Cộp", "0708", nil},
		{"Sông Mã", "0702", []string{"Chiềng Khương"}},
		{"Mai Sơn", "0703", nil},
		{"Yên Châu", "0703", nil},
		{"Mộc Châu", "0707", []string{"Lóng Sập"}},
		{"Vân Hồ", "0707", nil},
	},
	"38": { // Thanh Hóa
		{"Mường Lát", "0707", []string{"Tén Tằn"}},
		{"Quan Hóa", "0704", nil},
		{"Quan Sơn", "0704", []string{"Na Mèo"}},
		{"Lang Chánh", "0706", nil},
		{"Thường Xuân", "0706", nil},
	},
	"40": { // Nghệ An
		{"Quế Phong", "0706", []string{"Thông Thụ"}},
		{"Kỳ Sơn", "0903", []string{"Nậm Cắn"}},
		{"Tương Dương", "1107", []string{"Tam Hợp"}},
		{"Con Cuông", "1107", nil},
		{"Anh Sơn", "1106", nil},
		{"Thanh Chương", "1106", []string{"Thanh Thủy"}},
	},
	"42": { // Hà Tĩnh
		{"Hương Sơn", "1105", []string{"Sơn Kim 1"}},
		{"Vũ Quang", "1105", nil},
		{"Hương Khê", "1207", nil},
	},
	"44": { // Quảng Bình
		{"Tuyên Hóa", "1207", nil},
		{"Minh Hóa", "1206", []string{"Dân Hóa"}},
		{"Bố Trạch", "1206", nil},
		{"Quảng Ninh", "1306", nil},
		{"Lệ Thủy", "1306", nil},
	},
	"45": { // Quảng Trị
		{"Hướng Hóa", "1305", []string{"thị trấn Lao Bảo", "Thanh", "Hướng Lập"}},
		{"Đakrông", "1408", []string{"A Ngo"}},
	},
	"46": { // Thừa Thiên Huế
		{"A Lưới", "1402", []string{"Hồng Vân"}},
	},
	"49": { // Quảng Nam
		{"Tây Giang", "1502", nil},
		{"Nam Giang", "1503", []string{"La Dêê"}},
		{"Phước Sơn", "1503", nil},
	},
	"62": { // Kon Tum
		{"Đắk Glei", "1704", nil},
		{"Ngọc Hồi", "1705", []string{"Pờ Y"}},
	},
}

// communesPerDistrict is how many commune police units each demo district
// had before 2025-07-01; they merge two by two on that date.
const communesPerDistrict = 4

// extraVillages is how many villages away from the border each facing Lao
// district gets besides one per Vietnamese commune facing it.
const extraVillages = 2

// Toponym elements of each region, combined first + second.
type region struct{ first, second []string }

var (
	regionTai = region{ // Thái areas of the north-west and Nghệ An
		first:  []string{"Mường", "Nậm", "Na", "Huổi", "Pá", "Chiềng", "Sốp", "Phiêng", "Pú", "Hua"},
		second: []string{"Lay", "Pồ", "Khoa", "Chà", "Lói", "Mùn", "Luân", "Lạn", "Khương", "Cang", "Hỏm", "Xe", "Ẳng", "Kè", "Toong", "Pắc", "Sại", "Mòn", "Hin"},
	}
	regionSino = region{ // Hà Tĩnh and Quảng Bình
		first:  []string{"Sơn", "Hương", "Thượng", "Tân", "Phúc", "Đức", "Kim", "Lâm", "Trường", "Trọng", "Yên", "Thanh", "Phú"},
		second: []string{"Kim", "Hồng", "Lĩnh", "Thủy", "Hóa", "Trạch", "Lập", "An", "Bình", "Lộc", "Hợp", "Tiến", "Quang", "Long"},
	}
	regionHighland = region{ // Katu, Ta Oi and Gie-Trieng areas of the centre
		first:  []string{"A", "Tà", "Ba", "Đắk", "Pờ", "Sa", "Ga", "La", "Hướng"},
		second: []string{"Ngo", "Vao", "Bung", "Long", "Nang", "Túc", "Nhoong", "Môn", "Y", "Loong", "Ri", "Xan", "Roòng", "Tiêng", "Vương"},
	}
)

var provinceRegion = map[string]region{
	"11": regionTai, "14": regionTai, "38": regionTai, "40": regionTai,
	"42": regionSino, "44": regionSino,
	"45": regionHighland, "46": regionHighland, "49": regionHighland, "62": regionHighland,
}

// laoElement is a Lao toponym element in Lao script, its common
// romanisation and its Vietnamese transcription.
type laoElement struct{ lo, rom, vi string }

var laoFirst = []laoElement{
	{"ນາ", "Na", "Na"}, {"ນ້ຳ", "Nam", "Nậm"}, {"ຫ້ວຍ", "Houay", "Huổi"}, {"ພູ", "Phou", "Phu"},
	{"ໂພນ", "Phone", "Phôn"}, {"ດອນ", "Done", "Đon"}, {"ທ່າ", "Tha", "Thà"}, {"ປາກ", "Pak", "Pạc"},
	{"ສົບ", "Sop", "Xốp"}, {"ໜອງ", "Nong", "Noọng"}, {"ຊຽງ", "Xieng", "Xiêng"}, {"ວຽງ", "Vieng", "Viêng"},
	{"ໂຄກ", "Khok", "Khốc"}, {"ຫາດ", "Hat", "Hát"},
}

var laoSecond = []laoElement{
	{"ໄຊ", "xay", "Xay"}, {"ຄຳ", "kham", "Khăm"}, {"ທອງ", "thong", "Thoong"}, {"ແສງ", "seng", "Xeng"},
	{"ໃໝ່", "mai", "Mày"}, {"ເໜືອ", "neua", "Nưa"}, {"ໃຕ້", "tai", "Tạy"}, {"ກາງ", "kang", "Càng"},
	{"ສະຫວ່າງ", "savang", "Xa-vạng"}, {"ແກ້ວ", "keo", "Kẹo"}, {"ຄູນ", "khoun", "Khun"}, {"ແດງ", "deng", "Đeng"},
	{"ຂາວ", "khao", "Khao"}, {"ຫຼວງ", "luang", "Luông"}, {"ນ້ອຍ", "noy", "Nọi"}, {"ສີ", "sy", "Xi"},
	{"ມີໄຊ", "mixay", "Mi-xay"}, {"ໂພສີ", "phosy", "Phô-xi"},
}

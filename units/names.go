package units

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
)

// Unit names are built from the place name by the conventions of each
// country's police, in each language. Lao forms of Vietnamese place names
// come from laoOf (lao_script.go).

func ministryVN(country borderlink.Text) borderlink.Text {
	return borderlink.Text{
		VI: "Bộ Công an",
		LO: "ກະຊວງປ້ອງກັນຄວາມສະຫງົບ " + country.LO,
		EN: "Ministry of Public Security of " + country.EN,
	}
}

func ministryLA(lo string) borderlink.Text {
	return borderlink.Text{VI: "Bộ An ninh Lào", LO: lo, EN: "Ministry of Public Security of Laos"}
}

// vnPlace returns a Vietnamese place name in the three languages: the
// Vietnamese form, its Lao form and its form without diacritics.
func vnPlace(vi, en string) borderlink.Text {
	if en == "" {
		en = romanize(vi)
	}
	return borderlink.Text{VI: vi, LO: laoOf(vi), EN: en}
}

// vnProvinceName names the police of a province, or of a centrally-run city
// ("Công an thành phố Huế").
func vnProvinceName(p borderlink.Text, city bool) borderlink.Text {
	if city {
		return borderlink.Text{VI: "Công an thành phố " + p.VI, LO: "ກອງບັນຊາການ ປກສ ນະຄອນ " + p.LO, EN: p.EN + " City Police"}
	}
	return borderlink.Text{VI: "Công an tỉnh " + p.VI, LO: "ກອງບັນຊາການ ປກສ ແຂວງ " + p.LO, EN: p.EN + " Provincial Police"}
}

func vnDistrictName(p borderlink.Text) borderlink.Text {
	return borderlink.Text{VI: "Công an huyện " + p.VI, LO: "ກອງບັນຊາການ ປກສ ເມືອງ " + p.LO, EN: p.EN + " District Police"}
}

// vnCommuneName names commune police; kind is "xã" (commune) or "thị trấn"
// (township).
func vnCommuneName(p borderlink.Text, kind string) borderlink.Text {
	en := " Commune Police"
	if kind == "thị trấn" {
		en = " Township Police"
	}
	return borderlink.Text{VI: "Công an " + kind + " " + p.VI, LO: "ປກສ ຕາແສງ " + p.LO, EN: p.EN + en}
}

func laProvinceName(p borderlink.Text) borderlink.Text {
	return borderlink.Text{
		VI: "Bộ Chỉ huy An ninh tỉnh " + p.VI,
		LO: "ກອງບັນຊາການ ປກສ ແຂວງ " + p.LO,
		EN: primary(p.EN) + " Provincial Public Security Command",
	}
}

func laDistrictName(p borderlink.Text) borderlink.Text {
	return borderlink.Text{
		VI: "Ban Chỉ huy An ninh huyện " + p.VI,
		LO: "ກອງບັນຊາການ ປກສ ເມືອງ " + p.LO,
		EN: primary(p.EN) + " District Public Security Command",
	}
}

// laVillageName names a village security unit; p is the village's name,
// which in Lao already starts with ບ້ານ (village).
func laVillageName(p borderlink.Text) borderlink.Text {
	return borderlink.Text{
		VI: "Tổ An ninh " + lowerFirst(p.VI),
		LO: "ໜ່ວຍ ປກສ " + p.LO,
		EN: p.EN + " Village Security Unit",
	}
}

// primary returns a name without the variant in brackets: "Mai (May)" →
// "Mai".
func primary(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		return s[:i]
	}
	return s
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

package vnlegacy

// vietLower holds the 67 lowercase Vietnamese letters that carry a
// diacritic, vowel by vowel, each followed by its five toned forms in the
// order grave, hook above, tilde, acute, dot below. With their 67 capitals
// (strings.ToUpper) they are the 134 precomposed letters that both legacy
// tables must cover.
const vietLower = "" +
	"àảãáạ" + "ăằẳẵắặ" + "âầẩẫấậ" +
	"èẻẽéẹ" + "êềểễếệ" +
	"ìỉĩíị" +
	"òỏõóọ" + "ôồổỗốộ" + "ơờởỡớợ" +
	"ùủũúụ" + "ưừửữứự" +
	"ỳỷỹýỵ" +
	"đ"

// tcvn3 maps each byte that TCVN 5712:1993 VN3 assigns to its letter; zero
// means the byte is not a Vietnamese letter in VN3 and is left alone.
//
// VN3 has the 67 lowercase letters and only seven capitals. A capital with
// a tone mark (Ầ, Ộ, …) was typed as the lowercase byte and drawn upper
// case by an all-capitals font (.VnTimeH, .VnArialH); which font a cell used
// is lost by the time its text reaches us, so those bytes decode to the
// lowercase letter. The capitals that VN1/VN2 put at 0x80–0x9F and in the
// gaps below (0xC0–0xC5, 0xD9–0xDB, …) are not part of VN3 and are not
// mapped: 0x80–0x9F in particular hold Windows-1252 quotes and dashes.
var tcvn3 = [256]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',

	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',

	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',

	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',

	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',

	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',

	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

// Unicode combining marks, named as in Vietnamese grammar books.
const (
	grave      = "\u0300" // huyền
	acute      = "\u0301" // sắc
	circumflex = "\u0302" // mũ: â ê ô
	tilde      = "\u0303" // ngã
	breve      = "\u0306" // trăng: ă
	hook       = "\u0309" // hỏi
	dotBelow   = "\u0323" // nặng
)

// vniMarks maps each VNI-Windows mark byte to the combining marks it puts
// on the vowel before it. These are the lowercase-font bytes; the mark for
// a capital vowel is the same byte less 0x20 ("A" + 0xD8 draws "À"), just
// as Latin-1 upper and lower case letters differ by 0x20.
var vniMarks = map[byte]string{
	0xF8: grave, 0xFB: hook, 0xF5: tilde, 0xF9: acute, 0xEF: dotBelow,

	0xE2: circumflex,
	0xE0: circumflex + grave, 0xE5: circumflex + hook, 0xE3: circumflex + tilde,
	0xE1: circumflex + acute, 0xE4: circumflex + dotBelow,

	0xEA: breve,
	0xE8: breve + grave, 0xFA: breve + hook, 0xFC: breve + tilde,
	0xE9: breve + acute, 0xEB: breve + dotBelow,
}

// vniLetters maps the VNI-Windows bytes that stand for a whole letter:
// ơ and ư (which may still take a tone mark after them), đ, the toned i and
// ỵ, whose marks sit too close to the letter to be drawn by an overlay.
var vniLetters = map[byte]rune{
	0xF4: 'ơ', 0xD4: 'Ơ',
	0xF6: 'ư', 0xD6: 'Ư',
	0xF1: 'đ', 0xD1: 'Đ',
	0xEC: 'ì', 0xCC: 'Ì',
	0xE6: 'ỉ', 0xC6: 'Ỉ',
	0xF3: 'ĩ', 0xD3: 'Ĩ',
	0xED: 'í', 0xCD: 'Í',
	0xF2: 'ị', 0xD2: 'Ị',
	0xEE: 'ỵ', 0xCE: 'Ỵ',
}

// vniBases are the letters a VNI mark byte may follow.
const vniBases = "aeiouyAEIOUYơưƠƯ"

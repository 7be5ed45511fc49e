package vnlegacy

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// allLetters returns the 134 precomposed Vietnamese letters.
func allLetters() []rune {
	return []rune(vietLower + strings.ToUpper(vietLower))
}

func TestLetterList(t *testing.T) {
	letters := allLetters()
	if len(letters) != 134 {
		t.Fatalf("have %d letters, want 134", len(letters))
	}
	seen := make(map[rune]bool)
	for _, r := range letters {
		if seen[r] {
			t.Errorf("%q listed twice", r)
		}
		seen[r] = true
		if !unicode.IsLetter(r) || r < 0xC0 {
			t.Errorf("%q is not an accented letter", r)
		}
	}
}

// encodeTCVN3 is the inverse of the tcvn3 table, for tests only. A capital
// with a tone has no byte of its own and is written with the lowercase
// byte, as a typist using an all-capitals font would.
func encodeTCVN3(t *testing.T, s string) string {
	t.Helper()
	inv := make(map[rune]rune)
	for b, r := range tcvn3 {
		if r != 0 {
			inv[r] = rune(b)
		}
	}
	var sb strings.Builder
	for _, r := range s {
		if b, ok := inv[r]; ok {
			sb.WriteRune(b)
		} else if b, ok := inv[unicode.ToLower(r)]; ok {
			sb.WriteRune(b)
		} else if r < utf8.RuneSelf {
			sb.WriteRune(r)
		} else {
			t.Fatalf("TCVN3 cannot write %q", r)
		}
	}
	return sb.String()
}

// encodeVNI is the inverse of the VNI tables, for tests only.
func encodeVNI(t *testing.T, s string) string {
	t.Helper()
	letter := make(map[rune]rune)
	for b, r := range vniLetters {
		letter[r] = rune(b)
	}
	pair := make(map[rune]vniPair)
	for p, r := range vniCompose {
		pair[r] = p
	}
	var sb strings.Builder
	for _, r := range s {
		if b, ok := letter[r]; ok {
			sb.WriteRune(b)
			continue
		}
		p, ok := pair[r]
		if !ok {
			if r >= utf8.RuneSelf {
				t.Fatalf("VNI cannot write %q", r)
			}
			sb.WriteRune(r)
			continue
		}
		mark := rune(p.mark)
		if unicode.IsUpper(p.base) {
			mark -= 0x20
		}
		if b, ok := letter[p.base]; ok { // ơ, ư
			sb.WriteRune(b)
		} else {
			sb.WriteRune(p.base)
		}
		sb.WriteRune(mark)
	}
	return sb.String()
}

// TestTCVN3Reference checks the table against the published VN3 chart,
// written out here a second time in the order of vietLower.
func TestTCVN3Reference(t *testing.T) {
	const chart = "" +
		"B5 B6 B7 B8 B9  A8 BB BC BD BE C6  A9 C7 C8 C9 CA CB " +
		"CC CE CF D0 D1  AA D2 D3 D4 D5 D6 " +
		"D7 D8 DC DD DE " +
		"DF E1 E2 E3 E4  AB E5 E6 E7 E8 E9  AC EA EB EC ED EE " +
		"EF F1 F2 F3 F4  AD F5 F6 F7 F8 F9 " +
		"FA FB FC FD FE  AE"
	codes := strings.Fields(chart)
	lower := []rune(vietLower)
	if len(codes) != len(lower) {
		t.Fatalf("chart has %d codes for %d letters", len(codes), len(lower))
	}
	for i, c := range codes {
		var b byte
		for _, d := range c {
			b = b<<4 | byte(strings.IndexRune("0123456789ABCDEF", d))
		}
		if tcvn3[b] != lower[i] {
			t.Errorf("TCVN3 0x%s = %q, want %q", c, tcvn3[b], lower[i])
		}
	}
	for b, want := range map[byte]rune{0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ'} {
		if tcvn3[b] != want {
			t.Errorf("TCVN3 0x%X = %q, want %q", b, tcvn3[b], want)
		}
	}
	n := 0
	for _, r := range tcvn3 {
		if r != 0 {
			n++
		}
	}
	if n != 74 {
		t.Errorf("TCVN3 maps %d bytes, want 74 (67 lowercase, 7 capitals)", n)
	}
}

// TestVNIReference checks the VNI spelling of every lowercase letter and
// a sample of capitals against the published VNI-Windows layout.
func TestVNIReference(t *testing.T) {
	ref := map[string]string{
		"à": "aø", "ả": "aû", "ã": "aõ", "á": "aù", "ạ": "aï",
		"ă": "aê", "ằ": "aè", "ẳ": "aú", "ẵ": "aü", "ắ": "aé", "ặ": "aë",
		"â": "aâ", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ấ": "aá", "ậ": "aä",
		"è": "eø", "ẻ": "eû", "ẽ": "eõ", "é": "eù", "ẹ": "eï",
		"ê": "eâ", "ề": "eà", "ể": "eå", "ễ": "eã", "ế": "eá", "ệ": "eä",
		"ì": "ì", "ỉ": "æ", "ĩ": "ó", "í": "í", "ị": "ò",
		"ò": "oø", "ỏ": "oû", "õ": "oõ", "ó": "où", "ọ": "oï",
		"ô": "oâ", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ố": "oá", "ộ": "oä",
		"ơ": "ô", "ờ": "ôø", "ở": "ôû", "ỡ": "ôõ", "ớ": "ôù", "ợ": "ôï",
		"ù": "uø", "ủ": "uû", "ũ": "uõ", "ú": "uù", "ụ": "uï",
		"ư": "ö", "ừ": "öø", "ử": "öû", "ữ": "öõ", "ứ": "öù", "ự": "öï",
		"ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ý": "yù", "ỵ": "î",
		"đ": "ñ",

		"Á": "AÙ", "Ậ": "AÄ", "Ặ": "AË", "Ề": "EÀ", "Ĩ": "Ó", "Ỉ": "Æ",
		"Ơ": "Ô", "Ợ": "ÔÏ", "Ư": "Ö", "Ứ": "ÖÙ", "Ỵ": "Î", "Ỳ": "YØ", "Đ": "Ñ",
	}
	if n := len([]rune(vietLower)); len(ref) != n+13 {
		t.Fatalf("reference has %d spellings, want %d", len(ref), n+13)
	}
	for letter, vni := range ref {
		if got := Decode(vni, VNI); got != letter {
			t.Errorf("Decode(%q, VNI) = %q, want %q", vni, got, letter)
		}
		if got := encodeVNI(t, letter); got != vni {
			t.Errorf("encodeVNI(%q) = %q, want %q", letter, got, vni)
		}
	}
}

func TestRoundTripTCVN3(t *testing.T) {
	capitals := 0
	for _, r := range allLetters() {
		enc := encodeTCVN3(t, string(r))
		if n := utf8.RuneCountInString(enc); n != 1 || []rune(enc)[0] < 0xA1 || []rune(enc)[0] > 0xFE {
			t.Errorf("encodeTCVN3(%q) = %q, want one byte in 0xA1–0xFE", r, enc)
		}
		want := string(r)
		if unicode.IsUpper(r) {
			if tcvn3Rune([]rune(enc)[0]) == r {
				capitals++
			} else {
				// VN3 has no byte for it: an all-capitals font drew the
				// lowercase byte, and it decodes to lower case.
				want = string(unicode.ToLower(r))
			}
		}
		if got := Decode(enc, TCVN3); got != want {
			t.Errorf("Decode(%q, TCVN3) = %q, want %q", enc, got, want)
		}
	}
	if capitals != 7 {
		t.Errorf("%d capitals round-trip, want 7 (Ă Â Ê Ô Ơ Ư Đ)", capitals)
	}
}

func TestRoundTripVNI(t *testing.T) {
	for _, r := range allLetters() {
		enc := encodeVNI(t, string(r))
		for _, c := range enc {
			if c > 0xFF {
				t.Errorf("encodeVNI(%q) = %q: %q is not a byte", r, enc, c)
			}
		}
		if got := Decode(enc, VNI); got != string(r) {
			t.Errorf("Decode(%q, VNI) = %q, want %q", enc, got, string(r))
		}
		// The letter inside a word, between consonants, decodes too.
		word := "th" + enc + "n"
		if got, want := Decode(word, VNI), "th"+string(r)+"n"; got != want {
			t.Errorf("Decode(%q, VNI) = %q, want %q", word, got, want)
		}
	}
}

// phrases are real place names, unit names and drug names as they come out
// of old spreadsheets, with the Unicode they stand for. detect says whether
// Fix must recognise the phrase on its own.
var phrases = []struct {
	legacy string
	enc    Encoding
	want   string
	detect bool
}{
	{"Hµ Néi", TCVN3, "Hà Nội", true},
	{"C«ng an tØnh §iÖn Biªn", TCVN3, "Công an tỉnh Điện Biên", true},
	{"NghÖ An", TCVN3, "Nghệ An", true},
	{"Hµ TÜnh", TCVN3, "Hà Tĩnh", true},
	{"Qu¶ng TrÞ", TCVN3, "Quảng Trị", true},
	{"Thanh Hãa", TCVN3, "Thanh Hóa", true},
	{"S¬n La", TCVN3, "Sơn La", true},
	{"ma tóy tæng hîp", TCVN3, "ma túy tổng hợp", true},
	{"hªr«in", TCVN3, "hêrôin", false}, // not one syllable
	{"thuèc phiÖn", TCVN3, "thuốc phiện", true},
	{"Thu gi÷ 2 gãi hªr«in", TCVN3, "Thu giữ 2 gói hêrôin", true},
	{"§èi t\u00adîng vËn chuyÓn tr¸i phÐp chÊt ma tóy", TCVN3, "Đối tượng vận chuyển trái phép chất ma túy", true},
	{"Bé ®éi Biªn phßng tØnh Qu¶ng TrÞ", TCVN3, "Bộ đội Biên phòng tỉnh Quảng Trị", true},
	{"UBND tØnh Hµ Giang", TCVN3, "UBND tỉnh Hà Giang", true},
	{"Sè 12, ®\u00adêng Lª Lîi, TP. Vinh", TCVN3, "Số 12, đường Lê Lợi, TP. Vinh", true},
	// An all-capitals .VnTimeH heading: the toned capitals come out lower.
	{"CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", TCVN3, "CộNG HòA Xã HộI CHủ NGHĩA VIệT NAM", true},

	{"Haø Noäi", VNI, "Hà Nội", true},
	{"Coâng an tænh Ñieän Bieân", VNI, "Công an tỉnh Điện Biên", true},
	{"Ngheä An", VNI, "Nghệ An", true},
	{"Haø Tónh", VNI, "Hà Tĩnh", true},
	{"Quaûng Trò", VNI, "Quảng Trị", true},
	{"Thanh Hoùa", VNI, "Thanh Hóa", true},
	{"Sôn La", VNI, "Sơn La", false}, // "Sôn" is also good Unicode
	{"ma tuùy toång hôïp", VNI, "ma túy tổng hợp", true},
	{"heâroâin", VNI, "hêrôin", false}, // not one syllable
	{"thuoác phieän", VNI, "thuốc phiện", true},
	{"Thu giöõ 2 goùi heâroâin", VNI, "Thu giữ 2 gói hêrôin", true},
	{"Ñoái töôïng vaän chuyeån traùi pheùp chaát ma tuùy", VNI, "Đối tượng vận chuyển trái phép chất ma túy", true},
	{"Nguyeãn Vaên An, sinh naêm 1985", VNI, "Nguyễn Văn An, sinh năm 1985", true},
	{"HAØ NOÄI", VNI, "HÀ NỘI", true},
	{"COÂNG AN TÆNH ÑIEÄN BIEÂN", VNI, "CÔNG AN TỈNH ĐIỆN BIÊN", true},
	{"Ñöôøng Laùng, quaän Ñoáng Ña", VNI, "Đường Láng, quận Đống Đa", true},
}

func TestDecodePhrases(t *testing.T) {
	for _, p := range phrases {
		if got := Decode(p.legacy, p.enc); got != p.want {
			t.Errorf("Decode(%q, %v) = %q, want %q", p.legacy, p.enc, got, p.want)
		}
	}
}

func TestFixPhrases(t *testing.T) {
	for _, p := range phrases {
		got, e := Fix(p.legacy)
		switch {
		case p.detect && (got != p.want || e != p.enc):
			t.Errorf("Fix(%q) = %q, %v; want %q, %v", p.legacy, got, e, p.want, p.enc)
		case !p.detect && (got != p.legacy || e != Unicode):
			t.Errorf("Fix(%q) = %q, %v; want it declined as ambiguous", p.legacy, got, e)
		}
		// The Unicode form is never taken for legacy text.
		if e := Detect(p.want); e != Unicode {
			t.Errorf("Detect(%q) = %v, want unicode", p.want, e)
		}
	}
}

func TestDetectUnicode(t *testing.T) {
	for _, s := range []string{
		"",
		"   ",
		"Công an tỉnh Điện Biên bắt giữ đối tượng vận chuyển ma túy tổng hợp",
		"Tôi là cán bộ",
		"Bộ đội Biên phòng phối hợp với Công an huyện Mường Nhé",
		"Nguyễn Văn An, sinh năm 1985, trú tại Hà Tĩnh",
		"Thanh Hóa, Nghệ An, Quảng Trị, Sơn La",
		"hêrôin và thuốc phiện",
		"Vie\u0323\u0302t Nam", // decomposed Unicode
		"The suspect crossed the border at night.",
		"Police report 2024/117",
		"ຫຼວງພະບາງ",
		"ແຂວງຫຼວງນ້ຳທາ, ເມືອງລອງ",
		"0123456789",
		"12/03/2019 14:35",
		"café crème",
		"Un café crème à la terrasse, s'il vous plaît",
		"cuisine thaï",
		"naïve résumé, déjà vu",
		"José Pérez, São Paulo",
		"« Bonjour » — dit-il",
		"5 µg, 25 °C, ½ dose",
		"Nº 1ª",
		"ë",
	} {
		if e := Detect(s); e != Unicode {
			t.Errorf("Detect(%q) = %v, want unicode", s, e)
		}
		if got, e := Fix(s); e != Unicode || got != Decode(s, Unicode) {
			t.Errorf("Fix(%q) = %q, %v; want it unchanged", s, got, e)
		}
	}
}

func TestDecodeUnicodeNormalises(t *testing.T) {
	if got := Decode("Vie\u0323\u0302t Nam", Unicode); got != "Việt Nam" {
		t.Errorf("Decode(NFD, Unicode) = %q, want NFC %q", got, "Việt Nam")
	}
	if got := Decode("ຫຼວງພະບາງ", Encoding(9)); got != "ຫຼວງພະບາງ" {
		t.Errorf("Decode with an unknown encoding changed the text: %q", got)
	}
}

func TestDecodeLeavesOthersAlone(t *testing.T) {
	// ASCII, digits and real Unicode are not legacy bytes; mark bytes with
	// nothing to mark stay as they are.
	for _, e := range []Encoding{TCVN3, VNI} {
		for _, s := range []string{"Nam 2024 ABC xyz", "ຫຼວງພະບາງ", "ạ ư ơ"} {
			if got := Decode(s, e); got != s {
				t.Errorf("Decode(%q, %v) = %q, want it unchanged", s, e, got)
			}
		}
	}
	if got := Decode("ø ù cafù", VNI); got != "ø ù cafù" {
		t.Errorf("VNI marks after no vowel changed: %q", got)
	}
}

func TestEncodingString(t *testing.T) {
	for e, want := range map[Encoding]string{Unicode: "unicode", TCVN3: "tcvn3", VNI: "vni", Encoding(7): "Encoding(7)"} {
		if got := e.String(); got != want {
			t.Errorf("Encoding(%d).String() = %q, want %q", int(e), got, want)
		}
	}
}

// bytesOf returns s with each character taken as the byte of that value,
// the way a legacy file holds it.
func bytesOf(t *testing.T, s string) []byte {
	t.Helper()
	var b []byte
	for _, r := range s {
		if r > 0xFF {
			t.Fatalf("%q is not a byte", r)
		}
		b = append(b, byte(r))
	}
	return b
}

func TestDecodeBytes(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"TCVN3 bytes", bytesOf(t, "C«ng an tØnh §iÖn Biªn"), "Công an tỉnh Điện Biên", TCVN3},
		// 0x96 is an en dash in Windows-1252 (a C1 control in Latin-1).
		{"TCVN3 bytes with a Windows-1252 dash", append(bytesOf(t, "Hµ Néi "), append([]byte{0x96}, bytesOf(t, " ViÖt Nam")...)...), "Hà Nội – Việt Nam", TCVN3},
		{"VNI bytes", bytesOf(t, "Coâng an tænh Ñieän Bieân"), "Công an tỉnh Điện Biên", VNI},
		{"VNI CSV row", bytesOf(t, "12;Nguyeãn Vaên An;Quaûng Trò\r\n"), "12;Nguyễn Văn An;Quảng Trị\r\n", VNI},
		{"UTF-8", []byte("Công an tỉnh Điện Biên"), "Công an tỉnh Điện Biên", Unicode},
		{"UTF-8 of text already read as Latin-1", []byte("Hµ Néi"), "Hà Nội", TCVN3},
		{"Windows-1252 French", bytesOf(t, "caf\u00e9 cr\u00e8me"), "café crème", Unicode},
		{"ASCII", []byte("Vientiane 01000"), "Vientiane 01000", Unicode},
		{"empty", nil, "", Unicode},
	}
	for _, tt := range tests {
		got, e := DecodeBytes(tt.in)
		if got != tt.want || e != tt.enc {
			t.Errorf("%s: DecodeBytes = %q, %v; want %q, %v", tt.name, got, e, tt.want, tt.enc)
		}
	}
}

func TestIsSyllable(t *testing.T) {
	for w, want := range map[string]bool{
		"nghiêng": true, "người": true, "quỳnh": true, "quen": true, "gì": true,
		"giặc": true, "khuỷu": true, "xoong": true, "Việt": true, "ĐIỆN": true,
		"Nguyen": true, "Viet": true, "the": true, "oanh": true, "huých": true,
		"cafộ": false, "haứ": false, "tổnh": false, "viêt": false, // stop final needs acute or dot
		"hêrôin": false, "police": false, "café": false, "ăn": true, "ă": false,
		"ạnh": true, "ônh": false, "fan": false, "": false,
		// Tone placement and the spelling of initials.
		"ngheọ": false, "nghèo": true, "haỉ": false, "hái": true, "hoà": true,
		"hòa": true, "hòan": false, "hoàn": true, "ngươì": false,
		"nghư": false, "kìa": true, "ký": true, "ca": true, "ce": false,
		"ke": true, "ghe": true, "ge": false, "quả": true, "quý": true,
	} {
		if got := isSyllable(w); got != want {
			t.Errorf("isSyllable(%q) = %v, want %v", w, got, want)
		}
	}
}

func BenchmarkFix(b *testing.B) {
	// About 100 characters of a TCVN3 case summary.
	const s = "§èi t\u00adîng NguyÔn V¨n An vËn chuyÓn 2 b¸nh hªr«in tõ Lµo vÒ tØnh §iÖn Biªn th× bÞ b¾t gi÷ n¨m 2019"
	if n := utf8.RuneCountInString(s); n < 90 || n > 110 {
		b.Fatalf("phrase has %d characters", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, e := Fix(s); e != TCVN3 {
			b.Fatalf("Fix: %v", e)
		}
	}
}

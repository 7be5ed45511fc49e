package screening

import (
	"errors"
	"testing"

	"github.com/borderlink/borderlink"
)

func keys(s string) []string {
	var ks []string
	for _, t := range tokenize(s) {
		ks = append(ks, t.key)
	}
	return ks
}

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Nguyễn", "nguyen"},
		{"NGUYỄN", "nguyen"},
		{"Đặng Đình", "dang"}, // first token
		{"hoà", "hoa"},
		{"hòa", "hoa"},
		{"thuý", "thuy"},
		{"thúy", "thuy"},
		{"Ｎｇｕｙｅｎ", "nguyen"},
		{"ໜອງ", "ຫນອງ"},
		{"ໝັ້ນ", "ຫມັນ"},
		{"ຫຼວງ", "ຫລວງ"},
		{"ນ້ອຍ", "ນອຍ"},
		{"ຄໍາ", "ຄຳ"}, // ໍ + າ is ຳ
	} {
		raw, _ := splitName(c.in)
		if len(raw) == 0 || raw[0].fold != c.want {
			t.Errorf("fold(%q) = %+v, want %q", c.in, raw, c.want)
		}
	}
}

// TestKeysMeet lists spellings that must reduce to one key.
func TestKeysMeet(t *testing.T) {
	groups := [][]string{
		{"Souksavanh", "Suksavan", "Souksavan", "Souksavane", "ສຸກສະຫວັນ"},
		{"Phommachanh", "Phommachan", "Phomachanh", "ພົມມະຈັນ"},
		{"Nguyen", "Nguyễn", "NGUYỄN", "ຫງວຽນ"},
		{"Xayavong", "Sayavong", "Xaiyavong", "Saiyavong", "ໄຊຍະວົງ"},
		{"Bounnhang", "Bounyang", "Boungnang", "Bounhang", "ບຸນຍັງ"},
		{"Louanglath", "Louanglat", "ຫຼວງລາດ", "ຫລວງລາດ"},
		{"Bounleua", "Bunluea", "ບຸນເຫຼືອ", "ບຸນເຫລືອ"},
		{"Vorachith", "Vorachit", "Worachit", "Vorajit", "ວໍລະຈິດ"},
		{"Sitthideth", "Sithideth", "Sitthidet", "ສິດທິເດດ"},
		{"Vilay", "Vilai", "Wilai", "ວິໄລ"},
		{"Somphone", "Somphon", "Somphorn", "ສົມພອນ"},
		{"Phonesavanh", "Phonsavan", "Phonsavane", "ພອນສະຫວັນ"},
		{"Phetsamone", "Phetsamon", "ເພັດສະໝອນ", "ເພັດສະຫມອນ"},
		{"Keomany", "Kaeomani", "Keomani", "ແກ້ວມະນີ"},
		{"Chanthala", "Jantala", "Chantala", "ຈັນທະລາ"},
		{"Khamla", "Khamlaa", "ຄຳຫຼ້າ", "ຄໍາຫລ້າ"},
		{"hoà", "hòa", "hoa"},
		{"thuý", "thúy", "thuy"},
		{"Hoàng", "Hoang", "ຮວາງ"},
		{"Văn", "Van", "ວັນ"},
		{"Long", "ລອງ"},
		{"Trần", "Tran", "ຈັນ"},
		{"Phạm", "Pham", "ຟາມ"},
		{"Lương", "Luong", "ເລືອງ"},
		{"Quốc", "Quoc", "ກວົກ"},
	}
	for _, g := range groups {
		want := keys(g[0])
		for _, s := range g[1:] {
			if got := keys(s); len(got) != 1 || len(want) != 1 || got[0] != want[0] {
				t.Errorf("key(%q) = %v, key(%q) = %v: want equal", s, got, g[0], want)
			}
		}
	}
}

func TestKeysDiffer(t *testing.T) {
	for _, p := range [][2]string{
		{"Hùng", "Dũng"}, {"Somphone", "Somchith"}, {"Quang", "Cường"}, {"Lương", "Louang"},
	} {
		if a, b := keys(p[0]), keys(p[1]); a[0] == b[0] {
			t.Errorf("%q and %q share key %q", p[0], p[1], a[0])
		}
	}
}

// TestVietnameseInLao checks that Vietnamese names written in Lao script by
// sound reach the keys of the originals, within the typo budget where Lao
// has no exact sound (d, ơ).
func TestVietnameseInLao(t *testing.T) {
	for _, c := range []struct{ vi, lo string }{
		{"Nguyễn Văn Long", "ຫງວຽນ ວັນ ລອງ"},
		{"Trần Thị Thủy", ""},
		{"Phạm Xuân Hiếu", ""},
		{"Hoàng Đức Huỳnh", ""},
		{"Trương Diệu Uyên", ""},
		{"Giàng A Páo", ""},
	} {
		lo := VietnameseToLao(c.vi)
		if c.lo != "" && lo != c.lo {
			t.Errorf("VietnameseToLao(%q) = %q, want %q", c.vi, lo, c.lo)
		}
		a, b := keys(c.vi), keys(lo)
		if len(a) != len(b) {
			t.Fatalf("%q %v vs %q %v", c.vi, a, lo, b)
		}
		for i := range a {
			if d := editDistance(a[i], b[i], 1); d > 1 {
				t.Errorf("%q: %q vs %q (%q)", c.vi, a[i], b[i], lo)
			}
		}
	}
	if got := keys("ຫງວຽນ ວັນ ລອງ"); len(got) != 3 || got[0] != keys("Nguyễn")[0] || got[1] != keys("Văn")[0] || got[2] != keys("Long")[0] {
		t.Errorf("ຫງວຽນ ວັນ ລອງ keys %v", got)
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		max  int
		want int
	}{
		{"nguian", "nguian", 2, 0},
		{"nguian", "ngian", 2, 1},
		{"hung", "hnug", 1, 1}, // a swap counts once
		{"hung", "dang", 1, 2},
		{"suksawan", "sukswan", 2, 1},
		{"abc", "abcdef", 2, 3},
	} {
		if got := editDistance(c.a, c.b, c.max); got != c.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.max, got, c.want)
		}
	}
}

func TestParseDOB(t *testing.T) {
	for _, c := range []struct {
		in   string
		want DOB
		ok   bool
	}{
		{"", DOB{}, true},
		{"1987", DOB{1987, 0, 0}, true},
		{"1987-04", DOB{1987, 4, 0}, true},
		{"1987-04-30", DOB{1987, 4, 30}, true},
		{"1987/04/30", DOB{1987, 4, 30}, true},
		{"2000-02-29", DOB{2000, 2, 29}, true},
		{"2001-02-29", DOB{}, false},
		{"1987-04-31", DOB{}, false},
		{"1987-13", DOB{}, false},
		{"1987-00", DOB{}, false},
		{"87", DOB{}, false},
		{"1850", DOB{}, false},
		{"1987--04", DOB{}, false},
		{"1987-4-3", DOB{}, false},
		{"abcd", DOB{}, false},
	} {
		got, err := ParseDOB(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseDOB(%q) = %v, %v", c.in, got, err)
		}
		if err != nil {
			var be *borderlink.Error
			if !errors.As(err, &be) || be.Code != borderlink.EInvalid || be.Key != "error.screen_dob" {
				t.Errorf("ParseDOB(%q) error %#v", c.in, err)
			}
		}
		if c.ok && got.String() != "" && got.String() != c.in && c.in[4] == '-' {
			t.Errorf("DOB(%q).String() = %q", c.in, got.String())
		}
	}
}

func TestValidate(t *testing.T) {
	long := ""
	for range 30 {
		long += "Nguyen "
	}
	for _, c := range []struct {
		q   Query
		key string
	}{
		{Query{Name: "Nguyễn Văn Long"}, ""},
		{Query{Name: "ສົມພອນ ພົມມະຈັນ", DOB: "1980"}, ""},
		{Query{Document: "B 123-456"}, ""},
		{Query{}, "error.screen_name_empty"},
		{Query{Name: " - , "}, "error.screen_name_empty"},
		{Query{Name: long}, "error.screen_name_long"},
		{Query{Name: "a b c d e f g h i"}, "error.screen_name_long"},
		{Query{Name: "Nguyen\x00Van"}, "error.screen_control"},
		{Query{Name: "Nguyen\nVan"}, "error.screen_control"},
		{Query{Name: "Somພອນ"}, "error.screen_mixed_script"},
		{Query{Name: "Somphone ພົມມະຈັນ"}, ""}, // scripts may mix across words
		{Query{Name: "Long", DOB: "1990-02-30"}, "error.screen_dob"},
		{Query{Name: "Long", Document: "1234567890123456789012345678901234567890X"}, "error.screen_document"},
	} {
		err := c.q.Validate()
		if c.key == "" {
			if err != nil {
				t.Errorf("Validate(%+v) = %v", c.q, err)
			}
			continue
		}
		var be *borderlink.Error
		if !errors.As(err, &be) || be.Code != borderlink.EInvalid || be.Key != c.key {
			t.Errorf("Validate(%+v) = %v, want %s", c.q, err, c.key)
		}
	}
}

func TestNormalizeDocument(t *testing.T) {
	for in, want := range map[string]string{
		"b 1234-567":      "B1234567",
		"079 188 001 234": "079188001234",
		"P-00.12/34":      "P001234",
		"໑໒໓":             "123",
	} {
		if got := NormalizeDocument(in); got != want {
			t.Errorf("NormalizeDocument(%q) = %q, want %q", in, got, want)
		}
	}
}

package translate

import (
	"testing"
)

func letters(units []unit) string {
	rs := make([]rune, len(units))
	for i, u := range units {
		rs[i] = u.r
	}
	return string(rs)
}

func TestFoldLetters(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii lower-cased", "Heroin KG", "heroin kg"},
		{"vietnamese diacritics removed", "Ma Túy Đá", "ma tuy da"},
		{"decomposed input", "Ma Tu\u0301y \u0110a\u0301", "ma tuy da"},
		{"white space collapsed", "cột \t\n mốc", "cot moc"},
		{"lao kept", "ຢາບ້າ", "ຢາບ້າ"},
		{"lao ho no decomposed", "ໜີ", "ຫນີ"},
		{"lao am decomposed", "ຳ", "\u0ecd\u0eb2"},
		{"lao semivowel lo", "ຫຼັກ", "ຫລັກ"},
		{"lao with ho lo written out", "ຫລັກ", "ຫລັກ"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := letters(fold(tt.in, nil)); got != tt.want {
				t.Errorf("fold(%q) letters = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldOffsets(t *testing.T) {
	in := "Đá  ໜ"
	units := fold(in, nil)
	// đ, a, space, ຫ, ນ
	if len(units) != 5 {
		t.Fatalf("got %d units, want 5: %+v", len(units), units)
	}
	want := []struct {
		start, end int32
		cont       bool
	}{{0, 2, false}, {2, 4, false}, {4, 6, false}, {6, 9, false}, {6, 9, true}}
	for i, w := range want {
		u := units[i]
		if u.start != w.start || u.end != w.end || u.cont != w.cont {
			t.Errorf("unit %d = %+v, want start %d end %d cont %v", i, u, w.start, w.end, w.cont)
		}
	}
}

func TestFoldMarks(t *testing.T) {
	tone := func(s string) []uint16 {
		var out []uint16
		for _, u := range fold(s, nil) {
			out = append(out, u.marks)
		}
		return out
	}
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"old and new tone placement", "hoá", "hóa", true},
		{"old and new tone placement ui", "tuý", "túy", true},
		{"case", "ĐÁ", "đá", true},
		{"different tones", "bán", "bản", false},
		{"tone and no tone", "bán", "ban", false},
		{"vowel marks", "ơ", "ô", false},
		{"stroke", "đa", "da", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := equalMarks(tone(tt.a), tone(tt.b)); got != tt.same {
				t.Errorf("marks of %q and %q equal = %v, want %v", tt.a, tt.b, got, tt.same)
			}
		})
	}
}

func TestCompareMarks(t *testing.T) {
	tests := []struct {
		text, key   string
		exact, okay bool
	}{
		{"ma túy đá", "ma túy đá", true, true},
		{"ma tuy da", "ma túy đá", false, true},
		{"ma tuý đá", "ma túy đá", true, true},
		{"ma tuy đá", "ma túy đá", false, true},
		{"ma tùy đá", "ma túy đá", false, false},
		{"mã tuy da", "ma túy đá", false, false},
		{"ma túy đá", "ma tuy da", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.text+"/"+tt.key, func(t *testing.T) {
			k := fold(tt.key, nil)
			marks := make([]uint16, len(k))
			for i, u := range k {
				marks[i] = u.marks
			}
			exact, ok := compareMarks(fold(tt.text, nil), marks)
			if exact != tt.exact || ok != tt.okay {
				t.Errorf("compareMarks = %v, %v; want %v, %v", exact, ok, tt.exact, tt.okay)
			}
		})
	}
}

func TestBoundary(t *testing.T) {
	u := func(r rune) unit { return unit{r: r} }
	tests := []struct {
		name       string
		a, b       unit
		hasA, hasB bool
		want       bool
	}{
		{"start of text", unit{}, u('a'), false, true, true},
		{"end of text", u('a'), unit{}, true, false, true},
		{"inside a latin word", u('a'), u('b'), true, true, false},
		{"inside a number", u('1'), u('2'), true, true, false},
		{"digit and letter", u('5'), u('k'), true, true, true},
		{"space", u(' '), u('b'), true, true, true},
		{"between lao consonants", u('ກ'), u('ນ'), true, true, true},
		{"before a lao tone mark", u('ກ'), u('\u0ec8'), true, true, false},
		{"before a lao vowel sign", u('ກ'), u('າ'), true, true, false},
		{"after a lao leading vowel", u('ເ'), u('ກ'), true, true, false},
		{"inside one character", u('ຫ'), unit{r: 'ນ', cont: true}, true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := boundary(tt.a, tt.b, tt.hasA, tt.hasB); got != tt.want {
				t.Errorf("boundary = %v, want %v", got, tt.want)
			}
		})
	}
}

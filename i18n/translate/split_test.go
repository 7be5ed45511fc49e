package translate

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSplitText(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  []string
	}{
		{"short", "Một câu.", 100, []string{"Một câu."}},
		{"exactly the limit", "abcde", 5, []string{"abcde"}},
		{"sentences", "Câu một. Câu hai. Câu ba.", 18, []string{"Câu một. Câu hai.", " Câu ba."}},
		{"question and exclamation", "Ai? Đâu! Khi nào", 6, []string{"Ai?", " Đâu!", " Khi", " nào"}},
		{"line breaks", "dòng một\ndòng hai\ndòng ba", 12, []string{"dòng một\n", "dòng hai\n", "dòng ba"}},
		{"decimal point is no sentence end", "số 1.5 kg và 2.5 kg", 12, []string{"số 1.5 kg", " và 2.5 kg"}},
		{"lao phrases by spaces", "ຈັບກຸມ ຜູ້ຕ້ອງສົງໄສ ຢາບ້າ", 14, []string{"ຈັບກຸມ", " ຜູ້ຕ້ອງສົງໄສ", " ຢາບ້າ"}},
		{"no break at all", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"combining marks stay with their letter", "mama\u0301", 4, []string{"mam", "a\u0301"}},
		{"lao signs stay with their consonant", "ກິກິກິ", 3, []string{"ກິ", "ກິ", "ກິ"}},
		{"zero limit uses the default", "abc", 0, []string{"abc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitText(tt.in, tt.limit)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("splitText(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
			}
		})
	}
}

func TestSplitTextInvariants(t *testing.T) {
	texts := []string{
		strings.Repeat("Đối tượng vận chuyển ma túy qua biên giới. ", 300),
		strings.Repeat("ຈັບກຸມຜູ້ຕ້ອງສົງໄສພ້ອມຢາບ້າ ", 400),
		strings.Repeat("x", 12001),
		strings.Repeat("Dòng một\n\n", 700),
	}
	for _, limit := range []int{1, 7, 100, 5000} {
		for _, text := range texts {
			pieces := splitText(text, limit)
			if strings.Join(pieces, "") != text {
				t.Fatalf("limit %d: pieces do not add up to the text", limit)
			}
			for i, p := range pieces {
				if n := utf8.RuneCountInString(p); n > limit || n == 0 {
					t.Fatalf("limit %d: piece %d has %d runes", limit, i, n)
				}
				if i > 0 && limit > 2 {
					if r, _ := utf8.DecodeRuneInString(p); unicode.IsMark(r) {
						t.Fatalf("limit %d: piece %d starts with a mark", limit, i)
					}
				}
			}
		}
	}
}

func TestTrimSpace(t *testing.T) {
	tests := []struct{ in, lead, core, trail string }{
		{"", "", "", ""},
		{"abc", "", "abc", ""},
		{"  abc\n", "  ", "abc", "\n"},
		{" \n ", " \n ", "", ""},
		{"\ta b\t", "\t", "a b", "\t"},
	}
	for _, tt := range tests {
		lead, core, trail := trimSpace(tt.in)
		if lead != tt.lead || core != tt.core || trail != tt.trail {
			t.Errorf("trimSpace(%q) = %q, %q, %q; want %q, %q, %q", tt.in, lead, core, trail, tt.lead, tt.core, tt.trail)
		}
	}
}

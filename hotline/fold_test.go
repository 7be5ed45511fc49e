package hotline

import (
	"slices"
	"strings"
	"testing"
)

func TestSearchWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"  Người   Việt, heroin ", []string{"nguoi", "viet", "heroin"}},
		{"ຫຼວງພະບາງ ບ້ານ", []string{"ຫລວງພະບາງ", "ບ້ານ"}},
		{"a b c d e f g h i j", []string{"a", "b", "c", "d", "e", "f", "g", "h"}},
		{"", nil},
		{" ,;- ", nil},
	} {
		if got := searchWords(c.in); !slices.Equal(got, c.want) {
			t.Errorf("searchWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSearchText(t *testing.T) {
	m := Message{Subject: "Bắt giữ tại Km 12", Body: "12 bánh heroin", Form: &FormData{Type: "seizure", Fields: map[string]any{
		"place":   "VN-11",
		"items":   []any{map[string]any{"drug": "HEROIN", "count": map[string]any{"value": 12.0, "unit": "block"}}},
		"summary": map[string]any{"text": "Đối tượng Vàng A Páo", "lang": "vi"},
	}}}
	got := searchText(m)
	for _, w := range []string{"bat giu", "banh heroin", "seizure", "vn 11", "block", "vang a pao"} {
		if !strings.Contains(got, w) {
			t.Errorf("search text %q lacks %q", got, w)
		}
	}
	if strings.Contains(got, "Đ") || strings.Contains(got, "  ") {
		t.Errorf("search text is not folded: %q", got)
	}
	if searchText(Message{Subject: "A", Body: "B"}) != "a b" {
		t.Error("search text without a form")
	}
	// Map keys are visited in order, so both nodes store the same text.
	for range 20 {
		if searchText(m) != got {
			t.Fatal("search text changes between calls")
		}
	}
}

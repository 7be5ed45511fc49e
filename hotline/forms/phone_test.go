package forms_test

import (
	"testing"

	"github.com/borderlink/borderlink/hotline/forms"
)

func TestNormalizePhone(t *testing.T) {
	for _, c := range []struct{ in, country, want string }{
		{"0912 345 678", "VN", "+84912345678"},
		{"0912.345.678", "vn", "+84912345678"},
		{"024 3826 1234", "VN", "+842438261234"},
		{"020 5555 1234", "LA", "+8562055551234"},
		{"021-212-345", "LA", "+85621212345"},
		{"00856-20-5555-1234", "VN", "+8562055551234"},
		{"0084 912 345 678", "LA", "+84912345678"},
		{"+856 (0)20 5555 1234", "", "+8562055551234"},
		{"+84 (0) 912 345 678", "", "+84912345678"},
		{"+84 00912 345 678", "", "+84912345678"},
		{"+66 81 234 5678", "VN", "+66812345678"},
		{"0912 345 678", "", "0912345678"},   // cannot be placed
		{"0912 345 678", "TH", "0912345678"}, // nor here
		{"  +84\u00a0912 345 678 ", "", "+84912345678"},
		{"+84 91234567a", "VN", "+8491234567a"}, // kept for ValidPhone to refuse
		{"84+912", "VN", "84+912"},
	} {
		got := forms.NormalizePhone(c.in, c.country)
		if got != c.want {
			t.Errorf("NormalizePhone(%q, %q) = %q, want %q", c.in, c.country, got, c.want)
		}
		if again := forms.NormalizePhone(got, c.country); again != got {
			t.Errorf("NormalizePhone is not idempotent on %q: %q", got, again)
		}
	}
}

func TestValidPhone(t *testing.T) {
	for s, want := range map[string]bool{
		"+84912345678":      true,  // VN mobile, 9 digits
		"+842438261234":     true,  // VN landline, 10 digits
		"+8491234567":       false, // 8 digits
		"+8491234567890":    false, // 11 digits
		"+8562055551234":    true,  // LA 020 mobile, 10 digits
		"+856305551234":     true,  // LA 030 mobile, 9 digits
		"+85621212345":      true,  // LA landline, 8 digits
		"+8562121234":       false, // 7 digits
		"+85620555512345":   false, // 11 digits
		"+66812345678":      true,  // another country: E.164 only
		"+1":                false,
		"+0912345678":       false,
		"0912345678":        false,
		"84912345678":       false,
		"+84 912 345 678":   false, // not normalised
		"+8491234567a":      false,
		"+123456789012345":  true,
		"+1234567890123456": false,
		"":                  false,
	} {
		if got := forms.ValidPhone(s); got != want {
			t.Errorf("ValidPhone(%q) = %v", s, got)
		}
	}
}

func TestFormatPhone(t *testing.T) {
	for in, want := range map[string]string{
		"+84912345678":   "+84 912 345 678",
		"+842438261234":  "+84 24 3826 1234",
		"+8562055551234": "+856 20 5555 1234",
		"+85621212345":   "+856 21 212345",
		"+66812345678":   "+66812345678",
		"nonsense":       "nonsense",
	} {
		if got := forms.FormatPhone(in); got != want {
			t.Errorf("FormatPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlates(t *testing.T) {
	for _, c := range []struct {
		in, want string
		valid    bool
	}{
		{"29a-123.45", "29A12345", true},
		{"29A 12345", "29A12345", true},
		{"27B1-123.45", "27B112345", true},
		{"51C · 678/90", "51C67890", true},
		{"ກຂ 1234", "ກຂ1234", true},
		{"ນວ-5678", "ນວ5678", true},
		{"80NG-01234", "80NG01234", true},
		{"12", "12", false},
		{"ABCD", "ABCD", false},
		{"A1", "A1", false},
		{"A1B", "A1B", false},
		{"29A-12345-67890", "29A1234567890", false},
		{"29A_12345", "29A_12345", false},
		{"29Ä12345", "29Ä12345", false},
		{"ⅩⅩ1234", "ⅩⅩ1234", false},
	} {
		got := forms.NormalizePlate(c.in)
		if got != c.want {
			t.Errorf("NormalizePlate(%q) = %q, want %q", c.in, got, c.want)
		}
		if forms.NormalizePlate(got) != got {
			t.Errorf("NormalizePlate is not idempotent on %q", got)
		}
		if v := forms.ValidPlate(got); v != c.valid {
			t.Errorf("ValidPlate(%q) = %v", got, v)
		}
	}
}

package i18n_test

import (
	"errors"
	"fmt"
	"testing"
	"testing/fstest"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
)

func testCatalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	c, err := i18n.LoadFS(fstest.MapFS{"t.json": {Data: []byte(`{
		"t.plain":   {"vi": "Xin chào", "lo": "ສະບາຍດີ", "en": "Hello"},
		"t.count":   {"vi": "{n} bản ghi", "lo": "{n} ລາຍການ", "en": "{n} entries"},
		"t.two":     {"vi": "{a} và {b}", "lo": "{a} ແລະ {b}", "en": "{a} and {b}"},
		"t.partial": {"vi": "", "lo": "", "en": "Only English"},
		"t.braces":  {"vi": "{ x } {9} {a", "lo": "{ x } {9} {a", "en": "{ x } {9} {a"}
	}`)}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestT(t *testing.T) {
	c := testCatalog(t)
	vi, lo, en := c.Printer(borderlink.LangVI), c.Printer(borderlink.LangLO), c.Printer(borderlink.LangEN)
	for _, tc := range []struct {
		p    *i18n.Printer
		key  string
		args []any
		want string
	}{
		{vi, "t.plain", nil, "Xin chào"},
		{lo, "t.plain", nil, "ສະບາຍດີ"},
		{en, "t.plain", nil, "Hello"},
		{vi, "t.count", []any{"n", 1234567}, "1.234.567 bản ghi"},
		{lo, "t.count", []any{"n", int64(1234)}, "1.234 ລາຍການ"},
		{en, "t.count", []any{"n", 1234567}, "1,234,567 entries"},
		{en, "t.count", []any{"n", 2.5}, "2.5 entries"},
		{vi, "t.count", []any{"n", 2.5}, "2,5 bản ghi"},
		{en, "t.count", []any{"n", "2026"}, "2026 entries"},
		{en, "t.two", []any{"b", "B", "a", "A"}, "A and B"},
		{en, "t.two", []any{"a", "A"}, "A and {b}"},
		{en, "t.two", []any{"a", "A", "b"}, "A and {b}"}, // odd argument ignored
		{en, "t.two", []any{"a", borderlink.Text{VI: "Việt", LO: "ລາວ", EN: "Eng"}, "b", nil}, "Eng and "},
		{lo, "t.two", []any{"a", borderlink.Text{VI: "Việt", LO: "ລາວ", EN: "Eng"}, "b", true}, "ລາວ ແລະ true"},
		{vi, "t.two", []any{"a", borderlink.NewDate(2026, 11, 25), "b", time.Date(2026, 11, 25, 7, 5, 0, 0, time.UTC)}, "25/11/2026 và 25/11/2026 14:05"},
		{vi, "t.partial", nil, "Only English"},
		{en, "t.braces", []any{"x", 1, "9", 2, "a", 3}, "{ x } {9} {a"},
		{vi, "t.missing", []any{"a", 1}, "t.missing"},
	} {
		if got := tc.p.T(tc.key, tc.args...); got != tc.want {
			t.Errorf("%s T(%q, %v) = %q, want %q", tc.p.Lang(), tc.key, tc.args, got, tc.want)
		}
	}
}

func TestHasAndLang(t *testing.T) {
	c := mustLoad(t)
	p := c.Printer(borderlink.LangLO)
	if p.Lang() != borderlink.LangLO {
		t.Errorf("Lang() = %s", p.Lang())
	}
	if !p.Has("units.title") || p.Has("units.no_such_key") {
		t.Error("Has is wrong")
	}
	if got := p.T("units.title"); got != "ໜ່ວຍງານ" {
		t.Errorf("units.title in lo = %q", got)
	}
	if got := c.Printer("th").Lang(); got != borderlink.LangEN {
		t.Errorf("Printer(th) speaks %s, want en", got)
	}
}

func TestErr(t *testing.T) {
	c := mustLoad(t)
	vi, lo, en := c.Printer(borderlink.LangVI), c.Printer(borderlink.LangLO), c.Printer(borderlink.LangEN)
	internal := en.T("error.internal")
	for _, tc := range []struct {
		p    *i18n.Printer
		err  error
		want string
	}{
		{en, nil, ""},
		{en, borderlink.Errorf(borderlink.EInvalid, "error.unknown_unit", "unknown unit VN-99", "code", "VN-99"), "Unknown unit code VN-99."},
		{vi, borderlink.Errorf(borderlink.EInvalid, "error.unknown_unit", "unknown unit", "code", "VN-99"), "Không có đơn vị nào mang mã VN-99."},
		{lo, borderlink.Errorf(borderlink.EInvalid, "error.unknown_unit", "unknown unit", "code", "LA-01"), "ບໍ່ມີໜ່ວຍງານທີ່ມີລະຫັດ LA-01."},
		// wrapped: the *Error is found in the chain
		{en, fmt.Errorf("units: import: %w", borderlink.Errorf(borderlink.EInvalid, "error.unknown_unit", "x", "code", "X")), "Unknown unit code X."},
		// unknown key: falls back to the code's message
		{en, borderlink.Errorf(borderlink.EForbidden, "hotline.not_on_channel", "not on channel"), en.T("error.forbidden")},
		{vi, borderlink.Errorf(borderlink.ENotFound, "", "no such unit"), vi.T("error.not_found")},
		// unknown key and unknown code: internal
		{en, borderlink.Errorf("strange", "no.such", "x"), internal},
		// not a *borderlink.Error: internal, and the detail never shows
		{en, errors.New("pq: password authentication failed for user admin"), internal},
		{en, borderlink.Wrap(errors.New("disk full"), "write"), internal},
	} {
		if got := tc.p.Err(tc.err); got != tc.want {
			t.Errorf("%s Err(%v) = %q, want %q", tc.p.Lang(), tc.err, got, tc.want)
		}
	}
	// An error passed to T as a value is rendered by Err too.
	if got := en.T("error.unknown_unit", "code", errors.New("secret")); got != "Unknown unit code "+internal+"." {
		t.Errorf("T with an error value = %q", got)
	}
}

func TestPlaceholders(t *testing.T) {
	got := i18n.Placeholders("{a} {b_2} {a} { c } {9x} {}")
	if fmt.Sprint(got) != "[a b_2]" {
		t.Errorf("Placeholders = %v", got)
	}
}

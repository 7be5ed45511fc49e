package i18n_test

import (
	"math"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
)

func TestNumber(t *testing.T) {
	c := mustLoad(t)
	vi, lo, en := c.Printer(borderlink.LangVI), c.Printer(borderlink.LangLO), c.Printer(borderlink.LangEN)
	for _, tc := range []struct {
		p        *i18n.Printer
		f        float64
		decimals int
		want     string
	}{
		{vi, 1234567.891, 2, "1.234.567,89"},
		{lo, 1234567.891, 2, "1.234.567,89"},
		{en, 1234567.891, 2, "1,234,567.89"},
		{en, 1234567.891, 0, "1,234,568"},
		{vi, 0.5, 0, "1"},
		{en, 2.5, 0, "3"},
		{en, -2.5, 0, "-3"},
		{en, 1.005, 2, "1.01"},
		{en, 9.995, 2, "10.00"},
		{en, 999.9996, 3, "1,000.000"},
		{vi, 12.3, 3, "12,300"},
		{en, -0.001, 2, "0.00"},
		{en, 42, -1, "42"},
		{vi, 1000, 0, "1.000"},
		{en, 999, 0, "999"},
	} {
		if got := tc.p.Number(tc.f, tc.decimals); got != tc.want {
			t.Errorf("%s Number(%v, %d) = %q, want %q", tc.p.Lang(), tc.f, tc.decimals, got, tc.want)
		}
	}
	if got := en.Number(math.NaN(), 2); got == "" {
		t.Error("Number(NaN) is empty")
	}
}

func TestInt(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range []struct {
		lang borderlink.Lang
		n    int64
		want string
	}{
		{borderlink.LangVI, 1234567, "1.234.567"},
		{borderlink.LangLO, 1234567, "1.234.567"},
		{borderlink.LangEN, 1234567, "1,234,567"},
		{borderlink.LangEN, -1234, "-1,234"},
		{borderlink.LangVI, 0, "0"},
		{borderlink.LangEN, 999, "999"},
		{borderlink.LangVI, math.MaxInt64, "9.223.372.036.854.775.807"},
	} {
		if got := c.Printer(tc.lang).Int(tc.n); got != tc.want {
			t.Errorf("%s Int(%d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestDates(t *testing.T) {
	c := mustLoad(t)
	// 07:05 UTC is 14:05 in Vietnam and Laos.
	at := time.Date(2026, 11, 25, 7, 5, 9, 0, time.UTC)
	late := time.Date(2026, 11, 25, 18, 30, 0, 0, time.UTC) // already 26 Nov in ICT
	for _, tc := range []struct {
		lang                 borderlink.Lang
		date, dateTime, late string
	}{
		{borderlink.LangVI, "25/11/2026", "25/11/2026 14:05", "26/11/2026"},
		{borderlink.LangLO, "25/11/2026", "25/11/2026 14:05", "26/11/2026"},
		{borderlink.LangEN, "25 Nov 2026", "25 Nov 2026 14:05", "26 Nov 2026"},
	} {
		p := c.Printer(tc.lang)
		if got := p.Date(at); got != tc.date {
			t.Errorf("%s Date = %q, want %q", tc.lang, got, tc.date)
		}
		if got := p.DateTime(at); got != tc.dateTime {
			t.Errorf("%s DateTime = %q, want %q", tc.lang, got, tc.dateTime)
		}
		if got := p.Date(late); got != tc.late {
			t.Errorf("%s Date(late) = %q, want %q", tc.lang, got, tc.late)
		}
		if got := p.CivilDate(borderlink.NewDate(2026, 11, 25)); got != tc.date {
			t.Errorf("%s CivilDate = %q, want %q", tc.lang, got, tc.date)
		}
		if p.Date(time.Time{}) != "" || p.DateTime(time.Time{}) != "" || p.CivilDate(borderlink.Date{}) != "" {
			t.Errorf("%s: zero values should format as empty", tc.lang)
		}
	}
	en := c.Printer(borderlink.LangEN)
	if got := en.Date(time.Date(2026, 7, 1, 0, 0, 0, 0, i18n.ICT)); got != "1 Jul 2026" {
		t.Errorf("single-digit day: %q", got)
	}
	if got := en.In(time.UTC).DateTime(at); got != "25 Nov 2026 07:05" {
		t.Errorf("In(UTC).DateTime = %q", got)
	}
	if got := en.DateTime(at); got != "25 Nov 2026 14:05" {
		t.Errorf("In must not change the shared printer: %q", got)
	}
}

func TestLangName(t *testing.T) {
	c := mustLoad(t)
	for l, want := range map[borderlink.Lang]string{
		borderlink.LangVI: "Tiếng Việt", borderlink.LangLO: "ພາສາລາວ", borderlink.LangEN: "English", "th": "th",
	} {
		if got := i18n.LangName(l); got != want {
			t.Errorf("LangName(%s) = %q, want %q", l, got, want)
		}
		if got := c.Printer(borderlink.LangVI).LangName(l); got != want {
			t.Errorf("Printer.LangName(%s) = %q, want %q", l, got, want)
		}
	}
}

func TestBytes(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range []struct {
		lang borderlink.Lang
		n    int64
		want string
	}{
		{borderlink.LangEN, 850, "850 B"},
		{borderlink.LangEN, 12698, "12.4 KB"},
		{borderlink.LangVI, 12698, "12,4 KB"},
		{borderlink.LangEN, 3355443, "3.2 MB"},
	} {
		if got := c.Printer(tc.lang).Bytes(tc.n); got != tc.want {
			t.Errorf("%s Bytes(%d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

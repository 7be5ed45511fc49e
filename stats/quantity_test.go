package stats

import (
	"testing"

	"github.com/borderlink/borderlink"
)

func TestConvert(t *testing.T) {
	for _, c := range []struct {
		a    Amount
		dim  Dimension
		want int64
	}{
		{Amount{"110", "kg"}, Mass, 110_000_000},
		{Amount{"326.32", "kg"}, Mass, 326_320_000},
		{Amount{"0,5", "g"}, Mass, 500},
		{Amount{"1.5", "t"}, Mass, 1_500_000_000},
		{Amount{"7759847", "pills"}, Pieces, 7_759_847},
		{Amount{" 12 ", "block"}, Pieces, 12},
		{Amount{"2.25", "l"}, Volume, 2250},
		{Amount{"250", "ml"}, Volume, 250},
		{Amount{"1.2", "ha"}, Area, 12_000},
	} {
		m, err := Convert(c.a)
		if err != nil || m.Dim != c.dim || m.Value != c.want {
			t.Errorf("Convert(%v) = %+v, %v; want %s %d", c.a, m, err, c.dim, c.want)
		}
	}
	for _, c := range []struct {
		a   Amount
		key string
	}{
		{Amount{"5", ""}, "error.stats_unit_missing"},
		{Amount{"5", "sacks"}, "error.stats_unit_unknown"},
		{Amount{"-5", "kg"}, "error.stats_quantity_negative"},
		{Amount{"0", "kg"}, "error.stats_quantity_zero"},
		{Amount{"", "kg"}, "error.stats_quantity_invalid"},
		{Amount{"1.2345", "kg"}, "error.stats_quantity_invalid"},
		{Amount{"1e6", "kg"}, "error.stats_quantity_invalid"},
		{Amount{"1.000.000", "kg"}, "error.stats_quantity_invalid"},
		{Amount{"12.5", "pills"}, "error.stats_whole_number"},
		{Amount{"2000000", "kg"}, "error.stats_quantity_absurd"},
		{Amount{"999999999999999", "t"}, "error.stats_quantity_absurd"},
	} {
		_, err := Convert(c.a)
		if be := borderlink.AsError(err); be == nil || be.Key != c.key {
			t.Errorf("Convert(%v) = %v, want %s", c.a, err, c.key)
		}
	}
	for _, v := range []int64{1, 500, 326_320, 110_000, 7_759_847_000} {
		if m, err := parseMilli(FormatMilli(v)); err != nil || m != v {
			t.Errorf("FormatMilli(%d) = %q reads back as %d, %v", v, FormatMilli(v), m, err)
		}
	}
}

func TestPrevious(t *testing.T) {
	d := borderlink.MustParseDate
	for _, c := range []struct{ from, to, pfrom, pto string }{
		{"2025-01-01", "2025-12-31", "2024-01-01", "2024-12-31"}, // a year: the year before, leap or not
		{"2026-03-01", "2026-03-31", "2026-02-01", "2026-02-28"}, // a month: the month before
		{"2026-01-01", "2026-03-31", "2025-10-01", "2025-12-31"}, // a quarter
		{"2026-03-01", "2026-03-15", "2026-02-14", "2026-02-28"}, // 15 days: the 15 before
		{"2026-03-10", "2026-03-10", "2026-03-09", "2026-03-09"},
	} {
		f, tt := Previous(Filter{From: d(c.from), To: d(c.to)})
		if f.String() != c.pfrom || tt.String() != c.pto {
			t.Errorf("Previous(%s–%s) = %s–%s, want %s–%s", c.from, c.to, f, tt, c.pfrom, c.pto)
		}
	}
}

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{"0,50": "0.5", " 110 ": "110", "326.320": "326.32", "7759.840": "7759.84"} {
		a, err := Canonical(Amount{Value: in, Unit: "kg"})
		if err != nil || a.Value != want || a.Unit != "kg" {
			t.Errorf("Canonical(%q) = %+v, %v; want %q", in, a, err, want)
		}
	}
	if _, err := Canonical(Amount{Value: "-1", Unit: "kg"}); err == nil {
		t.Error("Canonical accepted a negative amount")
	}
}

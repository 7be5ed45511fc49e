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

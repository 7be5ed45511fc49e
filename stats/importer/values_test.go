package importer

import (
	"testing"
)

func TestParseDay(t *testing.T) {
	for _, c := range []struct {
		in       string
		serial   bool
		date1904 bool
		want     string // "" for refused
	}{
		{"2024-03-15", false, false, "2024-03-15"},
		{"2024/3/5", false, false, "2024-03-05"},
		{"15/03/2024", false, false, "2024-03-15"},
		{"5/3/2024", false, false, "2024-03-05"},
		{"15-03-2024", false, false, "2024-03-15"},
		{"15.03.2024", false, false, "2024-03-15"},
		{"2024-03-15 00:00:00", false, false, "2024-03-15"},
		{"2024-03-15T08:30:00Z", false, false, "2024-03-15"},
		{"29/02/2024", false, false, "2024-02-29"},
		{"03/2024", false, false, "2024-03-31"},
		{"2/2024", false, false, "2024-02-29"},
		{"2023-02", false, false, "2023-02-28"},
		{"12/2025", false, false, "2025-12-31"},
		{"Tháng 3/2024", false, false, "2024-03-31"},
		{"THANG 04/2024", false, false, "2024-04-30"},
		{"ເດືອນ 06/2024", false, false, "2024-06-30"},
		{"45366", true, false, "2024-03-15"},
		{"45366.75", true, false, "2024-03-15"},
		{"43904", true, true, "2024-03-15"},
		{"45366", false, false, ""}, // a number in a CSV is not a date
		{"3.2024", true, false, "2024-03-31"},
		{"30/02/2024", false, false, ""},
		{"29/02/2023", false, false, ""},
		{"15/13/2024", false, false, ""},
		{"0/03/2024", false, false, ""},
		{"15/03/24", false, false, ""},
		{"13/2024", false, false, ""},
		{"2024", false, false, ""},
		{"2024-03-15-01", false, false, ""},
		{"hôm qua", false, false, ""},
		{"15/03/2024a", false, false, ""},
		{"60", true, false, ""}, // Excel's 29 February 1900
		{"0", true, false, ""},
	} {
		d, ok := parseDay(c.in, c.serial, c.date1904)
		if got := d.String(); ok != (c.want != "") || ok && got != c.want {
			t.Errorf("parseDay(%q, %v, %v) = %s, %v; want %q", c.in, c.serial, c.date1904, got, ok, c.want)
		}
	}
}

func TestParseCount(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		key  string
	}{
		{"0", 0, ""},
		{"12", 12, ""},
		{"1.234", 1234, ""},
		{"1,234", 1234, ""},
		{"1 234", 1234, ""},
		{"1\u00a0234\u00a0567", 1234567, ""},
		{"7.759.847", 7759847, ""},
		{"007", 7, ""},
		{"1,5", 0, "error.import_count_invalid"},
		{"1.5", 0, "error.import_count_invalid"},
		{"1.2345", 0, "error.import_count_invalid"},
		{"1234.567.8", 0, "error.import_count_invalid"},
		{"1.234,567", 0, "error.import_count_invalid"},
		{".123", 0, "error.import_count_invalid"},
		{"12a", 0, "error.import_count_invalid"},
		{"+3", 0, "error.import_count_invalid"},
		{"1e3", 0, "error.import_count_invalid"},
		{"9999999999999999", 0, "error.import_count_invalid"},
		{"-3", 0, "error.stats_quantity_negative"},
		{"−3", 0, "error.stats_quantity_negative"},
		{"໑.໒໓໔", 1234, ""}, // Lao digits
	} {
		n, e := parseCount(latinDigits(c.in))
		switch {
		case c.key == "" && (e != nil || n != c.want):
			t.Errorf("parseCount(%q) = %d, %v; want %d", c.in, n, e, c.want)
		case c.key != "" && (e == nil || e.Key != c.key):
			t.Errorf("parseCount(%q) = %d, %v; want %s", c.in, n, e, c.key)
		}
	}
}

func TestPlainNumber(t *testing.T) {
	for in, want := range map[string]string{
		"12":                  "12",
		"326.32":              "326.32",
		"0.30000000000000004": "0.3",
		"326.32000000000005":  "326.32",
		"1.5E+7":              "15000000",
		"1.2345":              "1.2345", // a real fourth decimal is kept, for Convert to refuse
		"-2.5E-1":             "-0.25",
		"1.234":               "1.234",
		"Inf":                 "Inf",
		"e5":                  "e5",
		"2024-03-15":          "2024-03-15",
		"":                    "",
	} {
		if got := plainNumber(in); got != want {
			t.Errorf("plainNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnLetters(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := columnLetters(i); got != want {
			t.Errorf("columnLetters(%d) = %q, want %q", i, got, want)
		}
	}
}

// TestNames: the names drug and unit cells are matched by.
func TestNames(t *testing.T) {
	_, d := fixture()
	x := newDrugs(d)
	for in, want := range map[string]string{
		"HEROIN": "HEROIN", "heroin": "HEROIN", "Hêrôin": "HEROIN", "bánh heroin": "HEROIN", "ເຮໂຣອີນ": "HEROIN",
		"meth_tablet": "METH_TABLET", "hồng phiến": "METH_TABLET", "ຢາບ້າ": "METH_TABLET", "Methamphetamine tablets": "METH_TABLET",
		"Ma tuy da": "METH_CRYSTAL", "ke": "KETAMINE", "Thuốc lắc": "MDMA", "ecstasy": "MDMA", "cỏ Mỹ": "NPS",
		"tiền chất": "PRECURSOR_SOLID", "Tiền chất (dạng lỏng)": "PRECURSOR_LIQUID", "Cây cần sa": "CANNABIS_PLANT",
	} {
		got, ok, e := x.resolve(in)
		if !ok || e != nil || got.Code != want {
			t.Errorf("drug %q = %s, %v, %v; want %s", in, got.Code, ok, e, want)
		}
	}
	m := newMeasures(d)
	for in, want := range map[string]string{
		"kg": "kg", "KG": "kg", "ki-lô-gam": "kg", "ກິໂລ": "kg", "gam": "g", "tấn": "t", "viên": "pills", "Tablets": "pills",
		"ເມັດ": "pills", "bánh": "block", "cây": "plants", "lít": "l", "ml": "ml", "ha": "ha", "m²": "m2", "mét vuông": "m2",
		"tép": "units", "bao tải": "bao tải",
	} {
		if got := m.code(in); got != want {
			t.Errorf("unit %q = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"": "police", "Công an": "police", "CA": "police", "ຕຳຫຼວດ": "police", "border_guard": "border_guard",
		"Bộ đội Biên phòng": "border_guard", "ທະຫານປ້ອງກັນຊາຍແດນ": "border_guard", "Hải quan": "customs", "ພາສີ": "customs",
		"phối hợp": "other", "Lực lượng khác": "other", "OTHER": "other",
	} {
		if got, e := agency(in); e != nil || string(got) != want {
			t.Errorf("agency %q = %q, %v; want %s", in, got, e, want)
		}
	}
}

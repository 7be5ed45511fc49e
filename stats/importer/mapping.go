package importer

import (
	"strings"

	"github.com/borderlink/borderlink"
)

// ParseMapping reads a column mapping as a clerk writes it: pairs
// field=column separated by commas, the column as its spreadsheet letters
// ("date=A, place=C, drug=D, quantity=F, unit=G"). It is for files whose
// header the importer does not recognise; an empty text gives nil (detect
// from the header). Fields and columns are checked again by Parse.
func ParseMapping(s string) (Mapping, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	m := Mapping{}
	for _, pair := range strings.Split(s, ",") {
		f, col, ok := strings.Cut(strings.TrimSpace(pair), "=")
		f, col = strings.ToLower(strings.TrimSpace(f)), strings.ToUpper(strings.TrimSpace(col))
		idx, okCol := columnIndex(col)
		if !ok || f == "" || !okCol {
			return nil, borderlink.Errorf(borderlink.EInvalid, "error.import_mapping_invalid",
				"a mapping is field=column pairs such as date=A, place=B", "field", f, "column", col)
		}
		if _, dup := m[Field(f)]; dup {
			return nil, borderlink.Errorf(borderlink.EInvalid, "error.import_mapping_invalid", "field "+f+" mapped twice",
				"field", f, "column", col)
		}
		m[Field(f)] = idx
	}
	return m, nil
}

// columnIndex reads spreadsheet column letters ("A", "AB") as a 0-based
// index.
func columnIndex(s string) (int, bool) {
	if s == "" || len(s) > 3 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < 'A' || c > 'Z' {
			return 0, false
		}
		n = n*26 + int(c-'A'+1)
	}
	return n - 1, true
}

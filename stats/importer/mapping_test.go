package importer

import "testing"

func TestParseMapping(t *testing.T) {
	m, err := ParseMapping(" date=A, place = c,drug=D, quantity=AA ")
	if err != nil || m[FieldDate] != 0 || m[FieldPlace] != 2 || m[FieldDrug] != 3 || m[FieldQuantity] != 26 || len(m) != 4 {
		t.Fatalf("ParseMapping = %v, %v", m, err)
	}
	if m, err := ParseMapping(""); m != nil || err != nil {
		t.Errorf("empty mapping = %v, %v", m, err)
	}
	for _, bad := range []string{"date", "date=1", "date=A,date=B", "=A", "date=ABCD", "date=Ä"} {
		if _, err := ParseMapping(bad); err == nil {
			t.Errorf("ParseMapping(%q) accepted", bad)
		}
	}
	for i := range 800 {
		if j, ok := columnIndex(columnLetters(i)); !ok || j != i {
			t.Fatalf("column %d reads back as %d", i, j)
		}
	}
}

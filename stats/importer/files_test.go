package importer

import (
	"archive/zip"
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n/vnlegacy"
)

// TestMalformedFiles: files that are not a table of figures are refused
// whole with an EInvalid error and a catalogue key, never a panic.
func TestMalformedFiles(t *testing.T) {
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	var notXLSX bytes.Buffer
	z := zip.NewWriter(&notXLSX)
	w, _ := z.Create("readme.txt")
	_, _ = w.Write([]byte("not a workbook"))
	_ = z.Close()

	header := "Ngày,Tỉnh,Số vụ\r\n"
	cases := []struct {
		name string
		data []byte
		key  string
	}{
		{"empty", nil, "error.import_empty"},
		{"blanks", []byte(" \r\n\t\n"), "error.import_empty"},
		{"bom only", []byte("\xEF\xBB\xBF"), "error.import_empty"},
		{"pk and noise", append([]byte("PK\x03\x04"), random...), "error.import_xlsx_unreadable"},
		{"zip, not xlsx", notXLSX.Bytes(), "error.import_xlsx_unreadable"},
		{"old xls", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), random...), "error.import_xls"},
		{"binary", append([]byte{0, 1, 2, 3}, random...), "error.import_not_text"},
		{"header only", []byte(header), "error.import_no_rows"},
		{"header and blank lines", []byte(header + ",,\r\n\r\n"), "error.import_no_rows"},
		{"xlsx header only", xlsxOf(t, "Sheet1", []any{"Ngày", "Tỉnh", "Số vụ"}), "error.import_no_rows"},
		{"xlsx empty", xlsxOf(t, "Sheet1"), "error.import_no_header"},
		{"blank rows only", []byte(",,\r\n,,\r\n"), "error.import_no_header"},
		{"no date column", []byte("Tỉnh,Số vụ\r\nVN-40,1\r\n"), "error.import_no_date_column"},
		{"no place column", []byte("Ngày,Số vụ\r\n2024-01-01,1\r\n"), "error.import_no_place_column"},
		{"no figure column", []byte("Ngày,Tỉnh,Ghi chú\r\n2024-01-01,VN-40,x\r\n"), "error.import_no_figure_column"},
		{"not a table", []byte("Kính gửi Cục C04,\r\nBáo cáo tháng 3\r\n"), "error.import_no_date_column"},
		{"field twice", []byte("Ngày,Tỉnh,Số vụ,Cases\r\n2024-01-01,VN-40,1,1\r\n"), "error.import_column_twice"},
		{"unclosed quote", []byte(header + "2024-01-01,\"VN-40,1\r\n"), "error.import_csv_malformed"},
		{"bare quote", []byte(header + "2024-01-01,VN\"40,1\r\n"), "error.import_csv_malformed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Parse(c.name, c.data, options())
			if err == nil {
				t.Fatalf("no error: %+v", res)
			}
			if k := refusal(t, err); k != c.key {
				t.Errorf("key %s, want %s (%v)", k, c.key, err)
			}
			if !strings.HasPrefix(strings.TrimPrefix(err.Error(), "invalid: "), c.name+": ") {
				t.Errorf("the message does not name the file: %v", err)
			}
		})
	}
}

// TestOptionsRequired: a caller's mistake is a plain error, not a problem
// of the clerk's file.
func TestOptionsRequired(t *testing.T) {
	data := csvOf(",", []string{"Date", "Place", "Cases"}, []string{"2024-01-01", "VN-40", "1"})
	for name, change := range map[string]func(*Options){
		"tree":   func(o *Options) { o.Tree = nil },
		"drugs":  func(o *Options) { o.Drugs = nil },
		"today":  func(o *Options) { o.Today = borderlink.Date{} },
		"origin": func(o *Options) { o.Origin = "Not A Node" },
		"rows":   func(o *Options) { o.MaxRows = -1 },
	} {
		o := options()
		change(&o)
		if _, err := Parse("x.csv", data, o); err == nil || !strings.HasPrefix(err.Error(), "importer: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	o := options()
	o.Locate = nil // defaults to the resolver of Tree
	if res := mustParse(t, "x.csv", data, o); res.Rows[0].Fact.Province != "VN-40" {
		t.Errorf("default Locate: %+v", res.Rows[0].Fact)
	}
}

// TestSeparatorsAndEncodings reads one report saved in the ways clerks'
// programs save CSV.
func TestSeparatorsAndEncodings(t *testing.T) {
	rows := append([][]string{englishHeader}, goodRows...)
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(csvOf("\t", rows...))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"comma":     csvOf(",", rows...),
		"semicolon": csvOf(";", rows...),
		"tab":       csvOf("\t", rows...),
		"bom":       append([]byte("\xEF\xBB\xBF"), csvOf(";", rows...)...),
		"utf16":     utf16,
		"lf only":   bytes.ReplaceAll(csvOf(",", rows...), []byte("\r\n"), []byte("\n")),
	} {
		t.Run(name, func(t *testing.T) {
			res := mustParse(t, name+".csv", data, options())
			checkGood(t, res)
			if res.Header[0] != "Date" {
				t.Errorf("header %q", res.Header)
			}
		})
	}
}

// TestTCVN3CSV reads an old report typed with a .VnTime font and saved as
// CSV: its bytes are Windows-1252, its text TCVN3.
func TestTCVN3CSV(t *testing.T) {
	if got := tcvn3Of("Nghệ An"); got != "NghÖ An" {
		t.Fatalf("tcvn3Of(Nghệ An) = %q", got)
	}
	header := []string{"Ngày", "Tỉnh", "Lực lượng", "Loại ma túy", "Số vụ", "Số đối tượng", "Khối lượng", "Đơn vị tính", "Ghi chú"}
	rows := [][]string{
		{"15/03/2024", "Nghệ An", "Công an", "HÐr«in", "2", "3", "1,5", "kg", "Bắt quả tang tại bản Huồi Khe"},
		{"20/03/2024", "Hà Tĩnh", "Bộ đội biên phòng", "Thuốc phiện", "1", "1", "0,3", "kg", "Đối tượng người địa phương"},
		{"03/2024", "Quảng Bình", "Hải quan", "Ma túy tổng hợp dạng viên", "1", "2", "5000", "viên", "Thu giữ trên xe khách"},
	}
	var lines [][]string
	for _, r := range append([][]string{header}, rows...) {
		enc := make([]string, len(r))
		for i, c := range r {
			if c == "HÐr«in" {
				enc[i] = c // already TCVN3 as Latin-1, as the brief writes it
			} else {
				enc[i] = tcvn3Of(c)
			}
		}
		lines = append(lines, enc)
	}
	data := windows1252(t, string(csvOf(";", lines...)))
	if bytes.Contains(data, []byte("Nghệ")) {
		t.Fatal("the test file is not in TCVN3")
	}
	res := mustParse(t, "tcvn3.csv", data, options())
	if res.Encoding != "tcvn3" {
		t.Errorf("encoding %q", res.Encoding)
	}
	for i, h := range header {
		if res.Header[i] != h {
			t.Errorf("header %d = %q, want %q", i, res.Header[i], h)
		}
	}
	if res.Bad != 0 {
		t.Fatalf("problems: %v", problems(res))
	}
	want := []struct{ place, drug, agency string }{
		{"VN-40", "HEROIN", "police"}, {"VN-42", "OPIUM", "border_guard"}, {"VN-44-2004", "METH_TABLET", "customs"},
	}
	for i, w := range want {
		f := res.Rows[i].Fact
		if f.Place != w.place || f.Drug != w.drug || string(f.Agency) != w.agency {
			t.Errorf("row %d: %+v, want %+v", i, f, w)
		}
	}

	// The same text in the cells of a workbook (UTF-8, shown as Latin-1).
	var xrows [][]any
	for _, l := range lines {
		xrows = append(xrows, anyRow(l))
	}
	xres := mustParse(t, "tcvn3.xlsx", xlsxOf(t, "Sheet1", xrows...), options())
	if xres.Encoding != "tcvn3" || xres.Bad != 0 || xres.Header[1] != "Tỉnh" {
		t.Errorf("xlsx: encoding %q, header %q, problems %v", xres.Encoding, xres.Header, problems(xres))
	}
	for i := range want {
		if xres.Rows[i].Fact.ID != res.Rows[i].Fact.ID {
			t.Errorf("xlsx row %d: %+v", i, xres.Rows[i].Fact)
		}
	}
}

// TestXLSXCells: the rows of a workbook keep the sheet's line numbers over
// missing rows, and numbers stored with binary noise or an exponent read as
// written.
func TestXLSXCells(t *testing.T) {
	data := xlsxOf(t, "Sheet1",
		[]any{"Ngày", "Tỉnh", "Loại ma túy", "Số viên", "Trọng lượng (kg)"},
		nil, nil,
		[]any{"03.2024", "VN-40", "METH_TABLET", 1.5e7, 0.1 + 0.2},
		[]any{45366, "VN-40", "METH_TABLET", "1.500", ""}, // an Excel serial stored as a plain number
	)
	res := mustParse(t, "cells.xlsx", data, options())
	if res.Bad != 0 {
		t.Fatalf("problems: %v", problems(res))
	}
	f := res.Rows[0].Fact
	if res.Rows[0].Line != 4 || f.Day.String() != "2024-03-31" || f.Pieces != 15_000_000 || f.Milligrams != 300_000 {
		t.Errorf("row 4: line %d, %+v", res.Rows[0].Line, f)
	}
	if f := res.Rows[1].Fact; res.Rows[1].Line != 5 || f.Day.String() != "2024-03-15" || f.Pieces != 1500 {
		t.Errorf("row 5: %+v", res.Rows[1])
	}
}

// TestTitleAndSepLine: a title above the table and Excel's "sep=" line
// are passed over, and lines are still the file's.
func TestTitleAndSepLine(t *testing.T) {
	body := csvOf(";", append([][]string{englishHeader}, goodRows...)...)
	for name, c := range map[string]struct {
		data  []byte
		first int // the line of the first data row
	}{
		"title": {append([]byte("CÔNG AN TỈNH NGHỆ AN;;;\r\nBáo cáo số liệu năm 2024\r\n\r\n"), body...), 5},
		"sep":   {append([]byte("sep=;\r\n"), body...), 3},
	} {
		res := mustParse(t, name+".csv", c.data, options())
		if res.Bad != 0 || len(res.Rows) != len(goodRows) || res.Rows[0].Line != c.first || res.Header[0] != "Date" {
			t.Errorf("%s: first line %d, header %q, problems %v", name, res.Rows[0].Line, res.Header, problems(res))
		}
	}
}

// TestVNICells: cells typed with a VNI font, in a UTF-8 file.
func TestVNICells(t *testing.T) {
	if got := vnlegacy.Decode("Ngheä An", vnlegacy.VNI); got != "Nghệ An" {
		t.Fatalf("VNI sample decodes to %q", got)
	}
	data := csvOf(",", []string{"Ngaøy", "Tænh", "Soá vuï"}, []string{"2024-03-01", "Ngheä An", "2"},
		[]string{"2024-03-02", "Ngheä An", "3"})
	res := mustParse(t, "vni.csv", data, options())
	if res.Encoding != "vni" || res.Bad != 0 || res.Rows[1].Fact.Place != "VN-40" || res.Rows[1].Fact.Cases != 3 {
		t.Errorf("encoding %q, header %q, rows %+v", res.Encoding, res.Header, res.Rows)
	}
}

// FuzzParse: no input makes Parse panic, and every refusal is a keyed
// EInvalid error.
func FuzzParse(f *testing.F) {
	f.Add(csvOf(",", append([][]string{englishHeader}, goodRows...)...))
	f.Add([]byte("Ngày;Tỉnh;Số vụ\n2024-01-01;VN-40;\"1\n"))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Add(windows1252(f, "Ngµy,TØnh,Sè vô\n01/2024,NghÖ An,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse("fuzz", data, options())
		if err != nil {
			refusal(t, err)
		}
	})
}

package importer

import (
	"bytes"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/borderlink/borderlink"
)

// maxUnzipped bounds what a workbook may unpack to, so that a small
// crafted archive cannot fill memory or disk. A million-row sheet of
// figures unpacks to well under it.
const maxUnzipped = 1 << 30

// xlsxSource streams the rows of one worksheet.
type xlsxSource struct {
	f        *excelize.File
	rows     *excelize.Rows
	line     int
	date1904 bool
	legacy
}

// rawCells asks for cell values as stored, not as displayed: a date is its
// serial number rather than text in the workbook's display format (which
// may have a two-digit year), and a number keeps all its digits.
var rawCells = excelize.Options{RawCellValue: true}

func openXLSX(data []byte, sheet string) (*xlsxSource, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true, UnzipSizeLimit: maxUnzipped})
	if err != nil {
		return nil, unreadable(err)
	}
	sheets := f.GetSheetList()
	switch {
	case len(sheets) == 0:
		_ = f.Close()
		return nil, unreadable(nil)
	case sheet == "":
		sheet = sheets[0]
	case !slices.Contains(sheets, sheet):
		_ = f.Close()
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.import_sheet_missing",
			"the workbook has no sheet "+strconv.Quote(sheet), "sheet", sheet, "sheets", strings.Join(sheets, ", "))
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		_ = f.Close()
		return nil, unreadable(err)
	}
	s := &xlsxSource{f: f, rows: rows}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	return s, nil
}

func unreadable(cause error) error {
	e := borderlink.Errorf(borderlink.EInvalid, "error.import_xlsx_unreadable",
		"the file is a ZIP archive but not a readable XLSX workbook")
	e.Err = cause
	return e
}

func (s *xlsxSource) next() ([]string, int, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, 0, unreadable(err)
		}
		return nil, 0, io.EOF
	}
	s.line++ // Next steps one row at a time, over missing rows too
	cells, err := s.rows.Columns(rawCells)
	if err != nil {
		return nil, 0, unreadable(err)
	}
	for i, c := range cells {
		cells[i] = s.fix(plainNumber(c))
	}
	return cells, s.line, nil
}

// plainNumber writes a stored number the way a person reads it: without
// an exponent ("1.5E+7" is 15000000), and without the binary noise of a
// computed cell ("0.30000000000000004" is 0.3, as Excel shows it). Other
// text is returned as it is.
func plainNumber(s string) string {
	if s == "" || !(s[0] >= '0' && s[0] <= '9' || s[0] == '-' || s[0] == '.') {
		return s
	}
	_, frac, _ := strings.Cut(s, ".")
	if !strings.ContainsAny(s, "eE") && len(frac) <= 3 {
		return s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return s
	}
	if r := math.Round(v*1000) / 1000; math.Abs(v-r) <= 1e-9*math.Max(1, math.Abs(v)) {
		v = r
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func (s *xlsxSource) serial() (bool, bool) { return true, s.date1904 }

func (s *xlsxSource) close() {
	_ = s.rows.Close()
	_ = s.f.Close()
}

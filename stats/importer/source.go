package importer

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n/vnlegacy"
)

// source yields the rows of one sheet. Cells come trimmed and converted
// to Unicode; line is the row number the clerk sees in the spreadsheet (or
// the CSV line where the record starts). next returns io.EOF after the last
// row.
type source interface {
	next() (cells []string, line int, err error)
	// serial reports whether numbers in a date column are Excel serial
	// dates (XLSX only), and whether they count from 1904.
	serial() (ok, date1904 bool)
	encoding() vnlegacy.Encoding
	close()
}

var (
	zipMagic      = []byte("PK\x03\x04")
	emptyZipMagic = []byte("PK\x05\x06")
	// oleMagic starts a Compound File: an old .xls workbook, or an
	// encrypted .xlsx, which Excel wraps the same way.
	oleMagic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	utf8BOM  = []byte("\xEF\xBB\xBF")
)

// open tells the format of data by its first bytes and opens its rows.
func open(data []byte, sheet string) (source, string, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
		return nil, "", borderlink.Errorf(borderlink.EInvalid, "error.import_empty", "the file is empty")
	}
	switch {
	case bytes.HasPrefix(data, zipMagic), bytes.HasPrefix(data, emptyZipMagic):
		s, err := openXLSX(data, sheet)
		return s, "xlsx", err
	case bytes.HasPrefix(data, oleMagic):
		return nil, "", borderlink.Errorf(borderlink.EInvalid, "error.import_xls",
			"an old .xls or a password-protected workbook; save it as .xlsx or .csv")
	}
	s, err := openCSV(data)
	return s, "csv", err
}

// legacy converts cells from the old Vietnamese font encodings and counts
// what it found, for Result.Encoding.
type legacy struct {
	file   vnlegacy.Encoding // found over the whole file (8-bit CSV)
	counts [vnlegacy.VNI + 1]int
	memo   map[string]fixed
}

type fixed struct {
	text string
	enc  vnlegacy.Encoding
}

// maxMemo bounds the cells remembered by fix. The text cells of a report
// repeat (a few places, drugs, agencies and units), so a small memo saves
// most of the conversion work; free text is not worth remembering.
const maxMemo = 4096

// fix trims a cell and converts it to Unicode NFC. ASCII needs neither
// conversion nor normalisation, and most cells (numbers, codes) are ASCII.
func (l *legacy) fix(s string) string {
	s = strings.TrimSpace(s)
	if isASCII(s) {
		return s
	}
	f, ok := l.memo[s]
	if !ok {
		t, e := vnlegacy.Fix(s)
		f = fixed{strings.TrimSpace(t), e}
		if l.memo == nil {
			l.memo = map[string]fixed{}
		}
		if len(l.memo) < maxMemo {
			l.memo[s] = f
		}
	}
	if f.enc >= 0 && int(f.enc) < len(l.counts) {
		l.counts[f.enc]++
	}
	return f.text
}

// encoding returns the legacy encoding of the file: the one found over the
// whole file when it was read from 8-bit bytes, else the one most converted
// cells were in; Unicode when no cell was converted.
func (l *legacy) encoding() vnlegacy.Encoding {
	if l.file != vnlegacy.Unicode {
		return l.file
	}
	switch tc, vni := l.counts[vnlegacy.TCVN3], l.counts[vnlegacy.VNI]; {
	case tc == 0 && vni == 0:
		return vnlegacy.Unicode
	case vni > tc:
		return vnlegacy.VNI
	}
	return vnlegacy.TCVN3
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

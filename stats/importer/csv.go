package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n/vnlegacy"
)

// csvSource reads the records of a CSV file.
type csvSource struct {
	r    *csv.Reader
	skip int // lines before the reader's first, for line numbers
	legacy
}

func openCSV(data []byte) (*csvSource, error) {
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	s := &csvSource{}
	s.file = enc
	comma, rest, hinted := sepHint(text)
	if hinted {
		text, s.skip = rest, 1
	} else {
		comma = sniffDelimiter(text)
	}
	s.r = csv.NewReader(strings.NewReader(text))
	s.r.Comma = comma
	s.r.FieldsPerRecord = -1 // rows shorter or longer than the header are normal in exports
	s.r.ReuseRecord = true
	return s, nil
}

// sepHint reads the line "sep=;" that Excel writes, and reads, at the top
// of a CSV file to name its separator, and returns the text after it.
func sepHint(text string) (rune, string, bool) {
	line, rest, ok := strings.Cut(text, "\n")
	line = strings.TrimSuffix(line, "\r")
	if !ok || len(line) != len("sep=;") || !strings.HasPrefix(strings.ToLower(line), "sep=") {
		return 0, text, false
	}
	switch c := rune(line[4]); c {
	case ',', ';', '\t', '|':
		return c, rest, true
	}
	return 0, text, false
}

// decodeText returns the text of a CSV file. UTF-8, with or without a
// byte-order mark, is taken as it is (its cells are fixed one by one);
// UTF-16 needs its byte-order mark, as Excel's "Unicode text" writes it;
// any other bytes are an old 8-bit export, read as Windows-1252 and
// converted from TCVN3 or VNI when the whole file shows it is in one of
// them (a whole file is better evidence than a cell).
func decodeText(data []byte) (string, vnlegacy.Encoding, error) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		b, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", 0, notText(err)
		}
		return string(b), vnlegacy.Unicode, nil
	}
	if bytes.IndexByte(data[:min(len(data), 8192)], 0) >= 0 {
		return "", 0, notText(nil)
	}
	if utf8.Valid(data) {
		return string(data), vnlegacy.Unicode, nil
	}
	s, enc := vnlegacy.DecodeBytes(data)
	return s, enc, nil
}

func notText(cause error) error {
	e := borderlink.Errorf(borderlink.EInvalid, "error.import_not_text",
		"the file is neither an XLSX workbook nor a CSV text file")
	e.Err = cause
	return e
}

// sniffDelimiter picks the separator of the header: the one of comma,
// semicolon and tab that occurs most often, outside quotes, on one of the
// first lines (the header has the most; a title above it has few or none).
// Excel writes semicolons where the decimal separator is a comma, as in
// Vietnamese and Lao settings.
func sniffDelimiter(text string) rune {
	best, most := ',', 0
	lines := 0
	for line := range strings.Lines(text) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if lines++; lines > headerSearchRows {
			break
		}
		for _, d := range []rune{',', ';', '\t'} {
			if n := countOutsideQuotes(line, d); n > most {
				best, most = d, n
			}
		}
	}
	return best
}

func countOutsideQuotes(line string, d rune) int {
	n, quoted := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == d && !quoted:
			n++
		}
	}
	return n
}

func (s *csvSource) next() ([]string, int, error) {
	rec, err := s.r.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		line := 0
		var pe *csv.ParseError
		detail := err.Error()
		if errors.As(err, &pe) {
			line, detail = pe.Line+s.skip, pe.Err.Error()
		}
		e := borderlink.Errorf(borderlink.EInvalid, "error.import_csv_malformed",
			"not valid CSV at line "+strconv.Itoa(line)+": "+detail, "line", lineArg(line), "detail", detail)
		e.Err = err
		return nil, 0, e
	}
	line, _ := s.r.FieldPos(0)
	line += s.skip
	cells := make([]string, len(rec))
	for i, c := range rec {
		cells[i] = s.fix(c)
	}
	return cells, line, nil
}

func (s *csvSource) serial() (bool, bool) { return false, false }
func (s *csvSource) close()               {}

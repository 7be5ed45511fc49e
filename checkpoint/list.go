package checkpoint

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/screening"
	"golang.org/x/text/encoding/unicode"
)

// List is a watch list loaded from a file.
type List struct {
	// ID names the list ("interpol-red", "la-customs-2026"): lower-case
	// letters, digits and dashes.
	ID   string `json:"id"`
	Name string `json:"name"` // shown to officers beside a candidate
	// File is the name of the file it was loaded from.
	File string `json:"file"`
	// SHA256 is the hash of that file, hex.
	SHA256   string    `json:"sha256"`
	Entries  int       `json:"entries"`
	Rejected int       `json:"rejected"` // rows of the file reported and skipped
	Loaded   time.Time `json:"loaded"`
	LoadedBy string    `json:"loaded_by"`
}

// ListEntry is one person of a watch list, as the file gave it.
type ListEntry struct {
	ListID      string   `json:"list"`
	ID          string   `json:"id"` // the list's own id
	Name        string   `json:"name"`
	AltNames    []string `json:"alt_names"`
	DOB         string   `json:"dob"` // YYYY, YYYY-MM, YYYY-MM-DD or ""
	Document    string   `json:"document"`
	Nationality string   `json:"nationality"` // ISO 3166 alpha-2 or ""
}

// Names returns the name and the alternative names.
func (e ListEntry) Names() []string { return append([]string{e.Name}, e.AltNames...) }

// Limits of a list file.
const (
	MaxListBytes = 128 << 20
	MaxEntries   = 2_000_000
	MaxAltNames  = 20
	maxIDLen     = 64
	maxProblems  = 1000 // problems listed; more are only counted
)

// Columns are the columns of a list file, in the order of its header row
// when written by this package.
var Columns = []string{"id", "name", "alt_names", "dob", "document", "nationality"}

var listIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,47}$`)

// CheckListID returns an error when id cannot name a list.
func CheckListID(id string) error {
	if !listIDPattern.MatchString(id) {
		return invalid("error.list_id", "a list id is 1 to 48 lower-case letters, digits and dashes", "value", clip(id, 60))
	}
	return nil
}

// Problem is a row of a list file that was reported and skipped.
type Problem struct {
	Line    int    `json:"line"`
	Column  string `json:"column,omitempty"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"` // in the loader's language
	// Err carries the catalogue key and arguments of Message.
	Err *borderlink.Error `json:"-"`
}

// Parsed is a list file read and checked: the good entries and the rows
// skipped.
type Parsed struct {
	Entries  []ListEntry
	Problems []Problem // at most maxProblems
	Rejected int       // every row skipped
	Rows     int       // data rows read
}

// ParseList reads a list file: CSV in UTF-8 (with or without a byte order
// mark) or UTF-16 with a byte order mark, a header row naming at least the
// columns id and name, then one person per row. alt_names holds names
// separated by ";". A bad row is reported and skipped; the error is for a
// file that cannot be read as a list at all (no header, binary data, too
// large), and then nothing is loaded.
func ParseList(listID string, data []byte) (Parsed, error) {
	var p Parsed
	if len(data) > MaxListBytes {
		return p, invalid("error.list_too_large", "the list file is too large", "max_mib", MaxListBytes>>20)
	}
	text, err := decodeList(data)
	if err != nil {
		return p, err
	}
	rest, base := text, 0 // the text still to read; the lines before it
	r := newCSV(rest)
	header, err := r.Read()
	if err != nil {
		return p, invalid("error.list_header", "the file has no header row")
	}
	cols := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if _, dup := cols[name]; dup && name != "" {
			return p, invalid("error.list_header_dup", "a column appears twice in the header", "column", clip(name, 40))
		}
		cols[name] = i
	}
	for _, need := range []string{"id", "name"} {
		if _, ok := cols[need]; !ok {
			return p, invalid("error.list_header", "the header row must name the columns id and name")
		}
	}
	seen := map[string]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			// A broken quote would swallow every row after it: report its
			// line and read on from the next one.
			p.Rows++
			line := base + pe.StartLine
			p.reject(Problem{Line: line, Err: asErr(invalid("error.list_csv", "the row is not valid CSV: "+pe.Err.Error()))})
			rest = afterLines(rest, pe.StartLine)
			base = line
			r = newCSV(rest)
			continue
		}
		if err != nil {
			return p, invalid("error.list_header", "the file cannot be read as CSV")
		}
		line, _ := r.FieldPos(0)
		line += base
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		p.Rows++
		if len(p.Entries) >= MaxEntries {
			return p, invalid("error.list_too_many", "the list has too many entries", "max", MaxEntries)
		}
		get := func(col string) string {
			if i, ok := cols[col]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		// A line break inside a name cell (Alt+Enter in a spreadsheet) is
		// a space.
		e := ListEntry{ListID: listID, ID: get("id"), Name: oneLine(get("name")), DOB: get("dob"),
			Document: get("document"), Nationality: strings.ToUpper(get("nationality"))}
		for _, a := range strings.Split(get("alt_names"), ";") {
			if a = oneLine(a); a != "" {
				e.AltNames = append(e.AltNames, a)
			}
		}
		if col, value, perr := checkEntry(e); perr != nil {
			p.reject(Problem{Line: line, Column: col, Value: clip(value, 80), Err: perr})
			continue
		}
		if first, dup := seen[e.ID]; dup {
			p.reject(Problem{Line: line, Column: "id", Value: clip(e.ID, 80), Err: borderlink.Errorf(borderlink.EInvalid,
				"error.list_id_dup", fmt.Sprintf("the id is already used on line %d", first), "line", first)})
			continue
		}
		seen[e.ID] = line
		p.Entries = append(p.Entries, e)
	}
	if p.Rows == 0 {
		return p, invalid("error.list_empty", "the list has no rows under its header")
	}
	return p, nil
}

// oneLine joins the lines and runs of spaces of s into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func newCSV(text string) *csv.Reader {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return r
}

// afterLines returns text without its first n lines.
func afterLines(text string, n int) string {
	for ; n > 0; n-- {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return ""
		}
		text = text[i+1:]
	}
	return text
}

func (p *Parsed) reject(pr Problem) {
	p.Rejected++
	if len(p.Problems) < maxProblems {
		pr.Message = pr.Err.Message
		p.Problems = append(p.Problems, pr)
	}
}

// checkEntry returns the column at fault and the reason when e cannot be
// screened.
func checkEntry(e ListEntry) (string, string, *borderlink.Error) {
	if e.ID == "" {
		return "id", "", asErr(invalid("error.list_id_missing", "the row has no id"))
	}
	if len(e.ID) > maxIDLen || !utf8.ValidString(e.ID) || hasControl(e.ID) {
		return "id", e.ID, asErr(invalid("error.list_id_bad", "the id is too long or holds control characters", "max", maxIDLen))
	}
	if e.Name == "" {
		return "name", "", asErr(invalid("error.list_name_missing", "the row has no name"))
	}
	if len(e.AltNames) > MaxAltNames {
		return "alt_names", "", asErr(invalid("error.list_alt_names", "too many alternative names", "max", MaxAltNames))
	}
	for _, n := range e.Names() {
		col := "name"
		if n != e.Name {
			col = "alt_names"
		}
		if err := (screening.Query{Name: n}).Validate(); err != nil {
			return col, n, asErr(err)
		}
	}
	if _, err := screening.ParseDOB(e.DOB); err != nil {
		return "dob", e.DOB, asErr(err)
	}
	if err := (screening.Query{Name: e.Name, Document: e.Document}).Validate(); err != nil {
		return "document", e.Document, asErr(err)
	}
	if e.Nationality != "" && !isAlpha2(e.Nationality) {
		return "nationality", e.Nationality, asErr(invalid("error.list_nationality",
			"the nationality is a two-letter country code (VN, LA, TH, CN…)", "value", clip(e.Nationality, 20)))
	}
	return "", "", nil
}

func isAlpha2(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return true
		}
	}
	return false
}

var utf8BOM = []byte("\xEF\xBB\xBF")

// decodeList returns the text of a list file.
func decodeList(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", invalid("error.list_encoding", "the file is not valid UTF-16")
		}
		data = b
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", invalid("error.list_empty", "the list file is empty")
	}
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return "", invalid("error.list_encoding", "the file is not text in UTF-8 or UTF-16: save it as CSV UTF-8")
	}
	return string(data), nil
}

// WriteList writes entries as a list file with a header row, the form
// ParseList reads.
func WriteList(w io.Writer, entries []ListEntry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return err
	}
	for _, e := range entries {
		if err := cw.Write([]string{e.ID, e.Name, strings.Join(e.AltNames, ";"), e.DOB, e.Document, e.Nationality}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func invalid(key, msg string, args ...any) error {
	return borderlink.Errorf(borderlink.EInvalid, key, msg, args...)
}

func asErr(err error) *borderlink.Error { return borderlink.AsError(err) }

func validUTF8(s string) bool { return utf8.ValidString(s) }

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

package importer

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/units"
)

// Field is a column the importer understands. Its value is also accepted as
// a column header, for files written by programs.
type Field string

const (
	FieldDate      Field = "date"
	FieldPlace     Field = "place"
	FieldAgency    Field = "agency"
	FieldDrug      Field = "drug"
	FieldCases     Field = "cases"
	FieldArrests   Field = "arrests"
	FieldQuantity  Field = "quantity"
	FieldUnit      Field = "unit" // the unit of the quantity column
	FieldPieces    Field = "pieces"
	FieldWeightKG  Field = "weight_kg"
	FieldReference Field = "reference"
)

// Fields lists every field in the order rows are checked.
func Fields() []Field {
	return []Field{FieldDate, FieldPlace, FieldAgency, FieldDrug, FieldCases, FieldArrests,
		FieldQuantity, FieldUnit, FieldPieces, FieldWeightKG, FieldReference}
}

// figureFields are the columns that carry a figure; a file needs one.
var figureFields = []Field{FieldCases, FieldArrests, FieldQuantity, FieldPieces, FieldWeightKG}

// Mapping tells which column (0-based) holds each field.
type Mapping map[Field]int

// DefaultMaxRows bounds the data rows of one file when Options.MaxRows is 0.
const DefaultMaxRows = 1_000_000

// Options say what a file is checked against and whose facts it holds.
type Options struct {
	// Tree is the unit directory places are looked up in: a unit code, an
	// alias (LA-PH) or a place name in Vietnamese, Lao or English.
	Tree *units.Tree
	// Drugs is the taxonomy drugs are coded in: a code, or a name or alias
	// in any language.
	Drugs *refdata.Drugs
	// Locate checks that a place existed on a day and gives its province
	// keys; nil means stats.Resolver{Tree: Tree}.Locate. It is a function so
	// that the service can check places exactly as it does at commit time.
	Locate func(place string, day borderlink.Date) (stats.Place, error)
	// Today is the last day a row may be dated.
	Today borderlink.Date
	// Origin is the node whose figures these are. It is part of every
	// fact's ID, so the same file imported by two nodes gives two sets of
	// facts.
	Origin borderlink.NodeID
	// Batch names the import; it is copied into Fact.Batch so that one
	// import can be found, or undone, later.
	Batch string
	// Mapping, when not nil, says which column holds which field, for a
	// header the importer does not recognise. The first non-blank row is
	// then taken as the header and not read as data.
	Mapping Mapping
	// MaxRows bounds the data rows (blank rows not counted); 0 means
	// DefaultMaxRows. A larger file is refused whole rather than cut.
	MaxRows int
	// Sheet is the XLSX sheet to read; "" reads the first one.
	Sheet string
}

// Problem is one thing wrong with a row. Key names a catalogue message and
// Args are its named values (name, value, name, value …), so the report can
// be shown in the clerk's language; Message is the English text for logs.
// Column is the header text of the column at fault, "" for the row as a
// whole.
type Problem struct {
	Line    int    `json:"line"`
	Column  string `json:"column,omitempty"`
	Key     string `json:"key"`
	Args    []any  `json:"args,omitempty"`
	Message string `json:"message"`
}

// Row is one data row of the file: its line (the spreadsheet's row number,
// or the CSV line where the record starts), the fact it gives and what is
// wrong with it. The fact of a bad row is filled as far as its cells
// allowed, for display only; it must not be stored.
type Row struct {
	Line     int        `json:"line"`
	Fact     stats.Fact `json:"fact"`
	Problems []Problem  `json:"problems,omitempty"`
}

// Result is a file read and checked.
type Result struct {
	Format string `json:"format"` // "xlsx" or "csv"
	// Encoding is the legacy Vietnamese font encoding the file's text was
	// found in and converted from ("tcvn3", "vni"), or "unicode".
	Encoding string   `json:"encoding"`
	Header   []string `json:"header"`
	Mapping  Mapping  `json:"mapping"`
	Rows     []Row    `json:"rows"` // every non-blank data row, in file order
	Bad      int      `json:"bad"`  // how many rows have problems
}

// Facts returns the facts of the rows, or nil when any row is bad: a file
// is imported whole or not at all.
func (r Result) Facts() []stats.Fact {
	if r.Bad > 0 {
		return nil
	}
	out := make([]stats.Fact, len(r.Rows))
	for i, row := range r.Rows {
		out[i] = row.Fact
	}
	return out
}

// Parse reads the file data (name is used only in error messages) and
// checks every row. A file that cannot be read as a table of figures at
// all — empty, not XLSX nor CSV, without a usable header, without data
// rows, or with more than MaxRows rows — gives an *borderlink.Error
// (EInvalid) with a catalogue key; a readable file gives a Result whose bad
// rows say what is wrong. Other errors are faults in o or internal ones.
//
// The facts have everything but Recorded, which the service sets when it
// commits them; Country and the province keys come from o.Locate.
func Parse(name string, data []byte, o Options) (Result, error) {
	if err := o.check(); err != nil {
		return Result{}, err
	}
	src, format, err := open(data, o.Sheet)
	if err != nil {
		return Result{}, withFile(err, name)
	}
	defer src.close()
	p := newParser(o, src)
	res := Result{Format: format}
	if err := p.findHeader(); err != nil {
		return Result{}, withFile(err, name)
	}
	res.Header, res.Mapping = p.header, p.mapping
	for {
		cells, line, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Result{}, withFile(err, name)
		}
		if blank(cells) {
			continue
		}
		if len(res.Rows) == p.maxRows {
			return Result{}, withFile(borderlink.Errorf(borderlink.EInvalid, "error.import_rows",
				fmt.Sprintf("more than %d rows", p.maxRows), "max", p.maxRows), name)
		}
		row, err := p.row(line, cells)
		if err != nil {
			return Result{}, fmt.Errorf("importer: %s line %d: %w", name, line, err)
		}
		if len(row.Problems) > 0 {
			res.Bad++
		}
		res.Rows = append(res.Rows, row)
	}
	if len(res.Rows) == 0 {
		return Result{}, withFile(borderlink.Errorf(borderlink.EInvalid, "error.import_no_rows",
			"a header but no rows of figures"), name)
	}
	res.Encoding = p.encoding().String()
	return res, nil
}

// check reports a mistake in the options, which is the caller's fault, not
// the clerk's.
func (o *Options) check() error {
	switch {
	case o.Tree == nil:
		return errors.New("importer: Options.Tree is required")
	case o.Drugs == nil:
		return errors.New("importer: Options.Drugs is required")
	case o.Today.IsZero():
		return errors.New("importer: Options.Today is required")
	case o.MaxRows < 0:
		return errors.New("importer: Options.MaxRows is negative")
	}
	if err := o.Origin.Validate(); err != nil {
		return fmt.Errorf("importer: Options.Origin: %w", err)
	}
	if o.Locate == nil {
		o.Locate = stats.Resolver{Tree: o.Tree}.Locate
	}
	return nil
}

// withFile adds the file name to the English message of a file-level
// error, leaving its key and arguments as they are.
func withFile(err error, name string) error {
	var e *borderlink.Error
	if errors.As(err, &e) && name != "" {
		c := *e
		c.Message = name + ": " + e.Message
		return &c
	}
	return err
}

// blank reports whether a row has no text at all; such rows are skipped
// without a word, as spreadsheets are full of them.
func blank(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

// lineArg formats a line number as the identifier it is (no digit
// grouping in the message).
func lineArg(line int) string { return strconv.Itoa(line) }

package units

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Limits of ImportCSV.
const (
	MaxImportBytes    = 8 << 20 // size of the file
	MaxImportRows     = 20000   // data rows
	MaxImportProblems = 1000    // problems reported before reading stops
)

// importColumns are the columns of an import file, in their usual order.
// successors may be left out.
var importColumns = []string{"code", "country", "level", "parent", "name_vi", "name_lo", "name_en", "valid_from", "valid_to", "successors"}

// ImportReport is the outcome of ImportCSV: the number of data rows, how
// many units they created, changed or left as they were, and every problem
// found. Problems is empty when the import was committed.
type ImportReport struct {
	Rows      int       `json:"rows"`
	Created   int       `json:"created"`
	Updated   int       `json:"updated"`
	Unchanged int       `json:"unchanged"`
	Problems  []Problem `json:"problems,omitempty"`
}

// Problem is one reason why a row (or the file) was rejected. Line is the
// line of the file where the row begins, the header being line 1; Unit is
// the row's unit code when it has one. Code, Key and Args are those of the
// *borderlink.Error that states the reason, for rendering in the reader's
// language.
type Problem struct {
	Line    int    `json:"line"`
	Unit    string `json:"unit,omitempty"`
	Code    string `json:"code"`
	Key     string `json:"key"`
	Args    []any  `json:"args,omitempty"`
	Message string `json:"message"`
}

// Rejected reports whether the import was refused for its problems (nothing
// was written).
func (r ImportReport) Rejected() bool { return len(r.Problems) > 0 }

// Err returns the problem as an error.
func (p Problem) Err() *borderlink.Error {
	return &borderlink.Error{Code: p.Code, Key: p.Key, Args: p.Args, Message: fmt.Sprintf("line %d: %s", p.Line, p.Message)}
}

// importRow is a parsed data row.
type importRow struct {
	line int
	u    Unit
}

// ImportCSV reads a list of units from r and writes it: all or nothing.
//
// The file is UTF-8 CSV (a byte-order mark and CRLF line ends are accepted)
// whose header names the columns code, country, level, parent, name_vi,
// name_lo, name_en, valid_from, valid_to and, optionally, successors (codes
// separated by ';'), in any order. Codes may use aliases and any letter
// case; dates are YYYY-MM-DD or empty for an open bound; names are stored
// NFC-normalised.
//
// Every row is checked (see checkUnit): a parent must exist already or come
// on an earlier row, a successor may come on any row, and no code may appear
// twice. When any row is wrong nothing is written, the report lists every
// problem, and the error is EInvalid (error.import_rejected). Otherwise
// every unit is created or updated as the file says (its place name and
// border flag are kept), units already as the file says are left alone and
// counted unchanged, so importing the same file twice changes nothing. Each
// import, accepted or rejected, is audited (action unit.import) under actor.
// A file over MaxImportBytes or MaxImportRows is refused with ETooLarge.
func (s *Service) ImportCSV(ctx context.Context, actor string, r io.Reader) (ImportReport, error) {
	if actor == "" {
		return ImportReport{}, borderlink.Errorf(borderlink.EInvalid, "error.invalid", "import: no actor")
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return ImportReport{}, fmt.Errorf("units: import: %w", err)
	}
	if len(data) > MaxImportBytes {
		return ImportReport{}, borderlink.Errorf(borderlink.ETooLarge, "error.import_too_large",
			fmt.Sprintf("import file over %d MiB", MaxImportBytes>>20), "max_mib", MaxImportBytes>>20)
	}
	t := s.Tree()
	rows, rep, err := parseImport(t, data)
	if err != nil {
		return rep, err
	}
	rep.Problems = append(rep.Problems, t.checkImport(rows)...)
	slices.SortStableFunc(rep.Problems, func(a, b Problem) int { return a.Line - b.Line })
	if len(rep.Problems) > 0 {
		return rep, s.reject(ctx, actor, rep)
	}
	want := Data{Units: make([]Unit, len(rows))}
	for i, row := range rows {
		want.Units[i] = row.u
	}
	ch, err := s.apply(ctx, want, applyOptions{entry: audit.Entry{Actor: actor, Action: "unit.import", ObjectType: "unit",
		Outcome: audit.OutcomeOK, Detail: fmt.Sprintf("%d rows: ", rep.Rows)}, always: true})
	if err != nil {
		return rep, err
	}
	rep.Created, rep.Updated, rep.Unchanged = ch.Created, ch.Updated, ch.Unchanged
	return rep, nil
}

// reject audits a rejected import and returns the error for it.
func (s *Service) reject(ctx context.Context, actor string, rep ImportReport) error {
	lines := map[int]bool{}
	for _, p := range rep.Problems {
		lines[p.Line] = true
	}
	err := s.db.Update(ctx, func(tx Tx) error {
		return s.log.Record(ctx, tx.Audit(), audit.Entry{Actor: actor, Action: "unit.import", ObjectType: "unit",
			Outcome: audit.OutcomeFailed, Detail: fmt.Sprintf("%d rows: rejected, %d problems on %d lines", rep.Rows, len(rep.Problems), len(lines))})
	})
	if err != nil {
		return fmt.Errorf("units: import: audit: %w", err)
	}
	return borderlink.Errorf(borderlink.EInvalid, "error.import_rejected",
		fmt.Sprintf("import rejected: %d problems on %d lines; nothing was written", len(rep.Problems), len(lines)),
		"problems", len(rep.Problems), "lines", len(lines))
}

// parseImport reads the rows of an import file. Problems of form (header,
// CSV syntax, field count, dates) are in the report; the error is set only
// when the file is refused as a whole (too many rows).
func parseImport(t *Tree, data []byte) ([]importRow, ImportReport, error) {
	var rep ImportReport
	problem := func(line int, unit string, e *borderlink.Error) {
		rep.Problems = append(rep.Problems, Problem{Line: line, Unit: unit, Code: e.Code, Key: e.Key, Args: e.Args, Message: e.Message})
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			problem(1, "", invalid("error.csv_header", "the file is empty; the first line must name the columns", "columns", strings.Join(importColumns, ",")))
		} else {
			problem(1, "", csvSyntax(err))
		}
		return nil, rep, nil
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		switch {
		case !slices.Contains(importColumns, h):
			problem(1, "", invalid("error.csv_column_unknown", fmt.Sprintf("unknown column %q", h), "column", h))
		case col[h] > 0:
			problem(1, "", invalid("error.csv_column_twice", fmt.Sprintf("column %q appears twice", h), "column", h))
		}
		col[h] = i + 1
	}
	for _, c := range importColumns[:9] {
		if col[c] == 0 {
			problem(1, "", invalid("error.csv_column_missing", fmt.Sprintf("column %q is missing", c), "column", c))
		}
	}
	if len(rep.Problems) > 0 {
		return nil, rep, nil
	}
	var rows []importRow
	for len(rep.Problems) < MaxImportProblems {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			problem(pe.StartLine, "", csvSyntax(err))
			continue
		} else if err != nil {
			return nil, rep, fmt.Errorf("units: import: %w", err)
		}
		line, _ := cr.FieldPos(0)
		rep.Rows++
		if rep.Rows > MaxImportRows {
			return nil, ImportReport{}, borderlink.Errorf(borderlink.ETooLarge, "error.import_rows",
				fmt.Sprintf("import file over %d rows", MaxImportRows), "max", MaxImportRows)
		}
		if len(rec) != len(header) {
			problem(line, "", invalid("error.csv_fields", fmt.Sprintf("%d fields; the header has %d", len(rec), len(header)),
				"got", len(rec), "want", len(header)))
			continue
		}
		get := func(c string) string {
			if col[c] == 0 {
				return ""
			}
			return strings.TrimSpace(rec[col[c]-1])
		}
		u := Unit{
			Code: NormalizeCode(get("code")), Country: NormalizeCode(get("country")),
			Level: strings.ToLower(get("level")), Parent: t.resolve(get("parent")),
			Name: normalizeText(borderlink.Text{VI: get("name_vi"), LO: get("name_lo"), EN: get("name_en")}),
		}
		bad := false
		for _, f := range []struct {
			dst *borderlink.Date
			src string
		}{{&u.ValidFrom, get("valid_from")}, {&u.ValidTo, get("valid_to")}} {
			d, err := borderlink.ParseDate(f.src)
			if err != nil {
				problem(line, u.Code, borderlink.AsError(err))
				bad = true
			}
			*f.dst = d
		}
		for _, s := range strings.Split(get("successors"), ";") {
			if s = t.resolve(s); s != "" && !slices.Contains(u.Successors, s) {
				u.Successors = append(u.Successors, s)
			}
		}
		if !bad {
			rows = append(rows, importRow{line: line, u: u})
		}
	}
	return rows, rep, nil
}

func csvSyntax(err error) *borderlink.Error {
	detail := err.Error()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		detail = pe.Err.Error()
	}
	return invalid("error.csv_syntax", "CSV syntax: "+detail, "detail", detail)
}

// resolve returns the code an import field names: normalised, with an alias
// replaced by its unit's code.
func (t *Tree) resolve(code string) string {
	code = NormalizeCode(code)
	if c, ok := t.aliases[code]; ok {
		return c
	}
	return code
}

// checkImport checks every row against the tree and the other rows and
// completes the rows' units: a unit that exists keeps its place name and
// border flag, and is left exactly as stored when the file says nothing
// new about it; any other is marked SourceImport.
func (t *Tree) checkImport(rows []importRow) []Problem {
	var problems []Problem
	byCode := map[string]int{}
	for i, row := range rows {
		if _, dup := byCode[row.u.Code]; !dup {
			byCode[row.u.Code] = i
		}
	}
	lookup := func(before int) lookupFunc {
		return func(code string) (Unit, bool) {
			if i, ok := byCode[code]; ok && i < before {
				return rows[i].u, true
			}
			if n, ok := t.nodes[code]; ok {
				return n.u, true
			}
			return Unit{}, false
		}
	}
	for i := range rows {
		row := &rows[i]
		if first := byCode[row.u.Code]; first != i {
			e := invalid("error.unit_duplicate", fmt.Sprintf("unit %s is already on line %d", row.u.Code, rows[first].line),
				"code", row.u.Code, "line", rows[first].line)
			problems = append(problems, Problem{Line: row.line, Unit: row.u.Code, Code: e.Code, Key: e.Key, Args: e.Args, Message: e.Message})
			continue
		}
		for _, e := range t.checkUnit(row.u, lookup(i), lookup(len(rows))) {
			problems = append(problems, Problem{Line: row.line, Unit: row.u.Code, Code: e.Code, Key: e.Key, Args: e.Args, Message: e.Message})
		}
		if n, ok := t.nodes[row.u.Code]; ok {
			row.u.PlaceName, row.u.Border, row.u.Source = n.u.PlaceName, n.u.Border, n.u.Source
			if !row.u.Equal(n.u) {
				row.u.Source = SourceImport
			}
		} else {
			row.u.Source = SourceImport
		}
	}
	return problems
}

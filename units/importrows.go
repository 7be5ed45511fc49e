package units

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
)

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
		if i := slices.IndexFunc(rec, badText); i >= 0 {
			problem(line, "", invalid("error.bad_text", fmt.Sprintf("column %d holds a NUL, a control character or invalid UTF-8", i+1)))
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
			rows = append(rows, importRow{line: line, u: u, keepSuccessors: col["successors"] == 0})
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
		if n, ok := t.nodes[row.u.Code]; ok && row.keepSuccessors {
			row.u.Successors = slices.Clone(n.u.Successors)
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

// badText reports a cell no database should store: invalid UTF-8, NUL or
// another control character (tab excepted).
func badText(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	return strings.ContainsFunc(s, func(r rune) bool { return r != '\t' && unicode.IsControl(r) })
}

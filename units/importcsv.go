package units

import (
	"context"
	"fmt"
	"io"
	"slices"

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
	line           int
	u              Unit
	keepSuccessors bool // the file has no successors column
}

// ImportCSV reads a list of units from r and writes it: all or nothing.
//
// The file is UTF-8 CSV (a byte-order mark and CRLF line ends are accepted)
// whose header names the columns code, country, level, parent, name_vi,
// name_lo, name_en, valid_from, valid_to and, optionally, successors (codes
// separated by ';'; without the column, stored successors are kept), in any
// order. Codes may use aliases and any letter
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
	s.mu.Lock() // the tree checked against stays current until the write
	defer s.mu.Unlock()
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

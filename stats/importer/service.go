package importer

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/stats"
)

// MaxFileBytes bounds an uploaded spreadsheet. A year of a province's
// figures is a few hundred kilobytes; a file this size is a mistake, and
// refusing it keeps the node's memory safe.
const MaxFileBytes = 64 << 20

// Service imports spreadsheets of figures into the statistics: a file is
// checked whole, and only a file without a bad row is committed, in one
// transaction with its audit entry. Importing the same rows again replaces
// them (their ids are stable), so a clerk may fix a file and import it
// again without creating duplicates.
type Service struct {
	Stats *stats.Service
	DB    stats.DB
	Log   *audit.Log
	Self  borderlink.NodeID
}

// Request is one import.
type Request struct {
	Name    string // the file's name, for messages and the audit trail
	Data    []byte
	Sheet   string  // XLSX sheet; "" for the first
	Mapping Mapping // nil: detected from the header
	DryRun  bool    // check only; nothing is stored
}

// Report is what an import found and did.
type Report struct {
	File      string    `json:"file"`
	Format    string    `json:"format"`
	Encoding  string    `json:"encoding"`
	Header    []string  `json:"header"`
	Mapping   Mapping   `json:"mapping"`
	Rows      int       `json:"rows"`
	Bad       int       `json:"bad"`
	Problems  []Problem `json:"problems"`
	Committed bool      `json:"committed"`
	Created   int       `json:"created"`  // rows new to the statistics
	Replaced  int       `json:"replaced"` // rows that replaced the same rows imported before
	Batch     string    `json:"batch,omitempty"`
}

// Import checks a file as p, and commits it when every row is good and
// DryRun is not set. p needs stats.import over the place of every row, and
// only the figures of this node's country can be imported. A file that
// cannot be read at all returns an EInvalid *borderlink.Error; a readable
// file with bad rows returns a Report that lists them, with nothing stored.
func (s *Service) Import(ctx context.Context, p auth.Principal, req Request) (Report, error) {
	rep := Report{File: filepath.Base(req.Name), Problems: []Problem{}}
	if !p.Can(auth.PermStatsImport) {
		return rep, borderlink.Errorf(borderlink.EForbidden, "error.forbidden", "importing statistics needs stats.import",
			"permission", string(auth.PermStatsImport))
	}
	if len(req.Data) > MaxFileBytes {
		return rep, borderlink.Errorf(borderlink.ETooLarge, "error.import_too_large",
			fmt.Sprintf("the file is %d bytes, over %d", len(req.Data), MaxFileBytes), "max_mib", MaxFileBytes>>20)
	}
	tree := s.Stats.Resolver().Tree
	batch := "imp-" + borderlink.NewID()
	res, err := Parse(rep.File, req.Data, Options{Tree: tree, Drugs: s.Stats.Drugs(), Locate: s.Stats.Resolver().Locate,
		Today: s.Stats.Today(), Origin: s.Self, Batch: batch, Mapping: req.Mapping, Sheet: req.Sheet})
	if err != nil {
		return rep, err
	}
	rep.Format, rep.Encoding, rep.Header, rep.Mapping, rep.Rows = res.Format, res.Encoding, res.Header, res.Mapping, len(res.Rows)
	country := s.Stats.Country()
	for i := range res.Rows {
		row := &res.Rows[i]
		f := row.Fact
		if len(row.Problems) == 0 && f.Country != country {
			row.Problems = append(row.Problems, Problem{Line: row.Line, Key: "error.import_other_country",
				Args: []any{"place", f.Place}, Message: "figures of the partner country are released by the partner, not imported"})
		} else if len(row.Problems) == 0 && !p.CanIn(auth.PermStatsImport, f.Place, tree) {
			row.Problems = append(row.Problems, Problem{Line: row.Line, Key: "error.import_place_outside",
				Args: []any{"place", f.Place}, Message: "the place is outside the units you import for"})
		}
		if len(row.Problems) > 0 {
			rep.Bad++
			rep.Problems = append(rep.Problems, row.Problems...)
		}
	}
	if rep.Bad > 0 || req.DryRun {
		return rep, nil
	}
	facts := make([]stats.Fact, len(res.Rows))
	for i, row := range res.Rows {
		facts[i] = row.Fact
	}
	ids := make([]string, len(facts))
	for i, f := range facts {
		ids[i] = f.ID
	}
	err = s.DB.Update(ctx, func(tx stats.Tx) error {
		old, err := tx.Stats().Facts(ctx, ids)
		if err != nil {
			return err
		}
		rep.Replaced, rep.Created = len(old), len(facts)-len(old)
		if err := tx.Stats().PutFacts(ctx, facts); err != nil {
			return err
		}
		return s.Log.Record(ctx, tx.Audit(), stats.Entry(p, "stats.import", batch,
			fmt.Sprintf("%s: %d rows (%d new, %d replaced), %s, %s", rep.File, len(facts), rep.Created, rep.Replaced, rep.Format, rep.Encoding)))
	})
	if err != nil {
		return rep, err
	}
	rep.Committed, rep.Batch = true, batch
	return rep, nil
}

// Package refdata embeds the researched reference data BorderLink is built
// on: the border provinces of Vietnam and Laos before and after Vietnam's
// 2025 reorganisation, facing province pairs, border gates and the police
// hierarchy (admin-units.json); drug types (drug-types.json); and name lists
// for synthetic persons (names-vi.json, names-lo.json).
//
// The files are byte-for-byte copies of ../shared/data/, embedded so that the
// binary needs nothing beside it at run time; a test fails when a copy drifts
// from its source. Every entry carries a confidence grade: check it before
// relying on the entry (see Confidence).
package refdata

import (
	"embed"
	"fmt"
)

// FS holds the embedded JSON files under their original names.
//
//go:embed *.json
var FS embed.FS

// Names of the embedded files.
const (
	AdminUnitsFile = "admin-units.json"
	DrugTypesFile  = "drug-types.json"
	NamesVIFile    = "names-vi.json"
	NamesLOFile    = "names-lo.json"
)

// Files lists every embedded file.
var Files = []string{AdminUnitsFile, DrugTypesFile, NamesVIFile, NamesLOFile}

func read(name string) ([]byte, error) {
	b, err := FS.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("refdata: read %s: %w", name, err)
	}
	return b, nil
}

package treatment_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestNoPathToTheWire: the register's own code imports neither federation
// nor an adapter (store, web, API), so no change of it can hand a record
// to an envelope without this test failing. Federation refuses the
// treatment kinds on its side (federation.TestTreatmentKindsAreDomestic).
func TestNoPathToTheWire(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	const mod = "github.com/borderlink/borderlink/"
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		ast, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range ast.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			for _, banned := range []string{"federation", "store", "web", "api", "node", "cases", "wanted", "hotline"} {
				if path == mod+banned || strings.HasPrefix(path, mod+banned+"/") {
					t.Errorf("%s imports %s", f, path)
				}
			}
		}
	}
}

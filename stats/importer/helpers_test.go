package importer

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n/vnlegacy"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/units"
)

// today is the day the tests run on, after Vietnam's 2025 reform.
var today = borderlink.NewDate(2026, 11, 20)

var fixture = sync.OnceValues(func() (*units.Tree, *refdata.Drugs) {
	d, err := units.BuiltIn(true)
	if err != nil {
		panic(err)
	}
	drugs, err := refdata.DrugTypes()
	if err != nil {
		panic(err)
	}
	return units.NewTree(d), drugs
})

// options returns the options of an import by the Vietnamese ministry
// against the real unit tree and drug taxonomy.
func options() Options {
	tree, drugs := fixture()
	return Options{
		Tree: tree, Drugs: drugs, Locate: stats.Resolver{Tree: tree}.Locate,
		Today: today, Origin: "vn.mps", Batch: "batch-1",
	}
}

// csvOf writes rows as CSV separated by sep, quoting cells that need it.
func csvOf(sep string, rows ...[]string) []byte {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteString(sep)
			}
			if strings.ContainsAny(c, sep+"\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

// xlsxOf writes rows into the first sheet of a new workbook, named sheet,
// cell values as given (strings, numbers, time.Time for date cells).
func xlsxOf(t testing.TB, sheet string, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range rows {
		if len(r) == 0 {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		row := r
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tcvn3Of writes Unicode Vietnamese as a TCVN3 font shows it when the bytes
// are read as Latin-1: "Nghệ An" → "NghÖ An".
func tcvn3Of(s string) string {
	rev := map[rune]rune{}
	for b := rune(0xA1); b <= 0xFF; b++ {
		if d := []rune(vnlegacy.Decode(string(b), vnlegacy.TCVN3)); len(d) == 1 && d[0] != b {
			if _, ok := rev[d[0]]; !ok {
				rev[d[0]] = b
			}
		}
	}
	return strings.Map(func(r rune) rune {
		if l, ok := rev[r]; ok {
			return l
		}
		return r
	}, norm.NFC.String(s))
}

// windows1252 returns the bytes of Latin-1 text in Windows-1252, as an old
// spreadsheet program saved it.
func windows1252(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mustParse parses data and fails the test on a file-level error.
func mustParse(t testing.TB, name string, data []byte, o Options) Result {
	t.Helper()
	res, err := Parse(name, data, o)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return res
}

// refusal returns the catalogue key of a file-level error, failing the
// test when the error is not an EInvalid *borderlink.Error.
func refusal(t testing.TB, err error) string {
	t.Helper()
	var e *borderlink.Error
	if !errors.As(err, &e) || e.Code != borderlink.EInvalid || !strings.HasPrefix(e.Key, "error.") {
		t.Fatalf("want an EInvalid *borderlink.Error with a key, got %#v", err)
	}
	return e.Key
}

// problems lists the problems of a result as "line column key" lines.
func problems(res Result) []string {
	var out []string
	for _, r := range res.Rows {
		for _, p := range r.Problems {
			out = append(out, fmt.Sprintf("%d %s %s", p.Line, p.Column, p.Key))
		}
	}
	return out
}

// arg returns the value of a named argument of a problem.
func arg(p Problem, name string) any {
	for i := 0; i+1 < len(p.Args); i += 2 {
		if p.Args[i] == name {
			return p.Args[i+1]
		}
	}
	return nil
}

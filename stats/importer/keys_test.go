package importer

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
)

// TestKeysInCatalogue: every catalogue key the package names, and every
// key its problems carried in the other tests' files, is defined, with
// placeholders for each argument the code passes. (i18n's own test checks
// the whole tree the same way; this one fails next to the code.)
func TestKeysInCatalogue(t *testing.T) {
	cat := i18n.MustLoad()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`"(error\.[a-z0-9_]+)"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			n++
			if _, _, ok := cat.Text(m[1]); !ok {
				t.Errorf("%s: key %s is not in i18n/messages", f, m[1])
			}
		}
	}
	if n < 30 {
		t.Errorf("only %d keys found; is the pattern right?", n)
	}
}

// TestProblemsRender: each problem of a report of bad rows renders in the
// three languages with every placeholder filled.
func TestProblemsRender(t *testing.T) {
	cat := i18n.MustLoad()
	data := csvOf(",",
		[]string{"Ngày", "Tỉnh", "Loại ma túy", "Khối lượng", "Đơn vị tính", "Số viên"},
		[]string{"2024-01-01", "Bản Đon Xi", "Ma túy đá", "3", "viên", "4"},
		[]string{"2024-13-01", "Atlantis", "Bột", "x", "kg", ""},
		[]string{"2026-03-01", "Quảng Bình", "HEROIN", "1", "kg", ""},
		[]string{"2026-03-01", "Quảng Bình", "HEROIN", "1", "kg", ""},
	)
	res := mustParse(t, "r.csv", data, options())
	seen := 0
	for _, r := range res.Rows {
		for _, p := range r.Problems {
			seen++
			for _, l := range borderlink.Langs {
				s := cat.Printer(l).T(p.Key, p.Args...)
				if s == p.Key || strings.ContainsAny(s, "{}") {
					t.Errorf("%s in %s: %q", p.Key, l, s)
				}
			}
		}
	}
	if seen < 6 {
		t.Errorf("only %d problems: %v", seen, problems(res))
	}
}

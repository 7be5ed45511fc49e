package i18n_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/borderlink/borderlink/i18n"
)

// keyUses finds catalogue keys named in code and templates: T("key" and
// T "key" calls, errors built with a key (Errorf(code, "key", …)), and any
// "error.…" string, whichever helper builds the error.
var keyUses = []*regexp.Regexp{
	regexp.MustCompile(`\.T\(\s*"([a-z0-9_]+\.[a-z0-9_.]+)"`),
	regexp.MustCompile(`\.T "([a-z0-9_]+\.[a-z0-9_.]+)"`),
	regexp.MustCompile(`Errorf\(\s*borderlink\.E[A-Za-z]+,\s*"([a-z0-9_]+\.[a-z0-9_.]+)"`),
	regexp.MustCompile(`Key:\s*"([a-z0-9_]+\.[a-z0-9_.]+)"`),
	regexp.MustCompile(`"(error\.[a-z0-9_]+)"`), // every error key, however it is built
}

// TestEveryUsedKeyExists fails when code or a template of the project names
// a catalogue key that no catalogue defines, so no user ever sees a raw key.
func TestEveryUsedKeyExists(t *testing.T) {
	cat := i18n.MustLoad()
	have := map[string]bool{}
	for _, k := range cat.Keys() {
		have[k] = true
	}
	root := ".."
	missing := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "node_modules" || name == ".git" || name == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".html")) || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, re := range keyUses {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				if strings.HasSuffix(m[1], "_") || strings.HasSuffix(m[1], ".") {
					continue // a prefix completed at run time, e.g. "role." + role
				}
				if !have[m[1]] {
					missing[m[1]] = append(missing[m[1]], path)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range missing {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("key %q is used in %s but no catalogue defines it", k, strings.Join(dedupe(missing[k]), ", "))
	}
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

package auth_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
)

// TestCatalogue checks that every error key this package uses has a message
// in every language.
func TestCatalogue(t *testing.T) {
	cat := i18n.MustLoad()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`"(error\.[a-z_]+)"`)
	seen := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			seen[m[1]] = true
		}
	}
	if len(seen) < 20 {
		t.Fatalf("found only %d keys", len(seen))
	}
	for k := range seen {
		for _, l := range borderlink.Langs {
			if p := cat.Printer(l); !p.Has(k) {
				t.Errorf("%s: no message for %s", l, k)
			}
		}
	}
	p := cat.Printer(borderlink.LangVI)
	msg := p.Err(borderlink.Errorf(borderlink.ELocked, "error.login_wait", "", "seconds", 4))
	if msg != "Vui lòng chờ 4 giây rồi thử lại." {
		t.Errorf("rendered %q", msg)
	}
}

package static_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/borderlink/borderlink/web/static"
)

// files returns the paths in static.FS whose names end with one of exts.
func files(t *testing.T, exts ...string) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(static.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, e := range exts {
			if strings.HasSuffix(p, e) {
				out = append(out, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := fs.ReadFile(static.FS, p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestLayoutAssetsPresent(t *testing.T) {
	for _, p := range []string{
		"css/app.css", "js/htmx.min.js", "js/htmx-ext-sse.min.js",
		"fonts/OFL-NotoSans.txt", "fonts/OFL-NotoSansLao.txt",
	} {
		if _, err := fs.Stat(static.FS, p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]+?)['"]?\s*\)`)

// TestCSSURLsResolve checks that every url(...) in a stylesheet names a file
// in FS, resolved relative to the stylesheet as a browser would.
func TestCSSURLsResolve(t *testing.T) {
	sheets := files(t, ".css")
	if len(sheets) == 0 {
		t.Fatal("no stylesheet in FS")
	}
	n := 0
	for _, css := range sheets {
		for _, m := range cssURL.FindAllStringSubmatch(read(t, css), -1) {
			ref := m[1]
			if strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") {
				continue
			}
			n++
			target := path.Clean(path.Join(path.Dir(css), ref))
			if strings.HasPrefix(ref, "/static/") {
				target = strings.TrimPrefix(ref, "/static/")
			}
			if _, err := fs.Stat(static.FS, target); err != nil {
				t.Errorf("%s: url(%s): %s is not in FS", css, ref, target)
			}
		}
	}
	if n == 0 {
		t.Error("no url(...) found: the @font-face rules are missing")
	}
}

var (
	// A URL with a scheme, or a protocol-relative one right after a quote
	// or parenthesis ("//cdn.example/x").
	outsideURL = regexp.MustCompile(`(?i)(?:https?:|["'(]\s*)//[a-z0-9.-]+\.[a-z]{2,}[^\s"'()]*`)
	comment    = regexp.MustCompile(`(?s)/\*.*?\*/`)
)

// outsideRefs returns the references to other hosts in a stylesheet or
// script. Allowed are URLs inside a comment that carries a licence or
// copyright notice, and the W3C namespace names that SVG and XML code uses.
func outsideRefs(src string) []string {
	comments := comment.FindAllStringIndex(src, -1)
	var out []string
	for _, loc := range outsideURL.FindAllStringIndex(src, -1) {
		u := src[loc[0]:loc[1]]
		if strings.Contains(strings.ToLower(u), "//www.w3.org/") || inLicenceComment(src, comments, loc[0]) {
			continue
		}
		out = append(out, strings.TrimLeft(u, "\"'( "))
	}
	return out
}

func inLicenceComment(src string, comments [][]int, at int) bool {
	for _, c := range comments {
		if c[0] <= at && at < c[1] {
			text := strings.ToLower(src[c[0]:c[1]])
			return strings.Contains(text, "licen") || strings.Contains(text, "copyright")
		}
	}
	return false
}

func TestOutsideRefs(t *testing.T) {
	for src, want := range map[string]int{
		`a{background:url(https://cdn.example.com/x.png)}`:               1,
		`@import "//fonts.example.org/css";`:                             1,
		`fetch("http://10.0.0.1.example.net/")`:                          1,
		`/*! lib 1.0 | MIT License | https://lib.example.com */var a=1;`: 0,
		`/* see https://example.com */`:                                  1,
		`e.createElementNS("http://www.w3.org/2000/svg","svg")`:          0,
		`a{background:url(../fonts/x.woff2)}`:                            0,
		`x=a//b.length`:                                                  0,
	} {
		if got := len(outsideRefs(src)); got != want {
			t.Errorf("outsideRefs(%q) found %d, want %d", src, got, want)
		}
	}
}

// TestNoOutsideHosts fails when a stylesheet or script refers to another
// host: a node must work with no link to the internet, and a page must not
// tell a third party who reads it.
func TestNoOutsideHosts(t *testing.T) {
	for _, p := range files(t, ".css", ".js") {
		for _, u := range outsideRefs(read(t, p)) {
			t.Errorf("%s refers to an outside host: %s", p, u)
		}
	}
}

// own are the scripts BorderLink writes itself (LICENSES.md says so).
var own = map[string]bool{"js/stats.js": true}

// TestLicensesListEveryThirdPartyFile keeps LICENSES.md true: each script
// and font in FS has a row whose checksum matches the embedded file.
func TestLicensesListEveryThirdPartyFile(t *testing.T) {
	b, err := os.ReadFile("LICENSES.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{} // file -> sha256
	for _, line := range strings.Split(string(b), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 8 {
			continue
		}
		rows[strings.TrimSpace(cells[1])] = strings.TrimSpace(cells[6])
	}
	for _, p := range files(t, ".js", ".woff2", ".woff") {
		if own[p] {
			continue
		}
		want, ok := rows[p]
		if !ok {
			t.Errorf("%s is not listed in LICENSES.md", p)
			continue
		}
		sum := sha256.Sum256([]byte(read(t, p)))
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s: sha256 %s, LICENSES.md says %s", p, got, want)
		}
	}
}

func TestStylesheetSmall(t *testing.T) {
	const limit = 16 << 10
	if n := len(read(t, "css/app.css")); n > limit {
		t.Errorf("css/app.css is %d bytes, over the %d-byte budget for slow border links", n, limit)
	}
}

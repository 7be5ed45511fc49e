package e2e

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
)

// externalRef matches a reference to another host in HTML, CSS or script:
// an absolute http(s) URL or a protocol-relative one in src, href, action
// or url().
var externalRef = regexp.MustCompile(`(?i)(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//`)

// TestPagesReferenceNoOutsideHost loads every page and every asset it
// links and fails when any of them would make the browser contact another
// host: no CDN, no external font, nothing.
func TestPagesReferenceNoOutsideHost(t *testing.T) {
	for _, bad := range []string{`<script src="https://cdn.example/htmx.js">`, `<link href="//fonts.example/x.css">`,
		`@font-face{src:url(https://fonts.example/lao.woff2)}`} {
		if !externalRef.MatchString(bad) {
			t.Fatalf("the scan misses %s", bad)
		}
	}
	n := nodetest.MustStart(t, nodetest.Options{Demo: true})
	pages := []string{"/", "/units", "/units?date=2025-01-15", "/units/VN-40", "/units/VN-44-2004", "/units/LA-07",
		"/units/VN-MPS/children", "/units/search?q=dien", "/users", "/users/new", "/users/u_officer", "/audit", "/profile", "/wanted", "/wanted/new",
		"/static/css/app.css"}
	seen := map[string]bool{}
	for _, role := range []auth.Role{"", auth.RoleAdmin, auth.RoleAuditor} {
		list := pages
		if role == "" {
			list = []string{"/login"} // signed out: the login page
		}
		for _, p := range list {
			st, body := n.Do(t, nil, "GET", p, n.Tokens[role], "", "")
			if st == http.StatusForbidden {
				continue
			}
			if st != http.StatusOK {
				t.Errorf("GET %s as %s: status %d", p, role, st)
				continue
			}
			if m := externalRef.FindString(body); m != "" {
				t.Errorf("GET %s refers to another host: %q", p, m)
			}
			for _, a := range assetRefs(body) {
				seen[a] = true
			}
		}
	}
	if len(seen) == 0 {
		t.Fatal("no asset references found: the scan is broken")
	}
	for a := range seen {
		st, body := n.Do(t, nil, "GET", a, "", "", "")
		if st != http.StatusOK {
			t.Errorf("asset %s: status %d", a, st)
		}
		if strings.HasSuffix(a, ".css") && externalRef.MatchString(body) {
			t.Errorf("asset %s refers to another host", a)
		}
	}
}

var assetRef = regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`)

func assetRefs(html string) []string {
	var out []string
	for _, m := range assetRef.FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// BenchmarkPages renders the units page (demo data, both countries) and the
// audit page (50 newest entries) through the whole HTTP stack and reports
// p50 and p99 latencies and the size of each page.
func BenchmarkPages(b *testing.B) {
	n := nodetest.MustStart(b, nodetest.Options{Demo: true})
	for _, pg := range []struct {
		name, path string
		role       auth.Role
	}{
		{"units", "/units", auth.RoleOfficer},
		{"unit", "/units/VN-40?date=2025-01-15", auth.RoleOfficer},
		{"audit", "/audit", auth.RoleAuditor},
		{"home", "/", auth.RoleOfficer},
	} {
		b.Run(pg.name, func(b *testing.B) {
			c := n.Client(b)
			var times []time.Duration
			size := 0
			for b.Loop() {
				start := time.Now()
				st, body := n.Do(b, c, "GET", pg.path, n.Tokens[pg.role], "", "")
				times = append(times, time.Since(start))
				if st != http.StatusOK {
					b.Fatalf("GET %s: %d", pg.path, st)
				}
				size = len(body)
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
			b.ReportMetric(float64(size), "page-bytes")
		})
	}
}

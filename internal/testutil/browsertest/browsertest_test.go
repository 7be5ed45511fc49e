package browsertest_test

import (
	"bytes"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/borderlink/borderlink/internal/testutil/browsertest"
)

// Lao text the page shows: "Hello" and "Anti-drug police department".
const (
	laoGreeting = "ສະບາຍດີ"
	laoUnit     = "ກົມຕຳຫຼວດປາບປາມຢາເສບຕິດ"
	laoTitle    = "ທົດສອບ"
)

const laoPage = `<!doctype html>
<html lang="lo">
<head><meta charset="utf-8"><title>` + laoTitle + `</title>
<style>body{font:20px sans-serif;margin:2em} .tall{height:1400px}</style></head>
<body>
<h1 id="greeting">` + laoGreeting + `</h1>
<p id="unit">` + laoUnit + `</p>
<div class="tall"></div>
<p id="end">end</p>
</body>
</html>`

func TestLaoPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(laoPage))
	}))
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("test server at %s, want loopback", srv.URL)
	}

	start := time.Now()
	ctx := browsertest.MustStart(t)
	t.Logf("browser started in %v", time.Since(start).Round(time.Millisecond))

	browsertest.MustRun(t, ctx,
		chromedp.Navigate(srv.URL),
		chromedp.WaitVisible(chromedp.ID("greeting")),
	)
	if got := browsertest.MustGet(t, ctx, chromedp.Text(chromedp.ID("greeting"))); got != laoGreeting {
		t.Errorf("greeting = %q, want %q", got, laoGreeting)
	}
	if got := browsertest.MustGet(t, ctx, chromedp.TextContent(chromedp.CSS("p#unit"))); got != laoUnit {
		t.Errorf("unit = %q, want %q", got, laoUnit)
	}
	if got := browsertest.MustGet(t, ctx, chromedp.Title()); got != laoTitle {
		t.Errorf("title = %q, want %q", got, laoTitle)
	}
	if got := browsertest.MustGet(t, ctx, chromedp.Evaluate[string]("document.documentElement.lang")); got != "lo" {
		t.Errorf("lang = %q, want lo", got)
	}
	width := browsertest.MustGet(t, ctx, chromedp.Evaluate[int]("window.innerWidth"))
	if width != browsertest.WindowWidth {
		t.Errorf("window.innerWidth = %d, want %d", width, browsertest.WindowWidth)
	}

	path := browsertest.Screenshot(t, ctx, "lao-page")
	if filepath.Ext(path) != ".png" {
		t.Errorf("screenshot path %s, want a .png", path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	size := img.Bounds().Size()
	if size.X != browsertest.WindowWidth || size.Y <= browsertest.WindowHeight {
		t.Errorf("screenshot is %dx%d, want %d wide and, the page being long, taller than %d",
			size.X, size.Y, browsertest.WindowWidth, browsertest.WindowHeight)
	}
	// Something was drawn: the text is darker than the white page.
	if !hasDarkPixel(img.Bounds().Size().X, 200, func(x, y int) uint32 {
		r, g, b, _ := img.At(x, y).RGBA()
		return (r + g + b) / 3
	}) {
		t.Error("the top of the screenshot is blank")
	}
	t.Logf("screenshot %dx%d, %d bytes; total %v", size.X, size.Y, len(b), time.Since(start).Round(time.Millisecond))
}

// hasDarkPixel reports whether any pixel in the top h rows of a w-wide image
// is dark.
func hasDarkPixel(w, h int, grey func(x, y int) uint32) bool {
	for y := range h {
		for x := range w {
			if grey(x, y) < 0x4000 {
				return true
			}
		}
	}
	return false
}

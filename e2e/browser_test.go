package e2e

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/testutil/browsertest"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
)

// TestBrowserLoginAndLao signs in through the real login page in headless
// Chromium, switches the interface to Lao and finds Lao text on the home
// page, drawn with the Noto Sans Lao font the binary carries.
func TestBrowserLoginAndLao(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{})
	ctx := browsertest.MustStart(t)
	lo := n.Catalog.Printer(borderlink.LangLO)

	browsertest.MustRun(t, ctx,
		chromedp.Navigate(n.URL+"/"),
		chromedp.WaitVisible(`input[name=username]`),
		chromedp.SendKeys(`input[name=username]`, "admin"),
		chromedp.SendKeys(`input[name=password]`, nodetest.AdminPassword),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`nav.nav`),
		chromedp.Click(`form.langs button[value=lo]`),
		chromedp.WaitVisible(`body.lang-lo`),
	)
	h1 := browsertest.MustGet(t, ctx, chromedp.Text(chromedp.CSS("main h1")))
	want := lo.T("home.welcome", "name", "")
	if len(want) < 3 || !containsLao(h1) {
		t.Fatalf("home page heading %q has no Lao text (want something like %q)", h1, want)
	}
	nav := browsertest.MustGet(t, ctx, chromedp.Text(chromedp.CSS("nav.nav")))
	if !containsAll(nav, lo.T("nav.home"), lo.T("nav.units")) {
		t.Errorf("navigation %q is not in Lao", nav)
	}
	// The embedded Lao face is loaded and used.
	ok := browsertest.MustGet(t, ctx, chromedp.Evaluate[bool](
		`document.fonts.ready.then(() => document.fonts.check('16px "Noto Sans Lao"', 'ສະບາຍດີ'))`,
		chromedp.EvalAwaitPromise))
	if !ok {
		t.Error("the Noto Sans Lao font is not available to the page")
	}
	loaded := browsertest.MustGet(t, ctx, chromedp.Evaluate[bool](
		`[...document.fonts].some(f => f.family.includes("Noto Sans Lao") && f.status === "loaded")`))
	if !loaded {
		t.Error("the Noto Sans Lao font was not loaded from the node")
	}
	// The choice is remembered on the account: a new page stays in Lao.
	browsertest.MustRun(t, ctx, chromedp.Navigate(n.URL+"/units"), chromedp.WaitVisible(`body.lang-lo`))
	shot := browsertest.Screenshot(t, ctx, "home-lo")
	t.Logf("screenshot: %s", shot)
	if os.Getenv("BORDERLINK_SCREENSHOT") != "" {
		b, _ := os.ReadFile(shot)
		os.WriteFile(os.Getenv("BORDERLINK_SCREENSHOT"), b, 0o644)
	}
}

func containsLao(s string) bool {
	for _, r := range s {
		if r >= 0x0E80 && r <= 0x0EFF {
			return true
		}
	}
	return false
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

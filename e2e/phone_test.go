package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borderlink/borderlink/internal/testutil/browsertest"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
)

// TestPagesFitAPhone loads the main pages at 360 CSS pixels wide, the
// width of a common phone at a border post, and fails when any page is
// wider than the screen (wide tables scroll inside their own box).
func TestPagesFitAPhone(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{Demo: true})
	ctx := browsertest.MustStart(t)
	browsertest.MustRun(t, ctx,
		chromedp.EmulateViewport(360, 740),
		chromedp.Navigate(n.URL+"/login"),
		chromedp.WaitVisible(`input[name=username]`),
		chromedp.SendKeys(`input[name=username]`, "admin"),
		chromedp.SendKeys(`input[name=password]`, nodetest.AdminPassword),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`nav.nav`), // only signed-in pages have the menu
	)
	if w := browsertest.MustGet(t, ctx, chromedp.Evaluate[int](`window.innerWidth`)); w != 360 {
		t.Fatalf("viewport is %d px wide, want 360", w)
	}
	for _, p := range []string{"/", "/units", "/units/VN-40?date=2025-01-15", "/users", "/users/new", "/profile"} {
		browsertest.MustRun(t, ctx, chromedp.Navigate(n.URL+p), chromedp.WaitVisible(`nav.nav`), chromedp.WaitVisible(`main h1`))
		w := browsertest.MustGet(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if w > 360 {
			t.Errorf("%s is %d px wide on a 360 px screen", p, w)
			browsertest.Screenshot(t, ctx, "phone")
		}
	}
}

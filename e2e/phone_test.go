package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/hotline"
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
	fits := func(ctx context.Context, paths ...string) {
		t.Helper()
		for _, p := range paths {
			browsertest.MustRun(t, ctx, chromedp.Navigate(n.URL+p), chromedp.WaitVisible(`nav.nav`), chromedp.WaitVisible(`main h1`),
				// Forms folded away must fit too.
				chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => d.open = true)`))
			w := browsertest.MustGet(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
			if w > 360 {
				t.Errorf("%s is %d px wide on a 360 px screen", p, w)
				browsertest.Screenshot(t, ctx, "phone")
			}
		}
	}
	fits(ctx, "/", "/units", "/units/VN-40?date=2025-01-15", "/users", "/users/new", "/profile", "/peers")

	// The hotline pages, as a province officer with a message that has a
	// form and a file.
	tok := borderUser(t, n, "hung", auth.RoleOfficer, "VN-40")
	body, _ := json.Marshal(map[string]any{"to_unit": "VN-MPS", "priority": "URGENT", "lang": "vi",
		"subject": "Báo cáo bắt giữ đối tượng vận chuyển 12 bánh heroin tại khu vực biên giới Nậm Cắn",
		"body":    "Lúc 14 giờ 20, tổ công tác phát hiện, bắt giữ đối tượng vận chuyển trái phép chất ma túy.",
		"form": map[string]any{"type": "seizure", "fields": map[string]any{
			"seized_at": "2026-11-25T07:20:00+07:00", "place": "VN-40", "summary": map[string]any{"text": "Bắt quả tang.", "lang": "vi"},
			"items": []any{map[string]any{"drug": "HEROIN", "count": map[string]any{"value": 12.0, "unit": "block"}}}}},
		"attachments": []map[string]any{{"name": "bien-ban-bat-giu-doi-tuong-van-chuyen-heroin-tai-nam-can.pdf", "data": pdfBytes(2000)}}})
	code, out := n.Do(t, nil, "POST", "/api/v1/messages", tok, "application/json", string(body))
	if code != http.StatusCreated {
		t.Fatalf("send: %d %.300s", code, out)
	}
	var m hotline.Message
	json.Unmarshal([]byte(out), &m)
	officer := browsertest.MustStart(t)
	browsertest.MustRun(t, officer,
		chromedp.EmulateViewport(360, 740),
		chromedp.Navigate(n.URL+"/login"),
		chromedp.WaitVisible(`input[name=username]`),
		chromedp.SendKeys(`input[name=username]`, "hung"),
		chromedp.SendKeys(`input[name=password]`, n.Passwords["hung"]),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`nav.nav`),
	)
	fits(officer, "/hotline", "/hotline/channels/"+m.ChannelID, "/hotline/messages/"+m.ID)
}

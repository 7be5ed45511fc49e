package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/browsertest"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
)

// TestBrowserStatsDashboard seeds the demonstration history on a node and
// opens the dashboard as the ministry analyst, in Lao, for 2025 and the
// merged province of Quảng Trị with old Quảng Bình: the headline figures
// match the API's, the four charts are drawn on their canvases, drug and
// province names are in Lao, numbers use the Lao grouping, and the page
// fits a phone.
func TestBrowserStatsDashboard(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{Demo: true})
	ctx := context.Background()
	if k, err := n.Stats.SeedDemo(ctx, borderlink.MustParseDate("2024-01-01")); err != nil || k < 1000 {
		t.Fatalf("SeedDemo = %d, %v", k, err)
	}
	query := "from=2025-01-01&to=2025-12-31&province=VN-44,VN-44-2004"
	code, body := n.Do(t, nil, "GET", "/api/v1/stats/summary?"+query, n.Tokens[auth.RoleAnalyst], "", "")
	if code != http.StatusOK {
		t.Fatalf("summary: %d %s", code, body)
	}
	var sum struct {
		Total struct {
			Current struct{ Cases, Arrests int64 } `json:"current"`
		} `json:"total"`
		ByProvince []struct{ Key string } `json:"by_province"`
	}
	json.Unmarshal([]byte(body), &sum)
	if sum.Total.Current.Cases == 0 || len(sum.ByProvince) != 2 {
		t.Fatalf("summary of the demo history: %s", body)
	}
	lo := n.Catalog.Printer(borderlink.LangLO)

	tab := browsertest.MustStart(t)
	browserLogin(t, tab, n.URL, nodetest.Username(auth.RoleAnalyst), n.Passwords[nodetest.Username(auth.RoleAnalyst)], borderlink.LangLO)
	browsertest.MustRun(t, tab,
		chromedp.Navigate(n.URL+"/stats?"+query),
		chromedp.WaitVisible(`#stats-cards`),
		chromedp.WaitVisible(`body[data-charts="4"]`),
	)
	cards := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#stats-cards`)))
	if !strings.Contains(cards, lo.Int(sum.Total.Current.Cases)) || !strings.Contains(cards, lo.T("stats.cases")) {
		t.Errorf("headline figures %q lack the API's %d cases in Lao form", cards, sum.Total.Current.Cases)
	}
	drugs := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#stats-drugs`)))
	if !containsLao(drugs) || !strings.Contains(drugs, "ກິໂລ") {
		t.Errorf("the table by drug is not in Lao: %q", drugs)
	}
	provs := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#stats-provinces`)))
	if !strings.Contains(provs, lo.T("stats.province_until", "name", "ກວາງບິ່ງ", "date", "30/06/2025")) && !strings.Contains(provs, "30/06/2025") {
		t.Errorf("old Quảng Bình is not marked with the day it ended: %q", provs)
	}
	// Every chart painted something: some pixel of each canvas is not
	// transparent.
	painted := browsertest.MustGet(t, tab, chromedp.Evaluate[int](`[...document.querySelectorAll('.charts canvas')].filter(c => {
		const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
		for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; }
		return false;
	}).length`))
	if painted != 4 {
		t.Errorf("%d of 4 charts painted", painted)
	}
	browsertest.Screenshot(t, tab, "stats-lo")

	// The conference report of the same filter: the paragraph in Lao from
	// the dashboard's link, then the Vietnamese version for the partner.
	browsertest.MustRun(t, tab, chromedp.Click(`#stats-report`), chromedp.WaitVisible(`#report-summary`))
	para := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#report-summary`)))
	if !containsLao(para) || !strings.Contains(para, lo.Int(sum.Total.Current.Cases)+" ຄະດີ") {
		t.Errorf("Lao report paragraph %q lacks %d cases", para, sum.Total.Current.Cases)
	}
	browsertest.Screenshot(t, tab, "report-lo")
	vi := n.Catalog.Printer(borderlink.LangVI)
	browsertest.MustRun(t, tab, chromedp.Navigate(n.URL+"/stats/report?"+query+"&rlang=vi"), chromedp.WaitVisible(`#report-summary`))
	para = browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#report-summary`)))
	if !strings.HasPrefix(para, "Từ ngày 01/01/2025 đến ngày 31/12/2025") || !strings.Contains(para, vi.Int(sum.Total.Current.Cases)+" vụ") {
		t.Errorf("Vietnamese report paragraph: %q", para)
	}
	code, xlsx := n.Do(t, nil, "GET", "/stats/report.xlsx?"+query, n.Tokens[auth.RoleAnalyst], "", "")
	if code != http.StatusOK || !strings.HasPrefix(xlsx, "PK") {
		t.Errorf("XLSX report: %d %.40q", code, xlsx)
	}
	code, csvBody := n.Do(t, nil, "GET", "/stats/report.csv?"+query+"&rlang=en", n.Tokens[auth.RoleAnalyst], "", "")
	if code != http.StatusOK || !strings.Contains(csvBody, "By province") || !strings.Contains(csvBody, "Quang Binh") {
		t.Errorf("CSV report: %d %.400s", code, csvBody)
	}

	// A bad period is explained in Lao and shows no figures.
	browsertest.MustRun(t, tab, chromedp.Navigate(n.URL+"/stats?from=2025-12-31&to=2025-01-01"), chromedp.WaitVisible(`p.error`))
	msg := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`p.error`)))
	if !containsLao(msg) {
		t.Errorf("error for a reversed period %q is not in Lao", msg)
	}

	// The dashboard fits a phone.
	browsertest.MustRun(t, tab, chromedp.EmulateViewport(360, 740), chromedp.Navigate(n.URL+"/stats?"+query),
		chromedp.WaitVisible(`body[data-charts="4"]`),
		chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => d.open = true)`))
	if w := browsertest.MustGet(t, tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		t.Errorf("/stats is %d px wide on a 360 px screen", w)
		browsertest.Screenshot(t, tab, "stats-phone")
	}
	for _, path := range []string{"/stats/report?" + query, "/stats/import"} {
		browsertest.MustRun(t, tab, chromedp.Navigate(n.URL+path), chromedp.WaitVisible(`main h1`),
			chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => d.open = true)`))
		if w := browsertest.MustGet(t, tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
			t.Errorf("%s is %d px wide on a 360 px screen", path, w)
			browsertest.Screenshot(t, tab, "stats-phone-2")
		}
	}
}

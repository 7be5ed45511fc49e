package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/hotline/forms"
	"github.com/borderlink/borderlink/internal/testutil/browsertest"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
)

// browserLogin signs in through the login page in the tab of ctx and
// switches the interface to lang.
func browserLogin(t *testing.T, ctx context.Context, base, username, password string, lang borderlink.Lang) {
	t.Helper()
	browsertest.MustRun(t, ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), username),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password),
		chromedp.Submit(chromedp.CSS(`input[name=password]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.nav`)),
	)
	// Switching reloads the page; waiting for the new language is only a
	// sign of that when the page was in another one.
	if browsertest.MustGet(t, ctx, chromedp.Evaluate[bool](`document.body.classList.contains('lang-`+string(lang)+`')`)) {
		return
	}
	browsertest.MustRun(t, ctx,
		chromedp.Click(chromedp.CSS(`form.langs button[value=`+string(lang)+`]`)),
		chromedp.WaitVisible(chromedp.CSS(`body.lang-`+string(lang))),
	)
}

// TestBrowserHotlineLive is the hotline story in two real browser tabs: a
// Vietnamese province officer on vn.mps fills in an URGENT "locate a
// fugitive" form on the channel to the facing Lao province; the Lao officer,
// whose channel page on la.mps is open in Lao, sees it appear without
// reloading, opens it, reads the form in Lao with the Vietnamese note beside
// a marked machine translation, and acknowledges it; the sender's page then
// shows the acknowledgement.
func TestBrowserHotlineLive(t *testing.T) {
	vn := nodetest.MustStart(t, nodetest.Options{Demo: true})
	la := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA", Demo: true})
	federate(t, vn, la)
	vnTok := borderUser(t, vn, "hung", auth.RoleOfficer, "VN-40")
	laTok := borderUser(t, la, "bounmy", auth.RoleOfficer, "LA-07")
	lo := la.Catalog.Printer(borderlink.LangLO)
	fugitive, _ := forms.Lookup("locate_fugitive")

	var chs struct{ Channels []hotline.Channel }
	getJSON(t, la, "/api/v1/channels", laTok, &chs)
	laChannel := ""
	for _, c := range chs.Channels {
		if c.RemoteUnit == "VN-40" {
			laChannel = c.ID
		}
	}
	if laChannel == "" {
		t.Fatalf("no LA-07 ⇄ VN-40 channel on la.mps: %+v", chs.Channels)
	}

	// Two browsers, as on two desks: one on each side of the border.
	vnTab, laTab := browsertest.MustStart(t), browsertest.MustStart(t)
	laBase := la.URL // a separate profile: its own cookies

	browserLogin(t, laTab, laBase, "bounmy", la.Passwords["bounmy"], borderlink.LangLO)
	browsertest.MustRun(t, laTab,
		chromedp.Navigate(laBase+"/hotline/channels/"+laChannel),
		chromedp.WaitVisible(chromedp.CSS(`#messages`)),
	)
	before := browsertest.MustGet(t, laTab, chromedp.Evaluate[int](`document.querySelectorAll('#messages li.msg').length`))

	browserLogin(t, vnTab, vn.URL, "hung", vn.Passwords["hung"], borderlink.LangVI)
	browsertest.MustRun(t, vnTab, chromedp.Navigate(vn.URL+"/hotline"))
	browsertest.MustRun(t, vnTab, chromedp.WaitVisible(chromedp.CSS(`#channels`)))
	browsertest.MustRun(t, vnTab, chromedp.Click(chromedp.CSS(`#channels a[href*="LA-07"]`), chromedp.NodeVisible))
	browsertest.MustRun(t, vnTab, chromedp.WaitVisible(chromedp.CSS(`details.card summary`)))
	browsertest.MustRun(t, vnTab, chromedp.Click(chromedp.CSS(`details.card summary`)))
	browsertest.MustRun(t, vnTab, chromedp.SetValue(chromedp.CSS(`select[name=priority]`), "URGENT"))
	browsertest.MustRun(t, vnTab, chromedp.SetValue(chromedp.CSS(`select[name=form]`), "locate_fugitive"))
	browsertest.MustRun(t, vnTab, chromedp.Evaluate[chromedp.Void](`htmx.trigger(document.querySelector('select[name=form]'), 'change')`))
	browsertest.MustRun(t, vnTab, chromedp.WaitVisible(chromedp.CSS(`input[name="f.subject.name"]`)))
	browsertest.MustRun(t, vnTab, chromedp.SendKeys(chromedp.CSS(`input[name="f.subject.name"]`), "Lầu Bá Chò"))
	browsertest.MustRun(t, vnTab, chromedp.SetValue(chromedp.CSS(`select[name="f.action"]`), "locate_arrest"))
	browsertest.MustRun(t, vnTab, chromedp.SetValue(chromedp.CSS(`select[name="f.offence"]`), "drug_trafficking"))
	browsertest.MustRun(t, vnTab, chromedp.SendKeys(chromedp.CSS(`textarea[name="f.details.text"]`), "Có hình xăm ở cánh tay trái."))
	browsertest.MustRun(t, vnTab, chromedp.SendKeys(chromedp.CSS(`input[name=subject]`), "Đề nghị truy tìm đối tượng truy nã"))
	browsertest.MustRun(t, vnTab, chromedp.SendKeys(chromedp.CSS(`textarea[name=body]`), "Đề nghị phối hợp truy bắt đối tượng buôn bán ma túy, nghi lẩn trốn tại Hủa Phăn."))
	// A scanned page goes with it.
	scan := filepath.Join(t.TempDir(), "quyet-dinh-truy-na.pdf")
	if err := os.WriteFile(scan, pdfBytes(hotline.ChunkSize+999), 0o600); err != nil {
		t.Fatal(err)
	}
	browsertest.MustRun(t, vnTab, chromedp.SetUploadFiles(chromedp.CSS(`input[name=attachment]`), []string{scan}))
	browsertest.MustRun(t, vnTab, chromedp.Click(chromedp.CSS(`form.form button.primary`)))
	browsertest.MustRun(t, vnTab, chromedp.WaitVisible(chromedp.CSS(`ol.states`)))
	sentURL := browsertest.MustGet(t, vnTab, chromedp.Location())
	id := sentURL[strings.LastIndex(sentURL, "/")+1:]

	// The Lao page lists it without being reloaded.
	browsertest.MustRun(t, laTab,
		chromedp.WaitVisible(chromedp.CSS(`#messages a[href="/hotline/messages/`+id+`"]`)),
	)
	if n := browsertest.MustGet(t, laTab, chromedp.Evaluate[int](`document.querySelectorAll('#messages li.msg').length`)); n != before+1 {
		t.Errorf("the Lao channel lists %d messages, want %d", n, before+1)
	}
	unread := browsertest.MustGet(t, laTab, chromedp.Text(chromedp.CSS(`#unread`)))
	if strings.TrimSpace(unread) == "" {
		t.Error("the unread counter did not move")
	}
	browsertest.MustRun(t, laTab,
		chromedp.Click(chromedp.CSS(`#messages a[href="/hotline/messages/`+id+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`ol.states`)),
	)
	page := browsertest.MustGet(t, laTab, chromedp.Text(chromedp.CSS(`main`)))
	for _, want := range []string{
		"Lầu Bá Chò", "Đề nghị phối hợp truy bắt",
		lo.T(fugitive.Title()), lo.T("hotline.machine_translation"), lo.T("hotline.original"),
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the Lao message page lacks %q", want)
		}
	}
	if !containsLao(page) {
		t.Error("the message page has no Lao text")
	}
	// The file arrives whole (the page refreshes its list when it does).
	browsertest.MustRun(t, laTab, chromedp.WaitVisible(chromedp.CSS(`#files a[download]`)))
	if name := browsertest.MustGet(t, laTab, chromedp.Text(chromedp.CSS(`#files a[download]`))); name != "quyet-dinh-truy-na.pdf" {
		t.Errorf("the file is listed as %q", name)
	}
	browsertest.Screenshot(t, laTab, "hotline-message-lo")
	browsertest.MustRun(t, laTab,
		chromedp.Click(chromedp.CSS(`form[action$="/ack"] button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`form[action$="/ack"]`)),
	)

	// The sender's page shows the acknowledgement live.
	ackedBy := "bounmy@la.mps"
	browsertest.MustGet(t, vnTab,
		chromedp.Poll[bool](`document.querySelector('#states').innerText.includes(`+jsString(ackedBy)+`)`))
	browsertest.Screenshot(t, vnTab, "hotline-acknowledged-vi")
	var m hotline.Message
	if code := getJSON(t, vn, "/api/v1/messages/"+id, vnTok, &m); code != http.StatusOK {
		t.Fatalf("message on vn.mps: %d", code)
	}
	if m.State != hotline.Acknowledged || m.Priority != hotline.Urgent || m.Form == nil || m.Form.Type != "locate_fugitive" {
		t.Errorf("message on vn.mps = state %s, priority %s, form %+v", m.State, m.Priority, m.Form)
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

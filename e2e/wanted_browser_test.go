package e2e

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/browsertest"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
	"github.com/borderlink/borderlink/wanted"
)

// TestBrowserWantedAcrossTheBorder is the wanted notice in two real
// browsers, one on each side: the Nghệ An investigator issues a notice for
// Lầu Bá Chò through the form in Vietnamese, released to the Lao province
// LA-07 at once, and adds his photo; on la.mps the Lao investigator of
// LA-07 finds it in the list in Lao (names, status and danger in Lao, the
// photo, marked as Vietnam's), opens it and reports a sighting through the
// form, which vn.mps shows as from la.mps; vn.mps requests the hand-over
// through the form, la.mps sees the request and agrees through its form,
// and vn.mps shows the agreement. The partner's texts are shown beside a
// marked machine translation; the pages fit a phone.
func TestBrowserWantedAcrossTheBorder(t *testing.T) {
	vn := nodetest.MustStart(t, nodetest.Options{Demo: true})
	la := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA", Demo: true})
	federate(t, vn, la)
	vnTok := borderUser(t, vn, "minh", auth.RoleInvestigator, "VN-40")
	laTok := borderUser(t, la, "bounthavy", auth.RoleInvestigator, "LA-07")
	vi := vn.Catalog.Printer(borderlink.LangVI)
	lo := la.Catalog.Printer(borderlink.LangLO)
	openForms := chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => d.open = true)`)

	// Two browsers, as on two desks.
	vnTab, laTab := browsertest.MustStart(t), browsertest.MustStart(t)
	text := func(tab context.Context, sel string) string {
		t.Helper()
		return browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(sel)))
	}

	// The notice is issued through the form, in Vietnamese.
	browserLogin(t, vnTab, vn.URL, "minh", vn.Passwords["minh"], borderlink.LangVI)
	browsertest.MustRun(t, vnTab,
		chromedp.Navigate(vn.URL+"/wanted"),
		chromedp.WaitVisible(chromedp.CSS(`#wanted-list`)),
		chromedp.Click(chromedp.CSS(`#wanted-new-link`)),
		chromedp.WaitVisible(chromedp.CSS(`#wanted-new`)),
	)
	if got := text(vnTab, `#wanted-new`); !containsAll(got, "LA-07", vi.T("cases.charge_trafficking"), vi.T("wanted.danger_armed"),
		vi.T("wanted_web.release_now")) {
		t.Fatalf("the notice form lacks the partner LA-07, the charges, the danger flags or the release box: %q", got)
	}
	if got := text(vnTab, `#wanted-partners`); strings.Contains(got, "VN-") {
		t.Errorf("the form offers units of Vietnam as partners: %q", got)
	}
	browsertest.Screenshot(t, vnTab, "wanted-new-vi")
	fill := func(name, value string) chromedp.Action[chromedp.Void] {
		return chromedp.SendKeys(chromedp.CSS(`#wanted-new [name=`+name+`]`), value)
	}
	browsertest.MustRun(t, vnTab,
		fill("name", "Lầu Bá Chò"),
		fill("name_latin", "LAU BA CHO"),
		fill("aliases", "Chò Lào"),
		fill("birth", "1988"),
		chromedp.SetValue(chromedp.CSS(`#wanted-new select[name=sex]`), "M"),
		fill("nationality", "VN"),
		chromedp.SetValue(chromedp.CSS(`#wanted-new select[name=doc_type]`), "id_card"),
		fill("doc_number", "040088001234"),
		fill("description", "Cao khoảng 1m68, sẹo ở cằm."),
		chromedp.Click(chromedp.CSS(`#wanted-new input[name=charges][value=trafficking]`)),
		fill("legal_basis", "Điều 251 BLHS 2015"),
		fill("warrant_ref", "12/QĐ-CSĐT"),
		chromedp.SetValue(chromedp.CSS(`#wanted-new input[name=warrant_date]`), "2026-10-02"),
		chromedp.Click(chromedp.CSS(`#wanted-new input[name=danger][value=armed]`)),
		fill("summary", "Đường dây ma túy đá qua cửa khẩu Nậm Cắn."),
		chromedp.SetValue(chromedp.CSS(`#wanted-new select[name=lang]`), "vi"),
		chromedp.SetValue(chromedp.CSS(`#wanted-new select[name=location_unit]`), "LA-07"),
		fill("location_text", "Sầm Nưa"),
		chromedp.Click(chromedp.CSS(`#wanted-new input[name=partner_units][value=LA-07]`)),
		chromedp.Click(chromedp.CSS(`#wanted-new input[name=release]`)),
		chromedp.Click(chromedp.CSS(`#wanted-new button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#notice-header`)),
	)
	loc := browsertest.MustGet(t, vnTab, chromedp.Location())
	id := strings.TrimPrefix(strings.SplitN(strings.TrimPrefix(loc, vn.URL), "?", 2)[0], "/wanted/")
	if id == "" || strings.Contains(id, "/") {
		t.Fatalf("after issuing the notice the browser is at %s", loc)
	}
	released := strings.TrimSuffix(vi.T("cases.released_on", "time", ""), " ")
	if got := text(vnTab, `main`); !containsAll(got, vi.T("wanted_web.done_created"), "Lầu Bá Chò", "LAU BA CHO", "12/QĐ-CSĐT",
		vi.T("wanted.status_active"), vi.T("cases.charge_trafficking"), released, "02/10/2026") {
		t.Fatalf("the notice page after issuing it: %q", got)
	}
	if got := text(vnTab, `#notice-danger`); !strings.Contains(got, vi.T("wanted.danger_armed")) {
		t.Errorf("the danger warning: %q", got)
	}
	if n := browsertest.MustGet(t, vnTab, chromedp.Evaluate[int](`document.querySelectorAll('#notice-release').length`)); n != 0 {
		t.Errorf("a release button on a notice released already")
	}

	// His photo.
	photo := filepath.Join(t.TempDir(), "lau-ba-cho.png")
	writePNG(t, photo)
	browsertest.MustRun(t, vnTab,
		chromedp.SetUploadFiles(chromedp.CSS(`#photo-add input[name=photo]`), []string{photo}),
		chromedp.Click(chromedp.CSS(`#photo-add button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#photos img`)),
	)
	if w := browsertest.MustGet(t, vnTab, chromedp.Evaluate[int](`new Promise(ok => { const i = document.querySelector('#photos img'); i.complete ? ok(i.naturalWidth) : i.onload = () => ok(i.naturalWidth); })`, chromedp.EvalAwaitPromise)); w != 40 {
		t.Errorf("the photo shows %d px wide, want 40", w)
	}
	if got := text(vnTab, `p.flash.ok`); got != vi.T("wanted_web.done_photo") {
		t.Errorf("flash after the photo: %q", got)
	}
	browsertest.Screenshot(t, vnTab, "wanted-notice-vi")

	// On la.mps, with the photo that followed the notice.
	eventually(t, "the notice with its photo on la.mps", func() bool {
		code, body := la.Do(t, nil, "GET", "/wanted?q=lau+ba+cho", laTok, "", "")
		return code == http.StatusOK && strings.Contains(body, "/wanted/"+id+"/photos/")
	})
	from := lo.T("cases.from_node", "node", "vn.mps")
	browserLogin(t, laTab, la.URL, "bounthavy", la.Passwords["bounthavy"], borderlink.LangLO)
	browsertest.MustRun(t, laTab,
		chromedp.Click(chromedp.CSS(`nav.nav a[href="/wanted"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#wanted-list`)),
	)
	row := `#notice-` + id
	issuer, err := la.Units.Tree().Get("VN-40")
	if err != nil {
		t.Fatal(err)
	}
	if got := text(laTab, row); !containsAll(got, "Lầu Bá Chò", "LAU BA CHO", "Chò Lào", "1988", lo.T("wanted.status_active"),
		lo.T("wanted.danger_armed"), from, issuer.Name.In(borderlink.LangLO)) {
		t.Errorf("the notice in the Lao list: %q", got)
	}
	if w := browsertest.MustGet(t, laTab, chromedp.Evaluate[int](`new Promise(ok => { const i = document.querySelector('`+row+` img.thumb'); i.complete ? ok(i.naturalWidth) : i.onload = () => ok(i.naturalWidth); })`, chromedp.EvalAwaitPromise)); w != 40 {
		t.Errorf("the thumbnail in the Lao list shows %d px wide, want 40", w)
	}
	if n := browsertest.MustGet(t, laTab, chromedp.Evaluate[int](`document.querySelectorAll('#wanted-new-link').length`)); n != 1 {
		t.Errorf("the Lao investigator is not offered to issue a notice")
	}
	browsertest.Screenshot(t, laTab, "wanted-list-lo")

	// The search finds him in the Lao page by his romanised name.
	browsertest.MustRun(t, laTab,
		chromedp.SendKeys(chromedp.CSS(`#wanted-filter input[name=q]`), "lau ba cho"),
		chromedp.Click(chromedp.CSS(`#wanted-filter button`)),
		// The new page has the words in the input's attribute.
		chromedp.WaitVisible(chromedp.CSS(`#wanted-filter input[name=q][value="lau ba cho"]`)),
		chromedp.WaitVisible(chromedp.CSS(row)),
	)
	if n := browsertest.MustGet(t, laTab, chromedp.Evaluate[int](`document.querySelectorAll('#wanted-list tbody tr[id^=notice-]').length`)); n != 1 {
		t.Errorf("the search for lau ba cho lists %d notices, want 1", n)
	}
	browsertest.MustRun(t, laTab, chromedp.Click(chromedp.CSS(row+` a[href="/wanted/`+id+`"]`)), chromedp.WaitVisible(chromedp.CSS(`#notice-header`)))
	if got := text(laTab, `#notice-header`); !containsAll(got, from, lo.T("cases.read_only"), lo.T("wanted.status_active"), lo.T("wanted.danger_armed")) {
		t.Errorf("the Lao notice header: %q", got)
	}
	if got := text(laTab, `#notice-person`); !containsAll(got, lo.T("cases.sex_m"), lo.T("cases.document_id_card")+" 040088001234", "Cao khoảng 1m68") {
		t.Errorf("the Lao person details: %q", got)
	}
	// The Vietnamese summary beside a machine translation into Lao, marked.
	mt := text(laTab, `#summary-mt`)
	if !strings.Contains(mt, lo.T("hotline.mt_short")) || !containsLao(strings.ReplaceAll(mt, lo.T("hotline.mt_short"), "")) {
		t.Errorf("machine translation of the summary: %q", mt)
	}
	if n := browsertest.MustGet(t, laTab, chromedp.Evaluate[int](`document.querySelectorAll('#status-form, #notice-release, #photo-add').length`)); n != 0 {
		t.Errorf("%d owner's controls on the partner's notice", n)
	}

	// The Lao sighting, through the form.
	browsertest.MustRun(t, laTab, openForms,
		chromedp.SendKeys(chromedp.CSS(`#sighting-add input[name=place_text]`), "ຕະຫຼາດຊຳເໜືອ"),
		chromedp.SendKeys(chromedp.CSS(`#sighting-add textarea[name=seen]`), "ເຫັນຜູ້ຊາຍຄ້າຍຄືໃນຮູບ ຢູ່ຕະຫຼາດ"),
		chromedp.SetValue(chromedp.CSS(`#sighting-add select[name=lang]`), "lo"),
		chromedp.Click(chromedp.CSS(`#sighting-add button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#sighting-list li[id^=sighting-]`)),
	)
	if got := text(laTab, `#sightings`); !containsAll(got, "ຕະຫຼາດຊຳເໜືອ", "ເຫັນຜູ້ຊາຍຄ້າຍຄືໃນຮູບ", lo.T("cases.ours"), "25/11/2026 10:00") {
		t.Errorf("the Lao sighting on la.mps: %q", got)
	}
	if got := text(laTab, `p.flash.ok`); got != lo.T("wanted_web.done_sighting") {
		t.Errorf("flash after the sighting: %q", got)
	}
	eventually(t, "the sighting on vn.mps", func() bool {
		code, body := vn.Do(t, nil, "GET", "/wanted/"+id, vnTok, "", "")
		return code == http.StatusOK && strings.Contains(body, "ຕະຫຼາດຊຳເໜືອ")
	})
	browsertest.MustRun(t, vnTab, chromedp.Navigate(vn.URL+"/wanted/"+id), chromedp.WaitVisible(chromedp.CSS(`#sighting-list li[id^=sighting-]`)))
	if got := text(vnTab, `#sightings`); !containsAll(got, "ເຫັນຜູ້ຊາຍຄ້າຍຄືໃນຮູບ", vi.T("cases.from_node", "node", "la.mps"), "25/11/2026 10:00") {
		t.Errorf("the Lao sighting on vn.mps: %q", got)
	}

	// vn.mps requests the hand-over through the form; la.mps sees it.
	browsertest.MustRun(t, vnTab, openForms,
		chromedp.SetValue(chromedp.CSS(`#step-add select[name=kind]`), "request"),
		chromedp.SendKeys(chromedp.CSS(`#step-add textarea[name=note]`), "Đề nghị bàn giao đối tượng tại cửa khẩu Nậm Cắn."),
		chromedp.SetValue(chromedp.CSS(`#step-add select[name=lang]`), "vi"),
		chromedp.Click(chromedp.CSS(`#step-add button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#handover-steps li[id^=step-]`)),
	)
	if got := text(vnTab, `#handover-state`); got != vi.T("wanted.handover_state_requested") {
		t.Errorf("the hand-over on vn.mps after the request: %q", got)
	}
	eventually(t, "the request on la.mps", func() bool {
		code, body := la.Do(t, nil, "GET", "/wanted/"+id, laTok, "", "")
		return code == http.StatusOK && strings.Contains(body, "Đề nghị bàn giao đối tượng")
	})
	browsertest.MustRun(t, laTab, chromedp.Navigate(la.URL+"/wanted/"+id), chromedp.WaitVisible(chromedp.CSS(`#handover-steps li[id^=step-]`)))
	if got := text(laTab, `#handover`); !containsAll(got, lo.T("wanted.handover_state_requested"), lo.T("wanted.handover_request"), from,
		"Đề nghị bàn giao đối tượng") {
		t.Errorf("the hand-over on la.mps: %q", got)
	}
	// The Lao side answers: agree, refuse or cancel, nothing else.
	kinds := browsertest.MustGet(t, laTab, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#step-add select[name=kind] option')].map(o => o.value)`))
	if strings.Join(kinds, ",") != "agree,refuse,cancel" {
		t.Errorf("the steps offered to la.mps after the request: %v", kinds)
	}
	browsertest.MustRun(t, laTab, openForms,
		chromedp.SetValue(chromedp.CSS(`#step-add select[name=kind]`), "agree"),
		chromedp.SendKeys(chromedp.CSS(`#step-add textarea[name=note]`), "ເຫັນດີມອບຕົວ"),
		chromedp.SetValue(chromedp.CSS(`#step-add select[name=lang]`), "lo"),
		chromedp.Click(chromedp.CSS(`#step-add button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#handover-steps li[id^=step-]:nth-child(2)`)),
	)
	if got := text(laTab, `#handover-state`); got != lo.T("wanted.handover_state_agreed") {
		t.Errorf("the hand-over on la.mps after agreeing: %q", got)
	}
	browsertest.Screenshot(t, laTab, "wanted-notice-lo")
	eventually(t, "the agreement on vn.mps", func() bool {
		code, body := vn.Do(t, nil, "GET", "/wanted/"+id, vnTok, "", "")
		return code == http.StatusOK && strings.Contains(body, "ເຫັນດີມອບຕົວ")
	})
	browsertest.MustRun(t, vnTab, chromedp.Navigate(vn.URL+"/wanted/"+id), chromedp.WaitVisible(chromedp.CSS(`#handover-steps li[id^=step-]:nth-child(2)`)))
	if got := text(vnTab, `#handover`); !containsAll(got, vi.T("wanted.handover_state_agreed"), vi.T("wanted.handover_agree"),
		vi.T("cases.from_node", "node", "la.mps"), "ເຫັນດີມອບຕົວ") {
		t.Errorf("the hand-over on vn.mps after the agreement: %q", got)
	}
	kinds = browsertest.MustGet(t, vnTab, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#step-add select[name=kind] option')].map(o => o.value)`))
	if strings.Join(kinds, ",") != "schedule,cancel" {
		t.Errorf("the steps offered to vn.mps after the agreement: %v", kinds)
	}
	browsertest.Screenshot(t, vnTab, "wanted-handover-vi")

	// The pages fit a phone, forms opened.
	browsertest.MustRun(t, laTab, chromedp.EmulateViewport(360, 740))
	for _, p := range []string{"/wanted", "/wanted/new", "/wanted/" + id} {
		browsertest.MustRun(t, laTab, chromedp.Navigate(la.URL+p), chromedp.WaitVisible(chromedp.CSS(`main h1`)), openForms)
		if w := browsertest.MustGet(t, laTab, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
			t.Errorf("%s is %d px wide on a 360 px screen", p, w)
			browsertest.Screenshot(t, laTab, "wanted-phone")
		}
	}
	browsertest.MustRun(t, laTab, chromedp.Navigate(la.URL+"/wanted/"+id), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	browsertest.Screenshot(t, laTab, "wanted-notice-lo-phone")
}

// TestBrowserWantedBadInput: a notice with an impossible date of birth is
// refused in Lao beside the form, which keeps everything typed, and
// nothing is stored; an officer, who reads notices but does not issue
// them, is not offered the form and is refused it.
func TestBrowserWantedBadInput(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{Demo: true})
	minh := principal(t, n, "minh", auth.RoleInvestigator, "VN-40")
	officer := borderUser(t, n, "lan", auth.RoleOfficer, "VN-40")
	lo := n.Catalog.Printer(borderlink.LangLO)
	ctx := context.Background()
	_, before, err := n.Wanted.Notices(ctx, minh, wanted.NoticeQuery{})
	if err != nil {
		t.Fatal(err)
	}

	tab := browsertest.MustStart(t)
	browserLogin(t, tab, n.URL, "minh", n.Passwords["minh"], borderlink.LangLO)
	browsertest.MustRun(t, tab,
		chromedp.Navigate(n.URL+"/wanted/new"),
		chromedp.WaitVisible(chromedp.CSS(`#wanted-new`)),
		chromedp.SendKeys(chromedp.CSS(`#wanted-new input[name=name]`), "Vàng A Sử"),
		chromedp.SendKeys(chromedp.CSS(`#wanted-new input[name=name_latin]`), "VANG A SU"),
		chromedp.SendKeys(chromedp.CSS(`#wanted-new input[name=birth]`), "1990-02-30"),
		chromedp.Click(chromedp.CSS(`#wanted-new input[name=charges][value=illegal_transport]`)),
		chromedp.SendKeys(chromedp.CSS(`#wanted-new input[name=legal_basis]`), "Điều 250 BLHS 2015"),
		chromedp.SendKeys(chromedp.CSS(`#wanted-new input[name=warrant_ref]`), "31/QĐ-CSĐT"),
		chromedp.SetValue(chromedp.CSS(`#wanted-new input[name=warrant_date]`), "2026-11-20"),
		chromedp.Click(chromedp.CSS(`#wanted-new input[name=danger][value=violent]`)),
		chromedp.Click(chromedp.CSS(`#wanted-new input[name=partner_units][value=LA-07]`)),
		chromedp.Click(chromedp.CSS(`#wanted-new input[name=release]`)),
		chromedp.Click(chromedp.CSS(`#wanted-new button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`main p.flash.error`)),
	)
	if msg, want := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`main p.flash.error`))), lo.T("error.person_birth", "value", "1990-02-30"); msg != want || !containsLao(msg) {
		t.Errorf("the error for an impossible birth date: %q, want %q", msg, want)
	}
	browsertest.Screenshot(t, tab, "wanted-new-error-lo")
	kept := browsertest.MustGet(t, tab, chromedp.Evaluate[string](`(() => { const f = document.querySelector('#wanted-new');
		return [f.name.value, f.name_latin.value, f.birth.value, f.legal_basis.value, f.warrant_ref.value, f.warrant_date.value,
			f.querySelector('[name=charges][value=illegal_transport]').checked, f.querySelector('[name=danger][value=violent]').checked,
			f.querySelector('[name=partner_units][value="LA-07"]').checked, f.release.checked].join('|'); })()`))
	if want := "Vàng A Sử|VANG A SU|1990-02-30|Điều 250 BLHS 2015|31/QĐ-CSĐT|2026-11-20|true|true|true|true"; kept != want {
		t.Errorf("the form kept %q, want %q", kept, want)
	}
	if got := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`main h1`))); got != lo.T("wanted_web.new") {
		t.Errorf("the page after the refusal: %q", got)
	}
	if _, after, err := n.Wanted.Notices(ctx, minh, wanted.NoticeQuery{}); err != nil || after != before {
		t.Errorf("%d notices after the refused one, %d before (%v)", after, before, err)
	}
	if _, found, err := n.Wanted.Notices(ctx, minh, wanted.NoticeQuery{Words: "vang a su"}); err != nil || found != 0 {
		t.Errorf("the refused notice was stored: %d, %v", found, err)
	}

	// The officer reads the list but is not offered the form.
	if code, body := n.Do(t, nil, "GET", "/wanted", officer, "", ""); code != http.StatusOK || strings.Contains(body, `id="wanted-new-link"`) {
		t.Errorf("the list as an officer: %d, offers the form: %v", code, strings.Contains(body, `id="wanted-new-link"`))
	}
	if code, _ := n.Do(t, nil, "GET", "/wanted/new", officer, "", ""); code != http.StatusForbidden {
		t.Errorf("the form as an officer: %d, want 403", code)
	}
}

// TestWantedPageOwnerControls drives the issuer's controls of the notice
// page without a browser: an unreleased notice offers its issuer the
// release button and the status form, and its reader neither; a status
// change the notice cannot make is refused beside the form in the
// reader's language and changes nothing; a good one is kept in the
// history; releasing removes the button; a sighting without what was seen
// is refused beside its form, keeping what was typed.
func TestWantedPageOwnerControls(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{Demo: true})
	minh := principal(t, n, "minh", auth.RoleInvestigator, "VN-40")
	tok, _, err := n.Accounts.CreateToken(context.Background(), auth.System("test"), "minh", "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	officer := borderUser(t, n, "lan", auth.RoleOfficer, "VN-40")
	vi := n.Catalog.Printer(borderlink.LangVI)
	nt, err := n.Wanted.CreateNotice(context.Background(), minh, wanted.NewNotice{IssuingUnit: "VN-40",
		Person: wanted.Person{Name: "Giàng A Pao", NameLatin: "GIANG A PAO"}, ChargeText: "Vận chuyển trái phép chất ma túy",
		LegalBasis: "Điều 250 BLHS 2015", WarrantRef: "45/QĐ-CSĐT",
		WarrantDate: borderlink.MustParseDate("2026-11-01"), PartnerUnits: []string{"LA-07"}, Lang: borderlink.LangVI})
	if err != nil {
		t.Fatal(err)
	}
	path := "/wanted/" + nt.ID
	get := func(token string) string {
		t.Helper()
		code, body := n.Do(t, nil, "GET", path, token, "", "", "Accept-Language", "vi")
		if code != http.StatusOK {
			t.Fatalf("GET %s: %d %.300s", path, code, body)
		}
		return body
	}
	post := func(token, action string, form url.Values) (int, string) {
		t.Helper()
		return n.Do(t, nil, "POST", path+action, token, "application/x-www-form-urlencoded", form.Encode(), "Accept-Language", "vi")
	}
	if body := get(tok); !containsAll(body, `id="notice-release"`, `id="status-set"`, vi.T("cases.not_released")) {
		t.Errorf("the issuer's page lacks the release button or the status form")
	}
	if body := get(officer); strings.Contains(body, `id="notice-release"`) || strings.Contains(body, `id="status-set"`) ||
		!strings.Contains(body, `id="sighting-add"`) {
		t.Errorf("the officer's page shows the issuer's controls, or no sighting form")
	}
	if code, _ := post(officer, "/status", url.Values{"status": {"located"}}); code != http.StatusForbidden {
		t.Errorf("a status change by the officer: %d, want 403", code)
	}

	code, body := post(tok, "/status", url.Values{"status": {"handed_over"}, "note": {"Thử"}})
	if code != http.StatusBadRequest && code != http.StatusConflict || !strings.Contains(body, `id="status-form" open`) ||
		!strings.Contains(body, `class="flash error"`) {
		t.Errorf("an impossible status change: %d %.300s", code, body)
	}
	code, _ = post(tok, "/status", url.Values{"status": {"located"}, "day": {"2026-11-25"}, "note": {"Phát hiện tại Sầm Nưa"}})
	if code != http.StatusSeeOther {
		t.Fatalf("a status change: %d", code)
	}
	if body := get(tok); !containsAll(body, vi.T("wanted.status_located"), "Phát hiện tại Sầm Nưa") {
		t.Errorf("the history after the change lacks it")
	}
	if code, _ := post(tok, "/release", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("release: %d", code)
	}
	if body := get(tok); strings.Contains(body, `id="notice-release"`) || !strings.Contains(body, strings.TrimSuffix(vi.T("cases.released_on", "time", ""), " ")) {
		t.Errorf("the page after the release still offers it, or does not say it was released")
	}

	code, body = post(officer, "/sightings", url.Values{"at": {"2026-11-25T08:30"}, "place_text": {"Chợ Mường Xén"}, "seen": {""},
		"reporter_unit": {"VN-40"}})
	if code != http.StatusBadRequest || !strings.Contains(body, `id="sighting-form" open`) || !strings.Contains(body, `value="Chợ Mường Xén"`) {
		t.Errorf("a sighting without what was seen: %d %.300s", code, body)
	}
	if f, err := n.Wanted.Notice(context.Background(), minh, nt.ID); err != nil || len(f.Sightings) != 0 {
		t.Errorf("the refused sighting was stored: %+v, %v", f.Sightings, err)
	}
}

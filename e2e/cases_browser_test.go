package e2e

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/testutil/browsertest"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
	"github.com/borderlink/borderlink/stats"
)

// TestBrowserCasesStory is the joint case 522H in a real browser, in Lao:
// an investigator of Nghệ An opens it with the Lao province LA-07 as
// partner, adds a subject (a new person), a raid, a seizure of 110 kg of
// crystal meth and the arrest of the subject through the forms, and
// releases the case. The case file shows it all in Lao; the statistics
// count the 110 kg; a bad seizure is explained in Lao and stores nothing;
// an investigator of another province cannot see the case; the pages fit
// a phone.
func TestBrowserCasesStory(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{Demo: true})
	tok := borderUser(t, n, "minh", auth.RoleInvestigator, "VN-40")
	other := borderUser(t, n, "lan", auth.RoleInvestigator, "VN-42")
	lo := n.Catalog.Printer(borderlink.LangLO)

	tab := browsertest.MustStart(t)
	browserLogin(t, tab, n.URL, "minh", n.Passwords["minh"], borderlink.LangLO)
	text := func(sel string) string {
		t.Helper()
		return browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(sel)))
	}
	openForms := chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => d.open = true)`)
	submit := func(form string) chromedp.Action[chromedp.Void] {
		return chromedp.Click(chromedp.CSS(`#` + form + ` button[type=submit]`))
	}

	// Open the case from the list.
	browsertest.MustRun(t, tab,
		chromedp.Navigate(n.URL+"/cases"),
		chromedp.WaitVisible(chromedp.CSS(`#cases-list`)),
		chromedp.Click(chromedp.CSS(`#case-new-link`)),
		chromedp.WaitVisible(chromedp.CSS(`#case-new`)),
	)
	if got := text(`#case-new`); !strings.Contains(got, lo.T("cases.handling_help_releasable")) || !strings.Contains(got, "LA-07") {
		t.Fatalf("the new case form lacks the Lao handling explanations or the partner LA-07: %q", got)
	}
	browsertest.Screenshot(t, tab, "case-new-lo")
	browsertest.MustRun(t, tab,
		chromedp.SendKeys(chromedp.CSS(`#case-new input[name=code]`), "522H"),
		chromedp.SendKeys(chromedp.CSS(`#case-new input[name=title]`), "Đường dây ma túy đá qua cửa khẩu Nậm Cắn"),
		chromedp.SendKeys(chromedp.CSS(`#case-new textarea[name=summary]`), "Phối hợp với Công an tỉnh Xiêng Khoảng."),
		chromedp.SetValue(chromedp.CSS(`#case-new select[name=lang]`), "vi"),
		chromedp.Click(chromedp.CSS(`#case-new input[name=partner_units][value=LA-07]`)),
		chromedp.SetValue(chromedp.CSS(`#case-new select[name=status]`), "active"),
		submit("case-new"),
		chromedp.WaitVisible(chromedp.CSS(`#case-header`)),
	)
	loc := browsertest.MustGet(t, tab, chromedp.Location())
	caseID := strings.TrimPrefix(strings.SplitN(strings.TrimPrefix(loc, n.URL), "?", 2)[0], "/cases/")
	if caseID == "" || strings.Contains(caseID, "/") {
		t.Fatalf("after creating the case the browser is at %s", loc)
	}
	if got := text(`main`); !containsAll(got, lo.T("cases.done_created"), "522H", lo.T("cases.status_active"), "LA-07") {
		t.Fatalf("case page after creation: %q", got)
	}

	// A subject recorded with the form (a new person).
	browsertest.MustRun(t, tab, openForms,
		chromedp.SendKeys(chromedp.CSS(`#subject-add input[name=name]`), "ບຸນມີ ແສງສະຫວ່າງ"),
		chromedp.SendKeys(chromedp.CSS(`#subject-add input[name=name_latin]`), "Bounmy Sengsavang"),
		chromedp.SendKeys(chromedp.CSS(`#subject-add input[name=birth]`), "1988-05"),
		chromedp.SetValue(chromedp.CSS(`#subject-add select[name=sex]`), "M"),
		chromedp.SendKeys(chromedp.CSS(`#subject-add input[name=nationality]`), "LA"),
		chromedp.SetValue(chromedp.CSS(`#subject-add select[name=doc_type]`), "passport"),
		chromedp.SendKeys(chromedp.CSS(`#subject-add input[name=doc_number]`), "P2345678"),
		chromedp.SendKeys(chromedp.CSS(`#subject-add input[name=doc_country]`), "LA"),
		chromedp.SendKeys(chromedp.CSS(`#subject-add input[name=phone]`), "+856 20 5555 1234"),
		chromedp.SetValue(chromedp.CSS(`#subject-add select[name=role]`), "courier"),
		submit("subject-add"),
		chromedp.WaitVisible(chromedp.CSS(`#subjects tbody tr[id^=rec-]`)),
	)
	if got := text(`#subjects`); !containsAll(got, "ບຸນມີ ແສງສະຫວ່າງ", "Bounmy Sengsavang", lo.T("cases.role_courier"), "05/1988", lo.T("cases.not_released")) {
		t.Errorf("subjects: %q", got)
	}

	// A raid on the timeline.
	browsertest.MustRun(t, tab, openForms,
		chromedp.SetValue(chromedp.CSS(`#event-add select[name=kind]`), "raid"),
		chromedp.SendKeys(chromedp.CSS(`#event-add textarea[name=summary]`), "Khám xét kho hàng tại bản Xốp Pụn, thu giữ ma túy đá."),
		submit("event-add"),
		chromedp.WaitVisible(chromedp.CSS(`#timeline li[id^=rec-]`)),
	)
	if got := text(`#timeline`); !containsAll(got, lo.T("cases.event_raid"), "25/11/2026 10:00", "Xốp Pụn") {
		t.Errorf("timeline: %q", got)
	}

	// The seizure: 110 kg of crystal meth, and the cash found with it.
	browsertest.MustRun(t, tab, openForms,
		chromedp.SetValue(chromedp.CSS(`#seizure-add select[name=drug0]`), "METH_CRYSTAL"),
		chromedp.SendKeys(chromedp.CSS(`#seizure-add input[name=qty0]`), "110"),
		chromedp.SetValue(chromedp.CSS(`#seizure-add select[name=unit0]`), "kg"),
		chromedp.SetValue(chromedp.CSS(`#seizure-add select[name=item_kind]`), "cash"),
		chromedp.SendKeys(chromedp.CSS(`#seizure-add input[name=cash]`), "150000000"),
		submit("seizure-add"),
		chromedp.WaitVisible(chromedp.CSS(`#seizures tbody tr[id^=rec-]`)),
	)
	meth := lo.T("cases.drug_amount", "amount", "110 "+lo.T("forms.enum.qty_unit.kg"), "drug", "ຢາໄອສ໌")
	if got := text(`#seizures`); !containsAll(got, meth, lo.T("cases.item_cash")+": 150.000.000 VND", lo.T("stats.agency.police")) {
		t.Errorf("seizures: %q lacks %q", got, meth)
	}

	// The arrest of the subject (the only one, chosen already).
	browsertest.MustRun(t, tab, openForms,
		chromedp.SetValue(chromedp.CSS(`#arrest-add select[name=charge]`), "illegal_transport"),
		chromedp.SendKeys(chromedp.CSS(`#arrest-add input[name=charge_text]`), "Điều 250 BLHS 2015"),
		submit("arrest-add"),
		chromedp.WaitVisible(chromedp.CSS(`#arrests tbody tr[id^=rec-]`)),
	)
	if got := text(`#arrests`); !containsAll(got, "ບຸນມີ ແສງສະຫວ່າງ", lo.T("cases.charge_illegal_transport"), "25/11/2026") {
		t.Errorf("arrests: %q", got)
	}

	// The person is found by the search, and naming them a second time is
	// refused in Lao beside the form.
	browsertest.MustRun(t, tab,
		chromedp.Navigate(n.URL+"/cases/"+caseID+"?pq=bounmy"),
		chromedp.WaitVisible(chromedp.CSS(`#subject-add input[name=person_id]:not([value=""])`)),
		chromedp.Click(chromedp.CSS(`#subject-add input[name=person_id]:not([value=""])`)),
		chromedp.SetValue(chromedp.CSS(`#subject-add select[name=role]`), "organiser"),
		submit("subject-add"),
		chromedp.WaitVisible(chromedp.CSS(`#subject-form p.flash.error`)),
	)
	if msg := text(`#subject-form p.flash.error`); msg != lo.T("error.case_subject_exists") {
		t.Errorf("naming the subject twice: %q, want %q", msg, lo.T("error.case_subject_exists"))
	}
	if k := browsertest.MustGet(t, tab, chromedp.Evaluate[int](`document.querySelectorAll('#subjects tbody tr[id^=rec-]').length`)); k != 1 {
		t.Errorf("%d subjects, want 1", k)
	}

	// Release the case, then the seizure in it.
	browsertest.MustRun(t, tab,
		chromedp.Click(chromedp.CSS(`#case-header form.release button`)),
		chromedp.WaitVisible(chromedp.CSS(`#seizures form.release`)),
	)
	if got := text(`#case-header`); !strings.Contains(got, strings.TrimSuffix(lo.T("cases.released_on", "time", ""), " ")) {
		t.Errorf("the case is not shown released: %q", got)
	}
	browsertest.MustRun(t, tab,
		chromedp.Click(chromedp.CSS(`#seizures form.release button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#seizures form.release`)),
	)
	if got := text(`#seizures`); strings.Contains(got, lo.T("cases.not_released")) {
		t.Errorf("the seizure is not shown released: %q", got)
	}

	// The status: a day before the last change is refused in Lao, then the
	// case is suspended with a note.
	browsertest.MustRun(t, tab, openForms,
		chromedp.SetValue(chromedp.CSS(`#status-form select[name=status]`), "suspended"),
		chromedp.SetValue(chromedp.CSS(`#status-form input[name=day]`), "2026-11-20"),
		chromedp.Click(chromedp.CSS(`#status-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#status-form p.flash.error`)),
	)
	// (cases writes the days of this message as 2026-11-20, not in the
	// reader's date format.)
	if msg := text(`#status-form p.flash.error`); !containsLao(msg) || !(strings.Contains(msg, "2026-11-20") || strings.Contains(msg, "20/11/2026")) {
		t.Errorf("a status change dated before the last one: %q", msg)
	}
	browsertest.MustRun(t, tab,
		chromedp.SetValue(chromedp.CSS(`#status-form input[name=day]`), "2026-11-25"),
		chromedp.SendKeys(chromedp.CSS(`#status-form textarea[name=note]`), "Chờ kết quả giám định."),
		chromedp.Click(chromedp.CSS(`#status-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#case-history li:nth-child(2)`)),
	)
	if got := text(`#case-header`); !containsAll(got, lo.T("cases.status_suspended"), "Chờ kết quả giám định.") {
		t.Errorf("after suspending the case: %q", got)
	}
	if got := text(`p.flash.ok`); got != lo.T("cases.done_status") {
		t.Errorf("flash after suspending the case: %q", got)
	}
	page := text(`main`)
	for _, key := range []string{"cases.subjects", "cases.timeline", "cases.seizures", "cases.arrests", "cases.status_history",
		"cases.field_lead_unit", "cases.handling_releasable", "cases.status_suspended"} {
		if !strings.Contains(page, lo.T(key)) {
			t.Errorf("the case page lacks %s in Lao (%q)", key, lo.T(key))
		}
	}
	for _, en := range []string{"Subjects", "Timeline", "Seizures", "Arrests", "Release"} {
		if strings.Contains(page, en) {
			t.Errorf("the Lao case page shows the English %q", en)
		}
	}
	browsertest.Screenshot(t, tab, "case-lo")
	browsertest.MustRun(t, tab, openForms)
	browsertest.Screenshot(t, tab, "case-forms-lo")

	// The statistics count the 110 kg.
	day := "from=2026-11-25&to=2026-11-25"
	if kg := methKilograms(t, n, day, tok); kg != 110 {
		t.Errorf("statistics: %v kg of METH_CRYSTAL, want 110", kg)
	}

	// A bad seizure is explained in Lao, keeps what was typed and stores
	// nothing: pills without their weight, then a negative quantity.
	rows := `document.querySelectorAll('#seizures tbody tr[id^=rec-]').length`
	for _, bad := range []struct{ drug, qty, unit string }{{"METH_TABLET", "24000", "pills"}, {"METH_CRYSTAL", "-5", "kg"}} {
		browsertest.MustRun(t, tab, chromedp.Navigate(n.URL+"/cases/"+caseID), chromedp.WaitVisible(chromedp.CSS(`#seizure-add`)), openForms,
			chromedp.SetValue(chromedp.CSS(`#seizure-add select[name=drug0]`), bad.drug),
			chromedp.SendKeys(chromedp.CSS(`#seizure-add input[name=qty0]`), bad.qty),
			chromedp.SetValue(chromedp.CSS(`#seizure-add select[name=unit0]`), bad.unit),
			submit("seizure-add"),
			chromedp.WaitVisible(chromedp.CSS(`#seizure-error`)),
		)
		if msg := text(`#seizure-error`); !containsLao(msg) {
			t.Errorf("the error for %s %s %s is not in Lao: %q", bad.qty, bad.unit, bad.drug, msg)
		}
		if kept := browsertest.MustGet(t, tab, chromedp.Evaluate[string](`document.querySelector('#seizure-add input[name=qty0]').value`)); kept != bad.qty {
			t.Errorf("the form lost the quantity typed: %q, want %q", kept, bad.qty)
		}
		if k := browsertest.MustGet(t, tab, chromedp.Evaluate[int](rows)); k != 1 {
			t.Errorf("%d seizures after a bad one, want 1", k)
		}
	}
	if kg := methKilograms(t, n, day, tok); kg != 110 {
		t.Errorf("statistics after the bad seizures: %v kg, want 110", kg)
	}
	var tablets struct{ Rows []struct{ Pieces int64 } }
	getJSON(t, n, "/api/v1/stats/seizures?"+day+"&drug=METH_TABLET", tok, &tablets)
	for _, r := range tablets.Rows {
		if r.Pieces != 0 {
			t.Errorf("the refused tablets were counted: %+v", tablets)
		}
	}

	// The person page, with a photo added there.
	browsertest.MustRun(t, tab, chromedp.Click(chromedp.CSS(`#subjects tbody a`)), chromedp.WaitVisible(chromedp.CSS(`#person-facts`)))
	if got := text(`#person-facts`); !containsAll(got, lo.T("cases.document_passport")+" P2345678", "+8562055551234", lo.T("cases.sex_m"), "05/1988") {
		t.Errorf("person page: %q", got)
	}
	photo := filepath.Join(t.TempDir(), "bounmy.png")
	writePNG(t, photo)
	browsertest.MustRun(t, tab,
		chromedp.SetUploadFiles(chromedp.CSS(`#photo-add input[name=photo]`), []string{photo}),
		submit("photo-add"),
		chromedp.WaitVisible(chromedp.CSS(`#photos img`)),
	)
	if w := browsertest.MustGet(t, tab, chromedp.Evaluate[int](`new Promise(ok => { const i = document.querySelector('#photos img'); i.complete ? ok(i.naturalWidth) : i.onload = () => ok(i.naturalWidth); })`, chromedp.EvalAwaitPromise)); w != 40 {
		t.Errorf("the photo shows %d px wide, want 40", w)
	}
	browsertest.Screenshot(t, tab, "person-lo")
	personURL := browsertest.MustGet(t, tab, chromedp.Location())
	src := browsertest.MustGet(t, tab, chromedp.Evaluate[string](`document.querySelector('#photos img').getAttribute('src')`))
	res, err := http.DefaultClient.Do(bearer(t, n.URL+src, tok))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/png" || res.Header.Get("X-Content-Type-Options") != "nosniff" ||
		res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("photo: %d %v", res.StatusCode, res.Header)
	}

	// The ministry's analyst reads the case without the forms.
	if code, body := n.Do(t, nil, "GET", "/cases/"+caseID, n.Tokens[auth.RoleAnalyst], "", ""); code != http.StatusOK ||
		!strings.Contains(body, "110 kg") || strings.Contains(body, `id="seizure-add"`) || strings.Contains(body, `class="release"`) {
		t.Errorf("the case as the ministry's analyst: %d %.300s", code, body)
	}

	// Another province's investigator is told there is no such case.
	if code, body := n.Do(t, nil, "GET", "/cases/"+caseID, other, "", ""); code != http.StatusNotFound || strings.Contains(body, "522H") {
		t.Errorf("the case as an investigator of VN-42: %d %.300s", code, body)
	}
	if code, body := n.Do(t, nil, "GET", "/cases?q=522h", other, "", ""); code != http.StatusOK || strings.Contains(body, "522H") {
		t.Errorf("the list as an investigator of VN-42: %d, shows 522H: %v", code, strings.Contains(body, "522H"))
	}
	if code, body := n.Do(t, nil, "GET", "/cases?q=522h", tok, "", ""); code != http.StatusOK || !strings.Contains(body, "522H") {
		t.Errorf("the list searched for 522h: %d, shows 522H: %v", code, strings.Contains(body, "522H"))
	}

	// The pages fit a phone, forms opened.
	browsertest.MustRun(t, tab, chromedp.EmulateViewport(360, 740))
	for _, p := range []string{"/cases", "/cases/new", "/cases/" + caseID, strings.TrimPrefix(strings.SplitN(personURL, "?", 2)[0], n.URL)} {
		browsertest.MustRun(t, tab, chromedp.Navigate(n.URL+p), chromedp.WaitVisible(chromedp.CSS(`main h1`)), openForms)
		if w := browsertest.MustGet(t, tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
			t.Errorf("%s is %d px wide on a 360 px screen", p, w)
			browsertest.Screenshot(t, tab, "cases-phone")
		}
	}
	browsertest.MustRun(t, tab, chromedp.Navigate(n.URL+"/cases/"+caseID), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	browsertest.Screenshot(t, tab, "case-lo-phone")
}

// TestBrowserCasesAcrossTheBorder: case 522H of vn.mps, released with its
// subject and seizure, reaches la.mps; the Lao investigator of LA-07 reads
// it in Lao, marked as Vietnam's and read-only, adds a working meeting of
// their own through the form and releases it, and vn.mps shows that event
// as from la.mps.
func TestBrowserCasesAcrossTheBorder(t *testing.T) {
	vn := nodetest.MustStart(t, nodetest.Options{Demo: true})
	la := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA", Demo: true})
	federate(t, vn, la)
	ctx := context.Background()
	vnTok := borderUser(t, vn, "minh", auth.RoleInvestigator, "VN-40")
	laTok := borderUser(t, la, "bounmy", auth.RoleInvestigator, "LA-07")
	minh, err := vn.Accounts.AuthenticateToken(ctx, vnTok)
	if err != nil {
		t.Fatal(err)
	}
	today := borderlink.MustParseDate("2026-11-25")
	c, err := vn.Cases.CreateCase(ctx, minh, cases.NewCase{Code: "522H", Title: "Đường dây ma túy đá Nậm Cắn", Lang: borderlink.LangVI,
		LeadUnit: "VN-40", PartnerUnits: []string{"LA-07"}, Status: cases.StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	pr, err := vn.Cases.CreatePerson(ctx, minh, cases.NewPerson{OwnerUnit: "VN-40", Name: "ບຸນມີ ແສງສະຫວ່າງ", NameLatin: "Bounmy Sengsavang", Nationality: "LA"})
	if err != nil {
		t.Fatal(err)
	}
	sb, err := vn.Cases.AddSubject(ctx, minh, c.ID, cases.NewSubject{PersonID: pr.ID, Role: cases.RoleCourier})
	if err != nil {
		t.Fatal(err)
	}
	z, err := vn.Cases.CreateSeizure(ctx, minh, cases.NewSeizure{CaseID: c.ID, Day: today, Place: "VN-40",
		Drugs: []cases.DrugItem{{Drug: "METH_CRYSTAL", Amount: stats.Amount{Value: "110", Unit: "kg"}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []struct{ kind, id string }{{cases.KindCase, c.ID}, {cases.KindSubject, sb.ID}, {cases.KindSeizure, z.ID}} {
		if err := vn.Cases.Release(ctx, minh, rel.kind, rel.id); err != nil {
			t.Fatalf("release %s: %v", rel.kind, err)
		}
	}
	eventually(t, "the case and its seizure on la.mps", func() bool {
		code, body := la.Do(t, nil, "GET", "/cases/"+c.ID, laTok, "", "")
		return code == http.StatusOK && strings.Contains(body, "Bounmy Sengsavang") && strings.Contains(body, "rec-"+z.ID)
	})

	lo := la.Catalog.Printer(borderlink.LangLO)
	from := lo.T("cases.from_node", "node", "vn.mps")
	tab := browsertest.MustStart(t)
	browserLogin(t, tab, la.URL, "bounmy", la.Passwords["bounmy"], borderlink.LangLO)
	browsertest.MustRun(t, tab, chromedp.Navigate(la.URL+"/cases"), chromedp.WaitVisible(chromedp.CSS(`#cases-list`)))
	if got := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#cases-list`))); !containsAll(got, "522H", from, lo.T("cases.status_active")) {
		t.Errorf("the Lao list: %q", got)
	}
	browsertest.MustRun(t, tab, chromedp.Click(chromedp.CSS(`#cases-list a[href="/cases/`+c.ID+`"]`)), chromedp.WaitVisible(chromedp.CSS(`#case-header`)))
	head := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#case-header`)))
	if !containsAll(head, from, lo.T("cases.read_only"), lo.T("cases.handling_releasable")) {
		t.Errorf("the Lao case header: %q", head)
	}
	meth := lo.T("cases.drug_amount", "amount", "110 "+lo.T("forms.enum.qty_unit.kg"), "drug", "ຢາໄອສ໌")
	if got := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#seizures`))); !containsAll(got, meth, from, lo.T("cases.read_only")) {
		t.Errorf("the Lao seizures: %q", got)
	}
	if n := browsertest.MustGet(t, tab, chromedp.Evaluate[int](`document.querySelectorAll('form.release, #status-form').length`)); n != 0 {
		t.Errorf("%d release buttons or status forms on the partner's records", n)
	}
	browsertest.MustRun(t, tab,
		chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => d.open = true)`),
		chromedp.SetValue(chromedp.CSS(`#event-add select[name=kind]`), "meeting"),
		chromedp.SendKeys(chromedp.CSS(`#event-add textarea[name=summary]`), "ປະຊຸມປະສານງານກັບ ປກສ ແຂວງ ເງະອານ"),
		chromedp.Click(chromedp.CSS(`#event-add button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#timeline form.release`)),
	)
	if got := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#timeline`))); !containsAll(got, lo.T("cases.event_meeting"), lo.T("cases.ours"), lo.T("cases.not_released")) {
		t.Errorf("the Lao event: %q", got)
	}
	browsertest.MustRun(t, tab,
		chromedp.Click(chromedp.CSS(`#timeline form.release button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#timeline form.release`)),
	)
	browsertest.Screenshot(t, tab, "case-la-lo")
	// The Vietnamese title is shown beside a machine translation into Lao,
	// marked as such.
	mt := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#case-title-mt`)))
	if !strings.Contains(mt, lo.T("hotline.mt_short")) || !containsLao(strings.ReplaceAll(mt, lo.T("hotline.mt_short"), "")) {
		t.Errorf("machine translation of the title: %q", mt)
	}
	vi := vn.Catalog.Printer(borderlink.LangVI)
	eventually(t, "the Lao event on vn.mps", func() bool {
		code, body := vn.Do(t, nil, "GET", "/cases/"+c.ID, vnTok, "", "", "Accept-Language", "vi")
		return code == http.StatusOK && strings.Contains(body, "ປະຊຸມປະສານງານ") && strings.Contains(body, vi.T("cases.from_node", "node", "la.mps"))
	})
}

// methKilograms is the weight of crystal meth the statistics count.
func methKilograms(t *testing.T, n *nodetest.Node, query, token string) float64 {
	t.Helper()
	var out struct {
		Rows []struct {
			Drug      string  `json:"drug"`
			Kilograms float64 `json:"kilograms"`
		} `json:"rows"`
	}
	if code := getJSON(t, n, "/api/v1/stats/seizures?"+query, token, &out); code != http.StatusOK {
		t.Fatalf("stats: status %d", code)
	}
	kg := 0.0
	for _, r := range out.Rows {
		if r.Drug == "METH_CRYSTAL" {
			kg += r.Kilograms
		}
	}
	return kg
}

func bearer(t *testing.T, url, token string) *http.Request {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}

// writePNG writes a small photo, 40 by 30 pixels.
func writePNG(t *testing.T, path string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		for y := range 30 {
			img.Set(x, y, color.RGBA{R: uint8(x * 6), G: uint8(y * 8), B: 120, A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

package e2e

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/browsertest"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
)

// watchList is a list of the kind another agency hands over: Vietnamese
// and Lao names, some with other spellings, and two bad rows.
const watchList = "id,name,alt_names,dob,document,nationality\n" +
	"VN-TN-0117,Nguyễn Văn Long,Long Nguyen,1984-03-02,B1234567,VN\n" +
	"LA-TN-0042,Souksavanh Phommachanh,ສຸກສະຫວັນ ພົມມະຈັນ;Suksavan Phommachan,1979,P0112233,LA\n" +
	"LA-TN-0043,ບົວສອນ ແກ້ວມະນີ,Bouasone Keomany,1992-07,,LA\n" +
	"bad-1,,,1990,,VN\n" +
	"bad-2,Trần Thị Mai,,1990-02-30,,VN\n"

// TestScreeningAPI loads a watch list on a Lao node and screens through the
// API: names in Lao script, Vietnamese without diacritics and reordered
// words find the list's own ids; bad questions are refused in Lao; a CSV
// batch answers each row; every screening is in the audit log.
func TestScreeningAPI(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA"})
	code, body := n.Do(t, nil, "PUT", "/api/v1/screen/lists/anti-narcotics?name=Danh+s%C3%A1ch+C04&file=c04.csv",
		n.Tokens[auth.RoleInvestigator], "text/csv", watchList, "Accept-Language", "lo")
	if code != http.StatusOK {
		t.Fatalf("load: %d %s", code, body)
	}
	var rep struct {
		Loaded, Rejected int
		Problems         []struct {
			Line    int
			Column  string
			Message string
		}
	}
	json.Unmarshal([]byte(body), &rep)
	if rep.Loaded != 3 || rep.Rejected != 2 || len(rep.Problems) != 2 || rep.Problems[0].Line != 5 || !containsLao(rep.Problems[1].Message) {
		t.Fatalf("load report: %s", body)
	}
	// An officer may not load lists.
	if code, _ := n.Do(t, nil, "PUT", "/api/v1/screen/lists/x", n.Tokens[auth.RoleOfficer], "text/csv", watchList); code != http.StatusForbidden {
		t.Errorf("officer loads a list: %d", code)
	}

	screen := func(q string) (int, string) {
		return n.Do(t, nil, "POST", "/api/v1/screen", n.Tokens[auth.RoleOfficer], "application/json", q, "Accept-Language", "lo")
	}
	for _, tc := range []struct{ q, want string }{
		{`{"name":"ຫງວຽນ ວັນ ລອງ"}`, "VN-TN-0117"},
		{`{"name":"long nguyen","dob":"1984"}`, "VN-TN-0117"},
		{`{"name":"Nguyen Van Long","dob":"","document":"","nationality":"","limit":3}`, "VN-TN-0117"},
		{`{"name":"Suksavanh Phomachan"}`, "LA-TN-0042"},
		{`{"name":"Bouasone Keomany"}`, "LA-TN-0043"},
		{`{"document":"b 123-4567"}`, "VN-TN-0117"},
	} {
		code, body := screen(tc.q)
		var res struct {
			Hit        bool
			Candidates []struct {
				ID, Kind, List string
				Reasons        []string
			}
		}
		json.Unmarshal([]byte(body), &res)
		if code != http.StatusOK || len(res.Candidates) == 0 || res.Candidates[0].ID != tc.want || res.Candidates[0].List != "anti-narcotics" {
			t.Errorf("%s: %d %s, want %s first", tc.q, code, body, tc.want)
		}
	}
	if _, body := screen(`{"name":"Vilaysack Chanthavong"}`); !strings.Contains(body, `"hit":false`) {
		t.Errorf("a name not on the list: %s", body)
	}
	for _, q := range []string{`{}`, `{"name":""}`, `{"name":"Kham\u0007"}`, `{"name":"Long","dob":"1984-13"}`,
		`{"name":"ສຸກKham"}`, `{"name":"` + strings.Repeat("Nguyen ", 40) + `"}`, `{"name":"Long","extra":1}`, `[1,2]`, `{"name":"Long","limit":-1}`} {
		code, body := screen(q)
		if code != http.StatusBadRequest || !containsLao(body) {
			t.Errorf("%s: %d %s, want 400 with a Lao message", q, code, body)
		}
	}
	code, body = n.Do(t, nil, "POST", "/api/v1/screen/batch", n.Tokens[auth.RoleOfficer], "text/csv",
		"ref,name,dob\nbus-1,Keomany Bouasone,1992\nbus-2,Phạm Thị Lan,\nbus-3,,\n")
	var batch struct {
		Hits    int
		Results []struct {
			Ref   string
			Hit   bool
			Error *struct{ Code string }
		}
	}
	json.Unmarshal([]byte(body), &batch)
	if code != http.StatusOK || batch.Hits != 1 || len(batch.Results) != 3 || !batch.Results[0].Hit || batch.Results[1].Hit ||
		batch.Results[2].Error == nil || batch.Results[2].Ref != "bus-3" {
		t.Errorf("CSV batch: %d %s", code, body)
	}
	code, body = n.Do(t, nil, "POST", "/api/v1/screen/batch", n.Tokens[auth.RoleOfficer], "application/json",
		`[{"name":"ສຸກສະຫວັນ ພົມມະຈັນ"},{"name":"Long Nguyen"}]`)
	if code != http.StatusOK || !strings.Contains(body, `"hits":2`) {
		t.Errorf("JSON batch: %d %s", code, body)
	}
	// An analyst may not screen.
	if code, _ := n.Do(t, nil, "POST", "/api/v1/screen", n.Tokens[auth.RoleAnalyst], "application/json", `{"name":"Long"}`); code != http.StatusForbidden {
		t.Errorf("analyst screens: %d", code)
	}
	code, body = n.Do(t, nil, "GET", "/api/v1/audit?action=screen.run&limit=100", n.Tokens[auth.RoleAuditor], "", "")
	var trail struct {
		Entries []struct{ Actor, Outcome, Detail string }
	}
	json.Unmarshal([]byte(body), &trail)
	hits := 0
	for _, e := range trail.Entries {
		if strings.Contains(e.Detail, "HIT") && e.Actor == nodetest.Username(auth.RoleOfficer) {
			hits++
		}
	}
	if code != http.StatusOK || len(trail.Entries) < 18 || hits < 9 {
		t.Errorf("audit of screenings: %d, %d entries, %d hits by the officer", code, len(trail.Entries), hits)
	}
}

// TestBrowserCheckpointInLao is the village post: a Lao officer types a
// Vietnamese trafficker's name in Lao script on the checkpoint page and
// sees, as they type, the hit with its reasons in Lao; a name that is not
// listed says so; a watch list with a bad row is loaded from the page by
// an investigator, who sees the row and its reason.
func TestBrowserCheckpointInLao(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA"})
	if code, body := n.Do(t, nil, "PUT", "/api/v1/screen/lists/anti-narcotics", n.Tokens[auth.RoleInvestigator], "text/csv", watchList); code != http.StatusOK {
		t.Fatalf("load: %d %s", code, body)
	}
	lo := n.Catalog.Printer(borderlink.LangLO)
	tab := browsertest.MustStart(t)
	officer := nodetest.Username(auth.RoleOfficer)
	browserLogin(t, tab, n.URL, officer, n.Passwords[officer], borderlink.LangLO)
	browsertest.MustRun(t, tab,
		chromedp.Navigate(n.URL+"/screen"),
		chromedp.WaitVisible(`#screen-name`),
		chromedp.SendKeys(`#screen-name`, "ຫງວຽນ ວັນ ລອງ"),
		chromedp.WaitVisible(`#screen-verdict[data-verdict=hit]`),
	)
	verdict := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#screen-verdict`)))
	if verdict != lo.T("screen.verdict_hit") {
		t.Errorf("verdict %q, want %q", verdict, lo.T("screen.verdict_hit"))
	}
	first := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#screen-candidates li:first-child`)))
	if !containsAll(first, "Nguyễn Văn Long", lo.T("screen.reason_name_phonetic")) {
		t.Errorf("first candidate %q lacks the name and the reason in Lao", first)
	}
	id := browsertest.MustGet(t, tab, chromedp.Evaluate[string](`document.querySelector('#screen-candidates li').dataset.id`))
	if id != "VN-TN-0117" {
		t.Errorf("first candidate %s, want VN-TN-0117", id)
	}
	browsertest.Screenshot(t, tab, "screen-hit-lo")
	// The page keeps answering as the name changes.
	browsertest.MustGet(t, tab, chromedp.Evaluate[string](`document.querySelector('#screen-name').value = ''`))
	browsertest.MustRun(t, tab,
		chromedp.SendKeys(`#screen-name`, "Vilaysack Chanthavong"),
		chromedp.WaitVisible(`#screen-verdict[data-verdict=none]`),
	)
	// The page fits a phone.
	browsertest.MustRun(t, tab, chromedp.EmulateViewport(390, 844))
	wide := browsertest.MustGet(t, tab, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if wide {
		t.Error("the checkpoint page scrolls sideways on a phone")
	}
	browsertest.Screenshot(t, tab, "screen-lo")

	// An investigator loads a list from the page.
	tab2 := browsertest.MustStart(t)
	inv := nodetest.Username(auth.RoleInvestigator)
	browserLogin(t, tab2, n.URL, inv, n.Passwords[inv], borderlink.LangLO)
	path := filepath.Join(t.TempDir(), "customs.csv")
	if err := os.WriteFile(path, []byte("id,name,dob\nC-1,Phonesavanh Inthavong,1990\nC-2,Kham,19x0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	browsertest.MustRun(t, tab2,
		chromedp.Navigate(n.URL+"/screen"),
		chromedp.WaitVisible(`#list-form`),
		chromedp.SetUploadFiles(`#list-form input[type=file]`, []string{path}),
		chromedp.SendKeys(`#list-form input[name=list_name]`, "ພາສີ"),
		chromedp.Submit(`#list-form input[name=list_name]`),
		chromedp.WaitVisible(`#list-summary`),
	)
	problems := browsertest.MustGet(t, tab2, chromedp.Text(chromedp.CSS(`#list-problems`)))
	if !containsAll(problems, "19x0") || !containsLao(problems) {
		t.Errorf("the bad row is not listed in Lao: %q", problems)
	}
	if got := n.Screening.Lists(); len(got) != 2 || got[0].ID != "anti-narcotics" || got[1].ID != "customs" || got[1].Entries != 1 {
		t.Errorf("lists after the upload: %+v", got)
	}
}

package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/browsertest"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
)

type importReply struct {
	Encoding          string
	Rows, Bad         int
	Committed         bool
	Created, Replaced int
	Problems          []struct {
		Line                  int
		Column, Code, Message string
	}
}

// TestImportSpreadsheets is the provincial clerk's story: last year's
// spreadsheet of Nghệ An has a bad row, so nothing is imported and the row
// is named with its reason in Vietnamese; fixed, the file imports; imported
// again it replaces its rows instead of adding them. A row of another
// province, an old TCVN3 file, a workbook and a file far too large are
// handled as a clerk would expect.
func TestImportSpreadsheets(t *testing.T) {
	n := nodetest.MustStart(t, nodetest.Options{Demo: true})
	clerk := borderUser(t, n, "lan", auth.RoleAnalyst, "VN-40")
	send := func(name string, data []byte, query string) (int, importReply) {
		t.Helper()
		code, body := n.Do(t, nil, "POST", "/api/v1/stats/import?name="+name+query, clerk, "application/octet-stream", string(data), "Accept-Language", "vi")
		var rep importReply
		if code == http.StatusOK || code == http.StatusUnprocessableEntity {
			if err := json.Unmarshal([]byte(body), &rep); err != nil {
				t.Fatalf("%s: %v: %s", name, err, body)
			}
		} else {
			t.Logf("%s: %d %s", name, code, body)
		}
		return code, rep
	}
	total := func() (cases, mg int64) {
		var tb struct {
			Rows []struct{ Cases, Milligrams int64 }
		}
		getJSON(t, n, "/api/v1/stats/seizures?from=2025-01-01&to=2025-12-31&by=,", clerk, &tb)
		for _, r := range tb.Rows {
			cases, mg = cases+r.Cases, mg+r.Milligrams
		}
		return
	}
	head := "Ngày,Tỉnh,Lực lượng,Loại ma túy,Số vụ,Số đối tượng,Khối lượng,Đơn vị tính\n"
	good := head +
		"15/01/2025,Nghệ An,Công an,Heroin,2,3,1.5,kg\n" +
		"02/2025,VN-40,Biên phòng,METH_TABLET,1,1,12000,viên\n" +
		"20/03/2025,Nghệ An,Hải quan,Thuốc phiện,1,2,800,g\n"
	bad := good + "21/03/2025,Nghệ An,Công an,Đường,1,1,5,kg\n"

	code, rep := send("nghe-an-2025.csv", []byte(bad), "")
	if code != http.StatusUnprocessableEntity || rep.Committed || rep.Bad != 1 || len(rep.Problems) != 1 ||
		rep.Problems[0].Line != 5 || rep.Problems[0].Code != "error.import_drug_unknown" || !strings.Contains(rep.Problems[0].Message, "Đường") {
		t.Fatalf("file with a bad row: %d %+v", code, rep)
	}
	if c, _ := total(); c != 0 {
		t.Fatalf("a refused file left %d cases", c)
	}
	code, rep = send("nghe-an-2025.csv", []byte(good), "&dry_run=true")
	if code != http.StatusOK || rep.Committed || rep.Bad != 0 {
		t.Fatalf("check only: %d %+v", code, rep)
	}
	code, rep = send("nghe-an-2025.csv", []byte(good), "")
	if code != http.StatusOK || !rep.Committed || rep.Created != 3 || rep.Replaced != 0 {
		t.Fatalf("fixed file: %d %+v", code, rep)
	}
	cases, mg := total()
	if cases != 4 || mg != 1_500_000+800_000 {
		t.Errorf("after import: %d cases and %d mg, want 4 and 2,300,000 (1.5 kg of heroin, 800 g of opium)", cases, mg)
	}
	code, rep = send("nghe-an-2025.csv", []byte(good), "")
	if code != http.StatusOK || rep.Created != 0 || rep.Replaced != 3 {
		t.Fatalf("same file again: %d %+v", code, rep)
	}
	if c, m := total(); c != cases || m != mg {
		t.Errorf("importing again changed the totals: %d cases %d mg, was %d %d", c, m, cases, mg)
	}

	// Another province than the clerk's.
	code, rep = send("ha-tinh.csv", []byte(head+"15/01/2025,Hà Tĩnh,Công an,Heroin,1,1,1,kg\n"), "")
	if code != http.StatusUnprocessableEntity || len(rep.Problems) != 1 || rep.Problems[0].Code != "error.import_place_outside" {
		t.Errorf("a row of Hà Tĩnh from a Nghệ An clerk: %d %+v", code, rep)
	}

	// A file from an old office computer: TCVN3 text saved as Windows-1252.
	legacy := "Ngµy,TØnh,Lùc l\u00adîng,Lo¹i ma tóy,Sè vô,Sè ®èi t\u00adîng,Khèi l\u00adîng,§¬n vÞ tÝnh\n" +
		"10/06/2024,NghÖ An,C«ng an,Thuèc phiÖn,1,1,2,kg\n"
	raw, err := charmap.Windows1252.NewEncoder().String(legacy)
	if err != nil {
		t.Fatal(err)
	}
	code, rep = send("cu.csv", []byte(raw), "")
	if code != http.StatusOK || !rep.Committed || rep.Encoding != "tcvn3" {
		t.Errorf("TCVN3 file: %d %+v", code, rep)
	}

	// A header nobody recognises, with the clerk's column mapping.
	odd := "Thời điểm;Nơi;Chất;Lượng;ĐVT\n01/05/2025;VN-40;Heroin;0,75;kg\n"
	if code, rep = send("odd.csv", []byte(odd), ""); code != http.StatusBadRequest {
		t.Errorf("unknown headers without a mapping: %d %+v", code, rep)
	}
	code, rep = send("odd.csv", []byte(odd), "&mapping="+url.QueryEscape("date=A,place=B,drug=C,quantity=D,unit=E"))
	if code != http.StatusOK || !rep.Committed || rep.Created != 1 {
		t.Errorf("unknown headers with a mapping: %d %+v", code, rep)
	}

	// A workbook.
	f := excelize.NewFile()
	for i, row := range [][]any{{"Date", "Province", "Agency", "Drug", "Cases", "Arrests", "Pills", "Weight (kg)"},
		{"2025-04-30", "Nghe An", "customs", "METH_TABLET", 1, 2, 50000, 5.2}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &row)
	}
	var xb bytes.Buffer
	f.WriteTo(&xb)
	code, rep = send("nghe-an.xlsx", xb.Bytes(), "")
	if code != http.StatusOK || !rep.Committed || rep.Created != 1 {
		t.Errorf("XLSX: %d %+v", code, rep)
	}

	// A file far beyond the limit is refused with a clear message.
	code, body := n.Do(t, nil, "POST", "/api/v1/stats/import?name=huge.csv", clerk, "application/octet-stream",
		strings.Repeat("x", 65<<20), "Accept-Language", "vi")
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "64 MiB") {
		t.Errorf("a 65 MB upload: %d %.200s", code, body)
	}

	// The page, in Lao: the bad row is listed with a Lao reason.
	path := filepath.Join(t.TempDir(), "nghe-an-2025.csv")
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	tab := browsertest.MustStart(t)
	browserLogin(t, tab, n.URL, "lan", n.Passwords["lan"], borderlink.LangLO)
	browsertest.MustRun(t, tab,
		chromedp.Navigate(n.URL+"/stats/import"),
		chromedp.WaitVisible(`#import-form`),
		chromedp.SetUploadFiles(`input[name=file]`, []string{path}),
		chromedp.Click(`#import-form button[type=submit]`),
		chromedp.WaitVisible(`#import-problems`),
	)
	problems := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#import-problems`)))
	summary := browsertest.MustGet(t, tab, chromedp.Text(chromedp.CSS(`#import-summary`)))
	if !containsLao(problems) || !strings.Contains(problems, "Đường") || !containsLao(summary) {
		t.Errorf("import page in Lao: %q / %q", summary, problems)
	}
	browsertest.Screenshot(t, tab, "import-lo")
}

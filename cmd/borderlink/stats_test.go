package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportAndExportCLI imports a provincial spreadsheet through a served
// node's API — first with a bad row, which prints the row and imports
// nothing, then fixed — and downloads the conference report as text and as
// XLSX.
func TestImportAndExportCLI(t *testing.T) {
	dir := mustInit(t)
	pw := writeFile(t, t.TempDir(), "pw", "analyst-password-2026\n")
	runCLI(t, "user", "add", "--data", dir, "--username", "mai", "--name", "Lê Thị Mai", "--role", "analyst",
		"--unit", "VN-MPS", "--password-file", pw).want(t, "add analyst", 0, "", "")
	tok := strings.TrimSpace(runCLI(t, "token", "create", "--data", dir, "--user", "mai").want(t, "token", 0, "blt_", "").stdout)
	s, _ := serve(t, dir)
	environ := map[string]string{"BORDERLINK_TOKEN": tok}
	files := t.TempDir()
	head := "Ngày,Tỉnh,Lực lượng,Loại ma túy,Số vụ,Số đối tượng,Khối lượng,Đơn vị tính\n"
	good := head + "15/01/2025,Nghệ An,Công an,Heroin,2,3,1.5,kg\n20/03/2025,Hà Tĩnh,Biên phòng,Thuốc phiện,1,2,800,g\n"
	bad := writeFile(t, files, "bad.csv", good+"21/03/2025,Nghệ An,Công an,Heroin,1,1,5,\n")
	runCLIEnv(t, environ, "import", "--url", s.url, "--lang-ui", "en", bad).want(t, "a file with a bad row", 1, "has no unit", "nothing was imported")
	fixed := writeFile(t, files, "nghe-an-2025.csv", good)
	runCLIEnv(t, environ, "import", "--url", s.url, "--dry-run", fixed).want(t, "check only", 0, "nothing imported", "")
	runCLIEnv(t, environ, "import", "--url", s.url, fixed).want(t, "import", 0, "2 new, 0 replacing", "")
	runCLIEnv(t, environ, "import", "--url", s.url, fixed).want(t, "import again", 0, "0 new, 2 replacing", "")

	runCLIEnv(t, environ, "export", "report", "--url", s.url, "--from", "2025-01-01", "--to", "2025-12-31", "--lang", "en").
		want(t, "report as text", 0, "detected and handled 3 drug cases and arrested 5 people", "")
	out := filepath.Join(files, "report.xlsx")
	runCLIEnv(t, environ, "export", "report", "--url", s.url, "--from", "2025-01-01", "--to", "2025-12-31", "--lang", "lo", "--out", out).
		want(t, "report as XLSX", 0, "", "")
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "PK") {
		t.Errorf("report.xlsx: %v, %.10q", err, b)
	}
	runCLIEnv(t, environ, "export", "report", "--url", s.url, "--format", "pdf").want(t, "an unknown format", 2, "", "xlsx, csv or text")
}

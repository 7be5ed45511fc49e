package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLIEnv runs one command line with the given environment.
func runCLIEnv(tb testing.TB, environ map[string]string, args ...string) result {
	tb.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), getenv: func(k string) string { return environ[k] }}
	code := run(context.Background(), e, args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// TestHotlineCLI sends a message with a file from a provincial officer to
// the ministry through a served node's API, shows it, downloads the file
// (checked against its SHA-256) and refuses a file of a forbidden type.
func TestHotlineCLI(t *testing.T) {
	dir := mustInit(t)
	pw := writeFile(t, t.TempDir(), "pw", "officer-password-2026\n")
	runCLI(t, "user", "add", "--data", dir, "--username", "hung", "--name", "Nguyễn Văn Hùng", "--role", "officer",
		"--unit", "VN-40", "--password-file", pw).want(t, "add officer", 0, "", "")
	tok := strings.TrimSpace(runCLI(t, "token", "create", "--data", dir, "--user", "hung").want(t, "token", 0, "blt_", "").stdout)
	s, _ := serve(t, dir)
	environ := map[string]string{"BORDERLINK_TOKEN": tok}
	files := t.TempDir()
	note := writeFile(t, files, "bien-ban.txt", "Biên bản bắt giữ đối tượng tại Km 12.\n")
	r := runCLIEnv(t, environ, "hotline", "send", "--url", s.url, "--to", "VN-MPS", "--priority", "URGENT",
		"--subject", "Báo cáo bắt giữ", "--body", "Gửi kèm biên bản.", "--attach", note).want(t, "send", 0, "", "URGENT VN-40 → VN-MPS")
	id := strings.TrimSpace(r.stdout)
	r = runCLIEnv(t, environ, "hotline", "show", "--url", s.url, id).want(t, "show", 0, `"name": "bien-ban.txt"`, "")
	i := strings.Index(r.stdout, `"attachments"`)
	j := strings.Index(r.stdout[i:], `"id": "`) + i + len(`"id": "`)
	att := r.stdout[j : j+strings.IndexByte(r.stdout[j:], '"')]
	out := filepath.Join(t.TempDir(), "copy.txt")
	runCLIEnv(t, environ, "hotline", "file", "--url", s.url, "--out", out, id, att).want(t, "file", 0, "sha256", "")
	got, err := os.ReadFile(out)
	if err != nil || string(got) != "Biên bản bắt giữ đối tượng tại Km 12.\n" {
		t.Fatalf("downloaded %q, %v", got, err)
	}
	runCLIEnv(t, environ, "hotline", "file", "--url", s.url, "--out", out, id, att).want(t, "file over an existing one", 1, "", "exists")
	exe := writeFile(t, files, "setup.exe", "MZ\x90\x00\x03\x00\x00\x00")
	runCLIEnv(t, environ, "hotline", "send", "--url", s.url, "--to", "VN-MPS", "--subject", "x", "--body", "x",
		"--attach", exe).want(t, "an .exe", 1, "", "setup.exe")
	runCLIEnv(t, environ, "hotline", "send", "--url", s.url, "--to", "VN-MPS", "--subject", "x", "--body", "x",
		"--attach", filepath.Join(files, "missing.pdf")).want(t, "a missing file", 2, "", "missing.pdf")
}

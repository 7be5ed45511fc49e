package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	_ "modernc.org/sqlite" // the driver the node uses, to tamper with its file

	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/node"
)

// The command line, run in-process on temporary data directories: every
// command and its refusals, with exit status and output.

const adminPassword = "border-crossing-2026"

// result is what one command line did.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs one command line with an empty environment.
func runCLI(tb testing.TB, args ...string) result {
	tb.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// want fails unless r exited with code and its stdout and stderr hold the
// given texts ("" checks nothing).
func (r result) want(tb testing.TB, what string, code int, stdout, stderr string) result {
	tb.Helper()
	if r.code != code || !strings.Contains(r.stdout, stdout) || !strings.Contains(r.stderr, stderr) {
		tb.Fatalf("%s: exit %d, want %d with %q on stdout and %q on stderr\nstdout:\n%s\nstderr:\n%s",
			what, r.code, code, stdout, stderr, r.stdout, r.stderr)
	}
	return r
}

// writeFile writes a file in dir and returns its path.
func writeFile(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// mustInit creates a node in a new data directory and returns it.
func mustInit(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "node")
	pw := writeFile(tb, tb.TempDir(), "pw", adminPassword+"\n")
	r := runCLI(tb, "init", "--data", dir, "--node-id", "vn.mps", "--country", "VN", "--admin-password-file", pw)
	r.want(tb, "init", 0, "Node vn.mps (VN) created in "+dir, "")
	if strings.Contains(r.stdout, adminPassword) {
		tb.Error("init prints the password it was given")
	}
	return dir
}

// files returns the SHA-256 of every file in dir.
func files(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	ents, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		sum := sha256.Sum256(b)
		out[e.Name()] = hex.EncodeToString(sum[:])
	}
	return out
}

// served is a node of a data directory opened and served over loopback.
type served struct {
	*node.Node
	url string
}

// serve opens the node in dir and serves it until the test ends or close
// is called.
func serve(tb testing.TB, dir string) (*served, func()) {
	tb.Helper()
	ctx := context.Background()
	cfg, err := config.Load(filepath.Join(dir, node.ConfigFile))
	if err != nil {
		tb.Fatal(err)
	}
	cfg.DataDir = dir
	n, err := node.Open(ctx, cfg, node.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		tb.Fatalf("open %s: %v", dir, err)
	}
	h, err := n.Handler()
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(h)
	done := false
	stop := func() {
		if !done {
			done = true
			srv.Close()
			n.Close()
		}
	}
	tb.Cleanup(stop)
	return &served{Node: n, url: srv.URL}, stop
}

// mustSignIn signs in through the login form of a served node.
func (s *served) mustSignIn(tb testing.TB, username, password string) {
	tb.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(s.url+"/login", url.Values{"username": {username}, "password": {password}})
	if err != nil {
		tb.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		tb.Fatalf("sign in as %s: status %d", username, res.StatusCode)
	}
}

// get calls the API of a served node with a bearer token.
func (s *served) get(tb testing.TB, path, token string) (int, string) {
	tb.Helper()
	req, _ := http.NewRequest("GET", s.url+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestInitTwice: a second init on a data directory that holds a node is
// refused with a clear message and changes no file; the node still works.
func TestInitTwice(t *testing.T) {
	dir := mustInit(t)
	before := files(t, dir)
	pw := writeFile(t, t.TempDir(), "pw", "another-password-2026")
	for _, args := range [][]string{
		{"init", "--data", dir, "--node-id", "vn.mps", "--country", "VN", "--admin-password-file", pw},
		{"init", "--data", dir, "--node-id", "la.mps", "--country", "LA"},
		{"init", "--data", dir + "/", "--node-id", "vn.mps", "--country", "VN", "--demo"},
	} {
		runCLI(t, args...).want(t, "second init", 1, "", "already")
	}
	after := files(t, dir)
	for name, sum := range before {
		if after[name] != sum {
			t.Errorf("second init changed %s", name)
		}
	}
	if len(after) != len(before) {
		t.Errorf("second init left files: %v, before %v", after, before)
	}
	s, _ := serve(t, dir)
	s.mustSignIn(t, "admin", adminPassword)
}

// TestInitKeepsAForeignDatabase: a data directory holding a node's database
// but not its configuration and keys (say, a restored backup) is refused,
// and the database is kept as it was.
func TestInitKeepsAForeignDatabase(t *testing.T) {
	dir := mustInit(t)
	aside := t.TempDir()
	for _, f := range []string{node.ConfigFile, node.IdentityKeyFile, node.TLSCertFile, node.TLSKeyFile} {
		if err := os.Rename(filepath.Join(dir, f), filepath.Join(aside, f)); err != nil {
			t.Fatal(err)
		}
	}
	db := files(t, dir)[config.DatabaseFile]
	runCLI(t, "init", "--data", dir, "--node-id", "vn.mps", "--country", "VN").want(t, "init over a database", 1, "", "already belongs to node vn.mps")
	got := files(t, dir)
	if got[config.DatabaseFile] != db {
		t.Fatalf("the refused init removed or changed the database: %v", got)
	}
	for _, f := range []string{node.ConfigFile, node.IdentityKeyFile, node.TLSCertFile, node.TLSKeyFile} {
		if _, ok := got[f]; ok {
			t.Errorf("the refused init left %s behind", f)
		}
		if err := os.Rename(filepath.Join(aside, f), filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	s, _ := serve(t, dir)
	s.mustSignIn(t, "admin", adminPassword)
}

// TestInitFailsCleanly: an init that fails half-way (a password the rules
// refuse) leaves nothing behind, so that it can simply be run again.
func TestInitFailsCleanly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "node")
	weak := writeFile(t, t.TempDir(), "pw", "admin")
	runCLI(t, "init", "--data", dir, "--node-id", "vn.mps", "--country", "VN", "--admin-password-file", weak).want(t, "weak password", 1, "", "password")
	if left := files(t, dir); len(left) != 0 {
		t.Fatalf("the failed init left %v", left)
	}
	runCLI(t, "init", "--data", dir, "--node-id", "vn.mps", "--country", "VN", "--admin-password-file", filepath.Join(dir, "missing")).
		want(t, "missing password file", 1, "", "cannot read password file")
	pw := writeFile(t, t.TempDir(), "pw", adminPassword)
	runCLI(t, "init", "--data", dir, "--node-id", "vn.mps", "--country", "VN", "--admin-password-file", pw).want(t, "init again", 0, "created", "")
	runCLI(t, "init", "--data", t.TempDir(), "--node-id", "Not A Node!", "--country", "VN").want(t, "bad node id", 1, "", "")
	runCLI(t, "user", "list", "--data", t.TempDir()).want(t, "no node", 1, "", "no node in")
}

// TestUsers manages accounts from the command line; refusals change nothing.
func TestUsers(t *testing.T) {
	dir := mustInit(t)
	d := []string{"--data", dir}
	pw := writeFile(t, t.TempDir(), "pw", "officer-password-2026")
	add := func(args ...string) result {
		return runCLI(t, append(append([]string{"user", "add"}, d...), args...)...)
	}
	add("--username", "officer1", "--name", "Nguyễn Văn An", "--role", "officer", "--unit", "VN-11", "--password-file", pw).
		want(t, "add", 0, "created officer1 (Nguyễn Văn An) as officer at VN-11", "")
	r := add("--username", "analyst1", "--name", "Trần Thị Bình", "--role", "analyst", "--unit", "vn-11", "--lang", "lo").
		want(t, "add with a generated password", 0, "password (shown once): ", "")
	generated := strings.TrimSpace(r.stdout[strings.Index(r.stdout, "password (shown once): ")+len("password (shown once): "):])
	list := runCLI(t, append([]string{"user", "list"}, d...)...).want(t, "list", 0, "officer1", "").stdout

	for _, tc := range []struct {
		what, stderr string
		args         []string
	}{
		{"duplicate", `user "officer1" exists already`, []string{"--username", "officer1", "--name", "X", "--role", "officer", "--unit", "VN-11"}},
		{"duplicate in upper case", `user "officer1" exists already`, []string{"--username", "OFFICER1", "--name", "X", "--role", "admin", "--unit", "VN-MPS"}},
		{"unknown unit", `no unit "VN-NOPE"`, []string{"--username", "officer2", "--name", "X", "--role", "officer", "--unit", "VN-NOPE"}},
		{"unknown role", "chief", []string{"--username", "officer2", "--name", "X", "--role", "chief", "--unit", "VN-11"}},
		{"bad username", "invalid username", []string{"--username", "o", "--name", "X", "--role", "officer", "--unit", "VN-11"}},
		{"no name", "display name", []string{"--username", "officer2", "--role", "officer", "--unit", "VN-11"}},
		{"unknown language", "th", []string{"--username", "officer2", "--name", "X", "--role", "officer", "--unit", "VN-11", "--lang", "th"}},
	} {
		add(tc.args...).want(t, tc.what, 1, "", tc.stderr)
	}
	runCLI(t, "user", "add", "--data", dir, "--bogus").want(t, "unknown flag", 2, "", "flag provided but not defined: -bogus")
	if got := runCLI(t, append([]string{"user", "list"}, d...)...).stdout; got != list {
		t.Errorf("refused commands changed the users:\n%s\nwant\n%s", got, list)
	}
	runCLI(t, "user", "list", "--data", dir, "--unit", "VN-NOPE").want(t, "list of unknown unit", 1, "", `no unit "VN-NOPE"`)

	runCLI(t, "user", "disable", "--data", dir, "--username", "officer1").want(t, "disable", 0, "officer1 disabled", "")
	runCLI(t, "user", "list", "--data", dir, "--status", "disabled").want(t, "list disabled", 0, "officer1", "")
	runCLI(t, "user", "disable", "--data", dir, "--username", "nobody").want(t, "disable unknown", 1, "", `no user "nobody"`)
	runCLI(t, "user", "enable", "--data", dir, "--username", "officer1").want(t, "enable", 0, "officer1 enabled", "")
	r = runCLI(t, "user", "reset-password", "--data", dir, "--username", "officer1").want(t, "reset", 0, "new password for officer1 (shown once): ", "")
	reset := strings.TrimSpace(strings.SplitN(r.stdout[strings.Index(r.stdout, "(shown once): ")+len("(shown once): "):], "\n", 2)[0])
	runCLI(t, "user", "set-role", "--data", dir, "--username", "officer1", "--role", "commander", "--unit", "VN-MPS").
		want(t, "set-role", 0, "officer1 is now commander at VN-MPS", "")
	runCLI(t, "user", "set-role", "--data", dir, "--username", "officer1", "--role", "officer", "--unit", "VN-NOPE").
		want(t, "set-role to unknown unit", 1, "", "VN-NOPE")
	runCLI(t, "user", "list", "--data", dir, "--username", "x").want(t, "list with a foreign flag", 2, "", "")
	runCLI(t, "user", "list", "--data", dir, "--role", "commander").want(t, "list commanders", 0, "commander@VN-MPS", "")

	s, _ := serve(t, dir)
	s.mustSignIn(t, "officer1", reset)
	s.mustSignIn(t, "analyst1", generated)
}

// TestTokens creates an API token on the command line and uses it against
// the node's API.
func TestTokens(t *testing.T) {
	dir := mustInit(t)
	r := runCLI(t, "token", "create", "--data", dir, "--user", "admin", "--name", "script", "--ttl", "24h").want(t, "token", 0, "blt_", "expires")
	tok := strings.TrimSpace(r.stdout)
	runCLI(t, "token", "create", "--data", dir, "--user", "nobody").want(t, "token of unknown user", 1, "", `no user "nobody"`)
	runCLI(t, "token", "create", "--data", dir, "--user", "admin", "--ttl", "-1h").want(t, "negative ttl", 1, "", "")
	runCLI(t, "token", "create", "--data", dir, "--user", "admin", "--ttl", "soon").want(t, "bad ttl", 2, "", "invalid value")
	s, _ := serve(t, dir)
	st, body := s.get(t, "/api/v1/me", tok)
	if st != http.StatusOK || !strings.Contains(body, `"username":"admin"`) {
		t.Fatalf("the token does not work: %d %s", st, body)
	}
	if st, _ := s.get(t, "/api/v1/me", tok[:len(tok)-2]+"xx"); st != http.StatusUnauthorized {
		t.Errorf("an altered token works: %d", st)
	}
}

const csvHeader = "code,country,level,parent,name_vi,name_lo,name_en,valid_from,valid_to,successors\n"

// TestUnits lists units and imports a good and a bad CSV file: every bad row
// is reported and nothing of a bad file is stored.
func TestUnits(t *testing.T) {
	dir := mustInit(t)
	tmp := t.TempDir()
	runCLI(t, "units", "list", "--data", dir, "--country", "VN", "--level", "province").want(t, "list", 0, "VN-11", "")
	runCLI(t, "units", "list", "--data", dir, "--date", "2025-13-01").want(t, "bad date", 1, "", "")

	good := writeFile(t, tmp, "good.csv", csvHeader+"VN-11-C901,VN,commune,VN-11,Công an xã Thử Nghiệm,,Thu Nghiem Commune Police,2025-07-01,,\n")
	runCLI(t, "units", "import", "--data", dir, good).want(t, "import", 0, "1 rows: 1 created, 0 updated, 0 unchanged", "")
	runCLI(t, "units", "import", "--data", dir, good).want(t, "import again", 0, "1 rows: 0 created, 0 updated, 1 unchanged", "")
	runCLI(t, "units", "list", "--data", dir, "--country", "VN", "--lang", "vi").want(t, "list", 0, "Công an xã Thử Nghiệm", "")

	bad := writeFile(t, tmp, "bad.csv", csvHeader+
		"VN-11-C902,VN,commune,VN-11,Công an xã Tốt,,,2025-07-01,,\n"+ // 2: good, but in a bad file
		"VN-99-C001,VN,commune,VN-99,X,,,2025-07-01,,\n"+ // 3: unknown parent
		"VN-11-H01,VN,hamlet,VN-11,X,,,,,\n"+ // 4: unknown level
		"VN-11-C903,VN,commune,VN-11,X,,,2025-13-01,,\n"+ // 5: bad date
		"VN-11-C902,VN,commune,VN-11,Y,,,2025-07-01,,\n"+ // 6: twice
		"VN-11-C904,VN,commune\n") // 7: too few fields
	r := runCLI(t, "units", "import", "--data", dir, bad).want(t, "bad import", 1, "", "")
	for _, line := range []string{"line 3 ", "line 4 ", "line 5 ", "line 6 ", "line 7 "} {
		if !strings.Contains(r.stderr, line) {
			t.Errorf("bad import does not report %s:\n%s", line, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "line 2 ") {
		t.Errorf("a good row is reported as bad:\n%s", r.stderr)
	}
	if list := runCLI(t, "units", "list", "--data", dir, "--country", "VN").stdout; strings.Contains(list, "VN-11-C902") {
		t.Error("a row of the rejected file was stored")
	}
	runCLI(t, "units", "import", "--data", dir, filepath.Join(tmp, "missing.csv")).want(t, "missing file", 1, "", "missing.csv")
	runCLI(t, "units", "import", "--data", dir).want(t, "no file", 2, "", "give one CSV file")
	runCLI(t, "audit", "verify", "--data", dir).want(t, "verify after imports", 0, "audit log OK", "")
}

// TestAuditBackup verifies the audit log, takes a backup, tampers with the
// database directly and verifies again: the tampering is found and reported
// with exit status 1, while the backup still verifies.
func TestAuditBackup(t *testing.T) {
	dir := mustInit(t)
	runCLI(t, "user", "add", "--data", dir, "--username", "officer1", "--name", "Officer", "--role", "officer", "--unit", "VN-11").want(t, "add", 0, "", "")
	runCLI(t, "user", "disable", "--data", dir, "--username", "officer1").want(t, "disable", 0, "", "")
	runCLI(t, "audit", "verify", "--data", dir).want(t, "verify", 0, "audit log OK", "")

	out := filepath.Join(t.TempDir(), "backup.db")
	runCLI(t, "backup", "--data", dir, "--out", out).want(t, "backup", 0, "written to "+out, "")
	runCLI(t, "backup", "--data", dir, "--out", out).want(t, "backup over a file", 1, "", "exists")
	runCLI(t, "backup", "--data", dir).want(t, "backup without --out", 2, "", "--out is required")

	// Change one entry's action, as someone with the database file could.
	db, err := sql.Open("sqlite", filepath.Join(dir, config.DatabaseFile))
	if err != nil {
		t.Fatal(err)
	}
	var seq int64
	if err := db.QueryRow(`SELECT seq FROM audit_entries WHERE action = 'user.disable'`).Scan(&seq); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER audit_entries_no_update`, `UPDATE audit_entries SET action = 'user.enable' WHERE seq = ?`} {
		if _, err := db.Exec(q, seq); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	r := runCLI(t, "audit", "verify", "--data", dir).want(t, "verify after tampering", 1, "audit log NOT OK", "does not verify")
	if !strings.Contains(r.stdout, "altered at "+strconv.FormatInt(seq, 10)) {
		t.Errorf("the report does not name the altered entry %d:\n%s", seq, r.stdout)
	}
	runCLI(t, "audit", "verify", "--data", dir).want(t, "verify again", 1, "audit log NOT OK", "")

	// The backup is a whole node again beside the data directory's keys.
	restored := t.TempDir()
	for _, f := range []string{node.ConfigFile, node.IdentityKeyFile, node.TLSCertFile, node.TLSKeyFile} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, restored, f, string(b))
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, restored, config.DatabaseFile, string(b))
	runCLI(t, "audit", "verify", "--data", restored).want(t, "verify the backup", 0, "audit log OK", "")
	runCLI(t, "user", "list", "--data", restored, "--status", "disabled").want(t, "users of the backup", 0, "officer1", "")
	s, _ := serve(t, restored)
	s.mustSignIn(t, "admin", adminPassword)
}

// TestHelp: --help on every command and subcommand prints its usage on
// stdout and exits 0; an unknown command or subcommand exits 2.
func TestHelp(t *testing.T) {
	subs := map[string][]string{
		"user":  {"add", "list", "disable", "enable", "reset-password", "set-role"},
		"token": {"create"},
		"units": {"list", "import"},
		"peer":  {"self", "add", "list", "remove", "hello"},
		"audit": {"verify"},
	}
	for _, c := range commands() {
		for _, flag := range []string{"--help", "-h"} {
			r := runCLI(t, c.name, flag).want(t, c.name+" "+flag, 0, "Usage: borderlink "+c.name, "")
			if r.stderr != "" {
				t.Errorf("%s %s writes to stderr: %s", c.name, flag, r.stderr)
			}
		}
		for _, sub := range subs[c.name] {
			r := runCLI(t, c.name, sub, "--help").want(t, c.name+" "+sub+" --help", 0, "Usage: borderlink "+c.name, "")
			if r.stderr != "" || !strings.Contains(r.stdout, "Flags:") {
				t.Errorf("%s %s --help: stdout %q, stderr %q", c.name, sub, r.stdout, r.stderr)
			}
		}
		if subs[c.name] != nil {
			runCLI(t, c.name).want(t, c.name+" alone", 2, "", "Usage: borderlink "+c.name)
			runCLI(t, c.name, "frobnicate").want(t, c.name+" frobnicate", 2, "", "unknown subcommand frobnicate")
		}
	}
	for _, args := range [][]string{{}, {"help"}, {"--help"}, {"-h"}} {
		runCLI(t, args...).want(t, "help", 0, "Commands:", "")
	}
	runCLI(t, "frobnicate").want(t, "unknown command", 2, "", `unknown command "frobnicate"`)
	runCLI(t, "version").want(t, "version", 0, "borderlink ", "")
	runCLI(t, "version", "--bogus").want(t, "version with a bad flag", 2, "", "flag provided but not defined")
}

// TestRelativeDataDir works on a node named by a relative --data path, as
// the README's demo example does, and finds its database where init put it.
func TestRelativeDataDir(t *testing.T) {
	t.Chdir(t.TempDir())
	pw := writeFile(t, ".", "pw", "correct-horse-battery\n")
	runCLI(t, "init", "--data", "nodes/vn", "--node-id", "vn.mps", "--country", "VN", "--admin-password-file", pw).
		want(t, "init", 0, "vn.mps", "")
	runCLI(t, "token", "create", "--data", "nodes/vn", "--user", "admin").want(t, "token", 0, "blt_", "")
	if _, err := os.Stat("nodes/vn/nodes"); err == nil {
		t.Fatal("a second database was created inside the data directory")
	}
}

package main

import (
	"strings"
	"testing"
)

// TestScreenCLI loads a watch list through a served node's API (its bad
// rows printed and skipped), screens one name in another script (a hit:
// exit status 3) and one that is not there, runs a CSV batch and lists the
// lists.
func TestScreenCLI(t *testing.T) {
	dir := mustInit(t)
	pw := writeFile(t, t.TempDir(), "pw", "investigator-password-2026\n")
	runCLI(t, "user", "add", "--data", dir, "--username", "hung", "--name", "Trần Văn Hùng", "--role", "investigator",
		"--unit", "VN-MPS", "--password-file", pw).want(t, "add investigator", 0, "", "")
	tok := strings.TrimSpace(runCLI(t, "token", "create", "--data", dir, "--user", "hung").want(t, "token", 0, "blt_", "").stdout)
	s, _ := serve(t, dir)
	environ := map[string]string{"BORDERLINK_TOKEN": tok}
	files := t.TempDir()
	list := writeFile(t, files, "red.csv", "id,name,alt_names,dob,document,nationality\n"+
		"R-001,Souksavanh Phommachanh,ສຸກສະຫວັນ ພົມມະຈັນ;Suksavan,1979,P0112233,LA\n"+
		"R-002,Nguyễn Văn Long,,1984-13,,VN\n"+
		"R-003,Bouasone Keomany,,1992,,LA\n")
	runCLIEnv(t, environ, "screen", "load", "--url", s.url, "--lang-ui", "en", "--list-name", "Red notices", list).
		want(t, "load", 0, "list red: 2 loaded, 1 rows skipped", "")
	runCLIEnv(t, environ, "screen", "--url", s.url, "--name", "ສຸກສະຫວັນ ພົມມະຈັນ").
		want(t, "a hit", 3, "HIT", "stop and check")
	runCLIEnv(t, environ, "screen", "--url", s.url, "--name", "Nguyen Van Long").
		want(t, "a row that was skipped", 0, "no candidate", "")
	batch := writeFile(t, files, "bus.csv", "ref,name,dob\nseat-1,Keomany Bouasone,1992\nseat-2,Phạm Thị Lan,\nseat-3,Kham\x07,\n")
	runCLIEnv(t, environ, "screen", "batch", "--url", s.url, "--lang-ui", "en", batch).
		want(t, "batch", 3, "2 screened, 1 hits, 1 not screened", "one person screened is a hit")
	runCLIEnv(t, environ, "screen", "lists", "--url", s.url).want(t, "lists", 0, "Red notices", "")
	runCLIEnv(t, environ, "screen", "--url", s.url).want(t, "nothing to screen", 2, "", "give --name or --document")
}

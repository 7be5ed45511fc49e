package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/internal/sealed"
	"github.com/borderlink/borderlink/node"
	"github.com/borderlink/borderlink/treatment"
)

// keyLine matches a key of keys status: id, creation time, current or not,
// values.
var keyLine = regexp.MustCompile(`(?m)^([0-9a-f]{8})  \S+\s+(yes)?\s+(\d+)$`)

// keyStatus runs keys status on dir and returns the values of each key,
// and the current key.
func keyStatus(t *testing.T, dir string) (map[string]string, string) {
	t.Helper()
	out := runCLI(t, "keys", "status", "--data", dir).want(t, "status", 0, "KEY", "").stdout
	use, current := map[string]string{}, ""
	for _, m := range keyLine.FindAllStringSubmatch(out, -1) {
		use[m[1]] = m[3]
		if m[2] == "yes" {
			current = m[1]
		}
	}
	if len(use) == 0 || current == "" {
		t.Fatalf("no keys in:\n%s", out)
	}
	return use, current
}

// mustInitDemo creates a node with the demo units (communes among them,
// which keep treatment records) in a new data directory and returns it.
func mustInitDemo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "node")
	pw := writeFile(t, t.TempDir(), "pw", adminPassword+"\n")
	runCLI(t, "init", "--data", dir, "--node-id", "vn.mps", "--country", "VN", "--admin-password-file", pw, "--demo").
		want(t, "init", 0, "created", "")
	return dir
}

// withNode opens the node of dir in-process, runs fn and closes it.
func withNode(t *testing.T, dir string, fn func(n *node.Node)) {
	t.Helper()
	cfg, err := config.Load(filepath.Join(dir, node.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	n, err := node.Open(context.Background(), cfg, node.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	fn(n)
}

// TestKeys: init makes the key file, private; rotate adds a key and
// reseals every record under it; status shows it; the old key retires
// only once unused, the current one never; the records read the same
// throughout.
func TestKeys(t *testing.T) {
	dir := mustInitDemo(t)
	fi, err := os.Stat(filepath.Join(dir, sealed.KeyFileName))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file after init: %v %v", fi, err)
	}
	use, first := keyStatus(t, dir)
	if len(use) != 1 || use[first] != "0" {
		t.Fatalf("status of a new node: %v", use)
	}

	officer := auth.Principal{Username: "hoa", Grants: []auth.Grant{{Role: auth.RoleTreatment, Unit: "VN-11-C001"}}, Via: auth.ViaSession}
	var id string
	withNode(t, dir, func(n *node.Node) {
		r, err := n.Treatment.Register(context.Background(), officer, treatment.NewRecord{OwnerUnit: "VN-11-C001",
			Person: treatment.Person{Name: "Lầu Văn Chứ", Birth: "1991"}, Tests: []treatment.Test{{Date: borderlink.MustParseDate("2026-01-05"),
				Method: treatment.MethodUrine, Substances: []string{"HEROIN"}, Result: treatment.ResultPositive}}})
		if err != nil {
			t.Fatal(err)
		}
		id = r.ID
	})
	if use, _ := keyStatus(t, dir); use[first] != "2" {
		t.Fatalf("status after a record: %v", use)
	}

	r := runCLI(t, "keys", "rotate", "--data", dir).want(t, "rotate", 0, "2 values re-encrypted under key", "")
	use, second := keyStatus(t, dir)
	if second == first || use[first] != "0" || use[second] != "2" || !strings.Contains(r.stdout, second) {
		t.Fatalf("status after rotating: %v, current %s\n%s", use, second, r.stdout)
	}
	runCLI(t, "keys", "reseal", "--data", dir).want(t, "reseal again", 0, "0 values re-encrypted", "")
	runCLI(t, "keys", "retire", "--data", dir, "--id", second).want(t, "retire the current key", 1, "", "current key")
	runCLI(t, "keys", "retire", "--data", dir).want(t, "retire without --id", 2, "", "--id is required")
	runCLI(t, "keys", "retire", "--data", dir, "--id", first).want(t, "retire the old key", 0, "key "+first+" retired", "")
	if use, _ := keyStatus(t, dir); len(use) != 1 || use[second] != "2" {
		t.Fatalf("status after retiring: %v", use)
	}
	withNode(t, dir, func(n *node.Node) {
		got, err := n.Treatment.Record(context.Background(), officer, id)
		if err != nil || got.Person.Name != "Lầu Văn Chứ" {
			t.Fatalf("the record after rotation: %+v %v", got, err)
		}
	})

	// A key file others may read is refused, and the command says how to
	// fix it.
	if err := os.Chmod(filepath.Join(dir, sealed.KeyFileName), 0o644); err != nil {
		t.Fatal(err)
	}
	runCLI(t, "keys", "status", "--data", dir).want(t, "status of an open key file", 1, "", "chmod 600")
	runCLI(t, "keys", "rotate", "--data", dir).want(t, "rotate an open key file", 1, "", "chmod 600")
	for _, sub := range []string{"rotate", "status", "reseal", "retire"} {
		runCLI(t, "keys", sub, "--help").want(t, "keys "+sub+" --help", 0, "Usage: borderlink keys", "")
	}
	runCLI(t, "keys").want(t, "keys alone", 2, "", "Usage: borderlink keys")
}

// TestMissingKeyFile: a node without its key file makes one at start when
// nothing is sealed yet (a node initialised before treatment records), and
// otherwise starts with treatment records unavailable, figures still
// counted, and the key commands saying the file is missing.
func TestMissingKeyFile(t *testing.T) {
	dir := mustInitDemo(t)
	path := filepath.Join(dir, sealed.KeyFileName)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	withNode(t, dir, func(n *node.Node) {})
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file made at start: %v %v", fi, err)
	}

	officer := auth.Principal{Username: "hoa", Grants: []auth.Grant{{Role: auth.RoleTreatment, Unit: "VN-11"}}, Via: auth.ViaSession}
	var id string
	withNode(t, dir, func(n *node.Node) {
		r, err := n.Treatment.Register(context.Background(), officer, treatment.NewRecord{OwnerUnit: "VN-11-C001",
			Person: treatment.Person{Name: "Lầu Văn Chứ"}, Determination: &treatment.Determination{
				Date: borderlink.MustParseDate("2026-01-05"), Conclusion: treatment.ConclusionUser, By: "Trạm y tế xã"}})
		if err != nil {
			t.Fatal(err)
		}
		id = r.ID
	})
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	withNode(t, dir, func(n *node.Node) {
		_, err := n.Treatment.Record(context.Background(), officer, id)
		if !borderlink.IsCode(err, borderlink.EUnavailable) {
			t.Errorf("read without the key file: %v", err)
		}
		c, err := n.Treatment.Counts(context.Background(), officer, "VN-11")
		if err != nil || c.Open != 1 {
			t.Errorf("figures without the key file: %+v %v", c, err)
		}
	})
	if _, err := os.Stat(path); err == nil {
		t.Fatal("a key file was made over stored values")
	}
	runCLI(t, "keys", "status", "--data", dir).want(t, "status without the key file", 1, "", "no treatment key file")
}

package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindChromiumFromEnv(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "chromium")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain")
	if err := os.WriteFile(plain, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := findChromium(exe); err != nil || got != exe {
		t.Errorf("findChromium(%s) = %q, %v", exe, got, err)
	}
	// A variable set on purpose but wrong fails rather than skips.
	for _, bad := range []string{plain, dir, filepath.Join(dir, "missing")} {
		if _, err := findChromium(bad); err == nil || !strings.Contains(err.Error(), EnvVar) {
			t.Errorf("findChromium(%s): %v, want an error naming %s", bad, err, EnvVar)
		}
	}
}

func TestFindChromiumOnPath(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		t.Skip("/usr/bin/chromium exists and comes before PATH")
	}
	dir := t.TempDir()
	t.Setenv("PATH", dir)
	if got, err := findChromium(""); err != nil || got != "" {
		t.Errorf("with no browser: %q, %v; want \"\", nil", got, err)
	}
	exe := filepath.Join(dir, "chromium-browser")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := findChromium(""); err != nil || got != exe {
		t.Errorf("with %s: %q, %v", exe, got, err)
	}
}

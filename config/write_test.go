package config_test

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/config"
)

func TestWriteLoadRoundTrip(t *testing.T) {
	full := config.Config{
		NodeID:           "la.mps.bokeo",
		Country:          "LA",
		DataDir:          `C:\data\"borderlink"` + "\tທ່າເຮືອ",
		Listen:           "[::1]:8443",
		PublicURL:        "https://borderlink.example/ບໍ່ແກ້ວ?a=1&b=2",
		TLSCert:          "/etc/bl/web.crt",
		TLSKey:           "/etc/bl/web.key",
		Database:         "postgres://bl:p%40ss#word@db:5432/bl?sslmode=verify-full",
		FederationListen: ":7443",
		LogLevel:         "debug",
		LogFormat:        "text",
		SessionTTL:       90*time.Minute + 30*time.Second,
		SessionIdle:      1500 * time.Millisecond,
		MaxBodyBytes:     5 << 30,
		LoginMaxFailures: 3,
		Lockout:          2 * time.Hour,
		DefaultLang:      borderlink.LangLO,
	}
	for name, c := range map[string]config.Config{
		"defaults": config.Default(),
		"full":     full,
		"control":  {DataDir: "a\x01b\x7fc\r\n\f\b", LogLevel: "info"},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "borderlink.toml")
			if err := c.Write(path); err != nil {
				t.Fatal(err)
			}
			got, err := config.Load(path)
			if err != nil {
				b, _ := os.ReadFile(path)
				t.Fatalf("Load of written file: %v\n%s", err, b)
			}
			if got != c {
				t.Fatalf("round trip:\n got %+v\nwant %+v", got, c)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, want 0600", fi.Mode().Perm())
			}
		})
	}
}

func TestWriteReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "borderlink.toml")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := valid()
	if err := c.Write(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Durations read as people write them, every key has its comment.
	for _, want := range []string{`session_ttl = "12h"`, `session_idle = "30m"`, `lockout = "15m"`, "\n# id of this node"} {
		if !regexp.MustCompile(regexp.QuoteMeta(want)).Match(b) {
			t.Errorf("written file lacks %q:\n%s", want, b)
		}
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after replacing, want 0600", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("Write left %d files in the directory, want 1", len(entries))
	}
}

func TestWriteMissingDir(t *testing.T) {
	if err := valid().Write(filepath.Join(t.TempDir(), "no", "such", "dir.toml")); err == nil {
		t.Fatal("Write into a missing directory succeeded")
	}
}

// TestDocExample loads the complete example in docs/configuration.md.
func TestDocExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```toml\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/configuration.md has no ```toml example")
	}
	c := mustLoad(t, string(m[1]))
	if err := c.Validate(); err != nil {
		t.Fatalf("the documented example does not validate: %v", err)
	}
	if c.NodeID != "vn.mps" || c.SessionTTL != 12*time.Hour || c.FederationListen != "0.0.0.0:7443" {
		t.Fatalf("documented example loaded as %+v", c)
	}
}

package config_test

import (
	"errors"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/config"
)

// mustWriteFile writes a config file with the given text and returns its path.
func mustWriteFile(tb testing.TB, text string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "borderlink.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// mustLoad loads text as a config file.
func mustLoad(tb testing.TB, text string) config.Config {
	tb.Helper()
	c, err := config.Load(mustWriteFile(tb, text))
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return c
}

// env returns a getenv over m.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// wantInvalid checks that err is EInvalid with key config.invalid about field.
func wantInvalid(tb testing.TB, err error, field string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("got no error, want one about %s", field)
	}
	e := borderlink.AsError(err)
	if e.Code != borderlink.EInvalid || e.Key != "config.invalid" {
		tb.Fatalf("got %v (code %q, key %q), want code %q, key config.invalid", err, e.Code, e.Key, borderlink.EInvalid)
	}
	if len(e.Args) != 4 || e.Args[0] != "field" || e.Args[2] != "reason" {
		tb.Fatalf("args = %v, want field, <name>, reason, <text>", e.Args)
	}
	if e.Args[1] != field {
		tb.Fatalf("error is about %v (%v), want %s", e.Args[1], err, field)
	}
}

const sample = `
# a node
node_id = "la.mps"
country = "LA"
data_dir = "/srv/bl"
listen = "0.0.0.0:9000"
session_ttl = "8h"
session_idle = "45m"
max_body_bytes = 2048
default_lang = "lo"
`

func TestLoad(t *testing.T) {
	got := mustLoad(t, sample)
	want := config.Default()
	want.NodeID = "la.mps"
	want.Country = "LA"
	want.DataDir = "/srv/bl"
	want.Listen = "0.0.0.0:9000"
	want.SessionTTL = 8 * time.Hour
	want.SessionIdle = 45 * time.Minute
	want.MaxBodyBytes = 2048
	want.DefaultLang = borderlink.LangLO
	if got != want {
		t.Fatalf("Load:\n got %+v\nwant %+v", got, want)
	}
	if err := got.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
}

func TestDefault(t *testing.T) {
	c := config.Default()
	if c.Listen != "127.0.0.1:8080" || c.LogFormat != "json" || c.SessionTTL != 12*time.Hour ||
		c.SessionIdle != 30*time.Minute || c.MaxBodyBytes != 1<<20 || c.LoginMaxFailures != 10 ||
		c.Lockout != 15*time.Minute {
		t.Fatalf("Default() = %+v", c)
	}
	// Only the keys without a default are missing.
	wantInvalid(t, c.Validate(), "node_id")
	c.NodeID, c.Country, c.DataDir = "vn.mps", "VN", t.TempDir()
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate of defaults plus the required keys: %v", err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := config.Load(filepath.Join(t.TempDir(), "none.toml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Load of a missing file: %v, want fs.ErrNotExist", err)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, field, mention string
	}{
		{"unknown key", "node_id = \"vn.mps\"\nlisten_addr = \":80\"\n", "listen_addr", "listen_addr"},
		{"unknown table", "[web]\nlisten = \":80\"\n", "web", "web"},
		{"wrong type", "max_body_bytes = \"big\"\n", "max_body_bytes", "max_body_bytes"},
		{"number as duration", "session_ttl = 12\n", "session_ttl", "12h"},
		{"bad duration", "lockout = \"15 minutes\"\n", "lockout", "lockout"},
		{"syntax", "node_id = \"vn.mps\ncountry = \"VN\"\n", "node_id", "line 1"},
		{"syntax before any key", "= 3\n", "", "line 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := mustWriteFile(t, tc.text)
			_, err := config.Load(path)
			if tc.field == "" {
				tc.field = path
			}
			wantInvalid(t, err, tc.field)
			if !strings.Contains(err.Error(), tc.mention) {
				t.Fatalf("error %q does not mention %q", err, tc.mention)
			}
		})
	}
}

func TestApplyEnv(t *testing.T) {
	c := mustLoad(t, sample)
	err := c.ApplyEnv(env(map[string]string{
		"BORDERLINK_LISTEN":             "127.0.0.1:7000",
		"BORDERLINK_DATABASE_URL":       "postgres://bl@db:5432/bl",
		"BORDERLINK_SESSION_TTL":        "10h",
		"BORDERLINK_LOGIN_MAX_FAILURES": "5",
		"BORDERLINK_MAX_BODY_BYTES":     "4096",
		"BORDERLINK_DEFAULT_LANG":       "en",
		"BORDERLINK_LOG_LEVEL":          "", // empty counts as unset
		"LISTEN":                        "ignored",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != "127.0.0.1:7000" || c.DatabaseURL() != "postgres://bl@db:5432/bl" ||
		c.SessionTTL != 10*time.Hour || c.LoginMaxFailures != 5 || c.MaxBodyBytes != 4096 ||
		c.DefaultLang != borderlink.LangEN {
		t.Fatalf("after ApplyEnv: %+v", c)
	}
	if c.SessionIdle != 45*time.Minute || c.NodeID != "la.mps" || c.LogLevel != "info" {
		t.Fatalf("ApplyEnv changed keys it was not given: %+v", c)
	}
}

func TestApplyEnvErrors(t *testing.T) {
	for name, value := range map[string]string{
		"BORDERLINK_SESSION_IDLE":       "soon",
		"BORDERLINK_LOGIN_MAX_FAILURES": "ten",
		"BORDERLINK_MAX_BODY_BYTES":     "1MiB",
	} {
		c := config.Default()
		err := c.ApplyEnv(env(map[string]string{name: value}))
		wantInvalid(t, err, name)
	}
}

func TestPrecedence(t *testing.T) {
	c := mustLoad(t, sample+"log_level = \"warn\"\nlog_format = \"text\"\n")
	if err := c.ApplyEnv(env(map[string]string{
		"BORDERLINK_LISTEN":      "127.0.0.1:7000",
		"BORDERLINK_LOG_LEVEL":   "error",
		"BORDERLINK_SESSION_TTL": "10h",
	})); err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.BindFlags(fs)
	if err := fs.Parse([]string{"--listen", "127.0.0.1:6000", "--session-idle=1h", "--database-url", "sqlite:///tmp/x.db"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key       string
		got, want any
	}{
		{"listen: flag beats env and file", c.Listen, "127.0.0.1:6000"},
		{"session_idle: flag beats file", c.SessionIdle, time.Hour},
		{"database_url: flag beats default", c.DatabaseURL(), "sqlite:///tmp/x.db"},
		{"log_level: env beats file", c.LogLevel, "error"},
		{"session_ttl: env beats file", c.SessionTTL, 10 * time.Hour},
		{"log_format: file beats default", c.LogFormat, "text"},
		{"lockout: default", c.Lockout, 15 * time.Minute},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.key, tc.got, tc.want)
		}
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestBindFlagsBadValue(t *testing.T) {
	c := config.Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.BindFlags(fs)
	err := fs.Parse([]string{"--lockout", "forever"})
	if err == nil || !strings.Contains(err.Error(), "lockout") {
		t.Fatalf("Parse of a bad duration: %v", err)
	}
}

// TestEveryKey checks that each struct field has a TOML key, an environment
// variable and a flag, so that a new field cannot be half wired.
func TestEveryKey(t *testing.T) {
	c := config.Default()
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	c.BindFlags(fs)
	typ := reflect.TypeFor[config.Config]()
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n != typ.NumField() {
		t.Errorf("%d flags for %d fields", n, typ.NumField())
	}
	doc, err := os.ReadFile("../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	for i := range typ.NumField() {
		key := typ.Field(i).Tag.Get("toml")
		if key == "" {
			t.Errorf("field %s has no toml tag", typ.Field(i).Name)
			continue
		}
		if fs.Lookup(strings.ReplaceAll(key, "_", "-")) == nil {
			t.Errorf("key %s has no flag", key)
		}
		envVar := "BORDERLINK_" + strings.ToUpper(key)
		if !strings.Contains(string(doc), envVar) || !strings.Contains(string(doc), "\n"+key+" = ") {
			t.Errorf("docs/configuration.md does not document %s (%s) or its example lacks it", key, envVar)
		}
	}
}

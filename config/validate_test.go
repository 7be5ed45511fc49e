package config_test

import (
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/config"
)

// valid returns a configuration that passes Validate.
func valid() config.Config {
	c := config.Default()
	c.NodeID, c.Country, c.DataDir = "vn.mps", "VN", "/var/lib/borderlink"
	return c
}

func TestValidate(t *testing.T) {
	if err := valid().Validate(); err != nil {
		t.Fatalf("valid config: %v", err)
	}
	for _, tc := range []struct {
		name   string
		change func(*config.Config)
		field  string // "" when the change is valid
	}{
		{"no node id", func(c *config.Config) { c.NodeID = "" }, "node_id"},
		{"bad node id", func(c *config.Config) { c.NodeID = "VN MPS" }, "node_id"},
		{"lower-case country", func(c *config.Config) { c.Country = "vn" }, "country"},
		{"no country", func(c *config.Config) { c.Country = "" }, "country"},
		{"no data dir", func(c *config.Config) { c.DataDir = " " }, "data_dir"},
		{"listen without port", func(c *config.Config) { c.Listen = "127.0.0.1" }, "listen"},
		{"listen port only", func(c *config.Config) { c.Listen = ":8443" }, ""},
		{"listen port 0", func(c *config.Config) { c.Listen = "127.0.0.1:0" }, ""},
		{"listen port too big", func(c *config.Config) { c.Listen = "127.0.0.1:70000" }, "listen"},
		{"listen port named", func(c *config.Config) { c.Listen = "localhost:http" }, "listen"},
		{"relative public url", func(c *config.Config) { c.PublicURL = "borderlink.gov.vn" }, "public_url"},
		{"ftp public url", func(c *config.Config) { c.PublicURL = "ftp://borderlink.gov.vn" }, "public_url"},
		{"https public url", func(c *config.Config) { c.PublicURL = "https://borderlink.gov.vn/" }, ""},
		{"cert without key", func(c *config.Config) { c.TLSCert = "web.crt" }, "tls_key"},
		{"key without cert", func(c *config.Config) { c.TLSKey = "web.key" }, "tls_cert"},
		{"cert and key", func(c *config.Config) { c.TLSCert, c.TLSKey = "web.crt", "web.key" }, ""},
		{"mysql", func(c *config.Config) { c.Database = "mysql://db/bl" }, "database_url"},
		{"sqlite without path", func(c *config.Config) { c.Database = "sqlite://" }, "database_url"},
		{"sqlite path", func(c *config.Config) { c.Database = "sqlite:///srv/bl.db" }, ""},
		{"postgres", func(c *config.Config) { c.Database = "postgres://bl:secret@db:5432/bl?sslmode=require" }, ""},
		{"postgresql", func(c *config.Config) { c.Database = "postgresql://db/bl" }, ""},
		{"postgres without host", func(c *config.Config) { c.Database = "postgres:///bl" }, "database_url"},
		{"postgres socket", func(c *config.Config) { c.Database = "postgres:///bl?host=/run/postgresql" }, ""},
		{"federation bad", func(c *config.Config) { c.FederationListen = "7443" }, "federation_listen"},
		{"federation same as listen", func(c *config.Config) { c.FederationListen = c.Listen }, "federation_listen"},
		{"federation", func(c *config.Config) { c.FederationListen = ":7443" }, ""},
		{"log level", func(c *config.Config) { c.LogLevel = "verbose" }, "log_level"},
		{"log format", func(c *config.Config) { c.LogFormat = "xml" }, "log_format"},
		{"zero ttl", func(c *config.Config) { c.SessionTTL = 0 }, "session_ttl"},
		{"negative idle", func(c *config.Config) { c.SessionIdle = -time.Minute }, "session_idle"},
		{"idle over ttl", func(c *config.Config) { c.SessionIdle = 13 * time.Hour }, "session_idle"},
		{"zero body", func(c *config.Config) { c.MaxBodyBytes = 0 }, "max_body_bytes"},
		{"zero failures", func(c *config.Config) { c.LoginMaxFailures = 0 }, "login_max_failures"},
		{"zero lockout", func(c *config.Config) { c.Lockout = 0 }, "lockout"},
		{"unknown language", func(c *config.Config) { c.DefaultLang = "th" }, "default_lang"},
		{"language with region", func(c *config.Config) { c.DefaultLang = "lo-LA" }, "default_lang"},
		{"lao", func(c *config.Config) { c.DefaultLang = borderlink.LangLO }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := valid()
			tc.change(&c)
			err := c.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			wantInvalid(t, err, tc.field)
		})
	}
}

func TestDatabaseURL(t *testing.T) {
	c := valid()
	if got, want := c.DatabaseURL(), "sqlite:///var/lib/borderlink/borderlink.db"; got != want {
		t.Errorf("default DatabaseURL() = %q, want %q", got, want)
	}
	c.Database = "postgres://postgres@127.0.0.1:5432/bl"
	if got := c.DatabaseURL(); got != c.Database {
		t.Errorf("DatabaseURL() = %q, want %q", got, c.Database)
	}
}

func TestLangAndHTTPS(t *testing.T) {
	c := valid()
	if c.Lang() != borderlink.LangVI || c.HTTPS() {
		t.Errorf("VN node: Lang() = %q, HTTPS() = %v", c.Lang(), c.HTTPS())
	}
	c.Country = "LA"
	if c.Lang() != borderlink.LangLO {
		t.Errorf("LA node: Lang() = %q", c.Lang())
	}
	c.Country = "KH"
	if c.Lang() != borderlink.LangEN {
		t.Errorf("KH node: Lang() = %q", c.Lang())
	}
	c.DefaultLang = borderlink.LangVI
	c.TLSCert, c.TLSKey = "a", "b"
	if c.Lang() != borderlink.LangVI || !c.HTTPS() {
		t.Errorf("Lang() = %q, HTTPS() = %v", c.Lang(), c.HTTPS())
	}
}

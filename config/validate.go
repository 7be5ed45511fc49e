package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
)

// invalid returns the error for a bad value of field (a TOML key, or the
// environment variable it came from), with reason in English.
func invalid(field, reason string) *borderlink.Error {
	return borderlink.Errorf(borderlink.EInvalid, "config.invalid",
		fmt.Sprintf("configuration: %s: %s", field, reason),
		"field", field, "reason", reason)
}

var countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)

// Validate checks c as a whole, once the file, the environment and the flags
// have all been applied. It returns nil, or EInvalid with the catalogue key
// config.invalid and the arguments "field" (the TOML key) and "reason" (in
// English) for the first problem found, in the order of the keys in
// docs/configuration.md.
func (c Config) Validate() error {
	if c.NodeID == "" {
		return invalid("node_id", "required")
	}
	if err := c.NodeID.Validate(); err != nil {
		return invalid("node_id", "lower-case letters, digits, dots and hyphens, starting with a letter, such as vn.mps")
	}
	if !countryPattern.MatchString(c.Country) {
		return invalid("country", "two capital letters (ISO 3166-1 alpha-2), such as VN or LA")
	}
	if strings.TrimSpace(c.DataDir) == "" {
		return invalid("data_dir", "required")
	}
	if err := checkAddr(c.Listen); err != nil {
		return invalid("listen", err.Error())
	}
	if c.PublicURL != "" {
		u, err := url.Parse(c.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return invalid("public_url", "an absolute http:// or https:// URL")
		}
	}
	if c.TLSCert != "" && c.TLSKey == "" {
		return invalid("tls_key", "required when tls_cert is set")
	}
	if c.TLSKey != "" && c.TLSCert == "" {
		return invalid("tls_cert", "required when tls_key is set")
	}
	if err := checkDatabase(c.Database); err != nil {
		return invalid("database_url", err.Error())
	}
	if c.FederationListen != "" {
		if err := checkAddr(c.FederationListen); err != nil {
			return invalid("federation_listen", err.Error())
		}
		if c.FederationListen == c.Listen {
			return invalid("federation_listen", "must differ from listen")
		}
	}
	if !slices.Contains([]string{"debug", "info", "warn", "error"}, c.LogLevel) {
		return invalid("log_level", "one of debug, info, warn, error")
	}
	if !slices.Contains([]string{"json", "text"}, c.LogFormat) {
		return invalid("log_format", "one of json, text")
	}
	if c.SessionTTL <= 0 {
		return invalid("session_ttl", "must be positive")
	}
	if c.SessionIdle <= 0 {
		return invalid("session_idle", "must be positive")
	}
	if c.SessionIdle > c.SessionTTL {
		return invalid("session_idle", "must not be longer than session_ttl")
	}
	if c.MaxBodyBytes <= 0 {
		return invalid("max_body_bytes", "must be positive")
	}
	if c.LoginMaxFailures < 1 {
		return invalid("login_max_failures", "must be at least 1")
	}
	if c.Lockout <= 0 {
		return invalid("lockout", "must be positive")
	}
	for _, d := range []struct {
		key string
		v   time.Duration
	}{{"deadline_flash", c.DeadlineFlash}, {"deadline_urgent", c.DeadlineUrgent}, {"deadline_routine", c.DeadlineRoutine}} {
		if d.v < time.Minute {
			return invalid(d.key, "must be at least 1m")
		}
	}
	if !(c.DeadlineFlash <= c.DeadlineUrgent && c.DeadlineUrgent <= c.DeadlineRoutine) {
		return invalid("deadline_urgent", "deadlines must not shrink as priority falls: flash ≤ urgent ≤ routine")
	}
	if c.TranslateURL != "" {
		if u, err := url.Parse(c.TranslateURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return invalid("translate_url", "an http:// or https:// URL")
		}
	}
	if c.TranslateTimeout <= 0 {
		return invalid("translate_timeout", "must be positive")
	}
	if c.DefaultLang != "" && !slices.Contains(borderlink.Langs, c.DefaultLang) {
		return invalid("default_lang", "one of vi, lo, en, or empty for the country's language")
	}
	return nil
}

// checkAddr accepts host:port with a numeric port; the host may be empty
// (every interface) and the port 0 (any free port).
func checkAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("host:port such as 127.0.0.1:8080, not %q", addr)
	}
	if n, err := strconv.ParseUint(port, 10, 16); err != nil || n > 65535 {
		return fmt.Errorf("port must be a number from 0 to 65535, not %q", port)
	}
	return nil
}

// checkDatabase accepts "", a PostgreSQL URL or sqlite:// followed by a path.
func checkDatabase(s string) error {
	switch {
	case s == "":
		return nil
	case strings.HasPrefix(s, SQLiteScheme):
		if strings.TrimPrefix(s, SQLiteScheme) == "" {
			return fmt.Errorf("sqlite:// needs a file path, such as sqlite:///var/lib/borderlink/borderlink.db")
		}
		return nil
	case strings.HasPrefix(s, PostgresScheme), strings.HasPrefix(s, "postgresql://"):
		u, err := url.Parse(s)
		if err != nil {
			return fmt.Errorf("not a valid PostgreSQL URL")
		}
		if u.Host == "" && u.Query().Get("host") == "" {
			return fmt.Errorf("the PostgreSQL URL names no host")
		}
		return nil
	}
	return fmt.Errorf("empty, postgres://… or sqlite://<path>")
}

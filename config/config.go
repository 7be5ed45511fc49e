// Package config is a node's configuration: a TOML file, overridden by
// BORDERLINK_* environment variables, overridden in turn by command-line flags.
//
// The usual sequence is
//
//	c, err := config.Load(path)    // Default() overlaid with the file
//	err = c.ApplyEnv(os.Getenv)    // BORDERLINK_<KEY> beats the file
//	c.BindFlags(fs); fs.Parse(args) // a flag beats the environment
//	err = c.Validate()
//
// so the precedence is flag > environment > file > default. Nothing in this
// package reads the process environment or a global: callers pass what it
// needs. docs/configuration.md documents every key.
package config

import (
	"path/filepath"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
)

// Config is the configuration of one node. The TOML key of each field is
// given in its tag; the environment variable is BORDERLINK_ followed by the
// key in upper case, and the flag is the key with hyphens for underscores.
type Config struct {
	NodeID  borderlink.NodeID `toml:"node_id"` // required, e.g. "vn.mps"
	Country string            `toml:"country"` // required, ISO 3166-1 alpha-2: "VN", "LA"
	DataDir string            `toml:"data_dir"`

	Listen    string `toml:"listen"`     // web UI and JSON API, host:port
	PublicURL string `toml:"public_url"` // how users reach the node; used in links; optional
	TLSCert   string `toml:"tls_cert"`   // with TLSKey: serve HTTPS, Secure cookies
	TLSKey    string `toml:"tls_key"`

	// Database is database_url as written: empty for the SQLite file in
	// DataDir, "postgres://…" or "sqlite://<path>". Use the DatabaseURL
	// method, which resolves the empty default.
	Database string `toml:"database_url"`

	FederationListen string `toml:"federation_listen"` // mutual-TLS peer listener; empty disables

	LogLevel  string `toml:"log_level"`  // debug, info, warn, error
	LogFormat string `toml:"log_format"` // json, text

	SessionTTL       time.Duration `toml:"session_ttl"`        // a session ends this long after login
	SessionIdle      time.Duration `toml:"session_idle"`       // or after this long without a request
	MaxBodyBytes     int64         `toml:"max_body_bytes"`     // largest accepted request body
	LoginMaxFailures int           `toml:"login_max_failures"` // failed logins before a lock-out
	Lockout          time.Duration `toml:"lockout"`            // how long a lock-out lasts

	// DefaultLang is the language shown before a user chooses one; empty
	// means the country's language (see Lang).
	DefaultLang borderlink.Lang `toml:"default_lang"`

	// Acknowledgement deadlines of hotline messages by priority; a message
	// not acknowledged in time alerts the parent units of both sides.
	DeadlineFlash   time.Duration `toml:"deadline_flash"`
	DeadlineUrgent  time.Duration `toml:"deadline_urgent"`
	DeadlineRoutine time.Duration `toml:"deadline_routine"`

	// Machine translation of incoming messages: empty TranslateURL uses the
	// built-in glossary only; otherwise a LibreTranslate-compatible service
	// on the ministry network is asked first (docs/translation.md).
	TranslateURL     string        `toml:"translate_url"`
	TranslateAPIKey  string        `toml:"translate_api_key"`
	TranslateTimeout time.Duration `toml:"translate_timeout"`
}

// Defaults of the keys that have one.
const (
	DefaultListen           = "127.0.0.1:8080"
	DefaultLogLevel         = "info"
	DefaultLogFormat        = "json"
	DefaultSessionTTL       = 12 * time.Hour
	DefaultSessionIdle      = 30 * time.Minute
	DefaultMaxBodyBytes     = 1 << 20
	DefaultLoginMaxFailures = 10
	DefaultLockout          = 15 * time.Minute
	DefaultDeadlineFlash    = 15 * time.Minute
	DefaultDeadlineUrgent   = 2 * time.Hour
	DefaultDeadlineRoutine  = 24 * time.Hour
	DefaultTranslateTimeout = 10 * time.Second
)

// DatabaseFile is the SQLite file inside the data directory used when
// database_url is empty.
const DatabaseFile = "borderlink.db"

// Default returns the configuration before any file, variable or flag is
// applied. It does not validate: node_id, country and data_dir have no
// default.
func Default() Config {
	return Config{
		Listen:           DefaultListen,
		LogLevel:         DefaultLogLevel,
		LogFormat:        DefaultLogFormat,
		SessionTTL:       DefaultSessionTTL,
		SessionIdle:      DefaultSessionIdle,
		MaxBodyBytes:     DefaultMaxBodyBytes,
		LoginMaxFailures: DefaultLoginMaxFailures,
		Lockout:          DefaultLockout,
		DeadlineFlash:    DefaultDeadlineFlash,
		DeadlineUrgent:   DefaultDeadlineUrgent,
		DeadlineRoutine:  DefaultDeadlineRoutine,
		TranslateTimeout: DefaultTranslateTimeout,
	}
}

// DatabaseURL returns the database to open: database_url when set, otherwise
// "sqlite://" followed by data_dir/borderlink.db. Everything after
// "sqlite://" is a file path, so an absolute path gives three slashes.
func (c Config) DatabaseURL() string {
	if c.Database != "" {
		return c.Database
	}
	return SQLiteScheme + filepath.Join(c.DataDir, DatabaseFile)
}

// URL schemes database_url accepts.
const (
	SQLiteScheme   = "sqlite://"
	PostgresScheme = "postgres://"
)

// HTTPS reports whether the web UI is served over TLS (both tls_cert and
// tls_key are set); its session cookies are then Secure.
func (c Config) HTTPS() bool { return c.TLSCert != "" && c.TLSKey != "" }

// Lang returns the default language of the interface: default_lang when set,
// otherwise the language of the node's country, English for other countries.
func (c Config) Lang() borderlink.Lang {
	if c.DefaultLang != "" {
		return c.DefaultLang
	}
	switch strings.ToUpper(c.Country) {
	case "VN":
		return borderlink.LangVI
	case "LA":
		return borderlink.LangLO
	}
	return borderlink.LangEN
}

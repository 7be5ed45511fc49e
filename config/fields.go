package config

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
)

// field is one configuration key. The table below is the single list of keys
// that Load, the environment, the flags and Write walk; the struct tags
// document the same keys, and a test checks that the two agree.
type field struct {
	key   string            // TOML key, e.g. "session_ttl"
	usage string            // one line, for flag help and the comment Write puts above the key
	ptr   func(*Config) any // the field in c: *string, *int, *int64, *time.Duration, *NodeID or *Lang
}

var fields = []field{
	{"node_id", "id of this node, e.g. vn.mps (required)", func(c *Config) any { return &c.NodeID }},
	{"country", "country of this node, ISO 3166-1 alpha-2: VN, LA (required)", func(c *Config) any { return &c.Country }},
	{"data_dir", "directory of the node's keys, certificate and SQLite database (required)", func(c *Config) any { return &c.DataDir }},
	{"listen", "host:port of the web interface and JSON API", func(c *Config) any { return &c.Listen }},
	{"public_url", "URL users reach the node at, used in links (optional)", func(c *Config) any { return &c.PublicURL }},
	{"tls_cert", "PEM certificate file; with tls_key the web interface is served over HTTPS", func(c *Config) any { return &c.TLSCert }},
	{"tls_key", "PEM private key file of tls_cert", func(c *Config) any { return &c.TLSKey }},
	{"database_url", "empty for data_dir/borderlink.db, postgres://… or sqlite://<path>", func(c *Config) any { return &c.Database }},
	{"federation_listen", "host:port of the mutual-TLS listener for peer nodes; empty disables", func(c *Config) any { return &c.FederationListen }},
	{"log_level", "debug, info, warn or error", func(c *Config) any { return &c.LogLevel }},
	{"log_format", "json or text", func(c *Config) any { return &c.LogFormat }},
	{"session_ttl", "a session ends this long after login (Go duration: 12h, 90m)", func(c *Config) any { return &c.SessionTTL }},
	{"session_idle", "a session ends after this long without a request", func(c *Config) any { return &c.SessionIdle }},
	{"max_body_bytes", "largest request body accepted, in bytes", func(c *Config) any { return &c.MaxBodyBytes }},
	{"login_max_failures", "failed logins in a row before an account is locked", func(c *Config) any { return &c.LoginMaxFailures }},
	{"lockout", "how long a locked account waits", func(c *Config) any { return &c.Lockout }},
	{"default_lang", "language before a user chooses one: vi, lo or en; empty for the country's", func(c *Config) any { return &c.DefaultLang }},
	{"deadline_flash", "time to acknowledge a FLASH hotline message before commanders are alerted", func(c *Config) any { return &c.DeadlineFlash }},
	{"deadline_urgent", "time to acknowledge an URGENT hotline message", func(c *Config) any { return &c.DeadlineUrgent }},
	{"deadline_routine", "time to acknowledge a ROUTINE hotline message", func(c *Config) any { return &c.DeadlineRoutine }},
	{"translate_url", "LibreTranslate-compatible service for machine translation; empty: built-in glossary only", func(c *Config) any { return &c.TranslateURL }},
	{"translate_api_key", "API key of the translation service (optional; never logged)", func(c *Config) any { return &c.TranslateAPIKey }},
	{"translate_timeout", "how long one translation may take", func(c *Config) any { return &c.TranslateTimeout }},
}

// EnvPrefix starts the name of every environment variable that overrides a
// key: BORDERLINK_LISTEN overrides listen.
const EnvPrefix = "BORDERLINK_"

func (f field) env() string  { return EnvPrefix + strings.ToUpper(f.key) }
func (f field) flag() string { return strings.ReplaceAll(f.key, "_", "-") }

// set parses s into the field of c. Durations are Go durations ("12h");
// numbers are decimal integers.
func (f field) set(c *Config, s string) error {
	switch p := f.ptr(c).(type) {
	case *string:
		*p = s
	case *borderlink.NodeID:
		*p = borderlink.NodeID(s)
	case *borderlink.Lang:
		*p = borderlink.Lang(s)
	case *time.Duration:
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("not a duration such as 12h or 30m: %q", s)
		}
		*p = d
	case *int:
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("not a whole number: %q", s)
		}
		*p = n
	case *int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("not a whole number: %q", s)
		}
		*p = n
	default:
		panic(fmt.Sprintf("config: field %s has unsupported type %T", f.key, p))
	}
	return nil
}

// get formats the field of c the way set parses it.
func (f field) get(c *Config) string {
	switch p := f.ptr(c).(type) {
	case *string:
		return *p
	case *borderlink.NodeID:
		return string(*p)
	case *borderlink.Lang:
		return string(*p)
	case *time.Duration:
		return formatDuration(*p)
	case *int:
		return strconv.Itoa(*p)
	case *int64:
		return strconv.FormatInt(*p, 10)
	}
	panic(fmt.Sprintf("config: field %s has unsupported type %T", f.key, f.ptr(c)))
}

// isText reports whether the field is written as a TOML string.
func (f field) isText(c *Config) bool {
	switch f.ptr(c).(type) {
	case *int, *int64:
		return false
	}
	return true
}

// ApplyEnv overrides each key whose variable BORDERLINK_<KEY> is set to a
// non-empty value; getenv is usually os.Getenv. A variable that does not
// parse gives EInvalid (key config.invalid) naming the variable, and leaves c
// partly updated. ApplyEnv does not validate.
func (c *Config) ApplyEnv(getenv func(string) string) error {
	for _, f := range fields {
		v := getenv(f.env())
		if v == "" {
			continue
		}
		if err := f.set(c, v); err != nil {
			return invalid(f.env(), err.Error())
		}
	}
	return nil
}

// BindFlags registers on fs one flag per key (--listen, --database-url,
// --session-ttl …) that writes into c when fs is parsed. Call it after Load
// and ApplyEnv so that a flag given on the command line beats both; a flag not
// given leaves the value as it is. The help shows the value at the time of
// the call as the default.
func (c *Config) BindFlags(fs *flag.FlagSet) {
	for _, f := range fields {
		fs.Var(flagValue{f, c}, f.flag(), f.usage)
	}
}

// flagValue is a flag.Value bound to one key of a Config.
type flagValue struct {
	f field
	c *Config
}

func (v flagValue) String() string {
	if v.c == nil { // the flag package calls String on a zero value
		return ""
	}
	return v.f.get(v.c)
}

func (v flagValue) Set(s string) error { return v.f.set(v.c, s) }

package translate

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Defaults of Config.
const (
	DefaultTimeout          = 10 * time.Second
	DefaultMaxChars         = 5000
	DefaultMaxResponseBytes = 1 << 20
)

// Config selects and configures the translators of a node (configuration
// keys translate_url, translate_api_key and translate_timeout; see
// docs/translation.md).
type Config struct {
	// URL is the base URL of a LibreTranslate-compatible service, such as
	// "https://mt.mps.example:5000"; requests go to URL + "/translate".
	// Empty: the node translates with the glossary alone.
	URL string
	// APIKey is sent to the service with each request when not empty. It
	// never appears in errors or logs.
	APIKey string
	// Timeout bounds one translation by the service, all its requests
	// together (DefaultTimeout when 0). When it passes, a Chain moves on
	// to the glossary.
	Timeout time.Duration
	// MaxChars is the longest text sent in one request, in characters
	// (DefaultMaxChars when 0); longer texts are split between sentences.
	// Keep it at or below the service's own character limit.
	MaxChars int
	// MaxResponseBytes bounds the answer read from the service
	// (DefaultMaxResponseBytes when 0).
	MaxResponseBytes int64
	// Client makes the HTTP requests (for a private CA, a proxy); nil
	// uses a client of the adapter's own. Redirects are never followed.
	Client *http.Client
	// Logger is told when a translator fails and the next one is tried;
	// nil discards.
	Logger *slog.Logger
}

// New returns the translator cfg asks for: the built-in glossary when
// cfg.URL is empty, otherwise a Chain that asks the LibreTranslate service
// first and falls back to the glossary when the service fails. It fails
// when cfg is not valid (a URL that is not http or https, a negative
// limit).
func New(cfg Config) (Translator, error) {
	g, err := NewGlossary()
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(cfg.URL) == "" {
		return g, nil
	}
	lt, err := NewLibreTranslate(cfg)
	if err != nil {
		return nil, err
	}
	return &Chain{Translators: []Translator{lt, g}, Logger: cfg.Logger}, nil
}

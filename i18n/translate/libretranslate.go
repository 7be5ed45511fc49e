package translate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/borderlink/borderlink"
)

// LibreTranslate asks a self-hosted machine-translation service with a
// LibreTranslate-compatible API: POST {URL}/translate with the JSON body
// {"q", "source", "target", "format": "text", "api_key"} answered by
// {"translatedText"}, or by {"error"} with an HTTP error status. The
// language codes are BorderLink's: vi, lo, en.
//
// Texts longer than Config.MaxChars are sent in pieces cut between
// sentences; the white space around each piece is kept as written. A
// translation (all its requests) is bounded by Config.Timeout, and each
// answer by Config.MaxResponseBytes. The API key is never part of an
// error, a log line or the adapter's String form.
//
// A LibreTranslate is safe for concurrent use.
type LibreTranslate struct {
	endpoint string // base URL + "/translate"
	apiKey   string
	timeout  time.Duration
	maxChars int
	maxResp  int64
	client   *http.Client
}

// NewLibreTranslate returns an adapter for the service at cfg.URL.
func NewLibreTranslate(cfg Config) (*LibreTranslate, error) {
	base, err := parseServiceURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	if cfg.Timeout < 0 || cfg.MaxChars < 0 || cfg.MaxResponseBytes < 0 {
		return nil, fmt.Errorf("translate: timeout, character and response limits must not be negative")
	}
	l := &LibreTranslate{
		endpoint: base + "/translate",
		apiKey:   cfg.APIKey,
		timeout:  cfg.Timeout,
		maxChars: cfg.MaxChars,
		maxResp:  cfg.MaxResponseBytes,
	}
	if l.timeout == 0 {
		l.timeout = DefaultTimeout
	}
	if l.maxChars == 0 {
		l.maxChars = DefaultMaxChars
	}
	if l.maxResp == 0 {
		l.maxResp = DefaultMaxResponseBytes
	}
	var c http.Client
	if cfg.Client != nil {
		c = *cfg.Client
	}
	// A redirect would send the request (and the API key in its body)
	// somewhere not configured; an answer of 3xx is an error instead.
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	l.client = &c
	return l, nil
}

// parseServiceURL checks the base URL of the service and returns it
// without a trailing slash.
func parseServiceURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("translate: service URL is not a URL")
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("translate: service URL %q must start with http:// or https://", u.Redacted())
	case u.Host == "":
		return "", fmt.Errorf("translate: service URL %q has no host", u.Redacted())
	case u.User != nil:
		return "", fmt.Errorf("translate: service URL %q must not hold credentials; set the API key instead", u.Redacted())
	case u.RawQuery != "" || u.Fragment != "":
		return "", fmt.Errorf("translate: service URL %q must not have a query or fragment", u.Redacted())
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// Name returns the engine name, "libretranslate".
func (l *LibreTranslate) Name() string { return EngineLibreTranslate }

// String describes the adapter without its API key.
func (l *LibreTranslate) String() string {
	return fmt.Sprintf("libretranslate at %s (api key set: %t)", l.endpoint, l.apiKey != "")
}

// LogValue describes the adapter in logs without its API key.
func (l *LibreTranslate) LogValue() slog.Value {
	return slog.GroupValue(slog.String("engine", EngineLibreTranslate), slog.String("endpoint", l.endpoint),
		slog.Bool("api_key_set", l.apiKey != ""), slog.Duration("timeout", l.timeout))
}

// Translate implements Translator.
func (l *LibreTranslate) Translate(ctx context.Context, text string, from, to borderlink.Lang) (string, string, error) {
	req, err := check(text, from, to)
	if err != nil {
		return "", "", err
	}
	if req.trivial {
		return text, EngineLibreTranslate, nil
	}
	pieces := splitText(req.text, l.maxChars)
	tctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	var b strings.Builder
	b.Grow(len(text) * 2)
	for i, p := range pieces {
		lead, core, trail := trimSpace(p)
		b.WriteString(lead)
		if core != "" {
			out, err := l.translate(ctx, tctx, core, req.from, req.to)
			if err != nil {
				if len(pieces) > 1 {
					err.Message += fmt.Sprintf(" (piece %d of %d)", i+1, len(pieces))
				}
				return "", "", err
			}
			b.WriteString(out)
		}
		b.WriteString(trail)
	}
	return b.String(), EngineLibreTranslate, nil
}

// ltRequest is the body of POST /translate.
type ltRequest struct {
	Q      string `json:"q"`
	Source string `json:"source"`
	Target string `json:"target"`
	Format string `json:"format"`
	APIKey string `json:"api_key,omitempty"`
}

// ltResponse is the answer of POST /translate.
type ltResponse struct {
	TranslatedText *string `json:"translatedText"`
	Error          string  `json:"error"`
}

// translate sends one piece of text. ctx is the caller's context, tctx
// the same bounded by the translation's timeout.
func (l *LibreTranslate) translate(ctx, tctx context.Context, q string, from, to borderlink.Lang) (string, *borderlink.Error) {
	body, err := json.Marshal(ltRequest{Q: q, Source: string(from), Target: string(to), Format: "text", APIKey: l.apiKey})
	if err != nil {
		return "", errUnavailable("translate: libretranslate: encode request", err)
	}
	hreq, err := http.NewRequestWithContext(tctx, http.MethodPost, l.endpoint, bytes.NewReader(body))
	if err != nil {
		return "", errUnavailable("translate: libretranslate: build request", err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "application/json")
	hreq.Header.Set("User-Agent", "BorderLink")

	resp, err := l.client.Do(hreq)
	if err != nil {
		return "", l.transportError(ctx, tctx, "request failed", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, l.maxResp+1))
	if err != nil {
		return "", l.transportError(ctx, tctx, "reading the answer failed", err)
	}
	if int64(len(data)) > l.maxResp {
		return "", errUnavailable(fmt.Sprintf("translate: libretranslate: answer is larger than %d bytes", l.maxResp), nil)
	}
	if resp.StatusCode != http.StatusOK {
		se := &ServiceError{Status: resp.StatusCode, Message: l.serviceMessage(data)}
		return "", &borderlink.Error{Code: se.code(), Key: "error." + se.code(),
			Message: "translate: libretranslate refused the request", Err: se}
	}
	var out ltResponse
	if err := json.Unmarshal(data, &out); err != nil {
		return "", errUnavailable("translate: libretranslate: malformed answer (not the expected JSON)", nil)
	}
	if out.TranslatedText == nil {
		if msg := l.sanitize(out.Error); msg != "" {
			return "", errUnavailable("translate: libretranslate: "+msg, nil)
		}
		return "", errUnavailable("translate: libretranslate: malformed answer (no translatedText)", nil)
	}
	t := *out.TranslatedText
	if err := checkText(t); err != nil {
		return "", errUnavailable("translate: libretranslate: malformed answer (control characters or invalid UTF-8)", nil)
	}
	if strings.TrimSpace(t) == "" {
		return "", errUnavailable("translate: libretranslate: empty translation", nil)
	}
	return norm.NFC.String(t), nil
}

// transportError explains a failed exchange with the service: the caller's
// context ctx ended, the translation's timeout (tctx) passed, or the
// service could not be reached.
func (l *LibreTranslate) transportError(ctx, tctx context.Context, what string, err error) *borderlink.Error {
	switch {
	case ctx.Err() != nil:
		return errUnavailable("translate: libretranslate: "+ctx.Err().Error(), ctx.Err())
	case tctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
		return errUnavailable(fmt.Sprintf("translate: libretranslate: no answer within %s", l.timeout), context.DeadlineExceeded)
	}
	return errUnavailable("translate: libretranslate: "+what+": "+l.redact(err.Error()), nil)
}

// serviceMessage returns the "error" text of an error answer, if it has
// one.
func (l *LibreTranslate) serviceMessage(data []byte) string {
	var out ltResponse
	if json.Unmarshal(data, &out) != nil {
		return ""
	}
	return l.sanitize(out.Error)
}

// maxServiceMessage bounds the text kept from a service's error message.
const maxServiceMessage = 200

// sanitize makes a message from the service fit for an error: one line of
// printable text, at most maxServiceMessage characters, without the API key.
func (l *LibreTranslate) sanitize(msg string) string {
	msg = strings.ToValidUTF8(msg, "?")
	msg = strings.Join(strings.FieldsFunc(msg, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	msg = l.redact(msg)
	if utf8.RuneCountInString(msg) > maxServiceMessage {
		msg = string([]rune(msg)[:maxServiceMessage]) + "…"
	}
	return msg
}

// redact removes the API key from s.
func (l *LibreTranslate) redact(s string) string {
	if l.apiKey == "" {
		return s
	}
	return strings.ReplaceAll(s, l.apiKey, "[api key]")
}

// ServiceError is an HTTP error answer of a translation service: its status
// and the message it gave, if any. It is the cause (Err) of the
// *borderlink.Error that LibreTranslate.Translate returns.
type ServiceError struct {
	Status  int
	Message string
}

func (e *ServiceError) Error() string {
	s := fmt.Sprintf("HTTP %d", e.Status)
	if t := http.StatusText(e.Status); t != "" {
		s += " " + t
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// code is the borderlink error code for the status: the service found the
// request invalid (400: a language pair it lacks, for one), too large (413),
// or could not serve it (everything else, including a refused API key).
func (e *ServiceError) code() string {
	switch e.Status {
	case http.StatusBadRequest:
		return borderlink.EInvalid
	case http.StatusRequestEntityTooLarge:
		return borderlink.ETooLarge
	}
	return borderlink.EUnavailable
}

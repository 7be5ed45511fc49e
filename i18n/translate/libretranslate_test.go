package translate_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n/translate"
)

// The translation service cannot run here, so these tests talk to a local
// server that implements its API: POST /translate with a JSON body
// {q, source, target, format, api_key} answered by {translatedText}, or by
// {error} with an error status, as LibreTranslate does.

const testKey = "s3cr3t-api-key"

type serviceOptions struct {
	apiKey    string   // the key the service requires; "" accepts requests without one
	langs     []string // the languages the service has; nil: vi, lo, en
	charLimit int      // longest q accepted (LibreTranslate's --char-limit); 0: no limit
}

// serviceRequest is a request as the test service received it.
type serviceRequest struct {
	Q      string  `json:"q"`
	Source string  `json:"source"`
	Target string  `json:"target"`
	Format string  `json:"format"`
	APIKey *string `json:"api_key"`
}

type service struct {
	*httptest.Server
	calls atomic.Int32
	mu    sync.Mutex
	reqs  []serviceRequest
}

func (s *service) requests() []serviceRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]serviceRequest(nil), s.reqs...)
}

// newServiceForTest starts a LibreTranslate-compatible test service. Its
// translation of q into a language xx is "[xx] " + q.
func newServiceForTest(t *testing.T, o serviceOptions) (*service, *atomic.Int32) {
	t.Helper()
	if o.langs == nil {
		o.langs = []string{"vi", "lo", "en"}
	}
	s := &service{}
	fail := func(w http.ResponseWriter, status int, msg string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
	}
	has := func(l string) bool {
		for _, x := range o.langs {
			if x == l {
				return true
			}
		}
		return false
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.calls.Add(1)
		switch {
		case r.URL.Path != "/translate" && !strings.HasSuffix(r.URL.Path, "/translate"):
			fail(w, http.StatusNotFound, "Not Found")
			return
		case r.Method != http.MethodPost:
			fail(w, http.StatusMethodNotAllowed, "Method Not Allowed")
			return
		case r.Header.Get("Content-Type") != "application/json":
			fail(w, http.StatusBadRequest, "Invalid request: expected JSON")
			return
		}
		var req serviceRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			fail(w, http.StatusBadRequest, "Invalid request: malformed JSON")
			return
		}
		s.mu.Lock()
		s.reqs = append(s.reqs, req)
		s.mu.Unlock()
		switch {
		case o.apiKey != "" && (req.APIKey == nil || *req.APIKey != o.apiKey):
			fail(w, http.StatusForbidden, "Invalid API key")
		case req.Q == "":
			fail(w, http.StatusBadRequest, "Invalid request: missing q parameter")
		case !has(req.Source):
			fail(w, http.StatusBadRequest, req.Source+" is not supported")
		case !has(req.Target):
			fail(w, http.StatusBadRequest, req.Target+" is not supported")
		case req.Format != "text":
			fail(w, http.StatusBadRequest, "Invalid request: format")
		case o.charLimit > 0 && utf8.RuneCountInString(req.Q) > o.charLimit:
			fail(w, http.StatusBadRequest, fmt.Sprintf("Invalid request: request (%d) exceeds text limit (%d)", utf8.RuneCountInString(req.Q), o.charLimit))
		default:
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(map[string]string{"translatedText": "[" + req.Target + "] " + req.Q})
		}
	}))
	t.Cleanup(s.Close)
	return s, &s.calls
}

func newLT(t *testing.T, cfg translate.Config) *translate.LibreTranslate {
	t.Helper()
	lt, err := translate.NewLibreTranslate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return lt
}

func TestLibreTranslate(t *testing.T) {
	tests := []struct {
		name     string
		opts     serviceOptions
		key      string
		text     string
		from, to borderlink.Lang
		want     string
	}{
		{"vi to lo", serviceOptions{}, "", "Thu giữ heroin.", vi, lo, "[lo] Thu giữ heroin."},
		{"lo to en", serviceOptions{}, "", "ຈັບກຸມຜູ້ຕ້ອງສົງໄສ", lo, en, "[en] ຈັບກຸມຜູ້ຕ້ອງສົງໄສ"},
		{"with the API key", serviceOptions{apiKey: testKey}, testKey, "Khẩn", vi, en, "[en] Khẩn"},
		{"surrounding space kept", serviceOptions{}, "", "  Khẩn\n", vi, en, "  [en] Khẩn\n"},
		{"language codes normalised", serviceOptions{}, "", "Khẩn", "VI", "en-US", "[en] Khẩn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newServiceForTest(t, tt.opts)
			lt := newLT(t, translate.Config{URL: srv.URL, APIKey: tt.key})
			got, engine, err := lt.Translate(context.Background(), tt.text, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || engine != translate.EngineLibreTranslate {
				t.Errorf("got %q by %q, want %q by libretranslate", got, engine, tt.want)
			}
			reqs := srv.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			wantFrom, _ := borderlink.ParseLang(string(tt.from))
			wantTo, _ := borderlink.ParseLang(string(tt.to))
			if r.Source != string(wantFrom) || r.Target != string(wantTo) || r.Format != "text" || r.Q != strings.TrimSpace(tt.text) {
				t.Errorf("request = %+v", r)
			}
			switch {
			case tt.key == "" && r.APIKey != nil:
				t.Errorf("api_key sent without a key: %q", *r.APIKey)
			case tt.key != "" && (r.APIKey == nil || *r.APIKey != tt.key):
				t.Errorf("api_key = %v, want the key", r.APIKey)
			}
		})
	}
}

func TestLibreTranslateURLPrefix(t *testing.T) {
	var path string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path = r.URL.Path
		_, _ = io.WriteString(w, `{"translatedText":"ok"}`)
	}))
	t.Cleanup(srv.Close)
	lt := newLT(t, translate.Config{URL: srv.URL + "/mt/"})
	if _, _, err := lt.Translate(context.Background(), "x", vi, en); err != nil {
		t.Fatal(err)
	}
	if path != "/mt/translate" {
		t.Errorf("path = %q, want /mt/translate", path)
	}
}

func TestLibreTranslateNFC(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"translatedText":"ma tu\u0301y \u0111a\u0301"}`)
	}))
	t.Cleanup(srv.Close)
	got, _, err := newLT(t, translate.Config{URL: srv.URL}).Translate(context.Background(), "crystal meth", en, vi)
	if err != nil {
		t.Fatal(err)
	}
	if got != "ma túy đá" {
		t.Errorf("got %q, want the NFC form", got)
	}
}

// TestLibreTranslateSplits checks that a long text goes to the service in
// pieces cut between sentences, within the limit, and comes back whole.
func TestLibreTranslateSplits(t *testing.T) {
	srv, _ := newServiceForTest(t, serviceOptions{charLimit: 40})
	lt := newLT(t, translate.Config{URL: srv.URL, MaxChars: 40})
	text := "Đối tượng bỏ trốn sang Lào. Đề nghị phía bạn xác minh.\n\nĐối tượng đi xe máy biển số 29A-1234! Khẩn."
	got, _, err := lt.Translate(context.Background(), text, vi, en)
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	if len(reqs) < 3 {
		t.Fatalf("%d requests for a text of %d characters with a limit of 40", len(reqs), utf8.RuneCountInString(text))
	}
	var want strings.Builder
	rest := text
	for _, r := range reqs {
		if n := utf8.RuneCountInString(r.Q); n > 40 {
			t.Errorf("piece of %d characters sent: %q", n, r.Q)
		}
		if r.Q != strings.TrimSpace(r.Q) {
			t.Errorf("piece %q sent with surrounding space", r.Q)
		}
		i := strings.Index(rest, r.Q)
		if i < 0 {
			t.Fatalf("piece %q is not next in the text", r.Q)
		}
		want.WriteString(rest[:i] + "[en] " + r.Q)
		rest = rest[i+len(r.Q):]
	}
	want.WriteString(rest)
	if got != want.String() {
		t.Errorf("got\n%q\nwant\n%q", got, want.String())
	}
	if !strings.HasPrefix(reqs[0].Q, "Đối tượng bỏ trốn sang Lào.") {
		t.Errorf("first piece %q is not cut after a sentence", reqs[0].Q)
	}
}

func TestLibreTranslateDefaultLimit(t *testing.T) {
	srv, _ := newServiceForTest(t, serviceOptions{charLimit: translate.DefaultMaxChars})
	lt := newLT(t, translate.Config{URL: srv.URL})
	sentence := "Đối tượng vận chuyển ma túy qua biên giới. "
	text := strings.Repeat(sentence, 12000/len([]rune(sentence)))
	if _, _, err := lt.Translate(context.Background(), text, vi, en); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.requests()); n != 3 {
		t.Errorf("%d requests for %d characters, want 3", n, utf8.RuneCountInString(text))
	}
}

func TestLibreTranslateErrors(t *testing.T) {
	big := `{"translatedText":"` + strings.Repeat("a", 2048) + `"}`
	tests := []struct {
		name    string
		status  int
		body    string
		code    string
		want    []string // in the error message
		notWant []string
	}{
		{"unsupported language", 400, `{"error":"lo is not supported"}`, borderlink.EInvalid,
			[]string{"libretranslate refused the request", "HTTP 400 Bad Request: lo is not supported"}, nil},
		{"refused key", 403, `{"error":"Invalid API key"}`, borderlink.EUnavailable,
			[]string{"HTTP 403 Forbidden: Invalid API key"}, nil},
		{"key echoed by the service", 403, `{"error":"Invalid API key: ` + testKey + `"}`, borderlink.EUnavailable,
			[]string{"Invalid API key: [api key]"}, nil},
		{"rate limited", 429, `{"error":"Slowdown: 30 per 1 minute"}`, borderlink.EUnavailable,
			[]string{"HTTP 429 Too Many Requests: Slowdown: 30 per 1 minute"}, nil},
		{"text too long for the service", 413, `{"error":"Request too large"}`, borderlink.ETooLarge,
			[]string{"HTTP 413"}, nil},
		{"server error with HTML", 502, `<html><body>Bad gateway</body></html>`, borderlink.EUnavailable,
			[]string{"HTTP 502 Bad Gateway"}, []string{"<html>"}},
		{"server error without body", 503, ``, borderlink.EUnavailable, []string{"HTTP 503 Service Unavailable"}, nil},
		{"long multi-line message", 500, `{"error":"line one\nline two` + strings.Repeat("x", 500) + `"}`, borderlink.EUnavailable,
			[]string{"line one line two", "…"}, []string{"\n", strings.Repeat("x", 201)}},
		{"malformed JSON", 200, `{"translatedText": `, borderlink.EUnavailable, []string{"malformed answer"}, nil},
		{"not JSON", 200, `Hello`, borderlink.EUnavailable, []string{"malformed answer"}, nil},
		{"wrong type", 200, `{"translatedText": 42}`, borderlink.EUnavailable, []string{"malformed answer"}, nil},
		{"no translatedText", 200, `{"detectedLanguage": {}}`, borderlink.EUnavailable, []string{"no translatedText"}, nil},
		{"error with status 200", 200, `{"error":"Cannot translate"}`, borderlink.EUnavailable, []string{"Cannot translate"}, nil},
		{"control characters", 200, `{"translatedText":"ok\u0000"}`, borderlink.EUnavailable, []string{"control characters"}, nil},
		{"empty translation", 200, `{"translatedText":"  "}`, borderlink.EUnavailable, []string{"empty translation"}, nil},
		{"oversized answer", 200, big, borderlink.EUnavailable, []string{"larger than 1024 bytes"}, nil},
		{"oversized error answer", 500, `{"error":"` + strings.Repeat("e", 4096) + `"}`, borderlink.EUnavailable, []string{"larger than 1024 bytes"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}))
			t.Cleanup(srv.Close)
			lt := newLT(t, translate.Config{URL: srv.URL, APIKey: testKey, MaxResponseBytes: 1024})
			got, _, err := lt.Translate(context.Background(), "Khẩn", vi, en)
			if err == nil {
				t.Fatalf("no error; got %q", got)
			}
			if c := borderlink.ErrorCode(err); c != tt.code {
				t.Errorf("code = %s, want %s (%v)", c, tt.code, err)
			}
			msg := err.Error()
			for _, s := range tt.want {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not contain %q", msg, s)
				}
			}
			for _, s := range append(tt.notWant, testKey) {
				if strings.Contains(msg, s) {
					t.Errorf("error %q contains %q", msg, s)
				}
			}
			var se *translate.ServiceError
			if tt.status != 200 && !strings.Contains(tt.name, "oversized") {
				if !errors.As(err, &se) || se.Status != tt.status {
					t.Errorf("no ServiceError with status %d in %v", tt.status, err)
				}
			}
		})
	}
}

func TestLibreTranslatePieceInError(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 2 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		_, _ = io.WriteString(w, `{"translatedText":"ok"}`)
	}))
	t.Cleanup(srv.Close)
	lt := newLT(t, translate.Config{URL: srv.URL, MaxChars: 10})
	_, _, err := lt.Translate(context.Background(), "Câu một. Câu hai. Câu ba.", vi, en)
	if err == nil || !strings.Contains(err.Error(), "(piece 2 of 3)") {
		t.Fatalf("err = %v, want it to name piece 2 of 3", err)
	}
}

func TestLibreTranslateRedirectNotFollowed(t *testing.T) {
	var followed atomic.Bool
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		followed.Store(true)
		_, _ = io.WriteString(w, `{"translatedText":"stolen"}`)
	}))
	t.Cleanup(elsewhere.Close)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+"/translate", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(srv.Close)
	_, _, err := newLT(t, translate.Config{URL: srv.URL, APIKey: testKey}).Translate(context.Background(), "x", vi, en)
	if err == nil || !strings.Contains(err.Error(), "HTTP 307") {
		t.Fatalf("err = %v, want HTTP 307", err)
	}
	if followed.Load() {
		t.Error("the redirect was followed, with the API key")
	}
}

func TestLibreTranslateTimeout(t *testing.T) {
	tests := []struct {
		name    string
		handler func(w http.ResponseWriter, r *http.Request, release <-chan struct{})
	}{
		{"no answer", func(w http.ResponseWriter, r *http.Request, release <-chan struct{}) {
			select {
			case <-r.Context().Done():
			case <-release:
			}
		}},
		{"answer stalls", func(w http.ResponseWriter, r *http.Request, release <-chan struct{}) {
			w.WriteHeader(http.StatusOK)
			_, _ = io.WriteString(w, `{"translatedText":"`)
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-release:
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			release := make(chan struct{})
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { tt.handler(w, r, release) }))
			t.Cleanup(srv.Close)
			t.Cleanup(func() { close(release) })
			lt := newLT(t, translate.Config{URL: srv.URL, APIKey: testKey, Timeout: 50 * time.Millisecond})
			_, _, err := lt.Translate(context.Background(), "Khẩn", vi, en)
			if borderlink.ErrorCode(err) != borderlink.EUnavailable || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err = %v, want unavailable, deadline exceeded", err)
			}
			if !strings.Contains(err.Error(), "no answer within 50ms") {
				t.Errorf("error %q does not give the timeout", err)
			}
		})
	}
}

func TestLibreTranslateCancelled(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		cancel()
	}()
	_, _, err := newLT(t, translate.Config{URL: srv.URL}).Translate(ctx, "Khẩn", vi, en)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestLibreTranslateUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	_, _, err := newLT(t, translate.Config{URL: url, APIKey: testKey}).Translate(context.Background(), "Khẩn", vi, en)
	if borderlink.ErrorCode(err) != borderlink.EUnavailable || !strings.Contains(err.Error(), "request failed") {
		t.Fatalf("err = %v, want unavailable, request failed", err)
	}
	if strings.Contains(err.Error(), testKey) {
		t.Errorf("error %q holds the API key", err)
	}
}

func TestLibreTranslateConcurrent(t *testing.T) {
	srv, calls := newServiceForTest(t, serviceOptions{apiKey: testKey})
	lt := newLT(t, translate.Config{URL: srv.URL, APIKey: testKey})
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("tin số %d", i)
			got, _, err := lt.Translate(context.Background(), text, vi, lo)
			if err == nil && got != "[lo] "+text {
				err = fmt.Errorf("got %q for %q", got, text)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if calls.Load() != 20 {
		t.Errorf("%d calls, want 20", calls.Load())
	}
}

func TestNewLibreTranslateURL(t *testing.T) {
	tests := []struct {
		url     string
		wantErr string
	}{
		{"https://mt.mps.example:5000", ""},
		{"http://127.0.0.1:5000/", ""},
		{"http://10.0.0.5/libretranslate", ""},
		{"", "must start with http"},
		{"mt.mps.example", "must start with http"},
		{"ftp://mt.mps.example", "must start with http"},
		{"http://", "no host"},
		{"http://admin:hunter2@mt.mps.example", "must not hold credentials"},
		{"http://mt.mps.example/?key=1", "query or fragment"},
		{"http://mt.mps.example/#x", "query or fragment"},
		{"http://[::1", "not a URL"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := translate.NewLibreTranslate(translate.Config{URL: tt.url})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatal(err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			case err != nil && strings.Contains(err.Error(), "hunter2"):
				t.Errorf("error %q holds the password", err)
			}
		})
	}
}

func TestLibreTranslateKeepsKeyOutOfLogs(t *testing.T) {
	lt := newLT(t, translate.Config{URL: "https://mt.mps.example", APIKey: testKey})
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("translator", "translator", lt)
	for _, s := range []string{lt.String(), fmt.Sprint(lt), fmt.Sprintf("%v", lt), buf.String()} {
		if strings.Contains(s, testKey) {
			t.Errorf("%q holds the API key", s)
		}
	}
	if !strings.Contains(buf.String(), "api_key_set=true") || !strings.Contains(buf.String(), "https://mt.mps.example/translate") {
		t.Errorf("log = %q, want the endpoint and that a key is set", buf.String())
	}
}

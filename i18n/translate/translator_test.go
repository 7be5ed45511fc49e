package translate_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/i18n/translate"
)

// Every translator of the package is a hotline translator.
var (
	_ hotline.Translator = (*translate.Glossary)(nil)
	_ hotline.Translator = (*translate.LibreTranslate)(nil)
	_ hotline.Translator = (*translate.Chain)(nil)
	_ hotline.Translator = translate.Translator(nil)
)

// translators returns one translator of each kind; the LibreTranslate one
// talks to a test server that counts its requests in calls.
func translators(t *testing.T) (map[string]translate.Translator, *atomic.Int32) {
	t.Helper()
	srv, calls := newServiceForTest(t, serviceOptions{})
	lt, err := translate.NewLibreTranslate(translate.Config{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	chain, err := translate.New(translate.Config{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]translate.Translator{
		"glossary":       glossary(t),
		"libretranslate": lt,
		"chain":          chain,
	}, calls
}

// TestRequestRules checks the rules every translator applies to a request
// before translating anything.
func TestRequestRules(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		from, to borderlink.Lang
		want     string // expected text, when no error
		code     string // expected error code
	}{
		{"empty text", "", vi, lo, "", ""},
		{"same language", "Đối tượng bỏ trốn", vi, vi, "Đối tượng bỏ trốn", ""},
		{"same language after normalising", "heroin", "EN", "en-GB", "heroin", ""},
		{"line breaks and tabs allowed", "a\n\tb\r\n", lo, lo, "a\n\tb\r\n", ""},
		{"control character", "heroin\x00", vi, en, "", borderlink.EInvalid},
		{"escape character", "\x1b[31mheroin", vi, en, "", borderlink.EInvalid},
		{"delete character", "heroin\x7f", vi, en, "", borderlink.EInvalid},
		{"C1 control character", "heroin\u0085", vi, en, "", borderlink.EInvalid},
		{"control character, same language", "a\x07", vi, vi, "", borderlink.EInvalid},
		{"invalid UTF-8", "he\xffroin", vi, en, "", borderlink.EInvalid},
		{"unsupported source", "hello", "fr", en, "", borderlink.EInvalid},
		{"unsupported target", "hello", en, "th", "", borderlink.EInvalid},
		{"empty language", "hello", "", en, "", borderlink.EInvalid},
		{"too large", strings.Repeat("a", translate.MaxTextBytes+1), vi, en, "", borderlink.ETooLarge},
	}
	ts, calls := translators(t)
	for name, tr := range ts {
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				got, engine, err := tr.Translate(context.Background(), tt.text, tt.from, tt.to)
				if tt.code != "" {
					if borderlink.ErrorCode(err) != tt.code {
						t.Fatalf("err = %v, want code %s", err, tt.code)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got != tt.want {
					t.Errorf("got %q, want %q", got, tt.want)
				}
				if engine == "" {
					t.Error("no engine name")
				}
			})
		}
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("the service was asked %d times for requests that need no translation", n)
	}
}

func TestNew(t *testing.T) {
	srv, _ := newServiceForTest(t, serviceOptions{})
	tests := []struct {
		name    string
		cfg     translate.Config
		want    string // Name of the translator
		wantErr bool
	}{
		{"no URL: glossary alone", translate.Config{}, "glossary", false},
		{"blank URL: glossary alone", translate.Config{URL: "  "}, "glossary", false},
		{"URL: service then glossary", translate.Config{URL: srv.URL, APIKey: "k"}, "libretranslate+glossary", false},
		{"bad scheme", translate.Config{URL: "ftp://mt.example"}, "", true},
		{"negative timeout", translate.Config{URL: srv.URL, Timeout: -1}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := translate.New(tt.cfg)
			if tt.wantErr {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := tr.(translate.Named).Name(); got != tt.want {
				t.Errorf("Name = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestNewFallsBack checks the configured chain end to end: the service
// translates while it works, and the glossary takes over when it fails.
func TestNewFallsBack(t *testing.T) {
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, `{"error":"model not loaded"}`, http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"translatedText":"Seized heroin."}`))
	}))
	t.Cleanup(srv.Close)
	tr, err := translate.New(translate.Config{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	got, engine, err := tr.Translate(context.Background(), "Thu giữ heroin.", vi, en)
	if err != nil || engine != translate.EngineLibreTranslate || got != "Seized heroin." {
		t.Fatalf("with the service up: %q, %q, %v", got, engine, err)
	}
	down.Store(true)
	got, engine, err = tr.Translate(context.Background(), "Thu giữ heroin.", vi, en)
	if err != nil || engine != translate.EngineGlossary || got != "Seized heroin." {
		t.Fatalf("with the service down: %q, %q, %v", got, engine, err)
	}
}

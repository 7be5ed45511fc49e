package translate_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n/translate"
)

// fake is a translator that answers as told and counts its calls.
type fake struct {
	name  string
	out   string
	err   error
	calls int
}

func (f *fake) Name() string { return f.name }

func (f *fake) Translate(ctx context.Context, text string, from, to borderlink.Lang) (string, string, error) {
	f.calls++
	if f.err != nil {
		return "", "", f.err
	}
	return f.out, f.name, nil
}

// unnamed is a translator without a Name method.
type unnamed struct{ err error }

func (u unnamed) Translate(context.Context, string, borderlink.Lang, borderlink.Lang) (string, string, error) {
	return "", "", u.err
}

func TestChain(t *testing.T) {
	down := errors.New("connection refused")
	tests := []struct {
		name       string
		fakes      []*fake
		text       string
		wantOut    string
		wantEngine string
		wantCode   string
		wantCalls  []int
	}{
		{"first succeeds", []*fake{{name: "a", out: "A"}, {name: "b", out: "B"}}, "x", "A", "a", "", []int{1, 0}},
		{"falls back", []*fake{{name: "a", err: down}, {name: "b", out: "B"}}, "x", "B", "b", "", []int{1, 1}},
		{"falls back twice", []*fake{{name: "a", err: down}, {name: "b", err: down}, {name: "c", out: "C"}}, "x", "C", "c", "", []int{1, 1, 1}},
		{"all fail", []*fake{{name: "a", err: down}, {name: "b", err: down}}, "x", "", "", borderlink.EUnavailable, []int{1, 1}},
		{"none", nil, "x", "", "", borderlink.EUnavailable, nil},
		{"invalid request asks no one", []*fake{{name: "a", out: "A"}}, "x\x00", "", "", borderlink.EInvalid, []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ts []translate.Translator
			for _, f := range tt.fakes {
				ts = append(ts, f)
			}
			out, engine, err := translate.NewChain(ts...).Translate(context.Background(), tt.text, vi, en)
			if tt.wantCode != "" {
				if borderlink.ErrorCode(err) != tt.wantCode {
					t.Fatalf("err = %v, want code %s", err, tt.wantCode)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if out != tt.wantOut || engine != tt.wantEngine {
				t.Errorf("got %q by %q, want %q by %q", out, engine, tt.wantOut, tt.wantEngine)
			}
			for i, f := range tt.fakes {
				if f.calls != tt.wantCalls[i] {
					t.Errorf("translator %s called %d times, want %d", f.name, f.calls, tt.wantCalls[i])
				}
			}
		})
	}
}

func TestChainErrorHoldsEveryFailure(t *testing.T) {
	first := errors.New("first failure")
	second := borderlink.Errorf(borderlink.EInvalid, "error.invalid", "second failure")
	_, _, err := translate.NewChain(unnamed{first}, &fake{name: "b", err: second}).Translate(context.Background(), "x", vi, en)
	if !errors.Is(err, first) || !errors.Is(err, second) {
		t.Fatalf("err = %v, want it to hold both failures", err)
	}
	if borderlink.ErrorCode(err) != borderlink.EUnavailable {
		t.Errorf("code = %s, want %s", borderlink.ErrorCode(err), borderlink.EUnavailable)
	}
	for _, s := range []string{"translator 1: first failure", "b: invalid: second failure"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not contain %q", err, s)
		}
	}
}

func TestChainLogsFallback(t *testing.T) {
	var buf bytes.Buffer
	c := &translate.Chain{
		Translators: []translate.Translator{&fake{name: "libretranslate", err: errors.New("timeout")}, &fake{name: "glossary", out: "ok"}},
		Logger:      slog.New(slog.NewTextHandler(&buf, nil)),
	}
	if _, _, err := c.Translate(context.Background(), "x", vi, en); err != nil {
		t.Fatal(err)
	}
	if log := buf.String(); !strings.Contains(log, "engine=libretranslate") || !strings.Contains(log, "timeout") {
		t.Errorf("log = %q, want the failed engine and its error", log)
	}
}

func TestChainCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := &fake{name: "a", out: "A"}
	_, _, err := translate.NewChain(f).Translate(ctx, "x", vi, en)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if f.calls != 0 {
		t.Errorf("a cancelled chain called a translator")
	}
}

func TestChainName(t *testing.T) {
	c := translate.NewChain(&fake{name: "libretranslate"}, unnamed{}, glossary(t))
	if got, want := c.Name(), "libretranslate+translator 2+glossary"; got != want {
		t.Errorf("Name = %q, want %q", got, want)
	}
}

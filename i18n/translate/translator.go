package translate

import (
	"context"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
)

// Engine names, recorded with every translation.
const (
	EngineGlossary       = "glossary"
	EngineLibreTranslate = "libretranslate"
)

// MaxTextBytes is the largest text any translator accepts; a longer one is
// refused with borderlink.ETooLarge.
const MaxTextBytes = 1 << 20

// Translator translates text from one language into another.
type Translator interface {
	// Translate returns text translated from the language from into the
	// language to, and the name of the engine that made the translation.
	// An empty text gives an empty translation; the same language on both
	// sides gives the text unchanged. Errors are *borderlink.Error values:
	// EInvalid for a request no translator could serve (a language
	// BorderLink does not speak, control characters in text), ETooLarge for
	// a text over MaxTextBytes, EUnavailable when an engine failed.
	Translate(ctx context.Context, text string, from, to borderlink.Lang) (translated string, engine string, err error)
}

// Named is implemented by translators that can tell their engine name
// before they are used; Chain uses it when it logs a failure.
type Named interface {
	Name() string
}

// request is a checked translation request.
type request struct {
	text     string
	from, to borderlink.Lang
	// trivial is set when the answer is text itself: an empty text, or
	// the same language on both sides.
	trivial bool
}

// check validates a request the same way for every translator.
func check(text string, from, to borderlink.Lang) (request, error) {
	f, ok := borderlink.ParseLang(string(from))
	if !ok {
		return request{}, errInvalid(fmt.Sprintf("translate: unsupported source language %q", from))
	}
	t, ok := borderlink.ParseLang(string(to))
	if !ok {
		return request{}, errInvalid(fmt.Sprintf("translate: unsupported target language %q", to))
	}
	if len(text) > MaxTextBytes {
		return request{}, borderlink.Errorf(borderlink.ETooLarge, "error.too_large",
			fmt.Sprintf("translate: text of %d bytes is over the limit of %d", len(text), MaxTextBytes))
	}
	if err := checkText(text); err != nil {
		return request{}, err
	}
	return request{text: text, from: f, to: t, trivial: text == "" || f == t}, nil
}

// checkText refuses text that is not UTF-8 or holds a control character
// other than a line break or a tab.
func checkText(text string) error {
	for i, r := range text {
		switch {
		case r == utf8.RuneError && !validAt(text, i):
			return errInvalid(fmt.Sprintf("translate: text is not valid UTF-8 at byte %d", i))
		case isBadControl(r):
			return errInvalid(fmt.Sprintf("translate: text holds control character U+%04X at byte %d", r, i))
		}
	}
	return nil
}

// validAt reports whether the U+FFFD at byte i of s is really written there
// (rather than standing for an invalid byte).
func validAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 3
}

func isBadControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
}

func errInvalid(msg string) *borderlink.Error {
	return borderlink.Errorf(borderlink.EInvalid, "error.invalid", msg)
}

// errUnavailable is the error of an engine that could not translate; cause
// is kept for errors.Is and errors.As.
func errUnavailable(msg string, cause error) *borderlink.Error {
	return &borderlink.Error{Code: borderlink.EUnavailable, Key: "error.unavailable", Message: msg, Err: cause}
}

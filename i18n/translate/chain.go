package translate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/borderlink/borderlink"
)

// Chain tries its translators in order and returns the first translation
// that succeeds, with the name of the engine that made it. A request that
// no translator could serve (see Translator) is refused at once; when every
// translator fails, the error is EUnavailable and holds each failure.
type Chain struct {
	Translators []Translator
	Logger      *slog.Logger // told of each failure before the next translator is tried; nil discards
}

// NewChain returns a Chain of ts.
func NewChain(ts ...Translator) *Chain { return &Chain{Translators: ts} }

// Translate implements Translator.
func (c *Chain) Translate(ctx context.Context, text string, from, to borderlink.Lang) (string, string, error) {
	if _, err := check(text, from, to); err != nil {
		return "", "", err
	}
	if len(c.Translators) == 0 {
		return "", "", errUnavailable("translate: no translator configured", nil)
	}
	var errs []error
	for i, t := range c.Translators {
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		out, engine, err := t.Translate(ctx, text, from, to)
		if err == nil {
			return out, engine, nil
		}
		name := nameOf(t, i)
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
		if c.Logger != nil && i < len(c.Translators)-1 {
			c.Logger.Warn("translate: translator failed, trying the next", "engine", name, "from", from, "to", to, "err", err)
		}
	}
	return "", "", errUnavailable("translate: every translator failed", errors.Join(errs...))
}

// Name returns the name of the chain's engines, such as
// "libretranslate+glossary".
func (c *Chain) Name() string {
	s := ""
	for i, t := range c.Translators {
		if i > 0 {
			s += "+"
		}
		s += nameOf(t, i)
	}
	return s
}

func nameOf(t Translator, i int) string {
	if n, ok := t.(Named); ok {
		return n.Name()
	}
	return fmt.Sprintf("translator %d", i+1)
}

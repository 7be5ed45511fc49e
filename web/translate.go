package web

import (
	"context"
	"sync"
	"time"

	"github.com/borderlink/borderlink"
)

// Translator translates free text for a reader (the node's translator:
// the built-in glossary, or a self-hosted service).
type Translator interface {
	Translate(ctx context.Context, text string, from, to borderlink.Lang) (string, string, error)
}

// machineText is a machine translation shown beside an original.
type machineText struct {
	Text, Engine string
	Lang         string
}

// mtCache keeps recent translations of case texts, so that a case page
// read again does not ask the translation service again. It forgets
// everything when it is full: the texts are short and few.
type mtCache struct {
	mu sync.Mutex
	m  map[[3]string]machineText
}

const mtCacheSize = 4096

// machine translates text written in from for a reader of to; nil when
// they are the same language, when there is no translator, or when the
// translation fails (the original is always shown; a translation is only
// a help, and never delays the page more than a moment).
func (wb *Web) machine(text string, from, to borderlink.Lang) *machineText {
	if wb.Translator == nil || text == "" || from == "" || from == to {
		return nil
	}
	key := [3]string{string(from), string(to), text}
	wb.mt.mu.Lock()
	if t, ok := wb.mt.m[key]; ok {
		wb.mt.mu.Unlock()
		return &t
	}
	wb.mt.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	out, engine, err := wb.Translator.Translate(ctx, text, from, to)
	if err != nil || out == "" {
		return nil
	}
	t := machineText{Text: out, Engine: engine, Lang: string(to)}
	wb.mt.mu.Lock()
	if wb.mt.m == nil || len(wb.mt.m) >= mtCacheSize {
		wb.mt.m = map[[3]string]machineText{}
	}
	wb.mt.m[key] = t
	wb.mt.mu.Unlock()
	return &t
}

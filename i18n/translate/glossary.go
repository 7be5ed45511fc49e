package translate

import (
	"context"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
)

// Glossary is the built-in term glossary. It is not a translator: it
// replaces the terms it knows (the longest first, wherever they occur) with
// their form in the target language and keeps everything else as written,
// so its output mixes languages. It gives a reader the names of units,
// places, drugs, quantities and the stock phrases of the hotline; the
// hotline shows it, like every translation, as machine-made beside the
// original.
//
// Matching ignores case. Vietnamese is also matched without diacritics
// ("ma tuy da" finds "ma túy đá") as long as the diacritics that are
// written agree with the term's, for terms of two words or more; a single
// word must be written with its diacritics. Lao, written without spaces
// between words, is matched inside any stretch of text, but never so that
// a vowel or tone sign is cut from its consonant. Words of Vietnamese and
// English are matched whole.
//
// A Glossary is immutable and safe for concurrent use.
type Glossary struct {
	terms    []term
	matchers [3]*matcher // by langIndex
}

// term is one glossary entry: what is written for it in each language.
type term struct {
	out [3]string // by langIndex
}

// langIndex numbers the languages for the tables of a Glossary.
func langIndex(l borderlink.Lang) int {
	switch l {
	case borderlink.LangVI:
		return 0
	case borderlink.LangLO:
		return 1
	default:
		return 2
	}
}

var builtin = sync.OnceValues(func() (*Glossary, error) { return ParseGlossary(glossaryJSON) })

// NewGlossary returns the glossary built from i18n/translate/glossary.json,
// which is embedded in the binary. It is parsed once and shared.
func NewGlossary() (*Glossary, error) { return builtin() }

// Name returns the engine name, "glossary".
func (g *Glossary) Name() string { return EngineGlossary }

// Len returns the number of terms.
func (g *Glossary) Len() int { return len(g.terms) }

// Translate replaces the glossary's terms in text with their forms in the
// target language. The engine is always "glossary"; it fails only for an
// invalid request or a cancelled ctx.
func (g *Glossary) Translate(ctx context.Context, text string, from, to borderlink.Lang) (string, string, error) {
	req, err := check(text, from, to)
	if err != nil {
		return "", "", err
	}
	if req.trivial {
		return text, EngineGlossary, nil
	}
	if err := ctx.Err(); err != nil {
		return "", "", errUnavailable("translate: glossary: "+err.Error(), err)
	}
	return g.replace(req.text, req.from, req.to), EngineGlossary, nil
}

var unitPool = sync.Pool{New: func() any { s := make([]unit, 0, 1024); return &s }}

// replace writes text with every term found replaced by its form in to.
func (g *Glossary) replace(text string, from, to borderlink.Lang) string {
	buf := unitPool.Get().(*[]unit)
	units := fold(text, *buf)
	defer func() { *buf = units[:0]; unitPool.Put(buf) }()

	ti := langIndex(to)
	w := writer{spaced: to != borderlink.LangLO}
	w.b.Grow(len(text) + len(text)/2)
	done := 0 // bytes of text written
	g.matchers[langIndex(from)].scan(units, func(h hit) {
		start, end := int(units[h.start].start), int(units[h.end-1].end)
		w.raw(text[done:start])
		out := adaptCase(text[start:end], h.key, g.terms[h.key.term].out[ti])
		if w.spaced && len(out) > 3 && (h.key.firstUpper || h.key.allUpper || !hasCase(text[start:end])) && sentenceStart(text[:start]) {
			out = upperFirst(out)
		}
		w.term(out)
		done = end
	})
	w.raw(text[done:])
	return w.b.String()
}

// adaptCase carries the case of the matched text over to the translation
// out: a capital first letter ("Đối tượng …" → "Suspect …") and text in
// capitals ("KHẨN" → "URGENT"). A term written with capitals in the
// glossary (a name, an acronym) passes on nothing: its capitals say nothing
// about the sentence, so replace capitalises such a term, and a term found
// in Lao (written without capitals), when it starts a sentence.
func adaptCase(matched string, k *key, out string) string {
	if k.allUpper || k.firstUpper {
		return out
	}
	first, all := caseOf(matched)
	switch {
	case all && utf8.RuneCountInString(matched) > 1:
		return strings.ToUpper(out)
	case first:
		return upperFirst(out)
	}
	return out
}

// hasCase reports whether s has a letter with case (Lao has none).
func hasCase(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsUpper(r) || unicode.IsLower(r) })
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// sentenceStart reports whether a term after before begins a sentence: it
// is the first thing in the text or in a line, or follows a full stop, a
// question or an exclamation mark.
func sentenceStart(before string) bool {
	before = strings.TrimRight(before, " \t")
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return r == '\n' || r == '\r' || r == '.' || r == '!' || r == '?'
}

// writer assembles a translation. For a target language written with
// spaces between words, it puts a space between a term and a word it would
// otherwise touch (Lao source text has none between words).
type writer struct {
	b       strings.Builder
	spaced  bool
	last    rune // the last rune written
	pending bool // a term was just written: space it from a following word
}

func (w *writer) raw(s string) {
	if s == "" {
		return
	}
	if w.pending && startsWord(s) {
		w.b.WriteByte(' ')
	}
	w.pending = false
	w.write(s)
}

func (w *writer) term(s string) {
	if s == "" {
		return
	}
	if w.spaced && isWordRune(w.last) && startsWord(s) {
		w.b.WriteByte(' ')
	}
	w.write(s)
	w.pending = w.spaced && isWordRune(w.last)
}

func (w *writer) write(s string) {
	w.b.WriteString(s)
	w.last, _ = utf8.DecodeLastRuneInString(s)
}

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// isWordRune reports whether r is part of a word: a letter, a digit or a
// mark (Lao vowel and tone signs are marks).
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

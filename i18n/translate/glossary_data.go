package translate

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/borderlink/borderlink"
)

//go:embed glossary.json
var glossaryJSON []byte

// glossaryFile is the format of glossary.json.
type glossaryFile struct {
	Format int        `json:"format"` // 1
	About  string     `json:"about"`
	Terms  []fileTerm `json:"terms"`
}

// fileTerm is one term of glossary.json. In each language the first form
// is the one a translation writes; every form is recognised in a text
// unless it is listed in OutputOnly (forms too short or too ambiguous to
// look for, such as Lao ລາວ, which is also "he, she").
type fileTerm struct {
	Topic      string   `json:"topic"`
	VI         []string `json:"vi"`
	LO         []string `json:"lo"`
	EN         []string `json:"en"`
	OutputOnly []string `json:"output_only,omitempty"`
	// Confidence is how sure the Lao form is: "" (standard usage),
	// "medium" or "low" (to be reviewed by a Lao speaker).
	Confidence string `json:"confidence,omitempty"`
	Ref        string `json:"ref,omitempty"` // the reference data it comes from
}

// maxFormLen bounds a form, in bytes.
const maxFormLen = 300

// ParseGlossary returns the glossary described by data, a document in the
// format of glossary.json. It fails on malformed data: a term without a
// form in one of the languages, a form that is not NFC or is written in the
// wrong script, or two terms that share a form.
func ParseGlossary(data []byte) (*Glossary, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f glossaryFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("translate: glossary: %w", err)
	}
	if f.Format != 1 {
		return nil, fmt.Errorf("translate: glossary: unknown format %d", f.Format)
	}
	if len(f.Terms) == 0 {
		return nil, fmt.Errorf("translate: glossary: no terms")
	}
	g := &Glossary{terms: make([]term, 0, len(f.Terms))}
	for i := range g.matchers {
		g.matchers[i] = newMatcher()
	}
	for i, ft := range f.Terms {
		if err := g.addTerm(int32(i), ft); err != nil {
			return nil, fmt.Errorf("translate: glossary term %d (%s): %w", i+1, firstOf(ft), err)
		}
	}
	return g, nil
}

func firstOf(ft fileTerm) string {
	for _, forms := range [][]string{ft.EN, ft.VI, ft.LO} {
		if len(forms) > 0 {
			return fmt.Sprintf("%q", forms[0])
		}
	}
	return "no forms"
}

func (g *Glossary) addTerm(id int32, ft fileTerm) error {
	if strings.TrimSpace(ft.Topic) == "" {
		return fmt.Errorf("no topic")
	}
	switch ft.Confidence {
	case "", "high", "medium", "low":
	default:
		return fmt.Errorf("confidence %q is not high, medium or low", ft.Confidence)
	}
	outputOnly := map[string]bool{}
	for _, s := range ft.OutputOnly {
		outputOnly[s] = true
	}
	used := map[string]bool{}
	var t term
	for _, l := range borderlink.Langs {
		forms := ft.forms(l)
		if len(forms) == 0 {
			return fmt.Errorf("no %s form", l)
		}
		t.out[langIndex(l)] = forms[0]
		for _, form := range forms {
			if err := checkForm(form, l); err != nil {
				return fmt.Errorf("%s form %q: %w", l, form, err)
			}
			if outputOnly[form] {
				used[form] = true
				continue
			}
			if err := g.matchers[langIndex(l)].add(form, id); err != nil {
				return fmt.Errorf("%s: %w", l, err)
			}
		}
	}
	for s := range outputOnly {
		if !used[s] {
			return fmt.Errorf("output_only %q is none of the term's forms", s)
		}
	}
	g.terms = append(g.terms, t)
	return nil
}

func (ft fileTerm) forms(l borderlink.Lang) []string {
	switch l {
	case borderlink.LangVI:
		return ft.VI
	case borderlink.LangLO:
		return ft.LO
	default:
		return ft.EN
	}
}

// checkForm checks one form of a term in language l: trimmed, NFC, without
// control characters, and in the language's script (Lao in Lao script or a
// Latin acronym; English in ASCII; Vietnamese without Lao).
func checkForm(form string, l borderlink.Lang) error {
	switch {
	case form == "" || strings.TrimSpace(form) != form:
		return fmt.Errorf("empty or not trimmed")
	case len(form) > maxFormLen:
		return fmt.Errorf("longer than %d bytes", maxFormLen)
	case !utf8.ValidString(form) || !norm.NFC.IsNormalString(form):
		return fmt.Errorf("not NFC")
	case strings.ContainsFunc(form, unicode.IsControl):
		return fmt.Errorf("control character")
	}
	hasLao := strings.ContainsFunc(form, isLao)
	switch l {
	case borderlink.LangLO:
		if !hasLao && !isAcronym(form) {
			return fmt.Errorf("not in Lao script")
		}
		if strings.ContainsFunc(form, func(r rune) bool { return r >= utf8.RuneSelf && !isLao(r) }) {
			return fmt.Errorf("letters of another script")
		}
	case borderlink.LangEN:
		if strings.ContainsFunc(form, func(r rune) bool { return r >= utf8.RuneSelf }) {
			return errors.New("not ASCII")
		}
	default:
		if hasLao {
			return errors.New("written in Lao script, not Vietnamese")
		}
	}
	return nil
}

// isAcronym reports whether s is a Latin acronym such as ASEANAPOL or AK.
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case 'A' <= r && r <= 'Z':
			letters++
		case '0' <= r && r <= '9', r == '-', r == ' ':
		default:
			return false
		}
	}
	return letters > 0
}

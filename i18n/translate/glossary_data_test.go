package translate

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/refdata"
)

func builtinForTest(t *testing.T) *Glossary {
	t.Helper()
	g, err := NewGlossary()
	if err != nil {
		t.Fatalf("the embedded glossary does not load: %v", err)
	}
	return g
}

func fileForTest(t *testing.T) glossaryFile {
	t.Helper()
	var f glossaryFile
	if err := json.Unmarshal(glossaryJSON, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestGlossaryData checks the size and the topics of the embedded
// glossary: a few hundred terms covering the subjects of the hotline.
func TestGlossaryData(t *testing.T) {
	g := builtinForTest(t)
	if g.Len() < 300 {
		t.Errorf("the glossary has %d terms, want a few hundred", g.Len())
	}
	topics := map[string]int{}
	for _, ft := range fileForTest(t).Terms {
		topics[ft.Topic]++
	}
	for _, topic := range []string{"org", "place", "gate", "drug", "quantity", "person", "offence", "action", "phrase", "vehicle", "document", "time"} {
		if topics[topic] == 0 {
			t.Errorf("no term of topic %q", topic)
		}
	}
}

// TestGlossaryRoundTrip translates every recognised form of every term on
// its own: it must give the term's form in each other language.
func TestGlossaryRoundTrip(t *testing.T) {
	g := builtinForTest(t)
	ctx := context.Background()
	for i, ft := range fileForTest(t).Terms {
		outputOnly := map[string]bool{}
		for _, s := range ft.OutputOnly {
			outputOnly[s] = true
		}
		for _, from := range borderlink.Langs {
			for _, form := range ft.forms(from) {
				if outputOnly[form] {
					continue
				}
				for _, to := range borderlink.Langs {
					if to == from {
						continue
					}
					got, _, err := g.Translate(ctx, form, from, to)
					if err != nil {
						t.Fatal(err)
					}
					want := g.terms[i].out[langIndex(to)]
					if !strings.EqualFold(got, want) {
						t.Errorf("term %d: %s %q → %s = %q, want %q", i+1, from, form, to, got, want)
					}
				}
			}
		}
	}
}

// TestGlossaryCoversDrugTypes checks the glossary against the drug taxonomy
// of the reference data: each drug's Vietnamese and Lao display names are
// terms, translated into each other.
func TestGlossaryCoversDrugTypes(t *testing.T) {
	g := builtinForTest(t)
	drugs, err := refdata.DrugTypes()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, d := range drugs.Types {
		vi := plain(d.Names.VI.Display)
		lo := plain(d.Names.LO.Display)
		if d.Code == "KRATOM" || d.Code == "NPS" {
			// Their Vietnamese display names explain rather than name.
			vi = plain(strings.ToLower(vi))
		}
		got, _, err := g.Translate(ctx, lo, borderlink.LangLO, borderlink.LangVI)
		if err != nil {
			t.Fatal(err)
		}
		if got == lo {
			t.Errorf("%s: Lao %q is not in the glossary", d.Code, lo)
		}
		back, _, err := g.Translate(ctx, got, borderlink.LangVI, borderlink.LangLO)
		if err != nil {
			t.Fatal(err)
		}
		if back != lo && !strings.Contains(back, lo) {
			t.Errorf("%s: Lao %q → %q → %q", d.Code, lo, got, back)
		}
		if out, _, _ := g.Translate(ctx, vi, borderlink.LangVI, borderlink.LangLO); !strings.ContainsFunc(out, isLao) || strings.ContainsFunc(out, isLatinLetter) {
			t.Errorf("%s: Vietnamese %q → Lao %q", d.Code, vi, out)
		}
	}
	for _, u := range drugs.Units {
		lo := plain(u.LO)
		if got, _, _ := g.Translate(ctx, lo, borderlink.LangLO, borderlink.LangEN); got == lo && u.Code != "units" && u.Code != "ml" && u.Code != "plants" && u.Code != "m2" {
			t.Errorf("unit %s: Lao %q is not in the glossary", u.Code, lo)
		}
	}
}

// plain keeps the part of a reference name before a parenthesis or slash:
// "Thuốc lắc (MDMA)" → "Thuốc lắc".
func plain(s string) string {
	if i := strings.IndexAny(s, "(/"); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// TestGlossaryCoversLaoProvinces checks that every Lao border province of
// the reference data is a term, its Lao name translated to its English
// name.
func TestGlossaryCoversLaoProvinces(t *testing.T) {
	g := builtinForTest(t)
	var doc struct {
		Provinces []struct {
			ISO    string   `json:"iso_3166_2"`
			NameLO string   `json:"name_lo"`
			NameEN string   `json:"name_en"`
			NameVI []string `json:"name_vi"`
		} `json:"la_border_provinces"`
	}
	data, err := refdata.FS.ReadFile(refdata.AdminUnitsFile)
	if err != nil {
		t.Skipf("reference data not readable: %v", err)
	}
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Provinces) == 0 {
		t.Fatal("no Lao border provinces in the reference data")
	}
	ctx := context.Background()
	for _, p := range doc.Provinces {
		got, _, err := g.Translate(ctx, p.NameLO, borderlink.LangLO, borderlink.LangEN)
		if err != nil {
			t.Fatal(err)
		}
		if got != p.NameEN {
			t.Errorf("%s: %q → %q, want %q", p.ISO, p.NameLO, got, p.NameEN)
		}
		for _, vi := range p.NameVI {
			got, _, _ := g.Translate(ctx, vi, borderlink.LangVI, borderlink.LangLO)
			if got != p.NameLO {
				t.Errorf("%s: Vietnamese %q → %q, want %q", p.ISO, vi, got, p.NameLO)
			}
		}
	}
}

func TestParseGlossaryRejects(t *testing.T) {
	term := func(s string) string { return `{"format": 1, "terms": [` + s + `]}` }
	tests := []struct {
		name, doc, want string
	}{
		{"not json", `{`, "unexpected EOF"},
		{"unknown field", `{"format": 1, "terms": [], "extra": 1}`, "unknown field"},
		{"wrong format", `{"format": 2, "terms": []}`, "unknown format"},
		{"no terms", `{"format": 1, "terms": []}`, "no terms"},
		{"no topic", term(`{"vi": ["a"], "lo": ["ກ"], "en": ["a"]}`), "no topic"},
		{"missing language", term(`{"topic": "x", "vi": ["bắt"], "en": ["arrest"]}`), "no lo form"},
		{"not trimmed", term(`{"topic": "x", "vi": [" bắt"], "lo": ["ຈັບ"], "en": ["arrest"]}`), "not trimmed"},
		{"not NFC", term(`{"topic": "x", "vi": ["ba\u0301t"], "lo": ["ຈັບ"], "en": ["arrest"]}`), "not NFC"},
		{"lao form in latin", term(`{"topic": "x", "vi": ["bắt"], "lo": ["jap"], "en": ["arrest"]}`), "not in Lao script"},
		{"lao form mixed with vietnamese", term(`{"topic": "x", "vi": ["bắt"], "lo": ["ຈັບ bắt"], "en": ["arrest"]}`), "another script"},
		{"english not ascii", term(`{"topic": "x", "vi": ["bắt"], "lo": ["ຈັບ"], "en": ["arrêt"]}`), "not ASCII"},
		{"vietnamese in lao", term(`{"topic": "x", "vi": ["ຈັບ"], "lo": ["ຈັບ"], "en": ["arrest"]}`), "written in Lao script, not Vietnamese"},
		{"bad confidence", term(`{"topic": "x", "vi": ["bắt"], "lo": ["ຈັບ"], "en": ["arrest"], "confidence": "sure"}`), "confidence"},
		{"output_only unknown", term(`{"topic": "x", "vi": ["bắt"], "lo": ["ຈັບ"], "en": ["arrest"], "output_only": ["nab"]}`), "output_only"},
		{"shared form", term(`{"topic": "x", "vi": ["bắt"], "lo": ["ຈັບ"], "en": ["arrest"]}, {"topic": "x", "vi": ["giữ"], "lo": ["ກັກ"], "en": ["Arrest"]}`), "is written like"},
		{"same form twice", term(`{"topic": "x", "vi": ["bắt", "Bắt"], "lo": ["ຈັບ"], "en": ["arrest"]}`), "is written like"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseGlossary([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ParseGlossary error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestParseGlossaryAccepts(t *testing.T) {
	doc := `{"format": 1, "terms": [
		{"topic": "x", "vi": ["bắt"], "lo": ["ຈັບ"], "en": ["arrest"]},
		{"topic": "x", "vi": ["bán"], "lo": ["ຂາຍ"], "en": ["sell"]},
		{"topic": "x", "vi": ["ASEANAPOL"], "lo": ["ASEANAPOL"], "en": ["ASEANAPOL"], "confidence": "low"},
		{"topic": "x", "vi": ["tại"], "lo": ["ທີ່"], "en": ["at"], "output_only": ["ທີ່", "at"]}
	]}`
	g, err := ParseGlossary([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 4 {
		t.Errorf("Len = %d, want 4", g.Len())
	}
}

// BenchmarkParseGlossary measures loading the embedded glossary, done once
// per process.
func BenchmarkParseGlossary(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseGlossary(glossaryJSON); err != nil {
			b.Fatal(err)
		}
	}
}

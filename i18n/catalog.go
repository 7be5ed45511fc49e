package i18n

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"

	"github.com/borderlink/borderlink"
)

//go:embed messages/*.json
var messagesFS embed.FS

// Catalog holds every message in every language. It is read-only once
// loaded and safe for concurrent use.
type Catalog struct {
	msgs     map[string]*entry
	printers map[borderlink.Lang]*Printer
}

// entry is one message: its texts indexed like borderlink.Langs, and the
// file that defined it (for error messages).
type entry struct {
	text []string
	file string
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// Load reads the catalogues embedded in the binary. It fails when a file is
// not a JSON object of messages, when a key is malformed or names a language
// BorderLink does not speak, or when two files define the same key.
func Load() (*Catalog, error) {
	sub, err := fs.Sub(messagesFS, "messages")
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	return LoadFS(sub)
}

// MustLoad is Load for program start and tests; it panics on error. The
// catalogues are part of the binary, so an error is a build fault.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// LoadFS reads every *.json file at the root of fsys as a catalogue, with
// the same checks as Load.
func LoadFS(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	if len(names) == 0 {
		return nil, errors.New("i18n: no catalogue files")
	}
	sort.Strings(names)
	c := &Catalog{msgs: map[string]*entry{}}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		if err := c.add(path.Base(name), b); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
	}
	c.printers = map[borderlink.Lang]*Printer{}
	for i, l := range borderlink.Langs {
		c.printers[l] = newPrinter(c, l, i)
	}
	return c, nil
}

// add parses one file. It reads the object token by token so that a key
// repeated within the file is an error too, not silently the last one.
func (c *Catalog) add(file string, b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return errors.New("want a JSON object of messages")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string) // object keys are always strings
		var texts map[string]string
		if err := dec.Decode(&texts); err != nil {
			return fmt.Errorf("%s: want {\"vi\": …, \"lo\": …, \"en\": …}: %w", key, err)
		}
		if !keyPattern.MatchString(key) {
			return fmt.Errorf("key %q: want area.name in lower snake case", key)
		}
		if prev, ok := c.msgs[key]; ok {
			if prev.file == file {
				return fmt.Errorf("key %q defined twice", key)
			}
			return fmt.Errorf("key %q already defined in %s", key, prev.file)
		}
		e := &entry{file: file, text: make([]string, len(borderlink.Langs))}
		for lang, s := range texts {
			i := slices.Index(borderlink.Langs, borderlink.Lang(lang))
			if i < 0 {
				return fmt.Errorf("key %q: unknown language %q", key, lang)
			}
			e.text[i] = s
		}
		c.msgs[key] = e
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the JSON object")
	}
	return nil
}

// Keys returns every key of the catalogue, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.msgs))
	for k := range c.msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Text returns the raw texts of key (placeholders not filled) and the file
// that defines it, or false when there is no such key. It serves tests and
// tools that check the catalogues.
func (c *Catalog) Text(key string) (t borderlink.Text, file string, ok bool) {
	e, ok := c.msgs[key]
	if !ok {
		return borderlink.Text{}, "", false
	}
	for i, l := range borderlink.Langs {
		switch l {
		case borderlink.LangVI:
			t.VI = e.text[i]
		case borderlink.LangLO:
			t.LO = e.text[i]
		case borderlink.LangEN:
			t.EN = e.text[i]
		}
	}
	return t, e.file, true
}

// Printer returns the printer for lang, or the English one when BorderLink
// does not speak lang. Printers are shared and immutable.
func (c *Catalog) Printer(lang borderlink.Lang) *Printer {
	if p, ok := c.printers[lang]; ok {
		return p
	}
	return c.printers[borderlink.LangEN]
}

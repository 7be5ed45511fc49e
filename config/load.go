package config

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Load reads the TOML file at path over Default() and returns the result
// without validating it (the environment and flags come next).
//
// A missing or unreadable file is an error that wraps the os error (so
// errors.Is(err, fs.ErrNotExist) holds). A file that is not valid TOML, a
// value of the wrong type, a duration written as a number instead of a
// string, or a key this version does not know gives EInvalid with the
// catalogue key config.invalid naming the offending key.
func Load(path string) (Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	// Decode key by key, so that an error always names its key.
	var raw map[string]toml.Primitive
	md, err := toml.Decode(string(b), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			at := pe.LastKey
			if at == "" {
				at = path
			}
			return Config{}, invalid(at, fmt.Sprintf("%s: line %d: %s", path, pe.Position.Line, pe.Message))
		}
		return Config{}, invalid(path, err.Error())
	}
	c := Default()
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue // inside a table, whose top-level key is reported
		}
		key := k[0]
		f, ok := lookup(key)
		if !ok {
			return Config{}, invalid(key, fmt.Sprintf("%s: unknown key", path))
		}
		dst := f.ptr(&c)
		// The TOML decoder reads a bare number as nanoseconds; a file
		// meaning hours would silently get a session of 12 ns.
		if _, ok := dst.(*time.Duration); ok && md.Type(key) != "String" {
			return Config{}, invalid(key, fmt.Sprintf("%s: write a duration as a string such as \"12h\" or \"30m\"", path))
		}
		if err := md.PrimitiveDecode(raw[key], dst); err != nil {
			return Config{}, invalid(key, fmt.Sprintf("%s: %s", path, strings.TrimPrefix(err.Error(), "toml: ")))
		}
	}
	return c, nil
}

// lookup returns the field of a TOML key.
func lookup(key string) (field, bool) {
	for _, f := range fields {
		if f.key == key {
			return f, true
		}
	}
	return field{}, false
}

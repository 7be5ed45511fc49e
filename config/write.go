package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

const fileHeader = `# BorderLink node configuration (see docs/configuration.md).
# Precedence: command-line flag > BORDERLINK_<KEY> environment variable > this file > default.
`

// Write saves c to path as a commented TOML file that Load reads back to the
// same Config. Every key is written, each under a one-line comment. The file
// is replaced atomically and gets mode 0600: it may hold a database password.
// Write does not validate c.
func (c Config) Write(path string) error {
	b, err := c.marshal()
	if err != nil {
		return fmt.Errorf("config: write %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".config-*.tmp") // mode 0600
	if err != nil {
		return fmt.Errorf("config: write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("config: write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("config: write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("config: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("config: write %s: %w", path, err)
	}
	return nil
}

// marshal renders c as TOML.
func (c Config) marshal() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(fileHeader)
	for _, f := range fields {
		v := f.get(&c)
		if f.isText(&c) {
			if !utf8.ValidString(v) {
				return nil, fmt.Errorf("%s is not valid UTF-8", f.key)
			}
			v = tomlString(v)
		}
		fmt.Fprintf(&b, "\n# %s\n%s = %s\n", f.usage, f.key, v)
	}
	return b.Bytes(), nil
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// formatDuration writes d as time.Duration.String does, without the zero
// minutes and seconds that follow whole hours or minutes: "12h", "1h30m".
func formatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

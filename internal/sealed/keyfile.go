package sealed

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/borderlink/borderlink"
)

// KeyFileName is the key file's name inside a node's data directory.
const KeyFileName = "treatment.keys"

const (
	fileMagic      = "borderlink-sealed-keys"
	fileVersion    = "1"
	maxKeyFileSize = 1 << 20 // thousands of keys; anything larger is not a key file
	fileHeader     = "# BorderLink treatment record keys (package internal/sealed).\n" +
		"# SECRET: keep mode 0600 and back it up apart from the database.\n" +
		"# Without this file the sealed fields of treatment records cannot be read.\n"
)

// keySet is what a key file holds.
type keySet struct {
	keys    map[keyID]*key
	current keyID
}

// sorted returns the keys oldest first, as the file lists them.
func (ks keySet) sorted() []*key {
	out := make([]*key, 0, len(ks.keys))
	for _, k := range ks.keys {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b *key) int {
		if c := a.created.Compare(b.created); c != 0 {
			return c
		}
		return bytes.Compare(a.id[:], b.id[:])
	})
	return out
}

func (ks keySet) zero() {
	for _, k := range ks.keys {
		k.zero()
	}
}

// readKeyFile loads the key file at path, refusing one that group or others
// may read or write: the file is the only thing between a copy of the
// database and the records it protects.
func readKeyFile(path string) (keySet, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return keySet{}, fail(borderlink.ENotFound, err, "no treatment key file %s", path)
		}
		return keySet{}, fail(borderlink.EInternal, err, "open treatment key file %s", path)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return keySet{}, fail(borderlink.EInternal, err, "stat treatment key file %s", path)
	}
	if !fi.Mode().IsRegular() {
		return keySet{}, fail(borderlink.EInvalid, ErrBadKeyFile, "treatment key file %s is not a regular file", path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return keySet{}, fail(borderlink.EInvalid, ErrKeyFileMode,
			"treatment key file %s has mode %04o: group and others must have no access; run chmod 600 %s", path, perm, path)
	}
	if fi.Size() > maxKeyFileSize {
		return keySet{}, fail(borderlink.EInvalid, ErrBadKeyFile, "treatment key file %s is too large to be a key file", path)
	}
	// Read into one buffer of the file's size, so that it can be zeroed
	// afterwards; one byte more shows a file that grew meanwhile.
	buf := make([]byte, fi.Size()+1)
	defer clear(buf)
	n, err := io.ReadFull(f, buf)
	switch {
	case err == nil:
		return keySet{}, fail(borderlink.EConflict, ErrKeyFileBusy, "treatment key file %s changed while it was read; try again", path)
	case err != io.ErrUnexpectedEOF && err != io.EOF:
		return keySet{}, fail(borderlink.EInternal, err, "read treatment key file %s", path)
	}
	return parseKeyFile(buf[:n], path)
}

// parseKeyFile reads the format described in the package documentation. Its
// errors name the line, never its content, which may be key bytes.
func parseKeyFile(data []byte, path string) (keySet, error) {
	ks := keySet{keys: map[keyID]*key{}}
	bad := func(line int, what string) (keySet, error) {
		ks.zero()
		if line > 0 {
			return keySet{}, fail(borderlink.EInvalid, ErrBadKeyFile, "treatment key file %s, line %d: %s", path, line, what)
		}
		return keySet{}, fail(borderlink.EInvalid, ErrBadKeyFile, "treatment key file %s: %s", path, what)
	}
	sawHeader, sawCurrent := false, false
	currentLine := 0
	for i, line := range bytes.Split(data, []byte("\n")) {
		n := i + 1
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		f := bytes.Fields(line)
		if !sawHeader {
			if len(f) != 2 || string(f[0]) != fileMagic {
				return bad(n, "not a BorderLink key file (the first line must be \""+fileMagic+" "+fileVersion+"\")")
			}
			if string(f[1]) != fileVersion {
				return bad(n, "key file version "+string(f[1])+" is not supported (this BorderLink reads version "+fileVersion+")")
			}
			sawHeader = true
			continue
		}
		switch string(f[0]) {
		case "current":
			if sawCurrent {
				return bad(n, "a second \"current\" line")
			}
			if len(f) != 2 {
				return bad(n, "\"current\" takes one key id")
			}
			id, ok := parseKeyID(f[1])
			if !ok {
				return bad(n, "the current key id is not 8 hexadecimal digits")
			}
			ks.current, sawCurrent, currentLine = id, true, n
		case "key":
			if len(f) != 4 {
				return bad(n, "a key line holds an id, a creation time and the key")
			}
			k, what := parseKeyLine(f)
			if what != "" {
				return bad(n, what)
			}
			if _, dup := ks.keys[k.id]; dup {
				k.zero()
				return bad(n, "key "+k.id.String()+" appears twice")
			}
			ks.keys[k.id] = k
		default:
			return bad(n, "unknown directive (expected \"current\" or \"key\")")
		}
	}
	switch {
	case !sawHeader:
		return bad(0, "the file is empty")
	case len(ks.keys) == 0:
		return bad(0, "the file holds no key")
	case !sawCurrent:
		return bad(0, "no \"current\" line")
	}
	if _, ok := ks.keys[ks.current]; !ok {
		return bad(currentLine, "the current key "+ks.current.String()+" is not in the file")
	}
	return ks, nil
}

// parseKeyLine reads "key ID CREATED HEX". It returns what is wrong, if
// anything, in words that do not repeat the line.
func parseKeyLine(f [][]byte) (*key, string) {
	id, ok := parseKeyID(f[1])
	if !ok {
		return nil, "the key id is not 8 hexadecimal digits"
	}
	created, err := time.Parse(time.RFC3339, string(f[2]))
	if err != nil {
		return nil, "the creation time of key " + id.String() + " is not an RFC 3339 time"
	}
	var secret [keySize]byte
	defer clear(secret[:])
	if len(f[3]) != 2*keySize {
		return nil, "key " + id.String() + " is not 64 hexadecimal digits"
	}
	if _, err := hex.Decode(secret[:], f[3]); err != nil {
		return nil, "key " + id.String() + " is not 64 hexadecimal digits"
	}
	k, err := newKey(&secret, created.UTC())
	if err != nil {
		return nil, "key " + id.String() + " cannot be used"
	}
	if k.id != id {
		k.zero()
		return nil, "key " + id.String() + " does not match its id: the key or the id was altered or mistyped"
	}
	return k, ""
}

// formatKeyFile renders ks. The caller zeroes the result once written.
func formatKeyFile(ks keySet) []byte {
	// One allocation of the final size, so that no smaller copy of the key
	// bytes is left behind by a growing buffer.
	const lineSize = len("key ") + 2*idSize + len(" 2006-01-02T15:04:05Z ") + 2*keySize + 1
	out := make([]byte, 0, len(fileHeader)+64+len(ks.keys)*lineSize)
	out = append(out, fileHeader...)
	out = append(out, fileMagic+" "+fileVersion+"\n"...)
	out = append(out, "current "+ks.current.String()+"\n"...)
	for _, k := range ks.sorted() {
		out = append(out, "key "+k.id.String()+" "+k.created.UTC().Format(time.RFC3339)+" "...)
		out = hex.AppendEncode(out, k.secret[:])
		out = append(out, '\n')
	}
	return out
}

// writeNewFile creates path with data, mode 0600, and refuses to replace an
// existing file: overwriting a key file would lose every record it opens.
func writeNewFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fail(borderlink.EConflict, ErrKeyFileExists,
				"treatment key file %s already exists; it is never overwritten (rotate it instead)", path)
		}
		return fail(borderlink.EInternal, err, "create treatment key file %s", path)
	}
	if err := writeSync(f, data); err != nil {
		os.Remove(path)
		return fail(borderlink.EInternal, err, "write treatment key file %s", path)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return fail(borderlink.EInternal, err, "write treatment key file %s", path)
	}
	return nil
}

// writeSync writes data to f, flushes it to the disk and closes f.
func writeSync(f *os.File, data []byte) error {
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a directory, so that a file created or renamed in it
// survives a power cut. Windows cannot sync a directory and needs not.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}

package sealed_test

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/sealed"
)

func TestCreateAndLoad(t *testing.T) {
	r, path := mustCreateRing(t)
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %04o, want 0600", fi.Mode().Perm())
		}
	}
	keys := r.Keys()
	if len(keys) != 1 || !keys[0].Current || keys[0].ID != r.CurrentID() {
		t.Fatalf("Keys() = %+v, current %s", keys, r.CurrentID())
	}
	if !regexp.MustCompile(`^[0-9a-f]{8}$`).MatchString(keys[0].ID) {
		t.Errorf("key id %q is not 8 hexadecimal digits", keys[0].ID)
	}
	if age := time.Since(keys[0].Created); age < 0 || age > time.Minute {
		t.Errorf("created %v, want about now", keys[0].Created)
	}

	loaded, err := sealed.LoadKeyRing(path)
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.Close()
	if fmt.Sprint(loaded.Keys()) != fmt.Sprint(keys) {
		t.Errorf("loaded keys %v, created %v", loaded.Keys(), keys)
	}
	v := mustSeal(t, r, "rec-1", "Nguyễn Văn An")
	got, err := sealed.Open(loaded, v, sealed.Context("treatment", "rec-1", "name"))
	if err != nil || string(got) != "Nguyễn Văn An" {
		t.Fatalf("Open with the loaded ring = %q, %v", got, err)
	}
}

func TestCreateRefusesToOverwrite(t *testing.T) {
	_, path := mustCreateRing(t)
	before := readFile(t, path)
	_, err := sealed.CreateKeyFile(path)
	wantErr(t, err, sealed.ErrKeyFileExists, borderlink.EConflict)
	if readFile(t, path) != before {
		t.Error("the existing key file was changed")
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := sealed.LoadKeyRing(filepath.Join(t.TempDir(), sealed.KeyFileName))
	wantErr(t, err, fs.ErrNotExist, borderlink.ENotFound)
}

func TestLoadRefusesOpenPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	for _, mode := range []os.FileMode{0o640, 0o604, 0o644, 0o660, 0o620, 0o602, 0o666} {
		t.Run(fmt.Sprintf("%04o", mode), func(t *testing.T) {
			_, path := mustCreateRing(t)
			if err := os.Chmod(path, mode); err != nil {
				t.Fatal(err)
			}
			_, err := sealed.LoadKeyRing(path)
			wantErr(t, err, sealed.ErrKeyFileMode, borderlink.EInvalid)
			if !strings.Contains(err.Error(), "chmod 600") {
				t.Errorf("error %q does not say how to fix it", err)
			}
		})
	}
	t.Run("0400", func(t *testing.T) {
		_, path := mustCreateRing(t)
		if err := os.Chmod(path, 0o400); err != nil {
			t.Fatal(err)
		}
		r, err := sealed.LoadKeyRing(path)
		if err != nil {
			t.Fatalf("a read-only key file for the owner is refused: %v", err)
		}
		r.Close()
	})
}

// keyLine matches a key line of a key file; group 3 is the key.
var keyLine = regexp.MustCompile(`(?m)^key ([0-9a-f]{8}) (\S+) ([0-9a-f]{64})$`)

func TestLoadRefusesMalformedFile(t *testing.T) {
	_, path := mustCreateRing(t)
	good := readFile(t, path)
	m := keyLine.FindStringSubmatch(good)
	if m == nil {
		t.Fatalf("no key line in\n%s", good)
	}
	id, created, secret := m[1], m[2], m[3]
	flipped := []byte(secret)
	flipped[10] = "0123456789abcdef"[(strings.IndexByte("0123456789abcdef", flipped[10])+1)%16]
	other := strings.Repeat("ab", 32)

	tests := []struct {
		name, text, why string
	}{
		{"empty", "", "empty"},
		{"only comments", "# nothing\n\n", "empty"},
		{"not a key file", "[database]\nurl = \"x\"\n", "not a BorderLink key file"},
		{"newer version", "borderlink-sealed-keys 2\ncurrent " + id + "\n", "version 2 is not supported"},
		{"no key", "borderlink-sealed-keys 1\ncurrent " + id + "\n", "holds no key"},
		{"no current", strings.Replace(good, "current "+id+"\n", "", 1), "no \"current\""},
		{"two current", strings.Replace(good, "current "+id+"\n", "current "+id+"\ncurrent "+id+"\n", 1), "second \"current\""},
		{"current unknown", strings.Replace(good, "current "+id, "current 00000000", 1), "not in the file"},
		{"current not hex", strings.Replace(good, "current "+id, "current zz", 1), "not 8 hexadecimal"},
		{"key mistyped", strings.Replace(good, secret, string(flipped), 1), "does not match its id"},
		{"key of another id", strings.Replace(good, secret, other, 1), "does not match its id"},
		{"key too short", strings.Replace(good, secret, secret[:62], 1), "not 64 hexadecimal"},
		{"key not hex", strings.Replace(good, secret, "x"+secret[1:], 1), "not 64 hexadecimal"},
		{"bad time", strings.Replace(good, created, "yesterday", 1), "RFC 3339"},
		{"missing field", strings.Replace(good, " "+created, "", 1), "a key line holds"},
		{"repeated key", good + "key " + id + " " + created + " " + secret + "\n", "appears twice"},
		{"unknown directive", good + "password hunter2\n", "unknown directive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), sealed.KeyFileName)
			if err := os.WriteFile(p, []byte(tt.text), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := sealed.LoadKeyRing(p)
			wantErr(t, err, sealed.ErrBadKeyFile, borderlink.EInvalid)
			msg := err.Error()
			if !strings.Contains(msg, tt.why) {
				t.Errorf("error %q does not say %q", msg, tt.why)
			}
			for _, s := range []string{secret, string(flipped), other, "hunter2"} {
				if strings.Contains(msg, s) {
					t.Errorf("error %q repeats the file's content", msg)
				}
			}
		})
	}
}

func TestLoadAcceptsEditedLayout(t *testing.T) {
	_, path := mustCreateRing(t)
	// An operator's copy: CRLF line ends, extra comments, blank lines, spaces.
	text := "\r\n# restored from the safe, 2026-05-04\r\n" +
		strings.ReplaceAll(strings.ReplaceAll(readFile(t, path), "\n", "\r\n\r\n"), " ", "   ")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := sealed.LoadKeyRing(path)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
}

func TestRotateKeepsOldKeys(t *testing.T) {
	r, path := mustCreateRing(t)
	first := r.CurrentID()
	old := mustSeal(t, r, "rec-1", "ທ້າວ ສົມພອນ ແກ້ວມະນີ")

	info, err := r.Rotate(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.ID == first || !info.Current || r.CurrentID() != info.ID {
		t.Fatalf("after Rotate: new %+v, current %s, first %s", info, r.CurrentID(), first)
	}
	if n := len(r.Keys()); n != 2 {
		t.Fatalf("%d keys after one rotation, want 2", n)
	}
	ad := sealed.Context("treatment", "rec-1", "name")
	if got, err := sealed.Open(r, old, ad); err != nil || string(got) != "ທ້າວ ສົມພອນ ແກ້ວມະນີ" {
		t.Fatalf("old value after rotation: %q, %v", got, err)
	}
	fresh := mustSeal(t, r, "rec-1", "x")
	if id, _ := sealed.KeyID(fresh); id != info.ID {
		t.Errorf("new value sealed with %s, want the new key %s", id, info.ID)
	}

	// The file on disk says the same, with its mode kept and no leftovers.
	loaded, err := sealed.LoadKeyRing(path)
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.Close()
	if fmt.Sprint(loaded.Keys()) != fmt.Sprint(r.Keys()) {
		t.Errorf("file keys %v, ring keys %v", loaded.Keys(), r.Keys())
	}
	if _, err := sealed.Open(loaded, old, ad); err != nil {
		t.Errorf("old value with the reloaded file: %v", err)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o after rotation, want 0600", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("data directory holds %d files after rotation, want only the key file", len(entries))
	}
}

func TestRotateNeverLosesAKey(t *testing.T) {
	a, path := mustCreateRing(t)
	b, err := sealed.LoadKeyRing(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	ka, err := a.Rotate(path) // another process rotates; b does not know
	if err != nil {
		t.Fatal(err)
	}
	v := mustSeal(t, a, "rec-1", "Lò Thị Mai")
	kb, err := b.Rotate(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Keys()) != 3 || b.CurrentID() != kb.ID {
		t.Fatalf("b after rotating: %v, current %s", b.Keys(), b.CurrentID())
	}
	if _, err := sealed.Open(b, v, sealed.Context("treatment", "rec-1", "name")); err != nil {
		t.Errorf("b cannot open a value sealed with a's key %s: %v", ka.ID, err)
	}
	loaded, err := sealed.LoadKeyRing(path)
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.Close()
	if len(loaded.Keys()) != 3 {
		t.Errorf("file holds %v, want all 3 keys", loaded.Keys())
	}
}

func TestRotateRefusesWhileAnotherChangeIsUnderway(t *testing.T) {
	r, path := mustCreateRing(t)
	before := readFile(t, path)
	if err := os.WriteFile(path+".new", nil, 0o600); err != nil {
		t.Fatal(err)
	}
	current := r.CurrentID()
	_, err := r.Rotate(path)
	wantErr(t, err, sealed.ErrKeyFileBusy, borderlink.EConflict)
	if readFile(t, path) != before || r.CurrentID() != current {
		t.Error("a refused rotation changed the file or the ring")
	}
	if _, err := os.Stat(path + ".new"); err != nil {
		t.Errorf("the other change's file was removed: %v", err)
	}
}

func TestRotateRefusesInsecureFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	r, path := mustCreateRing(t)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := r.Rotate(path)
	wantErr(t, err, sealed.ErrKeyFileMode, borderlink.EInvalid)
	if _, err := os.Stat(path + ".new"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused rotation left %s.new behind", path)
	}
}

func TestRetire(t *testing.T) {
	r, path := mustCreateRing(t)
	oldID := r.CurrentID()
	ad := sealed.Context("treatment", "rec-7", "name")
	stored := map[string][]byte{"rec-7": mustSeal(t, r, "rec-7", "Vàng A Dế")}
	usage := func(id string) (int, error) {
		n := 0
		for _, v := range stored {
			if got, _ := sealed.KeyID(v); got == id {
				n++
			}
		}
		return n, nil
	}

	wantErr(t, r.Retire(path, oldID, usage), sealed.ErrCurrentKey, borderlink.EConflict)
	if _, err := r.Rotate(path); err != nil {
		t.Fatal(err)
	}
	wantErr(t, r.Retire(path, oldID, usage), sealed.ErrKeyInUse, borderlink.EConflict)
	wantErr(t, r.Retire(path, oldID, nil), sealed.ErrUsageNotCounted, borderlink.EInvalid)
	wantErr(t, r.Retire(path, "0badc0de", usage), sealed.ErrUnknownKey, borderlink.ENotFound)
	wantErr(t, r.Retire(path, "not-an-id", usage), sealed.ErrUnknownKey, borderlink.EInvalid)
	failing := func(string) (int, error) { return 0, errors.New("database is down") }
	if err := r.Retire(path, oldID, failing); err == nil || !strings.Contains(err.Error(), "database is down") {
		t.Fatalf("Retire with a failing count: %v", err)
	}

	old := stored["rec-7"]
	moved, err := sealed.Reseal(r, old, ad)
	if err != nil {
		t.Fatal(err)
	}
	stored["rec-7"] = moved
	if err := r.Retire(path, oldID, usage); err != nil {
		t.Fatalf("Retire once nothing uses the key: %v", err)
	}
	if len(r.Keys()) != 1 || strings.Contains(readFile(t, path), oldID) {
		t.Errorf("key %s still in the ring %v or the file", oldID, r.Keys())
	}
	_, err = sealed.Open(r, old, ad)
	wantErr(t, err, sealed.ErrUnknownKey, borderlink.EInternal)
	if got, err := sealed.Open(r, moved, ad); err != nil || string(got) != "Vàng A Dế" {
		t.Errorf("resealed value after retirement: %q, %v", got, err)
	}
}

func TestReloadPicksUpAnotherProcessRotation(t *testing.T) {
	node, path := mustCreateRing(t)
	cli, err := sealed.LoadKeyRing(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	info, err := cli.Rotate(path)
	if err != nil {
		t.Fatal(err)
	}
	v := mustSeal(t, cli, "rec-1", "Phạm Thị Hoa")
	ad := sealed.Context("treatment", "rec-1", "name")
	_, err = sealed.Open(node, v, ad)
	wantErr(t, err, sealed.ErrUnknownKey, borderlink.EInternal)
	if err := node.Reload(path); err != nil {
		t.Fatal(err)
	}
	if node.CurrentID() != info.ID {
		t.Errorf("current %s after reload, want %s", node.CurrentID(), info.ID)
	}
	if _, err := sealed.Open(node, v, ad); err != nil {
		t.Errorf("after reload: %v", err)
	}
}

func TestKeyRingPrintsNoKeyBytes(t *testing.T) {
	r, path := mustCreateRing(t)
	if _, err := r.Rotate(path); err != nil {
		t.Fatal(err)
	}
	var secrets [][]byte
	for _, m := range keyLine.FindAllStringSubmatch(readFile(t, path), -1) {
		b, _ := hex.DecodeString(m[3])
		secrets = append(secrets, b)
	}
	if len(secrets) != 2 {
		t.Fatalf("%d keys in the file, want 2", len(secrets))
	}
	want := fmt.Sprintf("sealed.KeyRing{current: %s, keys: 2}", r.CurrentID())
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T %[1]v"} {
		for _, arg := range []any{r, *r, []any{r}, struct{ R *sealed.KeyRing }{r}, r.Keys()} {
			out := fmt.Sprintf(verb, arg)
			for _, s := range secrets {
				if leaks(out, s) {
					t.Errorf("fmt.Sprintf(%q, %T) = %q shows key bytes", verb, arg, out)
				}
			}
		}
		if verb[len(verb)-1] == 'v' || verb == "%s" {
			if out := fmt.Sprintf(verb, r); !strings.HasSuffix(out, want) {
				t.Errorf("fmt.Sprintf(%q, ring) = %q, want %q", verb, out, want)
			}
		}
	}
}

// leaks reports whether out shows secret in any of the forms fmt prints
// bytes in: raw, hexadecimal, or as a list of decimal numbers.
func leaks(out string, secret []byte) bool {
	dec := strings.Trim(fmt.Sprint(secret[:8]), "[]")
	return strings.Contains(out, string(secret[:8])) ||
		strings.Contains(strings.ToLower(out), hex.EncodeToString(secret[:8])) ||
		strings.Contains(out, dec)
}

func TestClose(t *testing.T) {
	r, _ := mustCreateRing(t)
	v := mustSeal(t, r, "rec-1", "x")
	r.Close()
	_, err := sealed.Seal(r, []byte("x"), []byte("treatment:rec-1:name"))
	wantErr(t, err, sealed.ErrClosed, borderlink.EInternal)
	_, err = sealed.Open(r, v, []byte("treatment:rec-1:name"))
	wantErr(t, err, sealed.ErrClosed, borderlink.EInternal)
	if got := fmt.Sprint(r); got != "sealed.KeyRing{closed}" {
		t.Errorf("closed ring prints %q", got)
	}
	var none *sealed.KeyRing
	_, err = sealed.Seal(none, []byte("x"), []byte("treatment:rec-1:name"))
	wantErr(t, err, sealed.ErrClosed, borderlink.EInternal)
}

func TestSealAndOpenWhileRotating(t *testing.T) {
	r, path := mustCreateRing(t)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			id := fmt.Sprintf("rec-%d", g)
			ad := sealed.Context("treatment", id, "name")
			for range 200 {
				v, err := sealed.Seal(r, []byte("Đinh Văn Tú"), ad)
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := sealed.Open(r, v, ad); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for range 3 {
		if _, err := r.Rotate(path); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
}

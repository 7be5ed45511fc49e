package sealed_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/sealed"
)

// mustCreateRing creates a key file in a new temporary data directory and
// returns its ring and path. The ring is closed when the test ends.
func mustCreateRing(tb testing.TB) (*sealed.KeyRing, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), sealed.KeyFileName)
	r, err := sealed.CreateKeyFile(path)
	if err != nil {
		tb.Fatalf("CreateKeyFile: %v", err)
	}
	tb.Cleanup(r.Close)
	return r, path
}

// mustSeal seals plaintext for the name field of record id.
func mustSeal(tb testing.TB, r *sealed.KeyRing, id string, plaintext string) []byte {
	tb.Helper()
	v, err := sealed.Seal(r, []byte(plaintext), sealed.Context("treatment", id, "name"))
	if err != nil {
		tb.Fatalf("Seal: %v", err)
	}
	return v
}

// wantErr fails unless err wraps target and carries code.
func wantErr(tb testing.TB, err, target error, code string) {
	tb.Helper()
	if !errors.Is(err, target) {
		tb.Fatalf("error %v, want %v", err, target)
	}
	if got := borderlink.ErrorCode(err); got != code {
		tb.Fatalf("error code %q, want %q (%v)", got, code, err)
	}
}

// readFile returns the content of path.
func readFile(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

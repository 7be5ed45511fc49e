package sealed_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"github.com/borderlink/borderlink/internal/sealed"
)

// FuzzOpen feeds Open arbitrary bytes and associated data. It must never
// panic, must fail with one of the documented errors, and may succeed only
// on an unchanged value made by Seal.
func FuzzOpen(f *testing.F) {
	path := filepath.Join(f.TempDir(), sealed.KeyFileName)
	r, err := sealed.CreateKeyFile(path)
	if err != nil {
		f.Fatal(err)
	}
	defer r.Close()
	ad := sealed.Context("treatment", "rec-1", "name")
	var seeds [][]byte
	for _, text := range []string{"", "Giàng A Lử", "ທ້າວ ຄຳແພງ"} {
		v, err := sealed.Seal(r, []byte(text), ad)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, v)
		f.Add(v, ad)
	}
	f.Add([]byte{}, []byte{})
	f.Add([]byte{1}, ad)
	f.Add(bytes.Repeat([]byte{1}, sealed.Overhead), ad)

	f.Fuzz(func(t *testing.T, v, ad []byte) {
		got, err := sealed.Open(r, v, ad)
		if err == nil {
			for _, s := range seeds {
				if bytes.Equal(s, v) {
					return
				}
			}
			t.Fatalf("Open accepted a value Seal did not make: %x -> %q", v, got)
		}
		for _, known := range []error{sealed.ErrMalformed, sealed.ErrUnknownKey, sealed.ErrWrongContext, sealed.ErrTampered} {
			if errors.Is(err, known) {
				return
			}
		}
		t.Fatalf("Open failed with an undocumented error: %v", err)
	})
}

package checkpoint_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/screening"
)

// BenchmarkScreen is one screening as an officer makes it: the search of
// a 100,000-person watch list and the audit entry committed to SQLite.
func BenchmarkScreen(b *testing.B) {
	e := newEnv(b, filepath.Join(b.TempDir(), "la.db"))
	gen := screening.Generate(100000, 7)
	entries := make([]checkpoint.ListEntry, len(gen))
	for i, g := range gen {
		entries[i] = checkpoint.ListEntry{ID: g.ID, Name: g.Names[0], AltNames: g.Names[1:], DOB: g.DOB, Nationality: g.Nationality}
	}
	var buf bytes.Buffer
	if err := checkpoint.WriteList(&buf, entries); err != nil {
		b.Fatal(err)
	}
	if _, err := e.svc.LoadList(e.ctx, investigator, checkpoint.LoadInput{ListID: "gen", Data: buf.Bytes()}); err != nil {
		b.Fatal(err)
	}
	qs := screening.Queries(gen, 1000, 8)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := e.svc.Screen(e.ctx, officer, qs[i%len(qs)].Query); err != nil {
			b.Fatal(err)
		}
	}
}

package screening

import (
	"slices"
	"testing"
	"time"
)

func buildIndex(t testing.TB, entries []Entry) *Index {
	ix := NewIndex()
	for _, e := range entries {
		if err := ix.Put(e); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

// TestRecall measures recall@1 and @10 on generated queries with known
// answers, and the false-hit rate on queries for people not on the list.
// An answer counts when the wanted entry, or another entry whose name
// screening cannot tell from it, is among the candidates.
func TestRecall(t *testing.T) { recall(t, 20000, 5000) }

func recall(t *testing.T, size, nq int) {
	entries := Generate(size, 1)
	ix := buildIndex(t, entries)
	ev := Evaluate(ix, entries, Queries(entries, nq, 2))
	for _, k := range ev.Kinds {
		t.Logf("%-15s n=%4d recall@1=%.3f recall@10=%.3f", k.Kind, k.N, k.Recall1, k.Rec10)
	}
	t.Logf("all             n=%4d recall@1=%.3f recall@10=%.3f", ev.All.N, ev.All.Recall1, ev.All.Rec10)
	for _, s := range ev.Nothing {
		t.Logf("should find nothing (%s): n=%d, any candidate %.3f, top score ≥ %.2f %.3f", s.Source, s.N, s.Lead, HitScore, s.Hit)
	}
	if ev.All.Rec10 < 0.98 {
		t.Errorf("recall@10 = %.3f, want ≥ 0.98", ev.All.Rec10)
	}
}

// TestLatency prints the latency distribution of generated queries on
// 200,000 entries. It does not assert on time: machines differ.
func TestLatency(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 200,000 entries")
	}
	entries := Generate(200000, 3)
	t0 := time.Now()
	ix := buildIndex(t, entries)
	t.Logf("built 200,000 entries in %v", time.Since(t0).Round(time.Millisecond))
	qs := Queries(entries, 3000, 4)
	lat := make([]time.Duration, len(qs))
	for i, q := range qs {
		t0 := time.Now()
		ix.Search(q.Query)
		lat[i] = time.Since(t0)
	}
	slices.Sort(lat)
	t.Logf("%d queries on %d entries: p50 %v, p90 %v, p99 %v, max %v", len(lat), ix.Len(),
		lat[len(lat)/2], lat[len(lat)*9/10], lat[len(lat)*99/100], lat[len(lat)-1])
}

package screening

import (
	"slices"
	"sort"
	"testing"
	"time"
)

// signatures maps each name signature to the IDs of the entries bearing it.
func signatures(entries []Entry) map[string][]string {
	m := map[string][]string{}
	for _, e := range entries {
		for _, n := range e.Names {
			s := nameSignature(n)
			if !slices.Contains(m[s], e.ID) {
				m[s] = append(m[s], e.ID)
			}
		}
	}
	return m
}

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
	sigs := signatures(entries)
	byID := map[string]Entry{}
	for _, e := range entries {
		byID[e.ID] = e
	}
	qs := Queries(entries, nq, 2)
	type stat struct{ n, at1, at10 int }
	stats := map[string]*stat{}
	var all stat
	type none struct{ n, lead, hit int }
	nones := map[string]*none{}
	for _, q := range qs {
		got := ix.Search(q.Query)
		if q.Want == "" {
			s := nones[q.Source]
			if s == nil {
				s = &none{}
				nones[q.Source] = s
			}
			s.n++
			if len(got) > 0 {
				s.lead++
				if got[0].Score >= HitScore {
					s.hit++
				}
			}
			continue
		}
		ok := map[string]bool{q.Want: true}
		same := append(slices.Clone(sigs[nameSignature(q.Source)]), sigs[nameSignature(q.Query.Name)]...)
		for _, id := range same {
			// Same name; it counts unless the query's date rules it out.
			if q.Query.DOB == "" || compareDOB(mustDOB(q.Query.DOB), mustDOB(byID[id].DOB)) != dobConflict {
				ok[id] = true
			}
		}
		s := stats[q.Kind]
		if s == nil {
			s = &stat{}
			stats[q.Kind] = s
		}
		s.n++
		all.n++
		qkeys := keysOf(q.Query.Name)
		found := func(c Candidate) bool {
			// An entry that has every queried word, no typo, and no
			// conflicting date shares the queried name.
			return ok[c.ID] || !slices.Contains(c.Reasons, ReasonNameTypo) && !slices.Contains(c.Reasons, ReasonDOBConflict) && containsKeys(byID[c.ID], qkeys)
		}
		for i, c := range got {
			if found(c) {
				if i == 0 {
					s.at1++
					all.at1++
				}
				s.at10++
				all.at10++
				break
			}
		}
		if !slices.ContainsFunc(got, found) {
			if testing.Verbose() && s.n-s.at10 <= 3 {
				t.Logf("miss %s: %q (from %q, want %s) → %v", q.Kind, q.Query.Name, q.Source, q.Want, first(got, 2))
			}
		}
	}
	kinds := make([]string, 0, len(stats))
	for k := range stats {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		s := stats[k]
		t.Logf("%-15s n=%4d recall@1=%.3f recall@10=%.3f", k, s.n, float64(s.at1)/float64(s.n), float64(s.at10)/float64(s.n))
	}
	r10 := float64(all.at10) / float64(all.n)
	t.Logf("all             n=%4d recall@1=%.3f recall@10=%.3f", all.n, float64(all.at1)/float64(all.n), r10)
	for _, how := range []string{"absent", "made_up"} {
		s := nones[how]
		t.Logf("should find nothing (%s): n=%d, any candidate %.3f, top score ≥ %.2f %.3f",
			how, s.n, float64(s.lead)/float64(s.n), HitScore, float64(s.hit)/float64(s.n))
	}
	if r10 < 0.98 {
		t.Errorf("recall@10 = %.3f, want ≥ 0.98", r10)
	}
}

func first(c []Candidate, n int) []Candidate { return c[:min(n, len(c))] }

func mustDOB(s string) DOB {
	d, err := ParseDOB(s)
	if err != nil {
		panic(err)
	}
	return d
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

func keysOf(name string) []string {
	var ks []string
	for _, t := range tokenize(name) {
		ks = append(ks, t.key)
	}
	return ks
}

// containsKeys reports whether a name of e has all keys (as a multiset).
func containsKeys(e Entry, keys []string) bool {
	for _, n := range e.Names {
		have := keysOf(n)
		all := true
		for _, k := range keys {
			i := slices.Index(have, k)
			if i < 0 {
				all = false
				break
			}
			have = slices.Delete(have, i, i+1)
		}
		if all {
			return true
		}
	}
	return false
}

package screening

import (
	"slices"
	"sort"
	"time"
)

// Evaluation is how an index did on generated queries with known answers
// (see Queries): recall by kind of query, the rate of leads and hits on
// queries for people not on the list, and the latency of every query.
type Evaluation struct {
	Kinds   []KindRecall
	All     KindRecall
	Nothing []NothingRate
	Latency []time.Duration // sorted
}

// KindRecall is recall@1 and recall@10 over the queries of one kind.
type KindRecall struct {
	Kind           string
	N              int
	At1, At10      int
	Recall1, Rec10 float64
}

// NothingRate is what queries that should find nothing found: any
// candidate at all (a lead) and a first candidate scoring HitScore or more
// (a hit). Source is "absent" (a real name combination not on the list) or
// "made_up".
type NothingRate struct {
	Source    string
	N         int
	Lead, Hit float64
}

// Quantile returns the q-quantile of the latencies.
func (e Evaluation) Quantile(q float64) time.Duration {
	if len(e.Latency) == 0 {
		return 0
	}
	return e.Latency[min(len(e.Latency)-1, int(q*float64(len(e.Latency))))]
}

// Evaluate runs qs against ix, built from entries. An answer counts when
// the wanted entry, or another entry whose name screening cannot tell from
// it (the same name signature, or every queried word without a typo) and
// whose date of birth does not conflict, is among the candidates: several
// listed persons may share a name exactly.
func Evaluate(ix *Index, entries []Entry, qs []TestQuery) Evaluation {
	sigs := signatures(entries)
	byID := make(map[string]Entry, len(entries))
	for _, e := range entries {
		byID[e.ID] = e
	}
	kinds := map[string]*KindRecall{}
	nothing := map[string]*[3]int{} // n, lead, hit
	var ev Evaluation
	for _, q := range qs {
		t0 := time.Now()
		got := ix.Search(q.Query)
		ev.Latency = append(ev.Latency, time.Since(t0))
		if q.Want == "" {
			s := nothing[q.Source]
			if s == nil {
				s = &[3]int{}
				nothing[q.Source] = s
			}
			s[0]++
			if len(got) > 0 {
				s[1]++
				if got[0].Score >= HitScore {
					s[2]++
				}
			}
			continue
		}
		ok := map[string]bool{q.Want: true}
		same := append(slices.Clone(sigs[nameSignature(q.Source)]), sigs[nameSignature(q.Query.Name)]...)
		var qdob DOB
		if q.Query.DOB != "" {
			qdob, _ = ParseDOB(q.Query.DOB)
		}
		for _, id := range same {
			d, _ := ParseDOB(byID[id].DOB)
			if q.Query.DOB == "" || compareDOB(qdob, d) != dobConflict {
				ok[id] = true
			}
		}
		qkeys := keysOf(q.Query.Name)
		found := func(c Candidate) bool {
			return ok[c.ID] || !slices.Contains(c.Reasons, ReasonNameTypo) && !slices.Contains(c.Reasons, ReasonDOBConflict) &&
				containsKeys(byID[c.ID], qkeys)
		}
		k := kinds[q.Kind]
		if k == nil {
			k = &KindRecall{Kind: q.Kind}
			kinds[q.Kind] = k
		}
		k.N++
		ev.All.N++
		if i := slices.IndexFunc(got, found); i >= 0 {
			if i == 0 {
				k.At1++
				ev.All.At1++
			}
			k.At10++
			ev.All.At10++
		}
	}
	rate := func(a, n int) float64 {
		if n == 0 {
			return 0
		}
		return float64(a) / float64(n)
	}
	for _, k := range kinds {
		k.Recall1, k.Rec10 = rate(k.At1, k.N), rate(k.At10, k.N)
		ev.Kinds = append(ev.Kinds, *k)
	}
	sort.Slice(ev.Kinds, func(i, j int) bool { return ev.Kinds[i].Kind < ev.Kinds[j].Kind })
	ev.All.Kind, ev.All.Recall1, ev.All.Rec10 = "all", rate(ev.All.At1, ev.All.N), rate(ev.All.At10, ev.All.N)
	for src, s := range nothing {
		ev.Nothing = append(ev.Nothing, NothingRate{Source: src, N: s[0], Lead: rate(s[1], s[0]), Hit: rate(s[2], s[0])})
	}
	sort.Slice(ev.Nothing, func(i, j int) bool { return ev.Nothing[i].Source < ev.Nothing[j].Source })
	slices.Sort(ev.Latency)
	return ev
}

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

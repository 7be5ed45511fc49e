package screening

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// The million-entry index is built once for all benchmarks of a run.
var million struct {
	once    sync.Once
	ix      *Index
	queries []TestQuery
	build   time.Duration
	bytes   float64 // heap held by the index, per entry
}

func millionIndex(b *testing.B) {
	million.once.Do(func() {
		const n = 1_000_000
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		entries := Generate(n, 11)
		t0 := time.Now()
		ix := NewIndex()
		for _, e := range entries {
			if err := ix.Put(e); err != nil {
				b.Fatal(err)
			}
		}
		million.build = time.Since(t0)
		million.queries = Queries(entries, 20000, 12)
		entries = nil
		runtime.GC()
		runtime.ReadMemStats(&m1)
		runtime.KeepAlive(entries)
		// The queries hold a few strings of their own; they are small
		// next to the index.
		million.bytes = float64(m1.HeapAlloc-m0.HeapAlloc) / n
		million.ix = ix
	})
}

// BenchmarkSearch runs generated queries against 1,000,000 generated
// entries and reports, besides ns/op, the build time, the heap the index
// holds per entry and the p50/p99 latency of the queries run.
func BenchmarkSearch(b *testing.B) {
	if testing.Short() {
		b.Skip("builds 1,000,000 entries")
	}
	millionIndex(b)
	ix, qs := million.ix, million.queries
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		ix.Search(qs[i%len(qs)].Query)
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns")
	b.ReportMetric(million.build.Seconds(), "build-s")
	b.ReportMetric(million.bytes, "state-B/entry")
}

// BenchmarkSearchParallel is BenchmarkSearch on all cores (set -cpu 2 for
// the two-core target).
func BenchmarkSearchParallel(b *testing.B) {
	if testing.Short() {
		b.Skip("builds 1,000,000 entries")
	}
	millionIndex(b)
	ix, qs := million.ix, million.queries
	var mu sync.Mutex
	next := 0
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		mu.Lock()
		i := next
		next += 7919
		mu.Unlock()
		for pb.Next() {
			ix.Search(qs[i%len(qs)].Query)
			i++
		}
	})
}

// BenchmarkBuild measures one Put into a growing index (ns/op per entry)
// and reports the heap the index holds per entry.
func BenchmarkBuild(b *testing.B) {
	entries := Generate(max(b.N, 1), 13)
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	ix := NewIndex()
	b.ResetTimer()
	for i := range b.N {
		if err := ix.Put(entries[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	runtime.KeepAlive(ix)
	b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/float64(b.N), "index-B/entry")
}

package bench

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/borderlink/borderlink/screening"
)

// ScreeningOptions say what `borderlink bench screening` measures.
type ScreeningOptions struct {
	Persons int // generated persons on the list
	Queries int // generated queries with known answers
	Out     io.Writer
}

// ScreeningResult holds the figures.
type ScreeningResult struct {
	Persons       int
	Build         time.Duration
	BytesPerEntry float64
	P50, P99, Max time.Duration
	QPS           float64 // two goroutines, one per core
	Eval          screening.Evaluation
}

// Screening generates a list of persons (Vietnamese and Lao names in
// proportion), builds the in-memory index, runs generated queries with
// known answers (diacritics dropped, words reordered, one or two typos,
// Lao script against romanised and the reverse, people not on the list)
// and prints latency, throughput, recall and the false-hit rate.
func Screening(o ScreeningOptions) (ScreeningResult, error) {
	r := ScreeningResult{Persons: o.Persons}
	fmt.Fprintf(o.Out, "generating %d persons…\n", o.Persons)
	entries := screening.Generate(o.Persons, 1)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	ix := screening.NewIndex()
	for _, e := range entries {
		if err := ix.Put(e); err != nil {
			return r, fmt.Errorf("bench screening: %w", err)
		}
	}
	r.Build = time.Since(t0)
	runtime.GC()
	runtime.ReadMemStats(&after)
	r.BytesPerEntry = float64(after.HeapAlloc-min(before.HeapAlloc, after.HeapAlloc)) / float64(o.Persons)
	qs := screening.Queries(entries, o.Queries, 2)
	r.Eval = screening.Evaluate(ix, entries, qs)
	r.P50, r.P99, r.Max = r.Eval.Quantile(0.5), r.Eval.Quantile(0.99), r.Eval.Latency[len(r.Eval.Latency)-1]
	workers := max(1, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	t0 = time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(qs); i += workers {
				ix.Search(qs[i].Query)
			}
		}()
	}
	wg.Wait()
	r.QPS = float64(len(qs)) / time.Since(t0).Seconds()
	printScreening(o.Out, r)
	return r, nil
}

func printScreening(w io.Writer, r ScreeningResult) {
	fmt.Fprintf(w, "\n%d persons: index built in %v, %.0f bytes per entry\n", r.Persons, r.Build.Round(time.Millisecond), r.BytesPerEntry)
	fmt.Fprintf(w, "latency p50 %v, p99 %v, max %v; %.0f queries/s on %d cores\n",
		r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond), r.Max.Round(time.Microsecond), r.QPS, runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "\n%-16s %6s %9s %10s\n", "queries", "n", "recall@1", "recall@10")
	for _, k := range append(r.Eval.Kinds, r.Eval.All) {
		fmt.Fprintf(w, "%-16s %6d %9.3f %10.3f\n", k.Kind, k.N, k.Recall1, k.Rec10)
	}
	for _, s := range r.Eval.Nothing {
		fmt.Fprintf(w, "should find nothing (%s): %d queries, a candidate for %.1f%%, a hit (score ≥ %.2f) for %.1f%%\n",
			s.Source, s.N, 100*s.Lead, screening.HitScore, 100*s.Hit)
	}
}

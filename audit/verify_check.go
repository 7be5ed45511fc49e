package audit

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/borderlink/borderlink"
)

// mismatch notes that entry n hashes to computed where stored was recorded.
// Whether it was altered or moved is decided once the whole log is read.
func (w *walker) mismatch(n int64, computed, stored tlog.Hash) {
	if len(w.mismatches) >= MaxProblems {
		w.rep.Omitted++
		return
	}
	w.mismatches = append(w.mismatches, leafMismatch{n, computed, stored})
	w.moved(stored, n)
}

// moved remembers that the entry recorded with leaf hash h at n is no
// longer there, up to a bound on memory.
func (w *walker) moved(h tlog.Hash, n int64) {
	if len(w.movedFrom) < maxMoved {
		w.movedFrom[h] = n
	}
}

// maxMoved bounds the leaf hashes Verify keeps to recognise moved entries.
const maxMoved = 100_000

// classifyLeaves reports each wrong entry as reordered when it is an entry
// recorded at another (wrong or missing) place, and as altered otherwise.
func (w *walker) classifyLeaves() {
	for _, m := range w.mismatches {
		if j, ok := w.movedFrom[m.computed]; ok && j != m.seq {
			w.rep.add(m.seq, KindReordered, "entry %d is the entry recorded at %d", m.seq, j)
			continue
		}
		w.rep.add(m.seq, KindAltered, "entry %d does not match the leaf hash stored when it was recorded", m.seq)
	}
}

// endRemoved reports the run of missing entries that has just ended at to.
func (w *walker) endRemoved(to int64) {
	if w.removedFrom < 0 {
		return
	}
	from := w.removedFrom
	w.removedFrom = -1
	w.rep.add(from, KindRemoved, "%s missing", plural(int(to-from+1), span(from, to)+" is", span(from, to)+" are"))
}

// checkpoint checks a stored checkpoint against the tree, which has just
// reached the checkpoint's size.
func (w *walker) checkpoint(c checkpointRow) {
	w.rep.Checkpoints++
	switch {
	case c.err != nil:
		w.rep.add(-1, KindBadSignature, "the checkpoint stored for %d entries: %v", c.size, c.err)
	case c.cp.Size != c.size:
		w.rep.add(c.size-1, KindCheckpointMismatch, "the checkpoint stored for %d entries is signed for %d", c.size, c.cp.Size)
	default:
		w.covered = c.size
		if w.broken < 0 && c.cp.Root == w.tree.root() {
			return
		}
		if w.cpFirst >= 0 {
			w.cpMore++
			return
		}
		if len(w.rep.Problems) < MaxProblems {
			w.cpFirst = len(w.rep.Problems)
		}
		w.rep.add(c.size-1, KindCheckpointMismatch,
			"the checkpoint signed for %d entries does not match the tree recomputed from the entries", c.size)
	}
}

type checkpointRow struct {
	size int64
	note []byte
	cp   SignedCheckpoint
	err  error
}

// openAll verifies the signatures of rows, on every CPU.
func (w *walker) openAll(rows []checkpointRow) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(rows)) {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(len(rows)) {
					return
				}
				r := &rows[i]
				r.cp, r.err = openCheckpoint(r.note, w.v, w.origin)
				r.err = cause(r.err)
			}
		})
	}
	wg.Wait()
}

// cause returns the internal cause of a *borderlink.Error, for a report.
func cause(err error) error {
	var e *borderlink.Error
	if errors.As(err, &e) && e.Err != nil {
		return e.Err
	}
	return err
}

package audit

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/borderlink/borderlink"
)

// verifyPage is how many entries Verify reads per query.
const verifyPage = 1024

// Verify reads node's whole audit log through db and checks it against
// itself and against the checkpoints signed with pub:
//
//   - entries run from Seq 0 up to the head's size without a gap
//     (KindRemoved);
//   - each entry hashes to the leaf hash stored when it was recorded
//     (KindAltered), unless it is an entry recorded at another place
//     (KindReordered);
//   - the stored tree hashes match the entries (KindAltered);
//   - every stored checkpoint is signed with pub (KindBadSignature) and
//     its root is the tree hash recomputed from the entries at its size,
//     the latest one covers every entry, and none covers more entries than
//     the log holds (KindCheckpointMismatch);
//   - the head's size agrees with the entries (KindHeadMismatch).
//
// What Verify cannot see: a log cut short at its end together with the
// checkpoints of the removed entries, and a log rewritten and signed anew
// by someone holding the node's private key, are consistent in themselves.
// Only a peer that kept an earlier checkpoint can tell (CheckConsistency).
//
// Verify streams the log in pages and holds O(log n) tree hashes, so its
// memory does not grow with the log. Run in a transaction that sees one
// state, it is exact; where the engine lets appends committed meanwhile
// show through, it checks the log as it was when it started. It returns an
// error only when the log cannot be read; what it finds is in the Report.
func Verify(ctx context.Context, db DB, pub ed25519.PublicKey, node borderlink.NodeID) (Report, error) {
	v, err := newVerifier(node, pub)
	if err != nil {
		return Report{}, err
	}
	var rep Report
	err = db.View(ctx, func(tx Tx) error {
		rep = Report{}
		w := &walker{ctx: ctx, repo: tx.Audit(), v: v, origin: Origin(node), rep: &rep,
			broken: -1, removedFrom: -1, cpFirst: -1, movedFrom: map[tlog.Hash]int64{}}
		return w.run()
	})
	if err != nil {
		return Report{}, fmt.Errorf("audit: verify: %w", err)
	}
	rep.finish()
	return rep, nil
}

// walker is the state of one Verify run.
type walker struct {
	ctx    context.Context
	repo   Repo
	v      note.Verifier
	origin string
	rep    *Report

	tree          tree
	broken        int64 // first leaf whose hash is unknown, or -1
	leafTrouble   bool  // a leaf was missing or wrong: upper hashes will differ
	upperReported bool
	mismatches    []leafMismatch
	movedFrom     map[tlog.Hash]int64 // stored leaf hashes of wrong or missing entries
	removedFrom   int64               // start of the current run of missing entries, or -1
	cpFirst       int                 // index in rep.Problems of the first diverging checkpoint, or -1
	cpMore        int                 // diverging checkpoints after the first
	covered       int64               // size of the last valid checkpoint seen
}

type leafMismatch struct {
	seq              int64
	computed, stored tlog.Hash
}

func (w *walker) run() error {
	head, err := w.repo.Head(w.ctx)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		// Check what entries there are; appends fail until it is back.
		w.rep.add(-1, KindHeadMismatch, "the log's head is missing")
		if head, err = w.repo.MaxSeq(w.ctx); err == nil {
			head++
		}
	}
	if err != nil {
		return err
	}
	for lo := int64(0); lo < head; {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		hi := min(lo+verifyPage, head)
		empty, err := w.page(lo, hi)
		if err != nil {
			return err
		}
		lo = hi
		if empty {
			// Nothing stored here at all: skip to the next stored row
			// rather than walk an empty range a forged head may make huge.
			if lo, err = w.nextRow(hi, head); err != nil {
				return err
			}
		}
	}
	if err := w.tail(head); err != nil {
		return err
	}
	w.classifyLeaves()
	if w.cpMore > 0 && w.cpFirst >= 0 {
		w.rep.Problems[w.cpFirst].Detail += fmt.Sprintf(" (nor do the %d later checkpoints)", w.cpMore)
	}
	return nil
}

// page checks the entries with lo <= Seq < hi and the checkpoints for sizes
// lo+1 to hi. It reports whether it found no row at all.
func (w *walker) page(lo, hi int64) (empty bool, err error) {
	entries := make([]Entry, hi-lo)
	have := make([]bool, hi-lo)
	rowCount := 0
	err = w.repo.ScanEntries(w.ctx, lo, hi, func(e Entry) error {
		rowCount++
		if e.Seq >= lo && e.Seq < hi {
			entries[e.Seq-lo], have[e.Seq-lo] = e, true
			w.rep.Entries++
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	base, end := tlog.StoredHashCount(lo), tlog.StoredHashCount(hi)
	hashes := make([]tlog.Hash, end-base)
	hhave := make([]bool, end-base)
	err = w.repo.ScanHashes(w.ctx, base, end, func(x int64, h tlog.Hash) error {
		rowCount++
		if x >= base && x < end {
			hashes[x-base], hhave[x-base] = h, true
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	var rows []checkpointRow
	err = w.repo.ScanCheckpoints(w.ctx, lo+1, hi+1, func(size int64, note []byte) error {
		rows = append(rows, checkpointRow{size: size, note: note})
		return nil
	})
	if err != nil {
		return false, err
	}
	if rowCount+len(rows) == 0 && w.broken >= 0 {
		if w.removedFrom < 0 {
			w.removedFrom = lo
		}
		return true, nil
	}
	w.openAll(rows)

	var buf []tlog.Hash
	for n := lo; n < hi; n++ {
		li := tlog.StoredHashIndex(0, n) - base
		var leaf tlog.Hash
		if have[n-lo] {
			w.endRemoved(n - 1)
			leaf = entries[n-lo].LeafHash()
			switch {
			case !hhave[li]:
				w.leafTrouble = true
				w.rep.add(n, KindAltered, "the leaf hash stored for entry %d is missing", n)
			case leaf != hashes[li]:
				w.leafTrouble = true
				w.mismatch(n, leaf, hashes[li])
			}
		} else {
			if w.removedFrom < 0 {
				w.removedFrom = n
			}
			w.leafTrouble = true
			switch {
			case hhave[li]:
				// Go on with the hash stored when the entry was recorded,
				// so that the rest of the log is still checked.
				leaf = hashes[li]
				w.moved(leaf, n)
			case w.broken < 0:
				w.broken = n
			}
		}
		if w.broken >= 0 {
			// The tree is lost from here on: every later checkpoint
			// mismatches whatever the leaves.
			w.checkpoints(&rows, n+1)
			continue
		}
		buf = w.tree.add(leaf, buf)
		if !w.leafTrouble && !w.upperReported {
			for l := 1; l < len(buf); l++ {
				if x := li + int64(l); !hhave[x] || hashes[x] != buf[l] {
					w.upperReported = true
					w.rep.add(n, KindAltered, "the stored tree hash at level %d completed by entry %d does not match the entries", l, n)
					break
				}
			}
		}
		w.checkpoints(&rows, n+1)
	}
	return false, nil
}

// checkpoints checks the checkpoints among rows for size.
func (w *walker) checkpoints(rows *[]checkpointRow, size int64) {
	for len(*rows) > 0 && (*rows)[0].size == size {
		w.checkpoint((*rows)[0])
		*rows = (*rows)[1:]
	}
}

// nextRow returns the first place at or after from, and before head, where
// an entry or a checkpoint is stored; head when there is none.
func (w *walker) nextRow(from, head int64) (int64, error) {
	next := head
	err := w.repo.ScanEntries(w.ctx, from, head, func(e Entry) error {
		next = e.Seq
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return 0, err
	}
	err = w.repo.ScanCheckpoints(w.ctx, from+1, next+1, func(size int64, _ []byte) error {
		next = size - 1
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return 0, err
	}
	return next, nil
}

// errStop ends a scan early.
var errStop = errors.New("stop")

// tail checks the end of the log: entries no checkpoint covers, and rows
// beyond the head.
func (w *walker) tail(head int64) error {
	if w.removedFrom >= 0 && w.covered <= w.removedFrom {
		// Entries end early and no signed checkpoint vouches for more of
		// them: it is the head that is wrong.
		w.rep.add(w.removedFrom, KindHeadMismatch, "the head says the log has %d entries, but it has %d", head, w.removedFrom)
		head = w.removedFrom
		w.removedFrom = -1
	}
	w.endRemoved(head - 1)
	if w.covered < head {
		w.rep.add(w.covered, KindCheckpointMismatch, "%s covered by no signed checkpoint",
			plural(int(head-w.covered), span(w.covered, head-1)+" is", span(w.covered, head-1)+" are"))
	}
	maxSeq, err := w.repo.MaxSeq(w.ctx)
	if err != nil {
		return err
	}
	latest, msg, err := w.repo.LatestCheckpoint(w.ctx)
	if err != nil && !borderlink.IsCode(err, borderlink.ENotFound) {
		return err
	}
	// Read last: an honest append that commits meanwhile moves the head
	// past everything read before it.
	now, err := w.repo.Head(w.ctx)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		now, err = head, nil // reported already
	}
	if err != nil {
		return err
	}
	if now < head {
		w.rep.add(-1, KindHeadMismatch, "the head went back from %d to %d during the check", head, now)
	}
	if maxSeq >= now {
		w.rep.add(now, KindHeadMismatch, "%s beyond the head's size of %d",
			plural(int(maxSeq-now+1), span(now, maxSeq)+" lies", span(now, maxSeq)+" lie"), now)
	}
	if latest > now {
		if _, err := openCheckpoint(msg, w.v, w.origin); err != nil {
			w.rep.add(-1, KindBadSignature, "the checkpoint stored for %d entries: %v", latest, cause(err))
		} else {
			w.rep.add(now, KindCheckpointMismatch,
				"a signed checkpoint covers %d entries but the log has %d: entries were removed from its end", latest, now)
		}
	}
	return nil
}

package audit

import (
	"fmt"
	"sort"
	"strings"
)

// Kinds of Problem. They are stable: the CLI and the auditors' page show
// them and match on them.
const (
	// KindAltered: an entry no longer hashes to the leaf hash stored when
	// it was recorded, or a stored tree hash does not match the entries.
	KindAltered = "altered"
	// KindRemoved: entries are missing from inside the log.
	KindRemoved = "removed"
	// KindReordered: an entry sits at another place than the one it was
	// recorded at.
	KindReordered = "reordered"
	// KindBadSignature: a stored checkpoint is not signed by the node's key.
	KindBadSignature = "bad_signature"
	// KindCheckpointMismatch: a correctly signed checkpoint does not match
	// the tree recomputed from the entries (entries rewritten together with
	// their hashes, or removed from the end), or entries are not covered by
	// any signed checkpoint.
	KindCheckpointMismatch = "checkpoint_mismatch"
	// KindHeadMismatch: the head's size disagrees with the entries.
	KindHeadMismatch = "head_mismatch"
)

// Problem is one finding of Verify.
type Problem struct {
	// Seq is the entry the problem was found at, or -1 when it concerns no
	// single entry.
	Seq    int64  `json:"seq"`
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
}

func (p Problem) String() string {
	if p.Seq < 0 {
		return fmt.Sprintf("%s: %s", p.Kind, p.Detail)
	}
	return fmt.Sprintf("%s at %d: %s", p.Kind, p.Seq, p.Detail)
}

// MaxProblems is the most problems a Report lists; Omitted counts the rest.
const MaxProblems = 1000

// Report is the result of Verify.
type Report struct {
	Entries     int64     `json:"entries"`     // entries read
	Checkpoints int       `json:"checkpoints"` // checkpoints checked
	OK          bool      `json:"ok"`          // no problem found
	Problems    []Problem `json:"problems"`
	Omitted     int       `json:"omitted"` // problems found beyond MaxProblems
}

func (r *Report) add(seq int64, kind, format string, args ...any) {
	if len(r.Problems) >= MaxProblems {
		r.Omitted++
		return
	}
	r.Problems = append(r.Problems, Problem{Seq: seq, Kind: kind, Detail: fmt.Sprintf(format, args...)})
}

// finish sorts the problems by entry, those about the entry itself before
// those about the checkpoints it shows in, and settles OK.
func (r *Report) finish() {
	rank := func(p Problem) int {
		if p.Kind == KindCheckpointMismatch || p.Kind == KindHeadMismatch {
			return 1
		}
		return 0
	}
	sort.SliceStable(r.Problems, func(i, j int) bool {
		a, b := r.Problems[i], r.Problems[j]
		if a.Seq != b.Seq {
			return a.Seq < b.Seq
		}
		return rank(a) < rank(b)
	})
	r.OK = len(r.Problems) == 0 && r.Omitted == 0
}

// String summarises the report in English, one problem a line.
func (r Report) String() string {
	var b strings.Builder
	if r.OK {
		fmt.Fprintf(&b, "audit log OK: %d entries, %d checkpoints\n", r.Entries, r.Checkpoints)
		return b.String()
	}
	n := len(r.Problems) + r.Omitted
	fmt.Fprintf(&b, "audit log NOT OK: %d entries, %d checkpoints, %d %s\n",
		r.Entries, r.Checkpoints, n, plural(n, "problem", "problems"))
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "  %s\n", p)
	}
	if r.Omitted > 0 {
		fmt.Fprintf(&b, "  … and %d more\n", r.Omitted)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// span describes the entries from to to (inclusive).
func span(from, to int64) string {
	if from == to {
		return fmt.Sprintf("entry %d", from)
	}
	return fmt.Sprintf("entries %d to %d", from, to)
}

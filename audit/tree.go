package audit

import "golang.org/x/mod/sumdb/tlog"

// tree computes the hashes of a tlog tree one leaf at a time. It holds only
// the roots of the tree's complete subtrees (at most 63 of them), so its
// memory does not grow with the log.
type tree struct {
	size  int64
	roots []tlog.Hash // complete subtrees, the largest (leftmost) first
}

// add appends a leaf with hash h. It returns, in buf, the hashes that
// tlog.StoredHashes would store for that leaf: the leaf hash, then the
// hash of each subtree the leaf completes.
func (t *tree) add(h tlog.Hash, buf []tlog.Hash) []tlog.Hash {
	buf = append(buf[:0], h)
	for n := t.size; n&1 == 1; n >>= 1 {
		h = tlog.NodeHash(t.roots[len(t.roots)-1], h)
		t.roots = t.roots[:len(t.roots)-1]
		buf = append(buf, h)
	}
	t.roots = append(t.roots, h)
	t.size++
	return buf
}

// root returns the tree hash, as tlog.TreeHash computes it.
func (t *tree) root() tlog.Hash {
	if len(t.roots) == 0 {
		h, _ := tlog.TreeHash(0, nil) // the empty tree reads nothing
		return h
	}
	h := t.roots[len(t.roots)-1]
	for i := len(t.roots) - 2; i >= 0; i-- {
		h = tlog.NodeHash(t.roots[i], h)
	}
	return h
}

package audit

import (
	"context"
	"crypto/ed25519"
	"fmt"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/borderlink/borderlink"
)

// Log appends entries to a node's audit log and signs its checkpoints. A Log
// holds no state of its own beyond its key, so one Log may serve every
// goroutine and every transaction of the node.
type Log struct {
	node   borderlink.NodeID
	origin string
	clock  borderlink.Clock
	signer *signer
	verify note.Verifier
}

// NewLog returns the audit log of node, whose checkpoints are signed with
// key and whose entries are timed by clock (nil: the system clock). It
// fails when node is not a valid node id or key is not an Ed25519 private
// key.
func NewLog(node borderlink.NodeID, key ed25519.PrivateKey, clock borderlink.Clock) (*Log, error) {
	if err := node.Validate(); err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	if len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("audit: private key is %d bytes, want %d", len(key), ed25519.PrivateKeySize)
	}
	if clock == nil {
		clock = borderlink.SystemClock{}
	}
	v, err := newVerifier(node, key.Public().(ed25519.PublicKey))
	if err != nil {
		return nil, err
	}
	return &Log{
		node:   node,
		origin: Origin(node),
		clock:  clock,
		signer: &signer{name: v.Name(), hash: v.KeyHash(), key: key},
		verify: v,
	}, nil
}

// Node returns the node whose log this is.
func (l *Log) Node() borderlink.NodeID { return l.node }

// PublicKey returns the key that verifies this log's checkpoints.
func (l *Log) PublicKey() ed25519.PublicKey { return l.signer.key.Public().(ed25519.PublicKey) }

// Record appends e to the log inside the caller's transaction, so that the
// entry commits or rolls back with the action it records. It fills Time
// from the log's clock when zero and assigns the next Seq. The transaction
// must be a read-write one; on PostgreSQL it holds the log's head lock from
// this call until it ends, so keep audited transactions short. It returns
// EInvalid when e is not valid (see Entry.Validate). After any error the
// caller must roll the transaction back, not commit it.
func (l *Log) Record(ctx context.Context, repo Repo, e Entry) error {
	return l.RecordBatch(ctx, repo, []Entry{e})
}

// RecordBatch appends every entry of es, in order, like Record, and signs
// one checkpoint for them all. It sets Seq and Time in es as recorded. It
// records and changes nothing when one entry is invalid.
func (l *Log) RecordBatch(ctx context.Context, repo Repo, es []Entry) error {
	if len(es) == 0 {
		return nil
	}
	if b, ok := ctx.Value(bufferKey{}).(*Buffer); ok && b.log == l {
		return b.add(es)
	}
	return l.recordBatch(ctx, repo, es)
}

// Buffer holds the entries recorded through a context from Log.Buffer
// until Flush appends them all under one checkpoint. A transaction that
// applies a batch of a few hundred changes, each recording its own entry,
// pays for the Merkle tree and the signature once instead of once per
// change. The entries get their sequence numbers at Flush.
type Buffer struct {
	log     *Log
	entries []Entry
}

type bufferKey struct{}

// Buffer returns a context under which RecordBatch (and Record) of l keeps
// entries in the returned Buffer instead of writing them. The caller must
// Flush it in the same transaction before committing.
func (l *Log) Buffer(ctx context.Context) (context.Context, *Buffer) {
	b := &Buffer{log: l}
	return context.WithValue(ctx, bufferKey{}, b), b
}

func (b *Buffer) add(es []Entry) error {
	now := b.log.clock.Now()
	for i := range es {
		if es[i].Time.IsZero() {
			es[i].Time = now
		}
		if err := es[i].Validate(); err != nil {
			return err
		}
	}
	b.entries = append(b.entries, es...)
	return nil
}

// Flush appends the buffered entries, in the order they were recorded, in
// repo's transaction, under one signed checkpoint, and empties the buffer.
func (b *Buffer) Flush(ctx context.Context, repo Repo) error {
	es := b.entries
	b.entries = nil
	if len(es) == 0 {
		return nil
	}
	return b.log.recordBatch(ctx, repo, es)
}

func (l *Log) recordBatch(ctx context.Context, repo Repo, es []Entry) error {
	now := l.clock.Now()
	for _, e := range es {
		if e.Time.IsZero() {
			e.Time = now
		}
		if err := e.Validate(); err != nil {
			return err
		}
	}
	size, err := repo.AdvanceHead(ctx, int64(len(es)))
	if err != nil {
		return fmt.Errorf("audit: lock head: %w", err)
	}
	hr := &repoHashes{ctx: ctx, repo: repo, fresh: map[int64]tlog.Hash{}}
	if err := hr.prefetch(size); err != nil {
		return fmt.Errorf("audit: read the tree's edge at %d: %w", size, err)
	}
	// The stored hashes of consecutive records are consecutive: the
	// batch's are all written from the first record's index on.
	first, hashStart := size, tlog.StoredHashIndex(0, size)
	var all []tlog.Hash
	for i := range es {
		if es[i].Time.IsZero() {
			es[i].Time = now
		}
		es[i].Time = normalTime(es[i].Time)
		es[i].Seq = size
		hashes, err := tlog.StoredHashesForRecordHash(size, es[i].LeafHash(), hr)
		if err != nil {
			return fmt.Errorf("audit: record %d: %w", size, err)
		}
		start := tlog.StoredHashIndex(0, size)
		for j, h := range hashes {
			hr.fresh[start+int64(j)] = h
		}
		all = append(all, hashes...)
		size++
	}
	root, err := tlog.TreeHash(size, hr)
	if err != nil {
		return fmt.Errorf("audit: tree hash at %d: %w", size, err)
	}
	msg, err := l.sign(size, root)
	if err != nil {
		return err
	}
	if err := repo.Append(ctx, es, hashStart, all, size, msg); err != nil {
		return fmt.Errorf("audit: record %d to %d: %w", first, size-1, err)
	}
	return nil
}

// sign returns the signed checkpoint note for a tree of size entries.
func (l *Log) sign(size int64, root tlog.Hash) ([]byte, error) {
	msg, err := note.Sign(&note.Note{Text: string(formatCheckpoint(l.origin, size, root))}, l.signer)
	if err != nil {
		return nil, fmt.Errorf("audit: sign checkpoint %d: %w", size, err)
	}
	return msg, nil
}

// repoHashes reads stored hashes through a Repo, serving those written
// earlier in the same call from memory.
type repoHashes struct {
	ctx   context.Context
	repo  Repo
	fresh map[int64]tlog.Hash
}

// prefetch reads, in one query, the hashes of the complete subtrees that
// make up a tree of size leaves (one per bit set in size): appending to
// the tree and hashing its new root need no others than these and the
// hashes the append writes.
func (r *repoHashes) prefetch(size int64) error {
	var idx []int64
	for level := 63; level >= 0; level-- {
		if size>>level&1 == 1 {
			idx = append(idx, tlog.StoredHashIndex(level, size>>level-1))
		}
	}
	if len(idx) == 0 {
		return nil
	}
	hs, err := r.repo.ReadHashes(r.ctx, idx)
	if err != nil {
		return err
	}
	for i, x := range idx {
		r.fresh[x] = hs[i]
	}
	return nil
}

func (r *repoHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	var need []int64
	for i, x := range indexes {
		h, ok := r.fresh[x]
		if !ok {
			need = append(need, x)
			continue
		}
		out[i] = h
	}
	if len(need) == 0 {
		return out, nil
	}
	got, err := r.repo.ReadHashes(r.ctx, need)
	if err != nil {
		return nil, err
	}
	k := 0
	for i, x := range indexes {
		if _, ok := r.fresh[x]; !ok {
			out[i] = got[k]
			k++
		}
	}
	return out, nil
}

package audit

import (
	"context"

	"golang.org/x/mod/sumdb/tlog"
)

// Repo is what the audit log needs from storage: plain reads and writes of
// entries, tree hashes, signed checkpoints and the head (the log's size).
// It holds no rules; Log, List and Verify hold them. Every method works in
// the caller's transaction.
type Repo interface {
	// LockHead returns the log's size from the head and keeps every other
	// transaction from locking it until this one ends, so that concurrent
	// appends queue one behind the other.
	LockHead(ctx context.Context) (int64, error)
	// Head returns the log's size from the head without locking it.
	Head(ctx context.Context) (int64, error)
	// SetHead sets the log's size in the head.
	SetHead(ctx context.Context, size int64) error
	// Append stores entries es, the hashes from stored-hash index
	// hashStart on, and the checkpoint of the tree of size entries: what
	// InsertEntry, InsertHashes and InsertCheckpoint do, in as few round
	// trips to the database as the engine allows. EConflict if a Seq, an
	// index or the checkpoint is taken.
	Append(ctx context.Context, es []Entry, hashStart int64, hashes []tlog.Hash, size int64, note []byte) error
	// AdvanceHead adds n to the log's size in the head and returns the size
	// before, locking the head as LockHead does: LockHead and SetHead in
	// one statement, for appends.
	AdvanceHead(ctx context.Context, n int64) (int64, error)

	// InsertEntry stores e under e.Seq. It returns EConflict when that Seq
	// is taken.
	InsertEntry(ctx context.Context, e Entry) error
	// ScanEntries calls fn for each entry with from <= Seq < to, in Seq
	// order. It stops at the first error fn returns and returns it as is;
	// the other Scan methods do the same.
	ScanEntries(ctx context.Context, from, to int64, fn func(Entry) error) error
	// ListEntries returns the entries that match f, newest (highest Seq)
	// first, from f.Offset up to f.Limit of them, and the number of all
	// entries that match f. f has been checked by the caller: Limit > 0.
	ListEntries(ctx context.Context, f Filter) ([]Entry, int, error)
	// MaxSeq returns the highest Seq stored, or -1 when there is none.
	MaxSeq(ctx context.Context) (int64, error)

	// InsertHashes stores hashes at the stored-hash indexes start,
	// start+1, … (see tlog.StoredHashIndex). EConflict if one is taken.
	InsertHashes(ctx context.Context, start int64, hashes []tlog.Hash) error
	// ReadHashes returns the hashes stored at indexes, in the same order.
	// It returns ENotFound when one of them is missing. A stored value that
	// is not a tlog.HashSize-byte hash counts as missing, here and in
	// ScanHashes.
	ReadHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error)
	// ScanHashes calls fn for each stored hash with lo <= index < hi, in
	// index order.
	ScanHashes(ctx context.Context, lo, hi int64, fn func(index int64, h tlog.Hash) error) error

	// InsertCheckpoint stores the signed checkpoint note for a tree of size
	// entries. EConflict when one is stored for that size already.
	InsertCheckpoint(ctx context.Context, size int64, note []byte) error
	// LatestCheckpoint returns the stored checkpoint with the highest size,
	// or ENotFound when there is none.
	LatestCheckpoint(ctx context.Context) (size int64, note []byte, err error)
	// CheckpointAt returns the checkpoint stored for size, or ENotFound.
	CheckpointAt(ctx context.Context, size int64) ([]byte, error)
	// ScanCheckpoints calls fn for each stored checkpoint with
	// lo <= size < hi, in size order.
	ScanCheckpoints(ctx context.Context, lo, hi int64, fn func(size int64, note []byte) error) error
}

// Tx is the transaction the audit log is read and verified in.
type Tx interface {
	Audit() Repo
}

// DB runs transactions (store.Domain[audit.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

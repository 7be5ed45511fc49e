package audit

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/borderlink/borderlink"
)

// ErrForked is the cause of the error CheckConsistency returns when a log
// is not an extension of what it was: the node has rewritten its history.
// Test with errors.Is.
var ErrForked = errors.New("audit: log has forked")

// Checkpoint returns the log's latest signed checkpoint, the one a peer
// witnesses. It returns ENotFound (key error.audit_empty) when nothing has
// been recorded yet.
func (l *Log) Checkpoint(ctx context.Context, db DB) (SignedCheckpoint, error) {
	var msg []byte
	err := db.View(ctx, func(tx Tx) (err error) {
		_, msg, err = tx.Audit().LatestCheckpoint(ctx)
		return err
	})
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return SignedCheckpoint{}, borderlink.Errorf(borderlink.ENotFound, "error.audit_empty", "the audit log is empty")
	}
	if err != nil {
		return SignedCheckpoint{}, fmt.Errorf("audit: latest checkpoint: %w", err)
	}
	return openCheckpoint(msg, l.verify, l.origin)
}

// CheckpointAt returns the checkpoint signed when the log reached size
// entries, or ENotFound.
func (l *Log) CheckpointAt(ctx context.Context, db DB, size int64) (SignedCheckpoint, error) {
	var msg []byte
	err := db.View(ctx, func(tx Tx) (err error) {
		msg, err = tx.Audit().CheckpointAt(ctx, size)
		return err
	})
	if err != nil {
		return SignedCheckpoint{}, fmt.Errorf("audit: checkpoint %d: %w", size, err)
	}
	return openCheckpoint(msg, l.verify, l.origin)
}

// ProveConsistency returns the proof that the log's tree at newSize entries
// extends its tree at oldSize entries, for a peer that holds the older
// checkpoint. It returns EInvalid (key error.audit_range) unless
// 1 <= oldSize <= newSize <= the log's size.
func ProveConsistency(ctx context.Context, db DB, oldSize, newSize int64) (tlog.TreeProof, error) {
	var proof tlog.TreeProof
	err := db.View(ctx, func(tx Tx) error {
		repo := tx.Audit()
		size, err := repo.Head(ctx)
		if err != nil {
			return err
		}
		if oldSize < 1 || oldSize > newSize || newSize > size {
			return borderlink.Errorf(borderlink.EInvalid, "error.audit_range",
				fmt.Sprintf("no consistency proof from %d to %d entries in a log of %d", oldSize, newSize, size),
				"from", oldSize, "to", newSize)
		}
		proof, err = tlog.ProveTree(newSize, oldSize, &repoHashes{ctx: ctx, repo: repo})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("audit: prove %d to %d: %w", oldSize, newSize, err)
	}
	return proof, nil
}

// CheckConsistency is what a witness runs when node presents a newer
// checkpoint: it verifies that both checkpoints are node's, signed with
// pub, and that proof shows the newer tree to extend the older one. It
// returns an EInvalid error when a signature or the order of the sizes is
// wrong, and an EConflict error (key error.audit_forked) whose cause is
// ErrForked when the log is not an extension of the older checkpoint: the
// node's history was rewritten, and the witness must raise the alarm and
// keep both checkpoints as proof.
func CheckConsistency(pub ed25519.PublicKey, node borderlink.NodeID, older, newer SignedCheckpoint, proof tlog.TreeProof) error {
	v, err := newVerifier(node, pub)
	if err != nil {
		return err
	}
	// Trust the signed notes, not the fields beside them.
	if older, err = openCheckpoint(older.Note, v, Origin(node)); err != nil {
		return err
	}
	if newer, err = openCheckpoint(newer.Note, v, Origin(node)); err != nil {
		return err
	}
	if older.Size > newer.Size {
		return borderlink.Errorf(borderlink.EInvalid, "error.audit_range",
			fmt.Sprintf("the older checkpoint (%d entries) is larger than the newer (%d)", older.Size, newer.Size),
			"from", older.Size, "to", newer.Size)
	}
	var cerr error
	switch {
	case older.Size == 0:
		return nil // every tree extends the empty one
	case older.Size == newer.Size:
		if older.Root != newer.Root {
			cerr = errors.New("two roots for one size")
		}
	default:
		cerr = tlog.CheckTree(proof, newer.Size, newer.Root, older.Size, older.Root)
	}
	if cerr != nil {
		return &borderlink.Error{Code: borderlink.EConflict, Key: "error.audit_forked",
			Message: fmt.Sprintf("the audit log of %s has forked: its tree at %d entries does not extend its tree at %d",
				node, newer.Size, older.Size),
			Args: []any{"node", string(node), "old", older.Size, "new", newer.Size},
			Err:  fmt.Errorf("%w: %v", ErrForked, cerr)}
	}
	return nil
}

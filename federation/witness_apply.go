package federation

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// applyCheckpoint witnesses a peer's audit checkpoint (kind KindCheckpoint):
//
//   - the first checkpoint of a peer is kept as it is (trust on first use);
//   - one smaller than the latest held means the log shrank: a fork (even
//     when it is a checkpoint witnessed earlier);
//   - one of the size of the latest held must be the same note;
//   - otherwise the offer's proof must start from the latest held and show
//     the new tree to extend it; if it does not, a fork.
//
// A fork is recorded with both checkpoints, audited with outcome failed and
// counted; the new checkpoint is not kept, so later offers are checked
// against the last good one. An offer whose proof starts elsewhere is
// refused (ReasonPayload); the origin then asks again what is held.
func (s *Service) applyCheckpoint(ctx context.Context, txAny any, e Envelope) error {
	tx, ok := txAny.(Tx)
	if !ok {
		return fmt.Errorf("federation: apply %s: transaction is %T", e.Kind, txAny)
	}
	repo := tx.Federation()
	p, err := repo.Peer(ctx, e.Origin)
	if notFound(err) {
		return Reject(ReasonPayload, "only a peer's audit log is witnessed, not that of "+string(e.Origin))
	}
	if err != nil {
		return err
	}
	var o CheckpointOffer
	if err := json.Unmarshal(e.Payload, &o); err != nil {
		return Reject(ReasonPayload, "checkpoint offer: "+err.Error())
	}
	newer, err := audit.OpenCheckpoint([]byte(o.Note), p.PublicKey, e.Origin)
	if err != nil {
		return Reject(ReasonPayload, "checkpoint offer: "+err.Error())
	}
	latest, err := repo.LatestWitnessed(ctx, e.Origin)
	if notFound(err) {
		return s.keep(ctx, repo, e.Origin, newer)
	}
	if err != nil {
		return err
	}
	// A log that is now smaller than a checkpoint witnessed before was cut
	// back, even when what is offered is a checkpoint witnessed earlier.
	if newer.Size < latest.Size {
		return s.fork(ctx, tx, p, latest, newer, fmt.Sprintf("the log shrank from %d to %d entries", latest.Size, newer.Size))
	}
	if newer.Size == latest.Size {
		if bytes.Equal(latest.Note, newer.Note) {
			return nil
		}
		return s.fork(ctx, tx, p, latest, newer, "two checkpoints for one size")
	}
	if o.From != latest.Size {
		return Reject(ReasonPayload, fmt.Sprintf("the proof starts from %d entries; the checkpoint held has %d", o.From, latest.Size))
	}
	proof, err := toProof(o.Proof)
	if err != nil {
		return Reject(ReasonPayload, "checkpoint offer: "+err.Error())
	}
	older, err := audit.OpenCheckpoint(latest.Note, p.PublicKey, e.Origin)
	if err != nil {
		return fmt.Errorf("federation: witnessed checkpoint of %s: %w", e.Origin, err)
	}
	err = audit.CheckConsistency(p.PublicKey, e.Origin, older, newer, proof)
	switch {
	case errors.Is(err, audit.ErrForked):
		return s.fork(ctx, tx, p, latest, newer, err.Error())
	case err != nil:
		return Reject(ReasonPayload, "checkpoint offer: "+err.Error())
	}
	return s.keep(ctx, repo, e.Origin, newer)
}

func (s *Service) keep(ctx context.Context, repo Repo, origin borderlink.NodeID, cp audit.SignedCheckpoint) error {
	return repo.PutWitnessed(ctx, Witnessed{Origin: origin, Size: cp.Size, Note: cp.Note, Received: s.clock.Now()})
}

// fork records that p's log does not extend the checkpoint held.
func (s *Service) fork(ctx context.Context, tx Tx, p Peer, held Witnessed, newer audit.SignedCheckpoint, detail string) error {
	f := Fork{Origin: p.ID, OldSize: held.Size, OldNote: held.Note, NewSize: newer.Size, NewNote: newer.Note,
		Detail: clean(detail, 512), Detected: s.clock.Now()}
	if err := tx.Federation().InsertFork(ctx, f); err != nil {
		return err
	}
	if fx, ok := ctx.Value(effectsKey{}).(*effects); ok {
		fx.forks = append(fx.forks, p.ID)
	}
	s.logger.Error("federation: audit log of a peer has forked", "peer", string(p.ID), "held", held.Size, "offered", newer.Size, "detail", detail)
	return s.log.Record(ctx, tx.Audit(), audit.Entry{Actor: "peer:" + string(p.ID), Action: "audit.fork",
		ObjectType: "node", ObjectID: string(p.ID), Source: "federation", Outcome: audit.OutcomeFailed,
		Detail: clean(fmt.Sprintf("the audit log of %s does not extend the checkpoint of %d entries witnessed here (offered: %d entries): %s",
			p.ID, held.Size, newer.Size, detail), audit.MaxDetail)})
}

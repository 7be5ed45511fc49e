package federation

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Mutual witnessing of audit logs. Each node offers its latest signed audit
// checkpoint to each peer as an envelope of kind KindCheckpoint, with a
// consistency proof from the checkpoint the peer says it holds (WitnessPath).
// The peer checks the proof against exactly that checkpoint and keeps the
// new one; a checkpoint that does not extend it (or a log that shrank) is a
// fork: the peer keeps both as proof, audits it (outcome failed), counts it
// and shows it in Health. So neither node can rewrite its history without
// the other noticing.

// CheckpointOffer is the payload of a KindCheckpoint envelope.
type CheckpointOffer struct {
	Note  string   `json:"note"`  // the signed checkpoint note
	From  int64    `json:"from"`  // the size of the checkpoint the proof starts from (0: none)
	Proof [][]byte `json:"proof"` // tlog consistency proof from From to the note's size
}

// auditView lets the audit package read the log through a federation DB.
type auditView struct{ db DB }

func (a auditView) View(ctx context.Context, fn func(audit.Tx) error) error {
	return a.db.View(ctx, func(tx Tx) error { return fn(tx) })
}

func (a auditView) Update(ctx context.Context, fn func(audit.Tx) error) error {
	return a.db.Update(ctx, func(tx Tx) error { return fn(tx) })
}

// Witness offers this node's latest audit checkpoint to peer now: it asks
// what the peer holds, and unless that is the latest already (or an offer
// is still on its way) queues the checkpoint with a proof from what the
// peer holds. Run calls it periodically.
func (s *Service) Witness(ctx context.Context, peer borderlink.NodeID) error {
	l := s.link(peer)
	p, err := s.peers.Get(ctx, peer)
	if err != nil {
		return err
	}
	held, err := s.askWitness(ctx, l, p)
	if err != nil {
		return fmt.Errorf("federation: witness state of %s: %w", peer, err)
	}
	cp, err := s.log.Checkpoint(ctx, auditView{s.db})
	if notFound(err) {
		return nil // nothing recorded yet
	}
	if err != nil {
		return err
	}
	s.mu.Lock()
	l.witnessedBy = held
	if held.Note == l.offered {
		l.offered = ""
	}
	busy := l.offered != ""
	s.mu.Unlock()
	if held.Note == string(cp.Note) || busy {
		return nil
	}
	offer := CheckpointOffer{Note: string(cp.Note)}
	if held.Size >= 1 && held.Size < cp.Size {
		proof, err := audit.ProveConsistency(ctx, auditView{s.db}, held.Size, cp.Size)
		if err != nil {
			return err
		}
		offer.From = held.Size
		for _, h := range proof {
			offer.Proof = append(offer.Proof, h[:])
		}
	} else if held.Size == cp.Size {
		offer.From = held.Size // two notes for one size: the peer compares them
	}
	err = s.db.Update(ctx, func(tx Tx) error {
		_, err := s.Send(ctx, tx.Federation(), peer, KindCheckpoint, offer)
		return err
	})
	if err != nil {
		return err
	}
	s.mu.Lock()
	l.offered = string(cp.Note)
	s.mu.Unlock()
	s.Kick(peer)
	return nil
}

// askWitness asks peer p what it holds of this node's log.
func (s *Service) askWitness(ctx context.Context, l *link, p Peer) (WitnessState, error) {
	c, err := s.httpClient(l, p)
	if err != nil {
		return WitnessState{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.URL+WitnessPath, nil)
	if err != nil {
		return WitnessState{}, err
	}
	res, err := c.Do(req)
	if err != nil {
		return WitnessState{}, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return WitnessState{}, fmt.Errorf("status %d", res.StatusCode)
	}
	var st WitnessState
	if err := json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&st); err != nil {
		return WitnessState{}, err
	}
	return st, nil
}

// witnessState is what this node holds of peer's log.
func (s *Service) witnessState(ctx context.Context, peer borderlink.NodeID) (WitnessState, error) {
	var st WitnessState
	err := s.db.View(ctx, func(tx Tx) error {
		w, err := tx.Federation().LatestWitnessed(ctx, peer)
		if err != nil && !notFound(err) {
			return err
		}
		if err == nil {
			st = WitnessState{Size: w.Size, Note: string(w.Note), Received: w.Received}
		}
		forks, err := tx.Federation().Forks(ctx, peer)
		st.Forked = len(forks) > 0
		return err
	})
	return st, err
}

// toProof decodes the proof of an offer.
func toProof(b [][]byte) (tlog.TreeProof, error) {
	p := make(tlog.TreeProof, len(b))
	for i, h := range b {
		if len(h) != tlog.HashSize {
			return nil, fmt.Errorf("proof hash %d is %d bytes", i, len(h))
		}
		copy(p[i][:], h)
	}
	return p, nil
}

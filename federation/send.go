package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/borderlink/borderlink"
)

// Send puts an envelope in the outbox inside the caller's transaction
// (repo is tx.Federation()), so that it leaves if and only if the caller's
// change commits: kind with payload (encoded as JSON; pass a
// json.RawMessage for JSON encoded already), addressed to dest, numbered
// next in the stream MainStream towards dest, signed by this node. Call
// Kick(dest) after the commit to send at once; otherwise the sender finds
// it within Options.Poll.
//
// dest must be a peer or a node a peer announced (the envelope is then
// handed to that peer to relay). Send refuses with a *Rejection (whose
// Unwrap is a user-facing *borderlink.Error), counted in the metrics:
// ReasonSchema for a kind not registered, ReasonNotReleased for a kind not
// releasable (domestic kinds never are), ReasonTooLarge for a payload over
// the kind's limit, ReasonDestination for dest this node or unknown. Any
// other error comes from storage; the caller must roll back.
func (s *Service) Send(ctx context.Context, repo Repo, dest borderlink.NodeID, kind string, payload any) (Envelope, error) {
	e, err := s.send(ctx, repo, dest, kind, payload)
	if err != nil {
		var r *Rejection
		if errors.As(err, &r) {
			s.m.sendFail.WithLabelValues(r.Reason).Inc()
			s.logger.Warn("federation: send refused", "kind", kind, "destination", string(dest), "reason", r.Reason, "detail", r.Detail)
		}
		return Envelope{}, err
	}
	return e, nil
}

func (s *Service) send(ctx context.Context, repo Repo, dest borderlink.NodeID, kind string, payload any) (Envelope, error) {
	k, err := s.reg.Releasable(kind)
	if err != nil {
		return Envelope{}, err
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return Envelope{}, Reject(ReasonPayload, fmt.Sprintf("kind %s: payload does not encode as JSON: %v", kind, err))
	}
	if len(body) > k.MaxPayload {
		return Envelope{}, Reject(ReasonTooLarge, fmt.Sprintf("kind %s: payload of %d bytes is over the limit of %d", kind, len(body), k.MaxPayload))
	}
	hop, err := s.hopFor(ctx, repo, dest)
	if err != nil {
		return Envelope{}, err
	}
	seq, err := repo.NextSeq(ctx, dest, MainStream)
	if err != nil {
		return Envelope{}, fmt.Errorf("federation: send %s to %s: %w", kind, dest, err)
	}
	e := Envelope{ID: borderlink.NewID(), Origin: s.self, Destination: dest, Stream: MainStream, Seq: seq,
		Kind: kind, Schema: k.Schema, Created: s.clock.Now(), Payload: body}
	e.Sign(s.key)
	if err := repo.Enqueue(ctx, hop, e, s.clock.Now()); err != nil {
		return Envelope{}, fmt.Errorf("federation: send %s to %s: %w", kind, dest, err)
	}
	return e, nil
}

// hopFor returns the peer an envelope for dest is handed to: dest itself
// when it is a peer, else the peer that announced it.
func (s *Service) hopFor(ctx context.Context, repo Repo, dest borderlink.NodeID) (borderlink.NodeID, error) {
	if dest == s.self {
		return "", Reject(ReasonDestination, "an envelope cannot be addressed to its own node")
	}
	// A configured peer is its own hop: the routing directory knows (a
	// peer removed a moment ago only leaves envelopes in the outbox).
	if d, err := s.cachedDirectory(ctx); err == nil {
		if _, ok := d.peers[dest]; ok {
			return dest, nil
		}
	}
	_, err := repo.Peer(ctx, dest)
	if err == nil {
		return dest, nil
	}
	if !borderlink.IsCode(err, borderlink.ENotFound) {
		return "", fmt.Errorf("federation: route to %s: %w", dest, err)
	}
	k, err := repo.KnownNode(ctx, dest)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return "", Reject(ReasonDestination, "no peer and no announced node "+string(dest))
	}
	if err != nil {
		return "", fmt.Errorf("federation: route to %s: %w", dest, err)
	}
	if _, err := repo.Peer(ctx, k.Via); err != nil {
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return "", Reject(ReasonDestination, string(dest)+" was announced by "+string(k.Via)+", no longer a peer")
		}
		return "", fmt.Errorf("federation: route to %s: %w", dest, err)
	}
	return k.Via, nil
}

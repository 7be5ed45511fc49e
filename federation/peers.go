package federation

import (
	"context"
	"sync/atomic"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Peers manages the configured peers of a node.
type Peers struct {
	db    DB
	log   *audit.Log
	self  borderlink.NodeID
	clock borderlink.Clock
	// gen counts the changes made through this registry (and the nodes
	// peers announced), so that a cached directory knows it is stale.
	gen atomic.Int64
}

// NewPeers returns the peer registry of node self.
func NewPeers(db DB, log *audit.Log, self borderlink.NodeID, clock borderlink.Clock) *Peers {
	return &Peers{db: db, log: log, self: self, clock: clock}
}

// Add stores p (replacing a peer of the same id) and audits it under actor.
func (ps *Peers) Add(ctx context.Context, actor, source string, p Peer) error {
	if err := p.Validate(ps.self); err != nil {
		return err
	}
	p.Added = ps.clock.Now()
	defer ps.gen.Add(1)
	return ps.db.Update(ctx, func(tx Tx) error {
		if err := tx.Federation().PutPeer(ctx, p); err != nil {
			return err
		}
		return ps.log.Record(ctx, tx.Audit(), audit.Entry{Actor: actor, Action: "peer.add", ObjectType: "peer",
			ObjectID: string(p.ID), Source: source, Outcome: audit.OutcomeOK, Detail: p.URL + " sha256:" + p.Fingerprint()})
	})
}

// Remove deletes the peer id.
func (ps *Peers) Remove(ctx context.Context, actor, source string, id borderlink.NodeID) error {
	defer ps.gen.Add(1)
	return ps.db.Update(ctx, func(tx Tx) error {
		if err := tx.Federation().DeletePeer(ctx, id); err != nil {
			return err
		}
		return ps.log.Record(ctx, tx.Audit(), audit.Entry{Actor: actor, Action: "peer.remove", ObjectType: "peer",
			ObjectID: string(id), Source: source, Outcome: audit.OutcomeOK})
	})
}

// List returns every peer.
func (ps *Peers) List(ctx context.Context) ([]Peer, error) {
	var out []Peer
	err := ps.db.View(ctx, func(tx Tx) (err error) { out, err = tx.Federation().Peers(ctx); return err })
	return out, err
}

// Get returns one peer.
func (ps *Peers) Get(ctx context.Context, id borderlink.NodeID) (Peer, error) {
	var p Peer
	err := ps.db.View(ctx, func(tx Tx) (err error) { p, err = tx.Federation().Peer(ctx, id); return err })
	return p, err
}

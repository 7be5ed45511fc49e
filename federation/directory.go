package federation

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// The directory of known nodes is the configured peers plus the nodes peers
// announced (kind KindNode). A node must be known for this node to check
// the envelopes it signs; envelopes for an announced node are handed to the
// peer that announced it, which relays them. This is deliberately simple:
// one hop of announcement (a peer tells about its own peers), the latest
// announcement wins, and a configured peer always takes precedence over an
// announcement of the same id.

// Announcement is the payload of a KindNode envelope.
type Announcement struct {
	ID        borderlink.NodeID `json:"id"`
	PublicKey []byte            `json:"public_key"`
	Units     []string          `json:"units"`
}

// directory is a snapshot of the known nodes.
type directory struct {
	peers     map[borderlink.NodeID]Peer
	known     map[borderlink.NodeID]KnownNode
	peerList  []Peer      // by id
	knownList []KnownNode // by id, without configured peers
}

func loadDirectory(ctx context.Context, repo Repo) (*directory, error) {
	d := &directory{peers: map[borderlink.NodeID]Peer{}, known: map[borderlink.NodeID]KnownNode{}}
	ps, err := repo.Peers(ctx)
	if err != nil {
		return nil, fmt.Errorf("federation: directory: %w", err)
	}
	d.peerList = ps
	for _, p := range ps {
		d.peers[p.ID] = p
	}
	ks, err := repo.KnownNodes(ctx)
	if err != nil {
		return nil, fmt.Errorf("federation: directory: %w", err)
	}
	for _, k := range ks {
		if _, isPeer := d.peers[k.ID]; !isPeer {
			d.known[k.ID] = k
			d.knownList = append(d.knownList, k)
		}
	}
	return d, nil
}

// key returns the public key of node id, or false when it is not known.
func (d *directory) key(id borderlink.NodeID) (ed25519.PublicKey, bool) {
	if p, ok := d.peers[id]; ok {
		return p.PublicKey, true
	}
	if k, ok := d.known[id]; ok {
		return k.PublicKey, true
	}
	return nil, false
}

// hop returns the peer an envelope for dest is handed to.
func (d *directory) hop(dest borderlink.NodeID) (borderlink.NodeID, bool) {
	if _, ok := d.peers[dest]; ok {
		return dest, true
	}
	if k, ok := d.known[dest]; ok {
		if _, ok := d.peers[k.Via]; ok {
			return k.Via, true
		}
	}
	return "", false
}

// directoryTTL bounds how long NodeFor trusts its copy of the directory:
// changes made through this node's Peers show at once, and changes made by
// another process on the same database (the peer command) within this.
const directoryTTL = time.Second

// cachedDirectory returns the directory for routing, loading it when the
// copy is older than directoryTTL or peers changed since it was loaded.
// Routing is asked for on every hotline send; the directory changes when
// an operator edits peers.
func (s *Service) cachedDirectory(ctx context.Context) (*directory, error) {
	gen := s.peers.gen.Load()
	s.mu.Lock()
	d, ok := s.dir, s.dirGen == gen && time.Since(s.dirAt) < directoryTTL
	s.mu.Unlock()
	if ok && d != nil {
		return d, nil
	}
	err := s.db.View(ctx, func(tx Tx) (err error) { d, err = loadDirectory(ctx, tx.Federation()); return err })
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.dir, s.dirGen, s.dirAt = d, gen, time.Now()
	s.mu.Unlock()
	return d, nil
}

// NodeFor returns the node that owns a unit: unitAndAncestors is the unit's
// code followed by the codes of its ancestors, nearest first (for a
// units.Tree: the code, then each Ancestors(code)[i].Code). The first code
// that a peer or an announced node lists in its Units decides. It returns
// false when no other node owns the unit or any ancestor: the unit is this
// node's own. Codes compare without regard to letter case.
func (s *Service) NodeFor(ctx context.Context, unitAndAncestors []string) (borderlink.NodeID, bool, error) {
	d, err := s.cachedDirectory(ctx)
	if err != nil {
		return "", false, err
	}
	owns := func(list []string, code string) bool {
		for _, u := range list {
			if strings.EqualFold(u, code) {
				return true
			}
		}
		return false
	}
	for _, code := range unitAndAncestors {
		for _, p := range d.peerList {
			if owns(p.Units, code) {
				return p.ID, true, nil
			}
		}
		for _, k := range d.knownList {
			if owns(k.Units, code) {
				return k.ID, true, nil
			}
		}
	}
	return "", false, nil
}

// Announce tells peer to about node about (its id, key and units), so that
// to can check the envelopes about signs and route envelopes for it through
// this node. about is a peer of this node, or a node announced to this node
// by a peer other than to (so that a province's node becomes known along a
// chain of gateways, each announcing it one hop further).
func (s *Service) Announce(ctx context.Context, to, about borderlink.NodeID) error {
	err := s.db.Update(ctx, func(tx Tx) error {
		repo := tx.Federation()
		if _, err := repo.Peer(ctx, to); err != nil {
			return err
		}
		var a Announcement
		p, err := repo.Peer(ctx, about)
		switch {
		case err == nil:
			a = Announcement{ID: p.ID, PublicKey: p.PublicKey, Units: p.Units}
		case !notFound(err):
			return err
		default:
			k, err := repo.KnownNode(ctx, about)
			if err != nil {
				return err
			}
			if k.Via == to {
				return Reject(ReasonDestination, string(about)+" was announced by "+string(to)+"; announcing it back would route it in a loop")
			}
			a = Announcement{ID: k.ID, PublicKey: k.PublicKey, Units: k.Units}
		}
		_, err = s.Send(ctx, repo, to, KindNode, a)
		return err
	})
	if err != nil {
		return fmt.Errorf("federation: announce %s to %s: %w", about, to, err)
	}
	s.Kick(to)
	return nil
}

// applyNode stores a node a peer announced.
func (s *Service) applyNode(ctx context.Context, txAny any, e Envelope) error {
	tx, ok := txAny.(Tx)
	if !ok {
		return fmt.Errorf("federation: apply %s: transaction is %T", e.Kind, txAny)
	}
	repo := tx.Federation()
	if _, err := repo.Peer(ctx, e.Origin); err != nil {
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return Reject(ReasonPayload, "only a peer may announce nodes, not "+string(e.Origin))
		}
		return err
	}
	var a Announcement
	if err := json.Unmarshal(e.Payload, &a); err != nil {
		return Reject(ReasonPayload, "announcement: "+err.Error())
	}
	if err := a.ID.Validate(); err != nil || len(a.PublicKey) != ed25519.PublicKeySize || a.ID == e.Origin {
		return Reject(ReasonPayload, "announcement needs a node id other than the announcer's and a 32-byte key")
	}
	if a.ID == s.self {
		return nil // peers announce their peers, this node among them
	}
	if _, err := repo.Peer(ctx, a.ID); err == nil {
		return nil // a configured peer takes precedence
	} else if !borderlink.IsCode(err, borderlink.ENotFound) {
		return err
	}
	s.peers.gen.Add(1)
	err := repo.PutKnownNode(ctx, KnownNode{ID: a.ID, PublicKey: a.PublicKey, Units: a.Units, Via: e.Origin, Announced: e.Created})
	if err != nil {
		return err
	}
	return s.log.Record(ctx, tx.Audit(), audit.Entry{Actor: "peer:" + string(e.Origin), Action: "node.announce",
		ObjectType: "node", ObjectID: string(a.ID), Source: "federation", Outcome: audit.OutcomeOK,
		Detail: clean("reachable through "+string(e.Origin)+"; units "+strings.Join(a.Units, ","), audit.MaxDetail)})
}

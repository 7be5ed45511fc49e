package federation

import (
	"context"
	"crypto/ed25519"
	"time"

	"github.com/borderlink/borderlink"
)

// StreamKey names a stream of envelopes everywhere it travels: the node
// that numbers it, the node that applies it, and its name. Sequence numbers
// count from 1 within one StreamKey.
type StreamKey struct {
	Origin      borderlink.NodeID `json:"origin"`
	Destination borderlink.NodeID `json:"destination"`
	Stream      string            `json:"stream"`
}

// Key returns the stream of e.
func (e *Envelope) Key() StreamKey {
	return StreamKey{Origin: e.Origin, Destination: e.Destination, Stream: e.Stream}
}

// Directions of a refused envelope.
const (
	RefusedIn  = "in"  // this node refused an envelope a peer handed it
	RefusedOut = "out" // a peer (or this node's sender) refused an envelope this node queued
)

// Refused records an envelope that was refused, kept for the peer health
// page and for operators to investigate.
type Refused struct {
	Direction   string            // RefusedIn or RefusedOut
	Peer        borderlink.NodeID // the peer it came from (in) or was handed to (out)
	Envelope    string            // the envelope's id as it claimed
	Origin      borderlink.NodeID
	Destination borderlink.NodeID
	Stream      string
	Seq         int64
	Kind        string
	Reason      string // a Reason… constant
	Detail      string
	// Consumed is true when the refusal used up the envelope's sequence
	// number: the stream went on without it.
	Consumed bool
	Time     time.Time
}

// KnownNode is a node that is not a peer but that a peer announced (kind
// "federation.node"): its key verifies the envelopes it signs, and
// envelopes for it go through Via, the peer that announced it.
type KnownNode struct {
	ID        borderlink.NodeID
	PublicKey ed25519.PublicKey
	Units     []string
	Via       borderlink.NodeID
	Announced time.Time
}

// Witnessed is a signed audit checkpoint of another node that this node
// holds as a witness.
type Witnessed struct {
	Origin   borderlink.NodeID
	Size     int64
	Note     []byte // the signed checkpoint note, as received
	Received time.Time
}

// Fork is the proof that a node rewrote its audit history: a checkpoint
// this node witnessed and a later one of the same node that does not extend
// it.
type Fork struct {
	Origin   borderlink.NodeID
	OldSize  int64
	OldNote  []byte
	NewSize  int64
	NewNote  []byte
	Detail   string
	Detected time.Time
}

// QueueStats describes the outbox towards one peer.
type QueueStats struct {
	Len    int       // envelopes not yet acknowledged
	Oldest time.Time // when the oldest of them was queued; zero when Len is 0
}

// DeliveryRepo is the storage of envelopes in flight: the streams this node
// numbers, the outbox towards each peer, the sequence applied per incoming
// stream, refused envelopes, the directory of announced nodes and the
// witnessed audit checkpoints. It holds no rules; Service holds them. Every
// method works in the caller's transaction.
type DeliveryRepo interface {
	// NextSeq assigns the next sequence number of the stream this node
	// numbers towards dest (1 for a new stream). It holds the stream until
	// the transaction ends, so concurrent transactions number one after the
	// other, and a rolled-back transaction gives its number back.
	NextSeq(ctx context.Context, dest borderlink.NodeID, stream string) (int64, error)
	// Enqueue appends e to the outbox towards hop, queued at the given
	// time. It returns EConflict when that outbox holds e's stream and
	// sequence already.
	Enqueue(ctx context.Context, hop borderlink.NodeID, e Envelope, queued time.Time) error
	// Pending returns up to limit envelopes of the outbox towards hop, in
	// the order they were queued.
	Pending(ctx context.Context, hop borderlink.NodeID, limit int) ([]Envelope, error)
	// Dequeue removes from the outbox towards hop the envelopes of stream s
	// with a sequence number up to upTo, and returns how many it removed.
	Dequeue(ctx context.Context, hop borderlink.NodeID, s StreamKey, upTo int64) (int, error)
	// DeleteQueued removes one envelope from the outbox towards hop.
	DeleteQueued(ctx context.Context, hop borderlink.NodeID, s StreamKey, seq int64) error
	// QueueStats describes the outbox towards hop.
	QueueStats(ctx context.Context, hop borderlink.NodeID) (QueueStats, error)

	// LockInbox returns the highest sequence number applied (or relayed)
	// of stream s, 0 for a stream not seen yet, and holds the stream until
	// the transaction ends.
	LockInbox(ctx context.Context, s StreamKey) (int64, error)
	// SetInbox records seq as the highest sequence number applied of s.
	SetInbox(ctx context.Context, s StreamKey, seq int64, at time.Time) error
	// InboxSeq returns the highest sequence number applied of s (0 when
	// none) without holding it.
	InboxSeq(ctx context.Context, s StreamKey) (int64, error)

	// InsertRefused records a refused envelope.
	InsertRefused(ctx context.Context, r Refused) error
	// Refusals returns the latest refusals involving peer, newest first,
	// up to limit.
	Refusals(ctx context.Context, peer borderlink.NodeID, limit int) ([]Refused, error)
	// CountRefused counts the refusals involving peer in a direction.
	CountRefused(ctx context.Context, peer borderlink.NodeID, direction string) (int, error)

	// PutKnownNode creates or replaces an announced node.
	PutKnownNode(ctx context.Context, n KnownNode) error
	// KnownNode returns an announced node, or ENotFound.
	KnownNode(ctx context.Context, id borderlink.NodeID) (KnownNode, error)
	// KnownNodes lists the announced nodes by id.
	KnownNodes(ctx context.Context) ([]KnownNode, error)

	// PutWitnessed stores a checkpoint of w.Origin. It returns EConflict
	// when one of that size is stored already.
	PutWitnessed(ctx context.Context, w Witnessed) error
	// WitnessedAt returns the checkpoint of origin of that size, or
	// ENotFound.
	WitnessedAt(ctx context.Context, origin borderlink.NodeID, size int64) (Witnessed, error)
	// LatestWitnessed returns the largest checkpoint of origin held, or
	// ENotFound.
	LatestWitnessed(ctx context.Context, origin borderlink.NodeID) (Witnessed, error)
	// InsertFork records a fork of origin's log. A second fork of the same
	// origin and new size is ignored.
	InsertFork(ctx context.Context, f Fork) error
	// Forks lists the forks recorded for origin, oldest first.
	Forks(ctx context.Context, origin borderlink.NodeID) ([]Fork, error)
}

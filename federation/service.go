package federation

import (
	"context"
	"crypto/ed25519"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Options configure a Service. Self, Key, DB, Peers and Log are required.
type Options struct {
	Self     borderlink.NodeID
	Key      ed25519.PrivateKey // signs envelopes; its public half is what peers hold
	Cert     tls.Certificate    // presented to peers (mutual TLS)
	DB       DB
	Peers    *Peers
	Registry *Registry // default: a new one
	Log      *audit.Log
	Clock    borderlink.Clock // default: the system clock
	Logger   *slog.Logger     // default: discard
	// Metrics registers the federation metrics; nil keeps them unexported.
	Metrics prometheus.Registerer
	// ClockWindow: an envelope created more than this after the receiver's
	// now is refused (ReasonClock). Default 48h.
	ClockWindow time.Duration
	// MaxAge: an envelope created more than this before the receiver's now
	// is refused (ReasonClock). It is generous because a link may be cut
	// for days and its backlog must still be applied. Default 30 days.
	MaxAge time.Duration
	// MaxBatch bounds the envelopes in one batch, sent or accepted.
	// Default 200. A peer that refuses a batch as too large (413) is sent
	// smaller ones from then on.
	MaxBatch int
	// Backoff after a failed delivery: the first wait, the cap, and jitter
	// (each wait is drawn uniformly from its upper half). Defaults 100ms and
	// 30s.
	MinBackoff, MaxBackoff time.Duration
	// Poll is how often an idle sender looks at its outbox without a Kick.
	// Default 1s.
	Poll time.Duration
	// WitnessEvery is how often the latest audit checkpoint is offered to
	// each peer. Default 1 minute; negative disables it.
	WitnessEvery time.Duration
	// Client returns the HTTP client that calls a peer. Default: mutual TLS
	// with Cert, pinned to the peer's certificate (PinnedClient).
	Client func(Peer) (*http.Client, error)
	// Delivered, when set, is told after each batch which envelopes the
	// next hop acknowledged, inside the transaction that takes them out of
	// the outbox (the hotline marks its messages sent; tx is the store's
	// transaction, as Kind.Apply gets it, and AfterCommit works with ctx).
	// An error is logged and the batch settled without it: a receipt from
	// the peer fills the state later.
	Delivered func(ctx context.Context, tx any, at time.Time, es []Envelope) error
}

// Built-in kinds every Service registers.
const (
	KindNode       = "federation.node"  // a peer announces a node it can reach
	KindCheckpoint = "audit.checkpoint" // a peer's audit checkpoint, to witness
)

// MainStream is the stream Send numbers envelopes in.
const MainStream = "main"

// Service delivers envelopes between this node and its peers: Send puts one
// in the outbox inside the caller's transaction, Run's senders deliver the
// outbox of each peer in order, Handler receives and applies (or relays)
// what peers send, and audit checkpoints are witnessed both ways. Its
// methods are safe for concurrent use.
type Service struct {
	self     borderlink.NodeID
	key      ed25519.PrivateKey
	db       DB
	peers    *Peers
	reg      *Registry
	log      *audit.Log
	clock    borderlink.Clock
	logger   *slog.Logger
	m        *metrics
	o        Options
	clientOf func(Peer) (*http.Client, error)

	mu      sync.Mutex
	links   map[borderlink.NodeID]*link // one per peer that has had a sender
	refresh chan struct{}               // asks Run to look at the peers again
	recv    map[borderlink.NodeID]*sync.Mutex
	// The directory NodeFor routes by, as loaded at dirAt when the peers
	// were at generation dirGen.
	dir    *directory
	dirGen int64
	dirAt  time.Time
}

// NewService checks o, fills in defaults and registers the built-in kinds
// (KindNode, KindCheckpoint) in the registry.
func NewService(o Options) (*Service, error) {
	switch {
	case o.Self.Validate() != nil:
		return nil, fmt.Errorf("federation: service: %w", o.Self.Validate())
	case len(o.Key) != ed25519.PrivateKeySize:
		return nil, errors.New("federation: service: no Ed25519 key")
	case o.DB == nil || o.Peers == nil || o.Log == nil:
		return nil, errors.New("federation: service: DB, Peers and Log are required")
	}
	if o.Registry == nil {
		o.Registry = &Registry{}
	}
	if o.Clock == nil {
		o.Clock = borderlink.SystemClock{}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&o.ClockWindow, 48*time.Hour)
	def(&o.MaxAge, 30*24*time.Hour)
	def(&o.MinBackoff, 100*time.Millisecond)
	def(&o.MaxBackoff, 30*time.Second)
	def(&o.Poll, time.Second)
	def(&o.WitnessEvery, time.Minute)
	if o.MaxBatch <= 0 {
		o.MaxBatch = 200
	}
	s := &Service{
		self: o.Self, key: o.Key, db: o.DB, peers: o.Peers, reg: o.Registry, log: o.Log,
		clock: o.Clock, logger: o.Logger, o: o, clientOf: o.Client,
		links: map[borderlink.NodeID]*link{}, refresh: make(chan struct{}, 1),
		recv: map[borderlink.NodeID]*sync.Mutex{},
	}
	if s.clientOf == nil {
		s.clientOf = func(p Peer) (*http.Client, error) { return PinnedClient(o.Cert, p) }
	}
	var err error
	if s.m, err = newMetrics(o.Metrics); err != nil {
		return nil, err
	}
	if err := s.registerBuiltins(); err != nil {
		return nil, err
	}
	return s, nil
}

// Registry returns the kinds this node sends and accepts. Domains register
// theirs at start-up.
func (s *Service) Registry() *Registry { return s.reg }

// Self returns this node's id.
func (s *Service) Self() borderlink.NodeID { return s.self }

func (s *Service) registerBuiltins() error {
	for _, k := range []Kind{
		{Name: KindNode, Schema: 1, Releasable: true, MaxPayload: 8 << 10, Apply: s.applyNode},
		{Name: KindCheckpoint, Schema: 1, Releasable: true, MaxPayload: 64 << 10, Apply: s.applyCheckpoint},
	} {
		if _, ok := s.reg.Lookup(k.Name); ok {
			continue // a registry shared by a restarted service
		}
		if err := s.reg.Register(k); err != nil {
			return err
		}
	}
	return nil
}

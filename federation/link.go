package federation

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/borderlink/borderlink"
)

// link is this node's side of the delivery to one peer: the channels that
// wake its sender, the HTTP client, and what Health reports. Its fields
// after mu are guarded by the Service's mu.
type link struct {
	peer    borderlink.NodeID
	kick    chan struct{} // wakes the sender to deliver
	witness chan struct{} // wakes the sender to offer a checkpoint
	deliver sync.Mutex    // one delivery to the peer at a time
	// batch, when above 0, bounds the envelopes of a batch below
	// Options.MaxBatch: the peer answered 413 to a larger one (it accepts
	// fewer per batch than this node sends). Guarded by deliver.
	batch int
	// statsAt is when the queue gauges were last computed (a count over
	// the outbox, which a backlog makes long). Guarded by deliver.
	statsAt time.Time

	client   *http.Client
	clientOf Peer // the peer definition client was built for

	lastSuccess time.Time
	lastError   string
	lastErrorAt time.Time
	failures    int
	// offered is the checkpoint note last put in the outbox for the peer
	// and not yet seen held by it; witnessedBy is what the peer last said
	// it holds of this node's log.
	offered     string
	witnessedBy WitnessState
}

// link returns the link to peer, creating it.
func (s *Service) link(peer borderlink.NodeID) *link {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.links[peer]
	if !ok {
		l = &link{peer: peer, kick: make(chan struct{}, 1), witness: make(chan struct{}, 1)}
		s.links[peer] = l
	}
	return l
}

// httpClient returns the client for p, built again when p's address or
// certificate changed.
func (s *Service) httpClient(l *link, p Peer) (*http.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l.client != nil && l.clientOf.URL == p.URL && bytes.Equal(l.clientOf.CertPEM, p.CertPEM) {
		return l.client, nil
	}
	c, err := s.clientOf(p)
	if err != nil {
		return nil, err
	}
	if l.client != nil {
		l.client.CloseIdleConnections()
	}
	l.client, l.clientOf = c, p
	return c, nil
}

func (s *Service) succeeded(l *link) {
	s.mu.Lock()
	l.lastSuccess, l.failures = s.clock.Now(), 0
	s.mu.Unlock()
}

// failed records a failed delivery and returns how many in a row there were.
func (s *Service) failed(l *link, err error) int {
	s.mu.Lock()
	l.lastError, l.lastErrorAt = err.Error(), s.clock.Now()
	l.failures++
	n := l.failures
	s.mu.Unlock()
	s.m.errors.WithLabelValues(string(l.peer)).Inc()
	return n
}

// Kick wakes the sender towards dest now, after a commit that queued
// envelopes for it. dest may be a peer or a node reached through one; a
// missed kick only delays delivery until the next poll.
func (s *Service) Kick(dest borderlink.NodeID) {
	s.mu.Lock()
	l, ok := s.links[dest]
	var all []*link
	if !ok {
		for _, x := range s.links {
			all = append(all, x)
		}
	}
	s.mu.Unlock()
	if ok {
		signal(l.kick)
		return
	}
	// Not a peer with a running sender: a node relayed to, or a peer added
	// since Run last looked.
	for _, x := range all {
		signal(x.kick)
	}
	signal(s.refresh)
}

// KickWitness makes every sender offer this node's latest audit checkpoint
// to its peer now.
func (s *Service) KickWitness() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.links {
		signal(l.witness)
	}
}

func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// backoff returns the wait after n failures in a row: MinBackoff doubled
// each time, capped at MaxBackoff, drawn uniformly from its upper half.
func (s *Service) backoff(n int) time.Duration {
	d := s.o.MaxBackoff
	if n < 40 {
		if x := s.o.MinBackoff << (n - 1); x > 0 && x < d {
			d = x
		}
	}
	return d/2 + rand.N(d/2+1)
}

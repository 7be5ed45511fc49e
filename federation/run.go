package federation

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/borderlink/borderlink"
)

// peerRefresh is how often Run looks for peers added or removed without a
// Kick.
const peerRefresh = 5 * time.Second

// Run runs one sender per peer until ctx ends, then returns nil. Senders
// start for peers added later and stop for peers removed. Each sender
// delivers its peer's outbox in order, batch after batch while there is
// more; after a failure it waits (exponential back-off with jitter, see
// Options), otherwise until a Kick or Options.Poll. It also offers this
// node's audit checkpoint to the peer every Options.WitnessEvery, at start
// and on KickWitness. Everything it needs is in the database, so a
// restarted node resumes where it stopped.
func (s *Service) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	running := map[borderlink.NodeID]context.CancelFunc{}
	defer func() {
		for _, cancel := range running {
			cancel()
		}
		wg.Wait()
	}()
	t := time.NewTicker(peerRefresh)
	defer t.Stop()
	for {
		peers, err := s.peers.List(ctx)
		if err != nil && ctx.Err() == nil {
			s.logger.Error("federation: list peers", "err", err)
		}
		if err == nil {
			want := map[borderlink.NodeID]bool{}
			for _, p := range peers {
				want[p.ID] = true
				if _, ok := running[p.ID]; !ok {
					lctx, cancel := context.WithCancel(ctx)
					running[p.ID] = cancel
					l := s.link(p.ID)
					wg.Go(func() { s.runLink(lctx, l) })
				}
			}
			for id, cancel := range running {
				if !want[id] {
					cancel()
					delete(running, id)
				}
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-s.refresh:
		}
	}
}

// runLink is the sender towards one peer.
func (s *Service) runLink(ctx context.Context, l *link) {
	poll := time.NewTicker(s.o.Poll)
	defer poll.Stop()
	var witnessTick <-chan time.Time
	if s.o.WitnessEvery > 0 {
		wt := time.NewTicker(s.o.WitnessEvery)
		defer wt.Stop()
		witnessTick = wt.C
		signal(l.witness)
	}
	for ctx.Err() == nil {
		d, err := s.Deliver(ctx, l.peer)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			s.mu.Lock()
			n := l.failures
			s.mu.Unlock()
			if !errors.Is(err, ErrNoProgress) {
				s.logger.Warn("federation: delivery failed", "peer", string(l.peer), "failures", n, "err", err)
			}
			if !sleep(ctx, s.backoff(max(n, 1))) {
				return
			}
			continue
		}
		if d.More && d.Acked > 0 {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-l.kick:
		case <-poll.C:
		case <-witnessTick:
			s.witnessQuietly(ctx, l.peer)
		case <-l.witness:
			s.witnessQuietly(ctx, l.peer)
		}
	}
}

func (s *Service) witnessQuietly(ctx context.Context, peer borderlink.NodeID) {
	if err := s.Witness(ctx, peer); err != nil && ctx.Err() == nil {
		s.logger.Warn("federation: offer audit checkpoint", "peer", string(peer), "err", err)
	}
}

// sleep waits d or until ctx ends; it reports whether ctx is still live.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

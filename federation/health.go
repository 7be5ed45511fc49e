package federation

import (
	"context"
	"time"

	"github.com/borderlink/borderlink"
)

// PeerHealth is the state of the link to one peer, for the admin page
// (catalogue keys peers.*) and the API.
type PeerHealth struct {
	Peer borderlink.NodeID `json:"peer"`
	URL  string            `json:"url"`
	// Queue counts the envelopes queued for the peer and not yet
	// acknowledged; Lag is the age of the oldest of them (0 when none).
	Queue  int           `json:"queue"`
	Oldest time.Time     `json:"oldest,omitzero"`
	Lag    time.Duration `json:"lag"`
	// LastSuccess is when a batch last reached the peer; LastError and
	// LastErrorAt describe the last failure. They are kept in memory: a
	// restarted node shows them again after its first attempt.
	LastSuccess time.Time `json:"last_success,omitzero"`
	LastError   string    `json:"last_error,omitempty"`
	LastErrorAt time.Time `json:"last_error_at,omitzero"`
	Failures    int       `json:"failures"` // failed attempts since the last success
	// RefusedByPeer counts envelopes this node queued that the peer refused
	// for good; RefusedFromPeer counts envelopes from the peer this node
	// refused (whether or not that consumed their sequence number).
	RefusedByPeer   int `json:"refused_by_peer"`
	RefusedFromPeer int `json:"refused_from_peer"`
	// Witnessed is the latest checkpoint of the peer's audit log this node
	// holds (Size 0: none yet); WitnessedBy is what the peer last said it
	// holds of this node's log.
	Witnessed   WitnessState `json:"witnessed"`
	WitnessedBy WitnessState `json:"witnessed_by"`
	// Fork is set when the peer's audit log was found rewritten: the
	// earliest fork recorded.
	Fork *Fork `json:"fork,omitempty"`
}

// Health reports on every configured peer, by id.
func (s *Service) Health(ctx context.Context) ([]PeerHealth, error) {
	now := s.clock.Now()
	var out []PeerHealth
	err := s.db.View(ctx, func(tx Tx) error {
		repo := tx.Federation()
		peers, err := repo.Peers(ctx)
		if err != nil {
			return err
		}
		out = out[:0]
		for _, p := range peers {
			h := PeerHealth{Peer: p.ID, URL: p.URL}
			st, err := repo.QueueStats(ctx, p.ID)
			if err != nil {
				return err
			}
			h.Queue, h.Oldest = st.Len, st.Oldest
			if st.Len > 0 {
				h.Lag = max(now.Sub(st.Oldest), 0)
			}
			if h.RefusedByPeer, err = repo.CountRefused(ctx, p.ID, RefusedOut); err != nil {
				return err
			}
			if h.RefusedFromPeer, err = repo.CountRefused(ctx, p.ID, RefusedIn); err != nil {
				return err
			}
			w, err := repo.LatestWitnessed(ctx, p.ID)
			switch {
			case err == nil:
				h.Witnessed = WitnessState{Size: w.Size, Note: string(w.Note), Received: w.Received}
			case !notFound(err):
				return err
			}
			forks, err := repo.Forks(ctx, p.ID)
			if err != nil {
				return err
			}
			if len(forks) > 0 {
				h.Fork = &forks[0]
				h.Witnessed.Forked = true
			}
			out = append(out, h)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range out {
		if l, ok := s.links[out[i].Peer]; ok {
			out[i].LastSuccess, out[i].LastError, out[i].LastErrorAt = l.lastSuccess, l.lastError, l.lastErrorAt
			out[i].Failures, out[i].WitnessedBy = l.failures, l.witnessedBy
		}
	}
	return out, nil
}

// Applied returns the highest sequence number of stream applied here (or
// relayed onwards) from origin, as recorded in the same transaction as the
// effects; 0 when none. destination is this node for envelopes applied
// here.
func (s *Service) Applied(ctx context.Context, key StreamKey) (int64, error) {
	var seq int64
	err := s.db.View(ctx, func(tx Tx) (err error) { seq, err = tx.Federation().InboxSeq(ctx, key); return err })
	return seq, err
}

// Refusals returns the latest refused envelopes involving peer (both
// directions), newest first, up to limit.
func (s *Service) Refusals(ctx context.Context, peer borderlink.NodeID, limit int) ([]Refused, error) {
	var out []Refused
	err := s.db.View(ctx, func(tx Tx) (err error) { out, err = tx.Federation().Refusals(ctx, peer, limit); return err })
	return out, err
}

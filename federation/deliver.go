package federation

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Delivery is what one batch to a peer did.
type Delivery struct {
	Sent    int  // envelopes posted
	Acked   int  // envelopes the peer acknowledged (applied, relayed or refused for good)
	Refused int  // of those, refused by the peer
	More    bool // the outbox held more than one batch
}

// ErrNoProgress is the cause of Deliver's error when the peer took a batch
// but acknowledged none of it (an envelope held behind a gap, or refused
// without consuming its sequence number, such as a signature the peer
// cannot verify).
var ErrNoProgress = errors.New("federation: the peer acknowledged nothing")

// errBatchTooLarge marks a batch the peer answered 413: more envelopes
// or bytes than it accepts in one batch.
var errBatchTooLarge = errors.New("the peer takes smaller batches")

// Deliver sends one batch of the outbox towards peer, in queue order, and
// removes what the peer acknowledged. Run calls it; tests may call it
// directly. It returns an error when the peer cannot be reached, answers
// other than 200, or makes no progress; the envelopes then stay queued.
func (s *Service) Deliver(ctx context.Context, peer borderlink.NodeID) (Delivery, error) {
	l := s.link(peer)
	l.deliver.Lock()
	defer l.deliver.Unlock()
	d, err := s.deliver(ctx, l)
	if err != nil {
		s.failed(l, err)
		return d, fmt.Errorf("federation: deliver to %s: %w", peer, err)
	}
	if d.Sent > 0 {
		s.succeeded(l)
	}
	return d, nil
}

// statsEvery is how often a busy sender recounts its queue for the gauges.
const statsEvery = time.Second

func (s *Service) deliver(ctx context.Context, l *link) (Delivery, error) {
	var (
		p       Peer
		pending []Envelope
		stats   QueueStats
		full    bool // the batch took as many as it may: more may wait
		counted bool
	)
	err := s.db.View(ctx, func(tx Tx) (err error) {
		repo := tx.Federation()
		if p, err = repo.Peer(ctx, l.peer); err != nil {
			return err
		}
		limit := s.o.MaxBatch
		if l.batch > 0 {
			limit = min(limit, l.batch)
		}
		if pending, err = repo.Pending(ctx, l.peer, limit); err != nil {
			return err
		}
		full = len(pending) == limit
		// Counting the queue is a scan of it: while a backlog drains,
		// the gauges are refreshed once per statsEvery, not per batch.
		if !full || time.Since(l.statsAt) >= statsEvery {
			if stats, err = repo.QueueStats(ctx, l.peer); err != nil {
				return err
			}
			counted = true
		}
		return nil
	})
	if err != nil {
		return Delivery{}, err
	}
	if counted {
		l.statsAt = time.Now()
		s.gauge(l.peer, stats)
	}
	d := Delivery{More: full}
	batch, withheld := s.cut(pending)
	if len(batch) < len(pending) {
		d.More = true
	}
	if len(batch) == 0 {
		return d, withheld
	}
	start := time.Now()
	ans, err := s.post(ctx, l, p, Batch{Envelopes: batch})
	s.m.batch.WithLabelValues(string(l.peer)).Observe(time.Since(start).Seconds())
	if err != nil {
		if errors.Is(err, errBatchTooLarge) && len(batch) > 1 {
			// The peer takes fewer envelopes per batch: send it halves
			// from now on, down to what it accepts.
			l.batch = (len(batch) + 1) / 2
		}
		return d, err
	}
	d.Sent = len(batch)
	if err := s.settle(ctx, l, batch, ans, &d); err != nil {
		return d, err
	}
	s.m.delivered.WithLabelValues(string(l.peer)).Add(float64(d.Acked))
	switch {
	case withheld != nil:
		return d, withheld
	case d.Acked == 0:
		return d, noProgress(ans)
	}
	return d, nil
}

// cut returns the batch to post: the pending envelopes up to
// MaxBatchPayload bytes (at least one), stopping before any whose kind may
// not leave this node. Such an envelope can only have reached the outbox
// by going around Send; it is withheld, and the link stops at it with an
// error until an operator removes it.
func (s *Service) cut(pending []Envelope) ([]Envelope, error) {
	size := 0
	for i, e := range pending {
		if _, err := s.reg.Releasable(e.Kind); err != nil {
			return pending[:i], fmt.Errorf("envelope %s (%s seq %d) of kind %s is withheld: %w", e.ID, e.Destination, e.Seq, e.Kind, err)
		}
		size += len(e.Payload)
		if i > 0 && size > MaxBatchPayload {
			return pending[:i], nil
		}
	}
	return pending, nil
}

// post sends a batch and reads the answer.
func (s *Service) post(ctx context.Context, l *link, p Peer, b Batch) (Answer, error) {
	c, err := s.httpClient(l, p)
	if err != nil {
		return Answer{}, err
	}
	body, err := json.Marshal(b)
	if err != nil {
		return Answer{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.URL+EnvelopesPath, bytes.NewReader(body))
	if err != nil {
		return Answer{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil {
		return Answer{}, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		var we wireError
		msg, _ := io.ReadAll(io.LimitReader(res.Body, 4<<10))
		err := fmt.Errorf("status %d", res.StatusCode)
		if json.Unmarshal(msg, &we) == nil && we.Error != "" {
			err = fmt.Errorf("status %d: %s", res.StatusCode, clean(we.Error, 512))
		}
		if res.StatusCode == http.StatusRequestEntityTooLarge {
			err = fmt.Errorf("%w (%w)", err, errBatchTooLarge)
		}
		return Answer{}, err
	}
	var ans Answer
	if err := json.NewDecoder(io.LimitReader(res.Body, MaxBatchBytes)).Decode(&ans); err != nil {
		return Answer{}, fmt.Errorf("answer: %w", err)
	}
	if ans.Node != p.ID {
		return Answer{}, fmt.Errorf("answered as %q", clean(string(ans.Node), 64))
	}
	return ans, nil
}

// settle removes what the peer acknowledged from the outbox, records the
// envelopes it refused for good and tells Options.Delivered, in one
// transaction.
func (s *Service) settle(ctx context.Context, l *link, batch []Envelope, ans Answer, d *Delivery) error {
	sent := map[pos]*Envelope{}
	for i := range batch {
		sent[pos{batch[i].Key(), batch[i].Seq}] = &batch[i]
	}
	acked := s.acked(batch, ans)
	hook := s.o.Delivered != nil && len(acked) > 0
	for {
		fx := &effects{}
		hctx := context.WithValue(ctx, effectsKey{}, fx)
		var hookErr error
		err := s.settleTx(ctx, l, sent, ans, d, func(tx Tx) error {
			if !hook {
				return nil
			}
			if hookErr = s.o.Delivered(hctx, tx, s.clock.Now(), acked); hookErr != nil {
				return errHookFailed
			}
			return nil
		})
		if errors.Is(err, errHookFailed) {
			s.logger.Warn("federation: delivered hook failed; settling without it", "peer", string(l.peer), "err", hookErr)
			hook = false
			continue
		}
		if err == nil {
			for _, fn := range fx.after {
				fn()
			}
		}
		return err
	}
}

// errHookFailed rolls back a settling transaction whose Delivered hook
// failed, so that it is done again without the hook.
var errHookFailed = errors.New("federation: delivered hook failed")

// settleTx takes what the peer acknowledged out of the outbox and records
// what it refused, in one transaction, and runs hook in it.
func (s *Service) settleTx(ctx context.Context, l *link, sent map[pos]*Envelope, ans Answer, d *Delivery, hook func(Tx) error) error {
	return s.db.Update(ctx, func(tx Tx) error {
		d.Acked, d.Refused = 0, 0
		repo := tx.Federation()
		var audits []audit.Entry
		now := s.clock.Now()
		for _, r := range ans.Refusals {
			e, ours := sent[pos{r.Key, r.Seq}]
			if !ours || !r.Consumed || r.Reason == ReasonDuplicate {
				continue
			}
			d.Refused++
			s.m.peerRef.WithLabelValues(string(l.peer), r.Reason).Inc()
			if e.Kind == KindCheckpoint {
				s.mu.Lock()
				l.offered = ""
				s.mu.Unlock()
			}
			detail := clean(r.Detail, 512)
			if err := repo.InsertRefused(ctx, Refused{Direction: RefusedOut, Peer: l.peer, Envelope: e.ID, Origin: e.Origin,
				Destination: e.Destination, Stream: e.Stream, Seq: e.Seq, Kind: e.Kind, Reason: r.Reason, Detail: detail,
				Consumed: true, Time: now}); err != nil {
				return err
			}
			audits = append(audits, audit.Entry{Actor: "peer:" + string(l.peer), Action: "envelope.refused_by_peer",
				ObjectType: "envelope", ObjectID: e.ID, Source: "federation", Outcome: audit.OutcomeFailed,
				Detail: clean(fmt.Sprintf("%s: %s → %s stream %s seq %d kind %s: %s", r.Reason, e.Origin, e.Destination,
					e.Stream, e.Seq, e.Kind, detail), audit.MaxDetail)})
		}
		for _, a := range ans.Acks {
			n, err := repo.Dequeue(ctx, l.peer, a.StreamKey, a.Seq)
			if err != nil {
				return err
			}
			d.Acked += n
		}
		if err := hook(tx); err != nil {
			return err
		}
		return s.log.RecordBatch(ctx, tx.Audit(), audits)
	})
}

// pos is an envelope's place in its stream.
type pos struct {
	k   StreamKey
	seq int64
}

// acked returns the envelopes of batch that the peer acknowledged.
func (s *Service) acked(batch []Envelope, ans Answer) []Envelope {
	upTo := map[StreamKey]int64{}
	for _, a := range ans.Acks {
		upTo[a.StreamKey] = max(upTo[a.StreamKey], a.Seq)
	}
	var acked []Envelope
	for _, e := range batch {
		if e.Seq <= upTo[e.Key()] {
			acked = append(acked, e)
		}
	}
	return acked
}

// noProgress explains a batch of which nothing was acknowledged.
func noProgress(ans Answer) error {
	for _, r := range ans.Refusals {
		if !r.Consumed {
			return fmt.Errorf("%w: envelope %s refused (%s): %s", ErrNoProgress, r.ID, r.Reason, r.Detail)
		}
	}
	if ans.Held > 0 {
		return fmt.Errorf("%w: %d envelopes held behind a gap", ErrNoProgress, ans.Held)
	}
	return ErrNoProgress
}

func (s *Service) gauge(peer borderlink.NodeID, st QueueStats) {
	s.m.queue.WithLabelValues(string(peer)).Set(float64(st.Len))
	lag := 0.0
	if st.Len > 0 {
		lag = s.clock.Now().Sub(st.Oldest).Seconds()
	}
	s.m.lag.WithLabelValues(string(peer)).Set(lag)
}

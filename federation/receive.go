package federation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Receiving a batch. Every envelope is first checked for shape, origin and
// signature outside any transaction; failures there never touch a stream.
// Then one transaction takes the envelopes in order: per stream it applies
// (or relays) exactly the next sequence number, acknowledges and ignores
// the ones applied before, and holds back any after a gap. The applied
// sequence of each stream is written in the same transaction as the
// effects, so a crash after the commit and before the answer leaves the
// envelopes applied once: the sender sends them again and they are
// acknowledged as duplicates.
//
// A Kind.Apply that fails with a *Rejection rolls the transaction back,
// which also undoes whatever Apply wrote; the batch is then run again with
// that envelope refused (and its sequence number consumed). Any other Apply
// error rolls back and runs again only the envelopes before it: those are
// acknowledged and the rest are sent again later.

// inbound is one envelope of a batch and the refusal, if any, found before
// the transaction.
type inbound struct {
	e   Envelope
	pre error
}

// attempt is what one transaction over a batch did.
type attempt struct {
	ans      Answer
	results  map[string]int // applied, relayed, duplicate, held
	refused  []string       // reasons, for the metrics
	forks    []borderlink.NodeID
	hops     []borderlink.NodeID // peers relayed envelopes were queued for
	failedAt int                 // index of the envelope whose Apply failed, or -1
	failure  error               // its error
	after    []func()            // to run once the batch has committed
}

// effects collects what Apply functions report to the batch: forks found,
// and work to do once the batch has committed.
type effects struct {
	forks []borderlink.NodeID
	after []func()
	// Values kept for the whole batch by BatchLocal, and what to do with
	// each before the batch commits, in the order they were made.
	local map[any]any
	flush []func() error
}

type effectsKey struct{}

// AfterCommit arranges for fn to run once the transaction of an Apply
// function has committed, and reports whether it could: ctx must be the
// one federation passed to Apply. fn runs after the answer's effects are
// durable and is dropped if the batch rolls back (the envelope is then
// applied again later, and its Apply arranges fn again).
func AfterCommit(ctx context.Context, fn func()) bool {
	fx, ok := ctx.Value(effectsKey{}).(*effects)
	if !ok {
		return false
	}
	fx.after = append(fx.after, fn)
	return true
}

// BatchLocal returns the value kept under key for the batch being applied,
// making it with create on first use: create returns the value and a flush
// function that runs in the batch's transaction after the last envelope
// is applied (an error rolls the batch back). It reports false when ctx is
// not that of an Apply. A kind uses it to gather what many envelopes of a
// batch produce into one thing, such as one envelope of receipts instead
// of one per message.
func BatchLocal(ctx context.Context, key any, create func() (any, func() error)) (any, bool) {
	fx, ok := ctx.Value(effectsKey{}).(*effects)
	if !ok {
		return nil, false
	}
	if v, ok := fx.local[key]; ok {
		return v, true
	}
	v, flush := create()
	if fx.local == nil {
		fx.local = map[any]any{}
	}
	fx.local[key] = v
	fx.flush = append(fx.flush, flush)
	return v, true
}

func (s *Service) recvLock(peer borderlink.NodeID) *sync.Mutex {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.recv[peer]
	if !ok {
		m = &sync.Mutex{}
		s.recv[peer] = m
	}
	return m
}

// receive applies or relays a batch that peer from handed over, and
// answers it. source is the caller's address, for the audit log. An error
// is a fault of this node (storage); the sender tries again later.
func (s *Service) receive(ctx context.Context, from Peer, b Batch, source string) (Answer, error) {
	l := s.recvLock(from.ID)
	l.Lock()
	defer l.Unlock()
	var d *directory
	err := s.db.View(ctx, func(tx Tx) (err error) { d, err = loadDirectory(ctx, tx.Federation()); return err })
	if err != nil {
		return Answer{}, err
	}
	in := make([]inbound, len(b.Envelopes))
	for i := range b.Envelopes {
		in[i].e = b.Envelopes[i]
		if in[i].pre = checkShape(&in[i].e); in[i].pre == nil {
			in[i].pre = s.checkOrigin(d, &in[i].e)
		}
	}
	verdicts := map[int]error{}
	limit := len(in)
	for {
		a, err := s.tryBatch(ctx, from, d, in[:limit], verdicts, source)
		if err != nil {
			return Answer{}, err
		}
		if a.failedAt < 0 {
			for _, fn := range a.after {
				fn()
			}
			s.count(a)
			for _, hop := range a.hops {
				s.Kick(hop)
			}
			return a.ans, nil
		}
		var r *Rejection
		if errors.As(a.failure, &r) {
			verdicts[a.failedAt] = r
			continue
		}
		s.logger.Warn("federation: apply failed; envelopes from it on are left for later",
			"peer", string(from.ID), "envelope", in[a.failedAt].e.ID, "kind", in[a.failedAt].e.Kind, "err", a.failure)
		limit = a.failedAt
	}
}

// count updates the metrics after a committed batch.
func (s *Service) count(a *attempt) {
	for result, n := range a.results {
		s.m.received.WithLabelValues(result).Add(float64(n))
	}
	for _, reason := range a.refused {
		s.m.refused.WithLabelValues(reason).Inc()
	}
	for _, o := range a.forks {
		s.m.forks.WithLabelValues(string(o)).Inc()
	}
}

// errApplyFailed stops a batch transaction so that it rolls back.
var errApplyFailed = errors.New("federation: apply failed")

func (s *Service) tryBatch(ctx context.Context, from Peer, d *directory, in []inbound, verdicts map[int]error, source string) (*attempt, error) {
	var a *attempt
	err := s.db.Update(ctx, func(tx Tx) error {
		a = &attempt{ans: Answer{Node: s.self}, results: map[string]int{}, failedAt: -1}
		b := &batchTx{s: s, tx: tx, from: from, d: d, a: a, source: source,
			last: map[StreamKey]int64{}, start: map[StreamKey]int64{}, dups: map[StreamKey][2]int64{}}
		fx := &effects{}
		actx, trail := s.log.Buffer(context.WithValue(ctx, effectsKey{}, fx))
		for i := range in {
			if err := b.one(actx, i, &in[i], verdicts[i]); err != nil {
				return err // errApplyFailed or a storage error: roll back
			}
		}
		for _, flush := range fx.flush {
			if err := flush(); err != nil {
				return err
			}
		}
		a.forks, a.after = fx.forks, fx.after
		// What the Apply functions recorded, under the batch's checkpoint.
		if err := trail.Flush(ctx, tx.Audit()); err != nil {
			return err
		}
		return b.finish(ctx)
	})
	if errors.Is(err, errApplyFailed) {
		return a, nil
	}
	if err != nil {
		return nil, fmt.Errorf("federation: receive from %s: %w", from.ID, err)
	}
	return a, nil
}

// batchTx is one transaction over a batch.
type batchTx struct {
	s      *Service
	tx     Tx
	from   Peer
	d      *directory
	a      *attempt
	source string
	order  []StreamKey
	last   map[StreamKey]int64    // highest applied per stream, as the batch goes
	start  map[StreamKey]int64    // as it was before the batch
	dups   map[StreamKey][2]int64 // lowest and highest duplicate seen
	audits []audit.Entry
}

func (b *batchTx) one(ctx context.Context, i int, in *inbound, verdict error) error {
	e := &in.e
	if in.pre != nil {
		return b.refuse(ctx, e, in.pre, false)
	}
	key := e.Key()
	last, seen := b.last[key]
	if !seen {
		var err error
		if last, err = b.tx.Federation().LockInbox(ctx, key); err != nil {
			return err
		}
		b.last[key], b.start[key] = last, last
		b.order = append(b.order, key)
	}
	switch {
	case e.Seq <= last:
		b.a.results["duplicate"]++
		b.a.refused = append(b.a.refused, ReasonDuplicate)
		r := b.dups[key]
		if r[0] == 0 || e.Seq < r[0] {
			r[0] = e.Seq
		}
		r[1] = max(r[1], e.Seq)
		b.dups[key] = r
		b.a.ans.Refusals = append(b.a.ans.Refusals, refusal(e, ReasonDuplicate, "applied before; acknowledged and ignored", true))
		return nil
	case e.Seq > last+1:
		b.a.results["held"]++
		b.a.ans.Held++
		return nil
	}
	b.last[key] = e.Seq
	local := e.Destination == b.s.self
	var hop borderlink.NodeID
	if verdict == nil && !local {
		// Relayed to the peer that is the destination or announced it,
		// never back to the peer it came from.
		var ok bool
		if hop, ok = b.d.hop(e.Destination); !ok || hop == b.from.ID {
			verdict = Reject(ReasonDestination, "envelope "+e.ID+" is for "+string(e.Destination)+", which this node does not relay to")
		}
	}
	var k Kind
	if verdict == nil {
		k, verdict = b.s.checkContent(e, b.s.clock.Now(), local)
	}
	if verdict != nil {
		return b.refuse(ctx, e, verdict, true)
	}
	if !local {
		err := b.tx.Federation().Enqueue(ctx, hop, *e, b.s.clock.Now())
		if err != nil && !borderlink.IsCode(err, borderlink.EConflict) {
			return err
		}
		b.a.results["relayed"]++
		if !slices.Contains(b.a.hops, hop) {
			b.a.hops = append(b.a.hops, hop)
		}
		return nil
	}
	if k.Apply == nil {
		return b.refuse(ctx, e, Reject(ReasonSchema, "kind "+e.Kind+" cannot be applied on this node"), true)
	}
	if err := k.Apply(ctx, b.tx, *e); err != nil {
		b.a.failedAt, b.a.failure = i, err
		return errApplyFailed
	}
	b.a.results["applied"]++
	return nil
}

// refuse records a refusal in the answer, the audit log, the table of
// refused envelopes and (after the commit) the metrics.
func (b *batchTx) refuse(ctx context.Context, e *Envelope, err error, consumed bool) error {
	var r *Rejection
	if !errors.As(err, &r) {
		r = &Rejection{Reason: ReasonPayload, Detail: err.Error()}
	}
	ref := refusal(e, r.Reason, r.Detail, consumed)
	b.a.ans.Refusals = append(b.a.ans.Refusals, ref)
	b.a.refused = append(b.a.refused, r.Reason)
	b.s.logger.Warn("federation: envelope refused", "peer", string(b.from.ID), "origin", string(ref.Key.Origin),
		"envelope", ref.ID, "reason", r.Reason, "detail", ref.Detail, "consumed", consumed)
	b.audits = append(b.audits, audit.Entry{Actor: "peer:" + string(b.from.ID), Action: "envelope.refused",
		ObjectType: "envelope", ObjectID: ref.ID, Source: clean(b.source, audit.MaxSource), Outcome: audit.OutcomeDenied,
		Detail: clean(fmt.Sprintf("%s: %s → %s stream %s seq %d kind %s: %s", r.Reason, ref.Key.Origin, ref.Key.Destination,
			ref.Key.Stream, ref.Seq, ref.Kind, ref.Detail), audit.MaxDetail)})
	return b.tx.Federation().InsertRefused(ctx, Refused{Direction: RefusedIn, Peer: b.from.ID, Envelope: ref.ID,
		Origin: ref.Key.Origin, Destination: ref.Key.Destination, Stream: ref.Key.Stream, Seq: ref.Seq, Kind: ref.Kind,
		Reason: r.Reason, Detail: ref.Detail, Consumed: consumed, Time: b.s.clock.Now()})
}

// refusal describes a refused envelope with its fields made safe to echo.
func refusal(e *Envelope, reason, detail string, consumed bool) Refusal {
	return Refusal{ID: clean(e.ID, 64), Key: StreamKey{Origin: borderlink.NodeID(clean(string(e.Origin), 64)),
		Destination: borderlink.NodeID(clean(string(e.Destination), 64)), Stream: clean(e.Stream, 64)},
		Seq: e.Seq, Kind: clean(e.Kind, 64), Reason: reason, Detail: clean(detail, 512), Consumed: consumed}
}

// finish writes the applied sequence of every stream that moved, the audit
// entries, and the acknowledgements.
func (b *batchTx) finish(ctx context.Context) error {
	now := b.s.clock.Now()
	for _, key := range b.order {
		if b.last[key] != b.start[key] {
			if err := b.tx.Federation().SetInbox(ctx, key, b.last[key], now); err != nil {
				return err
			}
		}
		b.a.ans.Acks = append(b.a.ans.Acks, Ack{StreamKey: key, Seq: b.last[key]})
		if r, ok := b.dups[key]; ok {
			b.audits = append(b.audits, audit.Entry{Actor: "peer:" + string(b.from.ID), Action: "envelope.duplicate",
				ObjectType: "stream", ObjectID: clean(fmt.Sprintf("%s/%s/%s", key.Origin, key.Destination, key.Stream), audit.MaxObjectID),
				Source: clean(b.source, audit.MaxSource), Outcome: audit.OutcomeDenied,
				Detail: fmt.Sprintf("%s: seq %d to %d applied before; acknowledged and ignored", ReasonDuplicate, r[0], r[1])})
		}
	}
	return b.s.log.RecordBatch(ctx, b.tx.Audit(), b.audits)
}

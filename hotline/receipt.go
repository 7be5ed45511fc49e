package hotline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/federation"
)

// receive records on the receiving side that r reached state st now, by
// actor: the states of the local copy, and, when another node owns the
// message, a receipt owned by this node that goes back to the origin in
// tx. Reaching acknowledged resolves this node's alerts about r.
func (s *Service) receive(ctx context.Context, tx Tx, r *Record, st State, actor string) error {
	now := s.clock.Now()
	r.States = r.States.reach(st, now, actor)
	if err := tx.Hotline().SetStates(ctx, r.ID, r.States); err != nil {
		return fmt.Errorf("hotline: %s %s: %w", st, r.ID, err)
	}
	if st == Acknowledged {
		if _, err := tx.Hotline().ResolveAlerts(ctx, r.ID, now); err != nil {
			return fmt.Errorf("hotline: resolve alerts %s: %w", r.ID, err)
		}
	}
	if r.Origin == s.self {
		return nil
	}
	rc := Receipt{ID: ReceiptID(r.ID, st), MessageID: r.ID, State: st, Unit: r.ToUnit, Actor: actor, At: now, Origin: s.self}
	fresh, err := tx.Hotline().InsertReceipt(ctx, rc)
	if err != nil {
		return fmt.Errorf("hotline: receipt %s: %w", rc.ID, err)
	}
	if !fresh {
		return nil
	}
	w := wireReceipt{MessageID: rc.MessageID, State: st, Unit: rc.Unit, Actor: actor, At: now}
	// Receipts for messages applied in one batch from a peer go back in
	// one envelope per origin, written when the batch is done.
	if acc, ok := federation.BatchLocal(ctx, receiptsFor{r.Origin}, func() (any, func() error) {
		acc := &wireReceipts{}
		return acc, func() error { return s.sendReceipts(ctx, tx, r.Origin, acc.Receipts) }
	}); ok {
		acc := acc.(*wireReceipts)
		acc.Receipts = append(acc.Receipts, w)
		return nil
	}
	if _, err := s.outbox.Send(ctx, tx.Federation(), r.Origin, KindReceipt, w); err != nil {
		return fmt.Errorf("hotline: send receipt %s to %s: %w", rc.ID, r.Origin, err)
	}
	return nil
}

// receiptsFor keys the receipts gathered in a batch by the node they go to.
type receiptsFor struct{ origin borderlink.NodeID }

// sendReceipts queues ws for origin in envelopes of at most
// maxBatchReceipts.
func (s *Service) sendReceipts(ctx context.Context, tx Tx, origin borderlink.NodeID, ws []wireReceipt) error {
	for len(ws) > 0 {
		n := min(len(ws), maxBatchReceipts)
		if _, err := s.outbox.Send(ctx, tx.Federation(), origin, KindReceipts, wireReceipts{Receipts: ws[:n]}); err != nil {
			return fmt.Errorf("hotline: send %d receipts to %s: %w", n, origin, err)
		}
		ws = ws[n:]
	}
	return nil
}

// stateChanged runs after a commit that moved m to a new state on the
// receiving side: it wakes the sender to the origin node (the receipt is in
// the outbox) and tells subscribers.
func (s *Service) stateChanged(m Message) {
	if m.Origin != s.self {
		s.outbox.Kick(m.Origin)
	}
	s.events.Publish(Event{Type: EventState, MessageID: m.ID, ChannelID: m.ChannelID, Units: []string{m.FromUnit, m.ToUnit}})
}

// Acknowledge records that p's unit acknowledged message id, as its
// recipient, and returns the message. It marks the message read too when
// it was not, resolves this node's alerts about it and sends the receipts
// to the origin node. Acknowledging again changes nothing.
//
// Errors: ENotFound when there is no such message or p may not read it;
// EForbidden (error.hotline_not_recipient) when p is not on the receiving
// side or lacks hotline.send over the receiving unit.
func (s *Service) Acknowledge(ctx context.Context, p auth.Principal, id string) (Message, error) {
	tree := s.units.Tree()
	sc := scopeOf(p, tree, s.self)
	var m Message
	var changed bool
	err := s.update(ctx, func(tx Tx) error {
		r, err := s.visible(ctx, tx, p, sc, id, actAck)
		if err != nil {
			return err
		}
		if !sc.Incoming(r) || !p.CanIn(auth.PermHotlineSend, r.ToUnit, tree) {
			return s.deny(ctx, tx, p, actAck, id, p.Unit(), errNotRecipient(r.ToUnit))
		}
		if r.States.Acknowledged.IsZero() {
			actor := who(p, s.self)
			if r.States.Read.IsZero() {
				if err := s.receive(ctx, tx, &r, Read, actor); err != nil {
					return err
				}
			}
			if err := s.receive(ctx, tx, &r, Acknowledged, actor); err != nil {
				return err
			}
			changed = true
		}
		m = finish(r)
		return s.record(ctx, tx, entry(p, actAck, id, r.ToUnit, audit.OutcomeOK, ""))
	})
	if err != nil {
		return Message{}, err
	}
	if changed {
		s.stateChanged(m)
	}
	return m, nil
}

// applyReceipt applies a peer's receipt on the message's origin node: the
// receipt is kept as the peer's record, and the message reaches its state
// (and every earlier one still unknown) at the receipt's time.
func (s *Service) applyReceipt(ctx context.Context, tx Tx, e federation.Envelope) error {
	var w wireReceipt
	if err := decode(e, &w); err != nil {
		return err
	}
	return s.applyOneReceipt(ctx, tx, e, w)
}

// applyReceipts applies a peer's batch of receipts. A receipt that does
// not fit (unknown message, not one of ours) is recorded in the audit log
// as refused and skipped; the others apply.
func (s *Service) applyReceipts(ctx context.Context, tx Tx, e federation.Envelope) error {
	var ws wireReceipts
	if err := decode(e, &ws); err != nil {
		return err
	}
	if len(ws.Receipts) == 0 || len(ws.Receipts) > maxBatchReceipts {
		return federation.Reject(federation.ReasonPayload, fmt.Sprintf("receipts: %d in one envelope, want 1..%d", len(ws.Receipts), maxBatchReceipts))
	}
	for _, w := range ws.Receipts {
		err := s.applyOneReceipt(ctx, tx, e, w)
		var r *federation.Rejection
		if errors.As(err, &r) {
			en := systemEntry("peer:"+string(e.Origin), actReceipt, clip(w.MessageID, 64), "", "refused: "+r.Detail)
			en.Outcome = audit.OutcomeDenied
			if err := s.record(ctx, tx, en); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// applyOneReceipt applies receipt w that envelope e brought.
func (s *Service) applyOneReceipt(ctx context.Context, tx Tx, e federation.Envelope, w wireReceipt) error {
	if w.State != Delivered && w.State != Read && w.State != Acknowledged {
		return federation.Reject(federation.ReasonPayload, fmt.Sprintf("receipt for %q: unknown state %q", clip(w.MessageID, 40), clip(string(w.State), 20)))
	}
	if w.At.IsZero() || len(w.Actor) > 200 || len(w.Unit) > 64 {
		return federation.Reject(federation.ReasonPayload, "receipt: missing time or oversized field")
	}
	r, err := tx.Hotline().Message(ctx, w.MessageID, "")
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return federation.Reject(federation.ReasonPayload, fmt.Sprintf("receipt for unknown message %q", clip(w.MessageID, 40)))
	}
	if err != nil {
		return fmt.Errorf("hotline: receipt: %w", err)
	}
	toOwner, err := s.owner(ctx, s.units.Tree(), r.ToUnit)
	if err != nil {
		return err
	}
	if r.Origin != s.self || w.Unit != r.ToUnit || toOwner != e.Origin {
		return federation.Reject(federation.ReasonPayload,
			fmt.Sprintf("receipt for %s from %s: the message is not one of ours to a unit that node serves", r.ID, e.Origin))
	}
	rc := Receipt{ID: ReceiptID(r.ID, w.State), MessageID: r.ID, State: w.State, Unit: w.Unit, Actor: w.Actor, At: w.At.UTC(), Origin: e.Origin}
	fresh, err := tx.Hotline().InsertReceipt(ctx, rc)
	if err != nil || !fresh {
		return err
	}
	r.States = r.States.reach(w.State, rc.At, w.Actor)
	if err := tx.Hotline().SetStates(ctx, r.ID, r.States); err != nil {
		return fmt.Errorf("hotline: receipt %s: %w", rc.ID, err)
	}
	if w.State == Acknowledged {
		if _, err := tx.Hotline().ResolveAlerts(ctx, r.ID, s.clock.Now()); err != nil {
			return fmt.Errorf("hotline: resolve alerts %s: %w", r.ID, err)
		}
	}
	if err := s.record(ctx, tx, systemEntry("peer:"+string(e.Origin), actReceipt, r.ID, r.ToUnit, string(w.State)+" by "+w.Actor)); err != nil {
		return err
	}
	m := finish(r)
	s.afterCommit(ctx, tx, func(ctx context.Context, repo Repo) (bool, error) { return receiptStored(ctx, repo, rc.ID, r.ID) },
		func() {
			s.events.Publish(Event{Type: EventState, MessageID: m.ID, ChannelID: m.ChannelID, Units: []string{m.FromUnit, m.ToUnit}})
		})
	return nil
}

// Sent records that the peer took the envelopes es: each hotline message
// among them reaches state sent at at (other kinds are ignored). A receipt
// arriving later fills the state too, so a missed call leaves no hole.
func (s *Service) Sent(ctx context.Context, at time.Time, es ...federation.Envelope) error {
	var done []Message
	err := s.db.Update(ctx, func(tx Tx) (err error) {
		done, err = s.markSent(ctx, tx, at, es)
		return err
	})
	if err != nil {
		return err
	}
	s.publishSent(done)
	return nil
}

// MarkSent is Sent inside the federation sender's transaction (see
// federation.Options.Delivered): txAny is the store's transaction and ctx
// the one the sender passed, through which the events follow the commit.
func (s *Service) MarkSent(ctx context.Context, txAny any, at time.Time, es []federation.Envelope) error {
	tx, ok := txAny.(Tx)
	if !ok {
		return fmt.Errorf("hotline: sent: transaction is %T", txAny)
	}
	done, err := s.markSent(ctx, tx, at, es)
	if err != nil || len(done) == 0 {
		return err
	}
	if !federation.AfterCommit(ctx, func() { s.publishSent(done) }) {
		return errors.New("hotline: sent: not inside a federation transaction")
	}
	return nil
}

func (s *Service) markSent(ctx context.Context, tx Tx, at time.Time, es []federation.Envelope) ([]Message, error) {
	var done []Message
	var entries []audit.Entry
	for _, e := range es {
		if e.Kind != KindMessage {
			continue
		}
		var w wireMessage
		if err := decode(e, &w); err != nil {
			continue
		}
		r, err := tx.Hotline().Message(ctx, w.ID, "")
		if borderlink.IsCode(err, borderlink.ENotFound) || (err == nil && (r.Origin != s.self || !r.States.Sent.IsZero())) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("hotline: sent %s: %w", w.ID, err)
		}
		if err := tx.Hotline().SetStates(ctx, r.ID, States{Sent: at}); err != nil {
			return nil, fmt.Errorf("hotline: sent %s: %w", w.ID, err)
		}
		entries = append(entries, systemEntry("system", actSent, r.ID, r.FromUnit, "to "+string(e.Destination)))
		done = append(done, r.Message)
	}
	return done, s.record(ctx, tx, entries...)
}

func (s *Service) publishSent(done []Message) {
	for _, m := range done {
		s.events.Publish(Event{Type: EventState, MessageID: m.ID, ChannelID: m.ChannelID, Units: []string{m.FromUnit, m.ToUnit}})
	}
}

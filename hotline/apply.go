package hotline

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/units"
)

// RegisterKinds declares the hotline's envelope kinds, both releasable:
// "hotline.message" (a message for a unit this node serves) and
// "hotline.receipt" (a delivery state of a message this node sent).
func (s *Service) RegisterKinds(reg *federation.Registry) error {
	if err := reg.Register(federation.Kind{Name: KindMessage, Schema: messageSchema, Releasable: true,
		MaxPayload: maxMessagePayload, Apply: s.applyEnvelope}); err != nil {
		return err
	}
	if err := reg.Register(federation.Kind{Name: KindReceipt, Schema: receiptSchema, Releasable: true,
		MaxPayload: maxReceiptPayload, Apply: s.applyEnvelope}); err != nil {
		return err
	}
	if err := reg.Register(federation.Kind{Name: KindReceipts, Schema: receiptsSchema, Releasable: true,
		MaxPayload: maxReceiptsPayload, Apply: s.applyEnvelope}); err != nil {
		return err
	}
	return reg.Register(federation.Kind{Name: KindChunk, Schema: chunkSchema, Releasable: true,
		MaxPayload: maxChunkPayload, Apply: s.applyEnvelope})
}

// applyEnvelope applies a verified envelope in the receiving transaction.
func (s *Service) applyEnvelope(ctx context.Context, tx any, e federation.Envelope) error {
	htx, ok := tx.(Tx)
	if !ok {
		return fmt.Errorf("hotline: apply %s: transaction %T is not a hotline.Tx", e.ID, tx)
	}
	switch e.Kind {
	case KindMessage:
		return s.applyMessage(ctx, htx, e)
	case KindReceipt:
		return s.applyReceipt(ctx, htx, e)
	case KindChunk:
		return s.applyChunk(ctx, htx, e)
	case KindReceipts:
		return s.applyReceipts(ctx, htx, e)
	}
	return federation.Reject(federation.ReasonSchema, "hotline: unknown kind "+e.Kind)
}

// applyMessage stores a peer's message as a read-only replica, marks it
// delivered and sends the delivered receipt back, all in tx. It refuses
// (ReasonPayload) a message that is not for a unit this node serves, from
// a unit the origin does not serve, between units with no channel on the
// day it was written, or whose content fails the checks a local sender
// meets. A message stored already is acknowledged and ignored.
func (s *Service) applyMessage(ctx context.Context, tx Tx, e federation.Envelope) error {
	var w wireMessage
	if err := decode(e, &w); err != nil {
		return err
	}
	reject := func(why string) error {
		return federation.Reject(federation.ReasonPayload, fmt.Sprintf("message %q: %s", clip(w.ID, 40), why))
	}
	if _, err := tx.Hotline().Message(ctx, w.ID, ""); err == nil {
		return nil
	} else if !borderlink.IsCode(err, borderlink.ENotFound) {
		return fmt.Errorf("hotline: apply %s: %w", e.ID, err)
	}
	m := w.message(e.Origin)
	if err := s.checkWire(&m); err != nil {
		return reject(borderlink.AsError(err).Message)
	}
	if err := checkWireAttachments(w.Attachments); err != nil {
		return reject(err.Error())
	}
	tree := s.units.Tree()
	if !tree.Exists(m.FromUnit) || !tree.Exists(m.ToUnit) {
		return reject("unknown unit")
	}
	toOwner, err := s.owner(ctx, tree, m.ToUnit)
	if err != nil {
		return err
	}
	fromOwner, err := s.owner(ctx, tree, m.FromUnit)
	if err != nil {
		return err
	}
	switch {
	case toOwner != s.self:
		return reject(m.ToUnit + " is not served by this node")
	case fromOwner != e.Origin:
		return reject(m.FromUnit + " is not served by " + string(e.Origin))
	}
	ch, ok := channelBetween(tree, m.FromUnit, m.ToUnit, borderlink.DateOf(m.Created))
	if !ok || ch.ID != m.ChannelID {
		return reject("no channel between " + m.FromUnit + " and " + m.ToUnit)
	}
	if m.ThreadID != m.ID {
		first, err := tx.Hotline().Message(ctx, m.ThreadID, "")
		if err == nil && first.ChannelID != m.ChannelID {
			return reject("thread on another channel")
		}
		if err != nil && !borderlink.IsCode(err, borderlink.ENotFound) {
			return fmt.Errorf("hotline: apply %s: %w", e.ID, err)
		}
	}
	r := Record{Message: m, ToScope: pathOf(tree, m.ToUnit), Search: searchText(m)}
	if fromOwner == s.self {
		r.FromScope = pathOf(tree, m.FromUnit)
	}
	r.States = States{Queued: m.Created}.reach(Sent, e.Created.UTC(), "")
	if err := tx.Hotline().InsertMessage(ctx, r); err != nil {
		return fmt.Errorf("hotline: apply %s: %w", e.ID, err)
	}
	for _, a := range m.Attachments {
		if err := tx.Hotline().InsertAttachment(ctx, a); err != nil {
			return fmt.Errorf("hotline: apply %s: attachment %s: %w", e.ID, a.ID, err)
		}
	}
	if err := s.receive(ctx, tx, &r, Delivered, string(s.self)); err != nil {
		return err
	}
	detail := fmt.Sprintf("from %s (%s) to %s %s %s", m.FromUnit, e.Origin, m.ToUnit, m.Priority, m.Handling)
	if err := s.record(ctx, tx, systemEntry("peer:"+string(e.Origin), actReceive, m.ID, m.ToUnit, detail)); err != nil {
		return err
	}
	done := finish(r)
	s.afterCommit(ctx, tx, func(ctx context.Context, repo Repo) (bool, error) { return messageStored(ctx, repo, m.ID) },
		func() {
			s.outbox.Kick(e.Origin)
			s.events.Publish(Event{Type: EventMessage, MessageID: m.ID, ChannelID: m.ChannelID, Units: []string{m.FromUnit, m.ToUnit}})
			s.translateLater(done)
		})
	return nil
}

// checkWire applies to a peer's message the checks a local sender meets.
func (s *Service) checkWire(m *Message) error {
	if m.ID == "" || m.ThreadID == "" || len(m.ID) > 64 || len(m.ThreadID) > 64 {
		return errRequired("id")
	}
	if !units.ValidCode(m.FromUnit) || !units.ValidCode(m.ToUnit) {
		return errRequired("unit")
	}
	if len(m.Author) > 128 || len(m.AuthorName) > 256 || m.Author == "" {
		return errRequired("author")
	}
	if m.Created.IsZero() || m.Deadline.Before(m.Created) {
		return errRequired("created")
	}
	if p, err := ParsePriority(string(m.Priority)); err != nil || p != m.Priority {
		return errRequired("priority")
	}
	if h, err := ParseHandling(string(m.Handling)); err != nil || h != m.Handling {
		return errRequired("handling")
	}
	return s.checkContent(m, m.ThreadID == m.ID)
}

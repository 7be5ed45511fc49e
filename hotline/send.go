package hotline

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/units"
)

// Send writes a message from nm.FromUnit (default: p's unit) to nm.ToUnit
// and returns it as stored, in state queued. The message, its outgoing
// envelope (when another node serves ToUnit) and its audit entry commit
// together; the sender to that node is woken after the commit. A message
// between two units this node serves is delivered at once.
//
// Errors: ENotFound (error.unknown_unit) for an unknown unit; EForbidden
// (error.hotline_cannot_send) when p lacks hotline.send over FromUnit,
// checked before anything else about the message and audited; EInvalid
// when FromUnit is not served by this node (error.hotline_not_local), when
// the two units have no channel today (error.hotline_no_channel), when
// ThreadID is not a thread of that channel, or for a bad priority,
// handling code, language, text or form; EUnavailable
// (error.hotline_no_route) when no peer serves ToUnit.
func (s *Service) Send(ctx context.Context, p auth.Principal, nm NewMessage) (Message, error) {
	tree := s.units.Tree()
	from, to, err := s.sendUnits(tree, p, nm)
	if err != nil {
		return Message{}, err
	}
	id := borderlink.NewID()
	if !p.CanIn(auth.PermHotlineSend, from, tree) {
		return Message{}, s.update(ctx, func(tx Tx) error {
			return s.deny(ctx, tx, p, actSend, id, from, errCannotSend(from))
		})
	}
	now := s.clock.Now()
	m := Message{ID: id, FromUnit: from, ToUnit: to, Author: p.Username, AuthorName: p.DisplayName,
		Subject: nm.Subject, Body: nm.Body, Lang: nm.Lang, Form: nm.Form, Created: now, Origin: s.self}
	if m.Lang == "" {
		m.Lang = cmp.Or(p.Lang, s.lang)
	}
	if m.Priority, err = ParsePriority(string(nm.Priority)); err != nil {
		return Message{}, err
	}
	if m.Handling, err = ParseHandling(string(nm.Handling)); err != nil {
		return Message{}, err
	}
	if err := s.checkContent(&m, nm.ThreadID == ""); err != nil {
		return Message{}, err
	}
	if m.Form != nil {
		if b, err := json.Marshal(m.Form); err != nil || len(b) > MaxForm {
			return Message{}, errTooLong("form", MaxForm)
		}
	}
	if m.Attachments, err = checkAttachments(m.ID, nm.Attachments); err != nil {
		return Message{}, err
	}
	ch, ok := channelBetween(tree, from, to, borderlink.DateOf(now))
	if !ok {
		return Message{}, errNoChannel(from, to)
	}
	m.ChannelID, m.ThreadID = ch.ID, m.ID
	m.Deadline = now.Add(s.deadlines[m.Priority])
	m.States = States{Queued: now}

	dest, err := s.route(ctx, tree, from, to)
	if err != nil {
		return Message{}, err
	}
	err = s.update(ctx, func(tx Tx) error {
		if nm.ThreadID != "" {
			if err := s.joinThread(ctx, tx, p, tree, &m, nm.ThreadID); err != nil {
				return err
			}
		}
		r := Record{Message: m, FromScope: pathOf(tree, from), Search: searchText(m)}
		if dest == s.self {
			r.ToScope = pathOf(tree, to)
			r.States = r.States.reach(Delivered, now, string(s.self))
		}
		if err := tx.Hotline().InsertMessage(ctx, r); err != nil {
			return fmt.Errorf("hotline: send: %w", err)
		}
		if dest != s.self {
			if _, err := s.outbox.Send(ctx, tx.Federation(), dest, KindMessage, toWire(m)); err != nil {
				return fmt.Errorf("hotline: send %s to %s: %w", m.ID, dest, err)
			}
		}
		if err := s.sendAttachments(ctx, tx, m, nm.Attachments, dest); err != nil {
			return err
		}
		m = r.Message
		return s.record(ctx, tx, entry(p, actSend, m.ID, from, audit.OutcomeOK,
			fmt.Sprintf("to %s (%s) %s %s", to, dest, m.Priority, m.Handling)))
	})
	if err != nil {
		return Message{}, err
	}
	if dest != s.self {
		s.outbox.Kick(dest)
	}
	m.State = m.States.Current()
	s.events.Publish(Event{Type: EventMessage, MessageID: m.ID, ChannelID: m.ChannelID, Units: []string{from, to}})
	return m, nil
}

// route returns the node that serves to, after checking that this node
// serves from.
func (s *Service) route(ctx context.Context, tree *units.Tree, from, to string) (borderlink.NodeID, error) {
	if owner, err := s.owner(ctx, tree, from); err != nil {
		return "", err
	} else if owner != s.self {
		return "", errNotLocal(from)
	}
	dest, err := s.owner(ctx, tree, to)
	if err != nil {
		return "", err
	}
	if dest == "" {
		return "", errNoRoute(to)
	}
	return dest, nil
}

// sendUnits resolves the sending and receiving units of nm.
func (s *Service) sendUnits(tree *units.Tree, p auth.Principal, nm NewMessage) (string, string, error) {
	from := nm.FromUnit
	if from == "" {
		if from = p.Unit(); from == "" {
			return "", "", errNoUnit()
		}
	}
	from, ok := tree.Canonical(units.NormalizeCode(from))
	if !ok {
		return "", "", units.UnknownUnit(cmp.Or(nm.FromUnit, p.Unit()))
	}
	to, ok := tree.Canonical(units.NormalizeCode(nm.ToUnit))
	if !ok {
		if nm.ToUnit == "" {
			return "", "", errRequired("to_unit")
		}
		return "", "", units.UnknownUnit(nm.ToUnit)
	}
	if from == to {
		return "", "", errNoChannel(from, to)
	}
	return from, to, nil
}

// joinThread puts m in thread id: the thread must exist on m's channel and
// be visible to p. A reply without a subject takes the thread's.
func (s *Service) joinThread(ctx context.Context, tx Tx, p auth.Principal, tree *units.Tree, m *Message, id string) error {
	first, err := tx.Hotline().Message(ctx, id, "")
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return errThread(id)
	}
	if err != nil {
		return err
	}
	if first.ChannelID != m.ChannelID || !scopeOf(p, tree, s.self).Visible(first) {
		return errThread(id)
	}
	m.ThreadID = first.ThreadID
	if m.Subject == "" {
		m.Subject = first.Subject
	}
	return nil
}

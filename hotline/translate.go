package hotline

import (
	"context"
	"fmt"
	"time"
)

// translateTimeout bounds one message's translation.
const translateTimeout = time.Minute

// translateLater translates m into the node's language in the background,
// after m was stored, and stores the translation beside the original. A
// failure is logged and leaves the message untranslated; it never delays or
// undoes delivery.
func (s *Service) translateLater(m Message) {
	if s.translator == nil || s.lang == "" || m.Lang == s.lang {
		return
	}
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
		case <-s.bgCtx.Done():
			return
		}
		ctx, cancel := context.WithTimeout(s.bgCtx, translateTimeout)
		defer cancel()
		if err := s.translate(ctx, m); err != nil {
			s.logger.Warn("hotline: translation failed", "message", m.ID, "from", m.Lang, "to", s.lang, "err", err)
		}
	}()
}

func (s *Service) translate(ctx context.Context, m Message) error {
	t := Translation{MessageID: m.ID, Lang: s.lang, Machine: true}
	var err error
	if m.Subject != "" {
		if t.Subject, t.Engine, err = s.translator.Translate(ctx, m.Subject, m.Lang, s.lang); err != nil {
			return err
		}
	}
	if m.Body != "" {
		if t.Text, t.Engine, err = s.translator.Translate(ctx, m.Body, m.Lang, s.lang); err != nil {
			return err
		}
	}
	if t.Subject, err = cleanText("translation", t.Subject, 4*MaxSubject); err != nil {
		return err
	}
	if t.Text, err = cleanText("translation", t.Text, 4*MaxBody); err != nil {
		return err
	}
	t.Created = s.clock.Now()
	err = s.db.Update(ctx, func(tx Tx) error {
		if err := tx.Hotline().PutTranslation(ctx, t); err != nil {
			return fmt.Errorf("hotline: store translation of %s: %w", m.ID, err)
		}
		return s.record(ctx, tx, systemEntry("system", actTranslate, m.ID, m.ToUnit,
			fmt.Sprintf("%s to %s by %s", m.Lang, s.lang, t.Engine)))
	})
	if err != nil {
		return err
	}
	s.events.Publish(Event{Type: EventTranslation, MessageID: m.ID, ChannelID: m.ChannelID, Units: []string{m.FromUnit, m.ToUnit}})
	return nil
}

package hotline

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/borderlink/borderlink/audit"
)

// translateTimeout bounds one message's translation.
const translateTimeout = time.Minute

// translateBatch is how many translations are stored in one transaction.
// Messages arrive in batches of a few hundred when a link comes back; one
// commit per translation would compete with the deliveries for the writer.
const translateBatch = 128

// translations runs the translations of arriving messages in the background:
// a queue, drained by one worker that translates up to translateBatch
// messages at a time (several at once, bounded by Service.slots, for a
// remote service) and stores the results in one transaction.
type translations struct {
	mu      sync.Mutex
	queue   []Message
	running bool
}

// translateLater translates m into the node's language in the background,
// after m was stored, and stores the translation beside the original. A
// failure is logged and leaves the message untranslated; it never delays or
// undoes delivery.
func (s *Service) translateLater(m Message) {
	if s.translator == nil || s.lang == "" || m.Lang == s.lang {
		return
	}
	q := &s.translations
	q.mu.Lock()
	defer q.mu.Unlock()
	q.queue = append(q.queue, m)
	if !q.running {
		q.running = true
		s.bg.Add(1)
		go s.translateLoop()
	}
}

func (s *Service) translateLoop() {
	defer s.bg.Done()
	q := &s.translations
	for {
		q.mu.Lock()
		n := min(len(q.queue), translateBatch)
		if n == 0 || s.bgCtx.Err() != nil {
			q.queue, q.running = nil, false
			q.mu.Unlock()
			return
		}
		batch := q.queue[:n:n]
		q.queue = q.queue[n:]
		q.mu.Unlock()
		s.translateAll(batch)
	}
}

// translateAll translates ms and stores every translation that succeeded.
func (s *Service) translateAll(ms []Message) {
	out := make([]*Translation, len(ms))
	var wg sync.WaitGroup
	for i, m := range ms {
		select {
		case s.slots <- struct{}{}:
		case <-s.bgCtx.Done():
			wg.Wait()
			return
		}
		wg.Go(func() {
			defer func() { <-s.slots }()
			ctx, cancel := context.WithTimeout(s.bgCtx, translateTimeout)
			defer cancel()
			t, err := s.translateOne(ctx, m)
			if err != nil {
				s.logger.Warn("hotline: translation failed", "message", m.ID, "from", m.Lang, "to", s.lang, "err", err)
				return
			}
			out[i] = &t
		})
	}
	wg.Wait()
	var stored []Message
	err := s.db.Update(s.bgCtx, func(tx Tx) error {
		stored = stored[:0]
		var entries []audit.Entry
		for i, t := range out {
			if t == nil {
				continue
			}
			if err := tx.Hotline().PutTranslation(s.bgCtx, *t); err != nil {
				return fmt.Errorf("hotline: store translation of %s: %w", t.MessageID, err)
			}
			entries = append(entries, systemEntry("system", actTranslate, ms[i].ID, ms[i].ToUnit,
				fmt.Sprintf("%s to %s by %s", ms[i].Lang, s.lang, t.Engine)))
			stored = append(stored, ms[i])
		}
		if len(entries) == 0 {
			return nil
		}
		return s.record(s.bgCtx, tx, entries...)
	})
	if err != nil {
		if s.bgCtx.Err() == nil {
			s.logger.Warn("hotline: store translations", "messages", len(ms), "err", err)
		}
		return
	}
	for _, m := range stored {
		s.events.Publish(Event{Type: EventTranslation, MessageID: m.ID, ChannelID: m.ChannelID, Units: []string{m.FromUnit, m.ToUnit}})
	}
}

// translateOne translates the subject and body of m.
func (s *Service) translateOne(ctx context.Context, m Message) (Translation, error) {
	t := Translation{MessageID: m.ID, Lang: s.lang, Machine: true}
	var err error
	if m.Subject != "" {
		if t.Subject, t.Engine, err = s.translator.Translate(ctx, m.Subject, m.Lang, s.lang); err != nil {
			return t, err
		}
	}
	if m.Body != "" {
		if t.Text, t.Engine, err = s.translator.Translate(ctx, m.Body, m.Lang, s.lang); err != nil {
			return t, err
		}
	}
	if t.Subject, err = cleanText("translation", t.Subject, 4*MaxSubject); err != nil {
		return t, err
	}
	if t.Text, err = cleanText("translation", t.Text, 4*MaxBody); err != nil {
		return t, err
	}
	t.Created = s.clock.Now()
	return t, nil
}

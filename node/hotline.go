package node

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/hotline/forms"
	"github.com/borderlink/borderlink/i18n/translate"
	"github.com/borderlink/borderlink/store"
)

// escalateEvery is how often the node looks for hotline messages past
// their acknowledgement deadline. Deadlines are minutes long at least, so
// an alert is at most this late.
const escalateEvery = 15 * time.Second

// assembleExchange builds the delivery service and the hotline on top of
// it; the hotline's envelope kinds are registered before anything is
// received.
func (n *Node) assembleExchange(cfg config.Config) error {
	var err error
	n.Federation, err = federation.NewService(federation.Options{
		Self: n.Config.NodeID, Key: n.Identity.Key, Cert: n.Identity.TLS,
		DB: store.Domain[federation.Tx]{S: n.Store}, Peers: n.Peers, Log: n.Audit,
		Clock: n.Clock, Logger: n.Log, Metrics: n.metrics.reg,
		Delivered: func(ctx context.Context, tx any, at time.Time, es []federation.Envelope) error {
			if n.Hotline == nil {
				return nil
			}
			return n.Hotline.MarkSent(ctx, tx, at, es)
		},
	})
	if err != nil {
		return fmt.Errorf("node: federation: %w", err)
	}
	tr, err := translate.New(translate.Config{URL: cfg.TranslateURL, APIKey: cfg.TranslateAPIKey, Timeout: cfg.TranslateTimeout, Logger: n.Log})
	if err != nil {
		return fmt.Errorf("node: translation: %w", err)
	}
	n.Translator = tr
	tree := n.Units
	n.Hotline, err = hotline.NewService(hotline.Options{
		DB: store.Domain[hotline.Tx]{S: n.Store}, Log: n.Audit, Units: n.Units, Outbox: n.Federation,
		Self: n.Config.NodeID, Own: []string{MinistryCode(n.Config.Country)}, Clock: n.Clock,
		Deadlines: map[hotline.Priority]time.Duration{
			hotline.Flash: cfg.DeadlineFlash, hotline.Urgent: cfg.DeadlineUrgent, hotline.Routine: cfg.DeadlineRoutine,
		},
		Validate: func(typ string, fields map[string]any) error {
			return forms.Validate(typ, fields, forms.Options{UnitExists: func(code string) bool {
				_, err := tree.Tree().Get(code)
				return err == nil
			}})
		},
		Translator: tr, Lang: n.Config.Lang(), Logger: n.Log,
	})
	if err != nil {
		return fmt.Errorf("node: hotline: %w", err)
	}
	return n.Hotline.RegisterKinds(n.Federation.Registry())
}

// runExchange runs the senders to every peer and the escalation of overdue
// hotline messages until ctx ends.
func (n *Node) runExchange(ctx context.Context) error {
	done := make(chan error, 1)
	go func() { done <- n.Federation.Run(ctx) }()
	t := time.NewTicker(escalateEvery)
	defer t.Stop()
	for {
		if _, err := n.Hotline.Escalate(ctx); err != nil && ctx.Err() == nil {
			n.Log.Error("hotline: escalate", "err", err)
		}
		select {
		case <-ctx.Done():
			return errors.Join(<-done)
		case <-t.C:
		}
	}
}

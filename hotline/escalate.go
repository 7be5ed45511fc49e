package hotline

import (
	"context"
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/units"
)

// escalateBatch bounds the messages one Escalate call handles; the next
// call takes the rest.
const escalateBatch = 200

// Escalate raises alerts for the messages whose acknowledgement deadline
// has passed by the service's clock: for each side of the channel this
// node serves, the parent of that side's unit (the unit itself for a
// ministry) is alerted, once. It returns how many alerts it raised. The
// node calls it every few seconds.
func (s *Service) Escalate(ctx context.Context) (int, error) {
	now := s.clock.Now()
	tree := s.units.Tree()
	var raised []Alert
	err := s.db.Update(ctx, func(tx Tx) error {
		due, err := tx.Hotline().Due(ctx, now, escalateBatch)
		if err != nil {
			return fmt.Errorf("hotline: escalate: %w", err)
		}
		var es []audit.Entry
		for _, r := range due {
			for _, side := range []struct{ unit, scope string }{{r.FromUnit, r.FromScope}, {r.ToUnit, r.ToScope}} {
				if side.scope == "" {
					continue
				}
				a := alertFor(tree, r, side.unit, now)
				fresh, err := tx.Hotline().InsertAlert(ctx, a)
				if err != nil {
					return fmt.Errorf("hotline: escalate %s: %w", r.ID, err)
				}
				if fresh {
					raised = append(raised, a)
					es = append(es, systemEntry("system", actEscalate, r.ID, a.Unit,
						fmt.Sprintf("%s to %s not acknowledged by %s", r.Priority, r.ToUnit, r.Deadline.UTC().Format(time.RFC3339))))
				}
			}
			if err := tx.Hotline().SetEscalated(ctx, r.ID, now); err != nil {
				return fmt.Errorf("hotline: escalate %s: %w", r.ID, err)
			}
		}
		return s.record(ctx, tx, es...)
	})
	if err != nil {
		return 0, err
	}
	for _, a := range raised {
		s.events.Publish(Event{Type: EventAlert, MessageID: a.MessageID, ChannelID: a.ChannelID, Units: []string{a.Unit}})
	}
	return len(raised), nil
}

// alertFor returns the alert about r for the parent of unit, its side.
func alertFor(tree *units.Tree, r Record, unit string, now time.Time) Alert {
	target := unit
	if p, ok := tree.ParentOn(unit, borderlink.DateOf(now)); ok {
		target = p.Code
	} else if anc := tree.Ancestors(unit); len(anc) > 0 {
		target = anc[0].Code
	}
	return Alert{ID: borderlink.NewID(), MessageID: r.ID, ChannelID: r.ChannelID, Unit: target, About: unit,
		Priority: r.Priority, Deadline: r.Deadline, Raised: now, Scope: pathOf(tree, target)}
}

// Alerts returns the open alerts to units p reads the hotline of (each
// unit with its sub-units), most recent first.
func (s *Service) Alerts(ctx context.Context, p auth.Principal) ([]Alert, error) {
	out, _, err := s.alerts(ctx, p, MaxLimit)
	return out, err
}

// CountAlerts returns how many open alerts Alerts would return, without
// its limit.
func (s *Service) CountAlerts(ctx context.Context, p auth.Principal) (int, error) {
	_, n, err := s.alerts(ctx, p, 1)
	return n, err
}

func (s *Service) alerts(ctx context.Context, p auth.Principal, limit int) ([]Alert, int, error) {
	if !p.Can(auth.PermHotlineRead) {
		return nil, 0, nil
	}
	q := AlertQuery{All: p.Unrestricted(), Under: p.ScopeUnits(auth.PermHotlineRead), Open: true, Limit: limit}
	var out []Alert
	var n int
	err := s.db.View(ctx, func(tx Tx) (err error) {
		out, n, err = tx.Hotline().FindAlerts(ctx, q)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("hotline: alerts: %w", err)
	}
	return out, n, nil
}

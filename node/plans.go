package node

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/plans"
	"github.com/borderlink/borderlink/store"
)

// KindPlansRelease is the envelope of an agreement, a plan, a task or a
// conference sent to the other side (see plans.Release).
const KindPlansRelease = "plans.release"

// maxPlansRelease bounds one release: a task with its milestones and up to
// 200 progress notes of 4,000 characters is the largest record.
const maxPlansRelease = 4 << 20

// assemblePlans builds the agreements, plans and tasks on the federation
// and the statistics: a release goes, in the transaction of the change,
// to the outbox of the node(s) on the other side (see plans.Release).
func (n *Node) assemblePlans() error {
	var err error
	n.Plans, err = plans.NewService(plans.Options{
		DB: store.Domain[plans.Tx]{S: n.Store}, Log: n.Audit, Units: n.Units,
		Self: n.Config.NodeID, Country: n.Config.Country, Clock: n.Clock, Stats: n.Stats,
		Publish: n.publishPlansRelease, Published: func() { n.Federation.Kick("") },
	})
	if err != nil {
		return fmt.Errorf("node: plans: %w", err)
	}
	return n.Federation.Registry().Register(federation.Kind{Name: KindPlansRelease, Schema: 1, Releasable: true,
		MaxPayload: maxPlansRelease, Apply: n.applyPlansRelease})
}

// publishPlansRelease puts a release into the outbox of its destination:
// the plan's origin for this node's task on the partner's plan, else every
// other node that serves one of the partner units.
func (n *Node) publishPlansRelease(ctx context.Context, tx plans.Tx, r plans.Release) error {
	ftx, ok := tx.(interface{ Federation() federation.Repo })
	if !ok {
		return fmt.Errorf("node: publish plans release: transaction %T has no outbox", tx)
	}
	if r.PlanOrigin != n.Config.NodeID {
		if _, err := n.Federation.Send(ctx, ftx.Federation(), r.PlanOrigin, KindPlansRelease, r); err != nil {
			return fmt.Errorf("node: publish plans %s to %s: %w", r.Kind, r.PlanOrigin, err)
		}
		return nil
	}
	if err := n.sendToPartners(ctx, ftx.Federation(), r.PartnerUnits, KindPlansRelease, r); err != nil {
		return fmt.Errorf("node: publish plans %s: %w", r.Kind, err)
	}
	return nil
}

// applyPlansRelease stores a record of the other side.
func (n *Node) applyPlansRelease(ctx context.Context, tx any, e federation.Envelope) error {
	ptx, ok := tx.(plans.Tx)
	if !ok {
		return fmt.Errorf("node: apply plans release %s: transaction %T is not a plans.Tx", e.ID, tx)
	}
	var r plans.Release
	if err := json.Unmarshal(e.Payload, &r); err != nil {
		return federation.Reject(federation.ReasonPayload, "plans.release: "+err.Error())
	}
	if err := n.Plans.ApplyRelease(ctx, ptx, e.Origin, r); err != nil {
		if borderlink.IsCode(err, borderlink.EInvalid) || borderlink.IsCode(err, borderlink.EForbidden) {
			return federation.Reject(federation.ReasonPayload, "plans.release: "+borderlink.AsError(err).Message)
		}
		return err
	}
	return nil
}

package node

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/store"
)

// KindCaseRelease is the envelope of a record of a joint case released to
// the partner (see cases.Release).
const KindCaseRelease = "cases.release"

// maxCaseRelease bounds one release: a subject or an arrest carries its
// person with up to four photos of 2 MiB, sent in base64.
const maxCaseRelease = 12 << 20

// assembleCases builds the joint case service on the statistics and the
// federation: a release goes, in the transaction that marks it, to the
// outbox of the node serving the case's partner units.
func (n *Node) assembleCases() error {
	var err error
	n.Cases, err = cases.NewService(cases.Options{
		DB: store.Domain[cases.Tx]{S: n.Store}, Log: n.Audit, Units: n.Units, Drugs: n.Stats.Drugs(), Stats: n.Stats,
		Self: n.Config.NodeID, Country: n.Config.Country, Clock: n.Clock,
		Publish: n.publishCaseRelease, Published: func() { n.Federation.Kick("") },
	})
	if err != nil {
		return fmt.Errorf("node: cases: %w", err)
	}
	return n.Federation.Registry().Register(federation.Kind{Name: KindCaseRelease, Schema: 1, Releasable: true,
		MaxPayload: maxCaseRelease, Apply: n.applyCaseRelease})
}

// publishCaseRelease puts a released record into the outbox of every
// other node that serves one of the record's partner units.
func (n *Node) publishCaseRelease(ctx context.Context, tx cases.Tx, r cases.Release) error {
	ftx, ok := tx.(interface{ Federation() federation.Repo })
	if !ok {
		return fmt.Errorf("node: publish case release: transaction %T has no outbox", tx)
	}
	if err := n.sendToPartners(ctx, ftx.Federation(), r.PartnerUnits, KindCaseRelease, r); err != nil {
		return fmt.Errorf("node: publish case release: %w", err)
	}
	return nil
}

// sendToPartners puts payload into the outbox of every other node that
// serves one of units (directly or through an ancestor), once per node.
func (n *Node) sendToPartners(ctx context.Context, repo federation.Repo, units []string, kind string, payload any) error {
	tree := n.Units.Tree()
	sent := map[borderlink.NodeID]bool{}
	for _, unit := range units {
		chain := []string{unit}
		for _, a := range tree.Ancestors(unit) {
			chain = append(chain, a.Code)
		}
		dest, ok, err := n.Federation.NodeFor(ctx, chain)
		if err != nil {
			return err
		}
		if !ok || sent[dest] || dest == n.Config.NodeID {
			continue
		}
		sent[dest] = true
		if _, err := n.Federation.Send(ctx, repo, dest, kind, payload); err != nil {
			return fmt.Errorf("to %s: %w", dest, err)
		}
	}
	return nil
}

// applyCaseRelease stores a partner's released record.
func (n *Node) applyCaseRelease(ctx context.Context, tx any, e federation.Envelope) error {
	ctx2, ok := tx.(cases.Tx)
	if !ok {
		return fmt.Errorf("node: apply case release %s: transaction %T is not a cases.Tx", e.ID, tx)
	}
	var r cases.Release
	if err := json.Unmarshal(e.Payload, &r); err != nil {
		return federation.Reject(federation.ReasonPayload, "cases.release: "+err.Error())
	}
	if err := n.Cases.ApplyRelease(ctx, ctx2, e.Origin, r); err != nil {
		if borderlink.IsCode(err, borderlink.EInvalid) || borderlink.IsCode(err, borderlink.EForbidden) {
			return federation.Reject(federation.ReasonPayload, "cases.release: "+borderlink.AsError(err).Message)
		}
		return err
	}
	return nil
}

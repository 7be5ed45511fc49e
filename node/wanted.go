package node

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/wanted"
)

// KindWantedRelease is the envelope of a wanted notice, a sighting or a
// hand-over step sent to the other side (see wanted.Release).
const KindWantedRelease = "wanted.release"

// maxWantedRelease bounds one release: a notice carries up to four photos
// of 2 MiB, sent in base64, with room for the notice itself.
const maxWantedRelease = 12 << 20

// assembleWanted builds the wanted register on the federation: a release
// goes, in the transaction of the change, to the outbox of the node(s) on
// the other side (see wanted.Release for where).
func (n *Node) assembleWanted() error {
	var err error
	n.Wanted, err = wanted.NewService(wanted.Options{
		DB: store.Domain[wanted.Tx]{S: n.Store}, Log: n.Audit, Units: n.Units,
		Self: n.Config.NodeID, Country: n.Config.Country, Clock: n.Clock,
		Publish: n.publishWantedRelease, Published: func() { n.Federation.Kick("") },
		Changed: n.wantedChanged,
	})
	if err != nil {
		return fmt.Errorf("node: wanted: %w", err)
	}
	return n.Federation.Registry().Register(federation.Kind{Name: KindWantedRelease, Schema: 1, Releasable: true,
		MaxPayload: maxWantedRelease, Apply: n.applyWantedRelease})
}

// wantedHook holds the function OnWantedChange set.
type wantedHook = atomic.Pointer[func([]wanted.Notice)]

// OnWantedChange sets fn to be called with the wanted notices as they now
// stand, each time some change: after a local change commits, and after a
// batch of envelopes that stored partner notices commits. It is the seam
// a screening index keeps itself up to date through: build the index from
// Wanted.AllNotices at start-up, then apply what fn receives. fn runs on
// the goroutine that made the change and must not block; nil removes it.
// It may be called at any time, also while the node serves.
func (n *Node) OnWantedChange(fn func([]wanted.Notice)) {
	if fn == nil {
		n.wantedHook.Store(nil)
		return
	}
	n.wantedHook.Store(&fn)
}

// wantedChanged brings the screening index up to date with changed
// notices and passes them to the function OnWantedChange set.
func (n *Node) wantedChanged(ns []wanted.Notice) {
	if n.Screening != nil {
		for _, w := range ns {
			if err := n.Screening.PutWanted(screenedNotice(w)); err != nil {
				n.Log.Warn("screening: notice not indexed", "notice", w.ID, "err", err)
			}
		}
	}
	if fn := n.wantedHook.Load(); fn != nil && len(ns) > 0 {
		(*fn)(ns)
	}
}

// publishWantedRelease puts a release into the outbox of its destination:
// the notice's origin for a sighting or a step about the partner's notice,
// else every other node that serves one of the notice's partner units.
func (n *Node) publishWantedRelease(ctx context.Context, tx wanted.Tx, r wanted.Release) error {
	ftx, ok := tx.(interface{ Federation() federation.Repo })
	if !ok {
		return fmt.Errorf("node: publish wanted release: transaction %T has no outbox", tx)
	}
	if r.NoticeOrigin != n.Config.NodeID {
		if _, err := n.Federation.Send(ctx, ftx.Federation(), r.NoticeOrigin, KindWantedRelease, r); err != nil {
			return fmt.Errorf("node: publish wanted %s to %s: %w", r.Kind, r.NoticeOrigin, err)
		}
		return nil
	}
	if err := n.sendToPartners(ctx, ftx.Federation(), r.PartnerUnits, KindWantedRelease, r); err != nil {
		return fmt.Errorf("node: publish wanted %s: %w", r.Kind, err)
	}
	return nil
}

// applyWantedRelease stores a record of the other side; a notice stored
// is passed on (OnWantedChange) once the batch has committed.
func (n *Node) applyWantedRelease(ctx context.Context, tx any, e federation.Envelope) error {
	wtx, ok := tx.(wanted.Tx)
	if !ok {
		return fmt.Errorf("node: apply wanted release %s: transaction %T is not a wanted.Tx", e.ID, tx)
	}
	var r wanted.Release
	if err := json.Unmarshal(e.Payload, &r); err != nil {
		return federation.Reject(federation.ReasonPayload, "wanted.release: "+err.Error())
	}
	got, err := n.Wanted.ApplyRelease(ctx, wtx, e.Origin, r)
	if err != nil {
		if borderlink.IsCode(err, borderlink.EInvalid) || borderlink.IsCode(err, borderlink.EForbidden) {
			return federation.Reject(federation.ReasonPayload, "wanted.release: "+borderlink.AsError(err).Message)
		}
		return err
	}
	if got.ID != "" {
		federation.AfterCommit(ctx, func() { n.wantedChanged([]wanted.Notice{got}) })
	}
	return nil
}

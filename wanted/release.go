package wanted

import (
	"context"
	"fmt"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Release is what goes to the other side: a notice as it now stands with
// the bytes of its photos, or a sighting, or a hand-over step. Federation
// puts it in an envelope; the receiving node hands it to ApplyRelease.
//
// Where it goes: when NoticeOrigin is this node, to the nodes serving
// PartnerUnits (the notice's partner units); otherwise to NoticeOrigin,
// the node that owns the notice the sighting or step is about.
type Release struct {
	Kind     string        `json:"kind"` // KindNotice, KindSighting or KindStep
	Notice   *Notice       `json:"notice,omitempty"`
	Photos   []PhotoFile   `json:"photos,omitempty"` // with a notice: every photo it lists
	Sighting *Sighting     `json:"sighting,omitempty"`
	Step     *HandoverStep `json:"step,omitempty"`
	// NoticeOrigin owns the notice; PartnerUnits are its partner units.
	NoticeOrigin borderlink.NodeID `json:"notice_origin"`
	PartnerUnits []string          `json:"partner_units"`
}

// PhotoFile is a photo of a released notice with its bytes.
type PhotoFile struct {
	cases.Photo
	Data []byte `json:"data"` // base64 in JSON
}

// NoticeID returns the id of the notice r is about, "" when it carries no
// record.
func (r Release) NoticeID() string {
	switch {
	case r.Notice != nil:
		return r.Notice.ID
	case r.Sighting != nil:
		return r.Sighting.NoticeID
	case r.Step != nil:
		return r.Step.NoticeID
	}
	return ""
}

// Release releases one of this node's notices to its partner units: it
// marks the notice released and hands it, with its photos, to
// Options.Publish in one transaction. The first release also sends the
// sightings this node recorded before it. Releasing again publishes the
// notice again.
//
// Errors: as UpdateNotice; EInvalid (error.wanted_no_partner) when the
// notice names no partner unit.
func (s *Service) Release(ctx context.Context, p auth.Principal, id string) (Notice, error) {
	var out Notice
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.ownNotice(ctx, tx, p, id, actRelease)
		if err != nil {
			return err
		}
		n := r.Notice
		if len(n.PartnerUnits) == 0 {
			return errNoPartner()
		}
		now := s.now()
		first := n.Released.IsZero()
		if first {
			n.Released = now
			if err := tx.Wanted().PutNotice(ctx, s.noticeRecord(n)); err != nil {
				return wrapErr("release notice", err)
			}
		}
		if err := s.sendNotice(ctx, tx, n); err != nil {
			return err
		}
		if first {
			if err := s.sendSightings(ctx, tx, n); err != nil {
				return err
			}
		}
		out = n
		touched(ctx, n)
		return s.record(ctx, tx, recordkit.OK(p, actRelease, objNotice, id, "to "+strings.Join(n.PartnerUnits, " ")))
	})
	if err != nil {
		return Notice{}, err
	}
	return out, nil
}

// sendNotice publishes n with the bytes of its photos.
func (s *Service) sendNotice(ctx context.Context, tx Tx, n Notice) error {
	rel := Release{Kind: KindNotice, Notice: &n, NoticeOrigin: n.Origin, PartnerUnits: n.PartnerUnits}
	for _, ph := range n.Photos {
		_, data, err := tx.Wanted().PhotoData(ctx, n.ID, ph.ID)
		if err != nil {
			return wrapErr("photo "+ph.ID, err)
		}
		rel.Photos = append(rel.Photos, PhotoFile{Photo: ph, Data: data})
	}
	return s.send(ctx, tx, rel)
}

// sendSightings publishes the sightings of n this node recorded before n
// was released, and marks them released.
func (s *Service) sendSightings(ctx context.Context, tx Tx, n Notice) error {
	sgs, err := tx.Wanted().Sightings(ctx, n.ID)
	if err != nil {
		return wrapErr("sightings", err)
	}
	for _, sg := range sgs {
		if sg.Origin != s.self || !sg.Released.IsZero() {
			continue
		}
		sg.Released = n.Released
		if err := tx.Wanted().PutSighting(ctx, sg); err != nil {
			return wrapErr("release sighting", err)
		}
		if err := s.send(ctx, tx, Release{Kind: KindSighting, Sighting: &sg, NoticeOrigin: n.Origin, PartnerUnits: n.PartnerUnits}); err != nil {
			return err
		}
	}
	return nil
}

// send hands r to Options.Publish.
func (s *Service) send(ctx context.Context, tx Tx, r Release) error {
	if s.publish == nil {
		return nil
	}
	if err := s.publish(ctx, tx, r); err != nil {
		return fmt.Errorf("wanted: publish %s %s: %w", r.Kind, r.NoticeID(), err)
	}
	recordkit.Published(ctx)
	return nil
}

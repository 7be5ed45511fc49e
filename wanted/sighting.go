package wanted

import (
	"context"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Sighting is a report that the person of a notice was seen. It is owned
// by the node that reported it, on either side of the border, and never
// changed.
type Sighting struct {
	ID       string            `json:"id"`
	NoticeID string            `json:"notice_id"`
	Origin   borderlink.NodeID `json:"origin"`
	At       time.Time         `json:"at"` // when the person was seen
	Place    Place             `json:"place"`
	// Seen is what was seen: with whom, doing what, heading where.
	Seen string          `json:"seen"`
	Lang borderlink.Lang `json:"lang"`
	// ReporterUnit is the unit that reports (a unit of the origin's
	// country).
	ReporterUnit string    `json:"reporter_unit"`
	By           string    `json:"by"` // "username@node"
	Created      time.Time `json:"created"`
	Released     time.Time `json:"released,omitzero"` // zero: not sent to the other side
}

// NewSighting is what a user writes to report a sighting.
type NewSighting struct {
	At    time.Time       `json:"at"`
	Place Place           `json:"place"`
	Seen  string          `json:"seen"`
	Lang  borderlink.Lang `json:"lang"` // "" means the writer's language
	// ReporterUnit defaults to the unit of the user's first grant.
	ReporterUnit string `json:"reporter_unit"`
}

// sightingFields checks what a sighting says and sets it on sg; home is
// the country the reporter unit must (home != "") or must not (foreign)
// belong to.
func (s *Service) sightingFields(sg *Sighting, in NewSighting, fallback borderlink.Lang, home string, foreign bool) error {
	tree := s.tree()
	var err error
	if sg.At, err = rules.CheckTime("at", in.At, s.now()); err != nil {
		return err
	}
	if sg.Place, err = checkPlace(tree, "place", in.Place, true); err != nil {
		return err
	}
	if sg.Seen, err = rules.Required("seen", in.Seen, MaxText, true); err != nil {
		return err
	}
	if sg.Lang, err = rules.Lang(in.Lang, fallback); err != nil {
		return err
	}
	if sg.Lang == "" {
		return rules.ErrLang("")
	}
	if sg.ReporterUnit, err = rules.UnitCode(tree, "reporter_unit", in.ReporterUnit); err != nil {
		return err
	}
	if c := recordkit.CountryOf(tree, sg.ReporterUnit); (c == home) == foreign {
		return recordkit.Invalid("error.wanted_reporter_foreign", "the reporting unit "+sg.ReporterUnit+" is not a unit of the reporting side",
			"unit", sg.ReporterUnit)
	}
	return nil
}

// ReportSighting records that the person of notice noticeID was seen, as
// reported by a unit of this country over which p holds wanted.read. p
// must be able to read the notice, which must be active, located or
// arrested. When the notice is the partner's, or this node's and
// released, the sighting goes to the other side at once.
//
// Errors: EForbidden when p holds wanted.read nowhere or not over the
// reporter unit (audited); ENotFound (audited) when p may not see the
// notice; EConflict (error.wanted_closed) when it is handed over or
// withdrawn; EInvalid for a bad field.
func (s *Service) ReportSighting(ctx context.Context, p auth.Principal, noticeID string, in NewSighting) (Sighting, error) {
	var out Sighting
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.visibleNotice(ctx, tx, p, noticeID, actSighting)
		if err != nil {
			return err
		}
		if !r.Status.Open() {
			return errClosed(r.Status)
		}
		now := s.now()
		sg := Sighting{ID: borderlink.NewID(), NoticeID: r.ID, Origin: s.self, By: s.who(p), Created: now}
		if in.ReporterUnit == "" {
			in.ReporterUnit = p.Unit()
		}
		if err := s.sightingFields(&sg, in, s.defaultLang(p), s.country, false); err != nil {
			return err
		}
		if !p.CanIn(auth.PermWantedRead, sg.ReporterUnit, s.tree()) {
			return s.deny(ctx, tx, p, actSighting, objNotice, r.ID, errCannotReport(sg.ReporterUnit))
		}
		have, err := tx.Wanted().Sightings(ctx, r.ID)
		if err != nil {
			return wrapErr("sightings", err)
		}
		if len(have) >= MaxSightings {
			return rules.ErrTooMany("sightings", MaxSightings)
		}
		if r.Origin != s.self || !r.Released.IsZero() {
			sg.Released = now
		}
		if err := tx.Wanted().PutSighting(ctx, sg); err != nil {
			return wrapErr("report sighting", err)
		}
		if !sg.Released.IsZero() {
			if err := s.send(ctx, tx, Release{Kind: KindSighting, Sighting: &sg, NoticeOrigin: r.Origin, PartnerUnits: r.PartnerUnits}); err != nil {
				return err
			}
		}
		out = sg
		where := sg.Place.Unit
		if where == "" {
			where = recordkit.Clip(sg.Place.Text, 60)
		}
		return s.record(ctx, tx, recordkit.OK(p, actSighting, objSighting, sg.ID, "notice "+r.ID+", at "+where))
	})
	if err != nil {
		return Sighting{}, err
	}
	return out, nil
}

package wanted

import (
	"context"
	"slices"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// ApplyRelease stores a release of the other side on this node, read-only,
// in the caller's transaction (federation calls it for an envelope it
// verified to come from origin). The record is first checked as if it had
// been written here; a bad one is refused with EInvalid and nothing is
// stored. A notice is stored when it is new here or newer (by Updated)
// than the copy kept, with its photos brought to those it lists; a
// sighting or a step is stored when it is new here. Applying the same
// release again changes nothing. Every record stored is audited as
// received from origin.
//
// It returns the notice as it now stands when a notice was stored, and a
// zero Notice otherwise (a sighting, a step, an older version): the caller
// passes a stored notice on (Options.Changed) once its transaction has
// committed.
func (s *Service) ApplyRelease(ctx context.Context, tx Tx, origin borderlink.NodeID, r Release) (Notice, error) {
	if err := origin.Validate(); err != nil {
		return Notice{}, err
	}
	if origin == s.self {
		return Notice{}, recordkit.Invalid("error.wanted_release_origin", "a node does not apply its own releases")
	}
	a := applying{s: s, tx: tx, origin: origin}
	switch {
	case r.Kind == KindNotice && r.Notice != nil && r.Sighting == nil && r.Step == nil:
		return a.notice(ctx, *r.Notice, r.Photos)
	case r.Kind == KindSighting && r.Sighting != nil && r.Notice == nil && r.Step == nil:
		return Notice{}, a.sighting(ctx, *r.Sighting)
	case r.Kind == KindStep && r.Step != nil && r.Notice == nil && r.Sighting == nil:
		return Notice{}, a.step(ctx, *r.Step)
	}
	if !slices.Contains(Kinds(), r.Kind) {
		return Notice{}, rules.ErrChoice("kind", r.Kind)
	}
	return Notice{}, errRelease("a " + r.Kind + " release carries no " + r.Kind + " alone")
}

// applying holds the state of one ApplyRelease.
type applying struct {
	s      *Service
	tx     Tx
	origin borderlink.NodeID
}

// base checks what every record of the other side carries: an id, the
// origin that sent it, and its times (kept to the microsecond).
func (a *applying) base(id string, origin borderlink.NodeID, created, released *time.Time) error {
	if err := rules.CheckID(id); err != nil {
		return err
	}
	if origin != a.origin {
		return recordkit.Invalid("error.wanted_release_origin", "the record belongs to "+recordkit.Clip(string(origin), 64)+", not to the node that sent it")
	}
	*created, *released = recordkit.Micro(*created), recordkit.Micro(*released)
	if created.IsZero() || released.IsZero() {
		return errRelease("it has no creation or release time")
	}
	return nil
}

// conflict is the error of a record kept here under the same id by
// another node.
func conflict(id string) error {
	return recordkit.Invalid("error.wanted_release_conflict", "a record "+recordkit.Clip(id, 64)+" of another node is kept here already", "id", recordkit.Clip(id, 64))
}

func (a *applying) notice(ctx context.Context, in Notice, files []PhotoFile) (Notice, error) {
	s := a.s
	n := in
	if err := a.base(n.ID, n.Origin, &n.Created, &n.Released); err != nil {
		return Notice{}, err
	}
	if n.Updated = recordkit.Micro(n.Updated); n.Updated.Before(n.Created) {
		return Notice{}, errRelease("it was changed before it was created")
	}
	if in.Lang == "" {
		return Notice{}, rules.ErrLang("")
	}
	if err := s.noticeFields(&n, in.input(), nil, "", in.Lang); err != nil {
		return Notice{}, err
	}
	if recordkit.CountryOf(s.tree(), n.IssuingUnit) == s.country {
		return Notice{}, recordkit.Invalid("error.wanted_release_not_ours", "the notice is not released to a unit of this country")
	}
	ours := slices.ContainsFunc(n.PartnerUnits, func(u string) bool { return recordkit.CountryOf(s.tree(), u) == s.country })
	if !ours {
		return Notice{}, recordkit.Invalid("error.wanted_release_not_ours", "the notice is not released to a unit of this country")
	}
	hs, err := checkHistory(in.StatusHistory, s.today())
	if err != nil {
		return Notice{}, err
	}
	n.StatusHistory, n.Status = hs, hs[len(hs)-1].Status
	// Photos: each one's bytes came with the release, or are kept here
	// already with the same digest.
	if len(in.Photos) > MaxPhotos {
		return Notice{}, recordkit.Invalid("error.wanted_photo_count", "a notice has at most 4 photos", "max", MaxPhotos)
	}
	repo := a.tx.Wanted()
	data := map[string][]byte{}
	n.Photos = []cases.Photo{}
	for _, ph := range in.Photos {
		if err := rules.CheckID(ph.ID); err != nil {
			return Notice{}, err
		}
		if i := slices.IndexFunc(files, func(f PhotoFile) bool { return f.ID == ph.ID }); i >= 0 {
			got, err := cases.CheckPhoto(files[i].Data)
			if err != nil {
				return Notice{}, err
			}
			if got.SHA256 != ph.SHA256 || got.Size != ph.Size || got.ContentType != ph.ContentType {
				return Notice{}, recordkit.Invalid("error.wanted_release_photo", "a photo of the released notice does not match its description")
			}
			data[ph.ID] = files[i].Data
		} else if kept, _, err := repo.PhotoData(ctx, n.ID, ph.ID); err != nil || kept.SHA256 != ph.SHA256 {
			return Notice{}, recordkit.Invalid("error.wanted_release_photo", "a photo of the released notice did not come with it")
		}
		if slices.ContainsFunc(n.Photos, func(o cases.Photo) bool { return o.ID == ph.ID }) {
			return Notice{}, recordkit.Invalid("error.wanted_release_photo", "a photo of the released notice is listed twice")
		}
		n.Photos = append(n.Photos, ph)
	}
	kept, err := repo.Notice(ctx, n.ID)
	switch {
	case borderlink.IsCode(err, borderlink.ENotFound):
	case err != nil:
		return Notice{}, wrapErr("notice "+n.ID, err)
	case kept.Origin != a.origin:
		return Notice{}, conflict(n.ID)
	case !n.Updated.After(kept.Updated):
		return Notice{}, nil // this version or a newer one is kept
	}
	if err := repo.PutNotice(ctx, s.noticeRecord(n)); err != nil {
		return Notice{}, wrapErr("apply notice", err)
	}
	for _, ph := range kept.Photos {
		if !slices.ContainsFunc(n.Photos, func(o cases.Photo) bool { return o.ID == ph.ID }) {
			if err := repo.DeletePhoto(ctx, n.ID, ph.ID); err != nil {
				return Notice{}, wrapErr("apply notice photo", err)
			}
		}
	}
	for _, ph := range n.Photos {
		if slices.ContainsFunc(kept.Photos, func(o cases.Photo) bool { return o.ID == ph.ID }) {
			continue
		}
		if err := repo.PutPhoto(ctx, n.ID, ph, data[ph.ID]); err != nil {
			return Notice{}, wrapErr("apply notice photo", err)
		}
	}
	// Photos are listed in the order stored, which may differ from the
	// order sent when some were kept already.
	stored, err := repo.Notice(ctx, n.ID)
	if err != nil {
		return Notice{}, wrapErr("apply notice", err)
	}
	return stored.Notice, s.record(ctx, a.tx, recordkit.PeerEntry(string(a.origin), actReceive, objNotice, n.ID,
		"warrant "+recordkit.Clip(n.WarrantRef, 60)+", status "+string(n.Status)))
}

// knownNotice returns the notice a sighting or a step of the other side is
// about: kept here, and either this node's, released, or the sender's own.
func (a *applying) knownNotice(ctx context.Context, id string) (NoticeRecord, error) {
	unknown := recordkit.Invalid("error.wanted_release_unknown_notice", "the record is about a notice this node does not know", "id", recordkit.Clip(id, 64))
	if rules.CheckID(id) != nil {
		return NoticeRecord{}, unknown
	}
	r, err := a.tx.Wanted().Notice(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return NoticeRecord{}, unknown
	}
	if err != nil {
		return NoticeRecord{}, wrapErr("notice "+id, err)
	}
	if (r.Origin == a.s.self && r.Released.IsZero()) || (r.Origin != a.s.self && r.Origin != a.origin) {
		return NoticeRecord{}, unknown
	}
	return r, nil
}

func (a *applying) sighting(ctx context.Context, in Sighting) error {
	sg := in
	if err := a.base(sg.ID, sg.Origin, &sg.Created, &sg.Released); err != nil {
		return err
	}
	r, err := a.knownNotice(ctx, sg.NoticeID)
	if err != nil {
		return err
	}
	if err := a.s.sightingFields(&sg, NewSighting{At: in.At, Place: in.Place, Seen: in.Seen, Lang: in.Lang,
		ReporterUnit: in.ReporterUnit}, "", a.s.country, true); err != nil {
		return err
	}
	if sg.By, err = rules.Clean("by", in.By, 200, false); err != nil {
		return err
	}
	kept, err := a.tx.Wanted().Sighting(ctx, sg.ID)
	switch {
	case borderlink.IsCode(err, borderlink.ENotFound):
	case err != nil:
		return wrapErr("sighting "+sg.ID, err)
	case kept.Origin != a.origin:
		return conflict(sg.ID)
	default:
		return nil // kept already: sightings do not change
	}
	if err := a.tx.Wanted().PutSighting(ctx, sg); err != nil {
		return wrapErr("apply sighting", err)
	}
	return a.s.record(ctx, a.tx, recordkit.PeerEntry(string(a.origin), actSightingReceive, objSighting, sg.ID, "notice "+r.ID))
}

func (a *applying) step(ctx context.Context, in HandoverStep) error {
	st := in
	if err := a.base(st.ID, st.Origin, &st.Created, &st.Released); err != nil {
		return err
	}
	r, err := a.knownNotice(ctx, st.NoticeID)
	if err != nil {
		return err
	}
	if in.Lang == "" {
		return rules.ErrLang("")
	}
	if err := a.s.stepFields(&st, in.input(), nil, in.Lang); err != nil {
		return err
	}
	if st.By, err = rules.Clean("by", in.By, 200, false); err != nil {
		return err
	}
	kept, err := a.tx.Wanted().Step(ctx, st.ID)
	switch {
	case borderlink.IsCode(err, borderlink.ENotFound):
	case err != nil:
		return wrapErr("step "+st.ID, err)
	case kept.Origin != a.origin:
		return conflict(st.ID)
	default:
		return nil // kept already: steps do not change
	}
	steps, err := a.tx.Wanted().Steps(ctx, r.ID)
	if err != nil {
		return wrapErr("steps", err)
	}
	if len(steps) >= MaxSteps {
		return rules.ErrTooMany("steps", MaxSteps)
	}
	if err := a.tx.Wanted().PutStep(ctx, st); err != nil {
		return wrapErr("apply step", err)
	}
	return a.s.record(ctx, a.tx, recordkit.PeerEntry(string(a.origin), actHandoverReceive, objStep, st.ID, "notice "+r.ID+": "+string(st.Kind)))
}

package wanted

import (
	"context"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// NoticeQuery selects notices (Notices). Zero fields do not restrict.
type NoticeQuery struct {
	// Words must all occur in the person's names, aliases or document
	// numbers, or the warrant reference (diacritics, case and Lao spelling
	// variants ignored).
	Words  string            `json:"words,omitempty"`
	Status Status            `json:"status,omitempty"`
	Origin borderlink.NodeID `json:"origin,omitempty"`
	// Unit: notices issued by or released to this unit.
	Unit   string `json:"unit,omitempty"`
	Limit  int    `json:"limit,omitempty"` // default 50, at most 500
	Offset int    `json:"offset,omitempty"`
}

// Limits of a list.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// NoticeFile is a notice with its sightings (both sides') and the steps
// of its hand-overs, and the state of the hand-over derived from them.
type NoticeFile struct {
	Notice    Notice         `json:"notice"`
	Sightings []Sighting     `json:"sightings"`
	Steps     []HandoverStep `json:"steps"`
	Handover  Handover       `json:"handover"`
}

// searchWords folds a query and splits it into the words a notice must all
// contain. At most 8 words are kept.
func searchWords(q string) []string {
	w := strings.Fields(cases.Fold(q))
	if len(w) > 8 {
		w = w[:8]
	}
	return w
}

// Notice returns notice id with its sightings and hand-over steps, when p
// may see it. The reading of the notice, of each sighting and of each step
// is audited.
//
// Errors: EForbidden when p holds wanted.read nowhere; ENotFound
// (error.wanted_not_found) when there is no such notice or p may not see
// it (the refusal is audited).
func (s *Service) Notice(ctx context.Context, p auth.Principal, id string) (NoticeFile, error) {
	var f NoticeFile
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.visibleNotice(ctx, tx, p, id, actRead)
		if err != nil {
			return err
		}
		f = NoticeFile{Notice: r.Notice}
		if f.Sightings, err = tx.Wanted().Sightings(ctx, id); err != nil {
			return wrapErr("sightings", err)
		}
		if f.Steps, err = tx.Wanted().Steps(ctx, id); err != nil {
			return wrapErr("steps", err)
		}
		f.Handover = DeriveHandover(f.Steps)
		es := []auditEntry{recordkit.OK(p, actRead, objNotice, id, "warrant "+recordkit.Clip(r.WarrantRef, 60))}
		for _, sg := range f.Sightings {
			es = append(es, recordkit.OK(p, actSightingRead, objSighting, sg.ID, "notice "+id))
		}
		for _, st := range f.Steps {
			es = append(es, recordkit.OK(p, actHandoverRead, objStep, st.ID, "notice "+id))
		}
		return s.record(ctx, tx, es...)
	})
	if err != nil {
		return NoticeFile{}, err
	}
	return f, nil
}

// Notices returns the notices p may see that q selects, most recently
// issued first, and how many match in all. Each notice listed is audited.
//
// Errors: EForbidden when p holds wanted.read nowhere; EInvalid for an
// unknown status.
func (s *Service) Notices(ctx context.Context, p auth.Principal, q NoticeQuery) ([]Notice, int, error) {
	var out []Notice
	var total int
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermWantedRead, actList, objNotice, ""); err != nil {
			return err
		}
		sel := NoticeSelect{Scope: s.scopeOf(p), Words: searchWords(q.Words), Unit: recordkit.FilterUnit(s.tree(), q.Unit),
			Origin: borderlink.NodeID(strings.TrimSpace(string(q.Origin)))}
		if q.Status != "" {
			st, err := recordkit.Choice(&rules, "status", q.Status, Statuses())
			if err != nil {
				return err
			}
			sel.Status = st
		}
		sel.Limit = q.Limit
		if sel.Limit <= 0 {
			sel.Limit = DefaultLimit
		}
		sel.Limit, sel.Offset = min(sel.Limit, MaxLimit), max(q.Offset, 0)
		recs, n, err := tx.Wanted().FindNotices(ctx, sel)
		if err != nil {
			return wrapErr("find notices", err)
		}
		total, out = n, make([]Notice, 0, len(recs))
		es := make([]auditEntry, 0, len(recs))
		for _, r := range recs {
			out = append(out, r.Notice)
			es = append(es, recordkit.OK(p, actList, objNotice, r.ID, "warrant "+recordkit.Clip(r.WarrantRef, 60)))
		}
		return s.record(ctx, tx, es...)
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// AllNotices returns every notice kept here, this node's and the
// partner's, whatever its status, most recently issued first. It takes no
// principal and is not audited: it is for the node itself, to build its
// screening index at start-up, and must not be exposed to users.
func (s *Service) AllNotices(ctx context.Context) ([]Notice, error) {
	var out []Notice
	err := s.db.View(ctx, func(tx Tx) error {
		recs, _, err := tx.Wanted().FindNotices(ctx, NoticeSelect{Scope: Scope{All: true}})
		if err != nil {
			return wrapErr("all notices", err)
		}
		out = make([]Notice, 0, len(recs))
		for _, r := range recs {
			out = append(out, r.Notice)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

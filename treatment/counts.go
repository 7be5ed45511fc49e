package treatment

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Counts are the figures of a unit and the units below it: numbers of
// persons, never who they are. Each record counts once, by its status;
// Relapsed12Months counts apart, across statuses.
type Counts struct {
	Unit string          `json:"unit"`
	AsOf borderlink.Date `json:"as_of"`
	// Open is every record not closed: the persons the unit manages.
	Open               int `json:"open"`
	UnderManagement    int `json:"under_management"`
	InRehabilitation   int `json:"in_rehabilitation"`
	PostRehabilitation int `json:"post_rehabilitation"`
	Relapsed           int `json:"relapsed"` // whose status is relapsed
	Closed             int `json:"closed"`
	// ByKind splits InRehabilitation by the kind of the running episode.
	ByKind map[EpisodeKind]int `json:"by_kind"`
	// Relapsed12Months counts the open records with a relapse in the last
	// 12 months (on or after AsOf a year back, plus a day).
	Relapsed12Months int `json:"relapsed_12_months"`
}

// Counts returns the figures of unit and its subtree. Treatment officers
// over unit read them, and so do holders of stats.read over it (and the
// node itself): they are aggregates, safe for statistics and reports. The
// reading is audited.
//
// Errors: EInvalid for an unknown unit; EForbidden
// (error.treatment_cannot_count, audited) for anyone else.
func (s *Service) Counts(ctx context.Context, p auth.Principal, unit string) (Counts, error) {
	var out Counts
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		u, err := rules.UnitCode(s.tree(), "unit", unit)
		if err != nil {
			return err
		}
		if !p.Unrestricted() && !s.holdsIn(p, auth.PermTreatmentRead, u) && !p.CanIn(auth.PermStatsRead, u, s.tree()) {
			return s.deny(ctx, tx, p, actCounts, objCounts, u, errCannotCount(u))
		}
		today := s.today()
		since := borderlink.DateOf(today.Time().AddDate(-1, 0, 1))
		t, err := tx.Treatment().Tally(ctx, u, today, since)
		if err != nil {
			return wrapErr("tally "+u, err)
		}
		out = Counts{Unit: u, AsOf: today, ByKind: map[EpisodeKind]int{}, Relapsed12Months: t.RelapsedSince}
		for _, k := range EpisodeKinds() {
			out.ByKind[k] = 0
		}
		for _, r := range t.Rows {
			if r.Status == StatusPostRehabilitation && r.Lapsed {
				r.Status = StatusUnderManagement // the period has ended since the last write
			}
			switch r.Status {
			case StatusUnderManagement:
				out.UnderManagement += r.N
			case StatusInRehabilitation:
				out.InRehabilitation += r.N
				out.ByKind[r.Rehab] += r.N
			case StatusPostRehabilitation:
				out.PostRehabilitation += r.N
			case StatusRelapsed:
				out.Relapsed += r.N
			case StatusClosed:
				out.Closed += r.N
			}
			if r.Status != StatusClosed {
				out.Open += r.N
			}
		}
		return s.record(ctx, tx, recordkit.OK(p, actCounts, objCounts, u, "figures only"))
	})
	if err != nil {
		return Counts{}, err
	}
	return out, nil
}

package communes

import (
	"context"
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Commitments are the counts of commitments signed in a commune during a
// period ("bản cam kết", "ໃບສັນຍາ"): by households, by agencies and
// enterprises, and by units (schools, villages' groups, armed forces
// units). They appear in the commune's figures on dashboards, and are the
// evidence of a criterion about commitments (Item.Commitments).
type Commitments struct {
	ID         string          `json:"id"`
	Commune    string          `json:"commune"`
	Province   string          `json:"province"`
	From       borderlink.Date `json:"from"`
	To         borderlink.Date `json:"to"`
	Households int             `json:"households"`
	Agencies   int             `json:"agencies"`
	Units      int             `json:"units"`
	Note       string          `json:"note"`
	By         string          `json:"by"`
	Created    time.Time       `json:"created"`
	Updated    time.Time       `json:"updated"`
}

// Total is the number of commitments of every kind.
func (c Commitments) Total() int { return c.Households + c.Agencies + c.Units }

// NewCommitments is what the commune enters for a period.
type NewCommitments struct {
	Commune    string          `json:"commune"`
	From       borderlink.Date `json:"from"`
	To         borderlink.Date `json:"to"`
	Households int             `json:"households"`
	Agencies   int             `json:"agencies"`
	Units      int             `json:"units"`
	Note       string          `json:"note"`
}

// SetCommitments records the commitments signed in a commune in a period,
// replacing the counts entered before for the same period. p must hold
// communes.write over the commune.
//
// Errors: EForbidden (audited) when p may not; EInvalid for a unit that
// is not a commune, a period that runs backwards, a count out of range
// (error.communes_count); EConflict (error.communes_period_overlap) when
// the period overlaps, without being equal to, one entered before.
func (s *Service) SetCommitments(ctx context.Context, p auth.Principal, in NewCommitments) (Commitments, error) {
	var out Commitments
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		now := s.now()
		c := Commitments{ID: borderlink.NewID(), Created: now, Updated: now, By: who(p)}
		if err := s.needs(ctx, tx, p, auth.PermCommunesWrite, actCommitments, objCommitments, c.ID); err != nil {
			return err
		}
		if err := checkPeriod(in.From, in.To); err != nil {
			return err
		}
		if in.From.After(s.today()) {
			return rules.ErrDateFuture("period_from", in.From)
		}
		c.From, c.To = in.From, in.To
		commune, err := s.writableCommune(ctx, tx, p, in.Commune, in.To, actCommitments, objCommitments, c.ID)
		if err != nil {
			return err
		}
		c.Commune, c.Province = commune, provinceOf(s.tree(), commune)
		for _, f := range []struct {
			name string
			v    int
			to   *int
		}{{"households", in.Households, &c.Households}, {"agencies", in.Agencies, &c.Agencies}, {"units", in.Units, &c.Units}} {
			if f.v < 0 || f.v > MaxCount {
				return errCount(f.name)
			}
			*f.to = f.v
		}
		if c.Note, err = rules.Clean("note", in.Note, MaxNote, true); err != nil {
			return err
		}
		olds, err := tx.Communes().Commitments(ctx, "", commune)
		if err != nil {
			return wrapErr("commitments", err)
		}
		for _, o := range olds {
			if o.From == c.From && o.To == c.To {
				c.ID, c.Created, c.Updated = o.ID, o.Created, recordkit.Bump(now, o.Updated)
				continue
			}
			if overlaps(o.From, o.To, c.From, c.To) {
				return errPeriodOverlap(o.From, o.To)
			}
		}
		if err := tx.Communes().PutCommitments(ctx, c); err != nil {
			return wrapErr("put commitments", err)
		}
		out = c
		return s.record(ctx, tx, recordkit.OK(p, actCommitments, objCommitments, c.ID,
			fmt.Sprintf("%s: %d households, %d agencies, %d units", describe(c.Commune, c.From, c.To), c.Households, c.Agencies, c.Units)))
	})
	if err != nil {
		return Commitments{}, err
	}
	return out, nil
}

// CommuneCommitments returns the commitments entered for commune, by
// period. p must hold communes.read over it.
func (s *Service) CommuneCommitments(ctx context.Context, p auth.Principal, commune string) ([]Commitments, error) {
	code := recordkit.FilterUnit(s.tree(), commune)
	if !p.CanIn(auth.PermCommunesRead, code, s.tree()) {
		return nil, errForbidden(string(auth.PermCommunesRead))
	}
	var out []Commitments
	err := s.db.View(ctx, func(tx Tx) (err error) {
		out, err = tx.Communes().Commitments(ctx, "", code)
		return wrapErr("commitments", err)
	})
	return out, err
}

package units

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/borderlink/borderlink/audit"
)

// changes counts the records a write compared with storage.
type changes struct {
	Created, Updated, Unchanged int
}

func (c changes) String() string {
	return fmt.Sprintf("created %d, updated %d, unchanged %d", c.Created, c.Updated, c.Unchanged)
}

type applyOptions struct {
	entry        audit.Entry // Detail is completed with the counts
	always       bool        // record the entry even when nothing changed
	keepImported bool        // leave units whose stored Source is SourceImport alone
}

// apply writes want (already checked) in one transaction with its audit
// entry and makes the result current. Records equal to the stored ones are
// not written; when none differs and opts.always is false, the transaction
// writes nothing at all, not even the audit entry. Units are written parents
// first, then successor links (stored links a unit of want does not list are
// removed), then the pairs whose two units exist. The caller holds s.mu.
func (s *Service) apply(ctx context.Context, want Data, opts applyOptions) (changes, error) {
	var ch changes
	var after Data
	err := s.db.Update(ctx, func(tx Tx) error {
		ch = changes{}
		r := tx.Units()
		cur, err := r.List(ctx)
		if err != nil {
			return err
		}
		if err := write(ctx, r, cur, want, opts.keepImported, &ch); err != nil {
			return err
		}
		changed := ch.Created+ch.Updated > 0
		if changed || opts.always {
			e := opts.entry
			e.Detail += ch.String()
			if err := s.log.Record(ctx, tx.Audit(), e); err != nil {
				return fmt.Errorf("units: audit: %w", err)
			}
		}
		after = cur
		if changed {
			after, err = r.List(ctx)
		}
		return err
	})
	if err != nil {
		return changes{}, err
	}
	s.swap(after)
	return ch, nil
}

func write(ctx context.Context, r Repo, cur, want Data, keepImported bool, ch *changes) error {
	count := func(existed bool) {
		if existed {
			ch.Updated++
		} else {
			ch.Created++
		}
	}
	countries := map[string]Country{}
	for _, c := range cur.Countries {
		countries[c.Code] = c
	}
	for _, c := range want.Countries {
		old, ok := countries[c.Code]
		if ok && old == c {
			ch.Unchanged++
			continue
		}
		if err := r.UpsertCountry(ctx, c); err != nil {
			return err
		}
		count(ok)
	}
	type levelKey struct{ country, code, from string }
	levels := map[levelKey]Level{}
	ranks := map[[2]string]int{}
	for _, l := range cur.Levels {
		levels[levelKey{l.Country, l.Code, l.ValidFrom.String()}] = l
		ranks[[2]string{l.Country, l.Code}] = l.Rank
	}
	for _, l := range want.Levels {
		ranks[[2]string{l.Country, l.Code}] = l.Rank
		old, ok := levels[levelKey{l.Country, l.Code, l.ValidFrom.String()}]
		if ok && old == l {
			ch.Unchanged++
			continue
		}
		if err := r.UpsertLevel(ctx, l); err != nil {
			return err
		}
		count(ok)
	}

	stored := map[string]Unit{}
	for _, u := range cur.Units {
		stored[u.Code] = u
	}
	rank := func(u Unit) int {
		if r, ok := ranks[[2]string{u.Country, u.Level}]; ok {
			return r
		}
		return 99
	}
	// A parent's level ranks above its child's, so this order writes
	// parents first.
	ordered := slices.Clone(want.Units)
	slices.SortStableFunc(ordered, func(a, b Unit) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Code, b.Code)) })
	written := make([]Unit, 0, len(ordered))
	exists := map[string]bool{}
	for code := range stored {
		exists[code] = true
	}
	for _, u := range ordered {
		exists[u.Code] = true
		old, ok := stored[u.Code]
		switch {
		case ok && keepImported && old.Source == SourceImport:
			ch.Unchanged++
			continue
		case ok && old.Equal(u):
			ch.Unchanged++
			continue
		}
		o, n := old, u
		o.Successors, n.Successors = nil, nil
		if !ok || !o.Equal(n) {
			if err := r.UpsertUnit(ctx, u); err != nil {
				return err
			}
		}
		count(ok)
		written = append(written, u)
	}
	for _, u := range written {
		old := stored[u.Code].Successors
		for _, s := range u.Successors {
			if !slices.Contains(old, s) {
				if err := r.AddSuccessor(ctx, u.Code, s); err != nil {
					return err
				}
			}
		}
		for _, s := range old {
			if !slices.Contains(u.Successors, s) {
				if err := r.RemoveSuccessor(ctx, u.Code, s); err != nil {
					return err
				}
			}
		}
	}

	pairs := map[counterpartKey]Counterpart{}
	for _, c := range cur.Counterparts {
		pairs[c.key()] = c
	}
	for _, c := range want.Counterparts {
		if !exists[c.A] || !exists[c.B] {
			continue
		}
		old, ok := pairs[c.key()]
		if ok && old == c {
			ch.Unchanged++
			continue
		}
		if err := r.UpsertCounterpart(ctx, c); err != nil {
			return err
		}
		count(ok)
	}
	return nil
}

package cases

import (
	"context"
	"fmt"
	"slices"

	"github.com/borderlink/borderlink/stats"
)

// The statistics of the node's own records. A seizure is one case detected
// and adds its quantities, one fact per drug item; an arrest is one person
// arrested. Facts are written, replaced and deleted in the transaction that
// writes the record, so the figures never disagree with the records.

// SeizureFactPrefix is the start of the ids of a seizure's facts; the fact
// of drug item i is SeizureFactPrefix(id) + i.
func SeizureFactPrefix(seizureID string) string { return "rec:seizure:" + seizureID + ":" }

// ArrestFactID is the id of an arrest's fact.
func ArrestFactID(arrestID string) string { return "rec:arrest:" + arrestID }

// seizureFacts returns the facts of z whose drug items add totals.
func (s *Service) seizureFacts(z Seizure, totals []stats.Totals) []stats.Fact {
	fs := make([]stats.Fact, 0, len(totals))
	for i, t := range totals {
		t.Cases = 0
		if i == 0 {
			t.Cases = 1
		}
		fs = append(fs, stats.Fact{ID: fmt.Sprintf("%s%d", SeizureFactPrefix(z.ID), i), Origin: s.self,
			Source: stats.SourceRecord, Day: z.Day, Place: z.Place, Agency: z.Agency, Drug: z.Drugs[i].Drug, Totals: t})
	}
	return fs
}

// putSeizureFacts makes the stored facts of seizure z those of its drug
// items (totals, one per item; nil when the seizure is gone), deleting the
// facts of items it no longer has.
func (s *Service) putSeizureFacts(ctx context.Context, tx Tx, z Seizure, totals []stats.Totals) error {
	fs := s.seizureFacts(z, totals)
	old, err := tx.Stats().FindFacts(ctx, stats.FactQuery{Prefix: SeizureFactPrefix(z.ID), Limit: 10 * MaxDrugItems})
	if err != nil {
		return wrapErr("facts of seizure "+z.ID, err)
	}
	var stale []string
	for _, f := range old {
		if !slices.ContainsFunc(fs, func(n stats.Fact) bool { return n.ID == f.ID }) {
			stale = append(stale, f.ID)
		}
	}
	if len(stale) > 0 {
		if _, err := tx.Stats().DeleteFacts(ctx, stale); err != nil {
			return wrapErr("delete facts of seizure "+z.ID, err)
		}
	}
	if len(fs) == 0 {
		return nil
	}
	return s.stats.Put(ctx, tx, fs)
}

// putArrestFact stores the fact of arrest a, or deletes it when gone.
func (s *Service) putArrestFact(ctx context.Context, tx Tx, a Arrest, gone bool) error {
	if gone {
		_, err := tx.Stats().DeleteFacts(ctx, []string{ArrestFactID(a.ID)})
		return wrapErr("delete fact of arrest "+a.ID, err)
	}
	return s.stats.Put(ctx, tx, []stats.Fact{{ID: ArrestFactID(a.ID), Origin: s.self, Source: stats.SourceRecord,
		Day: a.Day, Place: a.Place, Agency: a.Agency, Totals: stats.Totals{Arrests: 1}}})
}

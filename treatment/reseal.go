package treatment

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
	"github.com/borderlink/borderlink/internal/sealed"
)

// ResealBatch is how many sealed values Reseal moves in one transaction:
// enough to be quick, few enough that a transaction stays short on a node
// that serves while it runs.
const ResealBatch = 200

// ResealReport says what Reseal did.
type ResealReport struct {
	Key      string // the current key the values were moved to
	Resealed int    // values moved
	Batches  int    // transactions committed
}

// Reseal moves every stored sealed value to the ring's current key, in
// transactions of ResealBatch values (each batch takes values not yet
// under the current key, so it always makes progress), each audited by the system
// (treatment.reseal, the count only). It is for the node and its operator
// after a key rotation, never for a user, and returns no record. Run again
// after an interruption, it moves what is left: values already under the
// current key are not touched. A value that does not open (a key missing
// from the ring, a damaged value) stops it with the error, everything
// resealed before it kept.
func (s *Service) Reseal(ctx context.Context) (ResealReport, error) {
	if s.keys == nil {
		return ResealReport{}, errNoKeys()
	}
	rep := ResealReport{Key: s.keys.CurrentID()}
	for {
		n := 0
		err := s.db.Update(ctx, func(tx Tx) error {
			n = 0
			refs, err := tx.Treatment().SealedNotUnder(ctx, rep.Key, ResealBatch)
			if err != nil {
				return wrapErr("sealed values", err)
			}
			for _, ref := range refs {
				v, err := sealed.Reseal(s.keys, ref.Value, boundTo(ref.RecordID, ref.Field))
				if err != nil {
					return fmt.Errorf("treatment: reseal %s of record %s: %w", ref.Field, ref.RecordID, err)
				}
				ref.Value, ref.KeyID = v, rep.Key
				if err := tx.Treatment().PutSealed(ctx, ref); err != nil {
					return wrapErr("reseal", err)
				}
			}
			n = len(refs)
			if n == 0 {
				return nil
			}
			e := recordkit.OK(auth.System("reseal"), actReseal, objKeys, rep.Key, fmt.Sprintf("%d values", n))
			return s.record(ctx, tx, e)
		})
		if err != nil {
			return rep, err
		}
		if n == 0 {
			return rep, nil
		}
		rep.Resealed += n
		rep.Batches++
		if n < ResealBatch {
			return rep, nil
		}
	}
}

// KeyUsage returns how many stored sealed values use each key id. It
// returns no record and is not audited: it is for the operator's key
// status and for retiring a key.
func (s *Service) KeyUsage(ctx context.Context) (map[string]int, error) {
	var out map[string]int
	err := s.db.View(ctx, func(tx Tx) (err error) {
		out, err = tx.Treatment().KeyUsage(ctx)
		return wrapErr("key usage", err)
	})
	return out, err
}

// Usage returns the count sealed.KeyRing.Retire needs: the values still
// sealed with a key, by the store as it stands when Retire asks.
func (s *Service) Usage(ctx context.Context) sealed.UsageFunc {
	return func(id string) (int, error) {
		m, err := s.KeyUsage(ctx)
		return m[id], err
	}
}

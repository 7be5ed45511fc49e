package treatment

import (
	"context"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Query selects records (Records). Zero fields do not restrict.
type Query struct {
	// Unit: records kept by this unit or a unit below it, within p's.
	Unit string `json:"unit,omitempty"`
	// Status selects by the status as last written: a record whose
	// post-rehabilitation period has ended since is listed as
	// under_management but selected as post_rehabilitation.
	Status Status `json:"status,omitempty"`
	Limit  int    `json:"limit,omitempty"` // default 50, at most 500
	Offset int    `json:"offset,omitempty"`
}

// Limits of a list.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Summary is a record as a list shows it: who, where, in what state.
type Summary struct {
	ID        string `json:"id"`
	OwnerUnit string `json:"owner_unit"`
	Status    Status `json:"status"`
	Person    Person `json:"person"`
}

// Record returns record id when p holds treatment.read over its owning
// unit. The read is audited with the field groups it opened.
//
// Errors: EForbidden (error.treatment_forbidden) when p holds
// treatment.read nowhere; ENotFound (error.treatment_not_found) when there
// is no such record or it is outside p's units (audited); EUnavailable
// (error.treatment_no_keys) without the key file.
func (s *Service) Record(ctx context.Context, p auth.Principal, id string) (Record, error) {
	var out Record
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		row, err := s.row(ctx, tx, p, auth.PermTreatmentRead, id, actRead)
		if err != nil {
			return err
		}
		r, groups, err := s.open(row)
		if err != nil {
			return err
		}
		out = r
		return s.record(ctx, tx, recordkit.OK(p, actRead, objRecord, id, groupsDetail(groups...)))
	})
	if err != nil {
		return Record{}, err
	}
	return out, nil
}

// Records returns the records under p's units that q selects, most
// recently registered first, with only the person opened, and how many
// match in all. Each record listed is audited (group person).
//
// Errors: EForbidden when p holds treatment.read nowhere; EInvalid for an
// unknown status.
func (s *Service) Records(ctx context.Context, p auth.Principal, q Query) ([]Summary, int, error) {
	var out []Summary
	var total int
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermTreatmentRead, actList, ""); err != nil {
			return err
		}
		if s.keys == nil {
			return errNoKeys()
		}
		sel := Select{Under: p.ScopeUnits(auth.PermTreatmentRead), Limit: q.Limit, Offset: max(q.Offset, 0)}
		if u := recordkit.FilterUnit(s.tree(), q.Unit); u != "" {
			// Within p's units only: a unit below one of them narrows the
			// list, any other unit selects nothing.
			sel.Under = nil
			for _, g := range p.ScopeUnits(auth.PermTreatmentRead) {
				if u == g || s.tree().Within(u, g) {
					sel.Under = []string{u}
				}
			}
		}
		if q.Status != "" {
			st, err := recordkit.Choice(&rules, "status", q.Status, Statuses())
			if err != nil {
				return err
			}
			sel.Status = st
		}
		if sel.Limit <= 0 {
			sel.Limit = DefaultLimit
		}
		sel.Limit = min(sel.Limit, MaxLimit)
		today := s.today()
		rows, n, err := tx.Treatment().FindRecords(ctx, sel)
		if err != nil {
			return wrapErr("find records", err)
		}
		total, out = n, make([]Summary, 0, len(rows))
		es := make([]audit.Entry, 0, len(rows))
		for _, row := range rows {
			person := Row{ID: row.ID}
			for _, v := range row.Sealed {
				if v.Field == groupPerson {
					person.Sealed = []Sealed{v}
				}
			}
			r, _, err := s.open(person)
			if err != nil {
				return err
			}
			out = append(out, Summary{ID: row.ID, OwnerUnit: row.OwnerUnit, Status: statusOn(row, today), Person: r.Person})
			es = append(es, recordkit.OK(p, actList, objRecord, row.ID, groupsDetail(groupPerson)))
		}
		return s.record(ctx, tx, es...)
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

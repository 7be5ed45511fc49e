package treatment

import (
	"github.com/borderlink/borderlink/internal/sealed"
)

// sealKind is the kind every sealed value of the register is bound to
// (see sealed.Context). It is part of the stored format.
const sealKind = "treatment"

// boundTo returns the associated data of field group of record id.
func boundTo(id, group string) []byte { return sealed.Context(sealKind, id, group) }

// parts returns the field groups of r with the value each seals; groups
// with nothing in them are left out, so that a record shows no sealed
// value for what it does not hold.
func (r *Record) parts() map[string]any {
	m := map[string]any{groupPerson: r.Person}
	if len(r.Tests) > 0 {
		m[groupTests] = r.Tests
	}
	if r.Determination != nil {
		m[groupDetermination] = r.Determination
	}
	if r.Management != nil {
		m[groupManagement] = r.Management
	}
	if len(r.Episodes) > 0 {
		m[groupEpisodes] = r.Episodes
	}
	if len(r.Periods) > 0 {
		m[groupPeriods] = r.Periods
	}
	if len(r.Relapses) > 0 {
		m[groupRelapses] = r.Relapses
	}
	if len(r.Support) > 0 {
		m[groupSupport] = r.Support
	}
	if r.Closure != nil {
		m[groupClosure] = r.Closure
	}
	return m
}

// target returns where the value of group is opened into in r.
func (r *Record) target(group string) any {
	switch group {
	case groupPerson:
		return &r.Person
	case groupTests:
		return &r.Tests
	case groupDetermination:
		return &r.Determination
	case groupManagement:
		return &r.Management
	case groupEpisodes:
		return &r.Episodes
	case groupPeriods:
		return &r.Periods
	case groupRelapses:
		return &r.Relapses
	case groupSupport:
		return &r.Support
	default: // groupClosure
		return &r.Closure
	}
}

// seal returns the row storing r, every field group sealed under the
// ring's current key.
func (s *Service) seal(r *Record) (Row, error) {
	if s.keys == nil {
		return Row{}, errNoKeys()
	}
	row := Row{ID: r.ID, OwnerUnit: r.OwnerUnit, Scope: pathOf(s.tree(), r.OwnerUnit), Status: r.Status,
		Rehab: rehabKind(r), LastRelapse: lastRelapse(r), Until: statusUntil(r), Created: r.Created, Updated: r.Updated}
	parts := r.parts()
	for _, g := range allGroups {
		v, ok := parts[g]
		if !ok {
			continue
		}
		b, err := sealed.SealJSON(s.keys, v, boundTo(r.ID, g))
		if err != nil {
			return Row{}, wrapErr("seal "+g, err)
		}
		id, err := sealed.KeyID(b)
		if err != nil {
			return Row{}, wrapErr("seal "+g, err)
		}
		row.Sealed = append(row.Sealed, Sealed{Field: g, KeyID: id, Value: b})
	}
	return row, nil
}

// open returns the record row stores, with the field groups opened, and
// the names of those groups (for the audit entry).
func (s *Service) open(row Row) (Record, []string, error) {
	if s.keys == nil {
		return Record{}, nil, errNoKeys()
	}
	r := Record{ID: row.ID, OwnerUnit: row.OwnerUnit, Status: row.Status, Created: row.Created, Updated: row.Updated}
	stored := make(map[string][]byte, len(row.Sealed))
	for _, v := range row.Sealed {
		stored[v.Field] = v.Value
	}
	var groups []string
	for _, g := range allGroups {
		v, ok := stored[g]
		if !ok {
			continue
		}
		if err := sealed.OpenJSON(s.keys, v, boundTo(row.ID, g), r.target(g)); err != nil {
			return Record{}, nil, wrapErr("open "+g+" of "+row.ID, err)
		}
		groups = append(groups, g)
	}
	r.normalise()
	r.Status = derive(&r, s.today())
	return r, groups, nil
}

// normalise gives the lists of r their empty value, so that a record reads
// the same whether or not a list was ever stored.
func (r *Record) normalise() {
	if r.Tests == nil {
		r.Tests = []Test{}
	}
	if r.Episodes == nil {
		r.Episodes = []Episode{}
	}
	if r.Periods == nil {
		r.Periods = []Period{}
	}
	if r.Relapses == nil {
		r.Relapses = []Relapse{}
	}
	if r.Support == nil {
		r.Support = []Support{}
	}
}

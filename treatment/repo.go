package treatment

import (
	"context"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Row is a record as stored: the columns kept in clear for selecting and
// counting, and the sealed field groups.
type Row struct {
	ID        string
	OwnerUnit string
	// Scope is the scope path of the owning unit: its ancestors from the
	// root down and itself, each between slashes ("/VN-MPS/VN-11/VN-11-C001/").
	Scope  string
	Status Status
	// Rehab is the kind of the episode running, "" when none.
	Rehab EpisodeKind
	// LastRelapse is the day of the latest relapse, zero when none.
	LastRelapse borderlink.Date
	// Until is the last day a post-rehabilitation status holds (the end
	// of the running period); zero when the status does not end by itself.
	Until   borderlink.Date
	Created time.Time
	Updated time.Time
	// Sealed holds one value per field group present, by group name.
	Sealed []Sealed
}

// Sealed is one sealed field group of a record.
type Sealed struct {
	Field string
	KeyID string // the key it is sealed with (sealed.KeyID of Value)
	Value []byte
}

// SealedRef names a sealed value of a record, with the value.
type SealedRef struct {
	RecordID string
	Sealed
}

// Under reports whether a scope path passes through unit: whether the
// record belongs to unit or a unit below it. Storage tests the same in SQL.
func Under(scope, unit string) bool {
	return unit != "" && strings.Contains(scope, "/"+unit+"/")
}

// Select selects stored records. Zero fields do not restrict but Under,
// which is always applied: only records under one of its units pass (none
// when it is empty).
type Select struct {
	Under  []string
	Status Status
	Limit  int // > 0
	Offset int
}

// TallyRow is how many records under a unit have one status, one kind of
// running episode, and whose Until has passed (Lapsed) or not.
type TallyRow struct {
	Status Status
	Rehab  EpisodeKind
	Lapsed bool // Until is set and before the day asked
	N      int
}

// Tally is what Counts needs from storage.
type Tally struct {
	Rows []TallyRow
	// RelapsedSince counts the records not closed whose last relapse is on
	// or after the day asked.
	RelapsedSince int
}

// CasePerson is what the register needs to know of a person of the case
// file: that it exists, whose it is, and when it was born.
type CasePerson struct {
	ID     string
	Origin borderlink.NodeID
	Birth  string
}

// Repo is what the register needs from storage. It holds no rules: the
// Service decides who may do what and seals every sensitive field before
// storage sees it. Every method works in the caller's transaction.
type Repo interface {
	// PutRecord creates r or replaces the record with its id, with exactly
	// its sealed groups.
	PutRecord(ctx context.Context, r Row) error
	// Record returns record id with its sealed groups, or ENotFound.
	Record(ctx context.Context, id string) (Row, error)
	// FindRecords returns the records q selects with their sealed groups,
	// most recently created first, from q.Offset up to q.Limit of them, and
	// how many match in all.
	FindRecords(ctx context.Context, q Select) ([]Row, int, error)
	// Tally counts the records under unit (see Under) by status, kind of
	// running episode and whether Until is before today, and those not
	// closed whose last relapse is on or after since.
	Tally(ctx context.Context, unit string, today, since borderlink.Date) (Tally, error)

	// KeyUsage returns how many sealed values use each key id.
	KeyUsage(ctx context.Context) (map[string]int, error)
	// SealedNotUnder returns up to limit sealed values whose key is not
	// keyID, ordered by record id then field.
	SealedNotUnder(ctx context.Context, keyID string, limit int) ([]SealedRef, error)
	// PutSealed replaces one sealed value of a record; ENotFound when the
	// record has no such field.
	PutSealed(ctx context.Context, ref SealedRef) error

	// CasePerson returns a person of the case file, or ENotFound.
	CasePerson(ctx context.Context, id string) (CasePerson, error)
}

// Tx is the transaction the register works in: its records and the audit
// log, committed together.
type Tx interface {
	Treatment() Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[treatment.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

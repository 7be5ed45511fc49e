package cases

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/stats"
)

// CaseRecord is a case as stored: the case with what storage needs to
// select it.
type CaseRecord struct {
	Case
	// CodeKey is the code as compared for uniqueness (see CodeKey): a
	// node has one case per key.
	CodeKey string
	// Scope holds the scope paths (see Scope) of the units whose readers
	// may see the case, separated by spaces: every unit of a releasable
	// case, the domestic ones of a restricted case, the lead unit of a
	// confidential one.
	Scope string
	// Search is the folded code and title (see Fold).
	Search string
}

// PersonRecord is a person as stored.
type PersonRecord struct {
	Person
	// Scope is the scope path of the owner unit.
	Scope string
	// Search is the folded name, romanised name and aliases.
	Search string
}

// CaseQuery selects stored cases. Zero fields do not restrict.
type CaseQuery struct {
	Scope  Scope    // always applied to CaseRecord.Scope
	Words  []string // folded words that must all occur in CaseRecord.Search
	Status Status
	Unit   string // the lead unit or a partner unit is this one
	Origin borderlink.NodeID
	Limit  int // > 0
	Offset int
}

// PersonQuery selects stored persons. A person passes the scope when its
// own Scope does, or when it is a subject of a case that passes, or the
// person arrested in an arrest of such a case.
type PersonQuery struct {
	Scope  Scope
	Words  []string // folded words that must all occur in PersonRecord.Search
	Unit   string   // owner unit
	Limit  int      // > 0
	Offset int
}

// SubjectQuery selects subjects; at least one field is set.
type SubjectQuery struct {
	CaseID   string
	PersonID string
}

// ArrestQuery selects arrests; at least one field is set.
type ArrestQuery struct {
	CaseID   string
	PersonID string
}

// Repo is what the case file needs from storage. It holds no rules: the
// Service decides who may do what; Repo stores and selects. Every method
// works in the caller's transaction. Times are kept to the microsecond.
// Put methods create the record or replace the one with its id.
type Repo interface {
	// PutCase stores r with its partner units. EConflict when another
	// case of r.Origin has r.CodeKey.
	PutCase(ctx context.Context, r CaseRecord) error
	// Case returns case id, or ENotFound.
	Case(ctx context.Context, id string) (CaseRecord, error)
	// CaseByCode returns the case of origin with this code key, or
	// ENotFound.
	CaseByCode(ctx context.Context, origin borderlink.NodeID, codeKey string) (CaseRecord, error)
	// FindCases returns the cases q selects, most recently created first,
	// from q.Offset up to q.Limit of them, and how many match in all.
	FindCases(ctx context.Context, q CaseQuery) ([]CaseRecord, int, error)

	// PutPerson stores r; its photos are kept apart (PutPhoto) and
	// r.Photos is ignored.
	PutPerson(ctx context.Context, r PersonRecord) error
	// Person returns person id with the descriptions of its photos, or
	// ENotFound.
	Person(ctx context.Context, id string) (PersonRecord, error)
	// FindPersons returns the persons q selects, by romanised name then
	// id, and how many match in all.
	FindPersons(ctx context.Context, q PersonQuery) ([]PersonRecord, int, error)
	// PutPhoto stores a photo of a person (who must exist) after the
	// others. EConflict when ph.ID is stored already.
	PutPhoto(ctx context.Context, personID string, ph Photo, data []byte) error
	// DeletePhoto removes a photo; ENotFound when the person has none with
	// this id.
	DeletePhoto(ctx context.Context, personID, photoID string) error
	// PhotoData returns a photo's description and bytes, or ENotFound.
	PhotoData(ctx context.Context, personID, photoID string) (Photo, []byte, error)

	// PutSubject stores s. EConflict when another subject links the same
	// case and person.
	PutSubject(ctx context.Context, s CaseSubject) error
	// Subject returns subject id, or ENotFound.
	Subject(ctx context.Context, id string) (CaseSubject, error)
	// DeleteSubject removes subject id; ENotFound when there is none.
	DeleteSubject(ctx context.Context, id string) error
	// Subjects returns the subjects q selects, oldest first.
	Subjects(ctx context.Context, q SubjectQuery) ([]CaseSubject, error)

	// PutEvent stores e (its case must exist).
	PutEvent(ctx context.Context, e Event) error
	// Event returns event id, or ENotFound.
	Event(ctx context.Context, id string) (Event, error)
	// Events returns the events of a case by time, then id.
	Events(ctx context.Context, caseID string) ([]Event, error)

	// PutSeizure stores z.
	PutSeizure(ctx context.Context, z Seizure) error
	// Seizure returns seizure id, or ENotFound.
	Seizure(ctx context.Context, id string) (Seizure, error)
	// DeleteSeizure removes seizure id; ENotFound when there is none.
	DeleteSeizure(ctx context.Context, id string) error
	// Seizures returns the seizures of a case by day, then id.
	Seizures(ctx context.Context, caseID string) ([]Seizure, error)

	// PutArrest stores a (its person must exist).
	PutArrest(ctx context.Context, a Arrest) error
	// Arrest returns arrest id, or ENotFound.
	Arrest(ctx context.Context, id string) (Arrest, error)
	// DeleteArrest removes arrest id; ENotFound when there is none.
	DeleteArrest(ctx context.Context, id string) error
	// Arrests returns the arrests q selects by day, then id.
	Arrests(ctx context.Context, q ArrestQuery) ([]Arrest, error)

	// PutLink stores l, replacing the link between the same two cases.
	PutLink(ctx context.Context, l CaseLink) error
	// Links returns the links from or to a case, oldest first.
	Links(ctx context.Context, caseID string) ([]CaseLink, error)
}

// Tx is the transaction the case file works in: its records, the
// statistics derived from them and the audit log, committed together.
type Tx interface {
	Cases() Repo
	Stats() stats.Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[cases.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

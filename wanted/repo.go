package wanted

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/cases"
)

// NoticeRecord is a notice as stored: the notice with what storage needs
// to select it.
type NoticeRecord struct {
	Notice
	// Country is the country of the issuing unit, which decides who reads
	// the notice on its own node (see Scope).
	Country string
	// Search is the folded names, aliases, document numbers and warrant
	// reference (see cases.Fold).
	Search string
}

// Scope is which notices a reader may see, in terms storage can test on
// stored records. Storage implements it in SQL; Match is the definition it
// must agree with (the contract suite checks that).
type Scope struct {
	All bool
	// Self is the node: notices of any other origin (the partner's, released
	// here) pass.
	Self borderlink.NodeID
	// Countries: notices whose issuing unit is of one of them pass.
	Countries []string
}

// Match reports whether r is in the scope.
func (s Scope) Match(r NoticeRecord) bool {
	if s.All || (s.Self != "" && r.Origin != s.Self) {
		return true
	}
	for _, c := range s.Countries {
		if c == r.Country {
			return true
		}
	}
	return false
}

// NoticeSelect selects stored notices. Zero fields do not restrict.
type NoticeSelect struct {
	Scope  Scope    // always applied
	Words  []string // folded words that must all occur in NoticeRecord.Search
	Status Status
	Origin borderlink.NodeID
	Unit   string // the issuing unit or a partner unit is this one
	Limit  int    // 0: every notice
	Offset int
}

// Repo is what the register needs from storage. It holds no rules: the
// Service decides who may do what; Repo stores and selects. Every method
// works in the caller's transaction. Times are kept to the microsecond.
type Repo interface {
	// PutNotice creates r or replaces the notice with its id, with its
	// partner units; its photos are kept apart (PutPhoto) and r.Photos is
	// ignored.
	PutNotice(ctx context.Context, r NoticeRecord) error
	// Notice returns notice id with the descriptions of its photos, or
	// ENotFound.
	Notice(ctx context.Context, id string) (NoticeRecord, error)
	// FindNotices returns the notices q selects with their photos' descriptions,
	// most recently created first, from q.Offset up to q.Limit of them,
	// and how many match in all.
	FindNotices(ctx context.Context, q NoticeSelect) ([]NoticeRecord, int, error)

	// PutPhoto stores a photo of a notice (which must exist) after the
	// others. EConflict when ph.ID is stored already.
	PutPhoto(ctx context.Context, noticeID string, ph cases.Photo, data []byte) error
	// DeletePhoto removes a photo; ENotFound when the notice has none with
	// this id.
	DeletePhoto(ctx context.Context, noticeID, photoID string) error
	// PhotoData returns a photo's description and bytes, or ENotFound.
	PhotoData(ctx context.Context, noticeID, photoID string) (cases.Photo, []byte, error)

	// PutSighting creates s or replaces the sighting with its id (its
	// notice must exist). The service never changes what a sighting says;
	// it stores one again only to mark it released.
	PutSighting(ctx context.Context, s Sighting) error
	// Sighting returns sighting id, or ENotFound.
	Sighting(ctx context.Context, id string) (Sighting, error)
	// Sightings returns the sightings of a notice by time, then id.
	Sightings(ctx context.Context, noticeID string) ([]Sighting, error)

	// PutStep creates st or replaces the step with its id (its notice must
	// exist). The service never changes what a step says; it stores one
	// again only to mark it released.
	PutStep(ctx context.Context, st HandoverStep) error
	// Step returns step id, or ENotFound.
	Step(ctx context.Context, id string) (HandoverStep, error)
	// Steps returns the hand-over steps of a notice by Created, then id.
	Steps(ctx context.Context, noticeID string) ([]HandoverStep, error)
}

// Tx is the transaction the register works in: its records and the audit
// log, committed together. Cases is read only, to check that a notice's
// PersonID names a person of this node's case file.
type Tx interface {
	Wanted() Repo
	Cases() cases.Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[wanted.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

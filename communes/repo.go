package communes

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// AssessmentRecord is an assessment as stored: the assessment with the
// province it is counted under, so that a dashboard reads one province's
// records at once.
type AssessmentRecord struct {
	Assessment
	// Province is the commune's ancestor at the province level when the
	// assessment was made.
	Province string `json:"province"`
}

// Event is one change of status of an assessment, as dashboards read it.
type Event struct {
	AssessmentID string
	Commune      string
	Seq          int // its place in the assessment's history, from 0
	Status       Status
	Day          borderlink.Date
}

// AssessmentSelect selects stored assessments. Zero fields do not
// restrict.
type AssessmentSelect struct {
	Commune  string
	Province string
	Status   Status
	Limit    int // 0: every one
	Offset   int
}

// Repo is what the programme needs from storage. It holds no rules: the
// Service decides who may do what; Repo stores and selects. Every method
// works in the caller's transaction.
type Repo interface {
	// PutCriteria creates c or replaces the set with its id. EConflict
	// when another set of the country has its version.
	PutCriteria(ctx context.Context, c CriteriaSet) error
	// CriteriaSet returns set id, or ENotFound.
	CriteriaSet(ctx context.Context, id string) (CriteriaSet, error)
	// CriteriaSets returns the sets of country by version, oldest first.
	CriteriaSets(ctx context.Context, country string) ([]CriteriaSet, error)

	// PutAssessment creates r or replaces the assessment with its id, and
	// keeps its events (one per entry of its history) with it; its
	// attachments are kept apart (PutAttachment) and r.Attachments is
	// ignored.
	PutAssessment(ctx context.Context, r AssessmentRecord) error
	// Assessment returns assessment id with the descriptions of its
	// attachments, or ENotFound.
	Assessment(ctx context.Context, id string) (AssessmentRecord, error)
	// FindAssessments returns the assessments q selects with their
	// attachments' descriptions, by commune then period, from q.Offset up
	// to q.Limit of them, and how many match in all.
	FindAssessments(ctx context.Context, q AssessmentSelect) ([]AssessmentRecord, int, error)
	// Events returns the events of the assessments counted under province
	// dated on or before until, by commune, day, assessment and Seq.
	Events(ctx context.Context, province string, until borderlink.Date) ([]Event, error)

	// PutAttachment stores an attachment of an assessment (which must
	// exist) after the others. EConflict when a.ID is stored already.
	PutAttachment(ctx context.Context, assessmentID string, a Attachment, data []byte) error
	// AttachmentData returns an attachment's description and bytes, or
	// ENotFound.
	AttachmentData(ctx context.Context, assessmentID, id string) (Attachment, []byte, error)

	// PutDistrict creates d or replaces the district recognition with its
	// id.
	PutDistrict(ctx context.Context, d DistrictRecognition) error
	// District returns district recognition id, or ENotFound.
	District(ctx context.Context, id string) (DistrictRecognition, error)
	// Districts returns the district recognitions counted under province
	// (or, with district set, those of that district), by decision date
	// then id.
	Districts(ctx context.Context, province, district string) ([]DistrictRecognition, error)

	// PutCommitments creates c or replaces the record with its id.
	// EConflict when another record of the commune starts on c.From.
	PutCommitments(ctx context.Context, c Commitments) error
	// Commitments returns the commitment records counted under province
	// (or, with commune set, those of that commune), by commune then From.
	Commitments(ctx context.Context, province, commune string) ([]Commitments, error)
}

// Tx is the transaction the programme works in: its records and the
// audit log, committed together.
type Tx interface {
	Communes() Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[communes.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

package communes

import (
	"context"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Audited objects, each by its own id.
const (
	objCriteria    = "communes_criteria"
	objAssessment  = "communes_assessment"
	objDistrict    = "communes_district"
	objCommitments = "communes_commitments"
)

// Audit actions: every write leaves one entry whose object is the record
// written; a refused write leaves one with the outcome denied.
const (
	actCriteria       = "communes.criteria_publish"
	actCriteriaRetire = "communes.criteria_retire"
	actCreate         = "communes.assessment_create"
	actUpdate         = "communes.assessment_update"
	actAttach         = "communes.attachment_add"
	actSubmit         = "communes.submit"
	actVerify         = "communes.verify"
	actDecide         = "communes.decide"
	actRevoke         = "communes.revoke"
	actSupersede      = "communes.supersede"
	actDistrict       = "communes.district_recognise"
	actDistrictRevoke = "communes.district_revoke"
	actCommitments    = "communes.commitments"
	actSeed           = "communes.seed_demo"
)

type auditEntry = audit.Entry

// record appends es to the audit log in tx, under one checkpoint.
func (s *Service) record(ctx context.Context, tx Tx, es ...audit.Entry) error {
	return recordkit.Record(ctx, s.log, tx.Audit(), "communes", es...)
}

// deny records that p was refused action on object id and returns the
// refusal of err (the transaction commits the entry).
func (s *Service) deny(ctx context.Context, tx Tx, p auth.Principal, action, object, id string, err error) error {
	e := recordkit.Entry(p, p.Unit(), action, object, id, audit.OutcomeDenied, err.Error())
	return recordkit.Deny(ctx, s.log, tx.Audit(), "communes", e, err)
}

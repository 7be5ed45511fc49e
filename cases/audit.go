package cases

import (
	"context"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Audited objects. Events, subjects and links are parts of a case: their
// changes are entries about the case, naming the part in the detail.
const (
	objCase    = "case"
	objPerson  = "person"
	objSeizure = "seizure"
	objArrest  = "arrest"
)

// Audit actions. Every read and every write of a case, a person, a seizure
// or an arrest leaves one entry whose object is that record.
const (
	actCaseCreate    = "case.create"
	actCaseUpdate    = "case.update"
	actCaseStatus    = "case.status"
	actCaseRead      = "case.read"
	actCaseList      = "case.list"
	actCaseLink      = "case.link"
	actSubjectAdd    = "case.subject_add"
	actSubjectUpdate = "case.subject_update"
	actSubjectRemove = "case.subject_remove"
	actEventAdd      = "case.event_add"
	actEventUpdate   = "case.event_update"
	actCaseRelease   = "case.release"
	actCaseReceive   = "case.receive" // a partner's case, subject or event was stored

	actPersonCreate  = "person.create"
	actPersonUpdate  = "person.update"
	actPersonRead    = "person.read"
	actPersonList    = "person.list"
	actPhotoAdd      = "person.photo_add"
	actPhotoRemove   = "person.photo_remove"
	actPhotoRead     = "person.photo_read"
	actPersonRelease = "person.release"
	actPersonReceive = "person.receive"

	actSeizureCreate  = "seizure.create"
	actSeizureUpdate  = "seizure.update"
	actSeizureDelete  = "seizure.delete"
	actSeizureRead    = "seizure.read"
	actSeizureList    = "seizure.list"
	actSeizureRelease = "seizure.release"
	actSeizureReceive = "seizure.receive"

	actArrestCreate  = "arrest.create"
	actArrestUpdate  = "arrest.update"
	actArrestDelete  = "arrest.delete"
	actArrestRead    = "arrest.read"
	actArrestList    = "arrest.list"
	actArrestRelease = "arrest.release"
	actArrestReceive = "arrest.receive"
)

type auditEntry = audit.Entry

// record appends es to the audit log in tx, under one checkpoint; entries
// without a time take the log's clock.
func (s *Service) record(ctx context.Context, tx Tx, es ...audit.Entry) error {
	return recordkit.Record(ctx, s.log, tx.Audit(), "cases", es...)
}

// deny records that p was refused action on object id and returns the
// refusal of err (the transaction commits the entry).
func (s *Service) deny(ctx context.Context, tx Tx, p auth.Principal, action, object, id string, err error) error {
	e := recordkit.Entry(p, p.Unit(), action, object, id, audit.OutcomeDenied, err.Error())
	return recordkit.Deny(ctx, s.log, tx.Audit(), "cases", e, err)
}

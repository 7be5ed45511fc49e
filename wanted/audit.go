package wanted

import (
	"context"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Audited objects: a notice (with its photos), a sighting and a hand-over
// step, each by its own id.
const (
	objNotice   = "wanted_notice"
	objSighting = "wanted_sighting"
	objStep     = "wanted_handover"
)

// Audit actions. Every read and every write leaves one entry whose object
// is the record read or written; a partner's record stored here leaves one
// by "peer:<node>".
const (
	actCreate      = "wanted.create"
	actUpdate      = "wanted.update"
	actStatus      = "wanted.status"
	actRead        = "wanted.read"
	actList        = "wanted.list"
	actRelease     = "wanted.release"
	actReceive     = "wanted.receive" // a partner's notice was stored
	actPhotoAdd    = "wanted.photo_add"
	actPhotoRemove = "wanted.photo_remove"
	actPhotoRead   = "wanted.photo_read"

	actSighting        = "wanted.sighting_report"
	actSightingRead    = "wanted.sighting_read"
	actSightingReceive = "wanted.sighting_receive"

	actHandover        = "wanted.handover_step"
	actHandoverRead    = "wanted.handover_read"
	actHandoverReceive = "wanted.handover_receive"
)

type auditEntry = audit.Entry

// record appends es to the audit log in tx, under one checkpoint; entries
// without a time take the log's clock.
func (s *Service) record(ctx context.Context, tx Tx, es ...audit.Entry) error {
	return recordkit.Record(ctx, s.log, tx.Audit(), "wanted", es...)
}

// deny records that p was refused action on object id and returns the
// refusal of err (the transaction commits the entry).
func (s *Service) deny(ctx context.Context, tx Tx, p auth.Principal, action, object, id string, err error) error {
	e := recordkit.Entry(p, p.Unit(), action, object, id, audit.OutcomeDenied, err.Error())
	return recordkit.Deny(ctx, s.log, tx.Audit(), "wanted", e, err)
}

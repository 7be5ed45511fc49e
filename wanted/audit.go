package wanted

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
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

// entry returns the audit entry of p doing action to object id.
func entry(p auth.Principal, action, object, id, outcome, detail string) audit.Entry {
	actor := p.Username
	if p.Unrestricted() {
		actor = "system"
		detail = joinDetail(detail, "by "+p.Username)
	}
	return audit.Entry{Actor: clip(actor, audit.MaxActor), ActorUnit: clip(p.Unit(), audit.MaxActorUnit), Action: action,
		ObjectType: object, ObjectID: clip(id, audit.MaxObjectID), Outcome: outcome, Detail: clip(detail, audit.MaxDetail)}
}

// ok is entry with the outcome ok.
func ok(p auth.Principal, action, object, id, detail string) audit.Entry {
	return entry(p, action, object, id, audit.OutcomeOK, detail)
}

// peerEntry returns the entry of a partner node's record being stored.
func peerEntry(origin, action, object, id, detail string) audit.Entry {
	return audit.Entry{Actor: clip("peer:"+origin, audit.MaxActor), Action: action, ObjectType: object,
		ObjectID: clip(id, audit.MaxObjectID), Outcome: audit.OutcomeOK, Detail: clip(detail, audit.MaxDetail)}
}

func joinDetail(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// record appends es to the audit log in tx, under one checkpoint.
func (s *Service) record(ctx context.Context, tx Tx, es ...audit.Entry) error {
	if len(es) == 0 {
		return nil
	}
	if err := s.log.RecordBatch(ctx, tx.Audit(), es); err != nil {
		return fmt.Errorf("wanted: audit %s: %w", es[0].Action, err)
	}
	return nil
}

// deny records that p was refused action on object id and returns the
// refusal of err (the transaction commits the entry).
func (s *Service) deny(ctx context.Context, tx Tx, p auth.Principal, action, object, id string, err error) error {
	if rerr := s.record(ctx, tx, entry(p, action, object, id, audit.OutcomeDenied, err.Error())); rerr != nil {
		return rerr
	}
	return refuse(err)
}

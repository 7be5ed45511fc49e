package hotline

import (
	"context"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Audit actions. Every read and every write of a message leaves one entry
// whose object is the message.
const (
	actSend       = "hotline.send"     // a user sent a message
	actRead       = "hotline.read"     // a user opened a message
	actList       = "hotline.list"     // a message was shown in a list or thread
	actAck        = "hotline.ack"      // a user acknowledged a message
	actReceive    = "hotline.receive"  // a peer's message was stored
	actReceipt    = "hotline.receipt"  // a peer's receipt was applied
	actSent       = "hotline.sent"     // the peer took the envelope
	actEscalate   = "hotline.escalate" // an alert was raised
	actTranslate  = "hotline.translate"
	actAttachment = "hotline.attachment" // a peer's file arrived whole (or damaged)
	actDownload   = "hotline.download"   // a user downloaded a file of a message
)

// entry returns the audit entry of p doing action to message id as unit.
func entry(p auth.Principal, action, id, unit, outcome, detail string) audit.Entry {
	return recordkit.Entry(p, unit, action, "message", id, outcome, detail)
}

// systemEntry returns the audit entry of the node itself (or a peer, with
// actor "peer:<id>") doing action to message id.
func systemEntry(actor, action, id, unit, detail string) audit.Entry {
	return audit.Entry{Actor: actor, ActorUnit: unit, Action: action, ObjectType: "message",
		ObjectID: clip(id, audit.MaxObjectID), Outcome: audit.OutcomeOK, Detail: clip(detail, audit.MaxDetail)}
}

// record appends es to the audit log in tx, under one checkpoint; entries
// without a time take the log's clock.
func (s *Service) record(ctx context.Context, tx Tx, es ...audit.Entry) error {
	return recordkit.Record(ctx, s.log, tx.Audit(), "hotline", es...)
}

// deny records that p was refused action on message id and returns the
// refusal of err (the transaction commits the entry).
func (s *Service) deny(ctx context.Context, tx Tx, p auth.Principal, action, id, unit string, err error) error {
	if rerr := s.record(ctx, tx, entry(p, action, id, unit, audit.OutcomeDenied, err.Error())); rerr != nil {
		return rerr
	}
	return refuse(err)
}

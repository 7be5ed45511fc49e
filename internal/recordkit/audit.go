package recordkit

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
)

// Entry returns the audit entry of p, acting for unit, doing action to
// object id. A system principal is written "system", with the name it
// runs under kept in the detail, so that the actor column only ever holds
// users and the node itself.
func Entry(p auth.Principal, unit, action, object, id, outcome, detail string) audit.Entry {
	actor := p.Username
	if p.Unrestricted() {
		actor = "system"
		detail = JoinDetail(detail, "by "+p.Username)
	}
	return audit.Entry{Actor: Clip(actor, audit.MaxActor), ActorUnit: Clip(unit, audit.MaxActorUnit), Action: action,
		ObjectType: object, ObjectID: Clip(id, audit.MaxObjectID), Outcome: outcome, Detail: Clip(detail, audit.MaxDetail)}
}

// OK is the entry of p, acting for its own unit, doing action to object
// id with the outcome ok.
func OK(p auth.Principal, action, object, id, detail string) audit.Entry {
	return Entry(p, p.Unit(), action, object, id, audit.OutcomeOK, detail)
}

// PeerEntry returns the entry of a partner node's record being stored: the
// actor is "peer:<origin>", as no user of this node acted.
func PeerEntry(origin, action, object, id, detail string) audit.Entry {
	return audit.Entry{Actor: Clip("peer:"+origin, audit.MaxActor), Action: action, ObjectType: object,
		ObjectID: Clip(id, audit.MaxObjectID), Outcome: audit.OutcomeOK, Detail: Clip(detail, audit.MaxDetail)}
}

// JoinDetail joins two parts of an audit detail.
func JoinDetail(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// Record appends es to log in repo (the audit of the caller's
// transaction), under one checkpoint; entries without a time take the
// log's clock. domain names the caller in the error ("cases").
func Record(ctx context.Context, log *audit.Log, repo audit.Repo, domain string, es ...audit.Entry) error {
	if len(es) == 0 {
		return nil
	}
	if err := log.RecordBatch(ctx, repo, es); err != nil {
		return fmt.Errorf("%s: audit %s: %w", domain, es[0].Action, err)
	}
	return nil
}

// Deny records e, the entry of a refused attempt, and returns the refusal
// of err (see borderlink.Refuse): the transaction commits the entry.
func Deny(ctx context.Context, log *audit.Log, repo audit.Repo, domain string, e audit.Entry, err error) error {
	if rerr := Record(ctx, log, repo, domain, e); rerr != nil {
		return rerr
	}
	return borderlink.Refuse(err)
}

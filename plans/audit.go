package plans

import (
	"context"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Audited objects, each by its own id.
const (
	objAgreement  = "plans_agreement"
	objPlan       = "plans_plan"
	objTask       = "plans_task"
	objConference = "plans_conference"
	objTarget     = "plans_target"
)

// Audit actions. Every write and every read leaves one entry; a partner's
// record stored here leaves one by "peer:<node>".
const (
	actAgreementCreate = "plans.agreement_create"
	actAgreementRead   = "plans.agreement_read"
	actPlanCreate      = "plans.plan_create"
	actPlanRelease     = "plans.plan_release"
	actTaskCreate      = "plans.task_create"
	actTaskUpdate      = "plans.task_update"
	actTaskProgress    = "plans.task_progress"
	actProgressRead    = "plans.progress_read"
	actOverdueRead     = "plans.overdue_read"
	actConfCreate      = "plans.conference_create"
	actConfRelease     = "plans.conference_release"
	actConfRead        = "plans.conference_read"
	actTargetSet       = "plans.target_set"
	actEvaluationRead  = "plans.evaluation_read"
	actReceive         = "plans.receive" // a partner's record was stored
)

// record appends es to the audit log in tx, under one checkpoint.
func (s *Service) record(ctx context.Context, tx Tx, es ...audit.Entry) error {
	return recordkit.Record(ctx, s.log, tx.Audit(), "plans", es...)
}

// deny records that p was refused action on object id and returns the
// refusal of err (the transaction commits the entry).
func (s *Service) deny(ctx context.Context, tx Tx, p auth.Principal, action, object, id string, err error) error {
	e := recordkit.Entry(p, p.Unit(), action, object, id, audit.OutcomeDenied, err.Error())
	return recordkit.Deny(ctx, s.log, tx.Audit(), "plans", e, err)
}

// auditEntry is an entry of the audit log, as a write collects them.
type auditEntry = audit.Entry

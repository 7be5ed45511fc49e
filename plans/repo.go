package plans

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Repo is what the package needs from storage. It holds no rules: the
// Service decides who may do what; Repo stores and selects. Every method
// works in the caller's transaction; a missing record is ENotFound. Times
// are kept to the microsecond.
type Repo interface {
	// PutAgreement creates a or replaces the agreement with its id.
	PutAgreement(ctx context.Context, a Agreement) error
	Agreement(ctx context.Context, id string) (Agreement, error)
	// Agreements returns every agreement, the latest valid first, then by id.
	Agreements(ctx context.Context) ([]Agreement, error)

	// PutPlan creates p or replaces the plan with its id.
	PutPlan(ctx context.Context, p Plan) error
	Plan(ctx context.Context, id string) (Plan, error)
	// Plans returns the plans under an agreement ("": every plan), by the
	// first day of their period, then id.
	Plans(ctx context.Context, agreementID string) ([]Plan, error)

	// PutTask creates t or replaces the task with its id (its plan must
	// exist).
	PutTask(ctx context.Context, t Task) error
	Task(ctx context.Context, id string) (Task, error)
	// Tasks returns the tasks of a plan, both sides', by deadline, then id.
	// Listed tasks carry only their last progress note (Task has them
	// all): a plan's page must not read every note ever written.
	Tasks(ctx context.Context, planID string) ([]Task, error)
	// OverdueTasks returns the tasks whose deadline is before asOf and
	// that are not done (Percent below 100), by deadline, then id, each
	// with its last progress note.
	OverdueTasks(ctx context.Context, asOf borderlink.Date) ([]Task, error)
	// ConferenceTasks returns the tasks made from decisions of a
	// conference (Task.Source), by deadline, then id, each with its last
	// progress note.
	ConferenceTasks(ctx context.Context, conferenceID string) ([]Task, error)

	// PutConference creates c or replaces the conference with its id.
	PutConference(ctx context.Context, c Conference) error
	Conference(ctx context.Context, id string) (Conference, error)
	// Conferences returns every conference, the latest first, then by id.
	Conferences(ctx context.Context) ([]Conference, error)

	// PutTarget creates t or replaces the target with its id.
	PutTarget(ctx context.Context, t Target) error
	// Targets returns the targets of a year, by unit, then id.
	Targets(ctx context.Context, year int) ([]Target, error)
}

// Tx is the transaction the package works in: its records and the audit
// log, committed together.
type Tx interface {
	Plans() Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[plans.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

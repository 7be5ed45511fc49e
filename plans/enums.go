package plans

import "slices"

// The enumerations of the package. Their values are language-neutral
// codes, stored and sent to the partner as they are and never renamed; the
// catalogue key "plans.<type>_<value>" names each in every language
// ("plans.agreement_kind_memorandum", "plans.status_overdue").

// AgreementKind is what sort of paper an agreement is.
type AgreementKind string

const (
	AgreementMemorandum AgreementKind = "memorandum" // a memorandum of understanding
	AgreementProtocol   AgreementKind = "protocol"
	AgreementAnnual     AgreementKind = "annual" // an annual cooperation agreement
)

// AgreementKinds lists every kind of agreement.
func AgreementKinds() []AgreementKind {
	return []AgreementKind{AgreementMemorandum, AgreementProtocol, AgreementAnnual}
}

// PlanKind is what sort of plan a plan is.
type PlanKind string

const (
	PlanAnnual   PlanKind = "annual"   // the cooperation plan of a year
	PlanCampaign PlanKind = "campaign" // a peak campaign over a period
)

// PlanKinds lists every kind of plan.
func PlanKinds() []PlanKind { return []PlanKind{PlanAnnual, PlanCampaign} }

// IndicatorKind is what a result indicator measures.
type IndicatorKind string

const (
	IndicatorSeizuresKg IndicatorKind = "seizures_kg" // kilograms seized, of the filter's drugs
	IndicatorCases      IndicatorKind = "cases"       // cases detected
	IndicatorArrests    IndicatorKind = "arrests"     // persons arrested
	IndicatorManual     IndicatorKind = "manual"      // a value entered by hand
)

// IndicatorKinds lists every kind of indicator.
func IndicatorKinds() []IndicatorKind {
	return []IndicatorKind{IndicatorSeizuresKg, IndicatorCases, IndicatorArrests, IndicatorManual}
}

// Computed reports whether the value of k comes from the statistics.
func (k IndicatorKind) Computed() bool {
	return k != IndicatorManual && slices.Contains(IndicatorKinds(), k)
}

// Status is where a task stands on a day. It is derived (see
// DeriveStatus), never stored, so that it cannot disagree with the
// deadline and the progress it comes from.
type Status string

const (
	StatusNotStarted Status = "not_started"
	StatusOnTrack    Status = "on_track"
	StatusAtRisk     Status = "at_risk"
	StatusOverdue    Status = "overdue"
	StatusDone       Status = "done"
)

// Statuses lists every status.
func Statuses() []Status {
	return []Status{StatusNotStarted, StatusOnTrack, StatusAtRisk, StatusOverdue, StatusDone}
}

// The kinds of record a Release carries.
const (
	KindAgreement  = "agreement"
	KindPlan       = "plan"
	KindTask       = "task"
	KindConference = "conference"
)

// Kinds lists every kind of release.
func Kinds() []string { return []string{KindAgreement, KindPlan, KindTask, KindConference} }

// Limits of what a user writes.
const (
	MaxTitle      = 300
	MaxText       = 4000
	MaxRef        = 100
	MaxName       = 200
	MaxParties    = 20
	MaxProvinces  = 40
	MaxDrugs      = 20
	MaxMilestones = 20
	MaxNotes      = 200 // progress notes kept on a task
	MaxDecisions  = 50
	MaxAttending  = 60
	MaxTarget     = 1e9
)

package communes

import "slices"

// The enumerations of the programme. Their values are language-neutral
// codes, stored as they are and never renamed; the catalogue key
// "communes.<type>_<value>" names each in every language:
// "communes.status_verified", "communes.standing_pending",
// "communes.commitment_households".

// Status is where an assessment stands.
type Status string

const (
	StatusDraft      Status = "draft"      // being filled in by the commune
	StatusSubmitted  Status = "submitted"  // the commune's self-assessment, awaiting verification
	StatusReturned   Status = "returned"   // sent back by the verifier for correction
	StatusVerified   Status = "verified"   // verified by the level above, awaiting the decision
	StatusRecognised Status = "recognised" // recognised drug-free by decision
	StatusRejected   Status = "rejected"   // not recognised by decision
	StatusRevoked    Status = "revoked"    // recognition withdrawn
	StatusSuperseded Status = "superseded" // recognition replaced by that of a later period
)

// Statuses lists every status in the order an assessment goes through
// them.
func Statuses() []Status {
	return []Status{StatusDraft, StatusSubmitted, StatusReturned, StatusVerified, StatusRecognised, StatusRejected,
		StatusRevoked, StatusSuperseded}
}

// transitions are the changes of status an assessment may make.
var transitions = map[Status][]Status{
	StatusDraft:      {StatusSubmitted},
	StatusSubmitted:  {StatusVerified, StatusReturned},
	StatusReturned:   {StatusSubmitted},
	StatusVerified:   {StatusRecognised, StatusRejected},
	StatusRecognised: {StatusRevoked, StatusSuperseded},
}

// CanBecome reports whether an assessment of status s may change to next.
func (s Status) CanBecome(next Status) bool { return slices.Contains(transitions[s], next) }

// Editable reports whether the commune may still change the results.
func (s Status) Editable() bool { return s == StatusDraft || s == StatusReturned }

// Pending reports whether the assessment is in the programme's pipeline:
// submitted, returned for correction or verified, not yet decided.
func (s Status) Pending() bool {
	return s == StatusSubmitted || s == StatusReturned || s == StatusVerified
}

// Standing is where a commune stands in the programme on a day, derived
// from its assessments (see Dashboard).
type Standing string

const (
	StandingRecognised Standing = "recognised" // holds a recognition in force
	StandingPending    Standing = "pending"    // an assessment awaits verification or decision
	StandingRevoked    Standing = "revoked"    // its last recognition was revoked
	StandingNone       Standing = "none"       // not assessed (or only drafts and rejections)
)

// Standings lists every standing in the order dashboards show them.
func Standings() []Standing {
	return []Standing{StandingRecognised, StandingPending, StandingRevoked, StandingNone}
}

// Verdict is the verifier's answer to a self-assessment.
type Verdict string

const (
	VerdictVerified Verdict = "verified"
	VerdictReturned Verdict = "returned"
)

// Verdicts lists the verifier's answers.
func Verdicts() []Verdict { return []Verdict{VerdictVerified, VerdictReturned} }

// Outcome is the decision on a verified assessment.
type Outcome string

const (
	OutcomeRecognised Outcome = "recognised"
	OutcomeRejected   Outcome = "rejected"
)

// Outcomes lists the decisions.
func Outcomes() []Outcome { return []Outcome{OutcomeRecognised, OutcomeRejected} }

// DistrictStatus is where a district's recognition stands.
type DistrictStatus string

const (
	DistrictRecognised DistrictStatus = "recognised"
	DistrictRevoked    DistrictStatus = "revoked"
)

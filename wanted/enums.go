package wanted

import "slices"

// The enumerations of the register. Their values are language-neutral
// codes, stored and sent to the partner as they are and never renamed; the
// catalogue key "wanted.<type>_<value>" names each in every language:
// "wanted.status_handed_over", "wanted.danger_armed",
// "wanted.handover_schedule", "wanted.handover_state_agreed".

// Status is where a notice stands.
type Status string

const (
	StatusActive     Status = "active"      // sought
	StatusLocated    Status = "located"     // where the person is is known; not yet held
	StatusArrested   Status = "arrested"    // held, on either side of the border
	StatusHandedOver Status = "handed_over" // handed over to the issuing side: the notice is done
	StatusWithdrawn  Status = "withdrawn"   // no longer sought (warrant lifted, issued in error, dead)
)

// Statuses lists every status in the order a notice goes through them.
func Statuses() []Status {
	return []Status{StatusActive, StatusLocated, StatusArrested, StatusHandedOver, StatusWithdrawn}
}

// transitions are the changes of status a notice may make. A located
// person may be lost again, an arrested one escape or be released; a
// withdrawn notice may be reinstated. A notice handed over is done.
var transitions = map[Status][]Status{
	StatusActive:     {StatusLocated, StatusArrested, StatusWithdrawn},
	StatusLocated:    {StatusActive, StatusArrested, StatusWithdrawn},
	StatusArrested:   {StatusActive, StatusHandedOver, StatusWithdrawn},
	StatusWithdrawn:  {StatusActive},
	StatusHandedOver: {},
}

// CanBecome reports whether a notice of status s may change to next.
func (s Status) CanBecome(next Status) bool { return slices.Contains(transitions[s], next) }

// Open reports whether the person is still sought or held: sightings and
// hand-overs are recorded only for an open notice.
func (s Status) Open() bool {
	return s == StatusActive || s == StatusLocated || s == StatusArrested
}

// Danger is a warning to whoever meets the person.
type Danger string

const (
	DangerArmed      Danger = "armed"
	DangerViolent    Danger = "violent"
	DangerFlightRisk Danger = "flight_risk"
	DangerSelfHarm   Danger = "self_harm"
	DangerContagious Danger = "contagious" // a disease that calls for protection on contact
)

// Dangers lists every danger flag.
func Dangers() []Danger {
	return []Danger{DangerArmed, DangerViolent, DangerFlightRisk, DangerSelfHarm, DangerContagious}
}

// HandoverKind is what a hand-over step does.
type HandoverKind string

const (
	// StepRequest asks the other side to hand the person over (or offers
	// to hand them over); it opens a hand-over.
	StepRequest HandoverKind = "request"
	// StepAgree and StepRefuse answer a request of the other side.
	StepAgree  HandoverKind = "agree"
	StepRefuse HandoverKind = "refuse"
	// StepSchedule fixes (or moves) the date, the border gate and the
	// receiving unit of an agreed hand-over.
	StepSchedule HandoverKind = "schedule"
	// StepComplete records that the person was handed over.
	StepComplete HandoverKind = "complete"
	// StepCancel ends a hand-over that is not complete, by either side.
	StepCancel HandoverKind = "cancel"
)

// HandoverKinds lists every kind of step in the order a hand-over takes
// them.
func HandoverKinds() []HandoverKind {
	return []HandoverKind{StepRequest, StepAgree, StepRefuse, StepSchedule, StepComplete, StepCancel}
}

// HandoverState is where a hand-over stands, derived from its steps.
type HandoverState string

const (
	HandoverNone      HandoverState = "none" // no step yet
	HandoverRequested HandoverState = "requested"
	HandoverAgreed    HandoverState = "agreed"
	HandoverRefused   HandoverState = "refused"
	HandoverScheduled HandoverState = "scheduled"
	HandoverCompleted HandoverState = "completed"
	HandoverCancelled HandoverState = "cancelled"
)

// Kinds of record Release and ApplyRelease handle.
const (
	KindNotice   = "notice"
	KindSighting = "sighting"
	KindStep     = "handover_step"
)

// Kinds lists the kinds of record a release may carry.
func Kinds() []string { return []string{KindNotice, KindSighting, KindStep} }

package treatment

// Status is where a person stands in treatment. It is derived from the
// record (see derive), never set directly, so that the counts always agree
// with what the record says.
type Status string

const (
	StatusUnderManagement    Status = "under_management"
	StatusInRehabilitation   Status = "in_rehabilitation"
	StatusPostRehabilitation Status = "post_rehabilitation"
	StatusRelapsed           Status = "relapsed"
	StatusClosed             Status = "closed"
)

// Statuses lists every Status.
func Statuses() []Status {
	return []Status{StatusUnderManagement, StatusInRehabilitation, StatusPostRehabilitation, StatusRelapsed, StatusClosed}
}

// Method is how a sample was tested.
type Method string

const (
	MethodUrine  Method = "urine"
	MethodBlood  Method = "blood"
	MethodHair   Method = "hair"
	MethodSaliva Method = "saliva"
)

// Methods lists every Method.
func Methods() []Method { return []Method{MethodUrine, MethodBlood, MethodHair, MethodSaliva} }

// Result is the outcome of a test.
type Result string

const (
	ResultPositive Result = "positive"
	ResultNegative Result = "negative"
)

// Results lists every Result.
func Results() []Result { return []Result{ResultPositive, ResultNegative} }

// Conclusion is what the addiction determination found.
type Conclusion string

const (
	ConclusionUser     Conclusion = "user"     // uses drugs, not determined addicted
	ConclusionAddicted Conclusion = "addicted" // determined addicted
)

// Conclusions lists every Conclusion.
func Conclusions() []Conclusion { return []Conclusion{ConclusionUser, ConclusionAddicted} }

// EpisodeKind is the form of a rehabilitation episode.
type EpisodeKind string

const (
	EpisodeHomeCommunity    EpisodeKind = "home_community"    // at home or in the community
	EpisodeVoluntaryCentre  EpisodeKind = "voluntary_centre"  // voluntary, at a centre
	EpisodeCompulsoryCentre EpisodeKind = "compulsory_centre" // compulsory, at a centre
)

// EpisodeKinds lists every EpisodeKind.
func EpisodeKinds() []EpisodeKind {
	return []EpisodeKind{EpisodeHomeCommunity, EpisodeVoluntaryCentre, EpisodeCompulsoryCentre}
}

// Outcome is how a rehabilitation episode ended.
type Outcome string

const (
	OutcomeCompleted   Outcome = "completed"
	OutcomeDroppedOut  Outcome = "dropped_out"
	OutcomeAbsconded   Outcome = "absconded"
	OutcomeTransferred Outcome = "transferred"
	OutcomeOther       Outcome = "other"
)

// Outcomes lists every Outcome.
func Outcomes() []Outcome {
	return []Outcome{OutcomeCompleted, OutcomeDroppedOut, OutcomeAbsconded, OutcomeTransferred, OutcomeOther}
}

// SupportKind is the kind of reintegration support.
type SupportKind string

const (
	SupportTraining   SupportKind = "training"
	SupportJob        SupportKind = "job"
	SupportLivelihood SupportKind = "livelihood"
)

// SupportKinds lists every SupportKind.
func SupportKinds() []SupportKind {
	return []SupportKind{SupportTraining, SupportJob, SupportLivelihood}
}

// Sex of a person described in a record.
type Sex string

const (
	SexMale    Sex = "M"
	SexFemale  Sex = "F"
	SexUnknown Sex = "U"
)

// Sexes lists every Sex.
func Sexes() []Sex { return []Sex{SexMale, SexFemale, SexUnknown} }

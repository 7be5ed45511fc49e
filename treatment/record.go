package treatment

import (
	"time"

	"github.com/borderlink/borderlink"
)

// Record is the treatment record of one person, as a treatment officer
// reads it. Every field but ID, OwnerUnit, Status and the times is stored
// sealed.
type Record struct {
	ID string `json:"id"`
	// OwnerUnit keeps the record: a commune or district police unit of the
	// node's country.
	OwnerUnit     string         `json:"owner_unit"`
	Status        Status         `json:"status"`
	Person        Person         `json:"person"`
	Tests         []Test         `json:"tests"`
	Determination *Determination `json:"determination,omitempty"`
	Management    *Management    `json:"management,omitempty"`
	Episodes      []Episode      `json:"episodes"`
	Periods       []Period       `json:"periods"`
	Relapses      []Relapse      `json:"relapses"`
	Support       []Support      `json:"support"`
	Closure       *Closure       `json:"closure,omitempty"`
	Created       time.Time      `json:"created"`
	Updated       time.Time      `json:"updated"`
}

// Person is who a record is about: a person of the node's case file
// (CasePersonID), a person described here, or both (the description then
// completes what the case file says).
type Person struct {
	CasePersonID string `json:"case_person_id,omitempty"`
	Name         string `json:"name,omitempty"`
	// Birth is a partial date: "1991", "1991-08" or "1991-08-14"; "" when
	// not known.
	Birth    string `json:"birth,omitempty"`
	Sex      Sex    `json:"sex,omitempty"`
	IDNumber string `json:"id_number,omitempty"` // citizen identity card or passport number
	Address  string `json:"address,omitempty"`
}

// Test is one drug test.
type Test struct {
	Date   borderlink.Date `json:"date"`
	Method Method          `json:"method"`
	// Substances are drug codes of the reference data (refdata drug types,
	// "HEROIN", "METH_TABLET"); SubstanceText names what the codes do not.
	Substances    []string `json:"substances"`
	SubstanceText string   `json:"substance_text,omitempty"`
	Result        Result   `json:"result"`
}

// Determination is the finding on addiction.
type Determination struct {
	Date       borderlink.Date `json:"date"`
	Conclusion Conclusion      `json:"conclusion"`
	// By is who determined it: the physician or health facility.
	By string `json:"by"`
}

// Management is the record of the person being placed under management.
type Management struct {
	Start borderlink.Date `json:"start"`
	Unit  string          `json:"unit"` // the managing unit
}

// Episode is one rehabilitation episode. End is zero while it runs;
// Outcome is given when it ends.
type Episode struct {
	ID      string          `json:"id"`
	Kind    EpisodeKind     `json:"kind"`
	Centre  string          `json:"centre,omitempty"` // required at a centre
	Start   borderlink.Date `json:"start"`
	End     borderlink.Date `json:"end,omitzero"`
	Outcome Outcome         `json:"outcome,omitempty"`
}

// Period is a post-rehabilitation management period. End is zero while it
// runs, or the day it is set to end (which may be ahead).
type Period struct {
	Start borderlink.Date `json:"start"`
	End   borderlink.Date `json:"end,omitzero"`
	Unit  string          `json:"unit"` // the managing unit
}

// Relapse is a return to drug use after rehabilitation.
type Relapse struct {
	Date borderlink.Date `json:"date"`
	Note string          `json:"note,omitempty"`
}

// Support is help given towards reintegration.
type Support struct {
	Kind     SupportKind     `json:"kind"`
	Date     borderlink.Date `json:"date"`
	Provider string          `json:"provider,omitempty"`
	Note     string          `json:"note,omitempty"`
}

// Closure ends a record (the person moved away, died, or management ended
// for good).
type Closure struct {
	Date borderlink.Date `json:"date"`
	Note string          `json:"note,omitempty"`
}

// NewRecord is what an officer writes to register a person. A record rests
// on a ground: at least one positive test or a determination.
type NewRecord struct {
	OwnerUnit     string         `json:"owner_unit"`
	Person        Person         `json:"person"`
	Tests         []Test         `json:"tests"`
	Determination *Determination `json:"determination,omitempty"`
	Management    *Management    `json:"management,omitempty"`
}

// Field groups: each is sealed on its own, and audit entries name the
// groups read or written. The names are part of the stored format (they
// are bound into each sealed value): never rename one.
const (
	groupPerson        = "person"
	groupTests         = "tests"
	groupDetermination = "determination"
	groupManagement    = "management"
	groupEpisodes      = "episodes"
	groupPeriods       = "periods"
	groupRelapses      = "relapses"
	groupSupport       = "support"
	groupClosure       = "closure"
)

// allGroups lists the groups in the order they are sealed and audited.
var allGroups = []string{groupPerson, groupTests, groupDetermination, groupManagement, groupEpisodes, groupPeriods,
	groupRelapses, groupSupport, groupClosure}

// derive returns the status of r on today: closed once closed; in
// rehabilitation while an episode runs; relapsed when the last relapse
// comes after the last episode ended and after the last period began;
// post-rehabilitation while a period runs; else under management.
func derive(r *Record, today borderlink.Date) Status {
	if r.Closure != nil {
		return StatusClosed
	}
	var lastEnd, lastPeriod borderlink.Date
	for _, e := range r.Episodes {
		if e.End.IsZero() {
			return StatusInRehabilitation
		}
		if e.End.After(lastEnd) {
			lastEnd = e.End
		}
	}
	running := false
	for _, p := range r.Periods {
		if p.Start.After(lastPeriod) {
			lastPeriod = p.Start
		}
		running = running || p.End.IsZero() || !p.End.Before(today)
	}
	if last := lastRelapse(r); !last.IsZero() && last.After(lastEnd) && !last.Before(lastPeriod) {
		return StatusRelapsed
	}
	if running {
		return StatusPostRehabilitation
	}
	return StatusUnderManagement
}

// lastRelapse is the day of the latest relapse of r, zero when none.
func lastRelapse(r *Record) borderlink.Date {
	var d borderlink.Date
	for _, x := range r.Relapses {
		if x.Date.After(d) {
			d = x.Date
		}
	}
	return d
}

// rehabKind is the kind of the episode running, "" when none.
func rehabKind(r *Record) EpisodeKind {
	for _, e := range r.Episodes {
		if e.End.IsZero() {
			return e.Kind
		}
	}
	return ""
}

// statusUntil is the last day the post-rehabilitation status of r holds
// without another write: the end of its running period, zero when that
// period has no end or r is in another status.
func statusUntil(r *Record) borderlink.Date {
	if r.Status != StatusPostRehabilitation {
		return borderlink.Date{}
	}
	var until borderlink.Date
	for _, p := range r.Periods {
		if p.End.IsZero() {
			return borderlink.Date{}
		}
		if p.End.After(until) {
			until = p.End
		}
	}
	return until
}

// statusOn is the status of a stored record on today: as written, but a
// post-rehabilitation status whose period has ended is under management
// again (see Row.Until).
func statusOn(row Row, today borderlink.Date) Status {
	if row.Status == StatusPostRehabilitation && !row.Until.IsZero() && row.Until.Before(today) {
		return StatusUnderManagement
	}
	return row.Status
}

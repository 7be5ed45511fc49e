package treatment

import (
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// The errors users see. Each has a stable code and a catalogue key
// (i18n/messages/treatment_errors.json); fields and values are named in
// the reader's language through "treatment.field_<field>" and
// "treatment.<what>_<value>" (i18n/messages/treatment.json). None of them
// quotes what a sensitive field holds.

// rules are the field checks of the register (see recordkit.Rules), with
// its keys.
var rules = recordkit.Rules{
	Keys: recordkit.Keys{
		Required:    "error.treatment_required",
		TooLong:     "error.treatment_too_long",
		BadText:     "error.treatment_bad_text",
		TooMany:     "error.treatment_too_many",
		Choice:      "error.treatment_bad_choice",
		Lang:        "error.treatment_lang",
		DateMissing: "error.treatment_date_missing",
		DateFuture:  "error.treatment_date_future",
		DateTooOld:  "error.treatment_date_too_old",
		UnitUnknown: "error.treatment_unit_unknown",
		UnitEnded:   "error.treatment_unit_ended",
		StatusOrder: "error.treatment_status_order",
	},
	Labels:     "treatment.",
	FutureSkew: 5 * time.Minute,
}

// Access.

func errForbidden(perm string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.treatment_forbidden",
		"treatment records are for treatment officers only: "+perm+" required", "permission", perm)
}

func errCannotWrite(unit string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.treatment_cannot_write",
		"permission treatment.write required over unit "+unit, "unit", unit)
}

func errCannotCount(unit string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.treatment_cannot_count",
		"permission treatment.read or stats.read required over unit "+unit, "unit", unit)
}

func errNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.treatment_not_found",
		fmt.Sprintf("no treatment record %q", recordkit.Clip(id, 40)), "id", recordkit.Clip(id, 40))
}

func errNoKeys() error {
	return borderlink.Errorf(borderlink.EUnavailable, "error.treatment_no_keys",
		"the treatment key file is not loaded: treatment records can be neither read nor written")
}

// Units and persons.

func errOwnerLevel(unit string) error {
	return recordkit.Invalid("error.treatment_owner_level",
		"a treatment record is kept by a commune or district unit of this country, not by "+unit, "unit", unit)
}

func errNoPerson() error {
	return recordkit.Invalid("error.treatment_no_person",
		"name the person: a person of the case file or the person's name")
}

func errCasePerson(id string) error {
	return recordkit.Invalid("error.treatment_case_person",
		fmt.Sprintf("there is no person %q of this node's case file", recordkit.Clip(id, 40)), "id", recordkit.Clip(id, 40))
}

func errNoGround() error {
	return recordkit.Invalid("error.treatment_no_ground",
		"a record rests on a positive test or an addiction determination: give one")
}

// Dates.

func errBackwards(field string, start, end borderlink.Date) error {
	return recordkit.Invalid("error.treatment_backwards",
		fmt.Sprintf("%s: the end %s is before the start %s", field, end, start),
		"field", rules.FieldLabel(field), "start", start, "end", end)
}

func errOverlap(field string, start borderlink.Date, otherField string, otherStart borderlink.Date) error {
	return recordkit.Invalid("error.treatment_overlap",
		fmt.Sprintf("%s from %s overlaps %s from %s", field, start, otherField, otherStart),
		"field", rules.FieldLabel(field), "start", start, "other", rules.FieldLabel(otherField), "other_start", otherStart)
}

func errBeforeBirth(field string, day borderlink.Date) error {
	return recordkit.Invalid("error.treatment_before_birth",
		fmt.Sprintf("%s: the date %s is before the person was born", field, day), "field", rules.FieldLabel(field), "date", day)
}

func errTooFarAhead(field string, day borderlink.Date) error {
	return recordkit.Invalid("error.treatment_too_far_ahead",
		fmt.Sprintf("%s: the date %s is more than %d days ahead", field, day, maxAhead),
		"field", rules.FieldLabel(field), "date", day, "days", maxAhead)
}

func errRelapseFirst(day borderlink.Date) error {
	return recordkit.Invalid("error.treatment_relapse_first",
		"a relapse on "+day.String()+" must follow the end of a rehabilitation episode", "date", day)
}

func errEndOutcome() error {
	return recordkit.Invalid("error.treatment_end_outcome", "an episode that has ended needs its outcome, and only then")
}

func errEpisodeNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.treatment_episode_not_found",
		fmt.Sprintf("no rehabilitation episode %q in this record", recordkit.Clip(id, 40)), "id", recordkit.Clip(id, 40))
}

func errEpisodeEnded() error {
	return borderlink.Errorf(borderlink.EConflict, "error.treatment_episode_ended", "the rehabilitation episode has ended already")
}

func errClosed() error {
	return borderlink.Errorf(borderlink.EConflict, "error.treatment_closed", "the record is closed: nothing more is recorded in it")
}

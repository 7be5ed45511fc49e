package cases

import (
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// The errors users see. Each has a stable code and a catalogue key
// (i18n/messages/cases_errors.json); fields are named in the reader's
// language through the keys "cases.field_<field>" (i18n/messages/cases.json).

// rules are the field checks of the case file (see recordkit.Rules), with
// its keys.
var rules = recordkit.Rules{
	Keys: recordkit.Keys{
		Required:    "error.case_required",
		TooLong:     "error.case_too_long",
		BadText:     "error.case_bad_text",
		TooMany:     "error.case_too_many",
		Choice:      "error.case_bad_choice",
		Lang:        "error.case_lang",
		DateMissing: "error.case_date_missing",
		DateFuture:  "error.case_date_future",
		DateTooOld:  "error.case_date_too_old",
		UnitUnknown: "error.case_unit_unknown",
		UnitEnded:   "error.case_unit_ended",
		StatusOrder: "error.case_status_order",
	},
	Labels:     "cases.",
	FutureSkew: maxFutureSkew,
}

// Access.

func errForbidden(perm string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.case_forbidden", "your roles do not allow this: "+perm+" required",
		"permission", perm)
}

func errCannotWrite(unit string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.case_cannot_write",
		"permission cases.write required over unit "+unit, "unit", unit)
}

func errNotOwner(origin borderlink.NodeID) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.case_not_owner",
		"this record belongs to node "+string(origin)+": only that node can change it", "node", string(origin))
}

func errCaseNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.case_not_found", fmt.Sprintf("no case %q", recordkit.Clip(id, 40)), "id", recordkit.Clip(id, 40))
}

func errPersonNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.person_not_found", fmt.Sprintf("no person %q", recordkit.Clip(id, 40)), "id", recordkit.Clip(id, 40))
}

func errSeizureNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.seizure_not_found", fmt.Sprintf("no seizure %q", recordkit.Clip(id, 40)), "id", recordkit.Clip(id, 40))
}

func errArrestNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.arrest_not_found", fmt.Sprintf("no arrest %q", recordkit.Clip(id, 40)), "id", recordkit.Clip(id, 40))
}

func errEventNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.case_event_not_found", fmt.Sprintf("no event %q", recordkit.Clip(id, 40)), "id", recordkit.Clip(id, 40))
}

func errSubjectNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.case_subject_not_found", fmt.Sprintf("no subject %q", recordkit.Clip(id, 40)), "id", recordkit.Clip(id, 40))
}

func errPhotoNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.person_photo_not_found", fmt.Sprintf("no photo %q", recordkit.Clip(id, 40)), "id", recordkit.Clip(id, 40))
}

// Releases.

func errNotReleasable(h Handling) error {
	return recordkit.Invalid("error.case_not_releasable", "the case is "+string(h)+": nothing of it may be released",
		"handling", rules.Label("handling", string(h)))
}

func errNoPartner() error {
	return recordkit.Invalid("error.case_no_partner", "the case has no unit of the partner country to release to")
}

func errReleaseCaseFirst(code string) error {
	return recordkit.Invalid("error.case_release_case_first", "release case "+code+" itself first", "code", code)
}

func errReleasedDelete() error {
	return borderlink.Errorf(borderlink.EConflict, "error.case_released_delete",
		"the record has been released to the partner and cannot be deleted; correct it instead")
}

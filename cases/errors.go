package cases

import (
	"fmt"
	"strings"
	"sync"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
)

// The errors users see. Each has a stable code and a catalogue key
// (i18n/messages/cases_errors.json); fields are named in the reader's
// language through the keys "cases.field_<field>" (i18n/messages/cases.json).

// catalog gives the names of fields in every language. The catalogues are
// embedded in the binary, so a load error is a build fault.
var catalog = sync.OnceValue(i18n.MustLoad)

// fieldLabel returns the name of a field ("title", "owner_unit") in every
// language, or the field itself when the catalogue has no name for it.
func fieldLabel(field string) borderlink.Text {
	if t, _, ok := catalog().Text("cases.field_" + strings.ReplaceAll(field, ".", "_")); ok {
		return t
	}
	return borderlink.Text{VI: field, LO: field, EN: field}
}

// label returns the name of an enumeration value ("status", "active") in
// every language: the catalogue text "cases.<what>_<value>".
func label(what, value string) borderlink.Text {
	if t, _, ok := catalog().Text("cases." + what + "_" + strings.ToLower(value)); ok {
		return t
	}
	return borderlink.Text{VI: value, LO: value, EN: value}
}

func invalid(key, message string, args ...any) error {
	return borderlink.Errorf(borderlink.EInvalid, key, message, args...)
}

// Text fields.

func errRequired(field string) error {
	return invalid("error.case_required", field+" is required", "field", fieldLabel(field))
}

func errTooLong(field string, max int) error {
	return invalid("error.case_too_long", fmt.Sprintf("%s is longer than %d characters", field, max),
		"field", fieldLabel(field), "max", max)
}

func errBadText(field string) error {
	return invalid("error.case_bad_text", field+" holds control characters or invalid UTF-8", "field", fieldLabel(field))
}

func errTooMany(field string, max int) error {
	return invalid("error.case_too_many", fmt.Sprintf("%s: at most %d", field, max), "field", fieldLabel(field), "max", max)
}

func errChoice(field, value string) error {
	return invalid("error.case_bad_choice", fmt.Sprintf("%s: %q is not one of the values offered", field, clip(value, 40)),
		"field", fieldLabel(field), "value", clip(value, 40))
}

func errLang(l string) error {
	return invalid("error.case_lang", fmt.Sprintf("unknown language %q: want vi, lo or en", clip(l, 10)), "value", clip(l, 10))
}

// Dates and places.

func errDateMissing(field string) error {
	return invalid("error.case_date_missing", field+": the date is missing", "field", fieldLabel(field))
}

// errDateFuture and errDateTooOld take the day (a borderlink.Date) or the
// moment (a time.Time) itself, so that the message shows it the way the
// reader's language writes dates.
func errDateFuture(field string, date any) error {
	return invalid("error.case_date_future", fmt.Sprintf("%s: the date %v is in the future", field, date), "field", fieldLabel(field), "date", date)
}

func errDateTooOld(field string, date any) error {
	return invalid("error.case_date_too_old", fmt.Sprintf("%s: the date %v is before 1990", field, date), "field", fieldLabel(field), "date", date)
}

func errUnitUnknown(field, code string) error {
	return invalid("error.case_unit_unknown", fmt.Sprintf("%s: there is no unit %q", field, clip(code, 40)),
		"field", fieldLabel(field), "unit", clip(code, 40))
}

func errUnitEnded(field, code string) error {
	return invalid("error.case_unit_ended", field+": unit "+code+" is not in force today", "field", fieldLabel(field), "unit", code)
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
	return borderlink.Errorf(borderlink.ENotFound, "error.case_not_found", fmt.Sprintf("no case %q", clip(id, 40)), "id", clip(id, 40))
}

func errPersonNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.person_not_found", fmt.Sprintf("no person %q", clip(id, 40)), "id", clip(id, 40))
}

func errSeizureNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.seizure_not_found", fmt.Sprintf("no seizure %q", clip(id, 40)), "id", clip(id, 40))
}

func errArrestNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.arrest_not_found", fmt.Sprintf("no arrest %q", clip(id, 40)), "id", clip(id, 40))
}

func errEventNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.case_event_not_found", fmt.Sprintf("no event %q", clip(id, 40)), "id", clip(id, 40))
}

func errSubjectNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.case_subject_not_found", fmt.Sprintf("no subject %q", clip(id, 40)), "id", clip(id, 40))
}

func errPhotoNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.person_photo_not_found", fmt.Sprintf("no photo %q", clip(id, 40)), "id", clip(id, 40))
}

// Releases.

func errNotReleasable(h Handling) error {
	return invalid("error.case_not_releasable", "the case is "+string(h)+": nothing of it may be released",
		"handling", label("handling", string(h)))
}

func errNoPartner() error {
	return invalid("error.case_no_partner", "the case has no unit of the partner country to release to")
}

func errReleaseCaseFirst(code string) error {
	return invalid("error.case_release_case_first", "release case "+code+" itself first", "code", code)
}

func errReleasedDelete() error {
	return borderlink.Errorf(borderlink.EConflict, "error.case_released_delete",
		"the record has been released to the partner and cannot be deleted; correct it instead")
}

// clip shortens s to at most n bytes without splitting a character, for
// messages and audit details.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

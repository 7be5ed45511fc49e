package wanted

import (
	"fmt"
	"strings"
	"sync"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
)

// The errors users see. Each has a stable code and a catalogue key
// (i18n/messages/wanted_errors.json); fields are named in the reader's
// language through the keys "wanted.field_<field>"
// (i18n/messages/wanted.json).

// catalog gives the names of fields in every language. The catalogues are
// embedded in the binary, so a load error is a build fault.
var catalog = sync.OnceValue(i18n.MustLoad)

// fieldLabel returns the name of a field ("warrant_ref") in every
// language, or the field itself when the catalogue has no name for it.
func fieldLabel(field string) borderlink.Text {
	if t, _, ok := catalog().Text("wanted.field_" + strings.ReplaceAll(field, ".", "_")); ok {
		return t
	}
	return borderlink.Text{VI: field, LO: field, EN: field}
}

// label returns the name of an enumeration value in every language: the
// catalogue text "wanted.<what>_<value>".
func label(what, value string) borderlink.Text {
	if t, _, ok := catalog().Text("wanted." + what + "_" + strings.ToLower(value)); ok {
		return t
	}
	return borderlink.Text{VI: value, LO: value, EN: value}
}

func invalid(key, message string, args ...any) error {
	return borderlink.Errorf(borderlink.EInvalid, key, message, args...)
}

// Text fields.

func errRequired(field string) error {
	return invalid("error.wanted_required", field+" is required", "field", fieldLabel(field))
}

func errTooLong(field string, max int) error {
	return invalid("error.wanted_too_long", fmt.Sprintf("%s is longer than %d characters", field, max),
		"field", fieldLabel(field), "max", max)
}

func errBadText(field string) error {
	return invalid("error.wanted_bad_text", field+" holds control characters or invalid UTF-8", "field", fieldLabel(field))
}

func errTooMany(field string, max int) error {
	return invalid("error.wanted_too_many", fmt.Sprintf("%s: at most %d", field, max), "field", fieldLabel(field), "max", max)
}

func errChoice(field, value string) error {
	return invalid("error.wanted_bad_choice", fmt.Sprintf("%s: %q is not one of the values offered", field, clip(value, 40)),
		"field", fieldLabel(field), "value", clip(value, 40))
}

func errLang(l string) error {
	return invalid("error.wanted_lang", fmt.Sprintf("unknown language %q: want vi, lo or en", clip(l, 10)), "value", clip(l, 10))
}

// Dates and places. errDateFuture and errDateTooOld take the day (a
// borderlink.Date) or the moment (a time.Time) itself, so that the message
// shows it the way the reader's language writes dates.

func errDateMissing(field string) error {
	return invalid("error.wanted_date_missing", field+": the date is missing", "field", fieldLabel(field))
}

func errDateFuture(field string, date any) error {
	return invalid("error.wanted_date_future", fmt.Sprintf("%s: the date %v is in the future", field, date),
		"field", fieldLabel(field), "date", date)
}

func errDateTooOld(field string, date any) error {
	return invalid("error.wanted_date_too_old", fmt.Sprintf("%s: the date %v is before 1990", field, date),
		"field", fieldLabel(field), "date", date)
}

func errUnitUnknown(field, code string) error {
	return invalid("error.wanted_unit_unknown", fmt.Sprintf("%s: there is no unit %q", field, clip(code, 40)),
		"field", fieldLabel(field), "unit", clip(code, 40))
}

func errUnitEnded(field, code string) error {
	return invalid("error.wanted_unit_ended", field+": unit "+code+" is not in force today", "field", fieldLabel(field), "unit", code)
}

func errPlaceMissing(field string) error {
	return invalid("error.wanted_place_missing", field+": name a unit or describe the place", "field", fieldLabel(field))
}

func errCoordinates() error {
	return invalid("error.wanted_coordinates", "give both latitude (-90 to 90) and longitude (-180 to 180), or neither")
}

// Access.

func errForbidden(perm string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.wanted_forbidden", "your roles do not allow this: "+perm+" required",
		"permission", perm)
}

func errCannotWrite(unit string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.wanted_cannot_write",
		"permission wanted.write required over unit "+unit, "unit", unit)
}

func errCannotReport(unit string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.wanted_cannot_report",
		"permission wanted.read required over unit "+unit+" to report for it", "unit", unit)
}

func errNotOwner(origin borderlink.NodeID) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.wanted_not_owner",
		"this notice belongs to node "+string(origin)+": only that node can change it", "node", string(origin))
}

func errNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.wanted_not_found", fmt.Sprintf("no wanted notice %q", clip(id, 40)),
		"id", clip(id, 40))
}

func errPhotoNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.wanted_photo_not_found", fmt.Sprintf("no photo %q", clip(id, 40)),
		"id", clip(id, 40))
}

// Status and workflow.

func errTransition(from, to Status) error {
	return invalid("error.wanted_status_change", "a notice that is "+string(from)+" cannot become "+string(to),
		"from", label("status", string(from)), "to", label("status", string(to)))
}

func errStatusOrder(day, prev borderlink.Date) error {
	return invalid("error.wanted_status_order", "the day "+day.String()+" is before the last change of status on "+prev.String(),
		"date", day, "previous", prev)
}

func errClosed(st Status) error {
	return borderlink.Errorf(borderlink.EConflict, "error.wanted_closed",
		"the notice is "+string(st)+": nothing more is recorded about it", "status", label("status", string(st)))
}

func errStepOrder(kind HandoverKind, state HandoverState) error {
	return borderlink.Errorf(borderlink.EConflict, "error.wanted_step_order",
		"a hand-over that is "+string(state)+" cannot take a "+string(kind)+" step",
		"kind", label("handover", string(kind)), "state", label("handover_state", string(state)))
}

func errStepSide(kind HandoverKind) error {
	return borderlink.Errorf(borderlink.EConflict, "error.wanted_step_side",
		"a "+string(kind)+" answers the other side's request: the side that requested cannot give it",
		"kind", label("handover", string(kind)))
}

func errStepBefore(day, prev borderlink.Date) error {
	return invalid("error.wanted_step_before", "the day "+day.String()+" is before the hand-over was requested on "+prev.String(),
		"date", day, "previous", prev)
}

// Releases.

func errNoPartner() error {
	return invalid("error.wanted_no_partner", "the notice names no unit of the partner country to release it to")
}

func errReleaseFirst() error {
	return borderlink.Errorf(borderlink.EConflict, "error.wanted_release_first",
		"release the notice to the partner before starting a hand-over")
}

func errRelease(message string) error {
	return invalid("error.wanted_release_record", "the released record is not valid: "+message)
}

// clip shortens s to at most n bytes without splitting a character, for
// messages and audit details.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

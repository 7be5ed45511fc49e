package wanted

import (
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// The errors users see. Each has a stable code and a catalogue key
// (i18n/messages/wanted_errors.json); fields are named in the reader's
// language through the keys "wanted.field_<field>"
// (i18n/messages/wanted.json).

// rules are the field checks of the register (see recordkit.Rules), with
// its keys.
var rules = recordkit.Rules{
	Keys: recordkit.Keys{
		Required:    "error.wanted_required",
		TooLong:     "error.wanted_too_long",
		BadText:     "error.wanted_bad_text",
		TooMany:     "error.wanted_too_many",
		Choice:      "error.wanted_bad_choice",
		Lang:        "error.wanted_lang",
		DateMissing: "error.wanted_date_missing",
		DateFuture:  "error.wanted_date_future",
		DateTooOld:  "error.wanted_date_too_old",
		UnitUnknown: "error.wanted_unit_unknown",
		UnitEnded:   "error.wanted_unit_ended",
		StatusOrder: "error.wanted_status_order",
	},
	Labels:     "wanted.",
	FutureSkew: maxFutureSkew,
}

// Dates and places.

func errPlaceMissing(field string) error {
	return recordkit.Invalid("error.wanted_place_missing", field+": name a unit or describe the place", "field", rules.FieldLabel(field))
}

func errCoordinates() error {
	return recordkit.Invalid("error.wanted_coordinates", "give both latitude (-90 to 90) and longitude (-180 to 180), or neither")
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
	return borderlink.Errorf(borderlink.ENotFound, "error.wanted_not_found", fmt.Sprintf("no wanted notice %q", recordkit.Clip(id, 40)),
		"id", recordkit.Clip(id, 40))
}

func errPhotoNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.wanted_photo_not_found", fmt.Sprintf("no photo %q", recordkit.Clip(id, 40)),
		"id", recordkit.Clip(id, 40))
}

// Status and workflow.

func errTransition(from, to Status) error {
	return recordkit.Invalid("error.wanted_status_change", "a notice that is "+string(from)+" cannot become "+string(to),
		"from", rules.Label("status", string(from)), "to", rules.Label("status", string(to)))
}

func errClosed(st Status) error {
	return borderlink.Errorf(borderlink.EConflict, "error.wanted_closed",
		"the notice is "+string(st)+": nothing more is recorded about it", "status", rules.Label("status", string(st)))
}

func errStepOrder(kind HandoverKind, state HandoverState) error {
	return borderlink.Errorf(borderlink.EConflict, "error.wanted_step_order",
		"a hand-over that is "+string(state)+" cannot take a "+string(kind)+" step",
		"kind", rules.Label("handover", string(kind)), "state", rules.Label("handover_state", string(state)))
}

func errStepSide(kind HandoverKind) error {
	return borderlink.Errorf(borderlink.EConflict, "error.wanted_step_side",
		"a "+string(kind)+" answers the other side's request: the side that requested cannot give it",
		"kind", rules.Label("handover", string(kind)))
}

func errStepBefore(day, prev borderlink.Date) error {
	return recordkit.Invalid("error.wanted_step_before", "the day "+day.String()+" is before the hand-over was requested on "+prev.String(),
		"date", day, "previous", prev)
}

// Releases.

func errNoPartner() error {
	return recordkit.Invalid("error.wanted_no_partner", "the notice names no unit of the partner country to release it to")
}

func errReleaseFirst() error {
	return borderlink.Errorf(borderlink.EConflict, "error.wanted_release_first",
		"release the notice to the partner before starting a hand-over")
}

func errRelease(message string) error {
	return recordkit.Invalid("error.wanted_release_record", "the released record is not valid: "+message)
}

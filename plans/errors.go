package plans

import (
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// The errors users see. Each has a stable code and a catalogue key
// (i18n/messages/plans_errors.json); fields are named in the reader's
// language through the keys "plans.field_<field>" (i18n/messages/plans.json).

// rules are the field checks of the package (see recordkit.Rules), with
// its keys.
var rules = recordkit.Rules{
	Keys: recordkit.Keys{
		Required:    "error.plans_required",
		TooLong:     "error.plans_too_long",
		BadText:     "error.plans_bad_text",
		TooMany:     "error.plans_too_many",
		Choice:      "error.plans_bad_choice",
		Lang:        "error.plans_lang",
		DateMissing: "error.plans_date_missing",
		DateFuture:  "error.plans_date_future",
		DateTooOld:  "error.plans_date_too_old",
		UnitUnknown: "error.plans_unit_unknown",
		UnitEnded:   "error.plans_unit_ended",
		StatusOrder: "error.plans_status_order",
	},
	Labels: "plans.",
}

// Dates.

func errBackwards(field string, from, to borderlink.Date) error {
	return recordkit.Invalid("error.plans_dates_backwards", fmt.Sprintf("%s: %s is after %s: the dates run backwards", field, from, to),
		"field", rules.FieldLabel(field), "from", from, "to", to)
}

func errOutsideAgreement(from, to borderlink.Date) error {
	return recordkit.Invalid("error.plans_outside_agreement", "the plan's period must lie within the agreement's validity, "+
		from.String()+" to "+to.String(), "from", from, "to", to)
}

func errOutsidePlan(field string, from, to borderlink.Date) error {
	return recordkit.Invalid("error.plans_outside_plan", field+": the date must lie within the plan's period, "+
		from.String()+" to "+to.String(), "field", rules.FieldLabel(field), "from", from, "to", to)
}

func errOverlap(title string, from, to borderlink.Date) error {
	return recordkit.Invalid("error.plans_plan_overlap", "the period overlaps the annual plan «"+recordkit.Clip(title, 80)+"» ("+
		from.String()+" to "+to.String()+") under the same agreement", "title", recordkit.Clip(title, 80), "from", from, "to", to)
}

// Units.

func errPartiesBoth() error {
	return recordkit.Invalid("error.plans_parties_both", "an agreement's parties are units of both countries")
}

func errOwnerForeign(field, unit string) error {
	return recordkit.Invalid("error.plans_owner_foreign", field+": unit "+unit+" is not a unit of this node's country",
		"field", rules.FieldLabel(field), "unit", unit)
}

func errPartnerHome(unit string) error {
	return recordkit.Invalid("error.plans_partner_home", "unit "+unit+" is of this side: partner units are the other side's", "unit", unit)
}

func errNoPartner() error {
	return recordkit.Invalid("error.plans_no_partner", "a bilateral plan names at least one unit of the partner country, and only a bilateral one does")
}

func errNotProvince(field, unit string) error {
	return recordkit.Invalid("error.plans_not_province", field+": unit "+unit+" is not a province", "field", rules.FieldLabel(field), "unit", unit)
}

// Progress and indicators.

func errPercent(v int) error {
	return recordkit.Invalid("error.plans_percent", fmt.Sprintf("the percentage done must be from 0 to 100, not %d", v), "value", v)
}

func errMilestonesOpen() error {
	return recordkit.Invalid("error.plans_milestones_open", "a task is done only when every milestone is done")
}

func errMilestoneUnknown(id string) error {
	return recordkit.Invalid("error.plans_milestone_unknown", "the task has no milestone "+recordkit.Clip(id, 40), "id", recordkit.Clip(id, 40))
}

func errTarget() error {
	return recordkit.Invalid("error.plans_target_value", "the target must be a number above 0")
}

func errActual() error {
	return recordkit.Invalid("error.plans_actual_value", "the result entered must be a number not below 0, and only for a manual indicator")
}

func errTargetLevel(unit string) error {
	return recordkit.Invalid("error.plans_target_level", "unit "+unit+" is below a province: the statistics know no figures for it, so its target is manual",
		"unit", unit)
}

func errDrugUnknown(code string) error {
	return recordkit.Invalid("error.plans_drug_unknown", "unknown drug type "+recordkit.Clip(code, 40), "code", recordkit.Clip(code, 40))
}

// Access.

// refusal is an EForbidden error with its key; name and value are its one
// placeholder.
func refusal(key, message, name, value string) error {
	return borderlink.Errorf(borderlink.EForbidden, key, message, name, value)
}

func errForbidden(perm string) error {
	return refusal("error.plans_forbidden", "your roles do not allow this: "+perm+" required", "permission", perm)
}

func errCannotWrite(unit string) error {
	return refusal("error.plans_cannot_write", "permission plans.write required over unit "+unit, "unit", unit)
}

func errNotOwner(origin borderlink.NodeID) error {
	o := string(origin)
	return refusal("error.plans_not_owner", "this record belongs to node "+o+": only that node can change it", "node", o)
}

func errNotFound(what, id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.plans_not_found", fmt.Sprintf("no %s %q", what, recordkit.Clip(id, 40)),
		"id", recordkit.Clip(id, 40))
}

func errNotShared() error {
	return borderlink.Errorf(borderlink.EConflict, "error.plans_not_shared",
		"the partner's plan is not bilateral: this side cannot add tasks to it")
}

func errDecisionUnknown(id string) error {
	return recordkit.Invalid("error.plans_decision_unknown", "the conference has no decision "+recordkit.Clip(id, 40), "id", recordkit.Clip(id, 40))
}

// Releases.

func errRelease(message string) error {
	return recordkit.Invalid("error.plans_release_record", "the released record is not valid: "+message)
}

func errReleaseOrigin() error {
	return recordkit.Invalid("error.plans_release_origin", "the record does not belong to the node that sent it")
}

func errReleaseConflict(id string) error {
	return recordkit.Invalid("error.plans_release_conflict", "a record "+recordkit.Clip(id, 64)+" of another node is kept here already",
		"id", recordkit.Clip(id, 64))
}

func errReleaseUnknown(id string) error {
	return recordkit.Invalid("error.plans_release_unknown", "the record is about a record this node does not know", "id", recordkit.Clip(id, 64))
}

func errReleaseNotOurs() error {
	return recordkit.Invalid("error.plans_release_not_ours", "the record is not shared with a unit of this country")
}

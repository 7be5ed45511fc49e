package communes

import (
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// The errors users see. Each has a stable code and a catalogue key
// (i18n/messages/communes_errors.json); fields are named in the reader's
// language through the keys "communes.field_<field>"
// (i18n/messages/communes.json).

// rules are the field checks of the programme (see recordkit.Rules), with
// its keys.
var rules = recordkit.Rules{
	Keys: recordkit.Keys{
		Required:    "error.communes_required",
		TooLong:     "error.communes_too_long",
		BadText:     "error.communes_bad_text",
		TooMany:     "error.communes_too_many",
		Choice:      "error.communes_bad_choice",
		Lang:        "error.communes_lang",
		DateMissing: "error.communes_date_missing",
		DateFuture:  "error.communes_date_future",
		DateTooOld:  "error.communes_date_too_old",
		UnitUnknown: "error.communes_unit_unknown",
		UnitEnded:   "error.communes_unit_ended",
		StatusOrder: "error.communes_status_order",
	},
	Labels: "communes.",
}

// Access.

func errForbidden(perm string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.communes_forbidden", "your roles do not allow this: "+perm+" required",
		"permission", perm)
}

func errCannotWrite(unit string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.communes_cannot_write",
		"permission communes.write required over unit "+unit, "unit", unit)
}

func errLevelAbove(unit string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.communes_level_above",
		"only a unit above "+unit+" may verify its assessment", "unit", unit)
}

func errNotProvince(unit string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.communes_not_province",
		"only the province of "+unit+" or the ministry may decide on its recognition", "unit", unit)
}

func errNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.communes_not_found", fmt.Sprintf("no assessment %q", recordkit.Clip(id, 40)),
		"id", recordkit.Clip(id, 40))
}

func errDistrictNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.communes_district_not_found",
		fmt.Sprintf("no district recognition %q", recordkit.Clip(id, 40)), "id", recordkit.Clip(id, 40))
}

func errAttachmentNotFound(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.communes_attachment_not_found",
		fmt.Sprintf("no attachment %q", recordkit.Clip(id, 40)), "id", recordkit.Clip(id, 40))
}

// Units.

func errNotCommune(unit string) error {
	return recordkit.Invalid("error.communes_not_commune", "unit "+unit+" is not a commune of this country", "unit", unit)
}

func errNotDistrict(unit string) error {
	return recordkit.Invalid("error.communes_not_district", "unit "+unit+" is not a district of this country", "unit", unit)
}

func errDashboardUnit(unit string) error {
	return recordkit.Invalid("error.communes_dashboard_unit", "a dashboard is of a province or a district: "+unit+" is neither",
		"unit", unit)
}

// Criteria.

func errPercent(field string) error {
	return recordkit.Invalid("error.communes_percent", field+" is a percentage from 0 to 100", "field", rules.FieldLabel(field))
}

func errWeight(code string) error {
	return recordkit.Invalid("error.communes_weight", fmt.Sprintf("item %s: the weight is from 0 to %d", code, MaxWeight),
		"item", code, "max", MaxWeight)
}

func errItemRepeated(code string) error {
	return recordkit.Invalid("error.communes_item_repeated", "item "+code+" is named twice", "item", code)
}

func errItemUnknown(code string) error {
	return recordkit.Invalid("error.communes_item_unknown", "the criteria have no item "+recordkit.Clip(code, 20),
		"item", recordkit.Clip(code, 20))
}

func errCriteriaBackwards(from, last borderlink.Date) error {
	return recordkit.Invalid("error.communes_criteria_backwards",
		"a new version takes effect after the newest one, which takes effect on "+last.String(), "date", from, "previous", last)
}

func errCriteriaUnknown(id string) error {
	return recordkit.Invalid("error.communes_criteria_unknown", "no criteria set "+recordkit.Clip(id, 40)+" of this country",
		"id", recordkit.Clip(id, 40))
}

func errCriteriaRetired(version int, to borderlink.Date) error {
	return recordkit.Invalid("error.communes_criteria_retired",
		fmt.Sprintf("version %d of the criteria is not in force on %s, the end of the period", version, to),
		"version", version, "date", to)
}

func errNoCriteria(to borderlink.Date) error {
	return recordkit.Invalid("error.communes_no_criteria", "no criteria are in force on "+to.String(), "date", to)
}

// Periods and dates.

func errPeriodBackwards(from, to borderlink.Date) error {
	return recordkit.Invalid("error.communes_period_backwards", "the period ends on "+to.String()+", before it starts on "+from.String(),
		"from", from, "to", to)
}

func errPeriodTooLong() error {
	return recordkit.Invalid("error.communes_period_too_long", fmt.Sprintf("a period lasts at most %d days", MaxPeriodDays),
		"max", MaxPeriodDays)
}

func errPeriodOverlap(from, to borderlink.Date) error {
	return borderlink.Errorf(borderlink.EConflict, "error.communes_period_overlap",
		"the commune has an assessment of the period "+from.String()+" to "+to.String()+" already, which overlaps this one",
		"from", from, "to", to)
}

func errBeforePeriod(day, from borderlink.Date) error {
	return recordkit.Invalid("error.communes_before_period", "the day "+day.String()+" is before the period starts on "+from.String(),
		"date", day, "from", from)
}

func errRangeBackwards(from, to borderlink.Date) error {
	return recordkit.Invalid("error.communes_range_backwards", "the range ends on "+to.String()+", before it starts on "+from.String(),
		"from", from, "to", to)
}

// Workflow.

func errTransition(from, to Status) error {
	return borderlink.Errorf(borderlink.EConflict, "error.communes_status_change", "an assessment that is "+string(from)+" cannot become "+string(to),
		"from", rules.Label("status", string(from)), "to", rules.Label("status", string(to)))
}

func errNotVerified(st Status) error {
	return borderlink.Errorf(borderlink.EConflict, "error.communes_not_verified",
		"the assessment is "+string(st)+": it is decided on only once verified", "status", rules.Label("status", string(st)))
}

func errNotEditable(st Status) error {
	return borderlink.Errorf(borderlink.EConflict, "error.communes_not_editable",
		"the assessment is "+string(st)+": its results are no longer changed", "status", rules.Label("status", string(st)))
}

func errResultMissing(code string) error {
	return recordkit.Invalid("error.communes_result_missing", "item "+code+" has no result", "item", code)
}

func errEvidenceMissing(code string) error {
	return recordkit.Invalid("error.communes_evidence_missing", "item "+code+" is met only with evidence: a note or an attachment",
		"item", code)
}

func errCommitmentsMissing(code string) error {
	return recordkit.Invalid("error.communes_commitments_missing",
		"item "+code+" is met only with the commitments signed in the period: record them first", "item", code)
}

func errNotPassed(score, threshold int) error {
	return borderlink.Errorf(borderlink.EConflict, "error.communes_not_passed",
		fmt.Sprintf("the assessment does not pass: a required item is not met, or the score %d%% is under %d%%", score, threshold),
		"score", score, "threshold", threshold)
}

func errRecognitionNewer(period borderlink.Date) error {
	return borderlink.Errorf(borderlink.EConflict, "error.communes_recognition_newer",
		"the commune holds the recognition of a later period, ending on "+period.String(), "date", period)
}

// Districts.

func errDistrictShort(recognised, total, share int) error {
	return borderlink.Errorf(borderlink.EConflict, "error.communes_district_short",
		fmt.Sprintf("%d of the district's %d communes are recognised: at least %d%% must be", recognised, total, share),
		"recognised", recognised, "total", total, "share", share)
}

func errDistrictRecognised(number string) error {
	return borderlink.Errorf(borderlink.EConflict, "error.communes_district_recognised",
		"the district holds a recognition in force already (decision "+number+"): revoke it first", "number", number)
}

func errDistrictRevoked() error {
	return borderlink.Errorf(borderlink.EConflict, "error.communes_district_revoked", "the recognition of the district is revoked already")
}

// Attachments.

func errAttachmentType() error {
	return recordkit.Invalid("error.communes_attachment_type", "an attachment is a PDF, JPEG or PNG file")
}

func errAttachmentSize() error {
	return recordkit.Invalid("error.communes_attachment_size", fmt.Sprintf("an attachment is at most %d bytes", MaxAttachmentSize),
		"max", MaxAttachmentSize)
}

func errAttachmentEmpty() error {
	return recordkit.Invalid("error.communes_attachment_empty", "the attachment is empty")
}

// Commitments.

func errCount(field string) error {
	return recordkit.Invalid("error.communes_count", fmt.Sprintf("%s is a count from 0 to %d", field, MaxCount),
		"field", rules.FieldLabel(field), "max", MaxCount)
}

package refdata

import (
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/borderlink/borderlink"
)

// Admin is the typed content of admin-units.json that the units package
// seeds from (returned by AdminUnits). Fields the file holds but no code needs yet (sources,
// notes on border length) are left out; read FS for them.
type Admin struct {
	SchemaVersion string    `json:"schema_version"`
	Countries     []Country `json:"countries"`
	// ReformTimeline lists the dated steps of Vietnam's 2025 reorganisation.
	ReformTimeline []Event `json:"vn_reform_timeline"`
	// VNProvincesPre2025 are the Vietnamese border provinces under the 2004
	// statistical codes (valid until 2025-06-30).
	VNProvincesPre2025 []VNProvincePre2025 `json:"vn_border_provinces_pre2025"`
	// VNProvinces2025 are the Vietnamese border provinces from 2025-07-01
	// under the codes of Decision 19/2025/QĐ-TTg.
	VNProvinces2025 []VNProvince2025 `json:"vn_border_units_from_2025_07_01"`
	LAProvinces     []LAProvince     `json:"la_border_provinces"`
	ProvincePairs   []ProvincePair   `json:"province_pairs"`
	BorderGates     []BorderGate     `json:"border_gates"`
	PublicSecurity  PublicSecurity   `json:"public_security_levels"`
}

// Country is a country of the data set.
type Country struct {
	ISO2   string `json:"iso2"`
	ISO3   string `json:"iso3"`
	NameEN string `json:"name_en"`
	NameVI string `json:"name_vi"`
	NameLO string `json:"name_lo"`
}

// Event is one dated step of a reform.
type Event struct {
	Date       borderlink.Date `json:"date"`
	Event      string          `json:"event"`
	Confidence Confidence      `json:"confidence"`
}

// VNProvincePre2025 is a Vietnamese border province as it was until
// 2025-06-30.
type VNProvincePre2025 struct {
	Code            string     `json:"code_gso_pre2025"`
	ISO             string     `json:"iso_3166_2"`
	NameVI          string     `json:"name_vi"`
	NameEN          string     `json:"name_en"`
	UnitType        string     `json:"unit_type"`
	SuccessorCode   string     `json:"successor_code"`
	SuccessorNameVI string     `json:"successor_name_vi"`
	BordersLA       []string   `json:"borders_la"` // ISO codes of Lao provinces
	Confidence      Confidence `json:"confidence"`
}

// VNProvince2025 is a Vietnamese border province from 2025-07-01.
type VNProvince2025 struct {
	Code            string          `json:"code_gso"`
	NameVI          string          `json:"name_vi"`
	NameEN          string          `json:"name_en"`
	UnitType        string          `json:"unit_type"` // "province" or "centrally-run city"
	MergedFromCodes []string        `json:"merged_from_codes_pre2025"`
	MergedFrom      []string        `json:"merged_from"` // Vietnamese names, in the order of MergedFromCodes
	BordersLA       []string        `json:"borders_la"`
	EffectiveDate   borderlink.Date `json:"effective_date"`
	Confidence      Confidence      `json:"confidence"`
}

// Continuing reports whether the province kept its code and territory
// through the reform (it was merged from itself only).
func (p VNProvince2025) Continuing() bool {
	return len(p.MergedFromCodes) == 1 && p.MergedFromCodes[0] == p.Code
}

// LAProvince is a Lao border province with its districts.
type LAProvince struct {
	ISO        string       `json:"iso_3166_2"`
	Code       string       `json:"code_la"`
	NameLO     string       `json:"name_lo"`
	NameEN     string       `json:"name_en"`
	NameVI     []string     `json:"name_vi"` // transcriptions, the first is the display form
	Districts  []LADistrict `json:"districts"`
	Confidence Confidence   `json:"confidence"`
}

// LADistrict is a district (ເມືອງ) with its 4-digit code.
type LADistrict struct {
	Code   string `json:"code"`
	NameLO string `json:"name_lo"`
	NameEN string `json:"name_en"`
	Note   string `json:"note"` // set where the spelling needs verification
}

// ProvincePair is a Vietnamese and a Lao province facing each other.
type ProvincePair struct {
	VNPre2025Code string     `json:"vn_pre2025_code"`
	VNPre2025     string     `json:"vn_pre2025"`
	VN2025Code    string     `json:"vn_from_2025_07_01_code"`
	VN2025        string     `json:"vn_from_2025_07_01"`
	LA            string     `json:"la"` // ISO code
	Confidence    Confidence `json:"confidence"`
}

// BorderGate is a pair of border gates (checkpoints).
type BorderGate struct {
	ID                 string     `json:"id"`
	Status             string     `json:"status"` // international, main, auxiliary
	VNName             string     `json:"vn_name"`
	VNProvincePre2025  string     `json:"vn_province_pre2025"`
	VNProvince2025     string     `json:"vn_province_from_2025_07_01"`
	VNLocationPre2025  string     `json:"vn_location_pre2025"`
	LANameEN           string     `json:"la_name_en"`
	LANameVI           string     `json:"la_name_vi"`
	LANameLO           string     `json:"la_name_lo"`
	LANameLOConfidence Confidence `json:"la_name_lo_confidence"`
	LAProvince         string     `json:"la_province"`
	LADistrict         string     `json:"la_district"`
	Confidence         Confidence `json:"confidence"`
}

// PublicSecurity describes the police hierarchy of each country.
type PublicSecurity struct {
	VN []PolicePeriod `json:"VN"`
	LA []PoliceLevel  `json:"LA"`
}

// PolicePeriod is a span of time over which Vietnam's police had the listed
// levels (Vietnamese labels, top first). From and To are parsed from Period
// ("until 2025-02-28", "2025-03-01 to 2025-06-30", "from 2025-07-01"); a zero
// bound is open.
type PolicePeriod struct {
	Period string   `json:"period"`
	Levels []string `json:"levels"`
	From   borderlink.Date
	To     borderlink.Date
}

// PoliceLevel is one level of the Lao police hierarchy, top first.
type PoliceLevel struct {
	Level      string     `json:"level"` // central, provincial, district, village
	LO         string     `json:"lo"`
	EN         string     `json:"en"`
	Confidence Confidence `json:"confidence"`
}

// AdminUnits parses the embedded admin-units.json. Each call returns a fresh
// copy that the caller may change.
func AdminUnits() (*Admin, error) {
	b, err := read(AdminUnitsFile)
	if err != nil {
		return nil, err
	}
	return ParseAdminUnits(b)
}

// ParseAdminUnits parses the content of an admin-units.json file.
func ParseAdminUnits(b []byte) (*Admin, error) {
	var a Admin
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("refdata: parse %s: %w", AdminUnitsFile, err)
	}
	for i := range a.PublicSecurity.VN {
		p := &a.PublicSecurity.VN[i]
		from, to, err := parsePeriod(p.Period)
		if err != nil {
			return nil, fmt.Errorf("refdata: parse %s: %w", AdminUnitsFile, err)
		}
		p.From, p.To = from, to
	}
	return &a, nil
}

var (
	periodUntil = regexp.MustCompile(`^until (\d{4}-\d{2}-\d{2})$`)
	periodFrom  = regexp.MustCompile(`^from (\d{4}-\d{2}-\d{2})$`)
	periodRange = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})$`)
)

func parsePeriod(s string) (from, to borderlink.Date, err error) {
	var a, b string
	switch {
	case periodUntil.MatchString(s):
		b = periodUntil.FindStringSubmatch(s)[1]
	case periodFrom.MatchString(s):
		a = periodFrom.FindStringSubmatch(s)[1]
	case periodRange.MatchString(s):
		m := periodRange.FindStringSubmatch(s)
		a, b = m[1], m[2]
	default:
		return from, to, fmt.Errorf("period %q: want \"until D\", \"D to D\" or \"from D\"", s)
	}
	if from, err = borderlink.ParseDate(a); err != nil {
		return from, to, fmt.Errorf("period %q: %w", s, err)
	}
	if to, err = borderlink.ParseDate(b); err != nil {
		return from, to, fmt.Errorf("period %q: %w", s, err)
	}
	return from, to, nil
}

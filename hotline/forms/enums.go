package forms

import (
	"slices"
	"strings"
	"sync"

	"github.com/borderlink/borderlink/refdata"
)

// Enum is an enumeration: the codes a TypeCode field may take. Each code
// has a catalogue key, "forms.enum.<name>.<code in lower case>", with its
// name in every language.
type Enum struct {
	Name  string
	Codes []string
}

// Key returns the catalogue key of code's name.
func (e Enum) Key(code string) string { return EnumKey(e.Name, code) }

// Has reports whether code is one of the enumeration's codes (exactly as
// written; Normalize brings other spellings to it).
func (e Enum) Has(code string) bool { return slices.Contains(e.Codes, code) }

// EnumKey returns the catalogue key of a code of the named enumeration.
func EnumKey(enum, code string) string {
	return "forms.enum." + enum + "." + strings.ToLower(code)
}

// enums are the enumerations other than the drug types, which come from
// refdata. Countries are the ISO 3166-1 alpha-2 codes of the region and of
// the nationalities most often met in cross-border drug cases; the list is
// extended as cases need (a new code needs its name in the catalogue).
var enums = []Enum{
	{"sex", []string{"M", "F"}},
	{"country", []string{
		"VN", "LA", "KH", "TH", "CN", "MM", "MY", "SG", "ID", "PH", "BN", "TW",
		"HK", "MO", "KR", "JP", "IN", "PK", "BD", "AF", "IR", "NG", "ZA", "US",
		"CA", "CO", "BR", "GB", "FR", "DE", "NL", "RU", "AU", "NZ",
	}},
	{"doc_type", []string{"passport", "id_card", "border_pass", "family_book", "driving_licence", "other"}},
	{"vehicle_type", []string{"motorbike", "car", "pickup", "truck", "bus", "boat", "bicycle", "other"}},
	{"colour", []string{"white", "black", "silver", "grey", "red", "blue", "green", "yellow", "brown", "other"}},
	{"qty_unit", []string{"kg", "g", "t", "pills", "block", "l", "ml", "plants", "ha", "m2", "units"}},
	{"person_info", []string{"identity", "criminal_record", "address", "whereabouts", "border_crossings", "phones", "vehicles", "associates"}},
	{"vehicle_info", []string{"owner", "registration", "movements", "border_crossings", "users"}},
	{"phone_info", []string{"subscriber", "call_records", "location", "linked_numbers", "device"}},
	{"fugitive_action", []string{"locate", "locate_arrest", "arrest_hand_over"}},
	{"offence", []string{
		"drug_trafficking", "drug_transport", "drug_possession", "drug_production", "drug_organising_use",
		"human_trafficking", "murder", "robbery", "theft", "fraud", "smuggling", "weapons", "other",
	}},
	{"yes_no_unknown", []string{"yes", "no", "unknown"}},
	{"objective", []string{"dismantle_ring", "arrest_fugitives", "seize_drugs", "destroy_cultivation", "clear_hotspot", "border_control", "precursors"}},
	{"trend", []string{"rising", "stable", "falling"}},
}

// drugs is the drug taxonomy, parsed once. The data is embedded in the
// binary, so a parse error is a build fault.
var drugs = sync.OnceValue(func() *refdata.Drugs {
	d, err := refdata.DrugTypes()
	if err != nil {
		panic(err)
	}
	return d
})

func drugEnum() Enum {
	d := drugs()
	e := Enum{Name: "drug", Codes: make([]string, len(d.Types))}
	for i, t := range d.Types {
		e.Codes[i] = t.Code
	}
	return e
}

// Enums returns every enumeration, the drug types (enumeration "drug", the
// codes of refdata's drug-types.json) among them.
func Enums() []Enum {
	out := []Enum{drugEnum()}
	for _, e := range enums {
		out = append(out, Enum{e.Name, slices.Clone(e.Codes)})
	}
	return out
}

// LookupEnum returns the enumeration with this name.
func LookupEnum(name string) (Enum, bool) {
	if name == "drug" {
		return drugEnum(), true
	}
	for _, e := range enums {
		if e.Name == name {
			return Enum{e.Name, slices.Clone(e.Codes)}, true
		}
	}
	return Enum{}, false
}

// enumHas is LookupEnum(name).Has(code) without the copies.
func enumHas(name, code string) bool {
	if name == "drug" {
		_, ok := drugs().Type(code)
		return ok
	}
	for _, e := range enums {
		if e.Name == name {
			return e.Has(code)
		}
	}
	return false
}

// canonicalCode returns the code of the enumeration that s names when case
// is ignored, and s unchanged when none does.
func canonicalCode(enum, s string) string {
	var codes []string
	if enum == "drug" {
		codes = drugEnum().Codes
	} else if e, ok := LookupEnum(enum); ok {
		codes = e.Codes
	}
	for _, c := range codes {
		if strings.EqualFold(c, s) {
			return c
		}
	}
	return s
}

// unitFamilies group quantity units that measure the same thing, so that a
// drug reported in one of them may be reported in any other.
var unitFamilies = [][]string{{"kg", "g", "t"}, {"l", "ml"}, {"ha", "m2"}}

// drugAllows reports whether a quantity of the drug may be given in unit:
// the drug's own units (refdata), and the units of the same family as one of
// them (a drug weighed in kg may be weighed in tonnes).
func drugAllows(drug, unit string) bool {
	t, ok := drugs().Type(drug)
	if !ok {
		return true // the drug code itself is reported
	}
	own := t.Units()
	if slices.Contains(own, unit) {
		return true
	}
	for _, fam := range unitFamilies {
		if slices.Contains(fam, unit) && slices.ContainsFunc(own, func(u string) bool { return slices.Contains(fam, u) }) {
			return true
		}
	}
	return false
}

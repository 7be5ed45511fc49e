package refdata

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/borderlink/borderlink"
)

// Drugs is the typed content of drug-types.json (returned by DrugTypes): the
// drug taxonomy seizures are reported in, and the units they are counted,
// weighed or measured in. Sources and the precursor lists are left out; read
// FS for them.
type Drugs struct {
	SchemaVersion string         `json:"schema_version"`
	Types         []DrugType     `json:"drug_types"`
	Units         []QuantityUnit `json:"units"`
}

// DrugType is one drug type, such as HEROIN or METH_TABLET.
type DrugType struct {
	Code     string    `json:"code"`     // stable, upper case: "METH_TABLET"
	Category string    `json:"category"` // opioid, ATS, plant, precursor, …
	Names    DrugNames `json:"names"`
	// DefaultUnit is the unit the drug is usually reported in ("kg",
	// "pills"); AltUnits are the others in use. Both are codes of Units.
	DefaultUnit string   `json:"default_unit"`
	AltUnits    []string `json:"alt_units"`
	// CountUnit names the piece a drug is counted in (a heroin block, a
	// pill, a plant) in each language; nil for drugs only weighed.
	CountUnit  *borderlink.Text `json:"count_unit"`
	Confidence Confidence       `json:"confidence"`
}

// DrugNames are a drug's names: one English name, and a display form with
// aliases in Vietnamese and in Lao.
type DrugNames struct {
	EN string    `json:"en"`
	VI LocalName `json:"vi"`
	LO LocalName `json:"lo"`
}

// LocalName is a name as written in one language, with the other forms in
// use (aliases) and, for Lao, how sure the data is of the spelling.
type LocalName struct {
	Display    string     `json:"display"`
	Aliases    []string   `json:"aliases"`
	Confidence Confidence `json:"confidence"`
}

// QuantityUnit is a unit a quantity of drugs is given in: "kg", "pills",
// "block" (of heroin), "plants", "ha" … with its names.
type QuantityUnit struct {
	Code         string     `json:"code"`
	EN           string     `json:"en"`
	VI           string     `json:"vi"`
	LO           string     `json:"lo"`
	LOConfidence Confidence `json:"lo_confidence"`
}

// Name returns the drug's display name in every language.
func (t DrugType) Name() borderlink.Text {
	return borderlink.Text{VI: t.Names.VI.Display, LO: t.Names.LO.Display, EN: t.Names.EN}
}

// Units returns the codes of the units the drug is reported in: the default
// unit first, then the alternatives.
func (t DrugType) Units() []string {
	return append([]string{t.DefaultUnit}, t.AltUnits...)
}

// Type returns the drug type with this code.
func (d *Drugs) Type(code string) (DrugType, bool) {
	i := slices.IndexFunc(d.Types, func(t DrugType) bool { return t.Code == code })
	if i < 0 {
		return DrugType{}, false
	}
	return d.Types[i], true
}

// Unit returns the quantity unit with this code.
func (d *Drugs) Unit(code string) (QuantityUnit, bool) {
	i := slices.IndexFunc(d.Units, func(u QuantityUnit) bool { return u.Code == code })
	if i < 0 {
		return QuantityUnit{}, false
	}
	return d.Units[i], true
}

// DrugTypes parses the embedded drug-types.json. Each call returns a fresh
// copy that the caller may change.
func DrugTypes() (*Drugs, error) {
	b, err := read(DrugTypesFile)
	if err != nil {
		return nil, err
	}
	return ParseDrugTypes(b)
}

// ParseDrugTypes parses the content of a drug-types.json file. It fails when
// a drug has no code or names a unit the file does not define.
func ParseDrugTypes(b []byte) (*Drugs, error) {
	var d Drugs
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("refdata: parse %s: %w", DrugTypesFile, err)
	}
	for _, t := range d.Types {
		if t.Code == "" {
			return nil, fmt.Errorf("refdata: parse %s: a drug type has no code", DrugTypesFile)
		}
		for _, u := range t.Units() {
			if _, ok := d.Unit(u); !ok {
				return nil, fmt.Errorf("refdata: parse %s: %s: unknown unit %q", DrugTypesFile, t.Code, u)
			}
		}
	}
	return &d, nil
}

package forms

import "slices"

// Type is the type of a field's value. The codes are stable: the web layer
// picks an input by them.
type Type string

// The field types, each with the canonical value Normalize gives (as
// encoding/json decodes it).
const (
	TypeCode        Type = "code"         // a code of the field's enumeration: "VN", "HEROIN", "M"
	TypeQuantity    Type = "quantity"     // a number with its unit: {"value": 110, "unit": "kg"}; value > 0
	TypeInteger     Type = "integer"      // a whole number: 12
	TypeDate        Type = "date"         // a calendar date: "2026-03-01"
	TypePartialDate Type = "partial_date" // a date of which the day or month may be unknown: "1985", "1985-03", "1985-03-14"
	TypeDateTime    Type = "datetime"     // a moment, RFC 3339 in UTC: "2026-03-01T07:05:00Z"
	TypePlace       Type = "place"        // a police unit by its code, standing for its area: "VN-11"
	TypePerson      Type = "person"       // a person: {"name": "Nguyễn Văn A", "dob": "1985", "sex": "M", …} (see PersonFields)
	TypeText        Type = "text"         // free text with its language: {"text": "…", "lang": "vi"}
	TypeName        Type = "name"         // a name as written, in any script: "Nguyễn Văn A", "ທ້າວ ສົມພອນ"
	TypeLatinName   Type = "latin_name"   // a name in Latin letters without marks, in capitals: "NGUYEN VAN A"
	TypeReference   Type = "reference"    // a case, warrant or document number: "522H", "C1234567"
	TypePhone       Type = "phone"        // a phone number in E.164: "+84912345678", "+8562055551234"
	TypePlate       Type = "plate"        // a vehicle plate in capitals without separators: "29A12345"
	TypeGroup       Type = "group"        // an object of sub-fields, such as one seized drug
)

// When limits a date or a moment relative to the time a form is judged at
// (Options.Now).
type When string

const (
	AnyTime   When = ""       // no limit
	NotFuture When = "past"   // not after now: a date of birth, the time of a seizure
	NotPast   When = "future" // not before today: a deadline for a reply
)

// Field is one field of a form (or of a person or group).
//
// Min and Max bound a number (TypeInteger, TypeQuantity: Max 0 means no
// upper bound; a quantity must be above 0 whatever Min says) or the length
// in characters of a text, name or reference (Max; a default applies when
// 0). A field with List set holds a list of values of its Type, of
// MinItems to MaxItems items (MaxItems 0 means no upper bound).
type Field struct {
	Key      string   // stable, lower snake case; the key in the form's map
	Type     Type     // the type of the value (of each item when List)
	Required bool     // the field must have a value (a list: at least one item)
	Enum     string   // TypeCode: the name of the enumeration (see Enums)
	Units    []string // TypeQuantity: the codes of the units allowed
	Min, Max float64
	When     When // TypeDate, TypePartialDate, TypeDateTime
	List     bool
	MinItems int
	MaxItems int
	Fields   []Field // TypeGroup and TypePerson: the sub-fields
	Rules    []Rule  // TypeGroup: rules across the sub-fields
}

// Label returns the catalogue key of the field's label: "forms.field." and
// the key. Sub-fields of persons and groups use the same scheme, so a key
// means one thing wherever it appears.
func (f Field) Label() string { return "forms.field." + f.Key }

// RuleKind names a rule across fields.
type RuleKind string

const (
	// RuleOrder: the date or moment of Fields[0] is not after that of
	// Fields[1] (checked when both have a value).
	RuleOrder RuleKind = "order"
	// RuleAnyOf: at least one of Fields has a value.
	RuleAnyOf RuleKind = "any_of"
	// RuleRequires: when Fields[0] has a value, so does Fields[1].
	RuleRequires RuleKind = "requires"
)

// Rule is a rule across the fields of one form or group.
type Rule struct {
	Kind   RuleKind
	Fields []string
}

// Form is the schema of one kind of form. Type is its stable code, stored
// and sent with every form; Version is the schema version, raised when a
// change would make a stored form mean something else.
type Form struct {
	Type    string
	Version int
	Fields  []Field
	Rules   []Rule
}

// Title returns the catalogue key of the form's name: "forms.type." and
// its type.
func (f Form) Title() string { return "forms.type." + f.Type }

// Field returns the field with this key.
func (f Form) Field(key string) (Field, bool) {
	return fieldByKey(f.Fields, key)
}

func fieldByKey(fs []Field, key string) (Field, bool) {
	i := slices.IndexFunc(fs, func(x Field) bool { return x.Key == key })
	if i < 0 {
		return Field{}, false
	}
	return fs[i], true
}

// Forms returns every form, in the order a menu offers them. The caller
// may change the result.
func Forms() []Form {
	out := make([]Form, len(all))
	for i, f := range all {
		out[i] = clone(f)
	}
	return out
}

// Lookup returns the form of this type ("seizure", "rfi_person", …).
func Lookup(typ string) (Form, bool) {
	for _, f := range all {
		if f.Type == typ {
			return clone(f), true
		}
	}
	return Form{}, false
}

// Types lists the type codes of every form.
func Types() []string {
	out := make([]string, len(all))
	for i, f := range all {
		out[i] = f.Type
	}
	return out
}

// clone copies a form deeply, so that callers cannot change the schema.
func clone(f Form) Form {
	f.Fields = cloneFields(f.Fields)
	f.Rules = cloneRules(f.Rules)
	return f
}

func cloneFields(fs []Field) []Field {
	out := slices.Clone(fs)
	for i := range out {
		out[i].Units = slices.Clone(out[i].Units)
		out[i].Fields = cloneFields(out[i].Fields)
		out[i].Rules = cloneRules(out[i].Rules)
	}
	return out
}

func cloneRules(cs []Rule) []Rule {
	out := slices.Clone(cs)
	for i := range out {
		out[i].Fields = slices.Clone(out[i].Fields)
	}
	return out
}

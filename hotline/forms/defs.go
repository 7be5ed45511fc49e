package forms

// Default lengths in characters, used when a field sets no Max.
const (
	MaxTextLen      = 4000 // free text
	MaxNameLen      = 200  // a name as written, a romanised name
	MaxReferenceLen = 64   // a case, warrant or document number
)

// Units of quantities: pieces, and weights or volumes.
var (
	countUnits  = []string{"pills", "block", "plants", "units"}
	weightUnits = []string{"kg", "g", "t", "l", "ml"}
)

// PersonFields returns the sub-fields of a person: the name as written
// (in any script) or romanised, or both; an alias; a date of birth that may
// be partial; sex; nationality; an identity document. A document number
// needs its type.
func PersonFields() []Field { return cloneFields(personFields) }

var personFields = []Field{
	{Key: "name", Type: TypeName},
	{Key: "name_latin", Type: TypeLatinName},
	{Key: "alias", Type: TypeName},
	{Key: "dob", Type: TypePartialDate, When: NotFuture},
	{Key: "sex", Type: TypeCode, Enum: "sex"},
	{Key: "nationality", Type: TypeCode, Enum: "country"},
	{Key: "doc_type", Type: TypeCode, Enum: "doc_type"},
	{Key: "doc_number", Type: TypeReference, Max: 40},
}

var personRules = []Rule{
	{Kind: RuleAnyOf, Fields: []string{"name", "name_latin"}},
	{Kind: RuleRequires, Fields: []string{"doc_number", "doc_type"}},
}

func person(key string, required bool) Field {
	return Field{Key: key, Type: TypePerson, Required: required, Fields: personFields, Rules: personRules}
}

func persons(key string, max int) Field {
	f := person(key, false)
	f.List, f.MaxItems = true, max
	return f
}

// drugItems is a list of seized drugs: the drug, and its count (pills,
// blocks, plants), its weight or volume, or both, as tablets are reported.
func drugItems(key string, required bool, max int) Field {
	return Field{Key: key, Type: TypeGroup, Required: required, List: true, MinItems: 0, MaxItems: max,
		Fields: []Field{
			{Key: "drug", Type: TypeCode, Enum: "drug", Required: true},
			{Key: "count", Type: TypeQuantity, Units: countUnits},
			{Key: "weight", Type: TypeQuantity, Units: weightUnits},
		},
		Rules: []Rule{{Kind: RuleAnyOf, Fields: []string{"count", "weight"}}},
	}
}

func vehicles(key string, max int) Field {
	return Field{Key: key, Type: TypeGroup, List: true, MaxItems: max,
		Fields: []Field{
			{Key: "vehicle_type", Type: TypeCode, Enum: "vehicle_type", Required: true},
			{Key: "plate", Type: TypePlate},
			{Key: "plate_country", Type: TypeCode, Enum: "country"},
		},
		Rules: []Rule{{Kind: RuleRequires, Fields: []string{"plate", "plate_country"}}},
	}
}

func text(key string, required bool) Field {
	return Field{Key: key, Type: TypeText, Required: required}
}

func place(key string, required bool) Field {
	return Field{Key: key, Type: TypePlace, Required: required}
}

func code(key, enum string, required bool) Field {
	return Field{Key: key, Type: TypeCode, Enum: enum, Required: required}
}

func codes(key, enum string, required bool) Field {
	return Field{Key: key, Type: TypeCode, Enum: enum, Required: required, List: true}
}

func ref(key string) Field { return Field{Key: key, Type: TypeReference} }

func date(key string, required bool, w When) Field {
	return Field{Key: key, Type: TypeDate, Required: required, When: w}
}

func moment(key string, required bool, w When) Field {
	return Field{Key: key, Type: TypeDateTime, Required: required, When: w}
}

func order(a, b string) Rule { return Rule{Kind: RuleOrder, Fields: []string{a, b}} }

// all is every form, in menu order. A change that alters the meaning of a
// stored form raises its Version.
var all = []Form{
	{Type: "rfi_person", Version: 1, Fields: []Field{
		person("subject", true),
		text("last_address", false),
		codes("requested", "person_info", true),
		text("reason", true),
		ref("case_ref"),
		date("reply_by", false, NotPast),
	}},
	{Type: "rfi_vehicle", Version: 1, Fields: []Field{
		{Key: "plate", Type: TypePlate, Required: true},
		code("plate_country", "country", true),
		code("vehicle_type", "vehicle_type", true),
		{Key: "make_model", Type: TypeName, Max: 100},
		code("colour", "colour", false),
		place("seen_place", false),
		moment("seen_at", false, NotFuture),
		codes("requested", "vehicle_info", true),
		text("reason", true),
		ref("case_ref"),
		date("reply_by", false, NotPast),
	}},
	{Type: "rfi_phone", Version: 1, Fields: []Field{
		{Key: "phone", Type: TypePhone, Required: true},
		person("holder", false),
		date("period_from", false, NotFuture),
		date("period_to", false, NotFuture),
		codes("requested", "phone_info", true),
		text("reason", true),
		ref("case_ref"),
		date("reply_by", false, NotPast),
	}, Rules: []Rule{order("period_from", "period_to")}},
	{Type: "seizure", Version: 1, Fields: []Field{
		moment("seized_at", true, NotFuture),
		place("place", true),
		text("location", false),
		drugItems("items", true, 20),
		persons("arrested", 50),
		vehicles("vehicles", 20),
		ref("case_ref"),
		text("summary", true),
	}},
	{Type: "locate_fugitive", Version: 1, Fields: []Field{
		person("subject", true),
		code("action", "fugitive_action", true),
		code("offence", "offence", true),
		ref("warrant_ref"),
		date("warrant_date", false, NotFuture),
		place("issued_by", false),
		place("last_seen_place", false),
		moment("last_seen_at", false, NotFuture),
		{Key: "phone", Type: TypePhone},
		{Key: "plate", Type: TypePlate},
		code("armed", "yes_no_unknown", false),
		text("details", true),
	}},
	{Type: "controlled_delivery", Version: 1, Fields: []Field{
		{Key: "case_ref", Type: TypeReference, Required: true},
		code("drug", "drug", true),
		{Key: "count", Type: TypeQuantity, Units: countUnits},
		{Key: "weight", Type: TypeQuantity, Units: weightUnits},
		place("origin", true),
		place("destination", true),
		place("crossing", false),
		moment("planned_start", true, AnyTime),
		moment("planned_end", false, AnyTime),
		code("transport", "vehicle_type", false),
		{Key: "plate", Type: TypePlate},
		person("courier", false),
		place("lead_unit", true),
		{Key: "contact_name", Type: TypeName, Required: true},
		{Key: "contact_phone", Type: TypePhone, Required: true},
		text("details", true),
	}, Rules: []Rule{
		{Kind: RuleAnyOf, Fields: []string{"count", "weight"}},
		order("planned_start", "planned_end"),
	}},
	{Type: "joint_operation", Version: 1, Fields: []Field{
		{Key: "operation_name", Type: TypeName, Required: true, Max: 100},
		codes("objectives", "objective", true),
		{Key: "area", Type: TypePlace, Required: true, List: true, MaxItems: 20},
		date("start_date", true, AnyTime),
		date("end_date", false, AnyTime),
		place("lead_unit", true),
		{Key: "partner_units", Type: TypePlace, List: true, MaxItems: 20},
		{Key: "officers", Type: TypeInteger, Min: 1, Max: 10000},
		ref("case_ref"),
		text("details", true),
	}, Rules: []Rule{order("start_date", "end_date")}},
	{Type: "sitrep", Version: 1, Fields: []Field{
		date("period_from", true, NotFuture),
		date("period_to", true, NotFuture),
		place("area_unit", true),
		{Key: "cases", Type: TypeInteger, Max: 1000000},
		{Key: "arrests", Type: TypeInteger, Max: 1000000},
		drugItems("items", false, 30),
		code("trend", "trend", false),
		text("summary", true),
		text("next_steps", false),
	}, Rules: []Rule{order("period_from", "period_to")}},
}

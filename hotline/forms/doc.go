// Package forms defines the structured forms of the hotline: requests for
// information about a person, a vehicle or a phone number, seizure
// notifications, requests to locate or arrest a fugitive, controlled-delivery
// coordination, joint-operation proposals and situation reports.
//
// A form is language-neutral. Its values are codes, numbers, dates, unit
// codes and names; only its free-text fields are written in a language, and
// they say which. Every label and every value of an enumeration lives in the
// catalogue (i18n/messages/forms.json), so the Lao reader of a form sent in
// Vietnamese reads every field in Lao:
//
//	fields, err := forms.Check("seizure", raw, forms.Options{UnitExists: tree.Exists, Now: clock.Now()})
//	rows := forms.Render(printer, "seizure", fields)
//
// Both nodes check a form: the sender before it leaves, the receiver when
// it arrives. Normalize first brings the values to one canonical form
// (trimmed, NFC, phone numbers in E.164, plates in capitals without
// separators), so that the two nodes store the same thing; Validate then
// checks it against the form's schema and returns every bad field at once
// (see FieldErrors). Check does both.
//
// A form's values are what encoding/json gives for its JSON object: strings,
// float64 numbers, maps for persons, quantities and groups, slices for
// lists. The value of each field Type is documented with the Type.
//
// The package keeps no state and does no I/O; the enumerations of drug
// types come from package refdata.
package forms

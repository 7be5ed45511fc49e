// Package i18n renders BorderLink's interface in Vietnamese, Lao and English.
//
// Every text a user sees lives in a catalogue: the JSON files embedded from
// messages/, one per product area (core.json, errors.json, auth.json, …).
// Each file maps a key to its three texts:
//
//	{"units.title": {"vi": "Đơn vị", "lo": "ໜ່ວຍງານ", "en": "Units"}}
//
// Keys are "area.name" in lower snake case. A text may hold placeholders
// {name}, filled from the alternating name, value arguments of Printer.T.
// A test fails when a key lacks a text in any language or when the
// placeholders differ between languages, so an incomplete catalogue never
// reaches a user. An area adds its keys in a file of its own; two files
// defining one key make Load fail.
//
// A Printer renders texts, numbers, dates and errors for one language. It is
// immutable and safe for concurrent use; handlers take the one for the
// request's language and templates call its methods (.P.T "units.title").
package i18n

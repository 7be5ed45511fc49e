// Package importer reads a spreadsheet of drug-enforcement figures — as a
// rule last year's provincial report, saved as XLSX or CSV — and turns each
// of its rows into a stats.Fact, with a row-by-row report of what is wrong.
//
// It only reads and checks. It stores nothing and decides nothing about
// permissions: the caller commits the facts all or nothing, and shows the
// report to the clerk, who fixes the rows named and uploads the file again.
//
// # What a file may look like
//
// The format is told by content, not by the file name: a ZIP archive is
// XLSX, anything else is CSV (UTF-8 with or without a byte-order mark,
// UTF-16 with one, or the Windows-1252 bytes of an old export), separated by
// commas, semicolons or tabs. Cells typed with the old Vietnamese font
// encodings (TCVN3, VNI) are converted to Unicode (see vnlegacy).
//
// The header is found among the first rows, so that a title above it does
// no harm, and its columns are named in Vietnamese, Lao or English, in any
// letter case and with or without diacritics (see DetectMapping). Columns
// the importer does not know are ignored.
//
// A row gives a day (2024-03-15, 15/03/2024, an Excel date, or a month —
// 03/2024, 2024-03, "Tháng 3/2024" — which stands for its last day, because
// most provincial statistics are monthly), a place (a unit code such as
// VN-40 or LA-PH, or a place name in any of the three languages), an
// agency, a drug and figures: cases, arrests, a quantity with its unit, a
// number of pills or pieces and a weight in kilograms.
//
// # Idempotency
//
// Every fact has an ID derived from its origin node, day, place, agency,
// drug and the row's reference (see factID), not from its line. A
// spreadsheet imported again, after the clerk fixed its bad rows or added
// rows, replaces the facts it wrote before instead of counting them twice.
// Two rows about the same day, place, agency and drug therefore need
// different references; when they have none, the later row is reported as a
// duplicate.
package importer

// Package units is the directory of police units on both sides of the
// border: countries, the police hierarchy of each country as effective-dated
// levels, units with their parents and successors, and the counterpart pairs
// across the border that become hotline channels.
//
// Places change: Vietnam ended its district police on 2025-03-01 and merged
// provinces and communes on 2025-07-01. Units and levels therefore carry a
// validity range, and a unit that was merged into another names it as a
// successor, so that a question about any date has an answer and history is
// never rewritten. Unit codes are stable identifiers (see docs/units.md).
//
// The Service keeps an immutable in-memory Tree of every unit (a few
// thousand at most), rebuilt and swapped after each write. Seed loads the
// reference data embedded in package refdata (and, for demonstrations,
// generated districts, communes and villages); ImportCSV loads unit lists
// prepared by the ministries.
package units

// Package borderlink holds the vocabulary every other package shares: error
// codes that cross the wire, languages, node identifiers and the clock.
//
// It has no I/O and imports nothing from the project, so every package may
// depend on it without creating a cycle.
package borderlink

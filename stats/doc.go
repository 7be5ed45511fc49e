// Package stats keeps the drug-enforcement figures of a node — cases
// detected, persons arrested and quantities seized, by day, place, agency
// and drug type — and answers the dashboards and the conference report from
// them.
//
// Every figure is a Fact. Facts come from the node's own records (a
// seizure, an arrest), from imported spreadsheets of past years, and from
// the statistics a partner node released. The store keeps, beside the
// facts, roll-ups by day and by month that it updates in the same
// transaction as each fact, so that a dashboard sums a few thousand roll-up
// rows however many facts there are, and never rescans them.
//
// Places are unit codes. Vietnam's 2025 reform merged provinces, so every
// fact carries two province keys: the province that covers its place today
// and the one that covered it before the reform. A question about a new
// province counts the old provinces it absorbed, and a question about an old
// province counts, after the reform, the communes that came from it; totals
// agree both ways (see Resolver).
//
// Quantities are kept as exact integers in the smallest unit of their
// dimension — milligrams, pieces, millilitres, square metres — so that sums
// over millions of facts carry no rounding error.
package stats

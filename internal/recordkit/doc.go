// Package recordkit holds what the record-keeping domains of a node (the
// case file, package cases, and the wanted register, package wanted) do
// the same way: checking the fields of a record and naming what is wrong
// with each domain's own catalogue keys, building and writing audit
// entries, running a change in a transaction that notes what it published,
// and keeping times as storage keeps them.
//
// It lives apart from both so that a rule fixed once holds for both: a
// wanted notice describes a person the way the case file does, and a
// partner node must find the same checks on either kind of record.
package recordkit

// Package checkpoint is the screening service of a node: the answer an
// officer at a border gate or a village post gets when they check a name.
//
// It keeps one in-memory screening.Index over two kinds of subjects:
//
//   - wanted notices, the node's own and those the partner released to it,
//     handed in by the node as they change (PutWanted, RemoveWanted) and
//     read in full at start-up (Options.Wanted). Only notices that still
//     call for action — active or located — are screened;
//   - watch lists loaded from CSV files (LoadList) with the columns
//     id,name,alt_names,dob,document,nationality. A list is kept in the
//     store, survives restarts and answers with its own ids. Loading a list
//     again replaces it as a whole.
//
// Every screening is audited in the transaction that answers it: who
// screened which name, and the outcome (hit, leads or nothing, and the
// first candidate). Screening is a read of sensitive data, so an answer
// that could not be audited is not given.
//
// The package has no dependency on the web layer or a database engine; its
// storage is the Repo of the node's store.
package checkpoint

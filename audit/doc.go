// Package audit is the node's tamper-evident audit log.
//
// Every write, and every read of sensitive data, appends an Entry in the same
// transaction as the action it records (Log.Record). Entries are the leaves
// of a Merkle tree in the form of golang.org/x/mod/sumdb/tlog; after each
// append the node signs a checkpoint (origin "borderlink/audit/<node id>",
// size, root hash) with its Ed25519 key, in the C2SP tlog-checkpoint form.
//
// Verify reads the whole log back and reports any entry altered, removed or
// reordered behind the application's back, any checkpoint that does not
// match the entries or is not signed by the node, and a head that disagrees
// with the entries. A node that rewrites its whole log and signs new
// checkpoints is caught only from outside: peers keep the checkpoints they
// have seen and check that each new one extends the old (ProveConsistency,
// CheckConsistency).
//
// The package stores nothing itself: it works through Repo, which the store
// implements once for every engine.
package audit

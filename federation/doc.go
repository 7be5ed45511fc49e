// Package federation is how nodes know and trust each other: the peers a
// node is configured to talk to (id, URL, Ed25519 public key, pinned TLS
// certificate). Nothing is accepted from a node that is not a peer.
//
// The wire (mutual TLS 1.3) is in federation/transport; signed envelopes,
// the outbox and the inbox build on these types.
package federation

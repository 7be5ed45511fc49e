// Package hotline is the cross-border hotline: channels between counterpart
// units of the two countries (and between a unit and its parent at home),
// threads of messages with a priority and an acknowledgement deadline,
// delivery states that flow back to the sender as receipts, escalation
// alerts to the parent units when a deadline passes, handling codes that
// limit who may read a message on either node, search that ignores
// Vietnamese diacritics and Lao spelling variants, and live events.
//
// Ownership. A message is owned by the node that created it (its Origin);
// it travels to the node that serves the recipient unit as a signed
// envelope of kind "hotline.message", and that node stores a read-only
// replica. What happens to the message there (delivered, read,
// acknowledged) is recorded as receipts owned by the receiving node and sent
// back as envelopes of kind "hotline.receipt". Each node raises escalation
// alerts for its own side of a channel on its own copy; alerts never
// travel.
//
// Delivery states. queued is set when the message is committed; sent when
// the envelope left this node (federation calls Service.Sent after the peer
// acknowledged it, and any later receipt implies it too); delivered, read
// and acknowledged when the receipts arrive. A receipt fills every earlier
// state that is still unknown with its own time, so states never go
// backwards and a lost hook never leaves a hole.
//
// Every read and every write of a message is recorded in the audit log in
// the transaction that does it.
package hotline

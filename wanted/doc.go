// Package wanted is the node's register of wanted notices: persons sought
// on a warrant, published to the partner country's police, with the
// sightings either side reports and the hand-over of an arrested person
// across the border.
//
// Ownership. A notice is owned by the node that issued it (its Origin) and
// only that node changes it; the partner keeps a read-only copy, replaced
// whenever a newer version (by Updated) arrives. A sighting is owned by the
// node that reported it, and a hand-over step by the node that wrote it:
// nothing is ever edited on the other side, and nothing is merged.
//
// Release. A notice leaves the node only when a user releases it
// (Service.Release, or NewNotice.Release on creation); it goes to the
// nodes serving its PartnerUnits. Release hands it, with the bytes of its
// photos, to Options.Publish inside the transaction that marks it
// released; a released notice that changes (an edit, its status, a photo)
// is published again in the transaction of the change. Sightings and
// hand-over steps of a released notice travel on their own: a partner's
// to the notice's origin, the origin's own to the partner nodes the
// notice was released to, so both sides see every one. The receiving node
// stores each with Service.ApplyRelease after checking it as if it had
// been written there, and audits the storing.
//
// Who sees what. Wanted notices are meant to be seen widely, by every
// checkpoint officer: a user holding wanted.read through a grant on any
// unit of a country reads every notice issued by a unit of that country,
// and every holder of wanted.read reads the partner's notices released to
// this node. Reading is audited, and so is a refusal; a notice a user may
// not read is answered as if it did not exist (ENotFound).
//
// Who writes what. wanted.write over the issuing unit (a grant on it or on
// an ancestor) issues and edits the node's own notices, changes their
// status, releases them and writes hand-over steps about them; on the
// partner's notices, wanted.write over one of the notice's partner units
// of this country (a grant on it, on an ancestor, or on a unit below it:
// a notice released to the ministry is answered by its provinces too)
// writes hand-over steps. Any reader of a notice that is
// active, located or arrested may report a sighting for a unit of this
// country over which they hold wanted.read.
//
// Hand-over. A hand-over is a sequence of steps (see HandoverKind): a
// request by one side, answered (agree or refuse) by the other, scheduled
// with a date, a border gate and the receiving unit, completed, or
// cancelled by either side before completion. Its state is derived from
// the steps (see DeriveHandover); a writer may only add a step that fits
// it. When the hand-over is complete, the origin may set the notice to
// handed_over.
//
// Every read and every write is recorded in the audit log in the
// transaction that does it, on both nodes.
package wanted

// Package cases is the joint-case file ("chuyên án", such as 522H): a case
// led by one unit with partner units on both sides of the border, the
// persons it is about (subjects), its timeline of events, and the seizures
// and arrests made in it (or outside any case).
//
// Ownership. Every record has one owner node, its Origin, and only that
// node changes it; elsewhere it is a read-only copy. Contributions to a
// partner's case — an event, a seizure, an arrest, a subject added by the
// Lao side to a case the Vietnamese side leads — are separate records owned
// by the node that wrote them. Nothing is ever merged, so there is nothing
// to reconcile.
//
// Handling. A case is releasable (its records may be released to the
// partner units of the case), restricted (the domestic units of the case
// only, never released) or confidential (the lead unit only, never
// released). A record leaves the node only when a user releases it
// (Service.Release); releasing a subject or an arrest releases the person
// it names too, and a person is never released on its own. Release hands the
// record to Options.Publish inside the transaction that marks it released,
// where federation turns it into an envelope; the receiving node stores it
// with Service.ApplyRelease, read-only, after checking it as if it had been
// written there. A released record that changes is published again and the
// newer version (by Updated) replaces the older one on the partner.
//
// Who sees what. A user reads a case when their cases.read grants cover its
// lead unit or one of its partner units (restricted: a domestic unit;
// confidential: the lead unit), and adds to it when their cases.write
// grants cover the lead unit or a partner unit of their own country. A
// person is visible when attached to a visible case, or when the user reads
// cases in the person's owner unit. Anything else is answered as if it did
// not exist (ENotFound), and the refusal is audited.
//
// Statistics. The node's own seizures and arrests are facts of package
// stats, written in the transaction that writes the record: one fact per
// drug item of a seizure ("rec:seizure:<id>:<i>", the first counting the
// seizure as one case detected) and one per arrest ("rec:arrest:<id>").
// Partners' records are not counted here: their figures arrive as released
// statistics.
//
// Every read and every write of a case, a person, a seizure or an arrest is
// recorded in the audit log in the transaction that does it.
package cases

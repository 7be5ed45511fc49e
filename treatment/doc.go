// Package treatment keeps the node's records of drug users under
// treatment: the person, the drug tests, the addiction determination, the
// management record, the rehabilitation episodes (at home or in the
// community, voluntary or compulsory at a centre), the post-rehabilitation
// management periods, relapses and the support given for reintegration.
//
// Domestic only. These records never leave their node: the package has no
// release, imports no federation code, and federation refuses every
// envelope kind starting with "treatment." (federation.IsDomestic), on the
// way out and on the way in.
//
// Sealed at rest. Everything that says who the person is or what happened
// to them is stored sealed (package internal/sealed) under a key kept in a
// file outside the database, each field group in its own value bound to
// the record and the group (sealed.Context("treatment", id, group)), so a
// copy of the database, a replica or a backup reveals none of it. Only what
// selecting and counting need stays in clear: the id, the owning unit and
// its scope path, the status, the kind of a rehabilitation in progress and
// the day of the last relapse. Reseal moves every value to the ring's
// current key after a rotation; KeyUsage counts the values under each key,
// for sealed.KeyRing.Retire.
//
// Who reads and writes. Only holders of treatment.read (to read) and
// treatment.write (to write), that is treatment officers, through a grant
// on the owning unit or an ancestor of it. Nobody else, commanders and
// administrators included, and not the node's system principal either: a
// user lacking the permission is refused with EForbidden, a record outside
// their units is answered as if it did not exist (ENotFound). Every read,
// every write and every refusal leaves an audit entry naming the record
// and the field groups touched, never their contents.
//
// Figures. Counts gives, for a unit and the units below it, how many
// persons are in each state: numbers only. Treatment officers over the
// unit and holders of stats.read over it may read them.
package treatment

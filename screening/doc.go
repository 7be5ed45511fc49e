// Package screening answers hit/no-hit questions at a checkpoint: does this
// person appear on a wanted list? Names arrive in Vietnamese with or without
// diacritics, in Lao script, and in any of several romanisations of Lao, and
// the same person is written differently on each side of the border. The
// package therefore reduces every name token, whatever its script, to a
// phonetic key in one shared space, indexes entries by those keys and scores
// a bounded candidate set with typo tolerance, token-order independence,
// partial dates of birth and document numbers.
//
// The package owns its normalisation (it does not share i18n/textfold) so
// that keys stored in an index never change underfoot when search folding is
// tuned for another purpose. It has no dependency on the web layer or on any
// database: an Index lives in memory and is rebuilt from the wanted lists.
package screening

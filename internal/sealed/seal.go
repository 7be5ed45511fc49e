package sealed

import (
	"crypto/sha256"
	"strings"

	"github.com/borderlink/borderlink"
)

// Layout of a sealed value; see the package documentation. These numbers are
// the stored format: never change them, add a version instead.
const (
	version1       = 1
	tagAt          = 1 + idSize // context tag after version and key id
	headerSize     = tagAt + contextTagSize
	nonceSize      = 12
	gcmTagSize     = 16
	contextTagSize = 4

	// Overhead is how many bytes longer a sealed value is than its plaintext.
	Overhead = headerSize + nonceSize + gcmTagSize
)

// Context returns the associated data that binds a sealed value to one field
// of one record: "kind:recordID:field", such as
// "treatment:0198c3e1-…:name". kind and field are constants of the calling
// code and must not contain ':' (Context panics if they do), which keeps the
// encoding unambiguous whatever the record id holds.
func Context(kind, recordID, field string) []byte {
	if kind == "" || field == "" || strings.Contains(kind, ":") || strings.Contains(field, ":") {
		panic("sealed: Context: kind and field must be non-empty and hold no ':'")
	}
	b := make([]byte, 0, len(kind)+len(recordID)+len(field)+2)
	b = append(b, kind...)
	b = append(b, ':')
	b = append(b, recordID...)
	b = append(b, ':')
	return append(b, field...)
}

// Seal encrypts plaintext with the ring's current key and binds it to
// associatedData, which Open must be given again (see Context). Empty
// associated data is refused (ErrNoContext): a value bound to nothing could
// be copied into any row.
func Seal(r *KeyRing, plaintext, associatedData []byte) ([]byte, error) {
	if len(associatedData) == 0 {
		return nil, fail(borderlink.EInternal, ErrNoContext, "seal: no associated data to bind the value to its record and field")
	}
	k, err := r.lookup(keyID{}, true)
	if err != nil {
		return nil, err
	}
	out := make([]byte, headerSize, Overhead+len(plaintext))
	out[0] = version1
	copy(out[1:tagAt], k.id[:])
	contextTag(out[tagAt:headerSize], associatedData)
	return k.aead.Seal(out, nil, plaintext, authenticated(out[:headerSize], associatedData)), nil
}

// Open decrypts a value made by Seal, given the same associated data. It
// fails, each time with EInternal, with
//
//   - ErrMalformed when sealed is too short or of an unknown version;
//   - ErrUnknownKey when the ring does not hold the key it was sealed with,
//     which is what a wrong key file or a retired key looks like;
//   - ErrWrongContext when it was sealed for another record or field;
//   - ErrTampered when its bytes were altered.
//
// The plaintext is a new slice the caller may zero after use.
func Open(r *KeyRing, sealed, associatedData []byte) ([]byte, error) {
	id, err := header(sealed)
	if err != nil {
		return nil, err
	}
	k, err := r.lookup(id, false)
	if err != nil {
		return nil, err
	}
	var want [contextTagSize]byte
	contextTag(want[:], associatedData)
	if string(want[:]) != string(sealed[tagAt:headerSize]) {
		return nil, fail(borderlink.EInternal, ErrWrongContext,
			"open: the value was sealed for another record or field (copied from another row?)")
	}
	pt, err := k.aead.Open(nil, nil, sealed[headerSize:], authenticated(sealed[:headerSize], associatedData))
	if err != nil {
		return nil, fail(borderlink.EInternal, ErrTampered, "open: the value with key %s was altered or damaged", id)
	}
	return pt, nil
}

// KeyID returns the id of the key sealed was sealed with, without opening
// it: rows whose id differs from the ring's CurrentID need Reseal.
func KeyID(sealed []byte) (string, error) {
	id, err := header(sealed)
	if err != nil {
		return "", err
	}
	return id.String(), nil
}

// Reseal opens sealed and seals it again with the current key, for the
// migration after a rotation. A value already under the current key is
// returned as it is, so that a migration run twice rewrites nothing.
func Reseal(r *KeyRing, sealed, associatedData []byte) ([]byte, error) {
	id, err := header(sealed)
	if err != nil {
		return nil, err
	}
	if id.String() == r.CurrentID() {
		if _, err := Open(r, sealed, associatedData); err != nil {
			return nil, err
		}
		return sealed, nil
	}
	pt, err := Open(r, sealed, associatedData)
	if err != nil {
		return nil, err
	}
	defer clear(pt)
	return Seal(r, pt, associatedData)
}

// header checks the length and version of sealed and returns its key id.
func header(sealed []byte) (keyID, error) {
	var id keyID
	if len(sealed) < Overhead {
		return id, fail(borderlink.EInternal, ErrMalformed, "open: %d bytes is too short for a sealed value (at least %d)", len(sealed), Overhead)
	}
	if sealed[0] != version1 {
		return id, fail(borderlink.EInternal, ErrMalformed, "open: sealed value version %d is not supported", sealed[0])
	}
	copy(id[:], sealed[1:tagAt])
	return id, nil
}

// contextTag writes the first bytes of SHA-256(associatedData) to dst.
func contextTag(dst, associatedData []byte) {
	sum := sha256.Sum256(associatedData)
	copy(dst, sum[:])
}

// authenticated is what the GCM tag covers besides the ciphertext: the
// header, so that no header byte can be changed unnoticed, and the
// associated data.
func authenticated(header, associatedData []byte) []byte {
	b := make([]byte, 0, len(header)+len(associatedData))
	return append(append(b, header...), associatedData...)
}

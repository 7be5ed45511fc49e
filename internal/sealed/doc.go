// Package sealed encrypts sensitive fields at rest with keys kept outside the
// database.
//
// Drug users' treatment records (names, test results, rehabilitation
// episodes) must stay unreadable to anyone who holds only a copy of the
// database: a stolen backup, a replica, a database administrator. Their
// fields are therefore stored sealed, encrypted with AES-256-GCM under a key
// that lives in a file of its own in the node's data directory (KeyFileName,
// "treatment.keys"), never in the database. The file is backed up apart from
// the database; losing it makes the sealed fields unreadable, by design.
//
// # Key ring and rotation
//
// A KeyRing holds one or more 256-bit keys. One is current and seals new
// values; the others only open values sealed before a rotation. Rotate adds a
// new current key and keeps the old ones. Reseal moves a value to the current
// key, which is how rows are migrated after a rotation; Retire then removes
// an old key, and refuses while the caller still counts values sealed with
// it. A running node keeps the ring it loaded: after another process rotates
// or retires a key, the node must Reload (or restart) before rows are
// migrated, or it goes on sealing with the old key.
//
// A key's id is derived from the key itself (the first 4 bytes of
// HMAC-SHA-256(key, "borderlink/sealed/key-id"), in hexadecimal). Two rings
// therefore never share an id by accident, so a value opened with the wrong
// key file fails with ErrUnknownKey naming the key it needs, and a key
// mistyped when restoring a paper backup is caught when the file is loaded.
//
// Values are not wrapped in per-record data keys (envelope encryption). The
// fields are small, so resealing a value costs no more than rewrapping a data
// key would, and after a key is exposed the data must be re-encrypted anyway:
// the exposed key would open every data key it wrapped. A second layer would
// add 60 bytes to every value and a second way to fail, and save nothing.
//
// # Key file format
//
// The key file is UTF-8 text, one directive a line; blank lines and lines
// starting with "#" are ignored. The first directive names the format and its
// version; then come exactly one "current" line and one "key" line per key:
//
//	# BorderLink treatment record keys. SECRET: keep mode 0600 and back it up apart from the database.
//	borderlink-sealed-keys 1
//	current 9c1f02ab
//	key 5d3e7a10 2025-03-01T08:00:00Z 4f1c…(64 hexadecimal digits)
//	key 9c1f02ab 2026-03-01T08:00:00Z 0be2…(64 hexadecimal digits)
//
// A key line holds the key id (8 hexadecimal digits), its creation time
// (RFC 3339, UTC) and the 32 key bytes in hexadecimal, which an operator can
// copy onto paper and type back. LoadKeyRing refuses a file that group or
// others may read or write (on systems with Unix permissions), a file with an
// unknown directive or version, a key whose id does not match its bytes, a
// repeated id, and a current id that names no key. Errors name the line and
// the key id, never the key.
//
// # Sealed value format
//
// A sealed value is binary, 37 bytes longer than its plaintext:
//
//	offset  size  content
//	0       1     format version, 1
//	1       4     key id
//	5       4     context tag: the first 4 bytes of SHA-256(associated data)
//	9       12    random nonce
//	21      n     AES-256-GCM ciphertext of the plaintext
//	21+n    16    GCM authentication tag
//
// The associated data (see Context) binds a value to its record and field:
// the GCM tag covers the first 9 bytes and the associated data, so a value
// copied to another row or field does not open. The context tag only lets
// Open tell "wrong record or field" (ErrWrongContext) apart from "altered"
// (ErrTampered); it is not secret, since the record id and field name it
// hashes are stored beside the value anyway.
//
// Nonces are random, so one key must not seal more than 2^32 values; a node
// rotates long before that.
//
// # What is kept secret
//
// Key bytes are held in the ring, zeroed when a key is retired, reloaded away
// or the ring is closed, and zeroed in the buffers used to read and write the
// key file. The AES key schedule inside crypto/aes cannot be reached and
// stays in memory until it is collected. No type of this package prints key
// bytes, whatever the fmt verb, and no error carries key bytes or plaintext:
// JSON errors report the Go type and field, never the value.
package sealed

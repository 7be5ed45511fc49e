package sealed

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
)

const (
	keySize = 32 // AES-256
	idSize  = 4
)

// keyIDLabel is the HMAC message whose MAC under a key is that key's id. It
// is part of the file and value formats: changing it orphans every key.
const keyIDLabel = "borderlink/sealed/key-id"

type keyID [idSize]byte

func (id keyID) String() string { return hex.EncodeToString(id[:]) }

// parseKeyID reads the 8 hexadecimal digits of a key id.
func parseKeyID(s []byte) (keyID, bool) {
	var id keyID
	if len(s) != 2*idSize {
		return id, false
	}
	if _, err := hex.Decode(id[:], s); err != nil {
		return id, false
	}
	return id, true
}

// key is one key of a ring. Only secret is secret; it is zeroed when the key
// leaves the ring. aead was built from secret once, so that sealing does not
// expand the AES key schedule again for every field.
type key struct {
	id      keyID
	created time.Time
	secret  [keySize]byte
	aead    cipher.AEAD
}

// newKey builds a key from secret, which it copies. The caller zeroes its
// own copy.
func newKey(secret *[keySize]byte, created time.Time) (*key, error) {
	block, err := aes.NewCipher(secret[:])
	if err != nil {
		return nil, fmt.Errorf("sealed: aes: %w", err)
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, fmt.Errorf("sealed: gcm: %w", err)
	}
	k := &key{id: deriveKeyID(secret), created: created, secret: *secret, aead: aead}
	return k, nil
}

// deriveKeyID returns the id of a key: its MAC over keyIDLabel, truncated.
// Deriving the id from the key, instead of numbering keys, keeps ids of
// different rings apart and lets a loaded file prove each key matches its id.
func deriveKeyID(secret *[keySize]byte) keyID {
	m := hmac.New(sha256.New, secret[:])
	m.Write([]byte(keyIDLabel))
	var sum [sha256.Size]byte
	m.Sum(sum[:0])
	var id keyID
	copy(id[:], sum[:])
	return id
}

// generateKey returns a new random key whose id differs from every id in
// taken.
func generateKey(created time.Time, taken map[keyID]*key) (*key, error) {
	var secret [keySize]byte
	defer clear(secret[:])
	for range 8 {
		if _, err := rand.Read(secret[:]); err != nil {
			return nil, fail(borderlink.EInternal, err, "random source failed while making a key")
		}
		k, err := newKey(&secret, created)
		if err != nil {
			return nil, err
		}
		if _, dup := taken[k.id]; !dup {
			return k, nil
		}
		k.zero()
	}
	return nil, fail(borderlink.EInternal, nil, "could not make a key with an unused id")
}

// zero overwrites the key bytes. The AES schedule inside aead is out of
// reach; it is dropped with the key.
func (k *key) zero() { clear(k.secret[:]) }

// Format prints the key's id and creation time, whatever the verb, so that
// no fmt call can print the key bytes.
func (k *key) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, "sealed.key{%s %s}", k.id, k.created.Format(time.RFC3339))
}

// KeyInfo describes a key of a ring without its bytes.
type KeyInfo struct {
	ID      string // 8 hexadecimal digits, as in the key file and KeyID
	Created time.Time
	Current bool
}

func (k *key) info(current keyID) KeyInfo {
	return KeyInfo{ID: k.id.String(), Created: k.created, Current: k.id == current}
}

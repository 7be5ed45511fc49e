package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Session and API token secrets are 32 random bytes in unpadded base64url
// (43 characters). Only their SHA-256 is stored: a copy of the database does
// not let anyone sign in.

const secretLen = 43 // base64url of 32 bytes

// APITokenPrefix starts every API token, so that a leaked token is easy to
// recognise (and to search for in code and logs).
const APITokenPrefix = "blt_"

// newSecret returns a fresh random secret.
func newSecret() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("auth: random source failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// hashSecret returns the SHA-256 of s in hex, the form stored.
func hashSecret(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// wellFormed reports whether s could be a secret made by newSecret, so that
// garbage is refused before any database access.
func wellFormed(s string) bool {
	if len(s) != secretLen {
		return false
	}
	_, err := base64.RawURLEncoding.Strict().DecodeString(s)
	return err == nil
}

// formatAPIToken returns the plaintext form of an API token:
// "blt_" + id + "_" + secret.
func formatAPIToken(id, secret string) string { return APITokenPrefix + id + "_" + secret }

// parseAPIToken splits a plaintext API token into its id and secret. The id
// (a UUID) holds no underscore; the secret may.
func parseAPIToken(s string) (id, secret string, ok bool) {
	rest, ok := strings.CutPrefix(s, APITokenPrefix)
	if !ok {
		return "", "", false
	}
	id, secret, ok = strings.Cut(rest, "_")
	if !ok || len(id) != 36 || !wellFormed(secret) {
		return "", "", false
	}
	return id, secret, true
}

package audit

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/borderlink/borderlink"
)

// Origin returns the origin line of node's checkpoints, which is also the
// name of the key that signs them: "borderlink/audit/<node id>".
func Origin(node borderlink.NodeID) string { return "borderlink/audit/" + string(node) }

// SignedCheckpoint is a checkpoint whose signature has been verified: the
// log of Origin held Size entries with tree hash Root. Note is the signed
// note text as stored and as sent to peers.
type SignedCheckpoint struct {
	Origin string
	Size   int64
	Root   tlog.Hash
	Note   []byte
}

// formatCheckpoint returns the checkpoint body in the C2SP tlog-checkpoint
// form: origin, decimal size and base64 root hash, one per line.
func formatCheckpoint(origin string, size int64, root tlog.Hash) []byte {
	return fmt.Appendf(nil, "%s\n%d\n%s\n", origin, size, base64.StdEncoding.EncodeToString(root[:]))
}

// parseCheckpoint parses a checkpoint body made by formatCheckpoint.
// Extension lines after the root, allowed by the checkpoint form, are
// ignored.
func parseCheckpoint(text string) (origin string, size int64, root tlog.Hash, err error) {
	lines := bytes.SplitN([]byte(text), []byte("\n"), 4)
	if len(lines) < 4 {
		return "", 0, root, errors.New("audit: checkpoint has fewer than three lines")
	}
	origin = string(lines[0])
	size, err = strconv.ParseInt(string(lines[1]), 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != string(lines[1]) {
		return "", 0, root, fmt.Errorf("audit: checkpoint size %q is not a decimal number", lines[1])
	}
	h, err := base64.StdEncoding.DecodeString(string(lines[2]))
	if err != nil || len(h) != tlog.HashSize {
		return "", 0, root, fmt.Errorf("audit: checkpoint root %q is not a base64 hash", lines[2])
	}
	copy(root[:], h)
	return origin, size, root, nil
}

// signer signs notes with a raw Ed25519 key, under the key name and key
// hash that note.NewEd25519VerifierKey gives its public half.
type signer struct {
	name string
	hash uint32
	key  ed25519.PrivateKey
}

func (s *signer) Name() string                    { return s.name }
func (s *signer) KeyHash() uint32                 { return s.hash }
func (s *signer) Sign(msg []byte) ([]byte, error) { return ed25519.Sign(s.key, msg), nil }

// newVerifier returns the note verifier for node's checkpoints signed by pub.
func newVerifier(node borderlink.NodeID, pub ed25519.PublicKey) (note.Verifier, error) {
	if len(pub) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("audit: public key is %d bytes, want %d", len(pub), ed25519.PublicKeySize)
	}
	vkey, err := note.NewEd25519VerifierKey(Origin(node), pub)
	if err != nil {
		return nil, fmt.Errorf("audit: verifier key: %w", err)
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return nil, fmt.Errorf("audit: verifier: %w", err)
	}
	return v, nil
}

// VerifierKey returns the note verifier key ("<name>+<hash>+<key>") under
// which peers check node's checkpoints.
func VerifierKey(node borderlink.NodeID, pub ed25519.PublicKey) (string, error) {
	return note.NewEd25519VerifierKey(Origin(node), pub)
}

// OpenCheckpoint verifies that msg is a checkpoint of node's audit log
// signed with pub, and parses it. It returns an EInvalid error (key
// error.audit_checkpoint) when the signature does not verify, the note is
// not node's, or the text is not a checkpoint.
func OpenCheckpoint(msg []byte, pub ed25519.PublicKey, node borderlink.NodeID) (SignedCheckpoint, error) {
	v, err := newVerifier(node, pub)
	if err != nil {
		return SignedCheckpoint{}, err
	}
	return openCheckpoint(msg, v, Origin(node))
}

func openCheckpoint(msg []byte, v note.Verifier, origin string) (SignedCheckpoint, error) {
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return SignedCheckpoint{}, badCheckpoint(origin, err)
	}
	o, size, root, err := parseCheckpoint(n.Text)
	if err != nil {
		return SignedCheckpoint{}, badCheckpoint(origin, err)
	}
	if o != origin {
		return SignedCheckpoint{}, badCheckpoint(origin, fmt.Errorf("origin is %q", o))
	}
	return SignedCheckpoint{Origin: o, Size: size, Root: root, Note: msg}, nil
}

func badCheckpoint(origin string, err error) error {
	return &borderlink.Error{Code: borderlink.EInvalid, Key: "error.audit_checkpoint",
		Message: "not a valid signed checkpoint of " + origin, Args: []any{"origin", origin}, Err: err}
}

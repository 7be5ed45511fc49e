package federation

import (
	"crypto/ed25519"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
)

// Envelope is the only form in which a record leaves its node: addressed to
// one destination node, numbered in its stream, signed by its origin. A
// relay forwards it unchanged; the final receiver checks the origin's
// signature, so provenance survives any number of hops.
type Envelope struct {
	ID          string            `json:"id"`          // unique, time-ordered (borderlink.NewID)
	Origin      borderlink.NodeID `json:"origin"`      // the node that created and signed it
	Destination borderlink.NodeID `json:"destination"` // the node that applies it
	// Stream names an ordered sequence from Origin to Destination; Seq
	// numbers the envelopes of a stream from 1 without gaps. The receiver
	// applies a stream strictly in order, each Seq exactly once.
	Stream  string          `json:"stream"`
	Seq     int64           `json:"seq"`
	Kind    string          `json:"kind"`   // a registered Kind, e.g. "hotline.message"
	Schema  int             `json:"schema"` // version of the payload's shape for Kind
	Created time.Time       `json:"created"`
	Payload json.RawMessage `json:"payload"`
	Sig     []byte          `json:"sig"` // Ed25519 by Origin over SigningBytes
}

// envelopeDomain separates envelope signatures from every other use of a
// node's key (audit checkpoints are signed as notes).
const envelopeDomain = "borderlink-envelope-v1\x00"

// SigningBytes is the canonical encoding the signature covers: a domain
// string, then every field but Sig, each length-prefixed (strings and
// payload) or fixed-width (numbers, time in UTC microseconds), so that no
// two different envelopes encode alike.
func (e *Envelope) SigningBytes() []byte {
	b := make([]byte, 0, 128+len(e.Payload))
	b = append(b, envelopeDomain...)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(e.ID)
	str(string(e.Origin))
	str(string(e.Destination))
	str(e.Stream)
	b = binary.BigEndian.AppendUint64(b, uint64(e.Seq))
	str(e.Kind)
	b = binary.BigEndian.AppendUint32(b, uint32(e.Schema))
	b = binary.BigEndian.AppendUint64(b, uint64(e.Created.UTC().UnixMicro()))
	b = binary.AppendUvarint(b, uint64(len(e.Payload)))
	b = append(b, e.Payload...)
	return b
}

// Sign sets e.Sig with the origin's key.
func (e *Envelope) Sign(key ed25519.PrivateKey) {
	e.Created = time.UnixMicro(e.Created.UTC().UnixMicro()).UTC()
	e.Sig = ed25519.Sign(key, e.SigningBytes())
}

// Verify checks e.Sig against the origin's public key.
func (e *Envelope) Verify(pub ed25519.PublicKey) error {
	if len(pub) != ed25519.PublicKeySize || len(e.Sig) != ed25519.SignatureSize || !ed25519.Verify(pub, e.SigningBytes(), e.Sig) {
		return Reject(ReasonSignature, fmt.Sprintf("envelope %s: signature of %s does not verify", e.ID, e.Origin))
	}
	return nil
}

// Reasons an envelope is refused. They cross the wire in acknowledgements
// and are counted in metrics: never rename one.
const (
	ReasonSignature   = "signature"    // the origin's signature does not verify
	ReasonUnknownNode = "unknown_node" // the origin is not a known node
	ReasonSchema      = "schema"       // unknown kind or unsupported schema version
	ReasonTooLarge    = "too_large"    // over the size limit
	ReasonClock       = "clock"        // created far outside the accepted time window
	ReasonDestination = "destination"  // addressed to a node this node cannot deliver to
	ReasonNotReleased = "not_releasable"
	ReasonMalformed   = "malformed"
	ReasonPayload     = "payload" // the payload failed the kind's own validation
	// ReasonDuplicate: the envelope was applied before. It is acknowledged
	// and ignored (a sender that lost an acknowledgement sends again).
	ReasonDuplicate = "duplicate"
)

// Rejection is why an envelope was refused.
type Rejection struct {
	Reason string
	Detail string
}

func (r *Rejection) Error() string { return "federation: rejected (" + r.Reason + "): " + r.Detail }

// Reject returns a *Rejection.
func Reject(reason, detail string) error { return &Rejection{Reason: reason, Detail: detail} }

// Unwrap presents the rejection as a user-facing *borderlink.Error: code
// ETooLarge for ReasonTooLarge, EForbidden for ReasonNotReleased, EInvalid
// otherwise, and the catalogue key "error.envelope_<reason>" (argument
// "detail"), so that borderlink.ErrorCode and the web and API layers
// render it in the reader's language.
func (r *Rejection) Unwrap() error {
	code := borderlink.EInvalid
	switch r.Reason {
	case ReasonTooLarge:
		code = borderlink.ETooLarge
	case ReasonNotReleased:
		code = borderlink.EForbidden
	}
	return &borderlink.Error{Code: code, Key: "error.envelope_" + r.Reason, Message: r.Detail, Args: []any{"detail", r.Detail}}
}

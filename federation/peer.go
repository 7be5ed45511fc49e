package federation

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"net/url"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Peer is another node this node exchanges envelopes with.
type Peer struct {
	ID        borderlink.NodeID `json:"id"`
	URL       string            `json:"url"`        // https://host:port of its federation listener
	PublicKey ed25519.PublicKey `json:"public_key"` // verifies what it signs
	CertPEM   []byte            `json:"cert_pem"`   // its TLS certificate, pinned
	// Units are the codes of the units the peer owns, each with its whole
	// subtree (a ministry node: its country's ministry unit). Records about
	// those units are addressed to this peer.
	Units []string  `json:"units"`
	Added time.Time `json:"added"`
}

// Fingerprint returns the SHA-256 of the peer's certificate in hex, for
// operators to compare over the telephone.
func (p Peer) Fingerprint() string {
	der, err := certDER(p.CertPEM)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}

// Certificate returns the parsed TLS certificate.
func (p Peer) Certificate() (*x509.Certificate, error) {
	der, err := certDER(p.CertPEM)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}

func certDER(b []byte) ([]byte, error) {
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.peer_cert", "the peer certificate is not a PEM certificate")
	}
	return block.Bytes, nil
}

// ParsePublicKey reads an Ed25519 public key in base64.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.peer_key", "the peer public key must be 32 bytes of Ed25519 in base64")
	}
	return ed25519.PublicKey(b), nil
}

// Validate checks a peer before it is stored.
func (p Peer) Validate(self borderlink.NodeID) error {
	if err := p.ID.Validate(); err != nil {
		return err
	}
	if p.ID == self {
		return borderlink.Errorf(borderlink.EInvalid, "error.peer_self", "a node cannot be its own peer")
	}
	u, err := url.Parse(p.URL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return borderlink.Errorf(borderlink.EInvalid, "error.peer_url", "the peer URL must be https://host:port", "url", p.URL)
	}
	if len(p.PublicKey) != ed25519.PublicKeySize {
		return borderlink.Errorf(borderlink.EInvalid, "error.peer_key", "the peer public key must be 32 bytes of Ed25519 in base64")
	}
	if _, err := p.Certificate(); err != nil {
		return borderlink.Errorf(borderlink.EInvalid, "error.peer_cert", "the peer certificate is not a PEM certificate")
	}
	return nil
}

// Repo is what federation needs from storage: the configured peers, and
// the envelopes in flight (DeliveryRepo).
type Repo interface {
	DeliveryRepo
	// PutPeer creates or replaces a peer.
	PutPeer(ctx context.Context, p Peer) error
	// Peer returns one peer, or ENotFound.
	Peer(ctx context.Context, id borderlink.NodeID) (Peer, error)
	// Peers lists every peer by id.
	Peers(ctx context.Context) ([]Peer, error)
	// DeletePeer removes a peer, or returns ENotFound.
	DeletePeer(ctx context.Context, id borderlink.NodeID) error
}

// Tx is the transaction federation works in.
type Tx interface {
	Federation() Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[federation.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

// Package transport is the wire between peers: HTTPS with mutual TLS 1.3,
// each side pinning the exact certificate the other was configured with. A
// connection from a certificate that is not a configured peer's is refused
// during the handshake, before any request is read.
package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
)

// PeerSource looks up the current peers (federation.Peers implements it).
type PeerSource interface {
	List(ctx context.Context) ([]federation.Peer, error)
}

// ServerConfig returns the TLS configuration of a node's federation
// listener: TLS 1.3 only, a client certificate required, and accepted only
// when it is byte for byte the certificate of a configured peer. Peers are
// read at each handshake, so adding or removing one takes effect at once.
func ServerConfig(own tls.Certificate, peers PeerSource) *tls.Config {
	return &tls.Config{
		MinVersion:   tls.VersionTLS13,
		Certificates: []tls.Certificate{own},
		ClientAuth:   tls.RequireAnyClientCert,
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			if len(raw) == 0 {
				return errors.New("transport: no client certificate")
			}
			_, err := identify(context.Background(), peers, raw[0])
			return err
		},
	}
}

// ClientConfig returns the TLS configuration for calling peer p: our
// certificate to present, and p's pinned certificate as the only one
// accepted from the server (federation.PinnedTLS).
func ClientConfig(own tls.Certificate, p federation.Peer) (*tls.Config, error) {
	return federation.PinnedTLS(own, p)
}

// identify returns the peer whose pinned certificate is der.
func identify(ctx context.Context, peers PeerSource, der []byte) (federation.Peer, error) {
	list, err := peers.List(ctx)
	if err != nil {
		return federation.Peer{}, fmt.Errorf("transport: peers: %w", err)
	}
	for _, p := range list {
		if c, err := p.Certificate(); err == nil && bytes.Equal(c.Raw, der) {
			return p, nil
		}
	}
	return federation.Peer{}, borderlink.Errorf(borderlink.EForbidden, "error.unknown_peer_cert", "certificate of an unknown node")
}

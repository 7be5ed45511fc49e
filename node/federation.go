package node

import (
	"context"
	"fmt"
	"net"

	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/federation/transport"
)

// AsPeer describes this node as a peer for another node's configuration:
// its id, the URL of its federation listener, its public key and its
// certificate.
func (n *Node) AsPeer() federation.Peer {
	return federation.Peer{ID: n.Config.NodeID, URL: "https://" + n.Config.FederationListen,
		PublicKey: n.Identity.PublicKey(), CertPEM: n.Identity.CertPEM(), Units: []string{MinistryCode(n.Config.Country)}}
}

// ServeFederation runs the mutual-TLS peer listener on ln until ctx ends.
func (n *Node) ServeFederation(ctx context.Context, ln net.Listener) error {
	s := &transport.Server{Self: n.Config.NodeID, Cert: n.Identity.TLS, Peers: n.Peers, Clock: n.Clock, Log: n.Log,
		Handler: n.Federation.Handler()}
	return s.Serve(ctx, ln)
}

// listenFederation opens the federation listener when one is configured.
func (n *Node) listenFederation() (net.Listener, error) {
	if n.Config.FederationListen == "" {
		return nil, nil
	}
	ln, err := net.Listen("tcp", n.Config.FederationListen)
	if err != nil {
		return nil, fmt.Errorf("node: federation listen %s: %w", n.Config.FederationListen, err)
	}
	return ln, nil
}

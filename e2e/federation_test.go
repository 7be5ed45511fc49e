package e2e

import (
	"context"
	"net"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/federation/transport"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
)

// startFederation serves n's federation listener on a loopback port and
// returns n described as a peer.
func startFederation(t *testing.T, n *nodetest.Node) federation.Peer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { n.ServeFederation(ctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	p := n.AsPeer()
	p.URL = "https://" + ln.Addr().String()
	return p
}

// TestMutualTLSPeering: configured peers greet each other over mutual TLS
// 1.3; a node that is not a peer, a certificate other than the pinned one,
// and a peer that was removed are all refused.
func TestMutualTLSPeering(t *testing.T) {
	ctx := context.Background()
	vn := nodetest.MustStart(t, nodetest.Options{})
	la := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA"})
	rogue := nodetest.MustStart(t, nodetest.Options{NodeID: "rogue.example", Country: "VN"})
	vnPeer, laPeer := startFederation(t, vn), startFederation(t, la)
	rogueAsLA := rogue.AsPeer()

	if err := vn.Peers.Add(ctx, "test", "test", laPeer); err != nil {
		t.Fatal(err)
	}
	if err := la.Peers.Add(ctx, "test", "test", vnPeer); err != nil {
		t.Fatal(err)
	}
	h, err := transport.SayHello(ctx, vn.Identity.TLS, laPeer)
	if err != nil {
		t.Fatalf("vn → la: %v", err)
	}
	if h.Node != "la.mps" || h.Caller != "vn.mps" {
		t.Fatalf("hello = %+v, want la.mps recognising vn.mps", h)
	}
	if _, err := transport.SayHello(ctx, la.Identity.TLS, vnPeer); err != nil {
		t.Fatalf("la → vn: %v", err)
	}

	// A node la.mps does not know is refused in the handshake.
	if _, err := transport.SayHello(ctx, rogue.Identity.TLS, laPeer); err == nil {
		t.Fatal("la.mps accepted a node that is not its peer")
	}
	// A server presenting a certificate other than the pinned one is refused.
	wrongPin := laPeer
	wrongPin.CertPEM = rogueAsLA.CertPEM
	if _, err := transport.SayHello(ctx, vn.Identity.TLS, wrongPin); err == nil {
		t.Fatal("vn.mps accepted a server whose certificate is not the pinned one")
	}
	// Once removed, vn.mps is refused by la.mps.
	if err := la.Peers.Remove(ctx, "test", "test", "vn.mps"); err != nil {
		t.Fatal(err)
	}
	if _, err := transport.SayHello(ctx, vn.Identity.TLS, laPeer); err == nil {
		t.Fatal("la.mps still accepts vn.mps after removing it")
	}
	// Bad peer definitions are refused with a reason.
	bad := laPeer
	bad.URL = "http://127.0.0.1:1"
	if err := vn.Peers.Add(ctx, "test", "test", bad); !borderlink.IsCode(err, borderlink.EInvalid) {
		t.Fatalf("plain-HTTP peer URL: %v, want EInvalid", err)
	}
	self := vnPeer
	if err := vn.Peers.Add(ctx, "test", "test", self); !borderlink.IsCode(err, borderlink.EInvalid) {
		t.Fatalf("node as its own peer: %v, want EInvalid", err)
	}
}

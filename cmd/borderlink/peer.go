package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/federation/transport"
)

const peerHelp = `Usage: borderlink peer <subcommand> [--data DIR] [flags]

Configures the nodes this node exchanges envelopes with. Peers talk HTTPS
with mutual TLS 1.3 on each node's federation_listen address, each pinning
the other's certificate; nothing is accepted from a node that is not a peer.

Subcommands:
  self    prints this node's id, federation URL, public key and certificate
          (hand them to the partner's operator; compare the fingerprint by
          telephone)
  add     --id NODE --url https://HOST:PORT --public-key BASE64 --cert FILE --units LA-MPS
  list    lists the peers with their certificate fingerprints
  remove  --id NODE
  hello   --id NODE   checks the mutual-TLS connection to a running peer
`

func runPeer(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "peer", peerHelp, args, map[string]func(context.Context, *env, []string) error{
		"self": peerSelf, "add": peerAdd, "list": peerList, "remove": peerRemove, "hello": peerHello,
	})
}

func peerSelf(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "peer self", peerHelp)
	nf := addNodeFlags(e, fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	p := n.AsPeer()
	fmt.Fprintf(e.stdout, "id:          %s\nurl:         %s\nunits:       %s\npublic key:  %s\nfingerprint: %s\n\n%s",
		p.ID, p.URL, strings.Join(p.Units, ","), encodeKey(p.PublicKey), p.Fingerprint(), p.CertPEM)
	return nil
}

func peerAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "peer add", peerHelp)
	nf := addNodeFlags(e, fs)
	id := fs.String("id", "", "the peer's node id, e.g. la.mps")
	url := fs.String("url", "", "the peer's federation URL, https://host:port")
	key := fs.String("public-key", "", "the peer's Ed25519 public key in base64")
	cert := fs.String("cert", "", "file holding the peer's TLS certificate (PEM)")
	owns := fs.String("units", "", "codes of the units the peer owns, comma-separated (e.g. LA-MPS)")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	pub, err := federation.ParsePublicKey(*key)
	if err != nil {
		return err
	}
	pem, err := os.ReadFile(*cert)
	if err != nil {
		return borderlink.Errorf(borderlink.EInvalid, "error.peer_cert", "cannot read --cert: "+err.Error())
	}
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	p := federation.Peer{ID: borderlink.NodeID(*id), URL: *url, PublicKey: pub, CertPEM: pem}
	for _, u := range strings.Split(*owns, ",") {
		if u = strings.ToUpper(strings.TrimSpace(u)); u != "" {
			p.Units = append(p.Units, u)
		}
	}
	if err := n.Peers.Add(ctx, "cli", "cli", p); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "peer %s added (%s, certificate SHA-256 %s)\n", p.ID, p.URL, p.Fingerprint())
	return nil
}

func peerList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "peer list", peerHelp)
	nf := addNodeFlags(e, fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	peers, err := n.Peers.List(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tURL\tUNITS\tCERTIFICATE SHA-256\tADDED")
	for _, p := range peers {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.ID, p.URL, strings.Join(p.Units, ","), p.Fingerprint(), p.Added.Format(time.RFC3339))
	}
	return tw.Flush()
}

func peerRemove(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "peer remove", peerHelp)
	nf := addNodeFlags(e, fs)
	id := fs.String("id", "", "the peer's node id")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	if err := n.Peers.Remove(ctx, "cli", "cli", borderlink.NodeID(*id)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "peer %s removed\n", *id)
	return nil
}

func peerHello(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "peer hello", peerHelp)
	nf := addNodeFlags(e, fs)
	id := fs.String("id", "", "the peer's node id")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	p, err := n.Peers.Get(ctx, borderlink.NodeID(*id))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	h, err := transport.SayHello(ctx, n.Identity.TLS, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s answered over mutual TLS 1.3 and recognised %s\n", h.Node, h.Caller)
	return nil
}

func encodeKey(k []byte) string { return base64.StdEncoding.EncodeToString(k) }

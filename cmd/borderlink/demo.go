package main

import (
	"context"
	"os"

	"github.com/borderlink/borderlink/demo"
	"github.com/borderlink/borderlink/node"
)

const demoHelp = `Usage: borderlink demo [--data DIR] [--vn-addr 127.0.0.1:8080] [--la-addr 127.0.0.1:8081]
                      [--vn-peer-addr 127.0.0.1:8443] [--la-peer-addr 127.0.0.1:8444]

Starts two federated nodes on loopback: the Vietnamese Ministry of Public
Security (vn.mps) and the Lao Ministry of Public Security (la.mps), each with
its own embedded database, the police units of both countries along the
border and one demo account per role. The two nodes are each other's
federation peers over mutual TLS 1.3 on the peer addresses. Prints both URLs
and the logins.

With --data, the nodes live in DIR/vn and DIR/la and a second start reuses
them (logins are kept in DIR/*/demo-logins.json). Without it they live in a
temporary directory removed on exit.
`

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", demoHelp)
	dir := fs.String("data", "", "keep the demo nodes in this directory")
	vn := fs.String("vn-addr", "127.0.0.1:8080", "listen address of vn.mps")
	la := fs.String("la-addr", "127.0.0.1:8081", "listen address of la.mps")
	vnPeer := fs.String("vn-peer-addr", "127.0.0.1:8443", "mutual-TLS federation address of vn.mps")
	laPeer := fs.String("la-peer-addr", "127.0.0.1:8444", "mutual-TLS federation address of la.mps")
	logLevel := fs.String("log-level", "warn", "debug, info, warn or error")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	d := *dir
	if d == "" {
		tmp, err := os.MkdirTemp("", "borderlink-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		d = tmp
	}
	node.Version = version()
	return demo.Run(ctx, demo.Options{Dir: d, Addrs: map[string]string{"vn": *vn, "la": *la},
		PeerAddrs: map[string]string{"vn": *vnPeer, "la": *laPeer}, Out: e.stdout,
		Logger: node.NewLogger(e.stderr, *logLevel, "text", "demo")})
}

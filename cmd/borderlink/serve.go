package main

import (
	"context"
	"fmt"
	"time"

	"github.com/borderlink/borderlink/node"
)

const serveHelp = `Usage: borderlink serve [--data DIR] [flags]

Runs the node in DIR: the web interface and JSON API on --listen, /healthz,
/readyz and Prometheus /metrics. Every configuration key can be given as a
flag (it overrides BORDERLINK_* variables, which override the file). Stops
gracefully on SIGINT or SIGTERM.
`

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", serveHelp)
	nf := addNodeFlags(e, fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	c, err := nf.load(e)
	if err != nil {
		return err
	}
	start := time.Now()
	node.Version = version()
	n, err := node.Open(ctx, c, node.Options{})
	if err != nil {
		return err
	}
	defer n.Close()
	scheme := "http"
	if c.HTTPS() {
		scheme = "https"
	}
	fmt.Fprintf(e.stdout, "borderlink %s: node %s ready in %v at %s://%s/\n", version(), c.NodeID,
		time.Since(start).Round(time.Millisecond), scheme, c.Listen)
	return n.Serve(ctx)
}

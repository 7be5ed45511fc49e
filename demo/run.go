package demo

import (
	"context"
	"fmt"
	"net"
	"sync"
	"text/tabwriter"

	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/federation/transport"
	"github.com/borderlink/borderlink/node"
)

// Run prepares the demo nodes, starts both and serves until ctx ends.
func Run(ctx context.Context, o Options) (err error) {
	cfgs, logins, err := Prepare(ctx, o)
	if err != nil {
		return err
	}
	if err := seedAll(ctx, cfgs, o); err != nil {
		return err
	}
	var nodes []*node.Node
	defer func() {
		for _, n := range nodes {
			n.Close()
		}
	}()
	var lns, flns []net.Listener
	defer func() {
		if err != nil {
			for _, l := range append(lns, flns...) {
				l.Close()
			}
		}
	}()
	for _, c := range cfgs {
		n, err := node.Open(ctx, c, node.Options{Logger: o.Logger})
		if err != nil {
			return err
		}
		nodes = append(nodes, n)
		ln, err := net.Listen("tcp", c.Listen)
		if err != nil {
			return fmt.Errorf("demo: listen %s: %w", c.Listen, err)
		}
		lns = append(lns, ln)
		fln, err := net.Listen("tcp", c.FederationListen)
		if err != nil {
			return fmt.Errorf("demo: federation listen %s: %w", c.FederationListen, err)
		}
		flns = append(flns, fln)
	}
	if err := Peer(ctx, nodes); err != nil {
		return err
	}
	printBanner(o, cfgs, logins, lns)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, len(nodes))
	for i, n := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = n.ServeListeners(ctx, lns[i], flns[i])
			cancel()
		}()
	}
	go checkPeering(ctx, o, nodes)
	for _, n := range nodes {
		go laoContribution(ctx, n)
		go answerNotices(ctx, n)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func printBanner(o Options, cfgs []config.Config, logins [][]Login, lns []net.Listener) {
	w := o.Out
	fmt.Fprintln(w, "BorderLink demo: two federated nodes on loopback")
	for i, s := range Sites {
		fmt.Fprintf(w, "\n%s  http://%s/   (data: %s)\n", s.NodeID, lns[i].Addr(), cfgs[i].DataDir)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  USERNAME\tPASSWORD\tROLE\tUNIT")
		for _, l := range logins[i] {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", l.Username, l.Password, l.Role, l.Unit)
		}
		tw.Flush()
	}
	fmt.Fprintln(w, "\nOpen a URL above, sign in, and switch language at the top right. Ctrl+C stops both nodes.")
}

// checkPeering says hello over mutual TLS from each node to the other once
// both listen, and reports the outcome.
func checkPeering(ctx context.Context, o Options, nodes []*node.Node) {
	for _, n := range nodes {
		peers, err := n.Peers.List(ctx)
		if err != nil {
			continue
		}
		for _, p := range peers {
			h, err := transport.SayHello(ctx, n.Identity.TLS, p)
			if err != nil {
				fmt.Fprintf(o.Out, "peering %s → %s: FAILED: %v\n", n.Config.NodeID, p.ID, err)
				continue
			}
			fmt.Fprintf(o.Out, "peering %s → %s: mutual TLS 1.3 OK (%s recognised %s)\n", n.Config.NodeID, p.ID, h.Node, h.Caller)
		}
	}
}

package demo

import (
	"context"
	"fmt"
	"net"
	"sync"
	"text/tabwriter"

	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/node"
)

// Run prepares the demo nodes, starts both and serves until ctx ends.
func Run(ctx context.Context, o Options) error {
	cfgs, logins, err := Prepare(ctx, o)
	if err != nil {
		return err
	}
	var nodes []*node.Node
	defer func() {
		for _, n := range nodes {
			n.Close()
		}
	}()
	var lns []net.Listener
	for _, c := range cfgs {
		n, err := node.Open(ctx, c, node.Options{Logger: o.Logger})
		if err != nil {
			return err
		}
		nodes = append(nodes, n)
		ln, err := net.Listen("tcp", c.Listen)
		if err != nil {
			for _, l := range lns {
				l.Close()
			}
			return fmt.Errorf("demo: listen %s: %w", c.Listen, err)
		}
		lns = append(lns, ln)
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
			errs[i] = n.ServeListener(ctx, lns[i])
			cancel()
		}()
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

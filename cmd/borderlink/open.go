package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/borderlink/borderlink/node"
)

// openNode opens the node of --data for a management command (no server):
// warnings only, as text, on stderr.
func openNode(ctx context.Context, e *env, nf *nodeFlags) (*node.Node, error) {
	c, err := nf.load(e)
	if err != nil {
		return nil, err
	}
	return node.Open(ctx, c, node.Options{Logger: node.NewLogger(e.stderr, "warn", "text", string(c.NodeID))})
}

// subcommand dispatches "borderlink <group> <sub> …".
func subcommand(ctx context.Context, e *env, group, help string, args []string,
	subs map[string]func(context.Context, *env, []string) error) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		// Asked for, the help goes to stdout; a subcommand missing is a
		// usage error, reported on stderr.
		if len(args) == 0 {
			fmt.Fprint(e.stderr, help)
			return errUsage
		}
		fmt.Fprint(e.stdout, help)
		return flag.ErrHelp
	}
	fn, ok := subs[args[0]]
	if !ok {
		e.stderr.Write([]byte("borderlink " + group + ": unknown subcommand " + args[0] + "\n\n" + help))
		return errUsage
	}
	return fn(ctx, e, args[1:])
}

package main

import (
	"context"
	"fmt"
	"time"
)

const tokenHelp = `Usage: borderlink token create [--data DIR] --user NAME [--name LABEL] [--ttl 720h]

Creates an API token for a user of the node in DIR and prints it once. Only
a hash is stored. Scripts send it as "Authorization: Bearer <token>"; the
token carries the user's roles and units. Works on a demo node too:
  borderlink token create --data demo-data/vn --user officer
`

func runToken(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "token", tokenHelp, args, map[string]func(context.Context, *env, []string) error{
		"create": tokenCreate,
	})
}

func tokenCreate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "token create", tokenHelp)
	nf := addNodeFlags(e, fs)
	user := fs.String("user", "", "the user the token acts as")
	name := fs.String("name", "cli", "a label for the token")
	ttl := fs.Duration("ttl", 0, "lifetime, e.g. 720h (default 90 days, at most 730 days)")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	plain, tok, err := n.Accounts.CreateToken(ctx, cli, *user, *name, *ttl)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, plain)
	if !tok.Expires.IsZero() {
		fmt.Fprintf(e.stderr, "token %s for %s expires %s\n", tok.ID, *user, tok.Expires.Format(time.RFC3339))
	}
	return nil
}

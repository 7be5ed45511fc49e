package main

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink/node"
)

const backupHelp = `Usage: borderlink backup [--data DIR] --out FILE

Writes a consistent copy of the SQLite database of the node in DIR to FILE
while the node keeps running (VACUUM INTO). FILE must not exist. Keep the
copy together with DIR's identity.key, tls.key, tls.crt and borderlink.toml:
the audit log only verifies with the node's key.

For a node on PostgreSQL use pg_dump instead (see docs/operations.md).
`

func runBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "backup", backupHelp)
	nf := addNodeFlags(e, fs)
	out := fs.String("out", "", "the file to write")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintln(e.stderr, "borderlink backup: --out is required")
		return errUsage
	}
	c, err := nf.load(e)
	if err != nil {
		return err
	}
	st, err := node.OpenStore(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup of %s written to %s\n", c.NodeID, *out)
	return nil
}

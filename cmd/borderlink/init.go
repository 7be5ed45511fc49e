package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/node"
)

const initHelp = `Usage: borderlink init --data DIR --node-id ID --country CC [flags]

Creates a new node in DIR: its Ed25519 identity key, a self-signed TLS
certificate, the configuration file DIR/borderlink.toml, the database (SQLite
in DIR unless --database-url names PostgreSQL) with the reference police
units, and the first administrator ("admin" at the country's ministry). The
administrator's password is read from --admin-password-file, or generated and
printed once. A directory that already holds a node is refused.

Example:
  borderlink init --data /var/lib/borderlink --node-id vn.mps --country VN
`

func runInit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "init", initHelp)
	nf := addNodeFlags(e, fs)
	pwFile := fs.String("admin-password-file", "", "file holding the first administrator's password (default: generate one)")
	admin := fs.String("admin", "admin", "username of the first administrator")
	demo := fs.Bool("demo", false, "also create demo districts, communes and villages")
	hosts := fs.String("hosts", "", "extra host names or addresses for the TLS certificate, comma-separated")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	c := config.Default()
	if err := c.ApplyEnv(e.getenv); err != nil {
		return err
	}
	if err := nf.apply(&c); err != nil {
		return err
	}
	c.DataDir = nf.dataDir()
	c.Country = strings.ToUpper(c.Country)
	opts := node.InitOptions{Config: c, AdminUsername: *admin, Demo: *demo}
	if *hosts != "" {
		opts.Hosts = strings.Split(*hosts, ",")
	}
	if *pwFile != "" {
		pw, _, err := passwordFrom(*pwFile)
		if err != nil {
			return err
		}
		opts.AdminPassword = pw
	}
	res, err := node.Init(ctx, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Node %s (%s) created in %s\n", c.NodeID, c.Country, c.DataDir)
	fmt.Fprintf(e.stdout, "  configuration:      %s\n", res.ConfigPath)
	fmt.Fprintf(e.stdout, "  TLS certificate:    SHA-256 %s\n", res.Fingerprint)
	fmt.Fprintf(e.stdout, "  administrator:      %s\n", res.AdminUsername)
	if res.Generated {
		fmt.Fprintf(e.stdout, "  password (shown once, change it after signing in): %s\n", res.AdminPassword)
	}
	fmt.Fprintf(e.stdout, "Start it with: borderlink serve --data %s\n", c.DataDir)
	return nil
}

// Command borderlink runs and manages a BorderLink node.
//
// Every subcommand lives in a file of its own, with its help text beside its
// flags. Run `borderlink help` for the list.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/borderlink/borderlink"
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a subcommand may touch: its output streams and the process
// environment (tests replace them).
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	getenv         func(string) string
}

func commands() []command {
	return []command{
		{"init", "create a new node: identity key, TLS certificate, database, first admin", runInit},
		{"serve", "run a node: web interface, JSON API, metrics", runServe},
		{"demo", "run two federated demo nodes (vn.mps and la.mps) on loopback", runDemo},
		{"user", "manage accounts: add, list, disable, enable, reset-password, set-role", runUser},
		{"token", "create API tokens for integrations", runToken},
		{"units", "list units and import unit lists from CSV", runUnits},
		{"hotline", "send, list, show and acknowledge hotline messages through a node's API", runHotline},
		{"import", "import a spreadsheet of drug-enforcement figures through a node's API", runImport},
		{"screen", "check names against wanted notices and watch lists, load watch lists, through a node's API", runScreen},
		{"export", "download the conference report (XLSX, CSV or text) through a node's API", runExport},
		{"peer", "configure federation peers (mutual TLS): self, add, list, remove, hello", runPeer},
		{"audit", "verify the tamper-evident audit log", runAudit},
		{"backup", "write a consistent copy of a running node's database", runBackup},
		{"keys", "rotate, reseal and retire the keys of the treatment records; show their use", runKeys},
		{"bench", "measure whole flows on scratch nodes: hotline, stats", runBench},
		{"version", "print the version", runVersion},
	}
}

const mainHelp = `borderlink — cross-border police cooperation node

Usage:
  borderlink <command> [flags]

Commands:
%s
Run 'borderlink <command> --help' for the flags of a command.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	e := &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, getenv: os.Getenv}
	code := run(ctx, e, os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit status: 0 on success,
// 2 for a usage error, 1 for anything else.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printMainHelp(e.stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, e, args[1:])
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				return 2
			}
			fmt.Fprintln(e.stderr, "borderlink "+c.name+": "+describe(err))
			var coded interface{ ExitCode() int }
			if errors.As(err, &coded) {
				return coded.ExitCode()
			}
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "borderlink: unknown command %q\n\n", args[0])
	printMainHelp(e.stderr)
	return 2
}

func printMainHelp(w io.Writer) {
	var list string
	for _, c := range commands() {
		list += fmt.Sprintf("  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, mainHelp, list)
}

// errUsage marks a usage error that has already been reported.
var errUsage = errors.New("usage")

// describe renders an error for the terminal: the English message of a
// user-facing error, and the cause of an internal one.
func describe(err error) string {
	var be *borderlink.Error
	if errors.As(err, &be) && be.Code != borderlink.EInternal {
		return be.Message
	}
	return err.Error()
}

// newFlags returns a flag set that prints help on --help and reports usage
// errors through e.stderr.
func newFlags(e *env, name, help string) *flag.FlagSet {
	fs := flag.NewFlagSet("borderlink "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), help)
		fmt.Fprintln(fs.Output(), "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, turning a flag error into errUsage (the error and the
// usage on stderr, exit 2) and --help into flag.ErrHelp (the usage on
// stdout, exit 0).
func parse(e *env, fs *flag.FlagSet, args []string) error {
	usage := fs.Usage
	fs.Usage = func() {} // printed below, on the stream that fits
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(e.stdout)
		fs.Usage()
		return flag.ErrHelp
	}
	fs.Usage() // after the flag package's one-line error, on stderr
	return errUsage
}

package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/borderlink/borderlink"
)

const unitsHelp = `Usage: borderlink units <subcommand> [--data DIR] [flags]

Subcommands:
  list    [--country VN|LA] [--level LEVEL] [--date YYYY-MM-DD] [--lang vi|lo|en]
          lists the units (on --date when given) with their codes
  import  FILE
          imports a CSV unit list (columns code,country,level,parent,name_vi,
          name_lo,name_en,valid_from,valid_to,successors; see docs/units.md):
          every bad row is reported with its reason and nothing is written
          unless all rows are good; importing the same file again changes
          nothing.
`

func runUnits(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "units", unitsHelp, args, map[string]func(context.Context, *env, []string) error{
		"list": unitsList, "import": unitsImport,
	})
}

func unitsList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "units list", unitsHelp)
	country := fs.String("country", "", "VN or LA (default: all)") // before addNodeFlags: not the node's country
	level := fs.String("level", "", "ministry, province, district, commune or village")
	date := fs.String("date", "", "only units existing on this day")
	lang := fs.String("lang", "en", "language of the names")
	nf := addNodeFlags(e, fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	d, err := borderlink.ParseDate(*date)
	if err != nil {
		return err
	}
	l, _ := borderlink.ParseLang(*lang)
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tLEVEL\tPARENT\tNAME\tVALID")
	count := 0
	for _, u := range n.Units.Tree().Units(strings.ToUpper(*country)) {
		if (*level != "" && u.Level != *level) || (!d.IsZero() && !u.ActiveOn(d)) {
			continue
		}
		count++
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s..%s\n", u.Code, u.Level, u.Parent, u.Name.In(l), u.ValidFrom, u.ValidTo)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d units\n", count)
	return nil
}

func unitsImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "units import", unitsHelp)
	nf := addNodeFlags(e, fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "borderlink units import: give one CSV file")
		return errUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return borderlink.Errorf(borderlink.ENotFound, "error.not_found", err.Error())
	}
	defer f.Close()
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	rep, err := n.Units.ImportCSV(ctx, "cli", f)
	for _, p := range rep.Problems {
		fmt.Fprintf(e.stderr, "line %d %s: %s\n", p.Line, p.Unit, p.Message)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d rows: %d created, %d updated, %d unchanged\n", rep.Rows, rep.Created, rep.Updated, rep.Unchanged)
	return nil
}

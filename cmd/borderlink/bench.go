package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/borderlink/borderlink/bench"
)

const benchHelp = `Usage: borderlink bench <flow> [flags]

Measures a whole flow on two real nodes that it creates in a scratch
directory (removed afterwards) and peers over mutual TLS 1.3 on loopback,
and prints the figures. Nothing here touches an existing node.

Flows:
  hotline   durable hotline sends per second beside the database's raw
            durable insert rate; cross-node delivery latency at a steady
            rate; time to drain a backlog queued behind a cut link

  stats     loading synthetic seizure records; dashboard questions (p50,
            p95); the conference report; the memory of the process
  screening the name-screening index on a generated list: build time,
            memory per entry, latency, queries per second, recall, false hits

Run 'borderlink bench hotline --help' (or stats) for the flags.
`

const benchStatsHelp = `Usage: borderlink bench stats [flags]

Each engine gets a fresh node (vn.mps) in the scratch directory (or a
scratch database on the PostgreSQL server of --postgres, default
$BORDERLINK_TEST_POSTGRES). It loads --records synthetic seizure records
over ten years in every province of both countries, through the same
storage path as recorded seizures (facts and their daily and monthly
roll-ups, in transactions of 5,000), then times --queries random
dashboards (a period of a month to three years, often some of the eight
provinces of the northern conference, sometimes a drug or an agency) and
the 2025 conference report, rendered and written as XLSX; then imports a
provincial spreadsheet of --import-rows rows as CSV and as XLSX (read,
checked row by row, committed whole) and reports rows per second.

Example:
  borderlink bench stats --engines sqlite,postgres --records 10000000

Flags:
`

const benchHotlineHelp = `Usage: borderlink bench hotline [flags]

Each engine gets a fresh pair of nodes (vn.mps and la.mps). An officer of
the Nghệ An provincial police (VN-40) sends URGENT messages to the facing
Lao province (LA-07) through the hotline service, as the web page and the
API do:

  1. --messages sends, each its own committed transaction, with the link
     down, by one sender and then by --senders at once; beside them, in
     alternating rounds, as many raw single-row INSERTs into a scratch table
     of the same database through the engine's own driver, one per
     committed transaction, by one writer and by as many writers (SQLite
     takes one writer at a time);
  2. --rate messages per second for --duration with both senders running;
     latency is from the call of Send on vn.mps to the commit of the
     message on la.mps;
  3. the link is cut, --backlog messages are queued, the link is restored
     and the time until la.mps has applied the last one is measured.

PostgreSQL runs create two scratch databases on the server of --postgres
(default $BORDERLINK_TEST_POSTGRES) and drop them afterwards.

Example:
  borderlink bench hotline --engines sqlite,postgres \
    --postgres 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable'

Flags:
`

func runBench(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "bench", benchHelp, args, map[string]func(context.Context, *env, []string) error{
		"hotline":   benchHotline,
		"stats":     benchStats,
		"screening": benchScreening,
	})
}

func benchHotline(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench hotline", benchHotlineHelp)
	sf := addScratchFlags(fs)
	messages := fs.Int("messages", 2000, "messages for the durable send rate")
	senders := fs.Int("senders", 8, "officers sending at the same time in the durable phase (it runs with 1 as well)")
	rate := fs.Int("rate", 100, "messages per second in the latency phase")
	duration := fs.Duration("duration", 10*time.Second, "length of the latency phase")
	backlog := fs.Int("backlog", 100000, "messages queued behind the cut link")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	o := bench.HotlineOptions{Messages: *messages, Senders: *senders, Rate: *rate, Duration: *duration, Backlog: *backlog, Out: e.stdout}
	var err error
	if o.Engines, o.PostgresURL, err = sf.engines(e, "bench hotline"); err != nil {
		return err
	}
	if *messages < 1 || *senders < 1 || *rate < 1 || *duration <= 0 || *backlog < 1 {
		fmt.Fprintln(e.stderr, "borderlink bench hotline: --messages, --senders, --rate, --duration and --backlog must be positive")
		return errUsage
	}
	scratch, err := os.MkdirTemp(*sf.dir, "borderlink-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	o.Dir = scratch
	_, err = bench.Hotline(ctx, o)
	return err
}

func benchStats(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench stats", benchStatsHelp)
	sf := addScratchFlags(fs)
	records := fs.Int("records", 1000000, "synthetic seizure records to load")
	queries := fs.Int("queries", 300, "dashboards to time")
	importRows := fs.Int("import-rows", 100000, "rows of the CSV and the XLSX file imported (0: skip)")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	o := bench.StatsOptions{Records: *records, Queries: *queries, ImportRows: *importRows, Out: e.stdout}
	var err error
	if o.Engines, o.PostgresURL, err = sf.engines(e, "bench stats"); err != nil {
		return err
	}
	if *records < 1 || *queries < 1 {
		fmt.Fprintln(e.stderr, "borderlink bench stats: --records and --queries must be positive")
		return errUsage
	}
	scratch, err := os.MkdirTemp(*sf.dir, "borderlink-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	o.Dir = scratch
	_, err = bench.Stats(ctx, o)
	return err
}

const benchScreeningHelp = `Usage: borderlink bench screening [flags]

Generates --persons persons (Vietnamese and Lao names in proportion, from
the embedded names data), builds the in-memory screening index, and runs
--queries generated queries with known answers: exact, diacritics
dropped, words reordered, a middle name missing, one or two typos, Lao
script against romanised names and the reverse, and people who are not on
the list. Prints the build time, memory per entry, latency (p50, p99),
queries per second on every core, recall@1 and recall@10 by kind of query
(an entry whose name cannot be told from the wanted one counts too), and
how often a query that should find nothing finds a candidate or a hit.

Flags:
`

func benchScreening(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench screening", benchScreeningHelp)
	persons := fs.Int("persons", 1000000, "persons on the generated list")
	queries := fs.Int("queries", 5000, "generated queries")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if *persons < 1 || *queries < 1 {
		fmt.Fprintln(e.stderr, "borderlink bench screening: --persons and --queries must be positive")
		return errUsage
	}
	_, err := bench.Screening(bench.ScreeningOptions{Persons: *persons, Queries: *queries, Out: e.stdout})
	return err
}

// scratchFlags are the flags of the flows that run on scratch nodes: the
// engines, the PostgreSQL server, the scratch directory.
type scratchFlags struct {
	list, pg, dir *string
}

func addScratchFlags(fs *flag.FlagSet) scratchFlags {
	return scratchFlags{
		list: fs.String("engines", "sqlite", "engines to measure, comma-separated: sqlite, postgres"),
		pg:   fs.String("postgres", "", "PostgreSQL server URL for the postgres engine (default $BORDERLINK_TEST_POSTGRES)"),
		dir:  fs.String("dir", "", "scratch directory (default: a new one in the system's temporary directory)"),
	}
}

// engines returns the engines asked for and the PostgreSQL server URL;
// an unknown engine is a usage error of cmd.
func (sf scratchFlags) engines(e *env, cmd string) ([]string, string, error) {
	var out []string
	for _, s := range strings.Split(*sf.list, ",") {
		switch s = strings.TrimSpace(s); s {
		case bench.SQLite, bench.Postgres:
			out = append(out, s)
		default:
			fmt.Fprintf(e.stderr, "borderlink %s: unknown engine %q (sqlite or postgres)\n", cmd, s)
			return nil, "", errUsage
		}
	}
	pg := *sf.pg
	if pg == "" {
		pg = e.getenv("BORDERLINK_TEST_POSTGRES")
	}
	return out, pg, nil
}

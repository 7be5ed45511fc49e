package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
)

const screenHelp = `Usage: borderlink screen [flags] --name NAME      check one person
       borderlink screen batch [flags] FILE       check every row of a CSV or JSON file
       borderlink screen load [flags] FILE        load (or replace) a watch list from CSV
       borderlink screen lists [flags]            show the watch lists loaded

Screens names against the wanted notices (this node's and the partner's)
and the watch lists of a running node, through its JSON API, as the user of
an API token (BORDERLINK_TOKEN or --token-file; screening needs the
permission screen, loading lists screen.lists). The node must be running:
the index lives in its memory, and every screening is recorded in its audit
log.

A batch file is CSV with a header naming name and any of dob, document,
nationality and ref, or a JSON list of {"name":…,"dob":…} objects. A watch
list is CSV with the header id,name,alt_names,dob,document,nationality
(alt_names separated by ";", dob as YYYY, YYYY-MM or YYYY-MM-DD). Bad rows
of a list are printed and skipped.

The exit status is 0 when nothing was hit, 3 when a screened person (or any
person of a batch) is a hit, 1 on an error.

Examples:
  export BORDERLINK_TOKEN=$(borderlink token create --data demo-data/la --user officer)
  borderlink screen --url https://127.0.0.1:8444 --name "ຫງວຽນ ວັນ ລອງ"
  borderlink screen --name "long nguyen" --dob 1984
  borderlink screen batch passengers.csv
  borderlink screen load --list interpol-red --list-name "INTERPOL red notices" red.csv
`

// errHit is the exit status 3 of a screening that hit.
type errHit struct{ n int }

func (e errHit) Error() string {
	if e.n == 1 {
		return "HIT: one person screened is a hit; stop and check"
	}
	return fmt.Sprintf("HIT: %d persons screened are hits; stop and check", e.n)
}

func (errHit) ExitCode() int { return 3 }

func runScreen(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "batch":
			return screenBatch(ctx, e, args[1:])
		case "load":
			return screenLoad(ctx, e, args[1:])
		case "lists":
			return screenLists(ctx, e, args[1:])
		}
	}
	fs := newFlags(e, "screen", screenHelp)
	cf := addClientFlags(fs)
	name := fs.String("name", "", "the name, in any script or spelling")
	dob := fs.String("dob", "", "date of birth: YYYY, YYYY-MM or YYYY-MM-DD")
	doc := fs.String("document", "", "a document number (passport, ID card, border pass)")
	nat := fs.String("nationality", "", "two-letter country code")
	limit := fs.Int("limit", 10, "candidates shown at most")
	asJSON := fs.Bool("json", false, "print the answer as JSON")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "borderlink screen: unexpected %q (put the name in --name \"…\")\n", fs.Arg(0))
		return errUsage
	}
	if strings.TrimSpace(*name) == "" && strings.TrimSpace(*doc) == "" {
		fmt.Fprintln(e.stderr, "borderlink screen: give --name or --document")
		return errUsage
	}
	c, err := cf.client(e)
	if err != nil {
		return err
	}
	var res screenAnswer
	q := map[string]any{"name": *name, "dob": *dob, "document": *doc, "nationality": *nat, "limit": *limit}
	if err := c.call(ctx, "POST", "/api/v1/screen", q, &res); err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e, res)
	}
	printCandidates(e, *name, res)
	if res.Hit {
		return errHit{1}
	}
	return nil
}

type screenAnswer struct {
	Hit        bool `json:"hit"`
	Candidates []struct {
		ID       string   `json:"id"`
		Score    float64  `json:"score"`
		Names    []string `json:"names"`
		Reasons  []string `json:"reasons"`
		Kind     string   `json:"kind"`
		List     string   `json:"list"`
		DOB      string   `json:"dob"`
		Status   string   `json:"status"`
		Danger   []string `json:"danger"`
		Origin   string   `json:"origin"`
		ListName string   `json:"list_name"`
	} `json:"candidates"`
}

func printCandidates(e *env, name string, res screenAnswer) {
	switch {
	case len(res.Candidates) == 0:
		fmt.Fprintf(e.stdout, "%s: no candidate\n", name)
		return
	case res.Hit:
		fmt.Fprintf(e.stdout, "%s: HIT\n", name)
	default:
		fmt.Fprintf(e.stdout, "%s: no hit; %d leads to look at\n", name, len(res.Candidates))
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCORE\tSOURCE\tID\tNAMES\tBORN\tREASONS")
	for _, c := range res.Candidates {
		src := "wanted (" + c.Origin + ", " + c.Status + ")"
		if c.Kind == "list" {
			src = "list " + c.List
		}
		if len(c.Danger) > 0 {
			src += " " + strings.ToUpper(strings.Join(c.Danger, ","))
		}
		fmt.Fprintf(tw, "%.2f\t%s\t%s\t%s\t%s\t%s\n", c.Score, src, c.ID, strings.Join(c.Names, " / "), c.DOB,
			strings.Join(c.Reasons, ","))
	}
	tw.Flush()
}

func printJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func screenBatch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "screen batch", screenHelp)
	cf := addClientFlags(fs)
	asJSON := fs.Bool("json", false, "print the answers as JSON")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "borderlink screen batch: name one file")
		return errUsage
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	c, err := cf.client(e)
	if err != nil {
		return err
	}
	ct := "text/csv"
	if t := bytes.TrimSpace(data); len(t) > 0 && (t[0] == '[' || t[0] == '{') {
		ct = "application/json"
	}
	status, body, err := c.send(ctx, "POST", "/api/v1/screen/batch", ct, bytes.NewReader(data))
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return apiError(status, body)
	}
	var out struct {
		Hits    int `json:"hits"`
		Results []struct {
			Index int    `json:"index"`
			Ref   string `json:"ref"`
			Name  string `json:"name"`
			screenAnswer
			Error *struct{ Code, Message string } `json:"error"`
		} `json:"results"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return err
	}
	if *asJSON {
		if err := printJSON(e, json.RawMessage(body)); err != nil {
			return err
		}
	} else {
		bad := 0
		for _, r := range out.Results {
			label := r.Name
			if r.Ref != "" {
				label = r.Ref + " " + r.Name
			}
			if r.Error != nil {
				bad++
				fmt.Fprintf(e.stdout, "%s: not screened: %s\n", label, r.Error.Message)
				continue
			}
			if r.Hit || len(r.Candidates) > 0 {
				printCandidates(e, label, r.screenAnswer)
			}
		}
		fmt.Fprintf(e.stdout, "%d screened, %d hits, %d not screened\n", len(out.Results)-bad, out.Hits, bad)
	}
	if out.Hits > 0 {
		return errHit{out.Hits}
	}
	return nil
}

func screenLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "screen load", screenHelp)
	cf := addClientFlags(fs)
	list := fs.String("list", "", "the list's id: lower-case letters, digits and dashes (default: from the file name)")
	listName := fs.String("list-name", "", "the name officers see beside a candidate (default: the id)")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "borderlink screen load: name one file")
		return errUsage
	}
	path := fs.Arg(0)
	id := *list
	if id == "" {
		id = strings.ToLower(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	c, err := cf.client(e)
	if err != nil {
		return err
	}
	q := url.Values{"file": {filepath.Base(path)}}
	if *listName != "" {
		q.Set("name", *listName)
	}
	status, body, err := c.send(ctx, "PUT", "/api/v1/screen/lists/"+url.PathEscape(id)+"?"+q.Encode(), "text/csv", bytes.NewReader(data))
	if err != nil {
		return err
	}
	var rep struct {
		List struct {
			ID, Name string
		}
		Rows, Loaded, Rejected, Replaced int
		Problems                         []struct {
			Line                   int
			Column, Value, Message string
		}
		Error *struct{ Code, Message string }
	}
	if status != http.StatusOK && status != http.StatusUnprocessableEntity {
		return apiError(status, body)
	}
	if err := json.Unmarshal(body, &rep); err != nil {
		return err
	}
	if len(rep.Problems) > 0 {
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LINE\tCOLUMN\tVALUE\tPROBLEM (row skipped)")
		for _, p := range rep.Problems {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", p.Line, p.Column, p.Value, p.Message)
		}
		tw.Flush()
		if rep.Rejected > len(rep.Problems) {
			fmt.Fprintf(e.stdout, "… and %d more rows skipped\n", rep.Rejected-len(rep.Problems))
		}
	}
	if rep.Error != nil {
		return fmt.Errorf("nothing loaded: %s", rep.Error.Message)
	}
	fmt.Fprintf(e.stdout, "list %s: %d loaded, %d rows skipped, %d entries replaced\n", rep.List.ID, rep.Loaded, rep.Rejected, rep.Replaced)
	return nil
}

func screenLists(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "screen lists", screenHelp)
	cf := addClientFlags(fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	c, err := cf.client(e)
	if err != nil {
		return err
	}
	data, err := c.get(ctx, "/api/v1/screen/lists")
	if err != nil {
		return err
	}
	var raw struct {
		Entries int `json:"entries"`
		Wanted  int `json:"wanted"`
		Lists   []struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			File     string `json:"file"`
			Entries  int    `json:"entries"`
			Rejected int    `json:"rejected"`
			Loaded   string `json:"loaded"`
			LoadedBy string `json:"loaded_by"`
		} `json:"lists"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d subjects screened: %d wanted notices and %d watch lists\n", raw.Entries, raw.Wanted, len(raw.Lists))
	if len(raw.Lists) > 0 {
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LIST\tNAME\tENTRIES\tSKIPPED\tFILE\tLOADED\tBY")
		for _, l := range raw.Lists {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\n", l.ID, l.Name, l.Entries, l.Rejected, l.File, l.Loaded, l.LoadedBy)
		}
		tw.Flush()
	}
	return nil
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
)

const importHelp = `Usage: borderlink import [flags] FILE

Imports a spreadsheet of drug-enforcement figures (XLSX or CSV) into a
running node through its JSON API, as the user of an API token
(BORDERLINK_TOKEN or --token-file; the user needs stats.import over the
places of the rows). Every row is checked; a file with a bad row imports
nothing, and each bad row is printed with its line, column and reason.
Importing the same file again, fixed or not, never creates duplicates.

Example:
  export BORDERLINK_TOKEN=$(borderlink token create --data demo-data/vn --user analyst)
  borderlink import --dry-run nghe-an-2025.xlsx
  borderlink import nghe-an-2025.xlsx

Flags:
`

const exportHelp = `Usage: borderlink export report [flags]

Downloads the conference report of a period and provinces from a running
node's JSON API (BORDERLINK_TOKEN or --token-file), in Vietnamese, Lao or
English, as XLSX (one sheet per table), CSV or the paragraph as text.

Example:
  borderlink export report --from 2025-01-01 --to 2025-12-31 \
    --province VN-11,VN-14,VN-38,VN-40,LA-02,LA-06,LA-07,LA-09 --lang lo --out report-2025-lo.xlsx

Flags:
`

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", importHelp)
	cf := addClientFlags(fs)
	dry := fs.Bool("dry-run", false, "check the file only; import nothing")
	sheet := fs.String("sheet", "", "XLSX sheet (default: the first)")
	mapping := fs.String("mapping", "", "columns of a header that is not recognised: field=column pairs, e.g. date=A,place=B,drug=D,quantity=F,unit=G")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "borderlink import: name one file")
		return errUsage
	}
	path := fs.Arg(0)
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	c, err := cf.client(e)
	if err != nil {
		return err
	}
	q := url.Values{"name": {filepath.Base(path)}}
	if *dry {
		q.Set("dry_run", "true")
	}
	if *sheet != "" {
		q.Set("sheet", *sheet)
	}
	if *mapping != "" {
		q.Set("mapping", *mapping)
	}
	status, body, err := c.send(ctx, "POST", "/api/v1/stats/import?"+q.Encode(), "application/octet-stream", bytes.NewReader(data))
	if err != nil {
		return err
	}
	if status != http.StatusOK && status != http.StatusUnprocessableEntity {
		return apiError(status, body)
	}
	var rep struct {
		File, Format, Encoding string
		Rows, Bad              int
		Committed              bool
		Created, Replaced      int
		Problems               []struct {
			Line            int
			Column, Message string
		}
	}
	if err := json.Unmarshal(body, &rep); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %s, %s, %d rows\n", rep.File, rep.Format, rep.Encoding, rep.Rows)
	if rep.Bad > 0 {
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LINE\tCOLUMN\tPROBLEM")
		for _, p := range rep.Problems {
			fmt.Fprintf(tw, "%d\t%s\t%s\n", p.Line, p.Column, p.Message)
		}
		tw.Flush()
		return fmt.Errorf("%d of %d rows have problems: nothing was imported", rep.Bad, rep.Rows)
	}
	if rep.Committed {
		fmt.Fprintf(e.stdout, "imported: %d new, %d replacing an earlier import\n", rep.Created, rep.Replaced)
	} else {
		fmt.Fprintln(e.stdout, "every row is valid; nothing imported (--dry-run)")
	}
	return nil
}

func runExport(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "report" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprint(e.stdout, exportHelp)
			return nil
		}
		fmt.Fprint(e.stderr, exportHelp)
		return errUsage
	}
	fs := newFlags(e, "export report", exportHelp)
	cf := addClientFlags(fs)
	from := fs.String("from", "", "first day YYYY-MM-DD (default: 1 January of this year)")
	to := fs.String("to", "", "last day YYYY-MM-DD (default: today)")
	provinces := fs.String("province", "", "province codes, comma-separated (old or new)")
	country := fs.String("country", "", "VN or LA only")
	lang := fs.String("lang", "", "language of the report: vi, lo or en (default: the user's)")
	format := fs.String("format", "", "xlsx, csv or text (default: from the --out file's extension, else text)")
	out := fs.String("out", "", "file to write (default: standard output)")
	if err := parse(e, fs, args[1:]); err != nil {
		return err
	}
	f := *format
	if f == "" {
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".xlsx":
			f = "xlsx"
		case ".csv":
			f = "csv"
		default:
			f = "text"
		}
	}
	if f != "xlsx" && f != "csv" && f != "text" {
		fmt.Fprintln(e.stderr, "borderlink export report: --format is xlsx, csv or text")
		return errUsage
	}
	c, err := cf.client(e)
	if err != nil {
		return err
	}
	q := url.Values{}
	for k, v := range map[string]string{"from": *from, "to": *to, "province": *provinces, "country": *country, "lang": *lang} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f != "text" {
		q.Set("format", f)
	}
	body, err := c.get(ctx, "/api/v1/stats/report?"+q.Encode())
	if err != nil {
		return err
	}
	if f == "text" {
		var doc struct {
			Title, Period, Summary, Comparison string
			Notes                              []string
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			return err
		}
		body = []byte(strings.Join(append([]string{doc.Title, doc.Period, "", doc.Summary, doc.Comparison}, doc.Notes...), "\n") + "\n")
	}
	if *out == "" {
		if f == "xlsx" {
			return errors.New("an XLSX report needs --out FILE")
		}
		_, err := e.stdout.Write(body)
		return err
	}
	return os.WriteFile(*out, body, 0o644)
}

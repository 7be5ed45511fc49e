package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/stats/importer"
	"github.com/borderlink/borderlink/stats/report"
)

// statRow is a row of sums as the API gives it: the stored integers and,
// for reading, the weight in kilograms and the volume in litres.
type statRow struct {
	stats.Row
	Kilograms float64 `json:"kilograms"`
	Litres    float64 `json:"litres"`
}

func statRows(rows []stats.Row) []statRow {
	out := make([]statRow, len(rows))
	for i, r := range rows {
		out[i] = statRow{Row: r, Kilograms: r.Kilograms(), Litres: float64(r.Millilitre) / 1000}
	}
	return out
}

type seizureTable struct {
	Filter stats.Filter   `json:"filter"`
	By     []stats.Column `json:"by"`
	Rows   []statRow      `json:"rows"`
}

// statsFilter reads the filter of a statistics question from the query.
func (a *API) statsFilter(r *http.Request) (stats.Filter, error) {
	return stats.ParseFilter(r.URL.Query(), borderlink.DateOf(a.Clock.Now()))
}

// statsSeizures answers GET /api/v1/stats/seizures: sums for the filter,
// grouped by the columns of by (default drug).
func (a *API) statsSeizures(w http.ResponseWriter, r *http.Request) {
	f, err := a.statsFilter(r)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	by := []stats.Column{stats.ByDrug}
	if s := r.URL.Query().Get("by"); s != "" {
		if by, err = stats.ParseColumns(s); err != nil {
			a.Error(w, r, err)
			return
		}
	}
	rows, err := a.Stats.Sum(r.Context(), principal(r), f, by...)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, seizureTable{Filter: f, By: by, Rows: statRows(rows)})
}

// statsSummary answers GET /api/v1/stats/summary: the totals and the
// breakdowns by drug, province, agency, country and month, each with the
// previous period of the same length.
func (a *API) statsSummary(w http.ResponseWriter, r *http.Request) {
	f, err := a.statsFilter(r)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	s, err := a.Stats.Summary(r.Context(), principal(r), f)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if s.ByDrug == nil {
		s.ByDrug = []stats.Figures{}
	}
	if s.ByProvince == nil {
		s.ByProvince = []stats.Figures{}
	}
	if s.ByAgency == nil {
		s.ByAgency = []stats.Figures{}
	}
	if s.ByCountry == nil {
		s.ByCountry = []stats.Figures{}
	}
	if s.ByMonth == nil {
		s.ByMonth = []stats.Row{}
	}
	writeJSON(w, http.StatusOK, s)
}

type releaseRequest struct {
	From string `json:"from"` // YYYY-MM or YYYY-MM-DD
	To   string `json:"to"`
}

type releaseAnswer struct {
	Months int `json:"months"`
}

// statsRelease answers POST /api/v1/stats/release: the node's figures of
// the whole months from..to go to the partner ministry's node.
func (a *API) statsRelease(w http.ResponseWriter, r *http.Request) {
	var req releaseRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		a.Error(w, r, err)
		return
	}
	from, err := stats.ParseMonth(req.From)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	to, err := stats.ParseMonth(req.To)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	n, err := a.Stats.Release(r.Context(), principal(r), from, to)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, releaseAnswer{Months: n})
}

// statsImport answers POST /api/v1/stats/import: the body is the
// spreadsheet itself (its name in ?name=, for the format and the audit
// trail), checked whole and imported when every row is good (?dry_run=true
// only checks). 200 with the report when it was imported or checked; 422
// with the report, listing every bad row in the caller's language, when
// nothing was imported.
func (a *API) statsImport(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			err = borderlink.Errorf(borderlink.ETooLarge, "error.import_too_large", "the file is too large", "max_mib", importer.MaxFileBytes>>20)
		}
		a.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	name := q.Get("name")
	if name == "" {
		name = "upload"
	}
	mapping, err := importer.ParseMapping(q.Get("mapping"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	rep, err := a.Import.Import(r.Context(), principal(r), importer.Request{Name: name, Data: data, Sheet: q.Get("sheet"),
		Mapping: mapping, DryRun: q.Get("dry_run") == "true"})
	if err != nil {
		a.Error(w, r, err)
		return
	}
	p := a.printer(r)
	out := importAnswer{Report: rep, Problems: make([]statsImportProblem, len(rep.Problems))}
	for i, pr := range rep.Problems {
		out.Problems[i] = statsImportProblem{Line: pr.Line, Column: pr.Column, Code: pr.Key, Message: p.T(pr.Key, pr.Args...)}
	}
	status := http.StatusOK
	if rep.Bad > 0 {
		status = http.StatusUnprocessableEntity
	}
	writeJSON(w, status, out)
}

type importAnswer struct {
	importer.Report
	Problems []statsImportProblem `json:"problems"`
}

// statsImportProblem is one problem of a row, with its message for people.
type statsImportProblem struct {
	Line    int    `json:"line"`
	Column  string `json:"column,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// statsReport answers GET /api/v1/stats/report: the conference report of
// the filter in ?lang= (default the caller's language), as JSON (the
// paragraph and the tables), or with ?format=xlsx or csv as the file.
func (a *API) statsReport(w http.ResponseWriter, r *http.Request) {
	f, err := a.statsFilter(r)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	p := a.printer(r)
	if l, ok := borderlink.ParseLang(r.URL.Query().Get("lang")); ok {
		p = a.Catalog.Printer(l)
	}
	rep, err := a.Stats.Report(r.Context(), principal(r), f)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	doc := report.Render(rep, p, a.Units.Tree(), a.Stats.Drugs(), string(a.NodeID), a.Clock.Now())
	name := "borderlink-report-" + f.From.String() + "-" + f.To.String() + "-" + string(p.Lang())
	var buf bytes.Buffer
	switch format := r.URL.Query().Get("format"); format {
	case "", "json":
		writeJSON(w, http.StatusOK, doc)
		return
	case "xlsx":
		err = report.WriteXLSX(&buf, doc)
		name += ".xlsx"
	case "csv":
		err = report.WriteCSV(&buf, doc)
		name += ".csv"
	default:
		a.Error(w, r, borderlink.Errorf(borderlink.EInvalid, "error.bad_param", "format must be json, xlsx or csv", "name", "format"))
		return
	}
	if err != nil {
		a.Error(w, r, err)
		return
	}
	ct := "text/csv; charset=utf-8"
	if strings.HasSuffix(name, ".xlsx") {
		ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	sum := sha256.Sum256(buf.Bytes())
	httpx.ServeDownload(w, name, ct, hex.EncodeToString(sum[:]), buf.Bytes())
}

package api

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/internal/httpx"
)

// screenRequest is one question to POST /api/v1/screen. Every field but
// one of name and document is optional; empty strings mean absent.
type screenRequest struct {
	Name        string `json:"name"`
	DOB         string `json:"dob"`
	Document    string `json:"document"`
	Nationality string `json:"nationality"`
	Limit       int    `json:"limit"`
	// Ref is the caller's own reference of a batch row, given back.
	Ref string `json:"ref,omitempty"`
}

func (q screenRequest) query() checkpoint.Query {
	return checkpoint.Query{Name: q.Name, DOB: q.DOB, Document: q.Document, Nationality: q.Nationality, Limit: q.Limit}
}

// screen answers POST /api/v1/screen: {"hit":…, "candidates":[…]}, best
// first.
func (a *API) screen(w http.ResponseWriter, r *http.Request) {
	var in screenRequest
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	if in.Limit < 0 {
		a.Error(w, r, borderlink.Errorf(borderlink.EInvalid, "error.bad_param", "limit must be a non-negative integer", "name", "limit"))
		return
	}
	res, err := a.Screening.Screen(r.Context(), principal(r), in.query())
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// maxScreenBatchBody bounds a batch: a thousand queries of long names.
const maxScreenBatchBody = 1 << 20

// batchAnswer is one answer of a batch, in the order of the questions: the
// result, or the error of a question that could not be asked.
type batchAnswer struct {
	Index int    `json:"index"`
	Ref   string `json:"ref,omitempty"`
	Name  string `json:"name"`
	*checkpoint.Result
	Error *batchError `json:"error,omitempty"`
}

type batchError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// screenBatch answers POST /api/v1/screen/batch. The body is a JSON list of
// questions (or {"queries":[…]}), or CSV (Content-Type text/csv) with a
// header naming name and any of dob, document, nationality and ref. A bad
// question gets its error in its place; the others are answered.
func (a *API) screenBatch(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		a.Error(w, r, httpx.BodyError(err))
		return
	}
	var qs []screenRequest
	if ct := r.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/csv") || strings.HasPrefix(ct, "text/plain") {
		qs, err = batchCSV(body)
	} else {
		qs, err = batchJSON(body)
	}
	if err != nil {
		a.Error(w, r, err)
		return
	}
	queries := make([]checkpoint.Query, len(qs))
	for i, q := range qs {
		queries[i] = q.query()
	}
	rs, err := a.Screening.ScreenBatch(r.Context(), principal(r), queries)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	p := a.printer(r)
	out := struct {
		Results []batchAnswer `json:"results"`
		Hits    int           `json:"hits"`
	}{Results: make([]batchAnswer, len(rs))}
	for i, res := range rs {
		ans := batchAnswer{Index: i, Ref: qs[i].Ref, Name: qs[i].Name}
		if res.Err != nil {
			be := borderlink.AsError(res.Err)
			ans.Error = &batchError{Code: be.Code, Message: p.Err(be)}
		} else {
			ans.Result = &rs[i].Result
			if res.Hit {
				out.Hits++
			}
		}
		out.Results[i] = ans
	}
	writeJSON(w, http.StatusOK, out)
}

func batchJSON(body []byte) ([]screenRequest, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		body = append(append([]byte(`{"queries":`), trimmed...), '}')
	}
	var in struct {
		Queries []screenRequest `json:"queries"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return nil, httpx.BodyError(err)
	}
	return in.Queries, nil
}

// batchCSV reads a batch written as CSV with a header row.
func batchCSV(body []byte) ([]screenRequest, error) {
	body = bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))
	cr := csv.NewReader(bytes.NewReader(body))
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.screen_batch_csv", "the batch is not valid CSV", "line", pe.StartLine)
	}
	if err != nil || len(rows) == 0 {
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.screen_batch_header", "the batch needs a header row naming name")
	}
	cols := map[string]int{}
	for i, h := range rows[0] {
		cols[strings.ToLower(strings.TrimSpace(h))] = i
	}
	_, hasName := cols["name"]
	_, hasDoc := cols["document"]
	if !hasName && !hasDoc {
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.screen_batch_header", "the batch needs a header row naming name")
	}
	var out []screenRequest
	for _, row := range rows[1:] {
		get := func(c string) string {
			if i, ok := cols[c]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		out = append(out, screenRequest{Name: get("name"), DOB: get("dob"), Document: get("document"),
			Nationality: get("nationality"), Ref: get("ref")})
	}
	return out, nil
}

// screenLists answers GET /api/v1/screen/lists: the watch lists loaded and
// how many subjects the index holds.
func (a *API) screenLists(w http.ResponseWriter, r *http.Request) {
	sz := a.Screening.Size()
	if sz.Lists == nil {
		sz.Lists = []checkpoint.List{}
	}
	writeJSON(w, http.StatusOK, sz)
}

type listProblem struct {
	Line    int    `json:"line"`
	Column  string `json:"column,omitempty"`
	Value   string `json:"value,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

type loadAnswer struct {
	checkpoint.LoadReport
	Problems []listProblem `json:"problems"`
	Error    *batchError   `json:"error,omitempty"`
}

// loadList answers PUT /api/v1/screen/lists/{id}: the body is the list
// file (CSV, columns id,name,alt_names,dob,document,nationality), its name
// in ?name= and its file name in ?file=. 200 with the report when loaded
// (bad rows listed and skipped); 422 with the report and the error when
// nothing could be loaded.
func (a *API) loadList(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			err = borderlink.Errorf(borderlink.ETooLarge, "error.list_too_large", "the list file is too large", "max_mib", checkpoint.MaxListBytes>>20)
		}
		a.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	rep, err := a.Screening.LoadList(r.Context(), principal(r), checkpoint.LoadInput{ListID: r.PathValue("id"),
		Name: q.Get("name"), File: q.Get("file"), Data: data})
	if err != nil && len(rep.Problems) == 0 && rep.Rows == 0 {
		a.Error(w, r, err)
		return
	}
	p := a.printer(r)
	out := loadAnswer{LoadReport: rep, Problems: make([]listProblem, len(rep.Problems))}
	for i, pr := range rep.Problems {
		out.Problems[i] = listProblem{Line: pr.Line, Column: pr.Column, Value: pr.Value, Code: pr.Err.Key, Message: p.Err(pr.Err)}
	}
	status := http.StatusOK
	if err != nil {
		be := borderlink.AsError(err)
		out.Error = &batchError{Code: be.Code, Message: p.Err(be)}
		status = httpx.Status(be.Code)
		if be.Code == borderlink.EInvalid {
			status = http.StatusUnprocessableEntity
		}
	}
	writeJSON(w, status, out)
}

// deleteList answers DELETE /api/v1/screen/lists/{id} with 204.
func (a *API) deleteList(w http.ResponseWriter, r *http.Request) {
	if err := a.Screening.DeleteList(r.Context(), principal(r), r.PathValue("id")); err != nil {
		a.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

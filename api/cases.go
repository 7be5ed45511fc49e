package api

import (
	"net/http"
	"strings"

	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/httpx"
)

// caseFilter reads q, status, unit, limit and offset.
func caseFilter(r *http.Request) (cases.Filter, error) {
	q := r.URL.Query()
	f := cases.Filter{Query: q.Get("q"), Name: q.Get("name"), Status: cases.Status(q.Get("status")), Unit: strings.TrimSpace(q.Get("unit"))}
	var err error
	if f.Limit, err = intParam(r, "limit", 50); err != nil {
		return f, err
	}
	f.Offset, err = intParam(r, "offset", 0)
	return f, err
}

type caseList struct {
	Cases []cases.Case `json:"cases"`
	Total int          `json:"total"`
}

// listCases answers GET /api/v1/cases: the cases the caller may read, own
// and the partner's released ones, most recently changed first.
func (a *API) listCases(w http.ResponseWriter, r *http.Request) {
	f, err := caseFilter(r)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	cs, total, err := a.Cases.Cases(r.Context(), principal(r), f)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if cs == nil {
		cs = []cases.Case{}
	}
	writeJSON(w, http.StatusOK, caseList{Cases: cs, Total: total})
}

// createCase answers POST /api/v1/cases with the case created (201).
func (a *API) createCase(w http.ResponseWriter, r *http.Request) {
	var in cases.NewCase
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	c, err := a.Cases.CreateCase(r.Context(), principal(r), in)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/cases/"+c.ID)
	writeJSON(w, http.StatusCreated, c)
}

// getCase answers GET /api/v1/cases/{id}: the case file with its subjects,
// persons, events, seizures, arrests and links.
func (a *API) getCase(w http.ResponseWriter, r *http.Request) {
	f, err := a.Cases.Case(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, f)
}

// setCaseStatus answers POST /api/v1/cases/{id}/status.
func (a *API) setCaseStatus(w http.ResponseWriter, r *http.Request) {
	var in cases.NewStatus
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	c, err := a.Cases.SetCaseStatus(r.Context(), principal(r), r.PathValue("id"), in)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// addSubject answers POST /api/v1/cases/{id}/subjects (201).
func (a *API) addSubject(w http.ResponseWriter, r *http.Request) {
	var in cases.NewSubject
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	sb, err := a.Cases.AddSubject(r.Context(), principal(r), r.PathValue("id"), in)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, sb)
}

// addEvent answers POST /api/v1/cases/{id}/events (201).
func (a *API) addEvent(w http.ResponseWriter, r *http.Request) {
	var in cases.NewEvent
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	e, err := a.Cases.CreateEvent(r.Context(), principal(r), r.PathValue("id"), in)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, e)
}

type personList struct {
	Persons []cases.Person `json:"persons"`
	Total   int            `json:"total"`
}

// listPersons answers GET /api/v1/persons?name=…: the persons the caller
// may see. Every person shown is recorded in the audit trail.
func (a *API) listPersons(w http.ResponseWriter, r *http.Request) {
	f, err := caseFilter(r)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	ps, total, err := a.Cases.Persons(r.Context(), principal(r), f)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if ps == nil {
		ps = []cases.Person{}
	}
	writeJSON(w, http.StatusOK, personList{Persons: ps, Total: total})
}

// createPerson answers POST /api/v1/persons (201).
func (a *API) createPerson(w http.ResponseWriter, r *http.Request) {
	var in cases.NewPerson
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	p, err := a.Cases.CreatePerson(r.Context(), principal(r), in)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/persons/"+p.ID)
	writeJSON(w, http.StatusCreated, p)
}

// getPerson answers GET /api/v1/persons/{id} (audited).
func (a *API) getPerson(w http.ResponseWriter, r *http.Request) {
	p, err := a.Cases.Person(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// createSeizure answers POST /api/v1/seizures (201); its figures enter the
// statistics in the same transaction.
func (a *API) createSeizure(w http.ResponseWriter, r *http.Request) {
	var in cases.NewSeizure
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	z, err := a.Cases.CreateSeizure(r.Context(), principal(r), in)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/seizures/"+z.ID)
	writeJSON(w, http.StatusCreated, z)
}

// getSeizure answers GET /api/v1/seizures/{id}.
func (a *API) getSeizure(w http.ResponseWriter, r *http.Request) {
	z, err := a.Cases.Seizure(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, z)
}

// createArrest answers POST /api/v1/arrests (201).
func (a *API) createArrest(w http.ResponseWriter, r *http.Request) {
	var in cases.NewArrest
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	x, err := a.Cases.CreateArrest(r.Context(), principal(r), in)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/arrests/"+x.ID)
	writeJSON(w, http.StatusCreated, x)
}

// getArrest answers GET /api/v1/arrests/{id}.
func (a *API) getArrest(w http.ResponseWriter, r *http.Request) {
	x, err := a.Cases.Arrest(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, x)
}

type releaseRecord struct {
	Kind string `json:"kind"` // case, case_subject, event, seizure or arrest
	ID   string `json:"id"`
}

type releasedAnswer struct {
	Kind     string `json:"kind"`
	ID       string `json:"id"`
	Released bool   `json:"released"`
}

// releaseRecord answers POST /api/v1/releases: one of the node's own
// records of a releasable case goes to the partner node.
func (a *API) releaseRecord(w http.ResponseWriter, r *http.Request) {
	var in releaseRecord
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	if err := a.Cases.Release(r.Context(), principal(r), in.Kind, in.ID); err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, releasedAnswer{Kind: in.Kind, ID: in.ID, Released: true})
}

type linkRequest struct {
	OtherCaseID string         `json:"other_case_id"`
	Kind        cases.LinkKind `json:"kind"` // related, split_from, merged_into
}

// linkCases answers POST /api/v1/cases/{id}/links (201): a note of this
// node relating two cases it may read.
func (a *API) linkCases(w http.ResponseWriter, r *http.Request) {
	var in linkRequest
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	l, err := a.Cases.LinkCases(r.Context(), principal(r), r.PathValue("id"), in.OtherCaseID, in.Kind)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, l)
}

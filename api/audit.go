package api

import (
	"net/http"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/units"
)

// AuditScope returns the units whose entries p may read: nil (all) for an
// auditor at a ministry, otherwise the units of p's audit grants and every
// unit below them.
func AuditScope(p auth.Principal, t *units.Tree) []string {
	if p.Unrestricted() {
		return nil
	}
	grants := p.ScopeUnits(auth.PermAuditRead)
	for _, g := range grants {
		if u, err := t.Get(g); err == nil && u.Parent == "" {
			return nil
		}
	}
	out := t.Subtree(grants...)
	if out == nil {
		out = []string{}
	}
	return out
}

type auditList struct {
	Entries []audit.Entry `json:"entries"`
	Total   int           `json:"total"`
}

// parseTime accepts RFC 3339 times and plain dates (YYYY-MM-DD, midnight UTC).
func parseTime(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := borderlink.ParseDate(s)
	if err != nil {
		return time.Time{}, borderlink.Errorf(borderlink.EInvalid, "error.bad_param",
			"parameter "+name+" must be a date or an RFC 3339 time", "name", name)
	}
	return d.Time(), nil
}

// AuditFilter reads the trail's filter from query parameters (shared by the
// page and the API): actor, action (prefix), object_type, object, outcome,
// from, to, limit, offset.
func AuditFilter(r *http.Request) (audit.Filter, error) {
	q := r.URL.Query()
	f := audit.Filter{Actor: q.Get("actor"), Action: q.Get("action"), ObjectType: q.Get("object_type"),
		ObjectID: q.Get("object"), Outcome: q.Get("outcome")}
	var err error
	if f.From, err = parseTime("from", q.Get("from")); err != nil {
		return f, err
	}
	if f.To, err = parseTime("to", q.Get("to")); err != nil {
		return f, err
	}
	if f.Limit, err = intParam(r, "limit", 50); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(r, "offset", 0); err != nil {
		return f, err
	}
	return f, nil
}

// listAudit answers GET /api/v1/audit, newest first. Reading the trail is
// itself recorded.
func (a *API) listAudit(w http.ResponseWriter, r *http.Request) {
	f, err := AuditFilter(r)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	p := principal(r)
	f.Units = AuditScope(p, a.Units.Tree())
	entries, total, err := audit.List(r.Context(), a.AuditDB, f)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if err := a.recordRead(r, "audit.view", "audit", r.URL.RawQuery); err != nil {
		a.Error(w, r, err)
		return
	}
	if entries == nil {
		entries = []audit.Entry{}
	}
	writeJSON(w, http.StatusOK, auditList{Entries: entries, Total: total})
}

// verifyAudit answers POST /api/v1/audit/verify with the verification report.
func (a *API) verifyAudit(w http.ResponseWriter, r *http.Request) {
	rep, err := audit.Verify(r.Context(), a.AuditDB, a.AuditKey, a.NodeID)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	outcome := audit.OutcomeOK
	if !rep.OK {
		outcome = audit.OutcomeFailed
	}
	if err := a.record(r, audit.Entry{Action: "audit.verify", ObjectType: "audit", Outcome: outcome, Detail: rep.String()}); err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// recordRead audits a read of sensitive data by the caller.
func (a *API) recordRead(r *http.Request, action, objectType, objectID string) error {
	return a.record(r, audit.Entry{Action: action, ObjectType: objectType, ObjectID: objectID, Outcome: audit.OutcomeOK})
}

func (a *API) record(r *http.Request, e audit.Entry) error {
	in := httpx.From(r)
	if in.Principal != nil {
		e.Actor, e.ActorUnit = in.Principal.Username, in.Principal.Unit()
	}
	e.Source = in.Source
	if len(e.ObjectID) > 200 {
		e.ObjectID = e.ObjectID[:200]
	}
	return a.AuditDB.Update(r.Context(), func(tx audit.Tx) error { return a.Audit.Record(r.Context(), tx.Audit(), e) })
}

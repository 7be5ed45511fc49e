package web

import (
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/borderlink/borderlink/api"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/httpx"
)

type verifyView struct {
	OK       bool
	Message  string
	Problems []string
}

type auditView struct {
	Actor, Action, Object, From, To string
	Outcomes                        []option
	Entries                         []entryView
	Pager                           *pager
	Verify                          *verifyView
}

// auditPage lists the trail with filters, newest first. Opening it is
// itself recorded.
func (wb *Web) auditPage(w http.ResponseWriter, r *http.Request) {
	wb.renderAudit(w, r, nil)
}

func (wb *Web) renderAudit(w http.ResponseWriter, r *http.Request, vr *verifyView) {
	in := httpx.From(r)
	f, err := api.AuditFilter(r)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	f.Units = api.AuditScope(*in.Principal, wb.Units.Tree())
	entries, total, err := audit.List(r.Context(), wb.AuditDB, f)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	if err := wb.record(r, audit.Entry{Action: "audit.view", ObjectType: "audit", ObjectID: r.URL.RawQuery, Outcome: audit.OutcomeOK}); err != nil {
		wb.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	v := auditView{Actor: q.Get("actor"), Action: q.Get("action"), Object: q.Get("object"), From: q.Get("from"), To: q.Get("to"), Verify: vr}
	for _, o := range []string{audit.OutcomeOK, audit.OutcomeDenied, audit.OutcomeFailed} {
		v.Outcomes = append(v.Outcomes, option{Value: o, Label: in.P.T("audit.outcome_" + o), Selected: q.Get("outcome") == o})
	}
	for _, e := range entries {
		v.Entries = append(v.Entries, wb.entryView(in, e))
	}
	v.Pager = newPager(in, r.URL, f.Offset, f.Limit, total)
	wb.render(w, r, http.StatusOK, "audit", &page{Title: in.P.T("audit.title"), Nav: "audit", Data: v})
}

// auditVerify checks the whole log against its signed checkpoints and shows
// the result above the trail.
func (wb *Web) auditVerify(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	rep, err := audit.Verify(r.Context(), wb.AuditDB, wb.AuditKey, wb.NodeID)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	vr := &verifyView{OK: rep.OK}
	outcome := audit.OutcomeOK
	if rep.OK {
		vr.Message = in.P.T("audit.verified", "entries", rep.Entries, "checkpoints", rep.Checkpoints)
	} else {
		outcome = audit.OutcomeFailed
		vr.Message = in.P.T("audit.tampered", "problems", len(rep.Problems)+rep.Omitted)
		for i, p := range rep.Problems {
			if i == 20 {
				break
			}
			vr.Problems = append(vr.Problems, p.String())
		}
	}
	if err := wb.record(r, audit.Entry{Action: "audit.verify", ObjectType: "audit", Outcome: outcome, Detail: clip(rep.String(), 400)}); err != nil {
		wb.Error(w, r, err)
		return
	}
	r.URL.RawQuery = ""
	wb.renderAudit(w, r, vr)
}

// record appends an entry for the signed-in user's action.
func (wb *Web) record(r *http.Request, e audit.Entry) error {
	in := httpx.From(r)
	if in.Principal != nil {
		e.Actor, e.ActorUnit = in.Principal.Username, in.Principal.Unit()
	}
	e.Source = in.Source
	e.ObjectID = clip(e.ObjectID, 200)
	return wb.AuditDB.Update(r.Context(), func(tx audit.Tx) error { return wb.Audit.Record(r.Context(), tx.Audit(), e) })
}

// clip shortens s to at most n bytes without splitting a character.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// pager links the pages of a list.
type pager struct {
	P           *i18n.Printer
	Page, Pages int
	Prev, Next  string
}

func newPager(in *httpx.Info, u *url.URL, offset, limit, total int) *pager {
	if limit <= 0 {
		limit = 50
	}
	pg := &pager{P: in.P, Page: offset/limit + 1, Pages: (total + limit - 1) / limit}
	link := func(off int) string {
		q := u.Query()
		q.Set("offset", strconv.Itoa(off))
		q.Set("limit", strconv.Itoa(limit))
		return u.Path + "?" + q.Encode()
	}
	if offset > 0 {
		pg.Prev = link(max(0, offset-limit))
	}
	if offset+limit < total {
		pg.Next = link(offset + limit)
	}
	return pg
}

package web

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/screening"
)

// maxListUpload is the body limit of the watch list form.
const maxListUpload = checkpoint.MaxListBytes + 1<<20

// screenView is the checkpoint page: the form, the answer to what was
// typed, and (for those who load lists) the watch lists.
type screenView struct {
	Answer    answerData
	Size      string // what the index holds, in words
	Lists     bool   // the reader may load and remove lists
	ListRows  []listRow
	Load      *loadView
	Countries []option
}

// answerData is what the answer fragment receives.
type answerData struct {
	P *i18n.Printer
	A *answerView
}

type listRow struct {
	ID, Name, File, Entries, Rejected, Loaded, By string
}

// answerView is the answer to one query as the officer reads it.
type answerView struct {
	Asked      bool // a query was run (else Hint says what is missing)
	Hint       string
	Error      string
	Hit        bool
	Candidates []candidateView
}

type candidateView struct {
	checkpoint.Candidate
	Percent int
	Source  string   // the list's name, or the notice's origin and status
	Reasons []string // in the reader's language
	Danger  []string // in the reader's language
	Hit     bool
	Link    string // the notice's page, for a wanted notice
}

type loadView struct {
	Summary  string
	Error    string
	Problems []listProblemView
}

type listProblemView struct {
	Line                   int
	Column, Value, Message string
}

// screenPage shows the checkpoint form; with a name in the query it also
// answers (for a page opened with ?name= from a link or a bookmark).
func (wb *Web) screenPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	v := wb.screenView(in)
	wb.render(w, r, http.StatusOK, "screen", &page{Title: in.P.T("screen.title"), Nav: "screen", Data: v})
}

func (wb *Web) screenView(in *httpx.Info) screenView {
	p := in.P
	sz := wb.Screening.Size()
	v := screenView{Lists: in.Principal.Can(auth.PermScreenLists), Answer: answerData{P: p, A: &answerView{Hint: p.T("screen.hint")}},
		Size: p.T("screen.size", "entries", p.Int(int64(sz.Entries)), "wanted", sz.Wanted, "lists", len(sz.Lists))}
	for _, l := range sz.Lists {
		v.ListRows = append(v.ListRows, listRow{ID: l.ID, Name: l.Name, File: l.File, Entries: p.Int(int64(l.Entries)),
			Rejected: p.Int(int64(l.Rejected)), Loaded: p.DateTime(l.Loaded), By: l.LoadedBy})
	}
	v.Countries = []option{{Value: "", Label: in.P.T("screen.nationality_any")}}
	for _, c := range []string{"VN", "LA", "TH", "KH", "CN", "MM"} {
		v.Countries = append(v.Countries, option{Value: c, Label: in.P.T("screen.country_" + strings.ToLower(c))})
	}
	return v
}

// screenCheck answers what the officer has typed so far (POST from the
// page, as they type): the answer fragment only.
func (wb *Web) screenCheck(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	q := checkpoint.Query{Name: strings.TrimSpace(r.FormValue("name")), DOB: strings.TrimSpace(r.FormValue("dob")),
		Document: strings.TrimSpace(r.FormValue("document")), Nationality: r.FormValue("nationality")}
	ans := wb.answer(r, in, q)
	wb.fragment(w, r, "screen", "screen-answer", answerData{P: in.P, A: ans})
}

// minTyped is how much of a name must be typed before the page screens it:
// a single letter would match half the list and fill the audit trail.
const minTyped = 2

func (wb *Web) answer(r *http.Request, in *httpx.Info, q checkpoint.Query) *answerView {
	p := in.P
	if len([]rune(strings.ReplaceAll(q.Name, " ", ""))) < minTyped && screening.NormalizeDocument(q.Document) == "" {
		return &answerView{Hint: p.T("screen.hint")}
	}
	res, err := wb.Screening.Screen(r.Context(), *in.Principal, q)
	if err != nil {
		if be := borderlink.AsError(err); be.Code == borderlink.EInternal {
			wb.Log.Error("web: screen", "err", err)
		}
		return &answerView{Error: p.Err(err)}
	}
	a := &answerView{Asked: true, Hit: res.Hit}
	for _, c := range res.Candidates {
		cv := candidateView{Candidate: c, Percent: int(c.Score*100 + 0.5), Hit: c.Score >= screening.HitScore}
		for _, code := range c.Reasons {
			cv.Reasons = append(cv.Reasons, p.T("screen.reason_"+code))
		}
		for _, d := range c.Danger {
			cv.Danger = append(cv.Danger, p.T("wanted.danger_"+d))
		}
		switch c.Kind {
		case checkpoint.KindWanted:
			origin := string(c.Origin)
			if c.Origin == wb.NodeID {
				origin = p.T("screen.own_notice")
			}
			cv.Source = p.T("screen.source_wanted", "origin", origin, "status", p.T("wanted.status_"+c.Status))
			cv.Link = "/wanted/" + c.ID
		default:
			name := c.ListName
			if name == "" {
				name = c.List
			}
			cv.Source = p.T("screen.source_list", "list", name)
		}
		a.Candidates = append(a.Candidates, cv)
	}
	return a
}

// loadScreenList loads an uploaded watch list and shows the page with the
// report: every bad row with its reason, in the reader's language.
func (wb *Web) loadScreenList(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	p := in.P
	var v screenView
	lv := &loadView{}
	render := func(status int) {
		v = wb.screenView(in)
		v.Load = lv
		wb.render(w, r, status, "screen", &page{Title: p.T("screen.title"), Nav: "screen", Data: v})
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		lv.Error = p.T("screen.list_file_missing")
		render(http.StatusBadRequest)
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, checkpoint.MaxListBytes+1))
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	id := strings.TrimSpace(r.FormValue("list"))
	if id == "" {
		id = strings.ToLower(strings.TrimSuffix(filepath.Base(hdr.Filename), filepath.Ext(hdr.Filename)))
	}
	rep, err := wb.Screening.LoadList(r.Context(), *in.Principal, checkpoint.LoadInput{ListID: id,
		Name: r.FormValue("list_name"), File: hdr.Filename, Data: data})
	for _, pr := range rep.Problems {
		lv.Problems = append(lv.Problems, listProblemView{Line: pr.Line, Column: pr.Column, Value: pr.Value, Message: p.Err(pr.Err)})
	}
	if err != nil {
		if be := borderlink.AsError(err); be.Code == borderlink.EInternal {
			wb.Error(w, r, err)
			return
		}
		lv.Error = p.Err(err)
		render(httpx.Status(borderlink.ErrorCode(err)))
		return
	}
	lv.Summary = p.T("screen.list_loaded", "list", rep.List.Name, "loaded", rep.Loaded, "skipped", rep.Rejected,
		"replaced", rep.Replaced)
	render(http.StatusOK)
}

// deleteScreenList removes a watch list and goes back to the page.
func (wb *Web) deleteScreenList(w http.ResponseWriter, r *http.Request) {
	if err := wb.Screening.DeleteList(r.Context(), *httpx.From(r).Principal, r.PathValue("id")); err != nil {
		wb.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/screen", http.StatusSeeOther)
}

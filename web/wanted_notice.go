package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/wanted"
)

// The notice file: the notice, its photos, its status and history, the
// sightings of both sides and the hand-over, with the forms the reader
// may use (wanted_forms.go).

type sightingRow struct {
	ID, At, Place, Seen, Lang, Reporter, By string
	From                                    string // "from la.mps": the partner's report
	Machine                                 *machineText
	at                                      time.Time
}

type stepRow struct {
	ID, Kind, Day, Gate, Receiving, Handing string
	Note, Lang, By, Created                 string
	From                                    string
	Machine                                 *machineText
	Ignored                                 bool
}

type handoverView struct {
	State, StateClass      string
	RequestedBy, Requested string
	Day, Gate              string
	Receiving, Handing     string
	Steps                  []stepRow
}

type wantedNoticeView struct {
	ID, Name, Latin, Aliases, Birth, Sex, Nationality string
	Documents                                         []string
	Description                                       string
	Charges                                           []string
	ChargeText, LegalBasis, WarrantRef, WarrantDate   string
	Danger                                            []string
	Summary, Notes, Lang                              string
	MachineSummary, MachineNotes                      *machineText
	Issuer                                            unitRef
	Partners                                          []unitRef
	Location                                          string
	Status, StatusClass                               string
	History                                           []historyRow
	Origin, From, Released                            string
	Photos                                            []string
	Sightings                                         []sightingRow
	Handover                                          handoverView
	// Owner: the reader holds wanted.write over the issuing unit of this
	// node's notice (status, release, photos).
	Owner, CanRelease, CanAddPhoto bool
	Forms                          *wantedForms
}

// handoverClass is the badge class of a hand-over state.
func handoverClass(s wanted.HandoverState) string {
	switch s {
	case wanted.HandoverRequested, wanted.HandoverScheduled:
		return "warn"
	case wanted.HandoverAgreed:
		return "info"
	case wanted.HandoverCompleted:
		return "ok"
	case wanted.HandoverRefused:
		return "danger"
	}
	return "muted"
}

// ownerOf reports whether p may change notice n here: it is this node's
// and p holds wanted.write over its issuing unit. The service decides;
// this shows the controls.
func (wb *Web) ownerOf(p auth.Principal, n wanted.Notice) bool {
	return n.Origin == wb.NodeID && p.Can(auth.PermWantedWrite) && p.CanIn(auth.PermWantedWrite, n.IssuingUnit, wb.Units.Tree())
}

// wantedNoticeView prepares the notice file for the page.
func (wb *Web) wantedNoticeView(in *httpx.Info, f wanted.NoticeFile) wantedNoticeView {
	p, l := in.P, in.Lang
	n := f.Notice
	pr := n.Person
	v := wantedNoticeView{ID: n.ID, Name: pr.Name, Aliases: strings.Join(pr.Aliases, ", "), Birth: birth(p, pr.Birth),
		Sex: label(p, "sex", string(pr.Sex)), Description: pr.Description, ChargeText: n.ChargeText, LegalBasis: n.LegalBasis,
		WarrantRef: n.WarrantRef, WarrantDate: p.CivilDate(n.WarrantDate), Danger: dangerLabels(p, n.Danger),
		Summary: n.Summary, Notes: n.Notes, Lang: string(n.Lang),
		MachineSummary: wb.machine(n.Summary, n.Lang, l), MachineNotes: wb.machine(n.Notes, n.Lang, l),
		Issuer:   unitRef{Code: n.IssuingUnit, Name: wb.unitName(n.IssuingUnit, l)},
		Location: wb.wantedPlace(n.Location, l), Status: wantedLabel(p, "status", string(n.Status)),
		StatusClass: wantedStatusClass(n.Status), Origin: string(n.Origin), From: wb.fromNode(p, n.Origin)}
	if pr.NameLatin != pr.Name {
		v.Latin = pr.NameLatin
	}
	if pr.Nationality != "" {
		v.Nationality = wb.countryName(pr.Nationality, l)
	}
	for _, d := range pr.Documents {
		s := label(p, "document", string(d.Type)) + " " + d.Number
		if d.Country != "" {
			s += " (" + wb.countryName(d.Country, l) + ")"
		}
		v.Documents = append(v.Documents, s)
	}
	for _, c := range n.Charges {
		v.Charges = append(v.Charges, label(p, "charge", string(c)))
	}
	for _, u := range n.PartnerUnits {
		v.Partners = append(v.Partners, unitRef{Code: u, Name: wb.unitName(u, l)})
	}
	for _, h := range n.StatusHistory {
		v.History = append(v.History, historyRow{Status: wantedLabel(p, "status", string(h.Status)),
			StatusClass: wantedStatusClass(h.Status), Day: p.CivilDate(h.Day), By: h.By, Note: h.Note})
	}
	if !n.Released.IsZero() {
		v.Released = p.DateTime(n.Released)
	}
	for _, ph := range n.Photos {
		v.Photos = append(v.Photos, photoPath(n.ID, ph.ID))
	}
	v.Owner = wb.ownerOf(*in.Principal, n)
	v.CanRelease = v.Owner && n.Released.IsZero() && len(n.PartnerUnits) > 0
	v.CanAddPhoto = v.Owner && len(n.Photos) < wanted.MaxPhotos
	for _, sg := range f.Sightings {
		v.Sightings = append(v.Sightings, sightingRow{ID: sg.ID, At: p.DateTime(sg.At), Place: wb.wantedPlace(sg.Place, l),
			Seen: sg.Seen, Lang: string(sg.Lang), Reporter: wb.unitName(sg.ReporterUnit, l), By: sg.By,
			From: wb.fromNode(p, sg.Origin), Machine: wb.machine(sg.Seen, sg.Lang, l), at: sg.At})
	}
	// Newest first: the latest sighting is what the next patrol needs.
	slices.SortStableFunc(v.Sightings, func(a, b sightingRow) int { return b.at.Compare(a.at) })
	v.Handover = wb.handoverView(in, f)
	return v
}

// handoverView shows where the hand-over stands and every step of it.
func (wb *Web) handoverView(in *httpx.Info, f wanted.NoticeFile) handoverView {
	p, l := in.P, in.Lang
	h := f.Handover
	hv := handoverView{State: wantedLabel(p, "handover_state", string(h.State)), StateClass: handoverClass(h.State),
		Requested: p.CivilDate(h.Requested), Day: p.CivilDate(h.Day), Gate: wb.wantedPlace(h.Gate, l)}
	if h.RequestedBy != "" {
		hv.RequestedBy = wb.side(in, h.RequestedBy)
	}
	if h.ReceivingUnit != "" {
		hv.Receiving = wb.unitOptionLabel(h.ReceivingUnit, l)
	}
	if h.HandingUnit != "" {
		hv.Handing = wb.unitOptionLabel(h.HandingUnit, l)
	}
	steps := slices.Clone(f.Steps)
	slices.SortStableFunc(steps, func(a, b wanted.HandoverStep) int { return a.Created.Compare(b.Created) })
	for _, st := range steps {
		row := stepRow{ID: st.ID, Kind: wantedLabel(p, "handover", string(st.Kind)), Day: p.CivilDate(st.Day),
			Gate: wb.wantedPlace(st.Gate, l), Note: st.Note, Lang: string(st.Lang), By: st.By, Created: p.DateTime(st.Created),
			From: wb.fromNode(p, st.Origin), Machine: wb.machine(st.Note, st.Lang, l), Ignored: slices.Contains(h.Ignored, st.ID)}
		if st.ReceivingUnit != "" {
			row.Receiving = wb.unitOptionLabel(st.ReceivingUnit, l)
		}
		if st.HandingUnit != "" {
			row.Handing = wb.unitOptionLabel(st.HandingUnit, l)
		}
		hv.Steps = append(hv.Steps, row)
	}
	return hv
}

// side names a node as the reader sees it: this side, or "from la.mps".
func (wb *Web) side(in *httpx.Info, node borderlink.NodeID) string {
	if s := wb.fromNode(in.P, node); s != "" {
		return s
	}
	return in.P.T("wanted_web.this_side")
}

// wantedDoneKeys are the outcomes a form reports on the notice page after
// it succeeded (the "done" parameter of the redirect).
var wantedDoneKeys = []string{"created", "photo", "sighting", "step", "status", "released"}

// wantedNoticePage shows the notice file.
func (wb *Web) wantedNoticePage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	flash := ""
	if k := r.URL.Query().Get("done"); slices.Contains(wantedDoneKeys, k) {
		flash = in.P.T("wanted_web.done_" + k)
	}
	wb.showNotice(w, r, http.StatusOK, flash, "", "")
}

// showNotice renders the file of the path's notice. failed names the form
// whose post failed with errMsg; that form keeps what was typed.
func (wb *Web) showNotice(w http.ResponseWriter, r *http.Request, status int, flash, failed, errMsg string) {
	in := httpx.From(r)
	f, err := wb.Wanted.Notice(r.Context(), *in.Principal, r.PathValue("id"))
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	v := wb.wantedNoticeView(in, f)
	v.Forms = wb.wantedForms(r, in, f, failed, errMsg)
	if r.Method != http.MethodGet {
		// The page answers a form posted to a path of its own: the language
		// switch must come back to the notice, not to that path.
		r2 := *r
		u := *r.URL
		u.Path, u.RawPath = "/wanted/"+f.Notice.ID, ""
		r2.URL = &u
		r = &r2
	}
	title := f.Notice.Person.Name
	if v.Latin != "" {
		title += " (" + v.Latin + ")"
	}
	pg := &page{Title: title, Nav: "wanted", Flash: flash, Data: v}
	if failed == "release" {
		pg.Error = errMsg // no form to show it beside
	}
	wb.render(w, r, status, "wanted_notice", pg)
}

// wantedFormFailed shows the notice page again with the error beside the
// form that failed and what was typed in it.
func (wb *Web) wantedFormFailed(w http.ResponseWriter, r *http.Request, form string, err error) {
	code := borderlink.ErrorCode(err)
	switch code {
	case borderlink.EInvalid, borderlink.EConflict, borderlink.EForbidden:
		wb.showNotice(w, r, httpx.Status(code), "", form, httpx.From(r).P.Err(err))
	default:
		wb.Error(w, r, err)
	}
}

// wantedFormDone sends the browser back to the notice page, which says
// what was done.
func wantedFormDone(w http.ResponseWriter, r *http.Request, done, anchor string) {
	redirect(w, r, "/wanted/"+url.PathEscape(r.PathValue("id"))+"?done="+done+"#"+anchor)
}

// wantedPhoto sends a photo of a notice, shown in the pages.
func (wb *Web) wantedPhoto(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	ph, data, err := wb.Wanted.PhotoData(r.Context(), *in.Principal, r.PathValue("id"), r.PathValue("photo"))
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	writePhoto(w, ph, data)
}

// writePhoto answers with the bytes of a photo, never sniffed, never
// cached.
func writePhoto(w http.ResponseWriter, ph cases.Photo, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ph.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Disposition", "inline")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Digest", "sha-256="+ph.SHA256)
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}

// addWantedPhoto adds the uploaded photo (input "photo") to the notice.
func (wb *Web) addWantedPhoto(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	data, err := uploadedPhoto(r)
	if err == nil {
		_, err = wb.Wanted.AddPhoto(r.Context(), *in.Principal, r.PathValue("id"), data)
	}
	if err != nil {
		wb.wantedFormFailed(w, r, "photo", err)
		return
	}
	wantedFormDone(w, r, "photo", "photos")
}

// setWantedStatus moves the notice to another status.
func (wb *Web) setWantedStatus(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	f := r.PostForm
	var day borderlink.Date
	if s := f.Get("day"); s != "" {
		var err error
		if day, err = formDay(in.P, "day", s); err != nil {
			wb.wantedFormFailed(w, r, "status", err)
			return
		}
	}
	_, err := wb.Wanted.SetStatus(r.Context(), *in.Principal, r.PathValue("id"),
		wanted.NewStatus{Status: wanted.Status(f.Get("status")), Day: day, Note: f.Get("note")})
	if err != nil {
		wb.wantedFormFailed(w, r, "status", err)
		return
	}
	wantedFormDone(w, r, "status", "status")
}

// releaseWanted releases the notice to its partner units.
func (wb *Web) releaseWanted(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	if _, err := wb.Wanted.Release(r.Context(), *in.Principal, r.PathValue("id")); err != nil {
		wb.wantedFormFailed(w, r, "release", err)
		return
	}
	wantedFormDone(w, r, "released", "notice-header")
}

package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/wanted"
)

// wantedForms are the forms of the notice page. A form whose post failed
// (Failed) shows its error and what was typed; the others show their
// defaults. A form the reader may not use is left out (its list empty or
// its flag false).
type wantedForms struct {
	Failed, Error string
	draft         url.Values
	defaults      map[string]string

	// Sighting: the notice is open; Reporters are the units of this
	// country the reader may report for.
	Sighting  bool
	Reporters []option
	// Steps are the kinds of hand-over step the reader may write next.
	Steps []option
	// Statuses are the statuses the owner may move the notice to.
	Statuses []option
	Langs    []option
	Places   []option // units the place inputs suggest
}

// V is the value of input name of form: what was typed when that form
// failed, else the default.
func (f *wantedForms) V(form, name string) string {
	if f.Failed == form {
		return f.draft.Get(name)
	}
	return f.defaults[form+"."+name]
}

// Sel marks, in a copy of opts, the option that is the value of the input.
func (f *wantedForms) Sel(form, name string, opts []option) []option {
	return selectOf(opts, f.V(form, name))
}

// Open reports whether a form's box starts open: its post failed.
func (f *wantedForms) Open(form string) bool { return f.Failed == form }

// wantedForms prepares the forms of the notice page.
func (wb *Web) wantedForms(r *http.Request, in *httpx.Info, f wanted.NoticeFile, failed, errMsg string) *wantedForms {
	p, l := in.P, in.Lang
	n := f.Notice
	pr := *in.Principal
	now := wb.Clock.Now()
	today := borderlink.DateOf(now).String()
	fm := &wantedForms{Failed: failed, Error: errMsg, draft: r.PostForm}
	if fm.draft == nil {
		fm.draft = url.Values{}
	}
	lang := string(wb.writerLang(in))
	for _, lg := range borderlink.Langs {
		fm.Langs = append(fm.Langs, option{Value: string(lg), Label: i18n.LangName(lg)})
	}
	reporters := wb.grantUnits(pr, auth.PermWantedRead)
	for _, u := range reporters {
		fm.Reporters = append(fm.Reporters, option{Value: u, Label: wb.unitOptionLabel(u, l)})
	}
	fm.Sighting = n.Status.Open() && len(fm.Reporters) > 0
	reporter := pr.Unit()
	if !slices.Contains(reporters, reporter) && len(reporters) > 0 {
		reporter = reporters[0]
	}
	// The person goes back to the side that issued the notice.
	handing := ""
	for _, u := range n.PartnerUnits {
		if wb.countryOf(u) != wb.countryOf(n.IssuingUnit) {
			handing = u
			break
		}
	}
	if h := f.Handover.HandingUnit; h != "" {
		handing = h
	}
	receiving := n.IssuingUnit
	if h := f.Handover.ReceivingUnit; h != "" {
		receiving = h
	}
	fm.defaults = map[string]string{
		"sighting.at": now.In(i18n.ICT).Format("2006-01-02T15:04"), "sighting.reporter_unit": reporter,
		"sighting.place_unit": n.Location.Unit, "sighting.lang": lang,
		"step.day": today, "step.receiving_unit": receiving, "step.handing_unit": handing, "step.lang": lang,
		"step.gate_unit": f.Handover.Gate.Unit, "step.gate_text": f.Handover.Gate.Text,
		"status.day": today,
	}
	if wb.Wanted.CanStep(pr, n) && (n.Origin != wb.NodeID || !n.Released.IsZero()) {
		for _, k := range f.Handover.Next(wb.NodeID) {
			if k == wanted.StepCancel || n.Status.Open() {
				fm.Steps = append(fm.Steps, option{Value: string(k), Label: wantedLabel(p, "handover", string(k))})
			}
		}
		if len(fm.Steps) > 0 {
			fm.defaults["step.kind"] = fm.Steps[0].Value
		}
	}
	if wb.ownerOf(pr, n) {
		for _, s := range wanted.Statuses() {
			if n.Status.CanBecome(s) {
				fm.Statuses = append(fm.Statuses, option{Value: string(s), Label: wantedLabel(p, "status", string(s))})
			}
		}
		if len(fm.Statuses) > 0 {
			fm.defaults["status.status"] = fm.Statuses[0].Value
		}
	}
	fm.Places = wb.noticePlaces(n, reporters, l)
	return fm
}

// noticePlaces are the units the place inputs suggest: the units of the
// notice, the reader's, and the units just below each.
func (wb *Web) noticePlaces(n wanted.Notice, mine []string, l borderlink.Lang) []option {
	t := wb.Units.Tree()
	today := wb.today()
	var out []option
	seen := map[string]bool{}
	add := func(code string) {
		if code != "" && !seen[code] && t.ActiveOn(code, today) {
			seen[code] = true
			out = append(out, option{Value: code, Label: wb.placeName(code, l)})
		}
	}
	for _, u := range append(append([]string{n.IssuingUnit, n.Location.Unit}, n.PartnerUnits...), mine...) {
		add(u)
		if u != "" {
			for _, k := range t.Children(u, today) {
				add(k.Code)
			}
		}
	}
	return out
}

// reportWantedSighting records a sighting of the notice's person.
func (wb *Web) reportWantedSighting(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	f := r.PostForm
	at, err := formTime(in.P, "at", f.Get("at"))
	if err != nil {
		wb.wantedFormFailed(w, r, "sighting", err)
		return
	}
	if at.IsZero() {
		at = wb.Clock.Now()
	}
	lang, _ := borderlink.ParseLang(f.Get("lang"))
	_, err = wb.Wanted.ReportSighting(r.Context(), *in.Principal, r.PathValue("id"), wanted.NewSighting{At: at,
		Place: wanted.Place{Unit: strings.TrimSpace(f.Get("place_unit")), Text: f.Get("place_text")},
		Seen:  f.Get("seen"), Lang: lang, ReporterUnit: f.Get("reporter_unit")})
	if err != nil {
		wb.wantedFormFailed(w, r, "sighting", err)
		return
	}
	wantedFormDone(w, r, "sighting", "sightings")
}

// addWantedStep adds the next step of the hand-over.
func (wb *Web) addWantedStep(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	f := r.PostForm
	var day borderlink.Date
	if s := strings.TrimSpace(f.Get("day")); s != "" {
		var err error
		if day, err = formDay(in.P, "day", s); err != nil {
			wb.wantedFormFailed(w, r, "step", err)
			return
		}
	}
	lang, _ := borderlink.ParseLang(f.Get("lang"))
	kind := wanted.HandoverKind(f.Get("kind"))
	ns := wanted.NewStep{Kind: kind, Day: day, Note: f.Get("note"), Lang: lang}
	// Where, and which units: only a schedule or a completion says so.
	if kind == wanted.StepSchedule || kind == wanted.StepComplete {
		ns.Gate = wanted.Place{Unit: strings.TrimSpace(f.Get("gate_unit")), Text: f.Get("gate_text")}
		ns.ReceivingUnit, ns.HandingUnit = strings.TrimSpace(f.Get("receiving_unit")), strings.TrimSpace(f.Get("handing_unit"))
	}
	if _, err := wb.Wanted.AddStep(r.Context(), *in.Principal, r.PathValue("id"), ns); err != nil {
		wb.wantedFormFailed(w, r, "step", err)
		return
	}
	wantedFormDone(w, r, "step", "handover")
}

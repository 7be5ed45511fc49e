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
	"github.com/borderlink/borderlink/units"
	"github.com/borderlink/borderlink/wanted"
)

// The wanted-notice pages: the list of notices (wanted.html), the form
// that issues one (wanted_new.html, wanted_new.go), and the notice file
// with its sightings, hand-over and the issuer's controls
// (wanted_notice.html, wanted_notice.go, wanted_forms.go). Every notice
// and every sighting or step says whether it is this node's or the
// partner's read-only copy.

// wantedRow is one notice of the list.
type wantedRow struct {
	ID, Name, Latin, Aliases, Birth string
	Status, StatusClass             string
	Danger                          []string
	From                            string // "from la.mps" for a partner's notice
	Issuer, Location, Warrant       string
	Photo                           string // the address of the first photo, "" when none
}

type wantedListView struct {
	Query       string
	Statuses    []option
	Notices     []wantedRow
	Total       string
	Pager       *pager
	FilterError string
}

// wantedStatusClass is the badge class of a notice status.
func wantedStatusClass(s wanted.Status) string {
	switch s {
	case wanted.StatusActive:
		return "danger"
	case wanted.StatusLocated:
		return "warn"
	case wanted.StatusArrested:
		return "info"
	case wanted.StatusHandedOver:
		return "ok"
	}
	return "muted"
}

// wantedLabel names an enumeration value of the wanted register in the
// reader's language (the catalogue keys "wanted.<what>_<value>").
func wantedLabel(p *i18n.Printer, what, value string) string {
	if value == "" {
		return ""
	}
	return p.T("wanted." + what + "_" + strings.ToLower(value))
}

func dangerLabels(p *i18n.Printer, ds []wanted.Danger) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, wantedLabel(p, "danger", string(d)))
	}
	return out
}

// wantedPlace writes a place: the unit's area in the reader's language
// and the description, either alone when the other is missing.
func (wb *Web) wantedPlace(pl wanted.Place, l borderlink.Lang) string {
	var parts []string
	if pl.Unit != "" {
		parts = append(parts, wb.placeName(pl.Unit, l))
	}
	if pl.Text != "" {
		parts = append(parts, pl.Text)
	}
	return strings.Join(parts, " · ")
}

// photoPath is the address of a photo of a notice.
func photoPath(noticeID, photoID string) string {
	return "/wanted/" + url.PathEscape(noticeID) + "/photos/" + url.PathEscape(photoID)
}

func (wb *Web) wantedRow(in *httpx.Info, n wanted.Notice) wantedRow {
	p, l := in.P, in.Lang
	row := wantedRow{ID: n.ID, Name: n.Person.Name, Birth: birth(p, n.Person.Birth),
		Status: wantedLabel(p, "status", string(n.Status)), StatusClass: wantedStatusClass(n.Status),
		Danger: dangerLabels(p, n.Danger), From: wb.fromNode(p, n.Origin), Issuer: wb.unitName(n.IssuingUnit, l),
		Location: wb.wantedPlace(n.Location, l), Warrant: n.WarrantRef, Aliases: strings.Join(n.Person.Aliases, ", ")}
	if n.Person.NameLatin != n.Person.Name {
		row.Latin = n.Person.NameLatin
	}
	if len(n.Photos) > 0 {
		row.Photo = photoPath(n.ID, n.Photos[0].ID)
	}
	return row
}

// wantedPage lists the notices the reader may see, this node's and the
// partner's, searched by name or warrant and filtered by status.
func (wb *Web) wantedPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	p := in.P
	q := r.URL.Query()
	wq := wanted.NoticeQuery{Words: strings.TrimSpace(q.Get("q")), Status: wanted.Status(q.Get("status")),
		Limit: min(max(atoiOr(q.Get("limit"), 25), 1), wanted.MaxLimit), Offset: max(atoiOr(q.Get("offset"), 0), 0)}
	v := wantedListView{Query: wq.Words}
	for _, s := range wanted.Statuses() {
		v.Statuses = append(v.Statuses, option{Value: string(s), Label: wantedLabel(p, "status", string(s)), Selected: s == wq.Status})
	}
	list, total, err := wb.Wanted.Notices(r.Context(), *in.Principal, wq)
	status := http.StatusOK
	switch {
	case borderlink.IsCode(err, borderlink.EInvalid):
		v.FilterError, status = p.Err(err), http.StatusBadRequest
	case err != nil:
		wb.Error(w, r, err)
		return
	}
	for _, n := range list {
		v.Notices = append(v.Notices, wb.wantedRow(in, n))
	}
	v.Total = p.T("wanted_web.count", "count", p.Int(int64(total)))
	v.Pager = newPager(in, r.URL, wq.Offset, wq.Limit, total)
	wb.render(w, r, status, "wanted", &page{Title: p.T("wanted_web.page_title"), Nav: "wanted", Data: v})
}

// grantUnits are the units of this country over which p holds perm, as a
// form offers them: each unit of a grant and the units just below it.
func (wb *Web) grantUnits(p auth.Principal, perm auth.Permission) []string {
	t := wb.Units.Tree()
	today := wb.today()
	var out []string
	add := func(u units.Unit) {
		if u.Country == wb.Country && u.ActiveOn(today) && !slices.Contains(out, u.Code) {
			out = append(out, u.Code)
		}
	}
	scope := p.ScopeUnits(perm)
	if p.Unrestricted() {
		for _, u := range t.Roots(wb.Country) {
			scope = append(scope, u.Code)
		}
	}
	for _, code := range scope {
		u, err := t.Get(code)
		if err != nil {
			continue
		}
		add(u)
		for _, k := range t.Children(code, today) {
			add(k)
		}
	}
	return out
}

package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/units"
)

// The joint-case pages: the list of cases (cases.html), the form that
// opens one (cases_new.html), the case file with the forms that add to it
// (cases_case.html, cases_forms.go) and the person page (person.html,
// cases_person.go). Every record the pages show says whether it is this
// node's or the partner's, read-only copy, and whether it was released.

type caseRow struct {
	ID, Code, Title, Lead, Partners string
	Status, StatusClass             string
	From                            string // "from la.mps" for a partner's case
	Updated                         string
}

type casesView struct {
	Query       string
	Statuses    []option
	Cases       []caseRow
	Pager       *pager
	FilterError string
}

// statusClass is the badge class of a case status.
func statusClass(s cases.Status) string {
	switch s {
	case cases.StatusActive:
		return "active"
	case cases.StatusSuspended:
		return "warn"
	case cases.StatusClosed:
		return "muted"
	}
	return "info"
}

// label names an enumeration value of the case file in the reader's
// language (the catalogue keys "cases.<what>_<value>").
func label(p *i18n.Printer, what, value string) string {
	if value == "" {
		return ""
	}
	return p.T("cases." + what + "_" + strings.ToLower(value))
}

// fromNode marks a record of another node ("" for this node's own).
func (wb *Web) fromNode(p *i18n.Printer, origin borderlink.NodeID) string {
	if origin == wb.NodeID || origin == "" {
		return ""
	}
	return p.T("cases.from_node", "node", string(origin))
}

// placeName names the area of a unit ("Nghệ An"), else the unit, else the
// code.
func (wb *Web) placeName(code string, l borderlink.Lang) string {
	u, err := wb.Units.Tree().Get(code)
	if err != nil {
		return code
	}
	if n := u.PlaceName.In(l); n != "" {
		return n
	}
	return u.Name.In(l)
}

// unitNames names units in the reader's language, joined by commas.
func (wb *Web) unitNames(codes []string, l borderlink.Lang) string {
	names := make([]string, 0, len(codes))
	for _, c := range codes {
		names = append(names, wb.unitName(c, l))
	}
	return strings.Join(names, ", ")
}

func (wb *Web) caseRow(in *httpx.Info, c cases.Case) caseRow {
	return caseRow{ID: c.ID, Code: c.Code, Title: c.Title, Lead: wb.unitName(c.LeadUnit, in.Lang),
		Partners: wb.unitNames(c.PartnerUnits, in.Lang), Status: label(in.P, "status", string(c.Status)),
		StatusClass: statusClass(c.Status), From: wb.fromNode(in.P, c.Origin), Updated: in.P.Date(c.Updated)}
}

// casesPage lists the cases the reader may see, searched by code or title
// and filtered by status.
func (wb *Web) casesPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	q := r.URL.Query()
	f := cases.Filter{Query: q.Get("q"), Status: cases.Status(q.Get("status")), Limit: atoiOr(q.Get("limit"), 50),
		Offset: atoiOr(q.Get("offset"), 0)}
	f.Limit = min(max(f.Limit, 1), cases.MaxLimit)
	v := casesView{Query: f.Query}
	for _, s := range cases.Statuses() {
		v.Statuses = append(v.Statuses, option{Value: string(s), Label: label(in.P, "status", string(s)), Selected: s == f.Status})
	}
	list, total, err := wb.Cases.Cases(r.Context(), *in.Principal, f)
	status := http.StatusOK
	switch {
	case borderlink.IsCode(err, borderlink.EInvalid):
		v.FilterError, status = in.P.Err(err), http.StatusBadRequest
	case err != nil:
		wb.Error(w, r, err)
		return
	}
	for _, c := range list {
		v.Cases = append(v.Cases, wb.caseRow(in, c))
	}
	v.Pager = newPager(in, r.URL, f.Offset, f.Limit, total)
	wb.render(w, r, status, "cases", &page{Title: in.P.T("cases.page_title"), Nav: "cases", Data: v})
}

// newCaseView is the form that opens a case.
type newCaseView struct {
	Code, Title, Summary, More string
	Leads                      []option
	Partners                   []checkOption
	Handlings                  []handlingOption
	Statuses                   []option
	Langs                      []option
}

type handlingOption struct {
	Value, Label, Help string
	Checked            bool
}

// today is the date by the node's clock.
func (wb *Web) today() borderlink.Date { return borderlink.DateOf(wb.Clock.Now()) }

// writableUnits are the units a user may open a case for or keep a person
// in: those of this country where they hold cases.write, and for a
// ministry its provinces.
func (wb *Web) writableUnits(p auth.Principal) []string {
	t := wb.Units.Tree()
	today := wb.today()
	var out []string
	add := func(u units.Unit) {
		if u.Country == wb.Country && u.ActiveOn(today) && !slices.Contains(out, u.Code) {
			out = append(out, u.Code)
		}
	}
	scope := p.ScopeUnits(auth.PermCasesWrite)
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
		if u.Level == units.LevelMinistry {
			for _, k := range t.Children(code, today) {
				if k.Level == units.LevelProvince {
					add(k)
				}
			}
		}
	}
	return out
}

// partnerChoices are the partner units the form offers for the lead units
// offered: each one's counterparts across the border, its parent, and the
// other country's ministry.
func (wb *Web) partnerChoices(leads []string) []string {
	t := wb.Units.Tree()
	today := wb.today()
	var out []string
	add := func(code string) {
		if code != "" && t.ActiveOn(code, today) && !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	for _, l := range leads {
		for _, c := range t.Counterparts(l, today) {
			add(c.Other(l))
		}
	}
	for _, l := range leads {
		if par, ok := t.ParentOn(l, today); ok {
			add(par.Code)
		}
	}
	for _, c := range t.Countries() {
		if c.Code != wb.Country {
			for _, u := range t.Roots(c.Code) {
				add(u.Code)
			}
		}
	}
	return out
}

// unitOptionLabel is "Name (CODE)".
func (wb *Web) unitOptionLabel(code string, l borderlink.Lang) string {
	return wb.unitName(code, l) + " (" + code + ")"
}

// newCaseForm fills the form from what was posted (nil for a new form).
func (wb *Web) newCaseForm(in *httpx.Info, form url.Values) newCaseView {
	get := func(k, def string) string {
		if form == nil {
			return def
		}
		return form.Get(k)
	}
	v := newCaseView{Code: get("code", ""), Title: get("title", ""), Summary: get("summary", ""), More: get("more_units", "")}
	leads := wb.writableUnits(*in.Principal)
	lead := get("lead_unit", "")
	if lead == "" && len(leads) > 0 {
		lead = leads[0]
	}
	for _, c := range leads {
		v.Leads = append(v.Leads, option{Value: c, Label: wb.unitOptionLabel(c, in.Lang), Selected: c == lead})
	}
	var picked []string
	if form != nil {
		picked = form["partner_units"]
	}
	for _, c := range wb.partnerChoices(leads) {
		if slices.Contains(leads, c) && len(leads) == 1 {
			continue
		}
		v.Partners = append(v.Partners, checkOption{Value: c, Label: wb.unitOptionLabel(c, in.Lang), Checked: slices.Contains(picked, c)})
	}
	handling := get("handling", string(cases.Releasable))
	for _, h := range cases.Handlings() {
		v.Handlings = append(v.Handlings, handlingOption{Value: string(h), Label: label(in.P, "handling", string(h)),
			Help: in.P.T("cases.handling_help_" + string(h)), Checked: string(h) == handling})
	}
	status := get("status", string(cases.StatusProposed))
	for _, s := range []cases.Status{cases.StatusProposed, cases.StatusActive} {
		v.Statuses = append(v.Statuses, option{Value: string(s), Label: label(in.P, "status", string(s)), Selected: string(s) == status})
	}
	lang := get("lang", string(wb.writerLang(in)))
	for _, l := range borderlink.Langs {
		v.Langs = append(v.Langs, option{Value: string(l), Label: i18n.LangName(l), Selected: string(l) == lang})
	}
	return v
}

// writerLang is the language a user most likely writes in: their
// account's, else the page's.
func (wb *Web) writerLang(in *httpx.Info) borderlink.Lang {
	if in.Principal != nil && in.Principal.Lang != "" {
		return in.Principal.Lang
	}
	return in.Lang
}

func (wb *Web) newCasePage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	wb.render(w, r, http.StatusOK, "cases_new", &page{Title: in.P.T("cases.new"), Nav: "cases", Data: wb.newCaseForm(in, nil)})
}

// splitCodes reads unit codes separated by commas, semicolons or spaces.
func splitCodes(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
}

// createCase opens the case and shows its file.
func (wb *Web) createCase(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	f := r.PostForm
	partners := slices.Clone(f["partner_units"])
	for _, c := range splitCodes(f.Get("more_units")) {
		c = units.NormalizeCode(c)
		if !slices.Contains(partners, c) {
			partners = append(partners, c)
		}
	}
	lang, _ := borderlink.ParseLang(f.Get("lang"))
	nc := cases.NewCase{Code: f.Get("code"), Title: f.Get("title"), Summary: f.Get("summary"), Lang: lang,
		LeadUnit: f.Get("lead_unit"), PartnerUnits: partners, Handling: cases.Handling(f.Get("handling")),
		Status: cases.Status(f.Get("status"))}
	c, err := wb.Cases.CreateCase(r.Context(), *in.Principal, nc)
	if err != nil {
		if borderlink.ErrorCode(err) == borderlink.EInternal {
			wb.Error(w, r, err)
			return
		}
		wb.render(w, r, httpx.Status(borderlink.ErrorCode(err)), "cases_new", &page{Title: in.P.T("cases.new"), Nav: "cases",
			Error: in.P.Err(err), Data: wb.newCaseForm(in, f)})
		return
	}
	redirect(w, r, "/cases/"+c.ID+"?done=created")
}

// The case file.

// Mark says whose a record is and whether it went to the partner, as
// the badges of the record show it.
type Mark struct {
	Kind, ID, CaseID  string
	From              string // "from la.mps": the partner's, read-only
	Whose, WhoseClass string
	State, StateClass string
	CanRelease        bool
	ReleaseLabel      string
}

type historyRow struct {
	Status, StatusClass, Day, By, Note string
}

type subjectRow struct {
	Mark
	PersonID, Name, Latin, Role, Birth, Nationality string
}

type eventRow struct {
	Mark
	At, Kind, Place, Summary, Lang string
	Machine                        *machineText
	at                             time.Time
}

type seizureRow struct {
	Mark
	Day, Place, Agency string
	Drugs, Items       []string
}

type arrestRow struct {
	Mark
	PersonID, Person, Day, Place, Agency, Charge, ChargeText string
}

type caseView struct {
	Mark
	Code, Title, Summary, Lang string
	// MachineTitle and MachineSummary translate a case written in another
	// language than the reader's.
	MachineTitle, MachineSummary *machineText
	Lead                         unitRef
	Partners                     []unitRef
	Status, StatusClass          string
	Opened, Closed               string
	History                      []historyRow
	Handling                     string
	Origin                       string
	CanAdd, CanChange            bool
	Subjects                     []subjectRow
	Events                       []eventRow
	Seizures                     []seizureRow
	Arrests                      []arrestRow
	Forms                        *caseForms
	ReleaseHint                  string
}

// caseWritable reports whether p may add records to c on this node: p
// holds cases.write over one of its units of this country (the lead unit
// alone for a confidential case). The service decides; this shows the
// forms.
func (wb *Web) caseWritable(p auth.Principal, c cases.Case) bool {
	t := wb.Units.Tree()
	list := c.Units()
	switch c.Handling {
	case cases.Confidential:
		list = []string{c.LeadUnit}
	}
	for _, u := range list {
		if wb.countryOf(u) == wb.Country && p.CanIn(auth.PermCasesWrite, u, t) {
			return true
		}
	}
	return false
}

func (wb *Web) countryOf(code string) string {
	if u, err := wb.Units.Tree().Get(code); err == nil {
		return u.Country
	}
	return units.CodeCountry(code)
}

// hasForeignUnit reports whether c names a unit of the other country, the
// units a release goes to.
func (wb *Web) hasForeignUnit(c cases.Case) bool {
	return slices.ContainsFunc(c.Units(), func(u string) bool { return wb.countryOf(u) != wb.Country })
}

// recordMark marks one record of case caseID: this node's (released or
// not) or the partner's read-only copy. releasable: the reader may
// release it when it has not gone yet.
func (wb *Web) recordMark(p *i18n.Printer, caseID, kind, id string, origin borderlink.NodeID, released time.Time, releasable bool) Mark {
	m := Mark{Kind: kind, ID: id, CaseID: caseID, From: wb.fromNode(p, origin)}
	switch {
	case m.From != "":
		m.Whose, m.WhoseClass = m.From, "info"
		m.State, m.StateClass = p.T("cases.read_only"), "muted"
	case !released.IsZero():
		m.Whose, m.WhoseClass = p.T("cases.ours"), "muted"
		m.State, m.StateClass = p.T("cases.released_on", "time", p.DateTime(released)), "ok"
	default:
		m.Whose, m.WhoseClass = p.T("cases.ours"), "muted"
		m.State, m.StateClass = p.T("cases.not_released"), "warn"
	}
	m.CanRelease = releasable && m.From == "" && released.IsZero()
	if m.CanRelease {
		m.ReleaseLabel = p.T("cases.release")
	}
	return m
}

// personName is a person's name in the original script with the
// romanised one after it.
func personName(pr cases.Person) string {
	if pr.NameLatin != "" && pr.NameLatin != pr.Name {
		return pr.Name + " (" + pr.NameLatin + ")"
	}
	return pr.Name
}

// birth writes a partial date of birth: a year, a month of a year, or a
// day.
func birth(p *i18n.Printer, s string) string {
	switch len(s) {
	case len("2006-01-02"):
		if d, err := borderlink.ParseDate(s); err == nil {
			return p.CivilDate(d)
		}
	case len("2006-01"):
		if t, err := time.Parse("2006-01", s); err == nil {
			if p.Lang() == borderlink.LangEN {
				return t.Format("Jan 2006")
			}
			return t.Format("01/2006")
		}
	}
	return s
}

// countryName names a country the units directory knows, else gives its
// code.
func (wb *Web) countryName(code string, l borderlink.Lang) string {
	if c, ok := wb.Units.Tree().Country(code); ok {
		return c.Name.In(l)
	}
	return code
}

// casePage shows the case file.
func (wb *Web) casePage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	flash := ""
	if k := r.URL.Query().Get("done"); slices.Contains(doneKeys, k) {
		flash = in.P.T("cases.done_" + k)
	}
	wb.showCase(w, r, http.StatusOK, flash, "", "")
}

// doneKeys are the outcomes a form reports on the case page after it
// succeeded (the "done" parameter of the redirect).
var doneKeys = []string{"created", "subject", "event", "seizure", "arrest", "status", "released"}

// showCase renders the case file of the path's case. failed names the
// form whose post failed with errMsg; the form keeps what was typed.
func (wb *Web) showCase(w http.ResponseWriter, r *http.Request, status int, flash, failed, errMsg string) {
	in := httpx.From(r)
	id := r.PathValue("id")
	f, err := wb.Cases.Case(r.Context(), *in.Principal, id)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	v := wb.caseView(in, f)
	if v.CanAdd {
		v.Forms = wb.caseForms(r, in, f, failed, errMsg)
		if q := strings.TrimSpace(r.URL.Query().Get("pq")); q != "" && failed == "" {
			v.Forms.PersonQuery = q
			found, _, err := wb.Cases.Persons(r.Context(), *in.Principal, cases.Filter{Query: q, Limit: 20})
			if err != nil && !borderlink.IsCode(err, borderlink.EInvalid) {
				wb.Error(w, r, err)
				return
			}
			for _, pr := range found {
				v.Forms.Found = append(v.Forms.Found, option{Value: pr.ID, Label: personName(pr) + " · " + birth(in.P, pr.Birth)})
			}
			v.Forms.Searched = true
		}
	}
	if r.Method != http.MethodGet {
		// The page answers a form posted to a path of its own: the language
		// switch must come back to the case, not to that path.
		r2 := *r
		u := *r.URL
		u.Path, u.RawPath = "/cases/"+f.Case.ID, ""
		r2.URL = &u
		r = &r2
	}
	pg := &page{Title: f.Case.Code + " · " + f.Case.Title, Nav: "cases", Flash: flash, Data: v}
	if v.Forms == nil || failed == "release" {
		pg.Error = errMsg // no form to show it beside
	}
	wb.render(w, r, status, "cases_case", pg)
}

// caseView prepares the case file for the page.
func (wb *Web) caseView(in *httpx.Info, f cases.CaseFile) caseView {
	p, l := in.P, in.Lang
	c := f.Case
	own := c.Origin == wb.NodeID
	releasable := c.Handling == cases.Releasable && wb.hasForeignUnit(c)
	v := caseView{Code: c.Code, Title: c.Title, Summary: c.Summary, Lang: string(c.Lang),
		MachineTitle: wb.machine(c.Title, c.Lang, l), MachineSummary: wb.machine(c.Summary, c.Lang, l),
		Lead:   unitRef{Code: c.LeadUnit, Name: wb.unitName(c.LeadUnit, l)},
		Status: label(p, "status", string(c.Status)), StatusClass: statusClass(c.Status),
		Opened: p.CivilDate(c.Opened), Closed: p.CivilDate(c.Closed),
		Handling: label(p, "handling", string(c.Handling)), Origin: string(c.Origin)}
	v.CanAdd = in.Principal.Can(auth.PermCasesWrite) && wb.caseWritable(*in.Principal, c)
	v.CanChange = v.CanAdd && own
	v.Mark = wb.recordMark(p, c.ID, cases.KindCase, c.ID, c.Origin, c.Released, releasable && v.CanChange)
	// What is in the case goes once the case itself has gone (or the case
	// is the partner's, received here).
	subReleasable := releasable && v.CanAdd && (!own || !c.Released.IsZero())
	switch {
	case c.Handling != cases.Releasable:
		v.ReleaseHint = p.T("cases.release_never")
	case own && c.Released.IsZero() && releasable:
		v.ReleaseHint = p.T("cases.release_case_first")
	}
	for _, u := range c.PartnerUnits {
		v.Partners = append(v.Partners, unitRef{Code: u, Name: wb.unitName(u, l)})
	}
	for _, h := range c.StatusHistory {
		v.History = append(v.History, historyRow{Status: label(p, "status", string(h.Status)), StatusClass: statusClass(h.Status),
			Day: p.CivilDate(h.Day), By: h.By, Note: h.Note})
	}
	for _, sb := range f.Subjects {
		row := subjectRow{Mark: wb.recordMark(p, c.ID, cases.KindSubject, sb.ID, sb.Origin, sb.Released, subReleasable),
			PersonID: sb.PersonID, Name: sb.PersonID, Role: label(p, "role", string(sb.Role))}
		if pr, ok := f.Person(sb.PersonID); ok {
			row.Name, row.Latin, row.Birth = pr.Name, pr.NameLatin, birth(p, pr.Birth)
			if pr.Nationality != "" {
				row.Nationality = wb.countryName(pr.Nationality, l)
			}
		}
		v.Subjects = append(v.Subjects, row)
	}
	for _, e := range f.Events {
		v.Events = append(v.Events, eventRow{Mark: wb.recordMark(p, c.ID, cases.KindEvent, e.ID, e.Origin, e.Released, subReleasable),
			At: p.DateTime(e.At), Kind: label(p, "event", string(e.Kind)), Place: wb.placeName(e.Place, l),
			Summary: e.Summary, Lang: string(e.Lang), Machine: wb.machine(e.Summary, e.Lang, l), at: e.At})
	}
	slices.SortStableFunc(v.Events, func(a, b eventRow) int { return a.at.Compare(b.at) })
	drugs := wb.Stats.Drugs()
	for _, z := range f.Seizures {
		row := seizureRow{Mark: wb.recordMark(p, c.ID, cases.KindSeizure, z.ID, z.Origin, z.Released, subReleasable),
			Day: p.CivilDate(z.Day), Place: wb.placeName(z.Place, l), Agency: p.T("stats.agency." + string(z.Agency))}
		for _, d := range z.Drugs {
			row.Drugs = append(row.Drugs, drugItemText(p, drugs, d))
		}
		for _, it := range z.Items {
			row.Items = append(row.Items, itemText(p, it))
		}
		v.Seizures = append(v.Seizures, row)
	}
	for _, a := range f.Arrests {
		row := arrestRow{Mark: wb.recordMark(p, c.ID, cases.KindArrest, a.ID, a.Origin, a.Released, subReleasable),
			PersonID: a.PersonID, Person: a.PersonID, Day: p.CivilDate(a.Day), Place: wb.placeName(a.Place, l),
			Agency: p.T("stats.agency." + string(a.Agency)), Charge: label(p, "charge", string(a.Charge)), ChargeText: a.ChargeText}
		if pr, ok := f.Person(a.PersonID); ok {
			row.Person = personName(pr)
		}
		v.Arrests = append(v.Arrests, row)
	}
	return v
}

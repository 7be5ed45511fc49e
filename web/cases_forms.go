package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/hotline/forms"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
)

// drugRows is how many drug items the seizure form offers (more go
// through the API).
const drugRows = 3

// caseForms are the forms of the case page that add to the case. A form
// whose post failed (Failed) shows its error and what was typed; the
// others show their defaults.
type caseForms struct {
	Failed, Error string
	draft         url.Values
	defaults      map[string]string

	PersonQuery string
	Searched    bool
	Found       []option // persons found by the search, to pick as the subject

	Roles, Sexes, DocTypes, Owners      []option
	EventKinds, Agencies, ItemKinds     []option
	Charges, Subjects, Statuses, Places []option
	Currencies                          []string
	DrugRows                            []drugRow
}

// drugRow is one drug item of the seizure form.
type drugRow struct {
	N                         string // suffix of the inputs' names
	Drugs, Units, WeightUnits []option
	Qty, Pieces, Weight       string
}

// V is the value of input name of form: what was typed when that form
// failed, else the default.
func (f *caseForms) V(form, name string) string {
	if f.Failed == form {
		return f.draft.Get(name)
	}
	return f.defaults[form+"."+name]
}

// Sel marks, in a copy of opts, the option that is the value of the input.
func (f *caseForms) Sel(form, name string, opts []option) []option {
	v := f.V(form, name)
	out := slices.Clone(opts)
	for i := range out {
		out[i].Selected = out[i].Value == v
	}
	return out
}

// Open reports whether a form's box starts open: it failed, or (the
// subject form) a person search was made.
func (f *caseForms) Open(form string) bool {
	return f.Failed == form || (form == "subject" && f.Searched)
}

// homeUnit is the unit of c this user most likely works for: the first
// unit of c of this country where they hold cases.write.
func (wb *Web) homeUnit(p auth.Principal, c cases.Case) string {
	t := wb.Units.Tree()
	first := ""
	for _, u := range c.Units() {
		if wb.countryOf(u) != wb.Country {
			continue
		}
		if p.CanIn(auth.PermCasesWrite, u, t) {
			return u
		}
		if first == "" {
			first = u
		}
	}
	return first
}

func enumOptions[T ~string](p *i18n.Printer, what string, values []T) []option {
	out := make([]option, 0, len(values))
	for _, v := range values {
		out = append(out, option{Value: string(v), Label: label(p, what, string(v))})
	}
	return out
}

// caseForms prepares the forms of the case page.
func (wb *Web) caseForms(r *http.Request, in *httpx.Info, f cases.CaseFile, failed, errMsg string) *caseForms {
	p, l := in.P, in.Lang
	c := f.Case
	now := wb.Clock.Now()
	today := borderlink.DateOf(now).String()
	home := wb.homeUnit(*in.Principal, c)
	fm := &caseForms{Failed: failed, Error: errMsg, draft: r.PostForm}
	owners := wb.writableUnits(*in.Principal)
	owner := home
	if !slices.Contains(owners, owner) && len(owners) > 0 {
		owner = owners[0]
	}
	currency := map[string]string{"VN": "VND", "LA": "LAK"}[wb.Country]
	fm.defaults = map[string]string{
		"subject.sex": string(cases.SexUnknown), "subject.doc_type": string(cases.DocIDCard), "subject.owner_unit": owner,
		"event.at": now.In(i18n.ICT).Format("2006-01-02T15:04"), "event.place": home,
		"seizure.day": today, "seizure.place": home, "seizure.agency": string(stats.AgencyPolice), "seizure.currency": currency,
		"arrest.day": today, "arrest.place": home, "arrest.agency": string(stats.AgencyPolice),
		"status.day": today,
	}
	fm.Roles = enumOptions(p, "role", cases.SubjectRoles())
	fm.Sexes = enumOptions(p, "sex", cases.Sexes())
	fm.DocTypes = enumOptions(p, "document", cases.DocumentTypes())
	fm.EventKinds = enumOptions(p, "event", cases.EventKinds())
	fm.ItemKinds = enumOptions(p, "item", cases.ItemKinds())
	fm.Charges = enumOptions(p, "charge", cases.Charges())
	for _, a := range stats.Agencies() {
		fm.Agencies = append(fm.Agencies, option{Value: string(a), Label: p.T("stats.agency." + string(a))})
	}
	for _, u := range owners {
		fm.Owners = append(fm.Owners, option{Value: u, Label: wb.unitOptionLabel(u, l)})
	}
	for _, s := range cases.Statuses() {
		if c.Status.CanBecome(s) {
			fm.Statuses = append(fm.Statuses, option{Value: string(s), Label: label(p, "status", string(s))})
		}
	}
	if len(fm.Statuses) > 0 {
		fm.defaults["status.status"] = fm.Statuses[0].Value
	}
	for _, pr := range f.Persons {
		fm.Subjects = append(fm.Subjects, option{Value: pr.ID, Label: personName(pr)})
	}
	if len(fm.Subjects) == 1 {
		fm.defaults["arrest.person_id"] = fm.Subjects[0].Value
	}
	if failed == "subject" {
		// A person created before the subject failed is offered again, so
		// that sending the form again does not record them twice.
		if id := r.PostForm.Get("person_id"); id != "" {
			name := r.PostForm.Get("name")
			if pr, err := wb.Cases.Person(r.Context(), *in.Principal, id); err == nil {
				name = personName(pr)
			}
			fm.Found = append(fm.Found, option{Value: id, Label: name})
		}
	}
	fm.Places = wb.placeOptions(c, l)
	fm.Currencies = []string{"VND", "LAK", "THB", "USD", "CNY"}
	drugs := wb.Stats.Drugs()
	var drugOpts, unitOpts []option
	for _, t := range drugs.Types {
		drugOpts = append(drugOpts, option{Value: t.Code, Label: t.Name().In(l)})
		for _, u := range t.Units() {
			if !slices.ContainsFunc(unitOpts, func(o option) bool { return o.Value == u }) {
				unitOpts = append(unitOpts, option{Value: u, Label: unitLabel(p, u)})
			}
		}
	}
	weightOpts := []option{{Value: "kg", Label: unitLabel(p, "kg")}, {Value: "g", Label: unitLabel(p, "g")}}
	for i := range drugRows {
		n := strconv.Itoa(i)
		fm.defaults["seizure.unit"+n], fm.defaults["seizure.wunit"+n] = "kg", "kg"
		fm.DrugRows = append(fm.DrugRows, drugRow{N: n,
			Drugs: fm.Sel("seizure", "drug"+n, drugOpts), Units: fm.Sel("seizure", "unit"+n, unitOpts),
			WeightUnits: fm.Sel("seizure", "wunit"+n, weightOpts),
			Qty:         fm.V("seizure", "qty"+n), Pieces: fm.V("seizure", "pieces"+n), Weight: fm.V("seizure", "weight"+n)})
	}
	return fm
}

// placeOptions are the places the forms suggest: the units of the case in
// this country and the units just below them.
func (wb *Web) placeOptions(c cases.Case, l borderlink.Lang) []option {
	t := wb.Units.Tree()
	today := wb.today()
	var out []option
	seen := map[string]bool{}
	add := func(code string) {
		if !seen[code] {
			seen[code] = true
			out = append(out, option{Value: code, Label: wb.placeName(code, l)})
		}
	}
	for _, u := range c.Units() {
		if wb.countryOf(u) != wb.Country {
			continue
		}
		add(u)
		for _, k := range t.Children(u, today) {
			add(k.Code)
		}
	}
	return out
}

// unitLabel is the short name of a quantity unit ("kg", "viên", "ເມັດ").
func unitLabel(p *i18n.Printer, code string) string {
	if k := forms.EnumKey("qty_unit", code); p.Has(k) {
		return p.T(k)
	}
	return code
}

// decimalText writes a decimal as typed ("2.4", "0,5", "24000") in the
// reader's number format.
func decimalText(p *i18n.Printer, s string) string {
	v := strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(s), " ", ""), ",", ".")
	whole, frac, _ := strings.Cut(v, ".")
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		if n, err := strconv.ParseInt(whole, 10, 64); err == nil {
			return p.Int(n)
		}
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return s
	}
	return p.Number(f, len(frac))
}

func amountText(p *i18n.Printer, a stats.Amount) string {
	return decimalText(p, a.Value) + " " + unitLabel(p, a.Unit)
}

// pieceUnit is the unit a drug is counted in (pills, blocks, plants).
func pieceUnit(dt refdata.DrugType) string {
	for _, u := range dt.Units() {
		if d, _ := stats.UnitDimension(u); d == stats.Pieces {
			return u
		}
	}
	return "units"
}

// lowerFirst writes a drug's name as it reads inside a sentence:
// "Ma túy đá" → "ma túy đá", but "MDMA" stays.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsUpper(r) && !unicode.IsUpper(next) {
		return string(unicode.ToLower(r)) + s[n:]
	}
	return s
}

// drugItemText writes a drug item in the reader's language: "110 kg ma
// túy đá", "24.000 viên ma túy tổng hợp dạng viên (2,4 kg)".
func drugItemText(p *i18n.Printer, drugs *refdata.Drugs, d cases.DrugItem) string {
	name := d.Drug
	dt, ok := drugs.Type(d.Drug)
	if ok {
		name = dt.Name().In(p.Lang())
		if p.Lang() != borderlink.LangLO {
			name = lowerFirst(name)
		}
	}
	s := p.T("cases.drug_amount", "amount", amountText(p, d.Amount), "drug", name)
	var extra []string
	if d.Pieces > 0 {
		extra = append(extra, p.Int(d.Pieces)+" "+unitLabel(p, pieceUnit(dt)))
	}
	if d.Weight != nil {
		extra = append(extra, amountText(p, *d.Weight))
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// itemText writes a seized item other than drugs: "Tiền mặt: 150.000.000
// VND", "Điện thoại × 3: iPhone".
func itemText(p *i18n.Printer, it cases.Item) string {
	s := label(p, "item", string(it.Kind))
	if it.Count > 1 {
		s += " × " + p.Int(it.Count)
	}
	var parts []string
	if it.Description != "" {
		parts = append(parts, it.Description)
	}
	if it.Cash != nil {
		parts = append(parts, decimalText(p, it.Cash.Amount)+" "+it.Cash.Currency)
	}
	if it.Plate != "" {
		parts = append(parts, it.Plate)
	}
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, " · ")
	}
	return s
}

// caseFormFailed shows the case page again with the error beside the
// form that failed and what was typed in it.
func (wb *Web) caseFormFailed(w http.ResponseWriter, r *http.Request, form string, err error) {
	code := borderlink.ErrorCode(err)
	if code == borderlink.EInternal {
		wb.Error(w, r, err)
		return
	}
	wb.showCase(w, r, httpx.Status(code), "", form, httpx.From(r).P.Err(err))
}

// caseFormDone sends the browser back to the case page, which says what
// was done.
func caseFormDone(w http.ResponseWriter, r *http.Request, caseID, done, anchor string) {
	redirect(w, r, "/cases/"+url.PathEscape(caseID)+"?done="+done+"#"+anchor)
}

// Errors of the forms themselves, before the service sees the values.

func errFormDate(p *i18n.Printer, field, value string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.cases_form_date", "not a date: "+value,
		"field", p.T("cases.field_"+field), "value", value)
}

func errFormDateTime(p *i18n.Printer, field, value string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.cases_form_datetime", "not a date and time: "+value,
		"field", p.T("cases.field_"+field), "value", value)
}

func errFormCount(p *i18n.Printer, field, value string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.cases_form_count", "not a whole number: "+value,
		"field", p.T("cases.field_"+field), "value", value)
}

// formDay reads a date input; "" gives the zero date.
func formDay(p *i18n.Printer, field, s string) (borderlink.Date, error) {
	s = strings.TrimSpace(s)
	d, err := borderlink.ParseDate(s)
	if err != nil {
		return borderlink.Date{}, errFormDate(p, field, s)
	}
	return d, nil
}

// formCount reads a whole number; "" gives 0.
func formCount(p *i18n.Printer, field, s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(s, " ", ""), 10, 64)
	if err != nil {
		return 0, errFormCount(p, field, s)
	}
	return n, nil
}

// formTime reads a datetime-local input, the time at the border (ICT).
func formTime(p *i18n.Printer, field, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, i18n.ICT); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errFormDateTime(p, field, s)
}

// addCaseSubject names a person as a subject of the case: one picked from
// the search, or one recorded from the form's fields first.
func (wb *Web) addCaseSubject(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	f := r.PostForm
	id := r.PathValue("id")
	role := cases.SubjectRole(strings.TrimSpace(f.Get("role")))
	// The role is checked before a new person is recorded, so that a
	// forgotten role does not leave a person outside any case.
	switch {
	case role == "":
		wb.caseFormFailed(w, r, "subject", borderlink.Errorf(borderlink.EInvalid, "error.case_required", "role is required",
			"field", in.P.T("cases.field_role")))
		return
	case !slices.Contains(cases.SubjectRoles(), role):
		wb.caseFormFailed(w, r, "subject", borderlink.Errorf(borderlink.EInvalid, "error.case_bad_choice", "unknown role",
			"field", in.P.T("cases.field_role"), "value", string(role)))
		return
	}
	pid := strings.TrimSpace(f.Get("person_id"))
	if pid == "" {
		np := cases.NewPerson{OwnerUnit: f.Get("owner_unit"), Name: f.Get("name"), NameLatin: f.Get("name_latin"),
			Birth: f.Get("birth"), Sex: cases.Sex(f.Get("sex")), Nationality: f.Get("nationality")}
		if num := strings.TrimSpace(f.Get("doc_number")); num != "" {
			np.Documents = []cases.Document{{Type: cases.DocumentType(f.Get("doc_type")), Number: num, Country: f.Get("doc_country")}}
		}
		if ph := strings.TrimSpace(f.Get("phone")); ph != "" {
			np.Phones = []string{ph}
		}
		pr, err := wb.Cases.CreatePerson(r.Context(), *in.Principal, np)
		if err != nil {
			wb.caseFormFailed(w, r, "subject", err)
			return
		}
		pid = pr.ID
		f.Set("person_id", pid)
	}
	sb, err := wb.Cases.AddSubject(r.Context(), *in.Principal, id, cases.NewSubject{PersonID: pid, Role: role})
	if err != nil {
		wb.caseFormFailed(w, r, "subject", err)
		return
	}
	caseFormDone(w, r, sb.CaseID, "subject", "subjects")
}

// addCaseEvent adds an event to the timeline.
func (wb *Web) addCaseEvent(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	f := r.PostForm
	at, err := formTime(in.P, "at", f.Get("at"))
	if err != nil {
		wb.caseFormFailed(w, r, "event", err)
		return
	}
	e, err := wb.Cases.CreateEvent(r.Context(), *in.Principal, r.PathValue("id"), cases.NewEvent{
		Kind: cases.EventKind(f.Get("kind")), At: at, Place: f.Get("place"), Summary: f.Get("summary")})
	if err != nil {
		wb.caseFormFailed(w, r, "event", err)
		return
	}
	caseFormDone(w, r, e.CaseID, "event", "timeline")
}

// seizureInput reads the seizure form.
func seizureInput(p *i18n.Printer, f url.Values, caseID string) (cases.NewSeizure, error) {
	day, err := formDay(p, "day", f.Get("day"))
	if err != nil {
		return cases.NewSeizure{}, err
	}
	in := cases.NewSeizure{CaseID: caseID, Day: day, Place: f.Get("place"), Agency: stats.Agency(f.Get("agency"))}
	for i := range drugRows {
		n := strconv.Itoa(i)
		drug, qty := strings.TrimSpace(f.Get("drug"+n)), strings.TrimSpace(f.Get("qty"+n))
		pieces, weight := strings.TrimSpace(f.Get("pieces"+n)), strings.TrimSpace(f.Get("weight"+n))
		if drug == "" && qty == "" && pieces == "" && weight == "" {
			continue
		}
		it := cases.DrugItem{Drug: drug, Amount: stats.Amount{Value: qty, Unit: f.Get("unit" + n)}}
		if it.Pieces, err = formCount(p, "pieces", pieces); err != nil {
			return in, err
		}
		if weight != "" {
			it.Weight = &stats.Amount{Value: weight, Unit: f.Get("wunit" + n)}
		}
		in.Drugs = append(in.Drugs, it)
	}
	if kind := strings.TrimSpace(f.Get("item_kind")); kind != "" {
		it := cases.Item{Kind: cases.ItemKind(kind), Description: f.Get("item_desc")}
		if it.Count, err = formCount(p, "count", f.Get("item_count")); err != nil {
			return in, err
		}
		if amount := strings.TrimSpace(f.Get("cash")); amount != "" {
			it.Cash = &cases.Money{Amount: amount, Currency: f.Get("currency")}
		}
		in.Items = append(in.Items, it)
	}
	return in, nil
}

// addCaseSeizure records a seizure made in the case.
func (wb *Web) addCaseSeizure(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	ns, err := seizureInput(in.P, r.PostForm, r.PathValue("id"))
	if err != nil {
		wb.caseFormFailed(w, r, "seizure", err)
		return
	}
	z, err := wb.Cases.CreateSeizure(r.Context(), *in.Principal, ns)
	if err != nil {
		wb.caseFormFailed(w, r, "seizure", err)
		return
	}
	caseFormDone(w, r, z.CaseID, "seizure", "seizures")
}

// addCaseArrest records the arrest of a subject of the case.
func (wb *Web) addCaseArrest(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	f := r.PostForm
	day, err := formDay(in.P, "day", f.Get("day"))
	if err != nil {
		wb.caseFormFailed(w, r, "arrest", err)
		return
	}
	a, err := wb.Cases.CreateArrest(r.Context(), *in.Principal, cases.NewArrest{CaseID: r.PathValue("id"),
		PersonID: f.Get("person_id"), Day: day, Place: f.Get("place"), Agency: stats.Agency(f.Get("agency")),
		Charge: cases.Charge(f.Get("charge")), ChargeText: f.Get("charge_text")})
	if err != nil {
		wb.caseFormFailed(w, r, "arrest", err)
		return
	}
	caseFormDone(w, r, a.CaseID, "arrest", "arrests")
}

// setCaseStatus moves the case to another status.
func (wb *Web) setCaseStatus(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	f := r.PostForm
	day, err := formDay(in.P, "day", f.Get("day"))
	if err != nil {
		wb.caseFormFailed(w, r, "status", err)
		return
	}
	c, err := wb.Cases.SetCaseStatus(r.Context(), *in.Principal, r.PathValue("id"),
		cases.NewStatus{Status: cases.Status(f.Get("status")), Day: day, Note: f.Get("note")})
	if err != nil {
		wb.caseFormFailed(w, r, "status", err)
		return
	}
	caseFormDone(w, r, c.ID, "status", "status")
}

// releaseCaseRecord releases the case, or one of this node's records in
// it, to the partner units across the border.
func (wb *Web) releaseCaseRecord(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	id := r.PathValue("id")
	kind, rid := strings.TrimSpace(r.PostForm.Get("kind")), strings.TrimSpace(r.PostForm.Get("rid"))
	if kind == cases.KindCase {
		rid = id
	}
	if err := wb.Cases.Release(r.Context(), *in.Principal, kind, rid); err != nil {
		wb.caseFormFailed(w, r, "release", err)
		return
	}
	caseFormDone(w, r, id, "released", "rec-"+rid)
}

package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/units"
	"github.com/borderlink/borderlink/wanted"
)

// newWantedView is the form that issues a notice. A form sent back with
// an error keeps every value typed.
type newWantedView struct {
	Name, Latin, Aliases, Birth, Nationality        string
	DocNumber, DocCountry, Description              string
	ChargeText, LegalBasis, WarrantRef, WarrantDate string
	Summary, Notes, LocationText, More              string
	Release                                         bool
	Issuers, Sexes, DocTypes, Langs, Locations      []option
	Charges, Danger, Partners                       []checkOption
}

// checks offers values as checkboxes, those in picked checked.
func checks[T ~string](values []T, name func(T) string, picked []string) []checkOption {
	out := make([]checkOption, 0, len(values))
	for _, v := range values {
		out = append(out, checkOption{Value: string(v), Label: name(v), Checked: slices.Contains(picked, string(v))})
	}
	return out
}

// selectOf marks, in a copy of opts, the option whose value is v.
func selectOf(opts []option, v string) []option {
	out := slices.Clone(opts)
	for i := range out {
		out[i].Selected = out[i].Value == v
	}
	return out
}

// wantedPartnerChoices are the partner units the form offers for the
// issuing units offered: their counterparts across the border and the
// other country's ministry (never a unit of this country).
func (wb *Web) wantedPartnerChoices(issuers []string) []string {
	var out []string
	for _, c := range wb.partnerChoices(issuers) {
		if wb.countryOf(c) != wb.Country {
			out = append(out, c)
		}
	}
	return out
}

// newWantedForm fills the form from what was posted (nil for a new form).
func (wb *Web) newWantedForm(in *httpx.Info, form url.Values) newWantedView {
	p, l := in.P, in.Lang
	get := func(k, def string) string {
		if form == nil {
			return def
		}
		return form.Get(k)
	}
	v := newWantedView{Name: get("name", ""), Latin: get("name_latin", ""), Aliases: get("aliases", ""), Birth: get("birth", ""),
		Nationality: get("nationality", ""), DocNumber: get("doc_number", ""), DocCountry: get("doc_country", ""),
		Description: get("description", ""), ChargeText: get("charge_text", ""), LegalBasis: get("legal_basis", ""),
		WarrantRef: get("warrant_ref", ""), WarrantDate: get("warrant_date", ""), Summary: get("summary", ""),
		Notes: get("notes", ""), LocationText: get("location_text", ""), More: get("more_units", ""),
		Release: form != nil && form.Get("release") != ""}
	issuers := wb.grantUnits(*in.Principal, auth.PermWantedWrite)
	for _, c := range issuers {
		v.Issuers = append(v.Issuers, option{Value: c, Label: wb.unitOptionLabel(c, l)})
	}
	issuer := get("issuing_unit", "")
	if issuer == "" && len(issuers) > 0 {
		issuer = issuers[0]
	}
	v.Issuers = selectOf(v.Issuers, issuer)
	v.Sexes = selectOf(enumOptions(p, "sex", cases.Sexes()), get("sex", string(cases.SexUnknown)))
	v.DocTypes = selectOf(enumOptions(p, "document", cases.DocumentTypes()), get("doc_type", string(cases.DocPassport)))
	lang := get("lang", string(wb.writerLang(in)))
	for _, lg := range borderlink.Langs {
		v.Langs = append(v.Langs, option{Value: string(lg), Label: i18n.LangName(lg), Selected: string(lg) == lang})
	}
	v.Charges = checks(cases.Charges(), func(c cases.Charge) string { return label(p, "charge", string(c)) }, form["charges"])
	v.Danger = checks(wanted.Dangers(), func(d wanted.Danger) string { return wantedLabel(p, "danger", string(d)) }, form["danger"])
	// The counterparts of the units of the reader's grants, not of every
	// unit below them: a province's villages are not its partners.
	grants := in.Principal.ScopeUnits(auth.PermWantedWrite)
	if len(grants) == 0 {
		grants = issuers
	}
	partners := wb.wantedPartnerChoices(grants)
	v.Partners = checks(partners, func(c string) string { return wb.unitOptionLabel(c, l) }, form["partner_units"])
	v.Locations = []option{{Value: "", Label: "—"}}
	for _, c := range append(slices.Clone(issuers), partners...) {
		v.Locations = append(v.Locations, option{Value: c, Label: wb.placeName(c, l) + " (" + c + ")"})
	}
	v.Locations = selectOf(v.Locations, get("location_unit", ""))
	return v
}

func (wb *Web) newWantedPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	wb.render(w, r, http.StatusOK, "wanted_new", &page{Title: in.P.T("wanted_web.new"), Nav: "wanted", Data: wb.newWantedForm(in, nil)})
}

// splitList reads aliases separated by commas or semicolons.
func splitList(s string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// newNoticeInput reads the form that issues a notice.
func newNoticeInput(p *i18n.Printer, f url.Values) (wanted.NewNotice, error) {
	partners := slices.Clone(f["partner_units"])
	for _, c := range splitCodes(f.Get("more_units")) {
		c = units.NormalizeCode(c)
		if !slices.Contains(partners, c) {
			partners = append(partners, c)
		}
	}
	lang, _ := borderlink.ParseLang(f.Get("lang"))
	nn := wanted.NewNotice{IssuingUnit: f.Get("issuing_unit"),
		Person: wanted.Person{Name: f.Get("name"), NameLatin: f.Get("name_latin"), Aliases: splitList(f.Get("aliases")),
			Birth: f.Get("birth"), Sex: cases.Sex(f.Get("sex")), Nationality: f.Get("nationality"), Description: f.Get("description")},
		ChargeText: f.Get("charge_text"), LegalBasis: f.Get("legal_basis"), WarrantRef: f.Get("warrant_ref"),
		Summary: f.Get("summary"), Notes: f.Get("notes"), Lang: lang, PartnerUnits: partners, Release: f.Get("release") != "",
		Location: wanted.Place{Unit: strings.TrimSpace(f.Get("location_unit")), Text: f.Get("location_text")}}
	if num := strings.TrimSpace(f.Get("doc_number")); num != "" {
		nn.Person.Documents = []cases.Document{{Type: cases.DocumentType(f.Get("doc_type")), Number: num, Country: f.Get("doc_country")}}
	}
	for _, c := range f["charges"] {
		nn.Charges = append(nn.Charges, cases.Charge(c))
	}
	for _, d := range f["danger"] {
		nn.Danger = append(nn.Danger, wanted.Danger(d))
	}
	if s := strings.TrimSpace(f.Get("warrant_date")); s != "" {
		d, err := borderlink.ParseDate(s)
		if err != nil {
			return nn, errWantedDate(p, "warrant_date", s)
		}
		nn.WarrantDate = d
	}
	return nn, nil
}

// errWantedDate refuses a date the form could not read.
func errWantedDate(p *i18n.Printer, field, value string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.cases_form_date", "not a date: "+value,
		"field", p.T("wanted.field_"+field), "value", value)
}

// createWanted issues the notice and shows its file; a refusal shows the
// form again with the error and what was typed.
func (wb *Web) createWanted(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	f := r.PostForm
	nn, err := newNoticeInput(in.P, f)
	var n wanted.Notice
	if err == nil {
		n, err = wb.Wanted.CreateNotice(r.Context(), *in.Principal, nn)
	}
	if err != nil {
		if borderlink.ErrorCode(err) == borderlink.EInternal {
			wb.Error(w, r, err)
			return
		}
		wb.render(w, r, httpx.Status(borderlink.ErrorCode(err)), "wanted_new", &page{Title: in.P.T("wanted_web.new"), Nav: "wanted",
			Error: in.P.Err(err), Data: wb.newWantedForm(in, f)})
		return
	}
	redirect(w, r, "/wanted/"+url.PathEscape(n.ID)+"?done=created")
}

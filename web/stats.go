package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/stats/report"
	"github.com/borderlink/borderlink/units"
)

// conference is a preset of the dashboard: the eight facing provinces of
// the northern bilateral conference (four on each side).
var conference = []string{"VN-11", "VN-14", "VN-38", "VN-40", "LA-02", "LA-06", "LA-07", "LA-09"}

type statsView struct {
	From, To    string
	Countries   []option
	Provinces   []provinceGroup
	Agencies    []checkOption
	Drugs       []checkOption
	Presets     []presetLink
	Period      string
	PrevPeriod  string
	Cards       []card
	DrugRows    []figureRow
	Provs       []figureRow
	AgencyRows  []figureRow
	Tables      []statsTable
	Release     *releaseForm
	Empty       bool
	ChartData   template.JS
	APIURL      string
	ReportURL   string
	Query       string
	FilterError string
}

type statsTable struct {
	ID, Title, Head string
	Rows            []figureRow
}

type provinceGroup struct {
	Label   string
	Options []checkOption
}

type checkOption struct {
	Value, Label string
	Checked      bool
}

type presetLink struct{ Label, URL string }

type card struct {
	Label, Value, Previous, Change string
	Up, Down                       bool
}

type figureRow struct {
	Label, Code            string
	Cases, Arrests         string
	Quantity, PrevQuantity string
	Change                 string
	Up, Down               bool
}

// statsPage is the dashboard: filters, headline figures against the
// previous period, charts drawn in the browser from the embedded
// Chart.js, and the tables behind them. Aggregates carry no personal data;
// reading them is not audited beyond the route's access control.
func (wb *Web) statsPage(w http.ResponseWriter, r *http.Request) {
	wb.statsPageWith(w, r, "", "")
}

// statsRelease sends the node's figures of the months chosen to the
// partner ministry's node and shows the dashboard again with the outcome.
func (wb *Web) statsRelease(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	from, err := stats.ParseMonth(r.PostForm.Get("from_month"))
	if err == nil {
		var to borderlink.Date
		if to, err = stats.ParseMonth(r.PostForm.Get("to_month")); err == nil {
			var n int
			if n, err = wb.Stats.Release(r.Context(), *in.Principal, from, to); err == nil {
				wb.statsPageWith(w, r, in.P.T("stats.released", "n", n), "")
				return
			}
		}
	}
	if be := borderlink.AsError(err); be.Code == borderlink.EInternal {
		wb.Error(w, r, err)
		return
	}
	wb.statsPageWith(w, r, "", in.P.Err(err))
}

// statsPageWith renders the dashboard with a flash message or an error
// about a form just sent.
func (wb *Web) statsPageWith(w http.ResponseWriter, r *http.Request, flash, formError string) {
	in := httpx.From(r)
	p := in.P
	today := borderlink.DateOf(wb.Clock.Now())
	v := statsView{}
	f, err := stats.ParseFilter(r.URL.Query(), today)
	if err != nil {
		v.FilterError = p.Err(err)
		f = stats.Filter{From: borderlink.NewDate(today.Time().Year(), 1, 1), To: today}
	}
	wb.statsFilterForm(in, f, today, &v)
	sum, err := wb.Stats.Summary(r.Context(), *in.Principal, f)
	if err != nil {
		if !borderlink.IsCode(err, borderlink.EInvalid) {
			wb.Error(w, r, err)
			return
		}
		v.FilterError = p.Err(err)
		wb.render(w, r, http.StatusBadRequest, "stats", &page{Title: p.T("stats.title"), Nav: "stats", Data: v})
		return
	}
	drugs := wb.Stats.Drugs()
	tree := wb.Units.Tree()
	v.Period = p.T("stats.period_range", "from", p.CivilDate(f.From), "to", p.CivilDate(f.To))
	v.PrevPeriod = p.T("stats.compared_with", "from", p.CivilDate(sum.PreviousFrom), "to", p.CivilDate(sum.PreviousTo))
	cur, prev := sum.Total.Current, sum.Total.Previous
	v.Empty = cur.Facts == 0 && prev.Facts == 0
	v.Cards = []card{
		newCard(p, p.T("stats.cases"), float64(cur.Cases), float64(prev.Cases), 0, ""),
		newCard(p, p.T("stats.arrests"), float64(cur.Arrests), float64(prev.Arrests), 0, ""),
		newCard(p, p.T("stats.weight_seized"), cur.Kilograms(), prev.Kilograms(), 2, "kg"),
		newCard(p, p.T("stats.pieces_seized"), float64(cur.Pieces), float64(prev.Pieces), 0, ""),
	}
	for _, fg := range sum.ByDrug {
		label := p.T("stats.no_drug")
		if t, ok := drugs.Type(fg.Key); ok {
			label = t.Name().In(in.Lang)
		}
		v.DrugRows = append(v.DrugRows, newFigureRow(p, label, fg.Key, fg, quantity(p, in.Lang, drugs, fg.Key, fg.Current.Totals),
			quantity(p, in.Lang, drugs, fg.Key, fg.Previous.Totals)))
	}
	for _, fg := range sum.ByProvince {
		v.Provs = append(v.Provs, newFigureRow(p, provinceLabel(p, in.Lang, tree, fg.Key), fg.Key, fg,
			p.Number(fg.Current.Kilograms(), 2)+" kg", p.Number(fg.Previous.Kilograms(), 2)+" kg"))
	}
	for _, fg := range sum.ByAgency {
		v.AgencyRows = append(v.AgencyRows, newFigureRow(p, p.T("stats.agency."+fg.Key), fg.Key, fg,
			p.Number(fg.Current.Kilograms(), 2)+" kg", p.Number(fg.Previous.Kilograms(), 2)+" kg"))
	}
	if in.Principal.CanIn(auth.PermStatsRead, wb.Country+"-MPS", wb.Units) {
		last := borderlink.DateOf(borderlink.NewDate(today.Time().Year(), today.Time().Month(), 1).Time().AddDate(0, -1, 0))
		v.Release = &releaseForm{From: borderlink.NewDate(last.Time().Year(), 1, 1).String()[:7], To: last.String()[:7], Error: formError}
	}
	v.Tables = []statsTable{
		{ID: "stats-drugs", Title: p.T("stats.by_drug"), Head: "stats.drug", Rows: v.DrugRows},
		{ID: "stats-provinces", Title: p.T("stats.by_province"), Head: "stats.province", Rows: v.Provs},
		{ID: "stats-agencies", Title: p.T("stats.by_agency"), Head: "stats.agency", Rows: v.AgencyRows},
	}
	v.ChartData = chartData(p, in.Lang, sum, v)
	v.Query = f.Values().Encode()
	v.APIURL = "/api/v1/stats/summary?" + v.Query
	v.ReportURL = "/stats/report?" + v.Query
	wb.render(w, r, http.StatusOK, "stats", &page{Title: p.T("stats.title"), Nav: "stats", Data: v, Flash: flash})
}

// releaseForm is the form that releases months of figures to the partner.
type releaseForm struct {
	From, To, Error string
}

// statsFilterForm fills the filter controls of the dashboard.
func (wb *Web) statsFilterForm(in *httpx.Info, f stats.Filter, today borderlink.Date, v *statsView) {
	p := in.P
	v.From, v.To = f.From.String(), f.To.String()
	v.Countries = []option{{Value: "", Label: p.T("stats.both_countries"), Selected: f.Country == ""}}
	tree := wb.Units.Tree()
	for _, c := range tree.Countries() {
		v.Countries = append(v.Countries, option{Value: c.Code, Label: c.Name.In(in.Lang), Selected: f.Country == c.Code})
	}
	for _, c := range tree.Countries() {
		var cur, old []checkOption
		for _, u := range tree.Units(c.Code) {
			if u.Level != units.LevelProvince {
				continue
			}
			o := checkOption{Value: u.Code, Label: provinceLabel(p, in.Lang, tree, u.Code), Checked: slices.Contains(f.Provinces, u.Code)}
			if u.ValidTo.IsZero() {
				cur = append(cur, o)
			} else {
				old = append(old, o)
			}
		}
		v.Provinces = append(v.Provinces, provinceGroup{Label: c.Name.In(in.Lang), Options: cur})
		if len(old) > 0 {
			v.Provinces = append(v.Provinces, provinceGroup{Label: p.T("stats.old_provinces", "country", c.Name.In(in.Lang)), Options: old})
		}
	}
	for _, a := range stats.Agencies() {
		v.Agencies = append(v.Agencies, checkOption{Value: string(a), Label: p.T("stats.agency." + string(a)), Checked: slices.Contains(f.Agencies, a)})
	}
	for _, t := range wb.Stats.Drugs().Types {
		v.Drugs = append(v.Drugs, checkOption{Value: t.Code, Label: t.Name().In(in.Lang), Checked: slices.Contains(f.Drugs, t.Code)})
	}
	y := today.Time().Year()
	preset := func(label string, g stats.Filter) presetLink {
		return presetLink{Label: label, URL: "/stats?" + g.Values().Encode()}
	}
	v.Presets = []presetLink{
		preset(p.T("stats.this_year"), stats.Filter{From: borderlink.NewDate(y, 1, 1), To: today}),
		preset(p.T("stats.last_year"), stats.Filter{From: borderlink.NewDate(y-1, 1, 1), To: borderlink.NewDate(y-1, 12, 31)}),
		preset(p.T("stats.last_12_months"), stats.Filter{From: borderlink.DateOf(today.Time().AddDate(-1, 0, 1)), To: today}),
		preset(p.T("stats.conference_preset"), stats.Filter{From: borderlink.NewDate(y-1, 1, 1), To: borderlink.NewDate(y-1, 12, 31), Provinces: conference}),
	}
}

// provinceLabel names a province in the reader's language, marking one
// that has ended with the day it ended.
func provinceLabel(p *i18n.Printer, l borderlink.Lang, tree *units.Tree, code string) string {
	u, err := tree.Get(code)
	if err != nil {
		return code
	}
	name := u.PlaceName.In(l)
	if !u.ValidTo.IsZero() {
		return p.T("stats.province_until", "name", name, "date", p.CivilDate(u.ValidTo))
	}
	return name
}

// quantity writes what was seized of a drug in the units it is reported
// in: tablets as a count with their weight, plants and blocks as counts,
// the rest by weight, volume or area.
func quantity(p *i18n.Printer, l borderlink.Lang, drugs *refdata.Drugs, code string, t stats.Totals) string {
	unitName := func(c string) string {
		if u, ok := drugs.Unit(c); ok {
			return borderlink.Text{VI: u.VI, LO: u.LO, EN: u.EN}.In(l)
		}
		return c
	}
	var parts []string
	dt, _ := drugs.Type(code)
	if t.Pieces > 0 {
		unit := "units"
		switch d, _ := stats.UnitDimension(dt.DefaultUnit); {
		case d == stats.Pieces:
			unit = dt.DefaultUnit
		case slices.Contains(dt.AltUnits, "pills"):
			unit = "pills"
		case slices.Contains(dt.AltUnits, "plants"):
			unit = "plants"
		case slices.Contains(dt.AltUnits, "block"):
			unit = "block"
		}
		parts = append(parts, p.Int(t.Pieces)+" "+unitName(unit))
	}
	if t.Milligrams > 0 {
		parts = append(parts, p.Number(t.Kilograms(), 2)+" "+unitName("kg"))
	}
	if t.Millilitre > 0 {
		parts = append(parts, p.Number(float64(t.Millilitre)/1000, 2)+" "+unitName("l"))
	}
	if t.SquareM > 0 {
		parts = append(parts, p.Number(float64(t.SquareM)/10000, 2)+" "+unitName("ha"))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, " · ")
}

// change writes the change from prev to cur as a signed percentage; "" when
// there was nothing before.
func change(p *i18n.Printer, cur, prev float64) (string, bool, bool) {
	if prev == 0 {
		if cur == 0 {
			return "", false, false
		}
		return p.T("stats.new"), true, false
	}
	pct := (cur - prev) / prev * 100
	s := p.Number(math.Abs(pct), 1) + " %"
	switch {
	case pct > 0:
		return "+" + s, true, false
	case pct < 0:
		return "−" + s, false, true
	}
	return s, false, false
}

func newCard(p *i18n.Printer, label string, cur, prev float64, decimals int, unit string) card {
	c := card{Label: label, Value: p.Number(cur, decimals), Previous: p.Number(prev, decimals)}
	if unit != "" {
		c.Value += " " + unit
		c.Previous += " " + unit
	}
	c.Change, c.Up, c.Down = change(p, cur, prev)
	return c
}

func newFigureRow(p *i18n.Printer, label, code string, fg stats.Figures, q, pq string) figureRow {
	r := figureRow{Label: label, Code: code, Cases: p.Int(fg.Current.Cases), Arrests: p.Int(fg.Current.Arrests), Quantity: q, PrevQuantity: pq}
	cur, prev := fg.Current.Kilograms(), fg.Previous.Kilograms()
	if cur == 0 && prev == 0 {
		cur, prev = float64(fg.Current.Cases), float64(fg.Previous.Cases)
	}
	r.Change, r.Up, r.Down = change(p, cur, prev)
	return r
}

// chartPayload is what js/stats.js draws: labels already in the reader's
// language, values as plain numbers.
type chartPayload struct {
	Locale string            `json:"locale"`
	Months chartSeries       `json:"months"`
	Drugs  chartSeries       `json:"drugs"`
	Provs  chartSeries       `json:"provinces"`
	Agency chartSeries       `json:"agencies"`
	Text   map[string]string `json:"text"`
}

type chartSeries struct {
	Labels []string  `json:"labels"`
	Kg     []float64 `json:"kg"`
	PrevKg []float64 `json:"prev_kg,omitempty"`
	Cases  []int64   `json:"cases"`
}

func chartData(p *i18n.Printer, l borderlink.Lang, sum stats.Summary, v statsView) template.JS {
	cd := chartPayload{Locale: string(l), Text: map[string]string{
		"kg": p.T("stats.chart_kg"), "prev_kg": p.T("stats.chart_prev_kg"), "cases": p.T("stats.cases"),
	}}
	round := func(f float64) float64 { return math.Round(f*100) / 100 }
	for _, m := range sum.ByMonth {
		t, err := borderlink.ParseDate(m.Month + "-01")
		label := m.Month
		if err == nil {
			label = p.T("stats.month_label", "month", strconv.Itoa(int(t.Time().Month())), "year", strconv.Itoa(t.Time().Year()))
		}
		cd.Months.Labels = append(cd.Months.Labels, label)
		cd.Months.Kg = append(cd.Months.Kg, round(m.Kilograms()))
		cd.Months.Cases = append(cd.Months.Cases, m.Cases)
	}
	series := func(rows []figureRow, figs []stats.Figures, max int) chartSeries {
		var s chartSeries
		for i, fg := range figs {
			if i == max {
				break
			}
			s.Labels = append(s.Labels, rows[i].Label)
			s.Kg = append(s.Kg, round(fg.Current.Kilograms()))
			s.PrevKg = append(s.PrevKg, round(fg.Previous.Kilograms()))
			s.Cases = append(s.Cases, fg.Current.Cases)
		}
		return s
	}
	cd.Drugs = series(v.DrugRows, sum.ByDrug, 10)
	cd.Provs = series(v.Provs, sum.ByProvince, 20)
	cd.Agency = series(v.AgencyRows, sum.ByAgency, 10)
	b, err := json.Marshal(cd) // escapes <, > and &, so it cannot end the script element
	if err != nil {
		return template.JS("{}")
	}
	return template.JS(b)
}

type reportView struct {
	Doc     report.Doc
	Query   string
	Back    string
	Langs   []presetLink
	CSV     string
	XLSX    string
	LangTag string
}

// statsReport is the printable conference report for the dashboard's
// filter, in the language of rlang (the reader's by default), so that one
// side can print the other side's version for a bilateral meeting.
// Producing it is audited (stats.report).
func (wb *Web) statsReport(w http.ResponseWriter, r *http.Request) {
	doc, f, err := wb.reportDoc(r)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	q := f.Values()
	v := reportView{Doc: doc, Back: "/stats?" + q.Encode(), LangTag: string(doc.Lang)}
	for _, l := range borderlink.Langs {
		q.Set("rlang", string(l))
		v.Langs = append(v.Langs, presetLink{Label: i18n.LangName(l), URL: "/stats/report?" + q.Encode()})
	}
	q.Set("rlang", string(doc.Lang))
	v.CSV = "/stats/report.csv?" + q.Encode()
	v.XLSX = "/stats/report.xlsx?" + q.Encode()
	wb.render(w, r, http.StatusOK, "report", &page{Title: doc.Title, Nav: "stats", Data: v})
}

// serveFile sends a document made for this request as a download.
func serveFile(w http.ResponseWriter, name, contentType string, data []byte) {
	sum := sha256.Sum256(data)
	httpx.ServeDownload(w, name, contentType, hex.EncodeToString(sum[:]), data)
}

// statsReportCSV downloads the report's tables as one CSV file.
func (wb *Web) statsReportCSV(w http.ResponseWriter, r *http.Request) {
	doc, f, err := wb.reportDoc(r)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := report.WriteCSV(&buf, doc); err != nil {
		wb.Error(w, r, err)
		return
	}
	serveFile(w, reportFileName(f, doc.Lang, "csv"), "text/csv; charset=utf-8", buf.Bytes())
}

// statsReportXLSX downloads the report as a workbook, one sheet per table.
func (wb *Web) statsReportXLSX(w http.ResponseWriter, r *http.Request) {
	doc, f, err := wb.reportDoc(r)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := report.WriteXLSX(&buf, doc); err != nil {
		wb.Error(w, r, err)
		return
	}
	serveFile(w, reportFileName(f, doc.Lang, "xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

// reportDoc gathers and renders the report the request asks for.
func (wb *Web) reportDoc(r *http.Request) (report.Doc, stats.Filter, error) {
	in := httpx.From(r)
	today := borderlink.DateOf(wb.Clock.Now())
	f, err := stats.ParseFilter(r.URL.Query(), today)
	if err != nil {
		return report.Doc{}, f, err
	}
	lang := in.Lang
	if l, ok := borderlink.ParseLang(r.URL.Query().Get("rlang")); ok {
		lang = l
	}
	rep, err := wb.Stats.Report(r.Context(), *in.Principal, f)
	if err != nil {
		return report.Doc{}, f, err
	}
	return report.Render(rep, wb.Catalog.Printer(lang), wb.Units.Tree(), wb.Stats.Drugs(), string(wb.NodeID), wb.Clock.Now()), f, nil
}

// reportFileName is the name a downloaded report is saved under.
func reportFileName(f stats.Filter, l borderlink.Lang, ext string) string {
	return "borderlink-report-" + f.From.String() + "-" + f.To.String() + "-" + string(l) + "." + ext
}

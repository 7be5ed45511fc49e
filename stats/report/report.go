// Package report renders the conference report — the summary paragraph
// and the tables of a stats.Report — in one language, for the printable
// page, the XLSX workbook and the CSV file. Numbers follow the language's
// rules (1.234,56 in Vietnamese and Lao, 1,234.56 in English); the
// paragraph is built from catalogue sentences, so that it reads as each
// language writes such reports rather than as a translation.
package report

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/units"
)

// Cell is one table cell: its text in the language, and for figures the
// number itself (written as a number into spreadsheets).
type Cell struct {
	Text     string  `json:"text"`
	Num      float64 `json:"value,omitempty"`
	IsNum    bool    `json:"number,omitempty"`
	Decimals int     `json:"decimals,omitempty"`
}

// Table is one table of the report.
type Table struct {
	ID    string   `json:"id"` // stable, for sheet names and anchors: "countries", "provinces", "drugs", "agencies"
	Title string   `json:"title"`
	Head  []string `json:"head"`
	Rows  [][]Cell `json:"rows"`
}

// Doc is a rendered report.
type Doc struct {
	Lang       borderlink.Lang `json:"lang"`
	Title      string          `json:"title"`
	Period     string          `json:"period"`
	Scope      string          `json:"scope"`
	Summary    string          `json:"summary"`    // the paragraph
	Comparison string          `json:"comparison"` // the sentence comparing with the previous period
	Notes      []string        `json:"notes"`
	Tables     []Table         `json:"tables"`
	Footer     string          `json:"footer"`
}

// Render writes rep in the language of p. tree names the places; node and
// at go into the footer.
func Render(rep stats.Report, p *i18n.Printer, tree *units.Tree, drugs *refdata.Drugs, node string, at time.Time) Doc {
	l := p.Lang()
	f := rep.Filter
	d := Doc{Lang: l, Title: p.T("report.title")}
	d.Period = p.T("report.period", "from", p.CivilDate(f.From), "to", p.CivilDate(f.To))
	d.Scope = scope(rep, p, tree)
	cur := rep.Total.Current
	if cur.Facts == 0 {
		d.Summary = p.T("report.summary_none", "period", d.Period, "places", d.Scope)
	} else {
		d.Summary = p.T("report.summary", "period", d.Period, "places", d.Scope,
			"cases", p.Int(cur.Cases), "arrests", p.Int(cur.Arrests), "items", items(rep.ByDrug, p))
	}
	prev := rep.Total.Previous
	if prev.Facts > 0 {
		d.Comparison = p.T("report.compare", "prev", p.T("report.range", "from", p.CivilDate(rep.PreviousFrom), "to", p.CivilDate(rep.PreviousTo)),
			"cases_change", changeWords(p, float64(cur.Cases), float64(prev.Cases)),
			"arrests_change", changeWords(p, float64(cur.Arrests), float64(prev.Arrests)),
			"kg_change", changeWords(p, cur.Kilograms(), prev.Kilograms()))
	}
	for _, c := range rep.Countries {
		if c.Released {
			d.Notes = append(d.Notes, p.T("report.partner_note", "country", countryName(tree, c.Country, l)))
		}
	}
	d.Tables = tables(rep, p, tree, drugs)
	d.Footer = p.T("report.footer", "node", node, "time", at)
	return d
}

// scope names the places a report covers: the provinces asked for, or the
// countries.
func scope(rep stats.Report, p *i18n.Printer, tree *units.Tree) string {
	l := p.Lang()
	if len(rep.Filter.Provinces) > 0 {
		var names []string
		for _, code := range rep.Filter.Provinces {
			names = append(names, provinceName(p, tree, code))
		}
		return p.T("report.scope_provinces", "count", p.Int(int64(len(names))), "list", join(p, names))
	}
	var names []string
	for _, c := range rep.Countries {
		names = append(names, countryName(tree, c.Country, l))
	}
	if len(names) == 0 {
		if rep.Filter.Country != "" {
			names = []string{countryName(tree, rep.Filter.Country, l)}
		} else {
			names = []string{countryName(tree, "VN", l), countryName(tree, "LA", l)}
		}
	}
	return p.T("report.scope_countries", "list", join(p, names))
}

func countryName(tree *units.Tree, code string, l borderlink.Lang) string {
	if c, ok := tree.Country(code); ok {
		return c.Name.In(l)
	}
	return code
}

// provinceName names a province, an ended one with the day it ended.
func provinceName(p *i18n.Printer, tree *units.Tree, code string) string {
	u, err := tree.Get(code)
	if err != nil {
		return code
	}
	name := u.PlaceName.In(p.Lang())
	if !u.ValidTo.IsZero() {
		return p.T("stats.province_until", "name", name, "date", p.CivilDate(u.ValidTo))
	}
	return name
}

// join writes a list the way the language does: "a, b and c".
func join(p *i18n.Printer, xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return p.T("report.list_and", "list", strings.Join(xs[:len(xs)-1], ", "), "last", xs[len(xs)-1])
}

// items lists what was seized, heaviest first: drugs by weight, counted
// drugs by count with their weight, liquids and crops by their measure.
func items(figs []stats.Figures, p *i18n.Printer) string {
	var out []string
	for _, fg := range figs {
		t := fg.Current.Totals
		if fg.Key == "" || (t.Milligrams == 0 && t.Pieces == 0 && t.Millilitre == 0 && t.SquareM == 0) {
			continue
		}
		out = append(out, Quantity(p, fg.Key, t, true))
	}
	if len(out) == 0 {
		return p.T("report.nothing_seized")
	}
	return join(p, out)
}

// Quantity writes what was seized of one drug. In running text (prose)
// the drug is named in the words of a report; in a table cell only the
// measures are written.
func Quantity(p *i18n.Printer, drug string, t stats.Totals, prose bool) string {
	name := ""
	if prose {
		name = lowerFirst(p.T("report.drug."+strings.ToLower(drug)), p.Lang())
	}
	kg := p.Number(t.Kilograms(), 2)
	unit := p.T("report.unit." + pieceUnit(drug))
	var parts []string
	switch {
	case t.Pieces > 0 && t.Milligrams > 0:
		parts = append(parts, p.T(key("report.item_pieces_kg", prose), "count", p.Int(t.Pieces), "unit", unit, "drug", name, "kg", kg))
	case t.Pieces > 0:
		parts = append(parts, p.T(key("report.item_pieces", prose), "count", p.Int(t.Pieces), "unit", unit, "drug", name))
	case t.Milligrams > 0:
		parts = append(parts, p.T(key("report.item_kg", prose), "kg", kg, "drug", name))
	}
	if t.Millilitre > 0 {
		parts = append(parts, p.T(key("report.item_litres", prose), "l", p.Number(float64(t.Millilitre)/1000, 2), "drug", name))
	}
	if t.SquareM > 0 {
		parts = append(parts, p.T(key("report.item_ha", prose), "ha", p.Number(float64(t.SquareM)/10000, 2), "drug", name))
	}
	return strings.Join(parts, ", ")
}

func key(k string, prose bool) string {
	if prose {
		return k
	}
	return k + "_cell"
}

// pieceUnit is what a drug is counted in.
func pieceUnit(drug string) string {
	switch drug {
	case "HEROIN":
		return "block"
	case "OPIUM_POPPY", "CANNABIS_PLANT", "KRATOM":
		return "plants"
	case "NPS":
		return "units"
	}
	return "pills"
}

// lowerFirst lowers the first letter of a name used inside a sentence in
// Vietnamese and English, unless the name is an abbreviation ("MDMA").
func lowerFirst(s string, l borderlink.Lang) string {
	if l == borderlink.LangLO || s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	r2, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// changeWords says how a figure moved: "tăng 12,5 %", "fell by 3.0 %".
func changeWords(p *i18n.Printer, cur, prev float64) string {
	if prev == 0 {
		return p.T("report.same")
	}
	pct := (cur - prev) / prev * 100
	abs := pct
	if abs < 0 {
		abs = -abs
	}
	s := p.Number(abs, 1) + " %"
	switch {
	case p.Number(abs, 1) == p.Number(0, 1):
		return p.T("report.same")
	case pct > 0:
		return p.T("report.up", "pct", s)
	}
	return p.T("report.down", "pct", s)
}

// tables builds the four tables: by country, province, drug and agency.
func tables(rep stats.Report, p *i18n.Printer, tree *units.Tree, drugTypes *refdata.Drugs) []Table {
	l := p.Lang()
	num := func(v float64, decimals int) Cell {
		return Cell{Text: p.Number(v, decimals), Num: v, IsNum: true, Decimals: decimals}
	}
	txt := func(s string) Cell { return Cell{Text: s} }
	pct := func(cur, prev float64) Cell {
		if prev == 0 {
			return txt("")
		}
		v := (cur - prev) / prev * 100
		return Cell{Text: p.Number(v, 1) + " %", Num: v, IsNum: true, Decimals: 1}
	}
	figureHead := []string{p.T("stats.cases"), p.T("stats.arrests"), p.T("report.col_kg"), p.T("report.col_pieces"),
		p.T("report.col_prev_cases"), p.T("report.col_prev_kg"), p.T("report.col_change_kg")}
	figureRow := func(label string, fg stats.Figures) []Cell {
		c, pr := fg.Current, fg.Previous
		return []Cell{txt(label), num(float64(c.Cases), 0), num(float64(c.Arrests), 0), num(c.Kilograms(), 2),
			num(float64(c.Pieces), 0), num(float64(pr.Cases), 0), num(pr.Kilograms(), 2), pct(c.Kilograms(), pr.Kilograms())}
	}
	var out []Table
	countries := Table{ID: "countries", Title: p.T("report.by_country"), Head: append([]string{p.T("stats.country")}, figureHead...)}
	for _, c := range rep.Countries {
		countries.Rows = append(countries.Rows, figureRow(countryName(tree, c.Country, l), c.Total))
	}
	if len(rep.Countries) > 1 {
		countries.Rows = append(countries.Rows, figureRow(p.T("report.total"), rep.Total))
	}
	out = append(out, countries)

	provs := Table{ID: "provinces", Title: p.T("report.by_province"), Head: append([]string{p.T("stats.province")}, figureHead...)}
	for _, c := range rep.Countries {
		for _, fg := range c.ByProvince {
			provs.Rows = append(provs.Rows, figureRow(provinceName(p, tree, fg.Key), fg))
		}
	}
	out = append(out, provs)

	drugs := Table{ID: "drugs", Title: p.T("report.by_drug"), Head: []string{p.T("stats.country"), p.T("stats.drug"),
		p.T("stats.cases"), p.T("report.col_kg"), p.T("report.col_pieces"), p.T("report.col_quantity"),
		p.T("report.col_prev_kg"), p.T("report.col_change_kg")}}
	for _, c := range rep.Countries {
		for _, fg := range c.ByDrug {
			name := p.T("stats.no_drug")
			if t, ok := drugTypes.Type(fg.Key); ok {
				name = t.Name().In(l)
			}
			cur, pr := fg.Current, fg.Previous
			drugs.Rows = append(drugs.Rows, []Cell{txt(countryName(tree, c.Country, l)), txt(name), num(float64(cur.Cases), 0),
				num(cur.Kilograms(), 2), num(float64(cur.Pieces), 0), txt(Quantity(p, fg.Key, cur.Totals, false)),
				num(pr.Kilograms(), 2), pct(cur.Kilograms(), pr.Kilograms())})
		}
	}
	out = append(out, drugs)

	agencies := Table{ID: "agencies", Title: p.T("report.by_agency"), Head: append([]string{p.T("stats.agency")}, figureHead...)}
	for _, fg := range rep.ByAgency {
		agencies.Rows = append(agencies.Rows, figureRow(p.T("stats.agency."+fg.Key), fg))
	}
	out = append(out, agencies)
	return slices.DeleteFunc(out, func(t Table) bool { return len(t.Rows) == 0 })
}

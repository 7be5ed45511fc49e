package communes

import (
	"bytes"

	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/stats/report"
)

// ExportXLSX returns d as a workbook in the language of p: a first sheet
// naming the unit and the day, a sheet with the table (one row per unit
// below, then the total) and a sheet with the months. It is written by the
// statistics report's workbook writer, so that both exports look alike.
func ExportXLSX(d Dashboard, p *i18n.Printer) ([]byte, error) {
	l := p.Lang()
	doc := report.Doc{Lang: l, Title: p.T("communes.dashboard_title", "unit", d.Name.In(l)),
		Period: p.T("communes.dashboard_period", "date", p.CivilDate(d.AsOf), "from", p.CivilDate(d.From), "to", p.CivilDate(d.To)),
		Footer: p.T("communes.dashboard_footer")}
	num := func(n int) report.Cell { return report.Cell{Text: p.Int(int64(n)), Num: float64(n), IsNum: true} }
	table := report.Table{ID: "units", Title: p.T("communes.sheet_units")}
	for _, k := range []string{"col_unit", "col_standing", "col_communes", "col_recognised", "col_pending", "col_revoked",
		"col_not_assessed", "col_districts", "col_districts_recognised", "col_households", "col_agencies", "col_units"} {
		table.Head = append(table.Head, p.T("communes."+k))
	}
	figures := func(f Figures) []report.Cell {
		return []report.Cell{num(f.Communes), num(f.Recognised), num(f.Pending), num(f.Revoked), num(f.NotAssessed),
			num(f.Districts), num(f.DistrictsRecognised), num(f.Households), num(f.Agencies), num(f.Units)}
	}
	for _, r := range d.Rows {
		standing := ""
		if r.Standing != "" {
			standing = p.T("communes.standing_" + string(r.Standing))
		}
		table.Rows = append(table.Rows, append([]report.Cell{{Text: r.Name.In(l)}, {Text: standing}}, figures(r.Figures)...))
	}
	table.Rows = append(table.Rows, append([]report.Cell{{Text: p.T("communes.total")}, {}}, figures(d.Total)...))
	months := report.Table{ID: "months", Title: p.T("communes.sheet_months")}
	for _, k := range []string{"col_month", "col_recognised", "col_revoked", "col_districts_recognised", "col_districts_revoked"} {
		months.Head = append(months.Head, p.T("communes."+k))
	}
	for _, m := range d.Months {
		months.Rows = append(months.Rows, []report.Cell{{Text: m.Month}, num(m.Recognised), num(m.Revoked),
			num(m.DistrictsRecognised), num(m.DistrictsRevoked)})
	}
	doc.Tables = []report.Table{table, months}
	var b bytes.Buffer
	if err := report.WriteXLSX(&b, doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

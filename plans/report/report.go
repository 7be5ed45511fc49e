// Package report renders the year-end evaluation of package plans — every
// target of a year against its result, ranked — in one language, as the
// table of a stats/report document, so that it is written to XLSX the way
// the conference report is: figures stored as numbers a spreadsheet can
// sum, the header in bold.
package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/plans"
	statsreport "github.com/borderlink/borderlink/stats/report"
	"github.com/borderlink/borderlink/units"
)

// Evaluation renders ev in the language of p; tree names the units. The
// table has one row per target: rank, unit, indicator, target, result and
// the share reached in percent.
func Evaluation(ev plans.Evaluation, p *i18n.Printer, tree *units.Tree) statsreport.Doc {
	year := strconv.Itoa(ev.Year)
	d := statsreport.Doc{Lang: p.Lang(), Title: p.T("plans.evaluation_title", "year", year),
		Period: p.T("plans.evaluation_as_of", "date", p.CivilDate(ev.AsOf))}
	t := statsreport.Table{ID: "evaluation", Title: p.T("plans.evaluation_table"),
		Head: []string{p.T("plans.eval_rank"), p.T("plans.eval_unit"), p.T("plans.eval_indicator"), p.T("plans.eval_target"),
			p.T("plans.eval_actual"), p.T("plans.eval_reached")}}
	for _, r := range ev.Rows {
		t.Rows = append(t.Rows, []statsreport.Cell{
			num(p, float64(r.Rank), 0),
			{Text: unitName(tree, r.Target.Unit, p)},
			{Text: indicatorName(r.Target.Indicator, p)},
			num(p, r.Target.Indicator.Target, 2),
			num(p, r.Actual, 2),
			num(p, r.Reached, 1),
		})
	}
	d.Tables = []statsreport.Table{t}
	return d
}

// WriteXLSX writes the evaluation ev as a workbook in the language of p.
func WriteXLSX(w io.Writer, ev plans.Evaluation, p *i18n.Printer, tree *units.Tree) error {
	return statsreport.WriteXLSX(w, Evaluation(ev, p, tree))
}

func num(p *i18n.Printer, v float64, decimals int) statsreport.Cell {
	return statsreport.Cell{Text: p.Number(v, decimals), Num: v, IsNum: true, Decimals: decimals}
}

// unitName is the unit's name in the reader's language, its code when the
// tree does not know it.
func unitName(tree *units.Tree, code string, p *i18n.Printer) string {
	if u, err := tree.Get(code); err == nil {
		if n := u.Name.In(p.Lang()); n != "" {
			return n
		}
	}
	return code
}

// indicatorName is the indicator's label, or its kind in the reader's
// language with the drugs it counts.
func indicatorName(ind plans.Indicator, p *i18n.Printer) string {
	if ind.Label != "" {
		return ind.Label
	}
	s := p.T("plans.indicator_kind_" + string(ind.Kind))
	if len(ind.Drugs) > 0 {
		s += " (" + strings.Join(ind.Drugs, ", ") + ")"
	}
	return s
}

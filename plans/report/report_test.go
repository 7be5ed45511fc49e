package report_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/plans"
	"github.com/borderlink/borderlink/plans/report"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
	"github.com/borderlink/borderlink/units"
)

type treeOf struct{ t *units.Tree }

func (t treeOf) Tree() *units.Tree { return t.t }

// TestEvaluationXLSX: three targets of 2026 against the figures of
// vn.mps, ranked by the share reached, written as a workbook whose cells
// hold the numbers.
func TestEvaluationXLSX(t *testing.T) {
	ctx := context.Background()
	clock := borderlink.NewFakeClock(time.Date(2026, 12, 20, 3, 0, 0, 0, time.UTC))
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "vn.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	log, _ := audit.NewLog("vn.mps", key, clock)
	d, err := units.BuiltIn(true)
	if err != nil {
		t.Fatal(err)
	}
	tree := treeOf{units.NewTree(d)}
	drugs, _ := refdata.DrugTypes()
	sts, err := stats.NewService(stats.Options{DB: store.Domain[stats.Tx]{S: st}, Log: log, Units: tree, Drugs: drugs, Self: "vn.mps",
		Country: "VN", Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := plans.NewService(plans.Options{DB: store.Domain[plans.Tx]{S: st}, Log: log, Units: tree, Self: "vn.mps", Country: "VN",
		Clock: clock, Stats: sts})
	if err != nil {
		t.Fatal(err)
	}
	facts := []stats.Fact{
		{ID: "f1", Day: borderlink.MustParseDate("2026-02-01"), Place: "VN-40", Agency: stats.AgencyPolice, Drug: "HEROIN",
			Totals: stats.Totals{Cases: 3, Arrests: 4, Milligrams: 2_000_000}},
		{ID: "f2", Day: borderlink.MustParseDate("2026-07-01"), Place: "VN-40", Agency: stats.AgencyPolice, Drug: "HEROIN",
			Totals: stats.Totals{Cases: 2, Arrests: 2, Milligrams: 1_000_000}},
		{ID: "f3", Day: borderlink.MustParseDate("2025-07-01"), Place: "VN-11", Agency: stats.AgencyPolice, Drug: "HEROIN",
			Totals: stats.Totals{Cases: 9, Milligrams: 9_000_000}},
	}
	if err := st.Update(ctx, func(tx store.Tx) error { return sts.Put(ctx, tx, facts) }); err != nil {
		t.Fatal(err)
	}
	boss := auth.Principal{Username: "tuan", Grants: []auth.Grant{{Role: auth.RoleCommander, Unit: "VN-MPS"}}, Via: auth.ViaSession}
	for _, in := range []plans.NewTarget{
		{Unit: "VN-40", Year: 2026, Indicator: plans.Indicator{Kind: plans.IndicatorCases, Target: 10}},                                // 5 of 10
		{Unit: "VN-40", Year: 2026, Indicator: plans.Indicator{Kind: plans.IndicatorSeizuresKg, Drugs: []string{"HEROIN"}, Target: 2}}, // 3 of 2
		{Unit: "VN-11", Year: 2026, Indicator: plans.Indicator{Kind: plans.IndicatorManual, Label: "Xã được công nhận không ma túy", Target: 4, Actual: 4}},
		{Unit: "VN-40", Year: 2026, Indicator: plans.Indicator{Kind: plans.IndicatorCases, Target: 20}}, // replaces the first: 5 of 20
	} {
		if _, err := svc.SetTarget(ctx, boss, in); err != nil {
			t.Fatal(err)
		}
	}
	_, err = svc.SetTarget(ctx, boss, plans.NewTarget{Unit: "VN-40-C001", Year: 2026, Indicator: plans.Indicator{Kind: plans.IndicatorCases, Target: 2}})
	if be := borderlink.AsError(err); be == nil || be.Key != "error.plans_target_level" {
		t.Errorf("a computed target for a commune: %v", err)
	}

	ev, err := svc.Evaluation(ctx, boss, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Rows) != 3 || ev.AsOf != borderlink.MustParseDate("2026-12-20") {
		t.Fatalf("evaluation = %+v", ev)
	}
	var buf bytes.Buffer
	if err := report.WriteXLSX(&buf, ev, i18n.MustLoad().Printer(borderlink.LangEN), tree.t); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 2 || sheets[1] != "Evaluation" {
		t.Fatalf("sheets = %v", sheets)
	}
	if title, _ := f.GetCellValue(f.GetSheetList()[0], "A1"); title != "Evaluation of the targets of 2026" {
		t.Errorf("title = %q", title)
	}
	want := [][]string{
		{"Rank", "Unit", "Indicator", "Target", "Result", "Reached (%)"},
		{"1", "Nghe An Provincial Police", "Drugs seized (kg) (HEROIN)", "2", "3", "150"},
		{"2", "Dien Bien Provincial Police", "Xã được công nhận không ma túy", "4", "4", "100"},
		{"3", "Nghe An Provincial Police", "Cases detected", "20", "5", "25"},
	}
	for r, row := range want {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			got, err := f.GetCellValue("Evaluation", cell, excelize.Options{RawCellValue: true})
			if r > 0 && (c == 0 || c >= 3) {
				// Figures are numbers, written with the table's decimals.
				g, gerr := strconv.ParseFloat(got, 64)
				w, _ := strconv.ParseFloat(v, 64)
				if err != nil || gerr != nil || g != w {
					t.Errorf("%s = %q, want the number %s (%v)", cell, got, v, err)
				}
				continue
			}
			if err != nil || got != v {
				t.Errorf("%s = %q, want %q (%v)", cell, got, v, err)
			}
		}
	}
	if shown, _ := f.GetCellValue("Evaluation", "F2"); shown != "150.0" {
		t.Errorf("F2 shows %q, want 150.0", shown)
	}
}

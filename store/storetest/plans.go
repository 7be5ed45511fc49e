package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/plans"
	"github.com/borderlink/borderlink/store"
)

func testPlans(t *testing.T, o Opener) {
	t.Run("RoundTrip", func(t *testing.T) { testPlansRoundTrip(t, o) })
	t.Run("Tasks", func(t *testing.T) { testPlansTasks(t, o) })
	t.Run("Targets", func(t *testing.T) { testPlansTargets(t, o) })
}

func plUpdate(t *testing.T, s store.Store, fn func(r plans.Repo) error) {
	t.Helper()
	if err := s.Update(context.Background(), func(tx store.Tx) error { return fn(tx.Plans()) }); err != nil {
		t.Fatal(err)
	}
}

func plView(t *testing.T, s store.Store, fn func(r plans.Repo) error) {
	t.Helper()
	if err := s.View(context.Background(), func(tx store.Tx) error { return fn(tx.Plans()) }); err != nil {
		t.Fatal(err)
	}
}

var plDay = borderlink.MustParseDate

// plAgreement is the memorandum between the two ministries, and plPlan
// the bilateral plan for 2026 under it.
func plAgreement(id string, from string) plans.Agreement {
	return plans.Agreement{ID: id, Origin: "vn.mps", Kind: plans.AgreementMemorandum, Title: "Bản ghi nhớ hợp tác", Lang: borderlink.LangVI,
		Parties: []string{"VN-MPS", "LA-MPS"}, OwnerUnit: "VN-MPS", Signed: plDay(from), ValidFrom: plDay(from), ValidTo: plDay("2030-12-31"),
		Reference: "01/BGN", Created: csT0, Updated: csT0.Add(time.Hour)}
}

func plPlan(id, agreement, from string) plans.Plan {
	return plans.Plan{ID: id, Origin: "vn.mps", AgreementID: agreement, Kind: plans.PlanAnnual, Title: "Kế hoạch năm", Lang: borderlink.LangVI,
		OwnerUnit: "VN-MPS", From: plDay(from), To: plDay("2026-12-31"), Provinces: []string{"VN-40", "LA-07"}, Drugs: []string{"HEROIN"},
		Bilateral: true, PartnerUnits: []string{"LA-MPS"}, Created: csT0, Updated: csT0, Released: csT0.Add(time.Minute)}
}

func plTask(id, plan, deadline string, percent int, origin borderlink.NodeID, src *plans.Source) plans.Task {
	return plans.Task{ID: id, Origin: origin, PlanID: plan, Title: "Tuần tra chung", Deliverable: "Biên bản", Lang: borderlink.LangVI,
		Officer: plans.Officer{Name: "Nguyễn Văn Hùng", Username: "hung", Unit: "VN-40"}, AccountableUnit: "VN-40",
		Start: plDay("2026-01-01"), Deadline: plDay(deadline),
		Milestones: []plans.Milestone{{ID: "m1", Day: plDay("2026-03-01"), Text: "Khảo sát", Done: true}}, Percent: percent,
		Notes:     []plans.ProgressNote{{Day: plDay("2026-02-01"), Percent: percent, Text: "Đã khảo sát.\nTiếp tục.", By: "hung@vn.mps"}},
		Indicator: plans.Indicator{Kind: plans.IndicatorSeizuresKg, Provinces: []string{"VN-40"}, Drugs: []string{}, Target: 12.5, Actual: 3.25, AsOf: plDay("2026-02-01")},
		Source:    src, Created: csT0, Updated: csT0.Add(time.Duration(percent) * time.Microsecond)}
}

func testPlansRoundTrip(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	a1, a2 := plAgreement("a1", "2024-01-01"), plAgreement("a2", "2025-06-01")
	p1, p2 := plPlan("p1", "a1", "2026-03-01"), plPlan("p2", "a1", "2026-01-01")
	cf := plans.Conference{ID: "c1", Origin: "la.mps", Title: "ກອງປະຊຸມ", Lang: borderlink.LangLO, Day: plDay("2026-02-10"), Place: "ຊຳເໜືອ",
		HostUnit: "LA-07", Attending: []string{"LA-07", "VN-40"}, Decisions: []plans.Decision{{ID: "d1", Text: "Tuần tra chung"}},
		Created: csT0, Updated: csT0}
	plUpdate(t, s, func(r plans.Repo) error {
		for _, a := range []plans.Agreement{a1, a2} {
			if err := r.PutAgreement(ctx, a); err != nil {
				return err
			}
		}
		for _, p := range []plans.Plan{p1, p2} {
			if err := r.PutPlan(ctx, p); err != nil {
				return err
			}
		}
		return r.PutConference(ctx, cf)
	})
	// A replaced record is the new one.
	a1.Title = "Bản ghi nhớ (sửa đổi)"
	plUpdate(t, s, func(r plans.Repo) error { return r.PutAgreement(ctx, a1) })
	plView(t, s, func(r plans.Repo) error {
		if got, err := r.Agreement(ctx, "a1"); err != nil || !reflect.DeepEqual(got, a1) {
			t.Errorf("agreement = %+v, %v\nwant %+v", got, err, a1)
		}
		if all, err := r.Agreements(ctx); err != nil || len(all) != 2 || all[0].ID != "a2" {
			t.Errorf("agreements = %+v, %v", all, err)
		}
		if got, err := r.Plan(ctx, "p1"); err != nil || !reflect.DeepEqual(got, p1) {
			t.Errorf("plan = %+v, %v\nwant %+v", got, err, p1)
		}
		if ps, err := r.Plans(ctx, "a1"); err != nil || len(ps) != 2 || ps[0].ID != "p2" {
			t.Errorf("plans of a1 = %+v, %v", ps, err)
		}
		if ps, err := r.Plans(ctx, "a2"); err != nil || ps == nil || len(ps) != 0 {
			t.Errorf("plans of a2 = %+v, %v (want empty, not nil)", ps, err)
		}
		if ps, err := r.Plans(ctx, ""); err != nil || len(ps) != 2 {
			t.Errorf("every plan = %+v, %v", ps, err)
		}
		if got, err := r.Conference(ctx, "c1"); err != nil || !reflect.DeepEqual(got, cf) {
			t.Errorf("conference = %+v, %v", got, err)
		}
		if cs, err := r.Conferences(ctx); err != nil || len(cs) != 1 {
			t.Errorf("conferences = %+v, %v", cs, err)
		}
		for what, err := range map[string]error{
			"agreement":  second(r.Agreement(ctx, "nope")),
			"plan":       second(r.Plan(ctx, "nope")),
			"task":       second(r.Task(ctx, "nope")),
			"conference": second(r.Conference(ctx, "nope")),
		} {
			if !borderlink.IsCode(err, borderlink.ENotFound) {
				t.Errorf("missing %s: %v, want ENotFound", what, err)
			}
		}
		return nil
	})
}

func testPlansTasks(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	src := &plans.Source{ConferenceID: "c1", DecisionID: "d1"}
	tasks := []plans.Task{
		plTask("t3", "p1", "2026-09-30", 40, "vn.mps", nil),
		plTask("t1", "p1", "2026-03-31", 100, "vn.mps", nil), // done: never overdue
		plTask("t2", "p1", "2026-04-30", 20, "la.mps", src),
		plTask("t0", "p1", "2026-04-30", 0, "vn.mps", src),
		plTask("t9", "p9", "2026-01-31", 0, "vn.mps", nil),
	}
	plUpdate(t, s, func(r plans.Repo) error {
		if err := r.PutAgreement(ctx, plAgreement("a1", "2024-01-01")); err != nil {
			return err
		}
		for _, p := range []string{"p1", "p9"} {
			if err := r.PutPlan(ctx, plPlan(p, "a1", "2026-01-01")); err != nil {
				return err
			}
		}
		for _, tk := range tasks {
			if err := r.PutTask(ctx, tk); err != nil {
				return err
			}
		}
		return nil
	})
	tasks[2].Notes = append(tasks[2].Notes, plans.ProgressNote{Day: plDay("2026-03-01"), Percent: 20, Text: "ລາດຕະເວນແລ້ວ", By: "noy@la.mps"})
	plUpdate(t, s, func(r plans.Repo) error { return r.PutTask(ctx, tasks[2]) })
	// Progress replaces the task: t3 is now done.
	done := tasks[0]
	done.Percent, done.Updated = 100, done.Updated.Add(time.Second)
	plUpdate(t, s, func(r plans.Repo) error { return r.PutTask(ctx, done) })
	ids := func(ts []plans.Task) []string {
		out := []string{}
		for _, tk := range ts {
			out = append(out, tk.ID)
		}
		return out
	}
	plView(t, s, func(r plans.Repo) error {
		if got, err := r.Task(ctx, "t2"); err != nil || !reflect.DeepEqual(got, tasks[2]) {
			t.Errorf("task = %+v, %v\nwant %+v", got, err, tasks[2])
		}
		if got, err := r.Task(ctx, "t1"); err != nil || got.Source != nil {
			t.Errorf("task without a source = %+v, %v", got, err)
		}
		ts, err := r.Tasks(ctx, "p1")
		if err != nil || !reflect.DeepEqual(ids(ts), []string{"t1", "t0", "t2", "t3"}) {
			t.Fatalf("tasks of p1 = %v, %v", ids(ts), err)
		}
		// Lists carry the last progress note only.
		brief := tasks[2]
		brief.Notes = brief.Notes[1:]
		if !reflect.DeepEqual(ts[2], brief) {
			t.Errorf("listed task = %+v\nwant %+v", ts[2], brief)
		}
		if bare := ts[0]; bare.Notes == nil || len(bare.Notes) != 1 {
			t.Errorf("listed task t1 notes = %+v", bare.Notes)
		}
		if ts, err := r.OverdueTasks(ctx, plDay("2026-05-01")); err != nil || !reflect.DeepEqual(ids(ts), []string{"t9", "t0", "t2"}) {
			t.Errorf("overdue on 1 May = %v, %v", ids(ts), err)
		}
		// The deadline itself is not overdue.
		if ts, err := r.OverdueTasks(ctx, plDay("2026-04-30")); err != nil || !reflect.DeepEqual(ids(ts), []string{"t9"}) {
			t.Errorf("overdue on 30 April = %v, %v", ids(ts), err)
		}
		if ts, err := r.ConferenceTasks(ctx, "c1"); err != nil || !reflect.DeepEqual(ids(ts), []string{"t0", "t2"}) {
			t.Errorf("tasks of conference c1 = %v, %v", ids(ts), err)
		}
		return nil
	})
	// A task names a plan that exists.
	err := s.Update(ctx, func(tx store.Tx) error {
		return tx.Plans().PutTask(ctx, plTask("tx", "nope", "2026-05-01", 0, "vn.mps", nil))
	})
	if err == nil {
		t.Error("a task of no plan was stored")
	}
}

func testPlansTargets(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	target := func(id, unit string, year int, v float64) plans.Target {
		return plans.Target{ID: id, Origin: "vn.mps", Unit: unit, Year: year,
			Indicator: plans.Indicator{Kind: plans.IndicatorCases, Provinces: []string{}, Drugs: []string{}, Target: v}, Created: csT0, Updated: csT0}
	}
	plUpdate(t, s, func(r plans.Repo) error {
		for _, tg := range []plans.Target{target("g1", "VN-40", 2026, 10), target("g2", "VN-11", 2026, 20), target("g3", "VN-40", 2025, 5)} {
			if err := r.PutTarget(ctx, tg); err != nil {
				return err
			}
		}
		return r.PutTarget(ctx, target("g1", "VN-40", 2026, 30))
	})
	plView(t, s, func(r plans.Repo) error {
		ts, err := r.Targets(ctx, 2026)
		if err != nil || len(ts) != 2 || ts[0].ID != "g2" || ts[1].Indicator.Target != 30 {
			t.Errorf("targets of 2026 = %+v, %v", ts, err)
		}
		if ts, err := r.Targets(ctx, 2024); err != nil || ts == nil || len(ts) != 0 {
			t.Errorf("targets of 2024 = %+v, %v (want empty, not nil)", ts, err)
		}
		return nil
	})
}

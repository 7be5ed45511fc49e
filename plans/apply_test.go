package plans_test

import (
	"reflect"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/plans"
	"github.com/borderlink/borderlink/store"
)

// TestApplyRefusesBadReleases: a release is checked on arrival as if
// written by its sender; what does not fit is refused with EInvalid and
// leaves nothing behind.
func TestApplyRefusesBadReleases(t *testing.T) {
	clock := borderlink.NewFakeClock(today)
	vn, la := newSide(t, "vn.mps", "VN", clock), newSide(t, "la.mps", "LA", clock)
	ctx := vn.ctx
	a := domaintest.Must[plans.Agreement](t)(vn.svc.CreateAgreement(ctx, vnLiaison, memorandum()))
	pl := domaintest.Must[plans.Plan](t)(vn.svc.CreatePlan(ctx, vnLiaison, plan2026(a.ID)))
	tk := domaintest.Must[plans.Task](t)(vn.svc.CreateTask(ctx, vnCommander, pl.ID, patrol()))
	rs := vn.out.take()
	if len(rs) != 3 {
		t.Fatalf("published %+v", rs)
	}
	agreement, plan, task := rs[0], rs[1], rs[2]
	apply := func(origin borderlink.NodeID, r plans.Release) error {
		r = domaintest.Wire(t, r)
		return la.st.Update(ctx, func(tx store.Tx) error { return la.svc.ApplyRelease(ctx, tx, origin, r) })
	}
	with := func(r plans.Release, f func(*plans.Release)) plans.Release {
		r = domaintest.Wire(t, r)
		f(&r)
		return r
	}
	type badRelease struct {
		name   string
		origin borderlink.NodeID
		r      plans.Release
		key    string
	}
	refuse := func(bad []badRelease) {
		t.Helper()
		for _, b := range bad {
			before := la.state()
			domaintest.WantErr(t, b.name, apply(b.origin, b.r), borderlink.EInvalid, b.key)
			if after := la.state(); !reflect.DeepEqual(after, before) {
				t.Errorf("%s: left %+v", b.name, after)
			}
		}
	}
	refuse([]badRelease{
		{"a plan before its agreement", "vn.mps", plan, "error.plans_release_unknown"},
		{"a task before its plan", "vn.mps", task, "error.plans_release_unknown"},
		{"a record of another node", "xx.mps", agreement, "error.plans_release_origin"},
		{"its own release", "la.mps", agreement, "error.plans_release_origin"},
		{"two records in one", "vn.mps", with(agreement, func(r *plans.Release) { r.Plan = plan.Plan }), "error.plans_release_record"},
		{"an unknown kind", "vn.mps", with(agreement, func(r *plans.Release) { r.Kind = "budget" }), "error.plans_bad_choice"},
		{"parties of one country", "vn.mps", with(agreement, func(r *plans.Release) { r.Agreement.Parties = []string{"VN-MPS", "VN-40"} }),
			"error.plans_parties_both"},
		{"validity backwards", "vn.mps", with(agreement, func(r *plans.Release) { r.Agreement.ValidTo = day("2025-01-01") }),
			"error.plans_dates_backwards"},
		{"times backwards", "vn.mps", with(agreement, func(r *plans.Release) { r.Agreement.Updated = r.Agreement.Created.Add(-1) }),
			"error.plans_release_record"},
	})
	for _, r := range []plans.Release{agreement, plan} {
		if err := apply("vn.mps", r); err != nil {
			t.Fatal(err)
		}
	}
	refuse([]badRelease{
		{"a plan not shared with this side", "vn.mps", with(plan, func(r *plans.Release) {
			r.Plan.ID, r.Plan.Bilateral, r.Plan.PartnerUnits, r.Plan.Kind = "p-home", false, []string{}, plans.PlanCampaign
		}), "error.plans_release_not_ours"},
		{"a task without an accountable unit", "vn.mps", with(task, func(r *plans.Release) { r.Task.AccountableUnit = "" }), "error.plans_required"},
		{"a task of this side's unit", "vn.mps", with(task, func(r *plans.Release) { r.Task.AccountableUnit = "LA-07" }), "error.plans_owner_foreign"},
		{"a deadline after the plan", "vn.mps", with(task, func(r *plans.Release) { r.Task.Deadline = day("2027-02-01") }), "error.plans_outside_plan"},
		{"a percentage above 100", "vn.mps", with(task, func(r *plans.Release) { r.Task.Percent = 101 }), "error.plans_percent"},
		{"a task sent by another node", "xx.mps", with(task, func(r *plans.Release) { r.Task.Origin = "xx.mps" }), "error.plans_release_unknown"},
	})
	if err := apply("vn.mps", task); err != nil {
		t.Fatal(err)
	}
	// A record la.mps keeps as its own cannot be replaced by vn.mps.
	lt := domaintest.Must[plans.Task](t)(la.svc.CreateTask(ctx, laCommander, pl.ID, plans.NewTask{Title: "ລາດຕະເວນ", Deliverable: "ບົດລາຍງານ",
		Officer: plans.Officer{Name: "ສົມພອນ"}, AccountableUnit: "LA-07", Deadline: day("2026-10-31"),
		Indicator: plans.Indicator{Kind: plans.IndicatorCases, Target: 3}}))
	steal := with(task, func(r *plans.Release) { r.Task.ID = lt.ID })
	domaintest.WantErr(t, "replacing la.mps's task", apply("vn.mps", steal), borderlink.EInvalid, "error.plans_release_conflict")
	if got := domaintest.Must[plans.TaskStatus](t)(la.svc.Task(ctx, laLiaison, tk.ID, borderlink.Date{})); got.Task.Origin != "vn.mps" || got.Own {
		t.Errorf("vn.mps's task on la.mps: %+v", got)
	}
}

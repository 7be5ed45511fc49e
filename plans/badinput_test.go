package plans_test

import (
	"reflect"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/plans"
)

// TestBadInputIsRefusedWhole: dates that overlap or run backwards, a task
// without an accountable unit and the other bad fields are refused with
// their own catalogue key, and nothing of the change is stored, audited
// or published.
func TestBadInputIsRefusedWhole(t *testing.T) {
	clock := borderlink.NewFakeClock(today)
	vn := newSide(t, "vn.mps", "VN", clock)
	ctx := vn.ctx
	a := domaintest.Must[plans.Agreement](t)(vn.svc.CreateAgreement(ctx, vnLiaison, memorandum()))
	in := plan2026(a.ID)
	in.Release = false
	pl := domaintest.Must[plans.Plan](t)(vn.svc.CreatePlan(ctx, vnLiaison, in))
	tk := domaintest.Must[plans.Task](t)(vn.svc.CreateTask(ctx, vnCommander, pl.ID, patrol()))

	agreement := func(f func(*plans.NewAgreement)) func() error {
		return func() error {
			in := memorandum()
			f(&in)
			_, err := vn.svc.CreateAgreement(ctx, vnLiaison, in)
			return err
		}
	}
	plan := func(f func(*plans.NewPlan)) func() error {
		return func() error {
			in := plan2026(a.ID)
			f(&in)
			_, err := vn.svc.CreatePlan(ctx, vnLiaison, in)
			return err
		}
	}
	task := func(f func(*plans.NewTask)) func() error {
		return func() error {
			in := patrol()
			f(&in)
			_, err := vn.svc.CreateTask(ctx, vnCommander, pl.ID, in)
			return err
		}
	}
	progress := func(in plans.NewProgress) func() error {
		return func() error {
			_, err := vn.svc.UpdateProgress(ctx, vnCommander, tk.ID, in)
			return err
		}
	}
	cases := []struct {
		name string
		do   func() error
		key  string
	}{
		{"validity backwards", agreement(func(in *plans.NewAgreement) { in.ValidTo = day("2025-12-31") }), "error.plans_dates_backwards"},
		{"signed after the validity", agreement(func(in *plans.NewAgreement) { in.ValidTo, in.Signed = day("2026-03-01"), day("2026-04-01") }), "error.plans_dates_backwards"},
		{"no validity end", agreement(func(in *plans.NewAgreement) { in.ValidTo = borderlink.Date{} }), "error.plans_date_missing"},
		{"parties of one country", agreement(func(in *plans.NewAgreement) { in.Parties = []string{"VN-MPS", "VN-40"} }), "error.plans_parties_both"},
		{"unknown party", agreement(func(in *plans.NewAgreement) { in.Parties = append(in.Parties, "LA-99") }), "error.plans_unit_unknown"},
		{"unknown kind", agreement(func(in *plans.NewAgreement) { in.Kind = "treaty" }), "error.plans_bad_choice"},
		{"signed in the future", agreement(func(in *plans.NewAgreement) { in.Signed = day("2026-07-01") }), "error.plans_date_future"},
		{"period backwards", plan(func(in *plans.NewPlan) { in.From, in.To = day("2026-08-01"), day("2026-07-01") }), "error.plans_dates_backwards"},
		{"period outside the agreement", plan(func(in *plans.NewPlan) { in.From, in.To = day("2025-10-01"), day("2026-03-31") }), "error.plans_outside_agreement"},
		{"overlapping annual plan", plan(func(in *plans.NewPlan) { in.From, in.To = day("2026-12-01"), day("2027-11-30") }), "error.plans_plan_overlap"},
		{"bilateral without partners", plan(func(in *plans.NewPlan) { in.Kind, in.PartnerUnits = plans.PlanCampaign, nil }), "error.plans_no_partner"},
		{"partner of this side", plan(func(in *plans.NewPlan) { in.Kind, in.PartnerUnits = plans.PlanCampaign, []string{"VN-11"} }), "error.plans_partner_home"},
		{"province that is not one", plan(func(in *plans.NewPlan) { in.Kind, in.Provinces = plans.PlanCampaign, []string{"VN-MPS"} }), "error.plans_not_province"},
		{"unknown drug", plan(func(in *plans.NewPlan) { in.Kind, in.Drugs = plans.PlanCampaign, []string{"YABA"} }), "error.plans_drug_unknown"},
		{"owner of the other side", plan(func(in *plans.NewPlan) { in.Kind, in.OwnerUnit = plans.PlanCampaign, "LA-07" }), "error.plans_owner_foreign"},
		{"task without an accountable unit", task(func(in *plans.NewTask) { in.AccountableUnit = " " }), "error.plans_required"},
		{"task without a deliverable", task(func(in *plans.NewTask) { in.Deliverable = "" }), "error.plans_required"},
		{"task without an officer", task(func(in *plans.NewTask) { in.Officer.Name = "" }), "error.plans_required"},
		{"deadline before the start", task(func(in *plans.NewTask) { in.Deadline = day("2026-01-15") }), "error.plans_dates_backwards"},
		{"deadline after the plan", task(func(in *plans.NewTask) { in.Deadline = day("2027-01-15") }), "error.plans_outside_plan"},
		{"no deadline", task(func(in *plans.NewTask) { in.Deadline = borderlink.Date{} }), "error.plans_date_missing"},
		{"milestone after the deadline", task(func(in *plans.NewTask) { in.Milestones[0].Day = day("2026-10-15") }), "error.plans_outside_plan"},
		{"indicator without a target", task(func(in *plans.NewTask) { in.Indicator.Target = 0 }), "error.plans_target_value"},
		{"indicator period backwards", task(func(in *plans.NewTask) { in.Indicator.From, in.Indicator.To = day("2026-05-01"), day("2026-04-01") }), "error.plans_dates_backwards"},
		{"result entered for a computed indicator", task(func(in *plans.NewTask) { in.Indicator.Actual = 3 }), "error.plans_actual_value"},
		{"manual indicator without a name", task(func(in *plans.NewTask) { in.Indicator = plans.Indicator{Kind: plans.IndicatorManual, Target: 3} }), "error.plans_required"},
		{"accountable unit of the other side", task(func(in *plans.NewTask) { in.AccountableUnit = "LA-07" }), "error.plans_owner_foreign"},
		{"control characters", task(func(in *plans.NewTask) { in.Title = "Tuần tra\x00" }), "error.plans_bad_text"},
		{"percent above 100", progress(plans.NewProgress{Percent: 120}), "error.plans_percent"},
		{"done with a milestone open", progress(plans.NewProgress{Percent: 100, Done: []string{tk.Milestones[0].ID}}), "error.plans_milestones_open"},
		{"unknown milestone", progress(plans.NewProgress{Percent: 10, Done: []string{"m-x"}}), "error.plans_milestone_unknown"},
		{"result for a computed indicator", progress(plans.NewProgress{Percent: 10, Actual: ptr(2)}), "error.plans_actual_value"},
	}
	for _, c := range cases {
		before := vn.state()
		err := c.do()
		domaintest.WantErr(t, c.name, err, borderlink.EInvalid, c.key)
		if after := vn.state(); !reflect.DeepEqual(after, before) {
			t.Errorf("%s: the refused change left %+v, was %+v", c.name, after, before)
		}
	}

	// A publication that fails rolls the whole release back.
	before := vn.state()
	vn.out.refuse = 1
	if _, err := vn.svc.Release(ctx, vnLiaison, pl.ID); err == nil {
		t.Fatal("release with a broken outbox succeeded")
	}
	if after := vn.state(); !reflect.DeepEqual(after, before) {
		t.Errorf("failed release left %+v, was %+v", after, before)
	}
	got := domaintest.Must[plans.Progress](t)(vn.svc.PlanProgress(ctx, vnLiaison, pl.ID, borderlink.Date{}))
	if !got.Plan.Released.IsZero() {
		t.Errorf("the plan is marked released after a failed release: %+v", got.Plan)
	}
}

// TestPermissionsAreEnforced: plans.read to read, plans.write over the
// owning unit to write, each refusal audited; nothing refused is stored.
func TestPermissionsAreEnforced(t *testing.T) {
	clock := borderlink.NewFakeClock(today)
	vn := newSide(t, "vn.mps", "VN", clock)
	ctx := vn.ctx
	a := domaintest.Must[plans.Agreement](t)(vn.svc.CreateAgreement(ctx, vnLiaison, memorandum()))
	in := plan2026(a.ID)
	in.Release = false
	pl := domaintest.Must[plans.Plan](t)(vn.svc.CreatePlan(ctx, vnLiaison, in))
	tk := domaintest.Must[plans.Task](t)(vn.svc.CreateTask(ctx, vnCommander, pl.ID, patrol()))

	investigator := domaintest.User("binh", auth.RoleInvestigator, "VN-40")
	refusals := []struct {
		name   string
		do     func() error
		key    string
		action string
	}{
		{"an officer reads a plan", func() error { _, err := vn.svc.PlanProgress(ctx, vnOfficer, pl.ID, borderlink.Date{}); return err },
			"error.plans_forbidden", "plans.progress_read"},
		{"an officer reads the overdue alerts", func() error { _, err := vn.svc.Overdue(ctx, vnOfficer, borderlink.Date{}); return err },
			"error.plans_forbidden", "plans.overdue_read"},
		{"an analyst adds a task", func() error { _, err := vn.svc.CreateTask(ctx, vnAnalyst, pl.ID, patrol()); return err },
			"error.plans_forbidden", "plans.task_create"},
		{"an investigator reports progress", func() error {
			_, err := vn.svc.UpdateProgress(ctx, investigator, tk.ID, plans.NewProgress{Percent: 5})
			return err
		}, "error.plans_forbidden", "plans.task_progress"},
		{"Điện Biên adds a task for Nghệ An", func() error { _, err := vn.svc.CreateTask(ctx, vnOther, pl.ID, patrol()); return err },
			"error.plans_cannot_write", "plans.task_create"},
		{"Điện Biên reports Nghệ An's progress", func() error {
			_, err := vn.svc.UpdateProgress(ctx, vnOther, tk.ID, plans.NewProgress{Percent: 5})
			return err
		}, "error.plans_cannot_write", "plans.task_progress"},
		{"Nghệ An creates the ministry's agreement", func() error { _, err := vn.svc.CreateAgreement(ctx, vnCommander, memorandum()); return err },
			"error.plans_cannot_write", "plans.agreement_create"},
		{"Nghệ An releases the ministry's plan", func() error { _, err := vn.svc.Release(ctx, vnCommander, pl.ID); return err },
			"error.plans_cannot_write", "plans.plan_release"},
		{"Điện Biên sets Nghệ An's target", func() error {
			_, err := vn.svc.SetTarget(ctx, vnOther, plans.NewTarget{Unit: "VN-40", Year: 2026, Indicator: plans.Indicator{Kind: plans.IndicatorCases, Target: 5}})
			return err
		}, "error.plans_cannot_write", "plans.target_set"},
	}
	for _, r := range refusals {
		before := vn.state()
		domaintest.WantErr(t, r.name, r.do(), borderlink.EForbidden, r.key)
		after := vn.state()
		if after.audit != before.audit+1 {
			t.Errorf("%s: %d audit entries, want the refusal only", r.name, after.audit-before.audit)
		}
		after.audit = before.audit
		if !reflect.DeepEqual(after, before) {
			t.Errorf("%s: the refused change left %+v", r.name, after)
		}
		if es := vn.entries(audit.Filter{Action: r.action, Outcome: audit.OutcomeDenied}); len(es) == 0 {
			t.Errorf("%s: no denied %s in the audit log", r.name, r.action)
		}
	}
	// The commander of Nghệ An updates the plan's task of his unit; the
	// ministry's liaison, who leads the plan, may too.
	domaintest.Must[plans.Task](t)(vn.svc.UpdateProgress(ctx, vnCommander, tk.ID, plans.NewProgress{Percent: 10}))
	domaintest.Must[plans.Task](t)(vn.svc.UpdateProgress(ctx, vnLiaison, tk.ID, plans.NewProgress{Percent: 20}))
	// Unknown records are ENotFound.
	_, err := vn.svc.PlanProgress(ctx, vnAnalyst, "no-such-plan", borderlink.Date{})
	domaintest.WantErr(t, "an unknown plan", err, borderlink.ENotFound, "error.plans_not_found")
}

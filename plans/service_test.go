package plans_test

import (
	"math"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/plans"
)

// TestBilateralPlanProgress is the story: the Vietnamese liaison officer
// records the memorandum and the bilateral plan for 2026 and shares it;
// Nghệ An and Houaphanh each add and update their own tasks; on both
// nodes the progress page shows every task of both sides with its
// responsible officer, deliverable, deadline, progress and result
// indicator (the heroin seized, computed from the statistics), and the
// overdue one as overdue.
func TestBilateralPlanProgress(t *testing.T) {
	clock := borderlink.NewFakeClock(today)
	vn, la := newSide(t, "vn.mps", "VN", clock), newSide(t, "la.mps", "LA", clock)
	ctx := vn.ctx
	// Seizures on vn.mps: 4.5 kg of heroin in Nghệ An and 1.25 kg in
	// Houaphanh in the plan's period count; methamphetamine, a seizure of
	// 2025 and one in Điện Biên do not.
	vn.seize("f1", "2026-03-10", "VN-40", "HEROIN", 4.5, 2)
	vn.seize("f2", "2026-05-02", "LA-07", "HEROIN", 1.25, 1)
	vn.seize("f3", "2026-04-01", "VN-40", "METH_CRYSTAL", 30, 3)
	vn.seize("f4", "2025-12-30", "VN-40", "HEROIN", 8, 1)
	vn.seize("f5", "2026-04-01", "VN-11", "HEROIN", 2, 1)

	a := domaintest.Must[plans.Agreement](t)(vn.svc.CreateAgreement(ctx, vnLiaison, memorandum()))
	if a.OwnerUnit != "VN-MPS" || a.Lang != borderlink.LangVI || len(a.Parties) != 4 || a.Parties[2] != "VN-40" || a.Origin != "vn.mps" {
		t.Errorf("agreement = %+v", a)
	}
	pl := domaintest.Must[plans.Plan](t)(vn.svc.CreatePlan(ctx, vnLiaison, plan2026(a.ID)))
	if pl.Released.IsZero() || !pl.Bilateral {
		t.Fatalf("plan = %+v", pl)
	}
	rs := vn.out.take()
	if len(rs) != 2 || rs[0].Kind != plans.KindAgreement || rs[1].Kind != plans.KindPlan || rs[1].PlanOrigin != "vn.mps" ||
		len(rs[1].PartnerUnits) != 2 {
		t.Fatalf("published on release: %+v", rs)
	}
	vn.out.rs = rs
	vn.sendTo(la)

	// Nghệ An's tasks: the patrols, and a training course that was due at
	// the end of May and is not done.
	p1 := domaintest.Must[plans.Task](t)(vn.svc.CreateTask(ctx, vnCommander, pl.ID, patrol()))
	if p1.Officer.Unit != "VN-40" || len(p1.Milestones) != 2 || p1.Milestones[0].ID == "" || p1.Released.IsZero() ||
		p1.Indicator.Drugs[0] != "HEROIN" || math.Abs(p1.Indicator.Actual-5.75) > 1e-9 || p1.Indicator.AsOf != day("2026-06-15") {
		t.Errorf("patrol task = %+v", p1)
	}
	training := plans.NewTask{Title: "Tập huấn nghiệp vụ cho cán bộ hai bên", Deliverable: "Lớp tập huấn 40 học viên",
		Officer: plans.Officer{Name: "Lê Thị Thu"}, AccountableUnit: "VN-40", Deadline: day("2026-05-31"),
		Indicator: plans.Indicator{Kind: plans.IndicatorManual, Label: "Học viên được tập huấn", Target: 40}}
	p2 := domaintest.Must[plans.Task](t)(vn.svc.CreateTask(ctx, vnCommander, pl.ID, training))
	domaintest.Must[plans.Task](t)(vn.svc.UpdateProgress(ctx, vnCommander, p2.ID, plans.NewProgress{Percent: 40, Note: "Đã chuẩn bị tài liệu", Actual: ptr(12)}))
	if got := vn.out.take(); len(got) != 3 || got[0].Kind != plans.KindTask || got[0].PlanOrigin != "vn.mps" {
		t.Fatalf("published tasks: %+v", got)
	} else {
		vn.out.rs = got
	}
	vn.sendTo(la)

	// Houaphanh adds its own task to the shared plan; it goes to vn.mps.
	lt := domaintest.Must[plans.Task](t)(la.svc.CreateTask(ctx, laCommander, pl.ID, plans.NewTask{
		Title: "ລາດຕະເວນຮ່ວມຕາມຊາຍແດນ", Deliverable: "ບົດລາຍງານການລາດຕະເວນ", Officer: plans.Officer{Name: "ສົມພອນ ແກ້ວມະນີ"},
		AccountableUnit: "LA-07", Deadline: day("2026-11-30"),
		Indicator: plans.Indicator{Kind: plans.IndicatorArrests, Target: 8}}))
	if lt.Origin != "la.mps" || lt.Lang != borderlink.LangVI && lt.Lang != borderlink.LangLO {
		t.Errorf("Lao task = %+v", lt)
	}
	if got := la.out.rs; len(got) != 1 || got[0].PlanOrigin != "vn.mps" || got[0].Task.ID != lt.ID {
		t.Fatalf("Lao task published: %+v", got)
	}
	la.sendTo(vn)
	clock.Advance(time.Hour)
	domaintest.Must[plans.Task](t)(la.svc.UpdateProgress(ctx, laCommander, lt.ID, plans.NewProgress{Percent: 50, Note: "ລາດຕະເວນ 6 ຄັ້ງ"}))
	la.sendTo(vn)
	domaintest.Must[plans.Task](t)(vn.svc.UpdateProgress(ctx, vnCommander, p1.ID, plans.NewProgress{Percent: 55, Done: []string{p1.Milestones[0].ID}}))
	vn.sendTo(la)

	// Each side's tasks are read-only on the other.
	_, err := la.svc.UpdateProgress(ctx, laCommander, p1.ID, plans.NewProgress{Percent: 100})
	domaintest.WantErr(t, "updating Nghệ An's task on la.mps", err, borderlink.EForbidden, "error.plans_not_owner")
	_, err = vn.svc.UpdateTask(ctx, vnLiaison, lt.ID, patrol())
	domaintest.WantErr(t, "editing Houaphanh's task on vn.mps", err, borderlink.EForbidden, "error.plans_not_owner")

	// The progress page, on both nodes.
	asOf := day("2026-06-15")
	for _, sd := range []*side{vn, la} {
		pg := domaintest.Must[plans.Progress](t)(sd.svc.PlanProgress(ctx, laLiaison, pl.ID, asOf))
		if pg.Plan.ID != pl.ID || pg.Agreement.Reference != "01/2026/BGN-BCA-BAN" || len(pg.Tasks) != 3 {
			t.Fatalf("progress on %s: %+v", sd.self, pg)
		}
		byID := map[string]plans.TaskStatus{}
		for _, ts := range pg.Tasks {
			byID[ts.Task.ID] = ts
		}
		if pg.Tasks[0].Task.ID != p2.ID {
			t.Errorf("%s: tasks not by deadline: %v", sd.self, pg.Tasks)
		}
		train, pat, lao := byID[p2.ID], byID[p1.ID], byID[lt.ID]
		if train.Status != plans.StatusOverdue || train.Actual != 12 || train.Reached != 30 || train.Own != (sd == vn) {
			t.Errorf("%s: training = %+v", sd.self, train)
		}
		if pat.Status != plans.StatusOnTrack || pat.Task.Percent != 55 || pat.Task.Officer.Name != "Nguyễn Văn Hùng" ||
			pat.Task.Deliverable == "" || !pat.Computed || math.Abs(pat.Actual-5.75) > 1e-9 || math.Abs(pat.Reached-57.5) > 1e-9 {
			t.Errorf("%s: patrol = %+v", sd.self, pat)
		}
		if lao.Task.Percent != 50 || lao.Task.Origin != "la.mps" || lao.Status != plans.StatusOnTrack || lao.Own != (sd == la) {
			t.Errorf("%s: Lao task = %+v", sd.self, lao)
		}
		if pg.ByStatus[plans.StatusOverdue] != 1 || pg.ByStatus[plans.StatusOnTrack] != 2 {
			t.Errorf("%s: by status %v", sd.self, pg.ByStatus)
		}
		// The overdue alerts of both nodes list the training course.
		od := domaintest.Must[[]plans.TaskStatus](t)(sd.svc.Overdue(ctx, vnAnalyst, asOf))
		if len(od) != 1 || od[0].Task.ID != p2.ID || od[0].Status != plans.StatusOverdue {
			t.Errorf("%s: overdue = %+v", sd.self, od)
		}
	}
	// The liaison officer finds the plan under the memorandum on both
	// nodes.
	for _, sd := range []*side{vn, la} {
		as := domaintest.Must[[]plans.AgreementFile](t)(sd.svc.Agreements(ctx, laLiaison))
		if len(as) != 1 || as[0].Agreement.ID != a.ID || len(as[0].Plans) != 1 || as[0].Plans[0].ID != pl.ID {
			t.Errorf("%s: agreements = %+v", sd.self, as)
		}
	}
	// Houaphanh's arrests count on vn.mps as Houaphanh published them.
	for _, ts := range domaintest.Must[plans.Progress](t)(vn.svc.PlanProgress(ctx, vnLiaison, pl.ID, asOf)).Tasks {
		if ts.Task.ID == lt.ID && (!ts.Computed || ts.Task.Indicator.AsOf != asOf || ts.Actual != 0) {
			t.Errorf("Lao indicator on vn.mps: %+v", ts)
		}
	}
	if es := vn.entries(audit.Filter{Action: "plans.receive", ObjectID: lt.ID}); len(es) != 2 || es[0].Actor != "peer:la.mps" {
		t.Errorf("Lao task audited on vn.mps: %+v", es)
	}
	if es := la.entries(audit.Filter{Action: "plans.progress_read", ObjectID: pl.ID}); len(es) != 1 || es[0].Actor != "khamphet" {
		t.Errorf("progress read audited on la.mps: %+v", es)
	}
	// Releasing again sends every note of a task, not the last one only.
	domaintest.Must[plans.Task](t)(vn.svc.UpdateProgress(ctx, vnCommander, p2.ID, plans.NewProgress{Percent: 45, Note: "Đã mời giảng viên", Actual: ptr(15)}))
	vn.out.take()
	domaintest.Must[plans.Plan](t)(vn.svc.Release(ctx, vnLiaison, pl.ID))
	for _, r := range vn.out.take() {
		if r.Task != nil && r.Task.ID == p2.ID && len(r.Task.Notes) != 2 {
			t.Errorf("re-released task carries %d notes, want 2", len(r.Task.Notes))
		}
	}
	if got := domaintest.Must[plans.TaskStatus](t)(vn.svc.Task(ctx, vnAnalyst, p2.ID, asOf)); len(got.Task.Notes) != 2 || got.Actual != 15 {
		t.Errorf("training after the new release: %+v", got)
	}
	// Applying the same releases again changes nothing.
	before := la.state()
	vn.out.rs = rs
	vn.sendTo(la)
	if after := la.state(); after.audit != before.audit {
		t.Errorf("applying again: audit %d -> %d", before.audit, after.audit)
	}
}

// TestConferenceDecisionsBecomeTasks: the yearly meeting of the facing
// provinces, recorded and shared by la.mps; a decision becomes a task of
// the Vietnamese plan that keeps the link, and the conference lists it.
func TestConferenceDecisionsBecomeTasks(t *testing.T) {
	clock := borderlink.NewFakeClock(today)
	vn, la := newSide(t, "vn.mps", "VN", clock), newSide(t, "la.mps", "LA", clock)
	ctx := vn.ctx
	a := domaintest.Must[plans.Agreement](t)(vn.svc.CreateAgreement(ctx, vnLiaison, memorandum()))
	pl := domaintest.Must[plans.Plan](t)(vn.svc.CreatePlan(ctx, vnLiaison, plan2026(a.ID)))
	vn.sendTo(la)

	cf := domaintest.Must[plans.Conference](t)(la.svc.CreateConference(ctx, laLiaison, plans.NewConference{
		Title: "ກອງປະຊຸມທົບທວນປະຈຳປີ 8 ແຂວງຊາຍແດນ", Day: day("2026-03-20"), Place: "ຊຳເໜືອ", HostUnit: "LA-MPS",
		Attending: []string{"LA-07", "LA-02", "LA-06", "LA-09", "VN-11", "VN-14", "VN-38", "VN-40"},
		Decisions: []string{"Tăng cường tuần tra chung tại các đường mòn", "ແລກປ່ຽນຂໍ້ມູນທຸກເດືອນ"}, Release: true}))
	if len(cf.Decisions) != 2 || cf.Lang != borderlink.LangLO || cf.Released.IsZero() {
		t.Fatalf("conference = %+v", cf)
	}
	rs := la.out.rs
	if len(rs) != 1 || rs[0].Kind != plans.KindConference || len(rs[0].PartnerUnits) != 4 {
		t.Fatalf("conference published: %+v", rs)
	}
	la.sendTo(vn)

	task := patrol()
	tk := domaintest.Must[plans.Task](t)(vn.svc.DecisionTask(ctx, vnCommander, cf.ID, cf.Decisions[0].ID, pl.ID, task))
	if tk.Source == nil || tk.Source.ConferenceID != cf.ID || tk.Source.DecisionID != cf.Decisions[0].ID {
		t.Errorf("task from the decision = %+v", tk)
	}
	vn.sendTo(la)
	for _, sd := range []*side{vn, la} {
		if cs := domaintest.Must[[]plans.Conference](t)(sd.svc.Conferences(ctx, vnAnalyst)); len(cs) != 1 || cs[0].Origin != "la.mps" {
			t.Errorf("%s: conferences = %+v", sd.self, cs)
		}
		f := domaintest.Must[plans.ConferenceFile](t)(sd.svc.Conference(ctx, vnAnalyst, cf.ID))
		if f.Conference.Title != cf.Title || len(f.Tasks) != 1 || f.Tasks[0].ID != tk.ID {
			t.Errorf("%s: conference file = %+v", sd.self, f)
		}
	}
	_, err := vn.svc.DecisionTask(ctx, vnCommander, cf.ID, "no-such-decision", pl.ID, task)
	domaintest.WantErr(t, "an unknown decision", err, borderlink.EInvalid, "error.plans_decision_unknown")
}

func ptr(f float64) *float64 { return &f }

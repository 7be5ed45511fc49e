package e2e

import (
	"context"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
	"github.com/borderlink/borderlink/plans"
	"github.com/borderlink/borderlink/store"
)

// TestPlansAcrossTheBorder is the bilateral plan between two real nodes
// over mutual TLS: the Vietnamese liaison officer records the memorandum
// and the plan and shares it; Nghệ An's tasks appear on la.mps,
// Houaphanh's task and its progress on vn.mps; each side's tasks are
// read-only on the other; both nodes list the overdue task, and both
// audit logs verify.
func TestPlansAcrossTheBorder(t *testing.T) {
	vn := nodetest.MustStart(t, nodetest.Options{Demo: true})
	la := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA", Demo: true})
	federate(t, vn, la)
	ctx := context.Background()
	vnLiaison := principal(t, vn, "tuan", auth.RoleLiaison, "VN-MPS")
	vnCommander := principal(t, vn, "hung", auth.RoleCommander, "VN-40")
	laCommander := principal(t, la, "somphone", auth.RoleCommander, "LA-07")
	laAnalyst := principal(t, la, "noy", auth.RoleAnalyst, "LA-07")

	// The dates follow the nodes' clock, so that one task is overdue
	// today whatever day the test runs.
	today := borderlink.DateOf(vn.Clock.Now())
	from, to := today.AddDays(-200), today.AddDays(100)
	a, err := vn.Plans.CreateAgreement(ctx, vnLiaison, plans.NewAgreement{Kind: plans.AgreementMemorandum,
		Title: "Bản ghi nhớ hợp tác phòng, chống tội phạm ma túy", Parties: []string{"VN-MPS", "LA-MPS", "VN-40", "LA-07"},
		Signed: from.AddDays(-10), ValidFrom: from.AddDays(-10), ValidTo: to.AddDays(1000), Reference: "01/BGN"})
	if err != nil {
		t.Fatal(err)
	}
	pl, err := vn.Plans.CreatePlan(ctx, vnLiaison, plans.NewPlan{AgreementID: a.ID, Kind: plans.PlanAnnual,
		Title: "Kế hoạch hợp tác Nghệ An – Hủa Phăn", OwnerUnit: "VN-MPS", From: from, To: to, Provinces: []string{"VN-40", "LA-07"},
		Bilateral: true, PartnerUnits: []string{"LA-MPS", "LA-07"}, Release: true})
	if err != nil {
		t.Fatal(err)
	}
	late, err := vn.Plans.CreateTask(ctx, vnCommander, pl.ID, plans.NewTask{Title: "Tập huấn nghiệp vụ", Deliverable: "Lớp tập huấn",
		Officer: plans.Officer{Name: "Lê Thị Thu"}, AccountableUnit: "VN-40", Deadline: today.AddDays(-3),
		Indicator: plans.Indicator{Kind: plans.IndicatorManual, Label: "Học viên", Target: 40}})
	if err != nil {
		t.Fatal(err)
	}
	patrol, err := vn.Plans.CreateTask(ctx, vnCommander, pl.ID, plans.NewTask{Title: "Tuần tra chung", Deliverable: "Biên bản tuần tra",
		Officer: plans.Officer{Name: "Nguyễn Văn Hùng"}, AccountableUnit: "VN-40", Deadline: to,
		Indicator: plans.Indicator{Kind: plans.IndicatorCases, Target: 20}})
	if err != nil {
		t.Fatal(err)
	}

	var pg plans.Progress
	eventually(t, "the plan and Nghệ An's tasks on la.mps", func() bool {
		pg, err = la.Plans.PlanProgress(ctx, laAnalyst, pl.ID, borderlink.Date{})
		return err == nil && len(pg.Tasks) == 2
	})
	if pg.Agreement.ID != a.ID || pg.Plan.Origin != "vn.mps" || pg.Tasks[0].Task.ID != late.ID || pg.Tasks[0].Status != plans.StatusOverdue ||
		pg.Tasks[0].Own || pg.Tasks[1].Task.ID != patrol.ID || pg.Tasks[1].Task.Indicator.AsOf != today {
		t.Errorf("progress on la.mps: %+v", pg)
	}

	// Houaphanh adds its task and reports progress; vn.mps sees both.
	lt, err := la.Plans.CreateTask(ctx, laCommander, pl.ID, plans.NewTask{Title: "ລາດຕະເວນຮ່ວມ", Deliverable: "ບົດລາຍງານ",
		Officer: plans.Officer{Name: "ສົມພອນ"}, AccountableUnit: "LA-07", Deadline: to,
		Indicator: plans.Indicator{Kind: plans.IndicatorArrests, Target: 8}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := la.Plans.UpdateProgress(ctx, laCommander, lt.ID, plans.NewProgress{Percent: 60, Note: "ລາດຕະເວນແລ້ວ 6 ຄັ້ງ"}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "Houaphanh's progress on vn.mps", func() bool {
		pg, err = vn.Plans.PlanProgress(ctx, vnLiaison, pl.ID, borderlink.Date{})
		for _, ts := range pg.Tasks {
			if ts.Task.ID == lt.ID && ts.Task.Percent == 60 && !ts.Own {
				return true
			}
		}
		return false
	})
	if len(pg.Tasks) != 3 {
		t.Errorf("tasks on vn.mps: %+v", pg.Tasks)
	}
	// Each side's tasks are read-only on the other.
	if _, err := la.Plans.UpdateProgress(ctx, laCommander, patrol.ID, plans.NewProgress{Percent: 90}); !borderlink.IsCode(err, borderlink.EForbidden) {
		t.Errorf("updating Nghệ An's task on la.mps: %v, want EForbidden", err)
	}
	if _, err := vn.Plans.UpdateProgress(ctx, vnCommander, lt.ID, plans.NewProgress{Percent: 90}); !borderlink.IsCode(err, borderlink.EForbidden) {
		t.Errorf("updating Houaphanh's task on vn.mps: %v, want EForbidden", err)
	}
	// Both nodes raise the overdue alert for the training course.
	for _, nd := range []*nodetest.Node{vn, la} {
		od, err := nd.Plans.Overdue(ctx, auth.System("test"), borderlink.Date{})
		if err != nil || len(od) != 1 || od[0].Task.ID != late.ID {
			t.Errorf("%s: overdue = %+v, %v", nd.Config.NodeID, od, err)
		}
		rep, err := audit.Verify(ctx, store.Domain[audit.Tx]{S: nd.Store}, nd.Identity.PublicKey(), nd.Config.NodeID)
		if err != nil || !rep.OK {
			t.Errorf("%s: audit verify: %v %+v", nd.Config.NodeID, err, rep)
		}
	}
	es, _, err := audit.List(ctx, store.Domain[audit.Tx]{S: vn.Store}, audit.Filter{Action: "plans.receive", ObjectID: lt.ID})
	if err != nil || len(es) != 2 || es[0].Actor != "peer:la.mps" {
		t.Errorf("Houaphanh's task in vn.mps's audit log: %+v, %v", es, err)
	}
}

package plans_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/plans"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/units"
)

// today is the day of the story on both nodes: mid-June 2026.
var today = time.Date(2026, 6, 15, 2, 0, 0, 0, time.UTC)

// side is one node of a test: its SQLite store, its statistics and its
// plans, with an outbox keeping what the service published.
type side struct {
	t     *testing.T
	ctx   context.Context
	self  borderlink.NodeID
	st    store.Store
	tree  *units.Tree
	stats *stats.Service
	svc   *plans.Service
	out   outbox
}

// outbox keeps the releases handed to Publish; the next refuse of them
// fail, as with a full disk.
type outbox struct {
	mu     sync.Mutex
	rs     []plans.Release
	refuse int
}

// errOutboxDown is what a failing outbox answers.
var errOutboxDown = borderlink.Errorf(borderlink.EUnavailable, "error.unavailable", "outbox down")

func (o *outbox) publish(_ context.Context, _ plans.Tx, r plans.Release) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.refuse > 0 {
		o.refuse--
		return errOutboxDown
	}
	o.rs = append(o.rs, r)
	return nil
}

// take empties the outbox.
func (o *outbox) take() (rs []plans.Release) {
	o.mu.Lock()
	rs, o.rs = o.rs, nil
	o.mu.Unlock()
	return rs
}

func newSide(t *testing.T, self borderlink.NodeID, country string, clock borderlink.Clock) *side {
	t.Helper()
	e := domaintest.New(t, self, clock)
	drugs, err := refdata.DrugTypes()
	if err != nil {
		t.Fatal(err)
	}
	sd := &side{t: t, ctx: e.Ctx, self: self, st: e.Store, tree: e.Tree}
	units := domaintest.TreeOf{T: e.Tree}
	if sd.stats, err = stats.NewService(stats.Options{DB: store.Domain[stats.Tx]{S: e.Store}, Log: e.Log, Units: units, Drugs: drugs,
		Self: self, Country: country, Clock: clock}); err != nil {
		t.Fatal(err)
	}
	if sd.svc, err = plans.NewService(plans.Options{DB: store.Domain[plans.Tx]{S: e.Store}, Log: e.Log, Units: units, Self: self,
		Country: country, Clock: clock, Stats: sd.stats, Publish: sd.out.publish}); err != nil {
		t.Fatal(err)
	}
	return sd
}

// sendTo applies what sd published to other, each release in its own
// transaction as federation does, after a trip through JSON.
func (sd *side) sendTo(other *side) {
	sd.t.Helper()
	for _, r := range sd.out.take() {
		r = domaintest.Wire(sd.t, r)
		if err := other.st.Update(other.ctx, func(tx store.Tx) error { return other.svc.ApplyRelease(other.ctx, tx, sd.self, r) }); err != nil {
			sd.t.Fatalf("apply %s %s on %s: %v", r.Kind, r.RecordID(), other.self, err)
		}
	}
}

// seize records a seizure fact of this node: kg of drug at place on day.
func (sd *side) seize(id, day, place, drug string, kg float64, arrests int64) {
	sd.t.Helper()
	f := stats.Fact{ID: id, Source: stats.SourceRecord, Day: domaintest.Day(day), Place: place, Agency: stats.AgencyPolice, Drug: drug,
		Totals: stats.Totals{Cases: 1, Arrests: arrests, Milligrams: int64(kg * 1e6)}, Recorded: today}
	if err := sd.st.Update(sd.ctx, func(tx store.Tx) error { return sd.stats.Put(sd.ctx, tx, []stats.Fact{f}) }); err != nil {
		sd.t.Fatal(err)
	}
}

// state is what a node keeps and has audited, to show that a refused
// change left nothing behind.
type state struct {
	audit                      int64
	agreements, plans, targets int
	tasks                      map[string]int // by plan
	releases                   int
}

func (sd *side) state() state {
	sd.t.Helper()
	s := state{audit: domaintest.AuditSize(sd.t, sd.ctx, sd.st), tasks: map[string]int{}}
	err := sd.st.View(sd.ctx, func(tx store.Tx) error {
		as, err := tx.Plans().Agreements(sd.ctx)
		if err != nil {
			return err
		}
		ps, err := tx.Plans().Plans(sd.ctx, "")
		if err != nil {
			return err
		}
		for _, p := range ps {
			ts, err := tx.Plans().Tasks(sd.ctx, p.ID)
			if err != nil {
				return err
			}
			s.tasks[p.ID] = len(ts)
		}
		tg, err := tx.Plans().Targets(sd.ctx, 2026)
		s.agreements, s.plans, s.targets = len(as), len(ps), len(tg)
		return err
	})
	if err != nil {
		sd.t.Fatal(err)
	}
	sd.out.mu.Lock()
	s.releases = len(sd.out.rs)
	sd.out.mu.Unlock()
	return s
}

// entries returns the audit entries f selects, newest first.
func (sd *side) entries(f audit.Filter) []audit.Entry {
	return domaintest.Entries(sd.t, sd.ctx, sd.st, f)
}

// The people of the story. Nghệ An (VN-40) faces Houaphanh (LA-07); the
// liaison officers sit at the ministries.
var (
	vnLiaison, laLiaison     = domaintest.User("tuan", auth.RoleLiaison, "VN-MPS"), domaintest.User("khamphet", auth.RoleLiaison, "LA-MPS")
	vnCommander, laCommander = domaintest.User("hung", auth.RoleCommander, "VN-40"), domaintest.User("somphone", auth.RoleCommander, "LA-07")
	// Elsewhere, or without plans.write: Điện Biên's commander, an
	// analyst and a hotline officer of Nghệ An.
	vnOther, vnAnalyst, vnOfficer = domaintest.User("thao", auth.RoleCommander, "VN-11"), domaintest.User("mai", auth.RoleAnalyst, "VN-40"),
		domaintest.User("lan", auth.RoleOfficer, "VN-40")
)

var day = domaintest.Day

// memorandum is the memorandum of the two ministries, with the two facing
// provinces among its parties.
func memorandum() plans.NewAgreement {
	return plans.NewAgreement{Kind: plans.AgreementMemorandum, Title: "Bản ghi nhớ hợp tác phòng, chống tội phạm ma túy giai đoạn 2026–2030",
		Parties: []string{"VN-MPS", "LA-MPS", "vn-40", "LA-07"}, Signed: day("2025-12-20"), ValidFrom: day("2026-01-01"),
		ValidTo: day("2030-12-31"), Reference: "01/2026/BGN-BCA-BAN"}
}

// plan2026 is the bilateral cooperation plan of 2026 between Nghệ An and
// Houaphanh under agreement a.
func plan2026(a string) plans.NewPlan {
	return plans.NewPlan{AgreementID: a, Kind: plans.PlanAnnual, Title: "Kế hoạch hợp tác năm 2026 Nghệ An – Hủa Phăn", OwnerUnit: "VN-MPS",
		From: day("2026-01-01"), To: day("2026-12-31"), Provinces: []string{"VN-40", "LA-07"}, Bilateral: true,
		PartnerUnits: []string{"LA-MPS", "LA-07"}, Release: true}
}

// patrol is a task of Nghệ An: joint patrols along the border, measured by
// the heroin seized in the plan's provinces.
func patrol() plans.NewTask {
	return plans.NewTask{Title: "Tuần tra chung tuyến biên giới Nậm Cắn", Deliverable: "12 đợt tuần tra, biên bản từng đợt",
		Officer: plans.Officer{Name: "Nguyễn Văn Hùng", Username: "hung"}, AccountableUnit: "VN-40",
		Start: day("2026-02-01"), Deadline: day("2026-09-30"),
		Milestones: []plans.Milestone{{Day: day("2026-06-30"), Text: "Sơ kết 6 tháng"}, {Day: day("2026-09-30"), Text: "Tổng kết"}},
		Indicator:  plans.Indicator{Kind: plans.IndicatorSeizuresKg, Drugs: []string{"heroin"}, Target: 10}}
}

package wanted_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/wanted"
)

// The people of the story. Nghệ An (VN-40) issues the notice; the Lao
// ministry and Houaphanh (LA-07) receive it; Điện Biên (VN-11) and
// Vientiane Capital (LA-01) are elsewhere.
var (
	vnInv     = domaintest.User("hung", auth.RoleInvestigator, "VN-40")
	vnOther   = domaintest.User("thao", auth.RoleInvestigator, "VN-11")
	vnOfficer = domaintest.User("lan", auth.RoleOfficer, "VN-11")
	vnAnalyst = domaintest.User("mai", auth.RoleAnalyst, "VN-40")
	laInv     = domaintest.User("somphone", auth.RoleInvestigator, "LA-07")
	laOfficer = domaintest.User("khamla", auth.RoleOfficer, "LA-07")
	laOther   = domaintest.User("vanh", auth.RoleInvestigator, "LA-01")
)

// choNotice is the notice for Lầu Bá Chò, believed to hide in Houaphanh.
func choNotice() wanted.NewNotice {
	return wanted.NewNotice{IssuingUnit: "VN-40",
		Person: wanted.Person{Name: "Lầu Bá Chò", NameLatin: "LAU BA CHO", Aliases: []string{"Chò Lào", " Chò Lào "}, Birth: "1988-05",
			Sex: "m", Nationality: "vn", Documents: []cases.Document{{Type: cases.DocIDCard, Number: "040088001234", Country: "vn"}},
			Description: "Cao khoảng 1m68, sẹo ở cằm, xăm hình rồng trên vai trái."},
		Charges: []cases.Charge{cases.ChargeTrafficking, cases.ChargeTrafficking}, LegalBasis: "Điều 251 Bộ luật Hình sự 2015",
		WarrantRef: "12/QĐ-CSĐT", WarrantDate: domaintest.Day("2026-10-02"), Danger: []wanted.Danger{"Armed", wanted.DangerViolent},
		Summary:      "Đối tượng cầm đầu đường dây vận chuyển ma túy đá qua cửa khẩu Nậm Cắn.",
		Location:     wanted.Place{Unit: "la-07", Text: "Bản Huổi Lả, Sầm Nưa", Lat: ptr(20.4159), Lon: ptr(104.0483)},
		PartnerUnits: []string{"LA-MPS", "la-07"}, Release: true}
}

// TestWantedAcrossTheBorder is the story: a Vietnamese investigator
// publishes a wanted notice; it appears on la.mps; a Lao village officer
// reports a sighting that the Vietnamese side sees; after the arrest a
// hand-over is requested, agreed, scheduled and completed, each step on
// both nodes and audited on both.
func TestWantedAcrossTheBorder(t *testing.T) {
	clock := borderlink.NewFakeClock(now)
	vn, la := newNode(t, "vn.mps", "VN", clock), newNode(t, "la.mps", "LA", clock)
	ctx := vn.ctx

	n := domaintest.Must[wanted.Notice](t)(vn.svc.CreateNotice(ctx, vnInv, choNotice()))
	if n.Status != wanted.StatusActive || len(n.StatusHistory) != 1 || n.StatusHistory[0].By != "hung@vn.mps" || n.Released.IsZero() ||
		!slices.Equal(n.PartnerUnits, []string{"LA-MPS", "LA-07"}) || n.Location.Unit != "LA-07" || n.Lang != borderlink.LangVI ||
		!slices.Equal(n.Person.Aliases, []string{"Chò Lào"}) || n.Person.Sex != cases.SexMale || n.Person.Nationality != "VN" ||
		!slices.Equal(n.Charges, []cases.Charge{cases.ChargeTrafficking}) || !slices.Equal(n.Danger, []wanted.Danger{wanted.DangerArmed, wanted.DangerViolent}) {
		t.Errorf("notice = %+v", n)
	}
	rs := vn.take()
	if len(rs) != 1 || rs[0].Kind != wanted.KindNotice || rs[0].NoticeOrigin != "vn.mps" || rs[0].Notice.ID != n.ID {
		t.Fatalf("published on create: %+v", rs)
	}
	if ch := vn.takeChanged(); len(ch) != 1 || ch[0].ID != n.ID {
		t.Errorf("changed on create: %+v", ch)
	}
	// A photo: the released notice is published again, with the bytes.
	clock.Advance(time.Second)
	ph := domaintest.Must[cases.Photo](t)(vn.svc.AddPhoto(ctx, vnInv, n.ID, domaintest.PNGPhoto))
	rs = append(rs, vn.take()...)
	if len(rs) != 2 || len(rs[1].Photos) != 1 || rs[1].Photos[0].ID != ph.ID || !rs[1].Notice.Updated.After(rs[0].Notice.Updated) {
		t.Fatalf("published after the photo: %+v", rs)
	}
	if ch := vn.takeChanged(); len(ch) != 1 || len(ch[0].Photos) != 1 {
		t.Errorf("changed after the photo: %+v", ch)
	}

	// la.mps stores both versions in turn: the notice with its photo.
	got := la.mustApply("vn.mps", rs...)
	if len(got) != 2 || got[1].ID != n.ID || len(got[1].Photos) != 1 {
		t.Fatalf("applied on la.mps: %+v", got)
	}
	// Older versions and repeats change nothing.
	if again := la.mustApply("vn.mps", rs...); len(again) != 0 {
		t.Errorf("applying again stored %+v", again)
	}
	if es := la.entries(audit.Filter{Action: "wanted.receive", ObjectID: n.ID}); len(es) != 2 || es[0].Actor != "peer:vn.mps" {
		t.Errorf("receipts audited on la.mps: %+v", es)
	}
	// Any Lao officer reads it, in a search by the romanised name too.
	f := domaintest.Must[wanted.NoticeFile](t)(la.svc.Notice(ctx, laOfficer, n.ID))
	if f.Notice.Origin != "vn.mps" || f.Notice.Person.Name != "Lầu Bá Chò" || f.Handover.State != wanted.HandoverNone {
		t.Errorf("notice on la.mps: %+v", f)
	}
	_, data, err := la.svc.PhotoData(ctx, laOther, n.ID, ph.ID)
	if err != nil || string(data) != string(domaintest.PNGPhoto) {
		t.Errorf("photo on la.mps: %d bytes, %v", len(data), err)
	}
	list, total, err := la.svc.Notices(ctx, laOther, wanted.NoticeQuery{Words: "lau cho"})
	if err != nil || total != 1 || list[0].ID != n.ID {
		t.Errorf("search on la.mps: %d %+v %v", total, list, err)
	}
	// It is read-only there.
	_, err = la.svc.SetStatus(ctx, laInv, n.ID, wanted.NewStatus{Status: wanted.StatusArrested})
	domaintest.WantErr(t, "changing the partner's notice", err, borderlink.EForbidden, "error.wanted_not_owner")

	// The Lao village officer reports a sighting; vn.mps sees it.
	seen := domaintest.Must[wanted.Sighting](t)(la.svc.ReportSighting(ctx, laOfficer, n.ID, wanted.NewSighting{At: now.Add(-26 * time.Hour),
		Place: wanted.Place{Unit: "LA-07", Text: "Chợ Sầm Nưa"}, Seen: "ເຫັນຜູ້ຊາຍຄ້າຍຄືໃນຮູບ ຊື້ເຄື່ອງຢູ່ຕະຫຼາດ"}))
	if seen.Lang != borderlink.LangLO || seen.ReporterUnit != "LA-07" || seen.Released.IsZero() {
		t.Errorf("sighting = %+v", seen)
	}
	rs = la.take()
	if len(rs) != 1 || rs[0].Kind != wanted.KindSighting || rs[0].NoticeOrigin != "vn.mps" {
		t.Fatalf("published sighting: %+v", rs)
	}
	if stored := vn.mustApply("la.mps", rs...); len(stored) != 0 {
		t.Errorf("a sighting reported a changed notice: %+v", stored)
	}
	vn.mustApply("la.mps", rs...) // again: nothing
	f = domaintest.Must[wanted.NoticeFile](t)(vn.svc.Notice(ctx, vnOfficer, n.ID))
	if len(f.Sightings) != 1 || f.Sightings[0].ID != seen.ID || f.Sightings[0].Origin != "la.mps" {
		t.Errorf("sightings on vn.mps: %+v", f.Sightings)
	}
	// The Vietnamese side's own sighting goes the other way.
	domaintest.Must[wanted.Sighting](t)(vn.svc.ReportSighting(ctx, vnOfficer, n.ID, wanted.NewSighting{At: now.Add(-2 * time.Hour),
		Place: wanted.Place{Text: "Cửa khẩu Tây Trang"}, Seen: "Đi xe máy về phía cửa khẩu."}))
	la.mustApply("vn.mps", vn.take()...)
	if f := domaintest.Must[wanted.NoticeFile](t)(la.svc.Notice(ctx, laOfficer, n.ID)); len(f.Sightings) != 2 {
		t.Errorf("sightings on la.mps: %+v", f.Sightings)
	}

	// The person is arrested in Houaphanh; the notice says so.
	domaintest.Must[wanted.Notice](t)(vn.svc.SetStatus(ctx, vnInv, n.ID, wanted.NewStatus{Status: wanted.StatusArrested, Note: "Bị bắt tại Sầm Nưa"}))
	la.mustApply("vn.mps", vn.take()...)
	// Hand-over: vn.mps requests, la.mps agrees and schedules, then
	// completes.
	step := func(from, to *node, p auth.Principal, in wanted.NewStep) wanted.HandoverStep {
		t.Helper()
		st, err := from.svc.AddStep(ctx, p, n.ID, in)
		if err != nil {
			t.Fatalf("%s on %s: %v", in.Kind, from.self, err)
		}
		rs := from.take()
		if len(rs) != 1 || rs[0].Kind != wanted.KindStep || rs[0].Step.ID != st.ID {
			t.Fatalf("%s published %+v", in.Kind, rs)
		}
		to.mustApply(from.self, rs...)
		clock.Advance(time.Second)
		return st
	}
	req := step(vn, la, vnInv, wanted.NewStep{Kind: wanted.StepRequest, Note: "Đề nghị bàn giao đối tượng qua cửa khẩu Nậm Cắn."})
	// The side that asked cannot answer itself.
	_, err = vn.svc.AddStep(ctx, vnInv, n.ID, wanted.NewStep{Kind: wanted.StepAgree})
	domaintest.WantErr(t, "vn.mps agreeing to its own request", err, borderlink.EConflict, "error.wanted_step_side")
	agree := step(la, vn, laInv, wanted.NewStep{Kind: wanted.StepAgree, Note: "ເຫັນດີມອບຕົວ"})
	sched := step(la, vn, laInv, wanted.NewStep{Kind: wanted.StepSchedule, Day: domaintest.Day("2026-11-25"),
		Gate: wanted.Place{Text: "Nậm Cắn – Nặm Khan"}, ReceivingUnit: "VN-40", HandingUnit: "LA-07"})
	for _, nd := range []*node{vn, la} {
		f := domaintest.Must[wanted.NoticeFile](t)(nd.svc.Notice(ctx, domaintest.User("x", auth.RoleOfficer, string(nd.self[:2])+"-MPS"), n.ID))
		if f.Handover.State != wanted.HandoverScheduled || f.Handover.Day != domaintest.Day("2026-11-25") || f.Handover.ReceivingUnit != "VN-40" ||
			f.Handover.Gate.Text != "Nậm Cắn – Nặm Khan" || f.Handover.RequestedBy != "vn.mps" || len(f.Steps) != 3 {
			t.Errorf("hand-over on %s: %+v", nd.self, f.Handover)
		}
	}
	// Not complete yet: the notice cannot be marked handed over.
	_, err = vn.svc.SetStatus(ctx, vnInv, n.ID, wanted.NewStatus{Status: wanted.StatusHandedOver})
	domaintest.WantErr(t, "handed over before completion", err, borderlink.EConflict, "error.wanted_handover_incomplete")
	clock.Set(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	done := step(la, vn, laInv, wanted.NewStep{Kind: wanted.StepComplete, Note: "ມອບຕົວສຳເລັດ"})
	if done.Day != domaintest.Day("2026-11-25") || done.ReceivingUnit != "VN-40" || done.Gate.Text != "Nậm Cắn – Nặm Khan" || done.HandingUnit != "LA-07" {
		t.Errorf("completion takes the schedule: %+v", done)
	}
	final := domaintest.Must[wanted.Notice](t)(vn.svc.SetStatus(ctx, vnInv, n.ID, wanted.NewStatus{Status: wanted.StatusHandedOver}))
	if final.Status != wanted.StatusHandedOver || len(final.StatusHistory) != 3 {
		t.Errorf("final notice: %+v", final)
	}
	got = la.mustApply("vn.mps", vn.take()...)
	if len(got) != 1 || got[0].Status != wanted.StatusHandedOver {
		t.Errorf("handed over on la.mps: %+v", got)
	}
	// Nothing more: a sighting of a person handed over is refused.
	_, err = la.svc.ReportSighting(ctx, laOfficer, n.ID, wanted.NewSighting{At: now, Place: wanted.Place{Unit: "LA-07"}, Seen: "ເຫັນ"})
	domaintest.WantErr(t, "sighting after the hand-over", err, borderlink.EConflict, "error.wanted_closed")

	// Every step is audited on both nodes: written on one, received on the
	// other.
	for _, c := range []struct {
		st           wanted.HandoverStep
		writer, recv *node
	}{{req, vn, la}, {agree, la, vn}, {sched, la, vn}, {done, la, vn}} {
		if es := c.writer.entries(audit.Filter{Action: "wanted.handover_step", ObjectID: c.st.ID}); len(es) != 1 || es[0].Outcome != audit.OutcomeOK ||
			!strings.Contains(es[0].Detail, string(c.st.Kind)) {
			t.Errorf("%s on %s: %+v", c.st.Kind, c.writer.self, es)
		}
		if es := c.recv.entries(audit.Filter{Action: "wanted.handover_receive", ObjectID: c.st.ID}); len(es) != 1 ||
			es[0].Actor != "peer:"+string(c.writer.self) {
			t.Errorf("%s received on %s: %+v", c.st.Kind, c.recv.self, es)
		}
	}
	for _, nd := range []*node{vn, la} {
		notices, sightings, steps := nd.count()
		if notices != 1 || sightings != 2 || steps != 4 {
			t.Errorf("%s keeps %d notices, %d sightings, %d steps", nd.self, notices, sightings, steps)
		}
	}
	// The screening index's view: every notice, with its names.
	all := domaintest.Must[[]wanted.Notice](t)(la.svc.AllNotices(ctx))
	if len(all) != 1 || all[0].Person.NameLatin != "LAU BA CHO" || all[0].Status != wanted.StatusHandedOver ||
		!slices.Equal(all[0].Person.Aliases, []string{"Chò Lào"}) || all[0].Person.Documents[0].Number != "040088001234" {
		t.Errorf("all notices on la.mps: %+v", all)
	}
}

// TestWantedReleaseLater: a notice created unreleased stays home (and so
// does a sighting of it) until released; the first release carries the
// earlier sighting, a hand-over needs the release, and a failed publish
// rolls the release back.
func TestWantedReleaseLater(t *testing.T) {
	clock := borderlink.NewFakeClock(now)
	vn, la := newNode(t, "vn.mps", "VN", clock), newNode(t, "la.mps", "LA", clock)
	ctx := vn.ctx
	in := choNotice()
	in.Release = false
	n := domaintest.Must[wanted.Notice](t)(vn.svc.CreateNotice(ctx, vnInv, in))
	domaintest.Must[wanted.Sighting](t)(vn.svc.ReportSighting(ctx, vnOfficer, n.ID, wanted.NewSighting{At: now, Place: wanted.Place{Unit: "VN-40"},
		Seen: "Về quê ăn giỗ."}))
	if rs := vn.take(); len(rs) != 0 || !n.Released.IsZero() {
		t.Fatalf("an unreleased notice published %+v", rs)
	}
	_, err := vn.svc.AddStep(ctx, vnInv, n.ID, wanted.NewStep{Kind: wanted.StepRequest})
	domaintest.WantErr(t, "a hand-over of an unreleased notice", err, borderlink.EConflict, "error.wanted_release_first")
	vn.failNext = true
	if _, err := vn.svc.Release(ctx, vnInv, n.ID); err == nil {
		t.Fatal("a release whose publish failed succeeded")
	}
	if f := domaintest.Must[wanted.NoticeFile](t)(vn.svc.Notice(ctx, vnInv, n.ID)); !f.Notice.Released.IsZero() || !f.Sightings[0].Released.IsZero() {
		t.Errorf("the failed release was kept: %+v", f)
	}
	r := domaintest.Must[wanted.Notice](t)(vn.svc.Release(ctx, vnInv, n.ID))
	rs := vn.take()
	if r.Released.IsZero() || len(rs) != 2 || rs[0].Kind != wanted.KindNotice || rs[1].Kind != wanted.KindSighting {
		t.Fatalf("first release published %+v", rs)
	}
	la.mustApply("vn.mps", rs...)
	if f := domaintest.Must[wanted.NoticeFile](t)(la.svc.Notice(ctx, laOfficer, n.ID)); len(f.Sightings) != 1 {
		t.Errorf("la.mps sightings: %+v", f.Sightings)
	}
	// Releasing again publishes the notice alone.
	domaintest.Must[wanted.Notice](t)(vn.svc.Release(ctx, vnInv, n.ID))
	if rs := vn.take(); len(rs) != 1 || rs[0].Kind != wanted.KindNotice {
		t.Errorf("second release published %+v", rs)
	}
	// Editing a released notice publishes the new version, which replaces
	// the old one on la.mps.
	clock.Advance(time.Minute)
	in.Person.NameLatin, in.Notes = "LAU BA CHO (LAO CHO)", "Thay đổi nơi ở thường xuyên."
	domaintest.Must[wanted.Notice](t)(vn.svc.UpdateNotice(ctx, vnInv, n.ID, in))
	got := la.mustApply("vn.mps", vn.take()...)
	if len(got) != 1 || got[0].Person.NameLatin != "LAU BA CHO (LAO CHO)" {
		t.Errorf("edit on la.mps: %+v", got)
	}
	if ch := vn.takeChanged(); len(ch) != 4 {
		t.Errorf("changes reported: %d, want 4 (create, release, release again, edit)", len(ch))
	}
}

// TestWantedAccess: who reads and who writes, and that refusals are
// audited.
func TestWantedAccess(t *testing.T) {
	clock := borderlink.NewFakeClock(now)
	vn, la := newNode(t, "vn.mps", "VN", clock), newNode(t, "la.mps", "LA", clock)
	ctx := vn.ctx
	in := choNotice()
	in.PartnerUnits = []string{"LA-07"}
	n := domaintest.Must[wanted.Notice](t)(vn.svc.CreateNotice(ctx, vnInv, in))
	la.mustApply("vn.mps", vn.take()...)

	// Every Vietnamese holder of wanted.read reads the notice, whatever
	// their province; an analyst (no wanted.read) does not.
	if _, err := vn.svc.Notice(ctx, vnOfficer, n.ID); err != nil {
		t.Errorf("officer of Điện Biên: %v", err)
	}
	_, err := vn.svc.Notice(ctx, vnAnalyst, n.ID)
	domaintest.WantErr(t, "analyst", err, borderlink.EForbidden, "error.wanted_forbidden")
	// A reader whose grants are all of the other country does not see
	// this node's notices.
	_, err = vn.svc.Notice(ctx, laOfficer, n.ID)
	domaintest.WantErr(t, "a Lao grant on vn.mps", err, borderlink.ENotFound, "error.wanted_not_found")
	if es := vn.entries(audit.Filter{Action: "wanted.read", Actor: "khamla", ObjectID: n.ID, Outcome: audit.OutcomeDenied}); len(es) != 1 {
		t.Errorf("refused reading audited: %+v", es)
	}
	if list, total, err := vn.svc.Notices(ctx, laOfficer, wanted.NoticeQuery{}); err != nil || total != 0 || len(list) != 0 {
		t.Errorf("a Lao grant lists %d on vn.mps (%v)", total, err)
	}
	// Only wanted.write over the issuing unit edits.
	_, err = vn.svc.UpdateNotice(ctx, vnOther, n.ID, in)
	domaintest.WantErr(t, "investigator of Điện Biên edits", err, borderlink.EForbidden, "error.wanted_cannot_write")
	_, err = vn.svc.UpdateNotice(ctx, vnOfficer, n.ID, in)
	domaintest.WantErr(t, "officer edits", err, borderlink.EForbidden, "error.wanted_forbidden")
	if es := vn.entries(audit.Filter{Action: "wanted.update", Outcome: audit.OutcomeDenied}); len(es) != 2 {
		t.Errorf("refused edits audited: %d", len(es))
	}
	// Issuing for another province is refused.
	other := choNotice()
	other.IssuingUnit = "VN-11"
	_, err = vn.svc.CreateNotice(ctx, vnInv, other)
	domaintest.WantErr(t, "issuing for Điện Biên", err, borderlink.EForbidden, "error.wanted_cannot_write")
	// A sighting for a unit the reporter holds nothing over.
	_, err = vn.svc.ReportSighting(ctx, vnOfficer, n.ID, wanted.NewSighting{At: now, Place: wanted.Place{Unit: "VN-40"}, Seen: "x",
		ReporterUnit: "VN-40"})
	domaintest.WantErr(t, "reporting for Nghệ An", err, borderlink.EForbidden, "error.wanted_cannot_report")
	// On la.mps, hand-over steps need wanted.write over a partner unit.
	domaintest.Must[wanted.HandoverStep](t)(vn.svc.AddStep(ctx, vnInv, n.ID, wanted.NewStep{Kind: wanted.StepRequest}))
	la.mustApply("vn.mps", vn.take()...)
	_, err = la.svc.AddStep(ctx, laOther, n.ID, wanted.NewStep{Kind: wanted.StepAgree})
	domaintest.WantErr(t, "investigator of Vientiane answers", err, borderlink.EForbidden, "error.wanted_cannot_write")
	_, err = la.svc.AddStep(ctx, laOfficer, n.ID, wanted.NewStep{Kind: wanted.StepAgree})
	domaintest.WantErr(t, "officer answers", err, borderlink.EForbidden, "error.wanted_forbidden")
	domaintest.Must[wanted.HandoverStep](t)(la.svc.AddStep(ctx, laInv, n.ID, wanted.NewStep{Kind: wanted.StepRefuse, Note: "ຍັງຢູ່ໃນການສືບສວນ"}))
	vn.mustApply("la.mps", la.take()...)
	// After a refusal a new request may follow; either side may cancel.
	domaintest.Must[wanted.HandoverStep](t)(vn.svc.AddStep(ctx, vnInv, n.ID, wanted.NewStep{Kind: wanted.StepRequest}))
	la.mustApply("vn.mps", vn.take()...)
	domaintest.Must[wanted.HandoverStep](t)(la.svc.AddStep(ctx, laInv, n.ID, wanted.NewStep{Kind: wanted.StepCancel}))
	vn.mustApply("la.mps", la.take()...)
	f := domaintest.Must[wanted.NoticeFile](t)(vn.svc.Notice(ctx, vnInv, n.ID))
	if f.Handover.State != wanted.HandoverCancelled || len(f.Steps) != 4 || len(f.Handover.Steps) != 2 {
		t.Errorf("hand-over after refusal and cancel: %+v", f.Handover)
	}
}

// TestDeriveHandover: the two sides writing at once (one cancels as the
// other agrees) keep both steps; both derive the same state.
func TestDeriveHandover(t *testing.T) {
	at := func(s int) time.Time { return now.Add(time.Duration(s) * time.Second) }
	steps := []wanted.HandoverStep{
		{ID: "1", Origin: "vn.mps", Kind: wanted.StepRequest, Day: domaintest.Day("2026-11-01"), Created: at(1)},
		{ID: "3", Origin: "vn.mps", Kind: wanted.StepCancel, Day: domaintest.Day("2026-11-02"), Created: at(3)},
		{ID: "2", Origin: "la.mps", Kind: wanted.StepAgree, Day: domaintest.Day("2026-11-02"), Created: at(2)},
		{ID: "4", Origin: "la.mps", Kind: wanted.StepSchedule, Day: domaintest.Day("2026-11-20"), Created: at(4)},
		{ID: "5", Origin: "la.mps", Kind: wanted.StepRequest, Day: domaintest.Day("2026-11-03"), Created: at(5)},
		{ID: "6", Origin: "la.mps", Kind: wanted.StepAgree, Day: domaintest.Day("2026-11-03"), Created: at(6)},
	}
	h := wanted.DeriveHandover(steps)
	if h.State != wanted.HandoverRequested || h.RequestedBy != "la.mps" || !slices.Equal(h.Ignored, []string{"4", "6"}) || len(h.Steps) != 1 {
		t.Errorf("derived %+v", h)
	}
	slices.Reverse(steps)
	if h2 := wanted.DeriveHandover(steps); h2.State != h.State || !slices.Equal(h2.Ignored, h.Ignored) {
		t.Errorf("order of the input matters: %+v", h2)
	}
	if h := wanted.DeriveHandover(nil); h.State != wanted.HandoverNone {
		t.Errorf("no steps: %+v", h)
	}
}

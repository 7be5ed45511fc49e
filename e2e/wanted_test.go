package e2e

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/wanted"
)

// principal is a signed-in user of n with role over unit; the account is
// created so that the audit trail names a real user.
func principal(t *testing.T, n *nodetest.Node, username string, role auth.Role, unit string) auth.Principal {
	t.Helper()
	borderUser(t, n, username, role, unit)
	return auth.Principal{UserID: username, Username: username, DisplayName: username, Grants: []auth.Grant{{Role: role, Unit: unit}},
		Via: auth.ViaSession}
}

// TestWantedAcrossTheBorder is the story of a wanted notice between two
// real nodes over mutual TLS: the Nghệ An investigator publishes a notice
// for a trafficker believed to hide in Houaphanh; it appears on la.mps
// (and reaches its change hook, as a screening index would follow it); a
// Lao village officer reports a sighting that vn.mps shows; after the
// arrest a hand-over is requested, agreed, scheduled and completed, every
// step kept and audited on both nodes, and both audit logs verify.
func TestWantedAcrossTheBorder(t *testing.T) {
	vn := nodetest.MustStart(t, nodetest.Options{Demo: true})
	la := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA", Demo: true})
	var mu sync.Mutex
	var seenOnLA []wanted.Notice
	la.OnWantedChange(func(ns []wanted.Notice) {
		mu.Lock()
		defer mu.Unlock()
		seenOnLA = append(seenOnLA, ns...)
	})
	federate(t, vn, la)
	ctx := context.Background()
	vnInv := principal(t, vn, "minh", auth.RoleInvestigator, "VN-40")
	vnOfficer := principal(t, vn, "lan", auth.RoleOfficer, "VN-11")
	laInv := principal(t, la, "bounthavy", auth.RoleInvestigator, "LA-07")
	laOfficer := principal(t, la, "khamla", auth.RoleOfficer, "LA-07")

	n, err := vn.Wanted.CreateNotice(ctx, vnInv, wanted.NewNotice{IssuingUnit: "VN-40",
		Person: wanted.Person{Name: "Lầu Bá Chò", NameLatin: "LAU BA CHO", Aliases: []string{"Chò Lào"}, Birth: "1988", Sex: cases.SexMale,
			Nationality: "VN", Description: "Cao khoảng 1m68, sẹo ở cằm."},
		Charges: []cases.Charge{cases.ChargeTrafficking}, LegalBasis: "Điều 251 BLHS 2015", WarrantRef: "12/QĐ-CSĐT",
		WarrantDate: borderlink.MustParseDate("2026-10-02"), Danger: []wanted.Danger{wanted.DangerArmed},
		Location: wanted.Place{Unit: "LA-07", Text: "Sầm Nưa"}, PartnerUnits: []string{"LA-MPS", "LA-07"}, Release: true})
	if err != nil {
		t.Fatal(err)
	}

	var f wanted.NoticeFile
	eventually(t, "the notice on la.mps", func() bool {
		f, err = la.Wanted.Notice(ctx, laOfficer, n.ID)
		return err == nil
	})
	if f.Notice.Origin != "vn.mps" || f.Notice.Person.Name != "Lầu Bá Chò" || f.Notice.Status != wanted.StatusActive {
		t.Errorf("notice on la.mps: %+v", f.Notice)
	}
	eventually(t, "la.mps's change hook", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(seenOnLA) > 0 && seenOnLA[0].ID == n.ID
	})
	if all, err := la.Wanted.AllNotices(ctx); err != nil || len(all) != 1 || all[0].Person.NameLatin != "LAU BA CHO" {
		t.Errorf("all notices on la.mps: %+v, %v", all, err)
	}
	// The checkpoint on la.mps screens the notice at once, in any spelling.
	for _, name := range []string{"cho lau ba", "Lau Ba Cho", "Chò Lào"} {
		res, err := la.Screening.Screen(ctx, laOfficer, checkpoint.Query{Name: name, DOB: "1988"})
		if err != nil || !res.Hit || res.Candidates[0].ID != n.ID || res.Candidates[0].Origin != "vn.mps" ||
			len(res.Candidates[0].Danger) != 1 || res.Candidates[0].Danger[0] != "armed" {
			t.Errorf("screening %q on la.mps: %+v, %v", name, res, err)
		}
	}
	if _, err := la.Wanted.SetStatus(ctx, laInv, n.ID, wanted.NewStatus{Status: wanted.StatusArrested}); !borderlink.IsCode(err, borderlink.EForbidden) {
		t.Errorf("changing vn.mps's notice on la.mps: %v, want EForbidden", err)
	}

	// The Lao village officer's sighting reaches vn.mps.
	sg, err := la.Wanted.ReportSighting(ctx, laOfficer, n.ID, wanted.NewSighting{At: la.Clock.Now().Add(-3 * time.Hour),
		Place: wanted.Place{Unit: "LA-07", Text: "ຕະຫຼາດຊຳເໜືອ"}, Seen: "ເຫັນຜູ້ຊາຍຄ້າຍຄືໃນຮູບ"})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "the sighting on vn.mps", func() bool {
		f, err = vn.Wanted.Notice(ctx, vnOfficer, n.ID)
		return err == nil && len(f.Sightings) == 1
	})
	if f.Sightings[0].ID != sg.ID || f.Sightings[0].Origin != "la.mps" || f.Sightings[0].ReporterUnit != "LA-07" {
		t.Errorf("sighting on vn.mps: %+v", f.Sightings[0])
	}

	// Arrested in Houaphanh; the hand-over across the border.
	if res, err := vn.Screening.Screen(ctx, vnOfficer, checkpoint.Query{Name: "Lau Ba Cho"}); err != nil || !res.Hit || res.Candidates[0].ID != n.ID {
		t.Errorf("vn.mps does not screen its own notice: %+v, %v", res, err)
	}
	if _, err := vn.Wanted.SetStatus(ctx, vnInv, n.ID, wanted.NewStatus{Status: wanted.StatusArrested}); err != nil {
		t.Fatal(err)
	}
	// Held: the checkpoints stop answering with the notice, on both sides.
	eventually(t, "the arrested person out of la.mps's screening", func() bool {
		res, err := la.Screening.Screen(ctx, laOfficer, checkpoint.Query{Name: "Lau Ba Cho"})
		return err == nil && !res.Hit
	})
	if res, err := vn.Screening.Screen(ctx, vnOfficer, checkpoint.Query{Name: "Lau Ba Cho"}); err != nil || res.Hit {
		t.Errorf("vn.mps still screens the arrested person: %+v, %v", res, err)
	}
	// The hand-over is scheduled for today at Nậm Cắn, so that it can be
	// completed without moving the nodes' clocks.
	today := borderlink.DateOf(vn.Clock.Now())
	stepOn := func(from, to *nodetest.Node, p auth.Principal, in wanted.NewStep, want wanted.HandoverState) wanted.HandoverStep {
		t.Helper()
		st, err := from.Wanted.AddStep(ctx, p, n.ID, in)
		if err != nil {
			t.Fatalf("%s on %s: %v", in.Kind, from.Config.NodeID, err)
		}
		reader := principal(t, to, "reader_"+string(in.Kind), auth.RoleOfficer, node2ministry(to))
		eventually(t, string(in.Kind)+" on "+string(to.Config.NodeID), func() bool {
			f, err := to.Wanted.Notice(ctx, reader, n.ID)
			return err == nil && f.Handover.State == want
		})
		return st
	}
	steps := []wanted.HandoverStep{
		stepOn(vn, la, vnInv, wanted.NewStep{Kind: wanted.StepRequest, Note: "Đề nghị bàn giao đối tượng"}, wanted.HandoverRequested),
		stepOn(la, vn, laInv, wanted.NewStep{Kind: wanted.StepAgree, Note: "ເຫັນດີ"}, wanted.HandoverAgreed),
		stepOn(la, vn, laInv, wanted.NewStep{Kind: wanted.StepSchedule, Day: today,
			Gate: wanted.Place{Text: "Nậm Cắn – Nặm Khan"}, ReceivingUnit: "VN-40", HandingUnit: "LA-07"}, wanted.HandoverScheduled),
		stepOn(vn, la, vnInv, wanted.NewStep{Kind: wanted.StepComplete, Note: "Đã tiếp nhận đối tượng"}, wanted.HandoverCompleted),
	}
	final, err := vn.Wanted.SetStatus(ctx, vnInv, n.ID, wanted.NewStatus{Status: wanted.StatusHandedOver})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "handed over on la.mps", func() bool {
		f, err = la.Wanted.Notice(ctx, laOfficer, n.ID)
		return err == nil && f.Notice.Status == wanted.StatusHandedOver && f.Notice.Updated.Equal(final.Updated)
	})
	if f.Handover.Day != today || f.Handover.ReceivingUnit != "VN-40" || len(f.Steps) != 4 {
		t.Errorf("hand-over on la.mps: %+v", f.Handover)
	}

	// Every step is in both audit logs: written on one node, received on
	// the other.
	for _, st := range steps {
		for _, nd := range []*nodetest.Node{vn, la} {
			action := "wanted.handover_receive"
			if st.Origin == nd.Config.NodeID {
				action = "wanted.handover_step"
			}
			es, _, err := audit.List(ctx, store.Domain[audit.Tx]{S: nd.Store}, audit.Filter{Action: action, ObjectID: st.ID})
			if err != nil || len(es) != 1 || es[0].Outcome != audit.OutcomeOK {
				t.Errorf("%s %s in the audit log of %s: %+v, %v", st.Kind, action, nd.Config.NodeID, es, err)
			}
		}
	}
	for _, nd := range []*nodetest.Node{vn, la} {
		rep, err := audit.Verify(ctx, store.Domain[audit.Tx]{S: nd.Store}, nd.Identity.PublicKey(), nd.Config.NodeID)
		if err != nil || !rep.OK {
			t.Errorf("%s: audit verify: %v %+v", nd.Config.NodeID, err, rep)
		}
	}
}

// node2ministry returns the ministry unit of n's country.
func node2ministry(n *nodetest.Node) string { return n.Config.Country + "-MPS" }

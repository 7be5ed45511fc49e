package cases_test

import (
	"slices"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/store"
)

// The people of the story. Nghệ An leads case 522H with Houaphanh and
// Xiengkhouang on the Lao side; Điện Biên is another Vietnamese province.
var (
	vnInv     = domaintest.User("hung", auth.RoleInvestigator, "VN-40")
	vnOther   = domaintest.User("thao", auth.RoleInvestigator, "VN-11")
	vnAnalyst = domaintest.User("mai", auth.RoleAnalyst, "VN-40")
	laInv     = domaintest.User("somphone", auth.RoleInvestigator, "LA-07")
	laOther   = domaintest.User("khamla", auth.RoleInvestigator, "LA-12")
)

// story is case 522H as the Vietnamese node records it.
type story struct {
	vn, la *node
	c      cases.Case
	p1, p2 cases.Person
	photo  cases.Photo
	s1, s2 cases.CaseSubject
	raid   cases.Event
	z1, z2 cases.Seizure
	a1, a2 cases.Arrest
}

func newStory(t *testing.T) *story {
	t.Helper()
	clock := borderlink.NewFakeClock(now)
	st := &story{vn: newNode(t, "vn.mps", "VN", clock), la: newNode(t, "la.mps", "LA", clock)}
	vn := st.vn
	ctx := vn.ctx
	var err error
	st.c, err = vn.svc.CreateCase(ctx, vnInv, cases.NewCase{Code: "522H", Title: "Chuyên án ma túy đá qua cửa khẩu Nậm Cắn",
		Summary: "Đường dây vận chuyển ma túy tổng hợp từ Lào vào Nghệ An.", LeadUnit: "VN-40", PartnerUnits: []string{"LA-07", "la-09"},
		Status: cases.StatusActive, Day: domaintest.Day("2026-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	st.p1, err = vn.svc.CreatePerson(ctx, vnInv, cases.NewPerson{OwnerUnit: "VN-40", Name: "Nguyễn Văn Hùng", NameLatin: "Nguyen Van Hung",
		Aliases: []string{"Hùng Lào"}, Birth: "1985-07", Sex: cases.SexMale, Nationality: "vn",
		Documents: []cases.Document{{Type: cases.DocIDCard, Number: "040085001234", Country: "VN"}},
		Phones:    []string{"0912 345 678"}, Addresses: []cases.Address{{Text: "Bản Xốp Lôm, Nậm Cắn", Unit: "VN-40-C003"}}})
	if err != nil {
		t.Fatal(err)
	}
	st.p2, err = vn.svc.CreatePerson(ctx, vnInv, cases.NewPerson{OwnerUnit: "VN-40", Name: "ບຸນມີ ແກ້ວມະນີ", NameLatin: "Bounmy Keomany",
		Birth: "1990", Sex: cases.SexMale, Nationality: "LA", Phones: []string{"+856 20 5555 1234"},
		Documents: []cases.Document{{Type: cases.DocBorderPass, Number: "GTH-0771", Country: "LA"}}})
	if err != nil {
		t.Fatal(err)
	}
	st.photo = domaintest.Must[cases.Photo](t)(vn.svc.AddPhoto(ctx, vnInv, st.p1.ID, domaintest.PNGPhoto))
	st.s1 = domaintest.Must[cases.CaseSubject](t)(vn.svc.AddSubject(ctx, vnInv, st.c.ID, cases.NewSubject{PersonID: st.p1.ID, Role: cases.RoleOrganiser}))
	st.s2 = domaintest.Must[cases.CaseSubject](t)(vn.svc.AddSubject(ctx, vnInv, st.c.ID, cases.NewSubject{PersonID: st.p2.ID, Role: cases.RoleCourier}))
	st.raid = domaintest.Must[cases.Event](t)(vn.svc.CreateEvent(ctx, vnInv, st.c.ID, cases.NewEvent{Kind: cases.EventRaid,
		At: time.Date(2026, 10, 15, 2, 30, 0, 0, time.UTC), Place: "VN-40-C003", Summary: "Đột kích tại bản Xốp Lôm, bắt quả tang hai đối tượng."}))
	st.z1 = domaintest.Must[cases.Seizure](t)(vn.svc.CreateSeizure(ctx, vnInv, cases.NewSeizure{CaseID: st.c.ID, Day: domaintest.Day("2026-10-15"),
		Place: "VN-40-C003", Agency: stats.AgencyPolice, Lat: ptr(19.3785), Lon: ptr(104.1447),
		Drugs: []cases.DrugItem{{Drug: "METH_CRYSTAL", Amount: amount("110", "kg")}},
		Items: []cases.Item{{Kind: cases.ItemVehicle, Description: "Xe bán tải", Plate: "37c-123.45"},
			{Kind: cases.ItemCash, Cash: &cases.Money{Amount: "150000000", Currency: "vnd"}}}}))
	w := amount("2,4", "kg")
	st.z2 = domaintest.Must[cases.Seizure](t)(vn.svc.CreateSeizure(ctx, vnInv, cases.NewSeizure{CaseID: st.c.ID, Day: domaintest.Day("2026-10-16"),
		Place: "VN-40-C004", Agency: stats.AgencyBorderGuard,
		Drugs: []cases.DrugItem{{Drug: "METH_TABLET", Amount: amount("24000", "pills"), Weight: &w}}}))
	st.a1 = domaintest.Must[cases.Arrest](t)(vn.svc.CreateArrest(ctx, vnInv, cases.NewArrest{CaseID: st.c.ID, PersonID: st.p1.ID, Day: domaintest.Day("2026-10-15"),
		Place: "VN-40-C003", Charge: cases.ChargeTrafficking, ChargeText: "Điều 251 BLHS 2015"}))
	st.a2 = domaintest.Must[cases.Arrest](t)(vn.svc.CreateArrest(ctx, vnInv, cases.NewArrest{CaseID: st.c.ID, PersonID: st.p2.ID, Day: domaintest.Day("2026-10-15"),
		Place: "VN-40-C003", Charge: cases.ChargeIllegalTransport, ChargeText: "Điều 250 BLHS 2015"}))
	if got := vn.take(); len(got) != 0 {
		t.Fatalf("published before any release: %+v", got)
	}
	return st
}

func ptr(f float64) *float64 { return &f }

// releaseAll releases the case and every record in it.
func (st *story) releaseAll(t *testing.T) []cases.Release {
	t.Helper()
	for _, r := range []struct{ kind, id string }{
		{cases.KindCase, st.c.ID}, {cases.KindSubject, st.s1.ID}, {cases.KindSubject, st.s2.ID}, {cases.KindEvent, st.raid.ID},
		{cases.KindSeizure, st.z1.ID}, {cases.KindSeizure, st.z2.ID}, {cases.KindArrest, st.a1.ID}, {cases.KindArrest, st.a2.ID},
	} {
		if err := st.vn.svc.Release(st.vn.ctx, vnInv, r.kind, r.id); err != nil {
			t.Fatalf("release %s %s: %v", r.kind, r.id, err)
		}
	}
	return st.vn.take()
}

func Test522H(t *testing.T) {
	st := newStory(t)
	vn, la, ctx := st.vn, st.la, st.vn.ctx

	// The case as the lead unit reads it.
	f := domaintest.Must[cases.CaseFile](t)(vn.svc.Case(ctx, vnInv, st.c.ID))
	if f.Case.Code != "522H" || f.Case.Status != cases.StatusActive || f.Case.Opened != domaintest.Day("2026-03-01") ||
		!slices.Equal(f.Case.PartnerUnits, []string{"LA-07", "LA-09"}) || f.Case.Handling != cases.Releasable {
		t.Errorf("case = %+v", f.Case)
	}
	if len(f.Subjects) != 2 || len(f.Persons) != 2 || len(f.Events) != 1 || len(f.Seizures) != 2 || len(f.Arrests) != 2 {
		t.Fatalf("case file: %d subjects, %d persons, %d events, %d seizures, %d arrests",
			len(f.Subjects), len(f.Persons), len(f.Events), len(f.Seizures), len(f.Arrests))
	}
	p1, _ := f.Person(st.p1.ID)
	if !slices.Equal(p1.Phones, []string{"+84912345678"}) || p1.Nationality != "VN" || len(p1.Photos) != 1 || p1.Photos[0].ContentType != "image/png" {
		t.Errorf("person 1 = %+v", p1)
	}
	if p2, _ := f.Person(st.p2.ID); !slices.Equal(p2.Phones, []string{"+8562055551234"}) {
		t.Errorf("person 2 phones = %v", p2.Phones)
	}
	if z := f.Seizures[0]; z.Items[0].Plate != "37C12345" || z.Items[1].Cash.Currency != "VND" || z.Items[1].Count != 1 {
		t.Errorf("seizure items = %+v", z.Items)
	}
	// Reading the file is audited: the case, each person, seizure and arrest.
	for _, c := range []struct {
		action, id string
	}{
		{"case.read", st.c.ID}, {"person.read", st.p1.ID}, {"person.read", st.p2.ID},
		{"seizure.read", st.z1.ID}, {"seizure.read", st.z2.ID}, {"arrest.read", st.a1.ID}, {"arrest.read", st.a2.ID},
	} {
		if es := vn.entries(audit.Filter{Action: c.action, ObjectID: c.id, Actor: "hung"}); len(es) != 1 {
			t.Errorf("%s %s: %d audit entries, want 1", c.action, c.id, len(es))
		}
	}

	// The statistics hold exactly the two seizures and two arrests.
	all, by := vn.sum()
	if all.Cases != 2 || all.Arrests != 2 || all.Milligrams != 112_400_000 || all.Pieces != 24_000 {
		t.Errorf("statistics = %+v", all)
	}
	if m := by["METH_CRYSTAL"]; m.Milligrams != 110_000_000 || m.Cases != 1 || m.Pieces != 0 {
		t.Errorf("crystal meth = %+v", m)
	}
	if m := by["METH_TABLET"]; m.Pieces != 24_000 || m.Milligrams != 2_400_000 || m.Cases != 1 {
		t.Errorf("tablets = %+v", m)
	}
	if a := by[""]; a.Arrests != 2 || a.Cases != 0 {
		t.Errorf("arrests = %+v", a)
	}

	// Correcting the seizure changes them: 95.5 kg of crystal meth and 20
	// blocks (7 kg) of heroin …
	z1, err := vn.svc.UpdateSeizure(ctx, vnInv, st.z1.ID, cases.NewSeizure{CaseID: st.c.ID, Day: domaintest.Day("2026-10-15"), Place: "VN-40-C003",
		Lat: st.z1.Lat, Lon: st.z1.Lon, Drugs: []cases.DrugItem{{Drug: "METH_CRYSTAL", Amount: amount("95.5", "kg")}, {Drug: "HEROIN", Amount: amount("7", "kg"), Pieces: 20}},
		Items: st.z1.Items})
	if err != nil {
		t.Fatal(err)
	}
	all, by = vn.sum()
	if all.Cases != 2 || all.Milligrams != 95_500_000+7_000_000+2_400_000 || all.Pieces != 24_020 {
		t.Errorf("after the correction: %+v", all)
	}
	if h := by["HEROIN"]; h.Milligrams != 7_000_000 || h.Pieces != 20 || h.Cases != 0 {
		t.Errorf("heroin = %+v (the seizure is one case, counted on its first item)", h)
	}
	// … and removing the heroin again deletes its fact.
	st.z1, err = vn.svc.UpdateSeizure(ctx, vnInv, z1.ID, cases.NewSeizure{Day: domaintest.Day("2026-10-15"), Place: "VN-40-C003",
		Lat: z1.Lat, Lon: z1.Lon, Drugs: []cases.DrugItem{{Drug: "METH_CRYSTAL", Amount: amount("110", "kg")}}, Items: z1.Items})
	if err != nil {
		t.Fatal(err)
	}
	if all, by = vn.sum(); all.Milligrams != 112_400_000 || by["HEROIN"] != (stats.Totals{}) {
		t.Errorf("after removing the heroin: %+v, heroin %+v", all, by["HEROIN"])
	}
	var facts []stats.Fact
	err = vn.st.View(ctx, func(tx store.Tx) (err error) {
		facts, err = tx.Stats().FindFacts(ctx, stats.FactQuery{Prefix: cases.SeizureFactPrefix(st.z1.ID), Limit: 10})
		return err
	})
	if err != nil || len(facts) != 1 || facts[0].ID != cases.SeizureFactPrefix(st.z1.ID)+"0" || facts[0].Source != stats.SourceRecord ||
		facts[0].Origin != "vn.mps" || facts[0].Place != "VN-40-C003" || facts[0].Province != "VN-40" {
		t.Errorf("facts of the seizure = %+v, %v", facts, err)
	}

	// Release to the partner: the case, then everything in it.
	rs := st.releaseAll(t)
	if len(rs) != 8 {
		t.Fatalf("%d releases published, want 8", len(rs))
	}
	for _, r := range rs {
		if !slices.Equal(r.PartnerUnits, []string{"LA-07", "LA-09"}) {
			t.Errorf("%s released to %v", r.Kind, r.PartnerUnits)
		}
	}
	if c, ok := rs[0].Record.(cases.Case); !ok || c.Released.IsZero() {
		t.Errorf("the case release holds %T %+v", rs[0].Record, rs[0].Record)
	}
	sub := rs[1]
	if sub.Kind != cases.KindSubject || len(sub.Persons) != 1 || sub.Persons[0].ID != st.p1.ID || sub.Persons[0].Released.IsZero() ||
		len(sub.Photos) != 1 || string(sub.Photos[0].Data) != string(domaintest.PNGPhoto) {
		t.Errorf("the subject's release: %s with %d persons, %d photos", sub.Kind, len(sub.Persons), len(sub.Photos))
	}
	if arr := rs[6]; len(arr.Persons) != 1 || arr.Persons[0].ID != st.p1.ID {
		t.Errorf("the arrest's release names persons %+v", arr.Persons)
	}
	if len(rs[3].Persons) != 0 || len(rs[4].Persons) != 0 {
		t.Error("an event or a seizure released persons")
	}

	// The Lao node stores them read-only.
	if err := la.apply("vn.mps", rs...); err != nil {
		t.Fatal(err)
	}
	lf := domaintest.Must[cases.CaseFile](t)(la.svc.Case(ctx, laInv, st.c.ID))
	if lf.Case.Origin != "vn.mps" || len(lf.Subjects) != 2 || len(lf.Persons) != 2 || len(lf.Events) != 1 ||
		len(lf.Seizures) != 2 || len(lf.Arrests) != 2 {
		t.Fatalf("the Lao copy: %+v", lf)
	}
	if lf.Seizures[0].Drugs[0].Amount.Value != "110" || lf.Seizures[0].Lat == nil || *lf.Seizures[0].Lat != 19.3785 {
		t.Errorf("the Lao copy of the seizure: %+v", lf.Seizures[0])
	}
	ph, data, err := la.svc.PhotoData(ctx, laInv, st.p1.ID, st.photo.ID)
	if err != nil || string(data) != string(domaintest.PNGPhoto) || ph.SHA256 != st.photo.SHA256 {
		t.Errorf("the photo on the Lao node: %+v, %v", ph, err)
	}
	if all, _ := la.sum(); all != (stats.Totals{}) {
		t.Errorf("the partner's records were counted in the Lao statistics: %+v", all)
	}
	// Read-only there.
	_, err = la.svc.UpdateSeizure(ctx, laInv, st.z1.ID, cases.NewSeizure{Day: domaintest.Day("2026-10-15"), Place: "VN-40-C003",
		Drugs: []cases.DrugItem{{Drug: "METH_CRYSTAL", Amount: amount("1", "kg")}}})
	domaintest.WantErr(t, "the Lao side corrects the Vietnamese seizure", err, borderlink.EForbidden, "error.case_not_owner")
	_, err = la.svc.UpdateCase(ctx, laInv, st.c.ID, cases.NewCase{Code: "522H", Title: "x", LeadUnit: "VN-40", PartnerUnits: []string{"LA-07"}})
	domaintest.WantErr(t, "the Lao side edits the case", err, borderlink.EForbidden, "error.case_not_owner")
	_, err = la.svc.AddPhoto(ctx, laInv, st.p1.ID, domaintest.JPEGPhoto)
	domaintest.WantErr(t, "the Lao side adds a photo to a Vietnamese person", err, borderlink.EForbidden, "error.case_not_owner")
	domaintest.WantErr(t, "the Lao side releases the Vietnamese case", la.svc.Release(ctx, laInv, cases.KindCase, st.c.ID),
		borderlink.EForbidden, "error.case_not_owner")
	if es := la.entries(audit.Filter{Outcome: audit.OutcomeDenied, Actor: "somphone", ObjectID: st.z1.ID}); len(es) != 1 {
		t.Errorf("the refused correction left %d audit entries", len(es))
	}
	// A Lao unit outside the case sees none of it.
	_, err = la.svc.Case(ctx, laOther, st.c.ID)
	domaintest.WantErr(t, "Khammouane reads 522H", err, borderlink.ENotFound, "error.case_not_found")

	// Applying the same releases again changes nothing.
	size := la.auditSize()
	if err := la.apply("vn.mps", rs...); err != nil {
		t.Fatal(err)
	}
	if got := la.auditSize(); got != size {
		t.Errorf("applying twice added %d audit entries", got-size)
	}
	if again := domaintest.Must[cases.CaseFile](t)(la.svc.Case(ctx, laInv, st.c.ID)); len(again.Seizures) != 2 || len(again.Persons) != 2 ||
		again.Seizures[0].Updated != lf.Seizures[0].Updated {
		t.Errorf("applied twice: %+v", again)
	}

	// A correction of a released seizure is published again; the newer
	// version replaces the older, and the older arriving late changes
	// nothing.
	_, err = vn.svc.UpdateSeizure(ctx, vnInv, st.z1.ID, cases.NewSeizure{Day: domaintest.Day("2026-10-15"), Place: "VN-40-C003",
		Drugs: []cases.DrugItem{{Drug: "METH_CRYSTAL", Amount: amount("109.8", "kg")}}, Items: st.z1.Items})
	if err != nil {
		t.Fatal(err)
	}
	newer := vn.take()
	if len(newer) != 1 || newer[0].Kind != cases.KindSeizure {
		t.Fatalf("the correction published %+v", newer)
	}
	if err := la.apply("vn.mps", newer[0], rs[4]); err != nil {
		t.Fatal(err)
	}
	z := domaintest.Must[cases.Seizure](t)(la.svc.Seizure(ctx, laInv, st.z1.ID))
	if z.Drugs[0].Amount.Value != "109.8" {
		t.Errorf("the Lao copy after the correction: %+v", z.Drugs)
	}
	// So is a change of a released person.
	p1.Notes = "Đã bị bắt ngày 15/10/2026"
	if _, err := vn.svc.UpdatePerson(ctx, vnInv, st.p1.ID, cases.NewPerson{OwnerUnit: "VN-40", Name: p1.Name, NameLatin: p1.NameLatin,
		Notes: p1.Notes, Phones: p1.Phones}); err != nil {
		t.Fatal(err)
	}
	pr := vn.take()
	if len(pr) != 1 || pr[0].Kind != cases.KindPerson || !slices.Equal(pr[0].PartnerUnits, []string{"LA-07", "LA-09"}) {
		t.Fatalf("the person's change published %+v", pr)
	}
	if err := la.apply("vn.mps", pr...); err != nil {
		t.Fatal(err)
	}
	if got := domaintest.Must[cases.Person](t)(la.svc.Person(ctx, laInv, st.p1.ID)); got.Notes != p1.Notes || len(got.Photos) != 1 {
		t.Errorf("the Lao copy of the person: %+v", got)
	}

	// The Lao side contributes its own event to the Vietnamese case and
	// releases it back.
	ev, err := la.svc.CreateEvent(ctx, laInv, st.c.ID, cases.NewEvent{Kind: cases.EventMeeting, At: time.Date(2026, 10, 20, 3, 0, 0, 0, time.UTC),
		Place: "LA-07", Summary: "ກອງປະຊຸມປະສານງານກັບຕຳຫຼວດແຂວງເງ້ອານ", Lang: borderlink.LangLO})
	if err != nil {
		t.Fatal(err)
	}
	if err := la.svc.Release(ctx, laInv, cases.KindEvent, ev.ID); err != nil {
		t.Fatal(err)
	}
	back := la.take()
	if len(back) != 1 || !slices.Equal(back[0].PartnerUnits, []string{"VN-40"}) {
		t.Fatalf("the Lao release: %+v", back)
	}
	if err := vn.apply("la.mps", back...); err != nil {
		t.Fatal(err)
	}
	f = domaintest.Must[cases.CaseFile](t)(vn.svc.Case(ctx, vnInv, st.c.ID))
	if len(f.Events) != 2 || f.Events[1].Origin != "la.mps" || f.Events[1].Lang != borderlink.LangLO {
		t.Errorf("the Vietnamese file after the Lao contribution: %+v", f.Events)
	}
	_, err = vn.svc.UpdateEvent(ctx, vnInv, ev.ID, cases.NewEvent{Kind: cases.EventMeeting, At: ev.At, Place: "LA-07", Summary: "x"})
	domaintest.WantErr(t, "the Vietnamese side edits the Lao event", err, borderlink.EForbidden, "error.case_not_owner")
}

func TestScope(t *testing.T) {
	st := newStory(t)
	vn, ctx := st.vn, st.vn.ctx
	before := len(vn.entries(audit.Filter{Outcome: audit.OutcomeDenied}))

	// A user of another province sees nothing of 522H, as if it did not
	// exist, and each refusal is audited.
	_, err := vn.svc.Case(ctx, vnOther, st.c.ID)
	domaintest.WantErr(t, "Điện Biên reads 522H", err, borderlink.ENotFound, "error.case_not_found")
	_, err = vn.svc.Person(ctx, vnOther, st.p1.ID)
	domaintest.WantErr(t, "Điện Biên reads a subject", err, borderlink.ENotFound, "error.person_not_found")
	_, err = vn.svc.Seizure(ctx, vnOther, st.z1.ID)
	domaintest.WantErr(t, "Điện Biên reads a seizure", err, borderlink.ENotFound, "error.seizure_not_found")
	_, err = vn.svc.Arrest(ctx, vnOther, st.a1.ID)
	domaintest.WantErr(t, "Điện Biên reads an arrest", err, borderlink.ENotFound, "error.arrest_not_found")
	_, _, err = vn.svc.PhotoData(ctx, vnOther, st.p1.ID, st.photo.ID)
	domaintest.WantErr(t, "Điện Biên reads a photo", err, borderlink.ENotFound, "error.person_not_found")
	_, err = vn.svc.CreateEvent(ctx, vnOther, st.c.ID, cases.NewEvent{Kind: cases.EventRaid, At: now, Place: "VN-11", Summary: "x"})
	domaintest.WantErr(t, "Điện Biên adds to 522H", err, borderlink.ENotFound, "error.case_not_found")
	// A case that does not exist reads the same, but is not a refusal.
	_, err = vn.svc.Case(ctx, vnOther, "0190f0e0-0000-7000-8000-000000000000")
	domaintest.WantErr(t, "a case that does not exist", err, borderlink.ENotFound, "error.case_not_found")

	denied := vn.entries(audit.Filter{Outcome: audit.OutcomeDenied, Actor: "thao"})
	if len(denied) != 6 || len(vn.entries(audit.Filter{Outcome: audit.OutcomeDenied}))-before != 6 {
		t.Errorf("%d refusals audited, want 6: %+v", len(denied), denied)
	}
	for _, e := range denied {
		if e.ActorUnit != "VN-11" {
			t.Errorf("refusal %+v: unit %q", e, e.ActorUnit)
		}
	}
	if es := vn.entries(audit.Filter{Outcome: audit.OutcomeDenied, Action: "case.read", ObjectID: st.c.ID}); len(es) != 1 {
		t.Errorf("the refused reading of 522H: %d entries", len(es))
	}
	if list, n, err := vn.svc.Cases(ctx, vnOther, cases.Filter{}); err != nil || n != 0 || len(list) != 0 {
		t.Errorf("Điện Biên's list: %v, %d, %v", list, n, err)
	}
	if ps, n, err := vn.svc.Persons(ctx, vnOther, cases.Filter{Name: "hung"}); err != nil || n != 0 || len(ps) != 0 {
		t.Errorf("Điện Biên's persons: %v, %d, %v", ps, n, err)
	}

	// The lead unit's analyst reads but does not write; the ministry reads
	// everything of its country.
	if list, n, err := vn.svc.Cases(ctx, vnAnalyst, cases.Filter{Query: "nam can"}); err != nil || n != 1 || list[0].ID != st.c.ID {
		t.Errorf("the analyst's search: %v, %d, %v", list, n, err)
	}
	if es := vn.entries(audit.Filter{Action: "case.list", Actor: "mai"}); len(es) != 1 {
		t.Errorf("the listing left %d entries", len(es))
	}
	_, err = vn.svc.CreateEvent(ctx, vnAnalyst, st.c.ID, cases.NewEvent{Kind: cases.EventRaid, At: now, Place: "VN-40", Summary: "x"})
	domaintest.WantErr(t, "the analyst adds an event", err, borderlink.EForbidden, "error.case_forbidden")
	ministry := domaintest.User("chi", auth.RoleCommander, "VN-MPS")
	if ps, n, err := vn.svc.Persons(ctx, ministry, cases.Filter{Name: "Hùng"}); err != nil || n != 1 || ps[0].ID != st.p1.ID {
		t.Errorf("the ministry's search for Hùng: %v, %d, %v", ps, n, err)
	}
	if ps, _, err := vn.svc.Persons(ctx, ministry, cases.Filter{Name: "hung lao"}); err != nil || len(ps) != 1 {
		t.Errorf("a search by alias: %v, %v", ps, err)
	}
	if ps, _, err := vn.svc.Persons(ctx, ministry, cases.Filter{Name: "ບຸນມີ"}); err != nil || len(ps) != 1 || ps[0].ID != st.p2.ID {
		t.Errorf("a search in Lao script: %v, %v", ps, err)
	}
	if list, n, err := vn.svc.Cases(ctx, ministry, cases.Filter{Unit: "la-07", Status: cases.StatusActive}); err != nil || n != 1 || len(list) != 1 {
		t.Errorf("cases with Houaphanh: %v, %d, %v", list, n, err)
	}
	_, _, err = vn.svc.Cases(ctx, ministry, cases.Filter{Status: "open"})
	domaintest.WantErr(t, "an unknown status", err, borderlink.EInvalid, "error.case_bad_choice")

	// A person attached to no case is seen by the owner unit only.
	loner := domaintest.Must[cases.Person](t)(vn.svc.CreatePerson(ctx, vnOther, cases.NewPerson{OwnerUnit: "VN-11", Name: "Lò Văn Páo"}))
	if _, err := vn.svc.Person(ctx, vnOther, loner.ID); err != nil {
		t.Errorf("the owner unit reads its person: %v", err)
	}
	_, err = vn.svc.Person(ctx, vnInv, loner.ID)
	domaintest.WantErr(t, "Nghệ An reads a person of Điện Biên", err, borderlink.ENotFound, "error.person_not_found")
	// … until it is named in a case Nghệ An sees.
	_, err = vn.svc.AddSubject(ctx, vnInv, st.c.ID, cases.NewSubject{PersonID: loner.ID, Role: cases.RoleMember})
	domaintest.WantErr(t, "Nghệ An names a person it may not see", err, borderlink.EInvalid, "error.case_person_unknown")
	if _, err := vn.svc.AddSubject(ctx, ministry, st.c.ID, cases.NewSubject{PersonID: loner.ID, Role: cases.RoleMember}); err != nil {
		t.Fatal(err)
	}
	if _, err := vn.svc.Person(ctx, vnInv, loner.ID); err != nil {
		t.Errorf("a subject of 522H read by Nghệ An: %v", err)
	}
	_, err = vn.svc.AddSubject(ctx, ministry, st.c.ID, cases.NewSubject{PersonID: loner.ID, Role: cases.RoleBuyer})
	domaintest.WantErr(t, "a person named twice", err, borderlink.EConflict, "error.case_subject_exists")

	// Confidential: the lead unit only; restricted: its domestic units.
	conf := domaintest.Must[cases.Case](t)(vn.svc.CreateCase(ctx, vnInv, cases.NewCase{Code: "K-01", Title: "Chuyên án mật", LeadUnit: "VN-40",
		PartnerUnits: []string{"VN-11"}, Handling: cases.Confidential}))
	_, err = vn.svc.Case(ctx, vnOther, conf.ID)
	domaintest.WantErr(t, "a partner reads a confidential case", err, borderlink.ENotFound, "error.case_not_found")
	restr := domaintest.Must[cases.Case](t)(vn.svc.CreateCase(ctx, vnInv, cases.NewCase{Code: "R-01", Title: "Chuyên án hạn chế", LeadUnit: "VN-40",
		PartnerUnits: []string{"VN-11", "LA-07"}, Handling: cases.Restricted}))
	if _, err := vn.svc.Case(ctx, vnOther, restr.ID); err != nil {
		t.Errorf("a domestic partner reads a restricted case: %v", err)
	}
	domaintest.WantErr(t, "releasing a restricted case", vn.svc.Release(ctx, vnInv, cases.KindCase, restr.ID), borderlink.EInvalid, "error.case_not_releasable")
	home := domaintest.Must[cases.Case](t)(vn.svc.CreateCase(ctx, vnInv, cases.NewCase{Code: "N-01", Title: "Chuyên án trong nước", LeadUnit: "VN-40",
		PartnerUnits: []string{"VN-11"}}))
	domaintest.WantErr(t, "releasing a case without Lao units", vn.svc.Release(ctx, vnInv, cases.KindCase, home.ID), borderlink.EInvalid, "error.case_no_partner")
	if got := vn.take(); len(got) != 0 {
		t.Errorf("refused releases published %+v", got)
	}
}

func TestOwnerOnlyAndRelease(t *testing.T) {
	st := newStory(t)
	vn, la, ctx := st.vn, st.la, st.vn.ctx

	// Records in the case go after the case.
	domaintest.WantErr(t, "a seizure before its case", vn.svc.Release(ctx, vnInv, cases.KindSeizure, st.z1.ID),
		borderlink.EInvalid, "error.case_release_case_first")
	loose := domaintest.Must[cases.Seizure](t)(vn.svc.CreateSeizure(ctx, vnInv, cases.NewSeizure{Day: domaintest.Day("2026-11-01"), Place: "VN-40",
		Drugs: []cases.DrugItem{{Drug: "CANNABIS", Amount: amount("3", "kg")}}}))
	domaintest.WantErr(t, "a seizure in no case", vn.svc.Release(ctx, vnInv, cases.KindSeizure, loose.ID),
		borderlink.EInvalid, "error.case_release_no_case")
	domaintest.WantErr(t, "an unknown kind", vn.svc.Release(ctx, vnInv, "wanted", st.c.ID), borderlink.EInvalid, "error.case_bad_choice")
	domaintest.WantErr(t, "another province releases", vn.svc.Release(ctx, vnOther, cases.KindCase, st.c.ID), borderlink.ENotFound, "error.case_not_found")

	// A failing outbox rolls the release back.
	vn.failNext = true
	if err := vn.svc.Release(ctx, vnInv, cases.KindCase, st.c.ID); !borderlink.IsCode(err, borderlink.EUnavailable) {
		t.Fatalf("release with the outbox down: %v", err)
	}
	if f := domaintest.Must[cases.CaseFile](t)(vn.svc.Case(ctx, vnInv, st.c.ID)); !f.Case.Released.IsZero() {
		t.Error("the case is marked released although publishing failed")
	}
	rs := st.releaseAll(t)
	// A released case stays releasable, released records stay.
	_, err := vn.svc.UpdateCase(ctx, vnInv, st.c.ID, cases.NewCase{Code: "522H", Title: st.c.Title, LeadUnit: "VN-40",
		PartnerUnits: []string{"LA-07", "LA-09"}, Handling: cases.Restricted})
	domaintest.WantErr(t, "a released case made restricted", err, borderlink.EInvalid, "error.case_handling_released")
	domaintest.WantErr(t, "deleting a released seizure", vn.svc.DeleteSeizure(ctx, vnInv, st.z1.ID), borderlink.EConflict, "error.case_released_delete")
	domaintest.WantErr(t, "deleting a released arrest", vn.svc.DeleteArrest(ctx, vnInv, st.a1.ID), borderlink.EConflict, "error.case_released_delete")
	domaintest.WantErr(t, "removing a released subject", vn.svc.RemoveSubject(ctx, vnInv, st.s1.ID), borderlink.EConflict, "error.case_released_delete")

	// The case's status changes are published too.
	c, err := vn.svc.SetCaseStatus(ctx, vnInv, st.c.ID, cases.NewStatus{Status: cases.StatusClosed, Day: domaintest.Day("2026-11-19"), Note: "Kết thúc chuyên án"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != cases.StatusClosed || c.Closed != domaintest.Day("2026-11-19") || len(c.StatusHistory) != 2 || c.StatusHistory[1].By != "hung@vn.mps" {
		t.Errorf("closed case = %+v", c)
	}
	_, err = vn.svc.SetCaseStatus(ctx, vnInv, st.c.ID, cases.NewStatus{Status: cases.StatusSuspended})
	domaintest.WantErr(t, "a closed case suspended", err, borderlink.EInvalid, "error.case_status_change")
	_, err = vn.svc.SetCaseStatus(ctx, vnInv, st.c.ID, cases.NewStatus{Status: cases.StatusActive, Day: domaintest.Day("2026-11-01")})
	domaintest.WantErr(t, "reopened before it was closed", err, borderlink.EInvalid, "error.case_status_order")
	status := vn.take()
	if len(status) != 1 || status[0].Kind != cases.KindCase {
		t.Fatalf("the status change published %+v", status)
	}
	if err := la.apply("vn.mps", append(rs, status...)...); err != nil {
		t.Fatal(err)
	}
	lc := domaintest.Must[cases.CaseFile](t)(la.svc.Case(ctx, laInv, st.c.ID))
	if lc.Case.Status != cases.StatusClosed || lc.Case.Closed != domaintest.Day("2026-11-19") {
		t.Errorf("the Lao copy of the closed case: %+v", lc.Case)
	}

	// Bad releases are refused and store nothing.
	bad := domaintest.Wire(t, rs[4])
	z := bad.Record.(cases.Seizure)
	z.ID, z.Drugs = "0190f0e0-0000-7000-8000-00000000beef", []cases.DrugItem{{Drug: "METH_CRYSTAL", Amount: amount("-5", "kg")}}
	bad.Record = z
	domaintest.WantErr(t, "a released seizure with a negative quantity", la.apply("vn.mps", bad), borderlink.EInvalid, "error.stats_quantity_negative")
	_, err = la.svc.Seizure(ctx, laInv, z.ID)
	domaintest.WantErr(t, "the refused seizure", err, borderlink.ENotFound, "error.seizure_not_found")
	z.Drugs, z.CaseID = st.z1.Drugs, "0190f0e0-0000-7000-8000-00000000cafe"
	bad.Record = z
	domaintest.WantErr(t, "a seizure in an unknown case", la.apply("vn.mps", bad), borderlink.EInvalid, "error.case_release_unknown_case")
	domaintest.WantErr(t, "a release from the wrong origin", la.apply("th.police", rs[4]), borderlink.EInvalid, "error.case_release_origin")
	domaintest.WantErr(t, "a node applying its own release", vn.apply("vn.mps", rs[4]), borderlink.EInvalid, "error.case_release_origin")
	sub := domaintest.Wire(t, rs[1])
	sub.Photos[0].Data = domaintest.GIFPhoto
	sub.Persons[0].Updated = sub.Persons[0].Updated.Add(time.Hour)
	domaintest.WantErr(t, "a person whose photo was swapped", la.apply("vn.mps", sub), borderlink.EInvalid, "error.person_photo_type")
	arr := domaintest.Wire(t, rs[6])
	a := arr.Record.(cases.Arrest)
	a.ID, a.PersonID, arr.Persons = "0190f0e0-0000-7000-8000-00000000f00d", "0190f0e0-0000-7000-8000-00000000dead", nil
	arr.Record = a
	domaintest.WantErr(t, "an arrest of an unknown person", la.apply("vn.mps", arr), borderlink.EInvalid, "error.case_release_unknown_person")

	// Own records that were not released may be deleted, with their facts.
	if err := vn.svc.DeleteSeizure(ctx, vnInv, loose.ID); err != nil {
		t.Fatal(err)
	}
	if _, by := vn.sum(); by["CANNABIS"] != (stats.Totals{}) {
		t.Errorf("the deleted seizure is still counted: %+v", by["CANNABIS"])
	}
	ar := domaintest.Must[cases.Arrest](t)(vn.svc.CreateArrest(ctx, vnInv, cases.NewArrest{PersonID: st.p2.ID, Day: domaintest.Day("2026-11-02"), Place: "VN-40",
		Charge: cases.ChargeIllegalPossession}))
	if all, _ := vn.sum(); all.Arrests != 3 {
		t.Errorf("arrests counted: %d, want 3", all.Arrests)
	}
	if err := vn.svc.DeleteArrest(ctx, vnInv, ar.ID); err != nil {
		t.Fatal(err)
	}
	if all, _ := vn.sum(); all.Arrests != 2 {
		t.Errorf("arrests counted after the deletion: %d, want 2", all.Arrests)
	}
	domaintest.WantErr(t, "deleting it again", vn.svc.DeleteArrest(ctx, vnInv, ar.ID), borderlink.ENotFound, "error.arrest_not_found")
}

func TestEditsAndLinks(t *testing.T) {
	st := newStory(t)
	vn, la, ctx := st.vn, st.la, st.vn.ctx
	rs := st.releaseAll(t)
	if err := la.apply("vn.mps", rs...); err != nil {
		t.Fatal(err)
	}

	// Editing the case: the code stays unique, the new version goes to
	// the partner, and a partner unit dropped from it is dropped there.
	other := domaintest.Must[cases.Case](t)(vn.svc.CreateCase(ctx, vnInv, cases.NewCase{Code: "523H", Title: "Chuyên án 523H", LeadUnit: "VN-40"}))
	edit := cases.NewCase{Code: "523h", Title: st.c.Title, LeadUnit: "VN-40", PartnerUnits: []string{"LA-07"}}
	_, err := vn.svc.UpdateCase(ctx, vnInv, st.c.ID, edit)
	domaintest.WantErr(t, "renaming 522H as 523H", err, borderlink.EConflict, "error.case_code_taken")
	edit.Code = "522H/2026"
	c, err := vn.svc.UpdateCase(ctx, vnInv, st.c.ID, edit)
	if err != nil {
		t.Fatal(err)
	}
	if c.Code != "522H/2026" || !slices.Equal(c.PartnerUnits, []string{"LA-07"}) || c.Lang != borderlink.LangVI || !c.Updated.After(st.c.Updated) {
		t.Errorf("edited case = %+v", c)
	}
	// The lead unit may not give the case away to a unit it cannot write
	// for.
	_, err = vn.svc.UpdateCase(ctx, vnInv, st.c.ID, cases.NewCase{Code: "522H", Title: "x", LeadUnit: "VN-11", PartnerUnits: []string{"LA-07"}})
	domaintest.WantErr(t, "giving the case to Điện Biên", err, borderlink.EForbidden, "error.case_cannot_write")
	pub := vn.take()
	if len(pub) != 1 || !slices.Equal(pub[0].PartnerUnits, []string{"LA-07"}) {
		t.Fatalf("the edit published %+v", pub)
	}
	if err := la.apply("vn.mps", pub...); err != nil {
		t.Fatal(err)
	}
	if list, n, err := la.svc.Cases(ctx, laInv, cases.Filter{Query: "522h/2026"}); err != nil || n != 1 || list[0].Code != "522H/2026" {
		t.Errorf("the partner's list after the edit: %+v, %d, %v", list, n, err)
	}
	xieng := domaintest.User("vilay", "investigator", "LA-09")
	_, err = la.svc.Case(ctx, xieng, st.c.ID)
	domaintest.WantErr(t, "Xiengkhouang, no longer a partner", err, borderlink.ENotFound, "error.case_not_found")

	// Removing a photo of a released person removes it on the partner.
	if err := vn.svc.RemovePhoto(ctx, vnInv, st.p1.ID, st.photo.ID); err != nil {
		t.Fatal(err)
	}
	pub = vn.take()
	if len(pub) != 1 || pub[0].Kind != cases.KindPerson || len(pub[0].Photos) != 0 {
		t.Fatalf("the photo's removal published %+v", pub)
	}
	if err := la.apply("vn.mps", pub...); err != nil {
		t.Fatal(err)
	}
	if p := domaintest.Must[cases.Person](t)(la.svc.Person(ctx, laInv, st.p1.ID)); len(p.Photos) != 0 {
		t.Errorf("the partner still lists photos %+v", p.Photos)
	}
	_, _, err = la.svc.PhotoData(ctx, laInv, st.p1.ID, st.photo.ID)
	domaintest.WantErr(t, "the removed photo on the partner", err, borderlink.ENotFound, "error.person_photo_not_found")

	// Links: to a case the reader sees; shown from both ends.
	l, err := vn.svc.LinkCases(ctx, vnInv, other.ID, st.c.ID, cases.LinkSplitFrom)
	if err != nil {
		t.Fatal(err)
	}
	if l.CaseID != other.ID || l.Kind != cases.LinkSplitFrom {
		t.Errorf("link = %+v", l)
	}
	_, err = vn.svc.LinkCases(ctx, vnInv, other.ID, other.ID, cases.LinkRelated)
	domaintest.WantErr(t, "a case linked to itself", err, borderlink.EInvalid, "error.case_link_self")
	_, err = vn.svc.LinkCases(ctx, vnInv, other.ID, st.c.ID, "copy_of")
	domaintest.WantErr(t, "an unknown link", err, borderlink.EInvalid, "error.case_bad_choice")
	if f := domaintest.Must[cases.CaseFile](t)(vn.svc.Case(ctx, vnInv, st.c.ID)); len(f.Links) != 1 || f.Links[0].CaseID != other.ID {
		t.Errorf("links of 522H = %+v", f.Links)
	}
	// The subject's role changes, and goes to the partner.
	sb, err := vn.svc.UpdateSubject(ctx, vnInv, st.s2.ID, cases.RoleMember)
	if err != nil || sb.Role != cases.RoleMember {
		t.Fatalf("UpdateSubject = %+v, %v", sb, err)
	}
	if pub := vn.take(); len(pub) != 1 || pub[0].Kind != cases.KindSubject || len(pub[0].Persons) != 1 {
		t.Errorf("the subject's change published %+v", pub)
	}
	// An unreleased subject may be removed.
	s3 := domaintest.Must[cases.CaseSubject](t)(vn.svc.AddSubject(ctx, vnInv, other.ID, cases.NewSubject{PersonID: st.p2.ID, Role: cases.RoleBuyer}))
	if err := vn.svc.RemoveSubject(ctx, vnInv, s3.ID); err != nil {
		t.Fatal(err)
	}
	if f := domaintest.Must[cases.CaseFile](t)(vn.svc.Case(ctx, vnInv, other.ID)); len(f.Subjects) != 0 {
		t.Errorf("the removed subject is still there: %+v", f.Subjects)
	}
}

package wanted_test

import (
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/wanted"
)

// TestNoticeBadInput: every field of a notice is checked, with the
// catalogue key the user sees, and a refused notice stores nothing.
func TestNoticeBadInput(t *testing.T) {
	clock := borderlink.NewFakeClock(now)
	vn := newNode(t, "vn.mps", "VN", clock)
	long := strings.Repeat("a", 4001)
	for _, c := range []struct {
		name string
		mod  func(*wanted.NewNotice)
		code string
		key  string
	}{
		{"no issuing unit", func(n *wanted.NewNotice) { n.IssuingUnit = "" }, borderlink.EInvalid, "error.wanted_required"},
		{"unknown issuing unit", func(n *wanted.NewNotice) { n.IssuingUnit = "VN-99" }, borderlink.EInvalid, "error.wanted_unit_unknown"},
		{"Lao issuing unit", func(n *wanted.NewNotice) { n.IssuingUnit = "LA-07" }, borderlink.EInvalid, "error.wanted_issuer_foreign"},
		{"no name", func(n *wanted.NewNotice) { n.Person.Name = "  " }, borderlink.EInvalid, "error.wanted_required"},
		{"name with a control character", func(n *wanted.NewNotice) { n.Person.Name = "Lầu\x07Chò" }, borderlink.EInvalid, "error.wanted_bad_text"},
		{"name on two lines", func(n *wanted.NewNotice) { n.Person.Name = "Lầu\nChò" }, borderlink.EInvalid, "error.wanted_bad_text"},
		{"invalid UTF-8", func(n *wanted.NewNotice) { n.Person.NameLatin = "\xff\xfe" }, borderlink.EInvalid, "error.wanted_bad_text"},
		{"name too long", func(n *wanted.NewNotice) { n.Person.Name = strings.Repeat("ຊ", 201) }, borderlink.EInvalid, "error.wanted_too_long"},
		{"too many aliases", func(n *wanted.NewNotice) { n.Person.Aliases = make([]string, 21) }, borderlink.EInvalid, "error.wanted_too_many"},
		{"birth impossible", func(n *wanted.NewNotice) { n.Person.Birth = "1988-02-30" }, borderlink.EInvalid, "error.person_birth"},
		{"birth month 13", func(n *wanted.NewNotice) { n.Person.Birth = "1988-13" }, borderlink.EInvalid, "error.person_birth"},
		{"birth in the future", func(n *wanted.NewNotice) { n.Person.Birth = "2027" }, borderlink.EInvalid, "error.person_birth_future"},
		{"bad sex", func(n *wanted.NewNotice) { n.Person.Sex = "X" }, borderlink.EInvalid, "error.wanted_bad_choice"},
		{"bad nationality", func(n *wanted.NewNotice) { n.Person.Nationality = "XX" }, borderlink.EInvalid, "error.case_country"},
		{"bad document type", func(n *wanted.NewNotice) {
			n.Person.Documents = []cases.Document{{Type: "licence", Number: "1"}}
		}, borderlink.EInvalid, "error.wanted_bad_choice"},
		{"document without number", func(n *wanted.NewNotice) {
			n.Person.Documents = []cases.Document{{Type: cases.DocPassport}}
		}, borderlink.EInvalid, "error.wanted_required"},
		{"description too long", func(n *wanted.NewNotice) { n.Person.Description = long }, borderlink.EInvalid, "error.wanted_too_long"},
		{"person id unknown", func(n *wanted.NewNotice) { n.Person.PersonID = "no-such-person" }, borderlink.EInvalid, "error.wanted_person_unknown"},
		{"person id with a space", func(n *wanted.NewNotice) { n.Person.PersonID = "a b" }, borderlink.EInvalid, "error.wanted_bad_choice"},
		{"no charge", func(n *wanted.NewNotice) { n.Charges, n.ChargeText = nil, "" }, borderlink.EInvalid, "error.wanted_required"},
		{"unknown charge", func(n *wanted.NewNotice) { n.Charges = []cases.Charge{"murder"} }, borderlink.EInvalid, "error.wanted_bad_choice"},
		{"no legal basis", func(n *wanted.NewNotice) { n.LegalBasis = "" }, borderlink.EInvalid, "error.wanted_required"},
		{"no warrant", func(n *wanted.NewNotice) { n.WarrantRef = "" }, borderlink.EInvalid, "error.wanted_required"},
		{"warrant ref too long", func(n *wanted.NewNotice) { n.WarrantRef = strings.Repeat("1", 101) }, borderlink.EInvalid, "error.wanted_too_long"},
		{"no warrant date", func(n *wanted.NewNotice) { n.WarrantDate = borderlink.Date{} }, borderlink.EInvalid, "error.wanted_date_missing"},
		{"warrant date in the future", func(n *wanted.NewNotice) { n.WarrantDate = domaintest.Day("2026-11-21") }, borderlink.EInvalid, "error.wanted_date_future"},
		{"warrant date before 1990", func(n *wanted.NewNotice) { n.WarrantDate = domaintest.Day("1989-12-31") }, borderlink.EInvalid, "error.wanted_date_too_old"},
		{"unknown danger", func(n *wanted.NewNotice) { n.Danger = []wanted.Danger{"grumpy"} }, borderlink.EInvalid, "error.wanted_bad_choice"},
		{"summary too long", func(n *wanted.NewNotice) { n.Summary = long }, borderlink.EInvalid, "error.wanted_too_long"},
		{"bad language", func(n *wanted.NewNotice) { n.Lang = "fr" }, borderlink.EInvalid, "error.wanted_lang"},
		{"unknown location unit", func(n *wanted.NewNotice) { n.Location.Unit = "LA-77" }, borderlink.EInvalid, "error.wanted_unit_unknown"},
		{"latitude alone", func(n *wanted.NewNotice) { n.Location.Lon = nil }, borderlink.EInvalid, "error.wanted_coordinates"},
		{"latitude out of range", func(n *wanted.NewNotice) { n.Location.Lat = ptr(91) }, borderlink.EInvalid, "error.wanted_coordinates"},
		{"unknown partner unit", func(n *wanted.NewNotice) { n.PartnerUnits = []string{"LA-99"} }, borderlink.EInvalid, "error.wanted_unit_unknown"},
		{"partner of the issuing country", func(n *wanted.NewNotice) { n.PartnerUnits = []string{"VN-11"} }, borderlink.EInvalid, "error.wanted_partner_home"},
		{"partner twice", func(n *wanted.NewNotice) { n.PartnerUnits = []string{"LA-07", "la-07"} }, borderlink.EInvalid, "error.wanted_partner_repeated"},
		{"too many partners", func(n *wanted.NewNotice) { n.PartnerUnits = make([]string, 31) }, borderlink.EInvalid, "error.wanted_too_many"},
		{"release without partner", func(n *wanted.NewNotice) { n.PartnerUnits = nil }, borderlink.EInvalid, "error.wanted_no_partner"},
	} {
		in := choNotice()
		c.mod(&in)
		_, err := vn.svc.CreateNotice(vn.ctx, vnInv, in)
		domaintest.WantErr(t, c.name, err, c.code, c.key)
	}
	if notices, _, _ := vn.count(); notices != 0 {
		t.Errorf("%d notices stored from bad input", notices)
	}
	if rs := vn.take(); len(rs) != 0 {
		t.Errorf("bad input published %d releases", len(rs))
	}
	// The messages read in every language.
	_, err := vn.svc.CreateNotice(vn.ctx, vnInv, func() wanted.NewNotice { n := choNotice(); n.WarrantRef = ""; return n }())
	be := borderlink.AsError(err)
	if be == nil || len(be.Args) < 2 {
		t.Fatalf("error %v has no field argument", err)
	}
	if f, ok := be.Args[1].(borderlink.Text); !ok || f.VI != "Số quyết định truy nã" || !strings.ContainsRune(f.LO, 'ໝ') {
		t.Errorf("field label = %#v", be.Args[1])
	}
}

// TestWorkflowBadInput: statuses, sightings, steps and photos refused for
// what they say or when they come, each storing nothing.
func TestWorkflowBadInput(t *testing.T) {
	clock := borderlink.NewFakeClock(now)
	vn, la := newNode(t, "vn.mps", "VN", clock), newNode(t, "la.mps", "LA", clock)
	ctx := vn.ctx
	n := domaintest.Must[wanted.Notice](t)(vn.svc.CreateNotice(ctx, vnInv, choNotice()))
	la.mustApply("vn.mps", vn.take()...)

	// Status.
	for _, c := range []struct {
		name string
		in   wanted.NewStatus
		code string
		key  string
	}{
		{"unknown status", wanted.NewStatus{Status: "escaped"}, borderlink.EInvalid, "error.wanted_bad_choice"},
		{"no status", wanted.NewStatus{}, borderlink.EInvalid, "error.wanted_required"},
		{"active again", wanted.NewStatus{Status: wanted.StatusActive}, borderlink.EInvalid, "error.wanted_status_change"},
		{"handed over from active", wanted.NewStatus{Status: wanted.StatusHandedOver}, borderlink.EInvalid, "error.wanted_status_change"},
		{"day in the future", wanted.NewStatus{Status: wanted.StatusLocated, Day: domaintest.Day("2026-11-21")}, borderlink.EInvalid, "error.wanted_date_future"},
		{"day before the last change", wanted.NewStatus{Status: wanted.StatusLocated, Day: domaintest.Day("2026-11-19")}, borderlink.EInvalid, "error.wanted_status_order"},
		{"note too long", wanted.NewStatus{Status: wanted.StatusLocated, Note: strings.Repeat("x", 1001)}, borderlink.EInvalid, "error.wanted_too_long"},
	} {
		_, err := vn.svc.SetStatus(ctx, vnInv, n.ID, c.in)
		domaintest.WantErr(t, c.name, err, c.code, c.key)
	}
	_, err := vn.svc.SetStatus(ctx, vnInv, "no-such-notice", wanted.NewStatus{Status: wanted.StatusLocated})
	domaintest.WantErr(t, "missing notice", err, borderlink.ENotFound, "error.wanted_not_found")

	// Sightings.
	good := wanted.NewSighting{At: now.Add(-time.Hour), Place: wanted.Place{Unit: "LA-07"}, Seen: "ເຫັນ"}
	for _, c := range []struct {
		name string
		mod  func(*wanted.NewSighting)
		code string
		key  string
	}{
		{"no time", func(s *wanted.NewSighting) { s.At = time.Time{} }, borderlink.EInvalid, "error.wanted_date_missing"},
		{"in the future", func(s *wanted.NewSighting) { s.At = now.Add(time.Hour) }, borderlink.EInvalid, "error.wanted_date_future"},
		{"before 1990", func(s *wanted.NewSighting) { s.At = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC) }, borderlink.EInvalid, "error.wanted_date_too_old"},
		{"no place", func(s *wanted.NewSighting) { s.Place = wanted.Place{} }, borderlink.EInvalid, "error.wanted_place_missing"},
		{"unknown place", func(s *wanted.NewSighting) { s.Place.Unit = "LA-88" }, borderlink.EInvalid, "error.wanted_unit_unknown"},
		{"longitude out of range", func(s *wanted.NewSighting) { s.Place.Lat, s.Place.Lon = ptr(20), ptr(200) }, borderlink.EInvalid, "error.wanted_coordinates"},
		{"nothing seen", func(s *wanted.NewSighting) { s.Seen = "" }, borderlink.EInvalid, "error.wanted_required"},
		{"bad language", func(s *wanted.NewSighting) { s.Lang = "lao" }, borderlink.EInvalid, "error.wanted_lang"},
		{"reporter of the other side", func(s *wanted.NewSighting) { s.ReporterUnit = "VN-40" }, borderlink.EInvalid, "error.wanted_reporter_foreign"},
		{"unknown reporter", func(s *wanted.NewSighting) { s.ReporterUnit = "LA-55" }, borderlink.EInvalid, "error.wanted_unit_unknown"},
	} {
		in := good
		c.mod(&in)
		_, err := la.svc.ReportSighting(ctx, laOfficer, n.ID, in)
		domaintest.WantErr(t, "sighting: "+c.name, err, c.code, c.key)
	}

	// Steps.
	for _, c := range []struct {
		name string
		in   wanted.NewStep
		code string
		key  string
	}{
		{"unknown kind", wanted.NewStep{Kind: "extradite"}, borderlink.EInvalid, "error.wanted_bad_choice"},
		{"agree before any request", wanted.NewStep{Kind: wanted.StepAgree}, borderlink.EConflict, "error.wanted_step_order"},
		{"schedule before any request", wanted.NewStep{Kind: wanted.StepSchedule, Day: domaintest.Day("2026-11-25"), Gate: wanted.Place{Text: "Nậm Cắn"},
			ReceivingUnit: "VN-40"}, borderlink.EConflict, "error.wanted_step_order"},
		{"complete before any request", wanted.NewStep{Kind: wanted.StepComplete, Gate: wanted.Place{Text: "Nậm Cắn"}, ReceivingUnit: "VN-40"},
			borderlink.EConflict, "error.wanted_step_order"},
		{"cancel before any request", wanted.NewStep{Kind: wanted.StepCancel}, borderlink.EConflict, "error.wanted_step_order"},
		{"request in the future", wanted.NewStep{Kind: wanted.StepRequest, Day: domaintest.Day("2026-12-01")}, borderlink.EInvalid, "error.wanted_date_future"},
		{"request with an unknown unit", wanted.NewStep{Kind: wanted.StepRequest, ReceivingUnit: "VN-98"}, borderlink.EInvalid, "error.wanted_unit_unknown"},
		{"note too long", wanted.NewStep{Kind: wanted.StepRequest, Note: strings.Repeat("x", 1001)}, borderlink.EInvalid, "error.wanted_too_long"},
	} {
		_, err := vn.svc.AddStep(ctx, vnInv, n.ID, c.in)
		domaintest.WantErr(t, "step: "+c.name, err, c.code, c.key)
	}
	domaintest.Must[wanted.HandoverStep](t)(vn.svc.AddStep(ctx, vnInv, n.ID, wanted.NewStep{Kind: wanted.StepRequest}))
	la.mustApply("vn.mps", vn.take()...)
	for _, c := range []struct {
		name string
		in   wanted.NewStep
		code string
		key  string
	}{
		{"a second request", wanted.NewStep{Kind: wanted.StepRequest}, borderlink.EConflict, "error.wanted_step_order"},
		{"schedule before agreement", wanted.NewStep{Kind: wanted.StepSchedule, Day: domaintest.Day("2026-11-25"), Gate: wanted.Place{Text: "Nậm Cắn"},
			ReceivingUnit: "VN-40"}, borderlink.EConflict, "error.wanted_step_order"},
		{"agree before the request", wanted.NewStep{Kind: wanted.StepAgree, Day: domaintest.Day("2026-11-19")}, borderlink.EInvalid, "error.wanted_step_before"},
	} {
		_, err := la.svc.AddStep(ctx, laInv, n.ID, c.in)
		domaintest.WantErr(t, "step: "+c.name, err, c.code, c.key)
	}
	domaintest.Must[wanted.HandoverStep](t)(la.svc.AddStep(ctx, laInv, n.ID, wanted.NewStep{Kind: wanted.StepAgree}))
	vn.mustApply("la.mps", la.take()...)
	sched := wanted.NewStep{Kind: wanted.StepSchedule, Day: domaintest.Day("2026-11-25"), Gate: wanted.Place{Text: "Nậm Cắn – Nặm Khan"},
		ReceivingUnit: "VN-40", HandingUnit: "LA-07"}
	for _, c := range []struct {
		name string
		mod  func(*wanted.NewStep)
		code string
		key  string
	}{
		{"no day", func(s *wanted.NewStep) { s.Day = borderlink.Date{} }, borderlink.EInvalid, "error.wanted_date_missing"},
		{"two years ahead", func(s *wanted.NewStep) { s.Day = domaintest.Day("2028-11-25") }, borderlink.EInvalid, "error.wanted_schedule_far"},
		{"before the request", func(s *wanted.NewStep) { s.Day = domaintest.Day("2026-11-01") }, borderlink.EInvalid, "error.wanted_step_before"},
		{"no gate", func(s *wanted.NewStep) { s.Gate = wanted.Place{} }, borderlink.EInvalid, "error.wanted_place_missing"},
		{"no receiving unit", func(s *wanted.NewStep) { s.ReceivingUnit = "" }, borderlink.EInvalid, "error.wanted_required"},
		{"unknown receiving unit", func(s *wanted.NewStep) { s.ReceivingUnit = "VN-97" }, borderlink.EInvalid, "error.wanted_unit_unknown"},
		{"same units", func(s *wanted.NewStep) { s.HandingUnit = "VN-40" }, borderlink.EInvalid, "error.wanted_handover_units"},
		{"gate text too long", func(s *wanted.NewStep) { s.Gate.Text = strings.Repeat("g", 501) }, borderlink.EInvalid, "error.wanted_too_long"},
	} {
		in := sched
		c.mod(&in)
		_, err := vn.svc.AddStep(ctx, vnInv, n.ID, in)
		domaintest.WantErr(t, "schedule: "+c.name, err, c.code, c.key)
	}
	_, err = vn.svc.AddStep(ctx, vnInv, n.ID, wanted.NewStep{Kind: wanted.StepComplete})
	domaintest.WantErr(t, "complete before the schedule", err, borderlink.EConflict, "error.wanted_step_order")
	domaintest.Must[wanted.HandoverStep](t)(vn.svc.AddStep(ctx, vnInv, n.ID, sched))
	la.mustApply("vn.mps", vn.take()...)
	_, err = vn.svc.AddStep(ctx, vnInv, n.ID, wanted.NewStep{Kind: wanted.StepComplete})
	domaintest.WantErr(t, "complete before the scheduled day", err, borderlink.EInvalid, "error.wanted_complete_early")
	_, err = vn.svc.AddStep(ctx, vnInv, n.ID, wanted.NewStep{Kind: wanted.StepComplete, Day: domaintest.Day("2026-11-25")})
	domaintest.WantErr(t, "complete in the future", err, borderlink.EInvalid, "error.wanted_date_future")

	// Photos.
	_, err = vn.svc.AddPhoto(ctx, vnInv, n.ID, domaintest.GIFPhoto)
	domaintest.WantErr(t, "a GIF", err, borderlink.EInvalid, "error.person_photo_type")
	_, err = vn.svc.AddPhoto(ctx, vnInv, n.ID, nil)
	domaintest.WantErr(t, "no bytes", err, borderlink.EInvalid, "error.person_photo_empty")
	_, err = vn.svc.AddPhoto(ctx, vnInv, n.ID, append(domaintest.PNGPhoto, make([]byte, wanted.MaxPhotoSize)...))
	domaintest.WantErr(t, "too large", err, borderlink.EInvalid, "error.person_photo_too_large")
	for range wanted.MaxPhotos {
		domaintest.Must[cases.Photo](t)(vn.svc.AddPhoto(ctx, vnInv, n.ID, domaintest.JPEGPhoto))
	}
	_, err = vn.svc.AddPhoto(ctx, vnInv, n.ID, domaintest.PNGPhoto)
	domaintest.WantErr(t, "a fifth photo", err, borderlink.EInvalid, "error.wanted_photo_count")
	err = vn.svc.RemovePhoto(ctx, vnInv, n.ID, "no-such-photo")
	domaintest.WantErr(t, "removing a missing photo", err, borderlink.ENotFound, "error.wanted_photo_not_found")

	// Withdrawn: no sightings, no steps but a cancel; the status can be
	// reinstated.
	domaintest.Must[wanted.Notice](t)(vn.svc.SetStatus(ctx, vnInv, n.ID, wanted.NewStatus{Status: wanted.StatusWithdrawn, Note: "Đình nã"}))
	la.mustApply("vn.mps", vn.take()...)
	_, err = la.svc.ReportSighting(ctx, laOfficer, n.ID, good)
	domaintest.WantErr(t, "sighting of a withdrawn notice", err, borderlink.EConflict, "error.wanted_closed")
	_, err = la.svc.AddStep(ctx, laInv, n.ID, sched)
	domaintest.WantErr(t, "schedule of a withdrawn notice", err, borderlink.EConflict, "error.wanted_closed")
	domaintest.Must[wanted.HandoverStep](t)(la.svc.AddStep(ctx, laInv, n.ID, wanted.NewStep{Kind: wanted.StepCancel}))
	if _, sightings, steps := la.count(); sightings != 0 || steps != 4 {
		t.Errorf("la.mps keeps %d sightings, %d steps", sightings, steps)
	}
	domaintest.Must[wanted.Notice](t)(vn.svc.SetStatus(ctx, vnInv, n.ID, wanted.NewStatus{Status: wanted.StatusActive}))
}

// TestApplyReleaseBadInput: what the other side sends is checked as if
// written here; a bad release is refused and stores nothing.
func TestApplyReleaseBadInput(t *testing.T) {
	clock := borderlink.NewFakeClock(now)
	vn, la := newNode(t, "vn.mps", "VN", clock), newNode(t, "la.mps", "LA", clock)
	ctx := vn.ctx
	n := domaintest.Must[wanted.Notice](t)(vn.svc.CreateNotice(ctx, vnInv, choNotice()))
	domaintest.Must[cases.Photo](t)(vn.svc.AddPhoto(ctx, vnInv, n.ID, domaintest.PNGPhoto))
	rs := vn.take()
	good := rs[len(rs)-1]
	withNotice := func(mod func(*wanted.Notice)) wanted.Release {
		r := domaintest.Wire(t, good)
		c := *r.Notice
		mod(&c)
		r.Notice = &c
		return r
	}
	for _, c := range []struct {
		name   string
		origin borderlink.NodeID
		r      wanted.Release
		key    string
	}{
		{"own release", "la.mps", good, "error.wanted_release_origin"},
		{"sent by another node", "lo.other", good, "error.wanted_release_origin"},
		{"unknown kind", "vn.mps", wanted.Release{Kind: "case"}, "error.wanted_bad_choice"},
		{"kind without its record", "vn.mps", wanted.Release{Kind: wanted.KindSighting, Notice: good.Notice}, "error.wanted_release_record"},
		{"no creation time", "vn.mps", withNotice(func(x *wanted.Notice) { x.Created = time.Time{} }), "error.wanted_release_record"},
		{"Vietnamese units only", "vn.mps", withNotice(func(x *wanted.Notice) { x.PartnerUnits = []string{} }), "error.wanted_release_not_ours"},
		{"issued by a Lao unit", "vn.mps", withNotice(func(x *wanted.Notice) { x.IssuingUnit, x.PartnerUnits = "LA-09", []string{"VN-40"} }),
			"error.wanted_release_not_ours"},
		{"bad history", "vn.mps", withNotice(func(x *wanted.Notice) {
			x.StatusHistory = []wanted.StatusChange{{Status: wanted.StatusHandedOver, Day: domaintest.Day("2026-11-01")}}
		}), "error.wanted_status_change"},
		{"warrant in the future", "vn.mps", withNotice(func(x *wanted.Notice) { x.WarrantDate = domaintest.Day("2027-01-01") }), "error.wanted_date_future"},
		{"no language", "vn.mps", withNotice(func(x *wanted.Notice) { x.Lang = "" }), "error.wanted_lang"},
		{"photo not sent", "vn.mps", func() wanted.Release { r := domaintest.Wire(t, good); r.Photos = nil; return r }(), "error.wanted_release_photo"},
		{"photo altered", "vn.mps", func() wanted.Release {
			r := domaintest.Wire(t, good)
			r.Photos[0].Data = domaintest.JPEGPhoto
			return r
		}(), "error.wanted_release_photo"},
		{"sighting of an unknown notice", "vn.mps", wanted.Release{Kind: wanted.KindSighting, Sighting: &wanted.Sighting{ID: "s1",
			NoticeID: "nope", Origin: "vn.mps", At: now, Place: wanted.Place{Unit: "VN-40"}, Seen: "x", Lang: "vi", ReporterUnit: "VN-40",
			Created: now, Released: now}}, "error.wanted_release_unknown_notice"},
		{"step of an unknown notice", "vn.mps", wanted.Release{Kind: wanted.KindStep, Step: &wanted.HandoverStep{ID: "h1",
			NoticeID: "nope", Origin: "vn.mps", Kind: wanted.StepRequest, Day: domaintest.Day("2026-11-20"), Lang: "vi", Created: now, Released: now}},
			"error.wanted_release_unknown_notice"},
	} {
		_, err := la.apply(c.origin, c.r)
		domaintest.WantErr(t, c.name, err, borderlink.EInvalid, c.key)
	}
	if notices, _, _ := la.count(); notices != 0 {
		t.Fatalf("bad releases stored %d notices", notices)
	}
	la.mustApply("vn.mps", good)
	// Once the notice is known: a sighting or a step of the wrong shape.
	for _, c := range []struct {
		name string
		r    wanted.Release
		key  string
	}{
		{"sighting by a Lao unit from vn.mps", wanted.Release{Kind: wanted.KindSighting, Sighting: &wanted.Sighting{ID: "s1", NoticeID: n.ID,
			Origin: "vn.mps", At: now, Place: wanted.Place{Unit: "LA-07"}, Seen: "x", Lang: "vi", ReporterUnit: "LA-07", Created: now, Released: now}},
			"error.wanted_reporter_foreign"},
		{"sighting in the future", wanted.Release{Kind: wanted.KindSighting, Sighting: &wanted.Sighting{ID: "s1", NoticeID: n.ID,
			Origin: "vn.mps", At: now.Add(time.Hour), Place: wanted.Place{Unit: "VN-40"}, Seen: "x", Lang: "vi", ReporterUnit: "VN-40",
			Created: now, Released: now}}, "error.wanted_date_future"},
		{"schedule without a gate", wanted.Release{Kind: wanted.KindStep, Step: &wanted.HandoverStep{ID: "h1", NoticeID: n.ID,
			Origin: "vn.mps", Kind: wanted.StepSchedule, Day: domaintest.Day("2026-11-25"), ReceivingUnit: "VN-40", Lang: "vi", Created: now, Released: now}},
			"error.wanted_place_missing"},
		{"step of an unknown kind", wanted.Release{Kind: wanted.KindStep, Step: &wanted.HandoverStep{ID: "h1", NoticeID: n.ID,
			Origin: "vn.mps", Kind: "surrender", Day: domaintest.Day("2026-11-20"), Lang: "vi", Created: now, Released: now}}, "error.wanted_bad_choice"},
	} {
		_, err := la.apply("vn.mps", c.r)
		domaintest.WantErr(t, c.name, err, borderlink.EInvalid, c.key)
	}
	if _, sightings, steps := la.count(); sightings != 0 || steps != 0 {
		t.Errorf("bad releases stored %d sightings, %d steps", sightings, steps)
	}
	// A record of this node's sent back as the partner's is a conflict.
	own := domaintest.Must[wanted.Sighting](t)(vn.svc.ReportSighting(ctx, vnInv, n.ID, wanted.NewSighting{At: now, Place: wanted.Place{Unit: "VN-40"}, Seen: "x"}))
	forged := own
	forged.Origin, forged.ReporterUnit = "la.mps", "LA-07"
	_, err := vn.apply("la.mps", wanted.Release{Kind: wanted.KindSighting, Sighting: &forged})
	domaintest.WantErr(t, "forged sighting", err, borderlink.EInvalid, "error.wanted_release_conflict")
	// Nothing of this reached the audit log as stored.
	if size := la.auditSize(); size != 1 {
		t.Errorf("la.mps audit log holds %d entries, want the one notice received", size)
	}
}

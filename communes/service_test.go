package communes_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/communes"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
)

// The people of the story: the police chief of a commune of Nghệ An, the
// province's commander, and a commander of Điện Biên, elsewhere.
var (
	chief    = domaintest.User("phong", auth.RoleCommander, "VN-40-C001")
	province = domaintest.User("hai", auth.RoleCommander, "VN-40")
	outsider = domaintest.User("tuan", auth.RoleCommander, "VN-11")
	analyst  = domaintest.User("mai", auth.RoleAnalyst, "VN-40")
)

func firstHalf() communes.NewAssessment {
	return communes.NewAssessment{Commune: "vn-40-c001", PeriodFrom: day("2026-01-01"), PeriodTo: day("2026-06-30"), Results: allMet("VN"),
		Day: day("2026-06-25")}
}

// TestCommuneStory: the commune assesses itself with evidence, the
// province verifies and recognises it, the dashboard counts it, the
// recognition is revoked and the dashboard counts that, and the export
// opens with the figures.
func TestCommuneStory(t *testing.T) {
	e := newEnv(t, "vn.mps", "VN", nil)
	ctx := e.Ctx
	_, err := e.svc.Submit(ctx, chief, "none", communes.Step{})
	domaintest.WantErr(t, "submit unknown", err, borderlink.ENotFound, "error.communes_not_found")

	a := domaintest.Must[communes.Assessment](t)(e.svc.CreateAssessment(ctx, chief, firstHalf()))
	if a.Status != communes.StatusDraft || a.Commune != "VN-40-C001" || !a.Passed || a.Score != 100 || a.Lang != borderlink.LangVI {
		t.Fatalf("assessment = %+v", a)
	}
	// Commitments are the evidence of item c5.
	_, err = e.svc.Submit(ctx, chief, a.ID, communes.Step{Day: day("2026-07-02")})
	domaintest.WantErr(t, "submit without commitments", err, borderlink.EInvalid, "error.communes_commitments_missing")
	cm := domaintest.Must[communes.Commitments](t)(e.svc.SetCommitments(ctx, chief, communes.NewCommitments{Commune: "VN-40-C001",
		From: day("2026-01-01"), To: day("2026-06-30"), Households: 812, Agencies: 9, Units: 4}))
	cm2 := domaintest.Must[communes.Commitments](t)(e.svc.SetCommitments(ctx, chief, communes.NewCommitments{Commune: "VN-40-C001",
		From: day("2026-01-01"), To: day("2026-06-30"), Households: 820, Agencies: 9, Units: 4}))
	if cm2.ID != cm.ID || cm2.Households != 820 {
		t.Errorf("commitments replaced: %+v", cm2)
	}
	at := domaintest.Must[communes.Attachment](t)(e.svc.AddAttachment(ctx, chief, a.ID, "c2", "bien-ban.pdf", pdf))
	if at.ContentType != "application/pdf" || at.Item != "c2" {
		t.Errorf("attachment = %+v", at)
	}
	_, err = e.svc.AddAttachment(ctx, chief, a.ID, "", "x.gif", domaintest.GIFPhoto)
	domaintest.WantErr(t, "gif", err, borderlink.EInvalid, "error.communes_attachment_type")

	// A commune cannot verify itself; a province elsewhere cannot decide.
	a = domaintest.Must[communes.Assessment](t)(e.svc.Submit(ctx, chief, a.ID, communes.Step{Day: day("2026-07-02")}))
	_, err = e.svc.Verify(ctx, chief, a.ID, communes.Review{Verdict: communes.VerdictVerified})
	domaintest.WantErr(t, "self-verification", err, borderlink.EForbidden, "error.communes_level_above")
	_, err = e.svc.Decide(ctx, province, a.ID, communes.NewDecision{Outcome: communes.OutcomeRecognised, Number: "1/QĐ", Signer: "Hải"})
	domaintest.WantErr(t, "decision before verification", err, borderlink.EConflict, "error.communes_not_verified")

	a = domaintest.Must[communes.Assessment](t)(e.svc.Verify(ctx, province, a.ID, communes.Review{Verdict: communes.VerdictVerified,
		Day: day("2026-07-10")}))
	_, err = e.svc.Decide(ctx, outsider, a.ID, communes.NewDecision{Outcome: communes.OutcomeRecognised, Number: "1/QĐ", Signer: "Tuấn"})
	domaintest.WantErr(t, "outsider decides", err, borderlink.ENotFound, "error.communes_not_found") // it may not even see it
	_, err = e.svc.Decide(ctx, province, a.ID, communes.NewDecision{Outcome: communes.OutcomeRecognised, Number: "125/QĐ-UBND",
		Date: day("2026-07-05"), Signer: "Nguyễn Văn Hải"})
	domaintest.WantErr(t, "decision before verification day", err, borderlink.EInvalid, "error.communes_status_order")
	a = domaintest.Must[communes.Assessment](t)(e.svc.Decide(ctx, province, a.ID, communes.NewDecision{Outcome: communes.OutcomeRecognised,
		Number: "125/QĐ-UBND", Date: day("2026-08-01"), Signer: "Nguyễn Văn Hải"}))
	if a.Status != communes.StatusRecognised || a.Decision.Unit != "VN-40" || len(a.History) != 4 {
		t.Fatalf("recognised: %+v", a)
	}

	d := domaintest.Must[communes.Dashboard](t)(e.svc.Dashboard(ctx, analyst, "VN-40", day("2026-11-01"), day("2026-01-01"), day("2026-11-30")))
	if d.Total.Recognised != 1 || d.Total.Communes < 2 || d.Total.NotAssessed != d.Total.Communes-1 || d.Total.Households != 820 ||
		d.Months[7].Recognised != 1 || d.Months[7].Month != "2026-08" {
		t.Errorf("dashboard after recognition: %+v %+v", d.Total, d.Months)
	}
	if d.Rows[0].Unit != "VN-40-C001" || d.Rows[0].Standing != communes.StandingRecognised {
		t.Errorf("first row: %+v", d.Rows[0])
	}

	_, err = e.svc.Revoke(ctx, province, a.ID, communes.NewRevocation{Reason: "Phát hiện điểm bán ma túy", Date: day("2026-07-30")})
	domaintest.WantErr(t, "revocation before decision", err, borderlink.EInvalid, "error.communes_status_order")
	a = domaintest.Must[communes.Assessment](t)(e.svc.Revoke(ctx, province, a.ID, communes.NewRevocation{Reason: "Phát hiện điểm bán ma túy",
		Date: day("2026-10-15")}))
	d = domaintest.Must[communes.Dashboard](t)(e.svc.Dashboard(ctx, analyst, "VN-40", day("2026-11-01"), day("2026-01-01"), day("2026-11-30")))
	if d.Total.Recognised != 0 || d.Total.Revoked != 1 || d.Months[9].Revoked != 1 || d.Rows[0].Standing != communes.StandingRevoked {
		t.Errorf("dashboard after revocation: %+v %+v", d.Total, d.Months)
	}
	// On a day before the revocation it was still recognised.
	d = domaintest.Must[communes.Dashboard](t)(e.svc.Dashboard(ctx, analyst, "VN-40", day("2026-09-01"), borderlink.Date{}, borderlink.Date{}))
	if d.Total.Recognised != 1 {
		t.Errorf("dashboard on 1 September: %+v", d.Total)
	}

	// Every write is audited.
	for _, act := range []string{"communes.assessment_create", "communes.submit", "communes.verify", "communes.decide", "communes.revoke",
		"communes.commitments", "communes.attachment_add"} {
		if es := domaintest.Entries(t, ctx, e.Store, audit.Filter{Action: act}); len(es) == 0 {
			t.Errorf("no audit entry %s", act)
		}
	}
	if es := domaintest.Entries(t, ctx, e.Store, audit.Filter{Action: "communes.verify", Outcome: audit.OutcomeDenied}); len(es) != 1 {
		t.Errorf("denied verification audited: %d", len(es))
	}

	// The export opens as a workbook with the figures.
	b, err := communes.ExportXLSX(d, i18n.MustLoad().Printer(borderlink.LangEN))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 3 || sheets[1] != "By unit" {
		t.Fatalf("sheets %v", sheets)
	}
	for cell, want := range map[string]string{"A1": "Unit", "D1": "Recognised", "B2": "Recognised", "C2": "1"} {
		if got, _ := f.GetCellValue("By unit", cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
}

// TestBadInput: every refusal leaves nothing half-saved.
func TestBadInput(t *testing.T) {
	e := newEnv(t, "vn.mps", "VN", nil)
	ctx := e.Ctx
	count := func() int {
		as, err := e.svc.Assessments(ctx, province, "VN-40-C001")
		if err != nil {
			t.Fatal(err)
		}
		return len(as)
	}
	bad := firstHalf()
	bad.PeriodFrom, bad.PeriodTo = day("2026-06-30"), day("2026-01-01")
	_, err := e.svc.CreateAssessment(ctx, chief, bad)
	domaintest.WantErr(t, "backwards", err, borderlink.EInvalid, "error.communes_period_backwards")
	bad = firstHalf()
	bad.Commune = "VN-40"
	_, err = e.svc.CreateAssessment(ctx, province, bad)
	domaintest.WantErr(t, "province as commune", err, borderlink.EInvalid, "error.communes_not_commune")
	_, err = e.svc.CreateAssessment(ctx, outsider, firstHalf())
	domaintest.WantErr(t, "outsider", err, borderlink.EForbidden, "error.communes_cannot_write")

	// A new version retires the built-in set: an assessment against it of
	// a period ending after is refused.
	nc := communes.NewCriteria{Name: borderlink.Text{VI: "Tiêu chí 2027", LO: "ມາດຕະຖານ 2027", EN: "Criteria 2027"}, ValidFrom: day("2026-07-01"),
		Threshold: 90, DistrictShare: 60, Items: []communes.Item{{Code: "c1", Required: true, Weight: 1,
			Text: borderlink.Text{VI: "Không có tụ điểm", LO: "ບໍ່ມີຈຸດເສບ", EN: "No spots"}}}}
	_, err = e.svc.PublishCriteria(ctx, province, nc)
	domaintest.WantErr(t, "province publishes", err, borderlink.EForbidden, "error.communes_cannot_write")
	v2 := domaintest.Must[communes.CriteriaSet](t)(e.svc.PublishCriteria(ctx, auth.System("test"), nc))
	sets := domaintest.Must[[]communes.CriteriaSet](t)(e.svc.Criteria(ctx, analyst))
	if len(sets) != 2 || sets[0].ValidTo != day("2026-06-30") || v2.Version != 2 {
		t.Fatalf("criteria: %+v", sets)
	}
	late := communes.NewAssessment{Commune: "VN-40-C001", PeriodFrom: day("2026-07-01"), PeriodTo: day("2026-10-31"),
		CriteriaID: sets[0].ID, Results: allMet("VN")}
	_, err = e.svc.CreateAssessment(ctx, chief, late)
	domaintest.WantErr(t, "retired set", err, borderlink.EInvalid, "error.communes_criteria_retired")
	if n := count(); n != 0 {
		t.Fatalf("%d assessments after refusals", n)
	}

	a := domaintest.Must[communes.Assessment](t)(e.svc.CreateAssessment(ctx, chief, firstHalf()))
	over := firstHalf()
	over.PeriodFrom, over.PeriodTo, over.Results = day("2026-06-01"), day("2026-09-30"), nil
	_, err = e.svc.CreateAssessment(ctx, chief, over)
	domaintest.WantErr(t, "overlap", err, borderlink.EConflict, "error.communes_period_overlap")
	_, err = e.svc.Submit(ctx, chief, a.ID, communes.Step{Day: day("2025-12-01")})
	domaintest.WantErr(t, "submitted before the period", err, borderlink.EInvalid, "error.communes_before_period")
	_, err = e.svc.Submit(ctx, chief, a.ID, communes.Step{Day: day("2027-01-01")})
	domaintest.WantErr(t, "submitted in the future", err, borderlink.EInvalid, "error.communes_date_future")
	got := domaintest.Must[communes.Assessment](t)(e.svc.Assessment(ctx, analyst, a.ID))
	if got.Status != communes.StatusDraft || len(got.History) != 1 || count() != 1 {
		t.Errorf("half-saved: %+v", got)
	}
	_, err = e.svc.Dashboard(ctx, analyst, "VN-40-C001", borderlink.Date{}, borderlink.Date{}, borderlink.Date{})
	domaintest.WantErr(t, "commune dashboard", err, borderlink.EInvalid, "error.communes_dashboard_unit")
	_, err = e.svc.Dashboard(ctx, analyst, "VN-40", borderlink.Date{}, day("2026-05-01"), day("2026-01-01"))
	domaintest.WantErr(t, "range backwards", err, borderlink.EInvalid, "error.communes_range_backwards")
}

// TestDistrictRecognition: a Lao district is recognised once enough of
// its villages are, by its province; a district commander cannot.
func TestDistrictRecognition(t *testing.T) {
	e := newEnv(t, "la.mps", "LA", nil)
	ctx := e.Ctx
	var district string
	var villages []string
	for _, d := range e.Tree.Children("LA-07", day("2026-06-30")) {
		if vs := e.Tree.Children(d.Code, day("2026-06-30")); len(vs) >= 2 {
			district = d.Code
			for _, v := range vs {
				villages = append(villages, v.Code)
			}
			break
		}
	}
	prov := domaintest.User("somsak", auth.RoleCommander, "LA-07")
	dist := domaintest.User("bounmy", auth.RoleCommander, district)
	decision := communes.NewDecision{Number: "09/ປກສ", Date: day("2026-11-01"), Signer: "ພັນເອກ ສົມສັກ"}
	_, err := e.svc.RecogniseDistrict(ctx, prov, district, decision)
	domaintest.WantErr(t, "too few", err, borderlink.EConflict, "error.communes_district_short")

	need := (len(villages) + 1) / 2
	for _, v := range villages[:need] {
		head := domaintest.User("head-"+v, auth.RoleCommander, v)
		if _, err := e.svc.SetCommitments(ctx, head, communes.NewCommitments{Commune: v, From: day("2026-01-01"), To: day("2026-06-30"),
			Households: 120}); err != nil {
			t.Fatal(err)
		}
		a := domaintest.Must[communes.Assessment](t)(e.svc.CreateAssessment(ctx, head, communes.NewAssessment{Commune: v,
			PeriodFrom: day("2026-01-01"), PeriodTo: day("2026-06-30"), Results: allMet("LA"), Day: day("2026-06-20")}))
		domaintest.Must[communes.Assessment](t)(e.svc.Submit(ctx, head, a.ID, communes.Step{Day: day("2026-07-01")}))
		domaintest.Must[communes.Assessment](t)(e.svc.Verify(ctx, dist, a.ID, communes.Review{Verdict: communes.VerdictVerified, Day: day("2026-07-15")}))
		_, err := e.svc.Decide(ctx, dist, a.ID, communes.NewDecision{Outcome: communes.OutcomeRecognised, Number: "1", Signer: "x"})
		domaintest.WantErr(t, "district decides", err, borderlink.EForbidden, "error.communes_not_province")
		domaintest.Must[communes.Assessment](t)(e.svc.Decide(ctx, prov, a.ID, communes.NewDecision{Outcome: communes.OutcomeRecognised,
			Number: "05/ປກສ", Date: day("2026-08-01"), Signer: "ພັນເອກ ສົມສັກ"}))
	}
	_, err = e.svc.RecogniseDistrict(ctx, dist, district, decision)
	domaintest.WantErr(t, "district recognises itself", err, borderlink.EForbidden, "error.communes_not_province")
	r := domaintest.Must[communes.DistrictRecognition](t)(e.svc.RecogniseDistrict(ctx, prov, district, decision))
	if r.Basis.Recognised != need || r.Basis.Communes != len(villages) || r.Province != "LA-07" {
		t.Errorf("recognition = %+v", r)
	}
	_, err = e.svc.RecogniseDistrict(ctx, prov, district, decision)
	domaintest.WantErr(t, "twice", err, borderlink.EConflict, "error.communes_district_recognised")
	d := domaintest.Must[communes.Dashboard](t)(e.svc.Dashboard(ctx, prov, "LA-07", borderlink.Date{}, borderlink.Date{}, borderlink.Date{}))
	if d.Total.DistrictsRecognised != 1 || d.Total.Recognised != need || d.Total.Households != 120*need {
		t.Errorf("province dashboard: %+v", d.Total)
	}
	_, err = e.svc.RevokeDistrict(ctx, prov, r.ID, communes.NewRevocation{Reason: "ພົບຈຸດຂາຍຢາ", Date: day("2026-10-01")})
	domaintest.WantErr(t, "revoked before decided", err, borderlink.EInvalid, "error.communes_status_order")
	domaintest.Must[communes.DistrictRecognition](t)(e.svc.RevokeDistrict(ctx, prov, r.ID, communes.NewRevocation{Reason: "ພົບຈຸດຂາຍຢາ",
		Date: day("2026-11-10")}))
	d = domaintest.Must[communes.Dashboard](t)(e.svc.Dashboard(ctx, prov, district, borderlink.Date{}, borderlink.Date{}, borderlink.Date{}))
	if d.Total.DistrictsRecognised != 0 || d.Total.Districts != 1 || d.Months[len(d.Months)-1].DistrictsRevoked != 1 {
		t.Errorf("district dashboard: %+v %+v", d.Total, d.Months)
	}
}

package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/communes"
	"github.com/borderlink/borderlink/store"
)

// testCommunes checks the drug-free commune programme's storage: criteria
// by version, assessments with their events and attachments, district
// recognitions and commitments by province.
func testCommunes(t *testing.T, o Opener) {
	s := o.Open(t)
	ctx := context.Background()
	at := time.UnixMicro(time.Now().UnixMicro()).UTC()
	d := borderlink.MustParseDate
	c, _ := communes.BuiltInCriteria("VN")
	c.ID, c.Created = "crit-1", at
	a := communes.AssessmentRecord{Province: "VN-40", Assessment: communes.Assessment{ID: "as-1", Commune: "VN-40-C001",
		PeriodFrom: d("2026-01-01"), PeriodTo: d("2026-06-30"), CriteriaID: "crit-1", Results: []communes.Result{{Code: "c1", Met: true}},
		Score: 20, Lang: borderlink.LangVI, Status: communes.StatusSubmitted, Attachments: []communes.Attachment{},
		History: []communes.Transition{{Status: communes.StatusDraft, Day: d("2026-06-01")}, {Status: communes.StatusSubmitted, Day: d("2026-07-01")}},
		Created: at, Updated: at}}
	err := s.Update(ctx, func(tx store.Tx) error {
		r := tx.Communes()
		if err := r.PutCriteria(ctx, c); err != nil {
			return err
		}
		if err := r.PutAssessment(ctx, a); err != nil {
			return err
		}
		a.History = append(a.History, communes.Transition{Status: communes.StatusVerified, Day: d("2026-07-10")})
		a.Status = communes.StatusVerified
		if err := r.PutAssessment(ctx, a); err != nil {
			return err
		}
		if err := r.PutAttachment(ctx, "as-1", communes.Attachment{ID: "at-1", Item: "c1", Name: "a.pdf", ContentType: "application/pdf",
			Size: 3, SHA256: "x"}, []byte("pdf")); err != nil {
			return err
		}
		if err := r.PutDistrict(ctx, communes.DistrictRecognition{ID: "dr-1", District: "VN-40-D01", Province: "VN-40",
			Status: communes.DistrictRecognised, Decision: communes.Decision{Number: "1", Date: d("2026-08-01")}, Created: at, Updated: at}); err != nil {
			return err
		}
		return r.PutCommitments(ctx, communes.Commitments{ID: "cm-1", Commune: "VN-40-C001", Province: "VN-40", From: d("2026-01-01"),
			To: d("2026-06-30"), Households: 5, Created: at, Updated: at})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(ctx, func(tx store.Tx) error {
		r := tx.Communes()
		got, err := r.Assessment(ctx, "as-1")
		if err != nil {
			return err
		}
		if got.Status != communes.StatusVerified || len(got.History) != 3 || len(got.Attachments) != 1 || got.Decision != nil ||
			!got.Created.Equal(at) || got.PeriodTo != d("2026-06-30") {
			t.Errorf("assessment = %+v", got)
		}
		if _, err := r.Assessment(ctx, "none"); !borderlink.IsCode(err, borderlink.ENotFound) {
			t.Errorf("missing assessment: %v", err)
		}
		evs, err := r.Events(ctx, "VN-40", d("2026-07-05"))
		if err != nil {
			return err
		}
		if len(evs) != 2 || evs[1].Status != communes.StatusSubmitted || evs[1].Seq != 1 {
			t.Errorf("events = %+v", evs)
		}
		_, data, err := r.AttachmentData(ctx, "as-1", "at-1")
		if err != nil || string(data) != "pdf" {
			t.Errorf("attachment: %q %v", data, err)
		}
		sets, err := r.CriteriaSets(ctx, "VN")
		if err != nil || len(sets) != 1 || len(sets[0].Items) != len(c.Items) || sets[0].Name != c.Name {
			t.Errorf("criteria: %+v %v", sets, err)
		}
		ds, err := r.Districts(ctx, "VN-40", "")
		if err != nil || len(ds) != 1 || ds[0].Decision.Number != "1" || ds[0].Revocation != nil {
			t.Errorf("districts: %+v %v", ds, err)
		}
		cs, err := r.Commitments(ctx, "", "VN-40-C001")
		if err != nil || len(cs) != 1 || cs[0].Households != 5 {
			t.Errorf("commitments: %+v %v", cs, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(ctx, func(tx store.Tx) error {
		c2 := c
		c2.ID = "crit-2"
		return tx.Communes().PutCriteria(ctx, c2)
	})
	if !borderlink.IsCode(err, borderlink.EConflict) {
		t.Errorf("a second version 1: %v", err)
	}
}

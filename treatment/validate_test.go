package treatment_test

import (
	"reflect"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/treatment"
)

// TestBadRecordsRegistered: what is refused at registration, each with its
// key, and nothing of it stored.
func TestBadRecordsRegistered(t *testing.T) {
	n := newNode(t)
	n.addCasePerson("p-vn", "vn.mps", "1995")
	n.addCasePerson("p-la", "la.mps", "")
	good := func(mods ...func(*treatment.NewRecord)) treatment.NewRecord {
		in := treatment.NewRecord{OwnerUnit: "VN-11-C001", Person: chu(), Tests: []treatment.Test{positive("2025-02-03")}}
		for _, m := range mods {
			m(&in)
		}
		return in
	}
	for _, c := range []struct {
		name string
		in   treatment.NewRecord
		key  string
	}{
		{"a province keeps no record", good(func(in *treatment.NewRecord) { in.OwnerUnit = "VN-11" }), "error.treatment_owner_level"},
		{"no such unit", good(func(in *treatment.NewRecord) { in.OwnerUnit = "VN-99-C999" }), "error.treatment_unit_unknown"},
		{"a unit of Laos", good(func(in *treatment.NewRecord) { in.OwnerUnit = "LA-07" }), "error.treatment_unit_unknown"},
		{"nobody", good(func(in *treatment.NewRecord) { in.Person = treatment.Person{} }), "error.treatment_no_person"},
		{"a person of no case file", good(func(in *treatment.NewRecord) { in.Person = treatment.Person{CasePersonID: "p-none"} }),
			"error.treatment_case_person"},
		{"a person of the partner's case file", good(func(in *treatment.NewRecord) { in.Person = treatment.Person{CasePersonID: "p-la"} }),
			"error.treatment_case_person"},
		{"no ground", good(func(in *treatment.NewRecord) { in.Tests[0].Result = treatment.ResultNegative }), "error.treatment_no_ground"},
		{"a test in the future", good(func(in *treatment.NewRecord) { in.Tests[0].Date = day("2026-11-21") }), "error.treatment_date_future"},
		{"a test before 1990", good(func(in *treatment.NewRecord) { in.Tests[0].Date = day("1989-12-31") }), "error.treatment_date_too_old"},
		{"a test before birth", good(func(in *treatment.NewRecord) { in.Tests[0].Date = day("1991-08-13") }), "error.treatment_before_birth"},
		{"a test before the case file's birth", good(func(in *treatment.NewRecord) {
			in.Person = treatment.Person{CasePersonID: "p-vn"}
			in.Tests[0].Date = day("1994-12-31")
		}), "error.treatment_before_birth"},
		{"a test without a date", good(func(in *treatment.NewRecord) { in.Tests[0].Date = borderlink.Date{} }), "error.treatment_date_missing"},
		{"an unknown method", good(func(in *treatment.NewRecord) { in.Tests[0].Method = "breath" }), "error.treatment_bad_choice"},
		{"an unknown drug", good(func(in *treatment.NewRecord) { in.Tests[0].Substances = []string{"BANANA"} }), "error.treatment_bad_choice"},
		{"a birth in the future", good(func(in *treatment.NewRecord) { in.Person.Birth = "2027" }), "error.treatment_date_future"},
		{"a birth that is no date", good(func(in *treatment.NewRecord) { in.Person.Birth = "1991-02-30" }), "error.treatment_bad_choice"},
		{"a name with a control character", good(func(in *treatment.NewRecord) { in.Person.Name = "Lầu\x00Chứ" }), "error.treatment_bad_text"},
		{"a determination by nobody", good(func(in *treatment.NewRecord) {
			in.Determination = &treatment.Determination{Date: day("2025-02-05"), Conclusion: treatment.ConclusionAddicted}
		}), "error.treatment_required"},
		{"a management by a unit of Laos", good(func(in *treatment.NewRecord) {
			in.Management = &treatment.Management{Start: day("2025-02-05"), Unit: "LA-07"}
		}), "error.treatment_unit_unknown"},
	} {
		before := n.auditSize()
		_, err := n.svc.Register(n.ctx, officer, c.in)
		domaintest.WantErr(t, c.name, err, borderlink.EInvalid, c.key)
		if got := n.auditSize(); got != before {
			t.Errorf("%s: the audit log grew by %d", c.name, got-before)
		}
	}
	if _, total, _ := n.svc.Records(n.ctx, officer, treatment.Query{}); total != 0 {
		t.Fatalf("%d records stored by refused registrations", total)
	}
	// A person of this node's case file, described no further, is fine.
	r := domaintest.Must[treatment.Record](t)(n.svc.Register(n.ctx, officer, good(func(in *treatment.NewRecord) {
		in.Person = treatment.Person{CasePersonID: "p-vn"}
	})))
	if r.Person.CasePersonID != "p-vn" {
		t.Errorf("linked person %+v", r.Person)
	}
}

// TestBadDatesChanged: episodes and periods that overlap or run
// backwards, events out of bounds, a closed record: each refused with its
// key, and the record exactly as it was.
func TestBadDatesChanged(t *testing.T) {
	n := newNode(t)
	ctx := n.ctx
	must := domaintest.Must[treatment.Record](t)
	r := n.register(officer, "VN-11-C001", "Lầu Văn Chứ")
	r = must(n.svc.AddEpisode(ctx, officer, r.ID, treatment.Episode{Kind: treatment.EpisodeVoluntaryCentre, Centre: "Cơ sở Điện Biên",
		Start: day("2025-02-10"), End: day("2025-08-10"), Outcome: treatment.OutcomeCompleted}))
	r = must(n.svc.AddPeriod(ctx, officer, r.ID, treatment.Period{Start: day("2025-08-10"), End: day("2026-08-09"), Unit: "VN-11-C001"}))
	stored := must(n.svc.Record(ctx, officer, r.ID))
	episode := func(start, end string, outcome treatment.Outcome) treatment.Episode {
		e := treatment.Episode{Kind: treatment.EpisodeHomeCommunity, Start: day(start), Outcome: outcome}
		if end != "" {
			e.End = day(end)
		}
		return e
	}
	for _, c := range []struct {
		name string
		do   func() error
		code string
		key  string
	}{
		{"an episode inside the first", func() error {
			_, err := n.svc.AddEpisode(ctx, officer, r.ID, episode("2025-03-01", "2025-04-01", treatment.OutcomeCompleted))
			return err
		}, borderlink.EInvalid, "error.treatment_overlap"},
		{"an episode across the period", func() error {
			_, err := n.svc.AddEpisode(ctx, officer, r.ID, episode("2026-01-01", "", ""))
			return err
		}, borderlink.EInvalid, "error.treatment_overlap"},
		{"an episode running before the last ones", func() error {
			_, err := n.svc.AddEpisode(ctx, officer, r.ID, episode("2024-01-01", "", ""))
			return err
		}, borderlink.EInvalid, "error.treatment_overlap"},
		{"an episode ending before it starts", func() error {
			_, err := n.svc.AddEpisode(ctx, officer, r.ID, episode("2026-10-01", "2026-09-30", treatment.OutcomeCompleted))
			return err
		}, borderlink.EInvalid, "error.treatment_backwards"},
		{"an episode ending in the future", func() error {
			_, err := n.svc.AddEpisode(ctx, officer, r.ID, episode("2026-10-01", "2026-12-01", treatment.OutcomeCompleted))
			return err
		}, borderlink.EInvalid, "error.treatment_date_future"},
		{"an episode starting in the future", func() error {
			_, err := n.svc.AddEpisode(ctx, officer, r.ID, episode("2026-12-01", "", ""))
			return err
		}, borderlink.EInvalid, "error.treatment_date_future"},
		{"an ended episode without its outcome", func() error {
			_, err := n.svc.AddEpisode(ctx, officer, r.ID, episode("2026-09-01", "2026-10-01", ""))
			return err
		}, borderlink.EInvalid, "error.treatment_end_outcome"},
		{"a centre not named", func() error {
			_, err := n.svc.AddEpisode(ctx, officer, r.ID, treatment.Episode{Kind: treatment.EpisodeCompulsoryCentre, Start: day("2026-09-01")})
			return err
		}, borderlink.EInvalid, "error.treatment_required"},
		{"a period overlapping the period", func() error {
			_, err := n.svc.AddPeriod(ctx, officer, r.ID, treatment.Period{Start: day("2026-08-01"), Unit: "VN-11-C001"})
			return err
		}, borderlink.EInvalid, "error.treatment_overlap"},
		{"a period running backwards", func() error {
			_, err := n.svc.AddPeriod(ctx, officer, r.ID, treatment.Period{Start: day("2026-09-01"), End: day("2026-08-31"), Unit: "VN-11-C001"})
			return err
		}, borderlink.EInvalid, "error.treatment_backwards"},
		{"a period ending too far ahead", func() error {
			_, err := n.svc.AddPeriod(ctx, officer, r.ID, treatment.Period{Start: day("2026-09-01"), End: day("2030-01-01"), Unit: "VN-11-C001"})
			return err
		}, borderlink.EInvalid, "error.treatment_too_far_ahead"},
		{"a relapse during rehabilitation", func() error {
			_, err := n.svc.AddRelapse(ctx, officer, r.ID, treatment.Relapse{Date: day("2025-05-01")})
			return err
		}, borderlink.EInvalid, "error.treatment_relapse_first"},
		{"a relapse tomorrow", func() error {
			_, err := n.svc.AddRelapse(ctx, officer, r.ID, treatment.Relapse{Date: day("2026-11-21")})
			return err
		}, borderlink.EInvalid, "error.treatment_date_future"},
		{"a birth after the events", func() error {
			p := chu()
			p.Birth = "2025-06"
			_, err := n.svc.UpdatePerson(ctx, officer, r.ID, p)
			return err
		}, borderlink.EInvalid, "error.treatment_before_birth"},
		{"support of no known kind", func() error {
			_, err := n.svc.AddSupport(ctx, officer, r.ID, treatment.Support{Kind: "money", Date: day("2026-01-01")})
			return err
		}, borderlink.EInvalid, "error.treatment_bad_choice"},
		{"ending no such episode", func() error {
			_, err := n.svc.EndEpisode(ctx, officer, r.ID, "nope", day("2026-01-01"), treatment.OutcomeCompleted)
			return err
		}, borderlink.ENotFound, "error.treatment_episode_not_found"},
		{"ending an ended episode", func() error {
			_, err := n.svc.EndEpisode(ctx, officer, r.ID, r.Episodes[0].ID, day("2026-01-01"), treatment.OutcomeCompleted)
			return err
		}, borderlink.EConflict, "error.treatment_episode_ended"},
	} {
		before := n.auditSize()
		domaintest.WantErr(t, c.name, c.do(), c.code, c.key)
		if got := n.auditSize(); got != before {
			t.Errorf("%s: the audit log grew by %d", c.name, got-before)
		}
	}
	if got := must(n.svc.Record(ctx, officer, r.ID)); !reflect.DeepEqual(got, stored) {
		t.Errorf("the record changed:\n got %+v\nwant %+v", got, stored)
	}

	// What the bounds allow: the next episode on the day the period ends,
	// a relapse inside the period.
	must(n.svc.AddRelapse(ctx, officer, r.ID, treatment.Relapse{Date: day("2026-03-01")}))
	r = must(n.svc.AddEpisode(ctx, officer, r.ID, episode("2026-08-09", "", "")))
	if r.Status != treatment.StatusInRehabilitation {
		t.Errorf("status %s", r.Status)
	}
	// Closed: nothing more.
	must(n.svc.Close(ctx, officer, r.ID, treatment.Closure{Date: day("2026-11-01"), Note: "Chuyển đi nơi khác"}))
	_, err := n.svc.AddTest(ctx, officer, r.ID, positive("2026-11-02"))
	domaintest.WantErr(t, "a test on a closed record", err, borderlink.EConflict, "error.treatment_closed")
}

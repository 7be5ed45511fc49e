package treatment_test

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/sealed"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/treatment"
)

// TestTreatmentStory is the story: a treatment officer of Mường Nhé
// registers a person after a positive test, records the addiction
// determination, a rehabilitation episode and the post-rehabilitation
// management period, and sees the commune's figures.
func TestTreatmentStory(t *testing.T) {
	n := newNode(t)
	ctx := n.ctx
	must := domaintest.Must[treatment.Record](t)

	r := must(n.svc.Register(ctx, officer, treatment.NewRecord{OwnerUnit: "vn-11-c001", Person: chu(),
		Tests: []treatment.Test{positive("2025-02-03")}}))
	if r.OwnerUnit != "VN-11-C001" || r.Status != treatment.StatusUnderManagement || r.Person.Sex != treatment.SexMale ||
		!slices.Equal(r.Tests[0].Substances, []string{"HEROIN", "METH_TABLET"}) || r.ID == "" {
		t.Fatalf("registered %+v", r)
	}
	must(n.svc.SetDetermination(ctx, officer, r.ID, treatment.Determination{Date: day("2025-02-05"),
		Conclusion: treatment.ConclusionAddicted, By: "Trạm y tế xã Mường Nhé"}))
	must(n.svc.SetManagement(ctx, officer, r.ID, treatment.Management{Start: day("2025-02-05"), Unit: "VN-11-C001"}))
	r = must(n.svc.AddEpisode(ctx, officer, r.ID, treatment.Episode{Kind: treatment.EpisodeVoluntaryCentre,
		Centre: "Cơ sở cai nghiện ma túy tỉnh Điện Biên", Start: day("2025-02-10")}))
	if r.Status != treatment.StatusInRehabilitation || len(r.Episodes) != 1 || r.Episodes[0].ID == "" {
		t.Fatalf("in rehabilitation: %+v", r)
	}
	r = must(n.svc.EndEpisode(ctx, officer, r.ID, r.Episodes[0].ID, day("2025-08-10"), treatment.OutcomeCompleted))
	r = must(n.svc.AddPeriod(ctx, officer, r.ID, treatment.Period{Start: day("2025-08-10"), End: day("2027-08-09"), Unit: "VN-11-C001"}))
	if r.Status != treatment.StatusPostRehabilitation {
		t.Fatalf("after rehabilitation: %s", r.Status)
	}
	r = must(n.svc.AddSupport(ctx, officer, r.ID, treatment.Support{Kind: treatment.SupportTraining, Date: day("2025-09-01"),
		Provider: "Trung tâm dạy nghề huyện"}))

	// Two more persons: one at a centre now, one who relapsed.
	inCentre := n.register(officer, "VN-11-C001", "Giàng A Sử")
	must(n.svc.AddEpisode(ctx, officer, inCentre.ID, treatment.Episode{Kind: treatment.EpisodeCompulsoryCentre,
		Centre: "Cơ sở cai nghiện bắt buộc", Start: day("2026-06-01")}))
	relapsed := n.register(officer, "VN-11-C001", "Vàng Thị Mai")
	relapsed = must(n.svc.AddEpisode(ctx, officer, relapsed.ID, treatment.Episode{Kind: treatment.EpisodeHomeCommunity,
		Start: day("2025-03-01"), End: day("2025-09-01"), Outcome: treatment.OutcomeCompleted}))
	relapsed = must(n.svc.AddRelapse(ctx, officer, relapsed.ID, treatment.Relapse{Date: day("2026-04-02"), Note: "Xét nghiệm lại dương tính"}))
	if relapsed.Status != treatment.StatusRelapsed {
		t.Errorf("relapsed: %s", relapsed.Status)
	}
	// And one in the next commune, which Mường Nhé's figures leave out.
	n.register(neighbour, "VN-11-C002", "Lò Văn Sáng")

	got := domaintest.Must[treatment.Record](t)(n.svc.Record(ctx, officer, r.ID))
	if got.Person != (treatment.Person{Name: "Lầu Văn Chứ", Birth: "1991-08-14", Sex: treatment.SexMale, IDNumber: "011091012345",
		Address: "Bản Huổi Lếch, xã Mường Nhé, tỉnh Điện Biên"}) || got.Determination == nil || got.Management == nil ||
		len(got.Episodes) != 1 || len(got.Periods) != 1 || len(got.Support) != 1 || got.Status != treatment.StatusPostRehabilitation {
		t.Errorf("read back %+v", got)
	}

	c := domaintest.Must[treatment.Counts](t)(n.svc.Counts(ctx, officer, "VN-11-C001"))
	want := treatment.Counts{Unit: "VN-11-C001", AsOf: day("2026-11-20"), Open: 3, InRehabilitation: 1, PostRehabilitation: 1,
		Relapsed: 1, ByKind: map[treatment.EpisodeKind]int{treatment.EpisodeHomeCommunity: 0, treatment.EpisodeVoluntaryCentre: 0,
			treatment.EpisodeCompulsoryCentre: 1}, Relapsed12Months: 1}
	if !equalCounts(c, want) {
		t.Errorf("commune figures %+v, want %+v", c, want)
	}
	// The province sees both communes; an analyst of it the same numbers.
	for _, p := range []auth.Principal{province, analyst} {
		c := domaintest.Must[treatment.Counts](t)(n.svc.Counts(ctx, p, "VN-11"))
		if c.Open != 4 || c.UnderManagement != 1 {
			t.Errorf("%s: province figures %+v", p.Username, c)
		}
	}

	// Every write and read is audited, naming groups and never contents.
	es := n.entries(audit.Filter{ObjectID: r.ID})
	var actions []string
	for _, e := range slices.Backward(es) {
		actions = append(actions, e.Action)
		if strings.Contains(e.Detail, "Chứ") || strings.Contains(e.Detail, "011091012345") || strings.Contains(e.Detail, "Điện Biên") {
			t.Errorf("audit entry %s holds plaintext: %q", e.Action, e.Detail)
		}
	}
	wantActions := []string{"treatment.register", "treatment.determination", "treatment.management", "treatment.episode_add",
		"treatment.episode_end", "treatment.period_add", "treatment.support_add", "treatment.read"}
	if !slices.Equal(actions, wantActions) {
		t.Errorf("audited %v, want %v", actions, wantActions)
	}
	if es[0].Detail != "groups person,tests,determination,management,episodes,periods,support" || es[0].Actor != "hoa" {
		t.Errorf("read entry %+v", es[0])
	}

	// The list shows the persons of the officer's units only, audited.
	list, total, err := n.svc.Records(ctx, officer, treatment.Query{})
	if err != nil || total != 3 || len(list) != 3 || list[2].Person.Name != "Lầu Văn Chứ" {
		t.Errorf("list: %d %+v %v", total, list, err)
	}
	if got := n.entries(audit.Filter{Action: "treatment.list"}); len(got) != 3 {
		t.Errorf("%d list entries", len(got))
	}
	if _, total, _ := n.svc.Records(ctx, province, treatment.Query{Unit: "VN-11-C002"}); total != 1 {
		t.Errorf("the province lists %d records of Nà Lay", total)
	}
	if _, total, _ := n.svc.Records(ctx, officer, treatment.Query{Unit: "VN-11-C002"}); total != 0 {
		t.Errorf("Mường Nhé lists %d records of Nà Lay", total)
	}
}

// equalCounts compares figures, the maps included.
func equalCounts(a, b treatment.Counts) bool { return reflect.DeepEqual(a, b) }

// TestStatusFollowsTime: a post-rehabilitation period that has ended
// counts as under management, without anyone writing to the record.
func TestStatusFollowsTime(t *testing.T) {
	n := newNode(t)
	r := n.register(officer, "VN-11-C001", "Lầu Văn Chứ")
	domaintest.Must[treatment.Record](t)(n.svc.AddEpisode(n.ctx, officer, r.ID, treatment.Episode{Kind: treatment.EpisodeHomeCommunity,
		Start: day("2025-03-01"), End: day("2025-09-01"), Outcome: treatment.OutcomeCompleted}))
	domaintest.Must[treatment.Record](t)(n.svc.AddPeriod(n.ctx, officer, r.ID, treatment.Period{Start: day("2025-09-01"),
		End: day("2026-12-01"), Unit: "VN-11-C001"}))
	if c, _ := n.svc.Counts(n.ctx, officer, "VN-11-C001"); c.PostRehabilitation != 1 {
		t.Fatalf("before the end: %+v", c)
	}
	n.clock.Advance(12 * 24 * time.Hour) // 2 December 2026
	if c, _ := n.svc.Counts(n.ctx, officer, "VN-11-C001"); c.PostRehabilitation != 0 || c.UnderManagement != 1 {
		t.Errorf("after the end: %+v", c)
	}
	if got, _ := n.svc.Record(n.ctx, officer, r.ID); got.Status != treatment.StatusUnderManagement {
		t.Errorf("read after the end: %s", got.Status)
	}
}

// TestOnlyTreatmentOfficers: every other role, the system principal and
// treatment officers of other units are refused, and every refusal is
// audited.
func TestOnlyTreatmentOfficers(t *testing.T) {
	n := newNode(t)
	ctx := n.ctx
	r := n.register(officer, "VN-11-C001", "Lầu Văn Chứ")
	for _, role := range auth.Roles() {
		if role == auth.RoleTreatment {
			continue
		}
		p := domaintest.User("x-"+string(role), role, "VN-MPS")
		before := n.auditSize()
		_, err := n.svc.Record(ctx, p, r.ID)
		domaintest.WantErr(t, string(role)+" reads", err, borderlink.EForbidden, "error.treatment_forbidden")
		_, _, err = n.svc.Records(ctx, p, treatment.Query{})
		domaintest.WantErr(t, string(role)+" lists", err, borderlink.EForbidden, "error.treatment_forbidden")
		_, err = n.svc.Register(ctx, p, treatment.NewRecord{OwnerUnit: "VN-11-C001", Person: chu(),
			Tests: []treatment.Test{positive("2025-02-03")}})
		domaintest.WantErr(t, string(role)+" registers", err, borderlink.EForbidden, "error.treatment_forbidden")
		_, err = n.svc.AddTest(ctx, p, r.ID, positive("2026-01-03"))
		domaintest.WantErr(t, string(role)+" writes", err, borderlink.EForbidden, "error.treatment_forbidden")
		if got := n.auditSize() - before; got != 4 {
			t.Errorf("%s: %d refusals audited, want 4", role, got)
		}
		if !role.Can(auth.PermStatsRead) {
			_, err = n.svc.Counts(ctx, p, "VN-11")
			domaintest.WantErr(t, string(role)+" counts", err, borderlink.EForbidden, "error.treatment_cannot_count")
		}
	}
	_, err := n.svc.Record(ctx, auth.System("cli"), r.ID)
	domaintest.WantErr(t, "the system reads", err, borderlink.EForbidden, "error.treatment_forbidden")

	// A treatment officer of the next commune: the record does not exist
	// for them, and they cannot register one for Mường Nhé.
	_, err = n.svc.Record(ctx, neighbour, r.ID)
	domaintest.WantErr(t, "neighbour reads", err, borderlink.ENotFound, "error.treatment_not_found")
	_, err = n.svc.AddRelapse(ctx, neighbour, r.ID, treatment.Relapse{Date: day("2026-01-01")})
	domaintest.WantErr(t, "neighbour writes", err, borderlink.ENotFound, "error.treatment_not_found")
	_, err = n.svc.Register(ctx, neighbour, treatment.NewRecord{OwnerUnit: "VN-11-C001", Person: chu(),
		Tests: []treatment.Test{positive("2025-02-03")}})
	domaintest.WantErr(t, "neighbour registers", err, borderlink.EForbidden, "error.treatment_cannot_write")
	_, err = n.svc.Counts(ctx, neighbour, "VN-11-C001")
	domaintest.WantErr(t, "neighbour counts", err, borderlink.EForbidden, "error.treatment_cannot_count")
	_, err = n.svc.Counts(ctx, farAnalyst, "VN-11")
	domaintest.WantErr(t, "analyst of another province counts", err, borderlink.EForbidden, "error.treatment_cannot_count")
	denied := n.entries(audit.Filter{Actor: "tuan"})
	if len(denied) != 4 {
		t.Errorf("%d refusals of the neighbour audited", len(denied))
	}
	for _, e := range denied {
		if e.Outcome != audit.OutcomeDenied {
			t.Errorf("neighbour entry %+v", e)
		}
	}
	// The province's treatment officer reads the commune's record; the
	// investigator of the province does not.
	domaintest.Must[treatment.Record](t)(n.svc.Record(ctx, province, r.ID))
	_, err = n.svc.Record(ctx, investigator, r.ID)
	domaintest.WantErr(t, "investigator reads", err, borderlink.EForbidden, "error.treatment_forbidden")
	_, err = n.svc.Record(ctx, officer, "no-such-record")
	domaintest.WantErr(t, "missing record", err, borderlink.ENotFound, "error.treatment_not_found")
}

// TestSealedAtRest: the database file holds none of the person's
// identity, a node with another key file reads nothing, and a sealed
// value moved to another record does not open.
func TestSealedAtRest(t *testing.T) {
	n := newNode(t)
	person := chu()
	r := domaintest.Must[treatment.Record](t)(n.svc.Register(n.ctx, officer, treatment.NewRecord{OwnerUnit: "VN-11-C001",
		Person: person, Tests: []treatment.Test{positive("2025-02-03")}, Determination: &treatment.Determination{
			Date: day("2025-02-05"), Conclusion: treatment.ConclusionAddicted, By: "Bác sĩ Nguyễn Thị Hạnh"}}))
	other := n.register(officer, "VN-11-C001", "Giàng A Sử")
	file := n.fileBytes()
	for _, secret := range []string{person.Name, "Lầu", person.IDNumber, "Huổi Lếch", "Nguyễn Thị Hạnh", "METH_TABLET", "addicted"} {
		if bytes.Contains(file, []byte(secret)) || bytes.Contains(file, []byte(strings.ToUpper(secret))) {
			t.Errorf("the database file holds %q in plaintext", secret)
		}
	}
	if !bytes.Contains(file, []byte(r.ID)) || !bytes.Contains(file, []byte("VN-11-C001")) {
		t.Fatal("the test reads the wrong file: the record's id and unit are not in it")
	}

	// Another node's key file.
	stranger, err := sealed.CreateKeyFile(n.keyPath + ".other")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stranger.Close)
	_, err = n.service(stranger).Record(n.ctx, officer, r.ID)
	if !errors.Is(err, sealed.ErrUnknownKey) {
		t.Errorf("read with another key file: %v", err)
	}
	// No key file at all: records are unavailable, figures are not.
	_, err = n.service(nil).Record(n.ctx, officer, r.ID)
	domaintest.WantErr(t, "no key file", err, borderlink.EUnavailable, "error.treatment_no_keys")
	if c, err := n.service(nil).Counts(n.ctx, officer, "VN-11-C001"); err != nil || c.Open != 2 {
		t.Errorf("figures without a key file: %+v %v", c, err)
	}

	// The person of one record copied into the other, as someone with the
	// database could.
	copySealed(t, n, r.ID, other.ID, "person")
	_, err = n.svc.Record(n.ctx, officer, other.ID)
	if !errors.Is(err, sealed.ErrWrongContext) {
		t.Errorf("read of a value copied from another record: %v", err)
	}
}

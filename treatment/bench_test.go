package treatment_test

import (
	"testing"

	"github.com/borderlink/borderlink/treatment"
)

// fullRecord registers a record with every field group filled, as a
// person's file stands after a year of treatment, and returns its id.
func fullRecord(b *testing.B, n *node) string {
	r := n.register(officer, "VN-11-C001", "Lầu Văn Chứ")
	for _, step := range []func() (treatment.Record, error){
		func() (treatment.Record, error) {
			return n.svc.SetDetermination(n.ctx, officer, r.ID, treatment.Determination{Date: day("2025-02-05"),
				Conclusion: treatment.ConclusionAddicted, By: "Trạm y tế xã Mường Nhé"})
		},
		func() (treatment.Record, error) {
			return n.svc.SetManagement(n.ctx, officer, r.ID, treatment.Management{Start: day("2025-02-05"), Unit: "VN-11-C001"})
		},
		func() (treatment.Record, error) {
			return n.svc.AddEpisode(n.ctx, officer, r.ID, treatment.Episode{Kind: treatment.EpisodeVoluntaryCentre,
				Centre: "Cơ sở cai nghiện ma túy tỉnh Điện Biên", Start: day("2025-02-10"), End: day("2025-08-10"),
				Outcome: treatment.OutcomeCompleted})
		},
		func() (treatment.Record, error) {
			return n.svc.AddPeriod(n.ctx, officer, r.ID, treatment.Period{Start: day("2025-08-10"), End: day("2027-08-09"), Unit: "VN-11-C001"})
		},
		func() (treatment.Record, error) {
			return n.svc.AddRelapse(n.ctx, officer, r.ID, treatment.Relapse{Date: day("2026-03-01"), Note: "Xét nghiệm lại dương tính"})
		},
		func() (treatment.Record, error) {
			return n.svc.AddSupport(n.ctx, officer, r.ID, treatment.Support{Kind: treatment.SupportJob, Date: day("2026-04-01"),
				Provider: "Hợp tác xã chè Mường Nhé", Note: "Việc làm thời vụ"})
		},
	} {
		if _, err := step(); err != nil {
			b.Fatal(err)
		}
	}
	return r.ID
}

// BenchmarkSaveRecord measures one write of a whole record: open its
// eight sealed groups, check the record, seal them again and store them
// with the audit entry, in one SQLite transaction.
func BenchmarkSaveRecord(b *testing.B) {
	n := newNode(b)
	id := fullRecord(b, n)
	p := chu()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := n.svc.UpdatePerson(n.ctx, officer, id, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRegisterRecord measures the registration of a new person.
func BenchmarkRegisterRecord(b *testing.B) {
	n := newNode(b)
	b.ReportAllocs()
	for b.Loop() {
		n.register(officer, "VN-11-C001", "Lầu Văn Chứ")
	}
}

// BenchmarkOpenRecord measures one audited read of a whole record: load
// it, open its eight sealed groups, append the audit entry.
func BenchmarkOpenRecord(b *testing.B) {
	n := newNode(b)
	id := fullRecord(b, n)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := n.svc.Record(n.ctx, officer, id); err != nil {
			b.Fatal(err)
		}
	}
}

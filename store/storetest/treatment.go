package storetest

import (
	"bytes"
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/treatment"
)

func testTreatment(t *testing.T, o Opener) {
	t.Run("RoundTrip", func(t *testing.T) { testTreatmentRoundTrip(t, o) })
	t.Run("FindRecords", func(t *testing.T) { testTreatmentFind(t, o) })
	t.Run("Tally", func(t *testing.T) { testTreatmentTally(t, o) })
	t.Run("SealedValues", func(t *testing.T) { testTreatmentSealed(t, o) })
	t.Run("CasePerson", func(t *testing.T) { testTreatmentCasePerson(t, o) })
}

// trRun runs fn on the treatment repository of s, in a read-write
// transaction when write is set, failing the test on an error.
func trRun(t *testing.T, s store.Store, write bool, fn func(r treatment.Repo) error) {
	t.Helper()
	run := s.View
	if write {
		run = s.Update
	}
	if err := run(context.Background(), func(tx store.Tx) error { return fn(tx.Treatment()) }); err != nil {
		t.Fatal(err)
	}
}

// trScope is the scope path of a commune of Điện Biên.
const trScope = "/VN-MPS/VN-11/VN-11-C001/"

// trValue is a sealed value as storage sees it: opaque bytes, zeros and
// high bytes included, which must come back exactly.
func trValue(key string, n int) []byte {
	b := append([]byte{1}, key...)
	for i := range n {
		b = append(b, byte(i*37), 0, 0xFF)
	}
	return b
}

// trRow returns a record of a commune of Điện Biên with sealed groups,
// changed by mods.
func trRow(id string, mods ...func(*treatment.Row)) treatment.Row {
	r := treatment.Row{ID: id, OwnerUnit: "VN-11-C001", Scope: trScope, Status: treatment.StatusInRehabilitation,
		Rehab: treatment.EpisodeVoluntaryCentre, LastRelapse: borderlink.MustParseDate("2026-05-02"),
		Until: borderlink.MustParseDate("2027-01-31"), Created: csT0, Updated: csT0.Add(time.Hour),
		Sealed: []treatment.Sealed{
			{Field: "episodes", KeyID: "0badc0de", Value: trValue("0badc0de", 40)},
			{Field: "person", KeyID: "0badc0de", Value: trValue("0badc0de", 10)},
			{Field: "tests", KeyID: "9c1f02ab", Value: trValue("9c1f02ab", 3)},
		}}
	for _, m := range mods {
		m(&r)
	}
	return r
}

func testTreatmentRoundTrip(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	want := trRow("r1")
	bare := trRow("r2", func(r *treatment.Row) {
		r.Status, r.Rehab, r.LastRelapse, r.Until = treatment.StatusUnderManagement, "", borderlink.Date{}, borderlink.Date{}
		r.Sealed = []treatment.Sealed{{Field: "person", KeyID: "0badc0de", Value: trValue("0badc0de", 1)}}
	})
	trRun(t, s, true, func(r treatment.Repo) error {
		if err := r.PutRecord(ctx, want); err != nil {
			return err
		}
		return r.PutRecord(ctx, bare)
	})
	trRun(t, s, false, func(r treatment.Repo) error {
		for _, w := range []treatment.Row{want, bare} {
			got, err := r.Record(ctx, w.ID)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("record %s:\n got %+v\nwant %+v", w.ID, got, w)
			}
		}
		_, err := r.Record(ctx, "nope")
		wantCode(t, "missing record", err, borderlink.ENotFound)
		return nil
	})
	// Replacing keeps exactly the groups given.
	changed := trRow("r1", func(r *treatment.Row) {
		r.Status, r.Rehab, r.Updated = treatment.StatusPostRehabilitation, "", csT0.Add(2*time.Hour)
		r.Sealed = []treatment.Sealed{{Field: "person", KeyID: "9c1f02ab", Value: trValue("9c1f02ab", 11)}}
	})
	trRun(t, s, true, func(r treatment.Repo) error { return r.PutRecord(ctx, changed) })
	trRun(t, s, false, func(r treatment.Repo) error {
		got, err := r.Record(ctx, "r1")
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, changed) {
			t.Errorf("replaced record:\n got %+v\nwant %+v", got, changed)
		}
		return nil
	})
}

func testTreatmentFind(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	other := "/VN-MPS/VN-11/VN-11-C002/"
	laos := "/LA-MPS/LA-07/LA-07-D01/"
	rows := []treatment.Row{
		trRow("a", func(r *treatment.Row) { r.Created = csT0 }),
		trRow("b", func(r *treatment.Row) { r.Created, r.Status = csT0.Add(time.Minute), treatment.StatusRelapsed }),
		trRow("c", func(r *treatment.Row) { r.Created, r.Scope, r.OwnerUnit = csT0.Add(2*time.Minute), other, "VN-11-C002" }),
		trRow("d", func(r *treatment.Row) { r.Created, r.Scope, r.OwnerUnit = csT0.Add(3*time.Minute), laos, "LA-07-D01" }),
	}
	trRun(t, s, true, func(r treatment.Repo) error {
		for _, row := range rows {
			if err := r.PutRecord(ctx, row); err != nil {
				return err
			}
		}
		return nil
	})
	for _, c := range []struct {
		name  string
		q     treatment.Select
		ids   []string
		total int
	}{
		{"one commune", treatment.Select{Under: []string{"VN-11-C001"}, Limit: 10}, []string{"b", "a"}, 2},
		{"the province", treatment.Select{Under: []string{"VN-11"}, Limit: 10}, []string{"c", "b", "a"}, 3},
		{"two units", treatment.Select{Under: []string{"VN-11-C002", "LA-07"}, Limit: 10}, []string{"d", "c"}, 2},
		{"a prefix is not a unit", treatment.Select{Under: []string{"VN-1"}, Limit: 10}, nil, 0},
		{"no units", treatment.Select{Limit: 10}, nil, 0},
		{"status", treatment.Select{Under: []string{"VN-MPS"}, Status: treatment.StatusRelapsed, Limit: 10}, []string{"b"}, 1},
		{"page", treatment.Select{Under: []string{"VN-MPS", "LA-MPS"}, Limit: 2, Offset: 1}, []string{"c", "b"}, 4},
	} {
		trRun(t, s, false, func(r treatment.Repo) error {
			got, total, err := r.FindRecords(ctx, c.q)
			if err != nil {
				return err
			}
			var ids []string
			for _, g := range got {
				ids = append(ids, g.ID)
				if len(g.Sealed) != 3 {
					t.Errorf("%s: record %s came with %d sealed groups", c.name, g.ID, len(g.Sealed))
				}
			}
			if !slices.Equal(ids, c.ids) || total != c.total {
				t.Errorf("%s: %v of %d, want %v of %d", c.name, ids, total, c.ids, c.total)
			}
			// The SQL agrees with the definition (rows are newest last).
			if c.q.Offset == 0 {
				var def []string
				for _, row := range slices.Backward(rows) {
					if slices.ContainsFunc(c.q.Under, func(u string) bool { return treatment.Under(row.Scope, u) }) &&
						(c.q.Status == "" || c.q.Status == row.Status) {
						def = append(def, row.ID)
					}
				}
				if !slices.Equal(def, c.ids) {
					t.Errorf("%s: treatment.Under selects %v", c.name, def)
				}
			}
			return nil
		})
	}
}

func testTreatmentTally(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	day := borderlink.MustParseDate
	today, since := day("2026-11-20"), day("2025-11-21")
	rows := []treatment.Row{
		trRow("home", func(r *treatment.Row) { r.Rehab = treatment.EpisodeHomeCommunity }),
		trRow("centre1"),
		trRow("centre2", func(r *treatment.Row) { r.LastRelapse = day("2025-11-21") }),
		trRow("post", func(r *treatment.Row) {
			r.Status, r.Rehab, r.Until, r.LastRelapse = treatment.StatusPostRehabilitation, "", day("2026-11-20"), borderlink.Date{}
		}),
		trRow("lapsed", func(r *treatment.Row) {
			r.Status, r.Rehab, r.Until, r.LastRelapse = treatment.StatusPostRehabilitation, "", day("2026-11-19"), day("2025-11-20")
		}),
		trRow("closed", func(r *treatment.Row) { r.Status, r.Rehab = treatment.StatusClosed, "" }),
		trRow("elsewhere", func(r *treatment.Row) { r.Scope, r.OwnerUnit = "/VN-MPS/VN-14/VN-14-C001/", "VN-14-C001" }),
	}
	trRun(t, s, true, func(r treatment.Repo) error {
		for _, row := range rows {
			if err := r.PutRecord(ctx, row); err != nil {
				return err
			}
		}
		return nil
	})
	trRun(t, s, false, func(r treatment.Repo) error {
		got, err := r.Tally(ctx, "VN-11", today, since)
		if err != nil {
			return err
		}
		want := treatment.Tally{Rows: []treatment.TallyRow{
			{Status: treatment.StatusClosed, Rehab: "", N: 1},
			{Status: treatment.StatusInRehabilitation, Rehab: treatment.EpisodeHomeCommunity, N: 1},
			{Status: treatment.StatusInRehabilitation, Rehab: treatment.EpisodeVoluntaryCentre, N: 2},
			{Status: treatment.StatusPostRehabilitation, Rehab: "", N: 1},
			{Status: treatment.StatusPostRehabilitation, Rehab: "", Lapsed: true, N: 1},
		}, RelapsedSince: 3} // home, centre1 (2026-05-02) and centre2 (on the day); not closed, not 2025-11-20
		if !reflect.DeepEqual(got, want) {
			t.Errorf("tally:\n got %+v\nwant %+v", got, want)
		}
		empty, err := r.Tally(ctx, "VN-40", today, since)
		if err != nil {
			return err
		}
		if len(empty.Rows) != 0 || empty.RelapsedSince != 0 {
			t.Errorf("tally of a unit without records: %+v", empty)
		}
		return nil
	})
}

func testTreatmentSealed(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	trRun(t, s, true, func(r treatment.Repo) error {
		for _, id := range []string{"r1", "r2"} {
			if err := r.PutRecord(ctx, trRow(id)); err != nil {
				return err
			}
		}
		return nil
	})
	trRun(t, s, true, func(r treatment.Repo) error {
		use, err := r.KeyUsage(ctx)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(use, map[string]int{"0badc0de": 4, "9c1f02ab": 2}) {
			t.Errorf("key usage %v", use)
		}
		old, err := r.SealedNotUnder(ctx, "9c1f02ab", 3)
		if err != nil {
			return err
		}
		var names []string
		for _, ref := range old {
			names = append(names, ref.RecordID+"/"+ref.Field)
		}
		if !slices.Equal(names, []string{"r1/episodes", "r1/person", "r2/episodes"}) {
			t.Errorf("values not under 9c1f02ab: %v", names)
		}
		if !bytes.Equal(old[0].Value, trValue("0badc0de", 40)) || old[0].KeyID != "0badc0de" {
			t.Errorf("value read back differs: %x", old[0].Value)
		}
		for _, ref := range old {
			ref.KeyID, ref.Value = "9c1f02ab", trValue("9c1f02ab", 5)
			if err := r.PutSealed(ctx, ref); err != nil {
				return err
			}
		}
		err = r.PutSealed(ctx, treatment.SealedRef{RecordID: "r1", Sealed: treatment.Sealed{Field: "closure", KeyID: "9c1f02ab", Value: []byte{1}}})
		wantCode(t, "a group the record lacks", err, borderlink.ENotFound)
		return nil
	})
	trRun(t, s, false, func(r treatment.Repo) error {
		use, err := r.KeyUsage(ctx)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(use, map[string]int{"0badc0de": 1, "9c1f02ab": 5}) {
			t.Errorf("key usage after resealing three values: %v", use)
		}
		got, err := r.Record(ctx, "r1")
		if err != nil {
			return err
		}
		if got.Sealed[0].KeyID != "9c1f02ab" || !bytes.Equal(got.Sealed[0].Value, trValue("9c1f02ab", 5)) {
			t.Errorf("resealed value not stored: %+v", got.Sealed[0])
		}
		return nil
	})
}

func testTreatmentCasePerson(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	p := csPerson("p1", "Lầu Văn Chứ", "LAU VAN CHU", "/VN-MPS/VN-11/")
	p.Birth = "1991-08"
	csUpdate(t, s, func(r cases.Repo) error { return r.PutPerson(ctx, p) })
	trRun(t, s, false, func(r treatment.Repo) error {
		got, err := r.CasePerson(ctx, "p1")
		if err != nil {
			return err
		}
		if got != (treatment.CasePerson{ID: "p1", Origin: "vn.mps", Birth: "1991-08"}) {
			t.Errorf("case person %+v", got)
		}
		_, err = r.CasePerson(ctx, "p2")
		wantCode(t, "missing case person", err, borderlink.ENotFound)
		return nil
	})
}

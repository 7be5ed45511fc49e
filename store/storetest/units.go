package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/units"
)

func testUnits(t *testing.T, o Opener) {
	t.Run("Empty", func(t *testing.T) { testUnitsEmpty(t, o) })
	t.Run("RoundTrip", func(t *testing.T) { testUnitsRoundTrip(t, o) })
	t.Run("Upsert", func(t *testing.T) { testUnitsUpsert(t, o) })
	t.Run("Integrity", func(t *testing.T) { testUnitsIntegrity(t, o) })
}

// unitsData is a small directory: two countries, levels with two records of
// one code, units whose codes sort differently by bytes and by locale, a
// successor link and a pair across the border.
func unitsData() units.Data {
	d := borderlink.MustParseDate
	return units.Data{
		Countries: []units.Country{
			{Code: "LA", Name: borderlink.Text{VI: "Lào", LO: "ສປປ ລາວ", EN: "Laos"}},
			{Code: "VN", Name: borderlink.Text{VI: "Việt Nam", LO: "ຫວຽດນາມ", EN: "Viet Nam"}},
		},
		Levels: []units.Level{
			{Country: "LA", Code: "ministry", Rank: 0, Name: borderlink.Text{LO: "ກະຊວງປ້ອງກັນຄວາມສະຫງົບ"}},
			{Country: "LA", Code: "province", Rank: 1, Name: borderlink.Text{EN: "Province"}},
			{Country: "VN", Code: "ministry", Rank: 0, Name: borderlink.Text{VI: "Bộ Công an"}},
			{Country: "VN", Code: "province", Rank: 1, Name: borderlink.Text{VI: "Công an tỉnh"}},
			{Country: "VN", Code: "commune", Rank: 3, Name: borderlink.Text{VI: "Công an xã/phường/thị trấn"}, ValidTo: d("2025-06-30")},
			{Country: "VN", Code: "commune", Rank: 3, Name: borderlink.Text{VI: "Công an xã/phường/đặc khu"}, ValidFrom: d("2025-07-01")},
		},
		Units: []units.Unit{
			{Code: "LA-02", Country: "LA", Level: "province", Parent: "LA-MPS", Source: "reference", Border: true,
				Name: borderlink.Text{LO: "ກອງບັນຊາການ ປກສ ແຂວງ ຜົ້ງສາລີ", EN: "Phongsaly"}, PlaceName: borderlink.Text{LO: "ຜົ້ງສາລີ"}},
			{Code: "LA-MPS", Country: "LA", Level: "ministry", Source: "reference"},
			{Code: "VN-11", Country: "VN", Level: "province", Parent: "VN-MPS", Source: "reference", Border: true,
				Name:      borderlink.Text{VI: "Công an tỉnh Điện Biên", LO: "ກອງບັນຊາການ ປກສ ແຂວງ ດ້ຽນບຽນ", EN: "Dien Bien Provincial Police"},
				PlaceName: borderlink.Text{VI: "Điện Biên", EN: "Dien Bien"}},
			{Code: "VN-11-C001", Country: "VN", Level: "commune", Parent: "VN-11", Source: "demo", ValidFrom: d("2025-07-01")},
			{Code: "VN-110", Country: "VN", Level: "province", Parent: "VN-MPS", Source: "import", ValidTo: d("2025-06-30"),
				Successors: []string{"VN-11", "VN-11-C001"}},
			{Code: "VN-MPS", Country: "VN", Level: "ministry", Source: "reference", Name: borderlink.Text{VI: "Bộ Công an"}},
		},
		Counterparts: []units.Counterpart{
			{A: "LA-02", B: "VN-11", Level: "province"},
			{A: "LA-02", B: "VN-110", Level: "province", ValidTo: d("2025-06-30")},
			{A: "LA-MPS", B: "VN-MPS", Level: "ministry", ValidFrom: d("2000-01-01")},
		},
	}
}

// writeUnits stores d, parents before children and successor links last.
func writeUnits(ctx context.Context, r units.Repo, d units.Data) error {
	for _, c := range d.Countries {
		if err := r.UpsertCountry(ctx, c); err != nil {
			return err
		}
	}
	for _, l := range d.Levels {
		if err := r.UpsertLevel(ctx, l); err != nil {
			return err
		}
	}
	written := map[string]bool{}
	for len(written) < len(d.Units) {
		n := len(written)
		for _, u := range d.Units {
			if !written[u.Code] && (u.Parent == "" || written[u.Parent]) {
				if err := r.UpsertUnit(ctx, u); err != nil {
					return err
				}
				written[u.Code] = true
			}
		}
		if len(written) == n {
			return errors.New("units without their parents")
		}
	}
	for _, u := range d.Units {
		for _, s := range u.Successors {
			if err := r.AddSuccessor(ctx, u.Code, s); err != nil {
				return err
			}
		}
	}
	for _, c := range d.Counterparts {
		if err := r.UpsertCounterpart(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

func listUnits(t *testing.T, s store.Store) units.Data {
	t.Helper()
	ctx := context.Background()
	var d units.Data
	if err := s.View(ctx, func(tx store.Tx) (err error) { d, err = tx.Units().List(ctx); return err }); err != nil {
		t.Fatal(err)
	}
	return d
}

func testUnitsEmpty(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	d := listUnits(t, s)
	if len(d.Countries)+len(d.Levels)+len(d.Units)+len(d.Counterparts) != 0 || d.Aliases != nil {
		t.Fatalf("a new store lists %+v", d)
	}
	err := s.View(ctx, func(tx store.Tx) error { _, err := tx.Units().GetUnit(ctx, "VN-11"); return err })
	if e := borderlink.AsError(err); !borderlink.IsCode(err, borderlink.ENotFound) || e.Key != "error.unknown_unit" {
		t.Fatalf("GetUnit of a missing unit: %v, want ENotFound error.unknown_unit", err)
	}
}

func testUnitsRoundTrip(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	want := unitsData()
	if err := s.Update(ctx, func(tx store.Tx) error { return writeUnits(ctx, tx.Units(), want) }); err != nil {
		t.Fatal(err)
	}
	if o.Reopen != nil {
		s = o.Reopen(t, s)
	}
	got := listUnits(t, s)
	// List sorts levels by country, rank and start, and codes by bytes
	// ("VN-11-C001" before "VN-110").
	if !reflect.DeepEqual(got.Countries, want.Countries) {
		t.Errorf("countries:\n got %+v\nwant %+v", got.Countries, want.Countries)
	}
	wantLevels := []units.Level{want.Levels[0], want.Levels[1], want.Levels[2], want.Levels[3], want.Levels[4], want.Levels[5]}
	if !reflect.DeepEqual(got.Levels, wantLevels) {
		t.Errorf("levels:\n got %+v\nwant %+v", got.Levels, wantLevels)
	}
	if !reflect.DeepEqual(got.Units, want.Units) {
		t.Errorf("units:\n got %+v\nwant %+v", got.Units, want.Units)
	}
	if !reflect.DeepEqual(got.Counterparts, want.Counterparts) {
		t.Errorf("counterparts:\n got %+v\nwant %+v", got.Counterparts, want.Counterparts)
	}
	var u units.Unit
	if err := s.View(ctx, func(tx store.Tx) (err error) { u, err = tx.Units().GetUnit(ctx, "VN-110"); return err }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(u, want.Units[4]) {
		t.Errorf("GetUnit:\n got %+v\nwant %+v", u, want.Units[4])
	}
}

func testUnitsUpsert(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	d := unitsData()
	if err := s.Update(ctx, func(tx store.Tx) error { return writeUnits(ctx, tx.Units(), d) }); err != nil {
		t.Fatal(err)
	}
	err := s.Update(ctx, func(tx store.Tx) error {
		r := tx.Units()
		d.Countries[0].Name.EN = "Lao PDR"
		d.Levels[4].Name.EN, d.Levels[4].ValidTo = "Commune", borderlink.NewDate(2025, 6, 29)
		// Every field but Successors is replaced; a unit becomes a root.
		u := d.Units[4]
		u.Parent, u.Level, u.Border, u.Source, u.Successors = "", "ministry", true, "reference", []string{"VN-MPS"}
		u.Name = borderlink.Text{VI: "Mới"}
		u.ValidFrom, u.ValidTo = borderlink.NewDate(2020, 1, 1), borderlink.Date{}
		d.Units[4] = u
		d.Units[4].Successors = []string{"VN-11-C001"}
		d.Counterparts[1].Level, d.Counterparts[1].ValidTo = "district", borderlink.Date{}
		for _, f := range []func() error{
			func() error { return r.UpsertCountry(ctx, d.Countries[0]) },
			func() error { return r.UpsertLevel(ctx, d.Levels[4]) },
			func() error { return r.UpsertUnit(ctx, u) },
			func() error { return r.AddSuccessor(ctx, "VN-110", "VN-11-C001") }, // already there
			func() error { return r.RemoveSuccessor(ctx, "VN-110", "VN-11") },
			func() error { return r.RemoveSuccessor(ctx, "VN-110", "VN-11") }, // already gone
			func() error { return r.UpsertCounterpart(ctx, d.Counterparts[1]) },
		} {
			if err := f(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := listUnits(t, s)
	if !reflect.DeepEqual(got.Countries, d.Countries) || !reflect.DeepEqual(got.Units, d.Units) ||
		!reflect.DeepEqual(got.Counterparts, d.Counterparts) || !reflect.DeepEqual(got.Levels[4], d.Levels[4]) || len(got.Levels) != 6 {
		t.Errorf("after upserts:\n got %+v\nwant %+v", got, d)
	}
}

// testUnitsIntegrity checks that a unit, link or pair naming a missing
// record is refused with EInvalid, and that a failed transaction leaves
// nothing behind.
func testUnitsIntegrity(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	d := unitsData()
	if err := s.Update(ctx, func(tx store.Tx) error { return writeUnits(ctx, tx.Units(), d) }); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(units.Repo) error{
		"level of a missing country": func(r units.Repo) error {
			return r.UpsertLevel(ctx, units.Level{Country: "TH", Code: "ministry"})
		},
		"unit of a missing country": func(r units.Repo) error {
			return r.UpsertUnit(ctx, units.Unit{Code: "TH-MPS", Country: "TH", Level: "ministry", Source: "import"})
		},
		"unit with a missing parent": func(r units.Repo) error {
			return r.UpsertUnit(ctx, units.Unit{Code: "VN-12", Country: "VN", Level: "province", Parent: "VN-XX", Source: "import"})
		},
		"successor missing": func(r units.Repo) error { return r.AddSuccessor(ctx, "VN-11", "VN-99") },
		"pair with a missing unit": func(r units.Repo) error {
			return r.UpsertCounterpart(ctx, units.Counterpart{A: "LA-99", B: "VN-11", Level: "province"})
		},
	} {
		err := s.Update(ctx, func(tx store.Tx) error { return f(tx.Units()) })
		if !borderlink.IsCode(err, borderlink.EInvalid) {
			t.Errorf("%s: %v, want EInvalid", name, err)
		}
	}
	boom := errors.New("boom")
	err := s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Units().UpsertUnit(ctx, units.Unit{Code: "VN-12", Country: "VN", Level: "province", Parent: "VN-MPS", Source: "import"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if got := listUnits(t, s); !reflect.DeepEqual(got.Units, d.Units) {
		t.Errorf("a rolled-back or refused write is visible: %+v", got.Units)
	}
}

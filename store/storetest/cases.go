package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/store"
)

func testCases(t *testing.T, o Opener) {
	t.Run("RoundTrip", func(t *testing.T) { testCasesRoundTrip(t, o) })
	t.Run("CodeUnique", func(t *testing.T) { testCasesCodeUnique(t, o) })
	t.Run("FindCases", func(t *testing.T) { testCasesFind(t, o) })
	t.Run("Persons", func(t *testing.T) { testCasesPersons(t, o) })
	t.Run("Photos", func(t *testing.T) { testCasesPhotos(t, o) })
	t.Run("Subjects", func(t *testing.T) { testCasesSubjects(t, o) })
	t.Run("Records", func(t *testing.T) { testCasesRecords(t, o) })
}

// csT0 is a time with microseconds, the precision stored.
var csT0 = time.Date(2026, 3, 9, 1, 30, 15, 123456000, time.UTC)

func csUpdate(t *testing.T, s store.Store, fn func(r cases.Repo) error) {
	t.Helper()
	if err := s.Update(context.Background(), func(tx store.Tx) error { return fn(tx.Cases()) }); err != nil {
		t.Fatal(err)
	}
}

func csView(t *testing.T, s store.Store, fn func(r cases.Repo) error) {
	t.Helper()
	if err := s.View(context.Background(), func(tx store.Tx) error { return fn(tx.Cases()) }); err != nil {
		t.Fatal(err)
	}
}

// csCase returns case 522H of vn.mps led by Nghệ An with two Lao partners,
// changed by mods.
func csCase(id string, mods ...func(*cases.CaseRecord)) cases.CaseRecord {
	r := cases.CaseRecord{
		Case: cases.Case{ID: id, Origin: "vn.mps", Code: "522H", Title: "Chuyên án ma túy đá tuyến Nậm Cắn",
			Summary: "Đường dây vận chuyển ma túy từ Xiêng Khoảng qua cửa khẩu Nậm Cắn.\nPhối hợp với ຕຳຫຼວດ ແຂວງ ຊຽງຂວາງ.",
			Lang:    borderlink.LangVI, LeadUnit: "VN-40", PartnerUnits: []string{"LA-09", "LA-07"},
			Status: cases.StatusActive, StatusHistory: []cases.StatusChange{
				{Status: cases.StatusProposed, Day: borderlink.MustParseDate("2026-01-05"), By: "an@vn.mps"},
				{Status: cases.StatusActive, Day: borderlink.MustParseDate("2026-01-20"), By: "binh@vn.mps", Note: "Phê duyệt"},
			},
			Opened: borderlink.MustParseDate("2026-01-20"), Handling: cases.Releasable,
			Created: csT0, Updated: csT0.Add(time.Hour), Released: csT0.Add(2 * time.Hour)},
		Scope: "/VN-MPS/VN-40/ /LA-MPS/LA-09/ /LA-MPS/LA-07/",
	}
	for _, m := range mods {
		m(&r)
	}
	r.CodeKey = cases.CodeKey(r.Code)
	if r.Search == "" {
		r.Search = cases.Fold(r.Code + " " + r.Title)
	}
	return r
}

// csPerson returns a person kept by the last unit of scope (VN-40 when
// scope is "").
func csPerson(id, name, latin, scope string) cases.PersonRecord {
	owner := "VN-40"
	if parts := strings.Split(strings.Trim(scope, "/"), "/"); scope != "" {
		owner = parts[len(parts)-1]
	}
	return cases.PersonRecord{
		Person: cases.Person{ID: id, Origin: "vn.mps", OwnerUnit: owner, Name: name, NameLatin: latin,
			Aliases: []string{}, Sex: cases.SexUnknown, Documents: []cases.Document{}, Phones: []string{},
			Addresses: []cases.Address{}, Photos: []cases.Photo{}, Created: csT0, Updated: csT0},
		Scope:  scope,
		Search: cases.Fold(name + " " + latin),
	}
}

func csFullPerson() cases.PersonRecord {
	p := csPerson("p-full", "ສົມພອນ ວົງສະຫວັນ", "Somphone Vongsavanh", "/LA-MPS/LA-09/")
	p.Origin = "la.mps"
	p.Aliases = []string{"Phone", "ອ້າຍພອນ"}
	p.Birth, p.Sex, p.Nationality = "1988-05", cases.SexMale, "LA"
	p.Documents = []cases.Document{{Type: cases.DocIDCard, Number: "01-234567", Country: "LA"}, {Type: cases.DocPassport, Number: "P1234567"}}
	p.Phones = []string{"+8562055551234", "+84912345678"}
	p.Addresses = []cases.Address{{Text: "Ban Phonsavan, Pek", Unit: "LA-0901"}, {Text: "Không rõ"}}
	p.Notes = "Nghi vấn cầm đầu.\n\"Đặc biệt\" 100%_chắc"
	p.Released = csT0.Add(3 * time.Hour)
	p.Search = cases.Fold("ສົມພອນ ວົງສະຫວັນ Somphone Vongsavanh Phone ອ້າຍພອນ")
	return p
}

func f64(v float64) *float64 { return &v }

func csSeizure(id, caseID string) cases.Seizure {
	w := stats.Amount{Value: "2.5", Unit: "kg"}
	return cases.Seizure{ID: id, CaseID: caseID, Origin: "vn.mps", Day: borderlink.MustParseDate("2026-02-14"), Place: "VN-40-C003",
		Lat: f64(19.4112345), Lon: f64(-104.1234567), Agency: stats.AgencyBorderGuard,
		Drugs: []cases.DrugItem{
			{Drug: "METH_CRYSTAL", Amount: stats.Amount{Value: "110", Unit: "kg"}},
			{Drug: "METH_TABLET", Amount: stats.Amount{Value: "24000", Unit: "pills"}, Weight: &w},
			{Drug: "HEROIN", Amount: stats.Amount{Value: "7,2", Unit: "kg"}, Pieces: 20},
		},
		Items: []cases.Item{
			{Kind: cases.ItemCash, Count: 1, Cash: &cases.Money{Amount: "150000000", Currency: "VND"}},
			{Kind: cases.ItemVehicle, Description: "Xe tải", Count: 1, Plate: "29C12345"},
			{Kind: cases.ItemPhone, Description: "Điện thoại", Count: 3},
		},
		Note: "Thu giữ tại chốt", Lang: borderlink.LangVI, Created: csT0, Updated: csT0, Released: csT0.Add(time.Minute)}
}

func testCasesRoundTrip(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	c := csCase("c1")
	full := csFullPerson()
	bare := csPerson("p-bare", "Trần Văn Đức", "", "/VN-MPS/VN-40/")
	sub := cases.CaseSubject{ID: "s1", CaseID: "c1", PersonID: "p-full", Role: cases.RoleOrganiser, Origin: "vn.mps",
		Created: csT0, Updated: csT0.Add(time.Second), Released: csT0.Add(time.Minute)}
	ev := cases.Event{ID: "e1", CaseID: "c1", Kind: cases.EventControlledDelivery, At: csT0.Add(-48 * time.Hour), Place: "LA-0901",
		Summary: "ການສົ່ງມອບພາຍໃຕ້ການຄວບຄຸມ", Lang: borderlink.LangLO, Origin: "la.mps", Created: csT0, Updated: csT0, Released: csT0}
	z := csSeizure("z1", "c1")
	loose := csSeizure("z2", "")
	loose.Lat, loose.Lon, loose.Released = nil, nil, time.Time{}
	loose.Items = []cases.Item{}
	ar := cases.Arrest{ID: "a1", CaseID: "c1", PersonID: "p-full", Origin: "vn.mps", Day: borderlink.MustParseDate("2026-02-14"),
		Place: "VN-40-C003", Agency: stats.AgencyPolice, Charge: cases.ChargeIllegalTransport, ChargeText: "Điều 250 BLHS",
		Created: csT0, Updated: csT0}
	ar2 := ar
	ar2.ID, ar2.CaseID, ar2.PersonID, ar2.Charge, ar2.ChargeText = "a2", "", "p-bare", cases.ChargeOther, ""
	other := csCase("c2", func(r *cases.CaseRecord) { r.Code, r.PartnerUnits, r.Released = "103H", []string{}, time.Time{} })
	link := cases.CaseLink{CaseID: "c2", OtherCaseID: "c1", Kind: cases.LinkSplitFrom, Origin: "vn.mps", Created: csT0}

	csUpdate(t, s, func(r cases.Repo) error {
		for _, err := range []error{
			r.PutCase(ctx, c), r.PutCase(ctx, other), r.PutPerson(ctx, full), r.PutPerson(ctx, bare),
			r.PutSubject(ctx, sub), r.PutEvent(ctx, ev), r.PutSeizure(ctx, z), r.PutSeizure(ctx, loose),
			r.PutArrest(ctx, ar), r.PutArrest(ctx, ar2), r.PutLink(ctx, link),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	csView(t, s, func(r cases.Repo) error {
		got, err := r.Case(ctx, "c1")
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, c) {
			t.Errorf("case:\n got %+v\nwant %+v", got, c)
		}
		if got, err := r.Case(ctx, "c2"); err != nil || !reflect.DeepEqual(got, other) {
			t.Errorf("case without partners: %+v, %v", got, err)
		}
		if got, err := r.CaseByCode(ctx, "vn.mps", "522H"); err != nil || got.ID != "c1" {
			t.Errorf("CaseByCode = %v, %v", got.ID, err)
		}
		for name, err := range map[string]error{
			"case":   second(r.Case(ctx, "none")),
			"code":   second(r.CaseByCode(ctx, "la.mps", "522H")),
			"person": second(r.Person(ctx, "none")),
			"event":  second(r.Event(ctx, "none")),
			"seiz":   second(r.Seizure(ctx, "none")),
			"arrest": second(r.Arrest(ctx, "none")),
			"subj":   second(r.Subject(ctx, "none")),
		} {
			if !borderlink.IsCode(err, borderlink.ENotFound) {
				t.Errorf("%s of a missing id: %v, want ENotFound", name, err)
			}
		}
		for _, want := range []cases.PersonRecord{full, bare} {
			got, err := r.Person(ctx, want.ID)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("person:\n got %+v\nwant %+v", got, want)
			}
		}
		if got, err := r.Subject(ctx, "s1"); err != nil || !reflect.DeepEqual(got, sub) {
			t.Errorf("subject = %+v, %v; want %+v", got, err, sub)
		}
		if got, err := r.Event(ctx, "e1"); err != nil || !reflect.DeepEqual(got, ev) {
			t.Errorf("event = %+v, %v; want %+v", got, err, ev)
		}
		if got, err := r.Events(ctx, "c1"); err != nil || len(got) != 1 {
			t.Errorf("events = %v, %v", got, err)
		}
		for _, want := range []cases.Seizure{z, loose} {
			got, err := r.Seizure(ctx, want.ID)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("seizure:\n got %+v\nwant %+v", got, want)
			}
		}
		if got, err := r.Seizures(ctx, "c1"); err != nil || len(got) != 1 || got[0].ID != "z1" {
			t.Errorf("seizures of c1 = %v, %v", got, err)
		}
		for _, want := range []cases.Arrest{ar, ar2} {
			got, err := r.Arrest(ctx, want.ID)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("arrest:\n got %+v\nwant %+v", got, want)
			}
		}
		if got, err := r.Arrests(ctx, cases.ArrestQuery{PersonID: "p-bare"}); err != nil || len(got) != 1 || got[0].ID != "a2" {
			t.Errorf("arrests of p-bare = %v, %v", got, err)
		}
		for _, id := range []string{"c1", "c2"} {
			got, err := r.Links(ctx, id)
			if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], link) {
				t.Errorf("links of %s = %+v, %v", id, got, err)
			}
		}
		return nil
	})

	// Put replaces: fewer partner units, another status, a seizure with
	// one item less.
	c.PartnerUnits = []string{"LA-07"}
	c.Status, c.Title, c.Updated = cases.StatusSuspended, "Chuyên án 522H (tạm dừng)", csT0.Add(5*time.Hour)
	c.StatusHistory = append(c.StatusHistory, cases.StatusChange{Status: cases.StatusSuspended, Day: borderlink.MustParseDate("2026-03-01"), By: "an@vn.mps"})
	z.Drugs = z.Drugs[:2]
	z.Lat = nil
	z.Lon = nil
	link.Kind = cases.LinkRelated
	csUpdate(t, s, func(r cases.Repo) error {
		for _, err := range []error{r.PutCase(ctx, c), r.PutSeizure(ctx, z), r.PutLink(ctx, link)} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	csView(t, s, func(r cases.Repo) error {
		if got, err := r.Case(ctx, "c1"); err != nil || !reflect.DeepEqual(got, c) {
			t.Errorf("replaced case:\n got %+v\nwant %+v (%v)", got, c, err)
		}
		if got, err := r.Seizure(ctx, "z1"); err != nil || !reflect.DeepEqual(got, z) {
			t.Errorf("replaced seizure:\n got %+v\nwant %+v (%v)", got, z, err)
		}
		if got, err := r.Links(ctx, "c1"); err != nil || len(got) != 1 || got[0].Kind != cases.LinkRelated {
			t.Errorf("replaced link = %+v, %v", got, err)
		}
		return nil
	})
}

func second[T any](_ T, err error) error { return err }

func testCasesCodeUnique(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	csUpdate(t, s, func(r cases.Repo) error { return r.PutCase(ctx, csCase("c1")) })
	// Another case of the same node with the same code, however written:
	// EConflict, and the transaction stays usable.
	err := s.Update(ctx, func(tx store.Tx) error {
		dup := csCase("c2", func(r *cases.CaseRecord) { r.Code = "522h" })
		if err := tx.Cases().PutCase(ctx, dup); !borderlink.IsCode(err, borderlink.EConflict) {
			t.Errorf("a second 522H: %v, want EConflict", err)
		}
		return tx.Cases().PutCase(ctx, csCase("c3", func(r *cases.CaseRecord) { r.Code = "523H" }))
	})
	if err != nil {
		t.Fatalf("the transaction after the conflict: %v", err)
	}
	// The same code on another node is another case; the case itself may
	// be stored again.
	csUpdate(t, s, func(r cases.Repo) error {
		if err := r.PutCase(ctx, csCase("c4", func(r *cases.CaseRecord) { r.Origin = "la.mps" })); err != nil {
			return err
		}
		return r.PutCase(ctx, csCase("c1"))
	})
	csView(t, s, func(r cases.Repo) error {
		_, n, err := r.FindCases(ctx, cases.CaseQuery{Scope: cases.Scope{All: true}, Limit: 10})
		if err != nil || n != 3 {
			t.Errorf("%d cases stored (%v), want 3", n, err)
		}
		return nil
	})
}

func csIDs[T any](xs []T, id func(T) string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

func caseID(r cases.CaseRecord) string     { return r.ID }
func personID(r cases.PersonRecord) string { return r.ID }

func testCasesFind(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	recs := []cases.CaseRecord{
		csCase("c1"), // VN-40 with LA-09, LA-07; active
		csCase("c2", func(r *cases.CaseRecord) {
			r.Code, r.Title, r.Status, r.LeadUnit, r.PartnerUnits = "103H", "Heroin Mường Lát", cases.StatusProposed, "VN-38", []string{"LA-07"}
			r.Scope = "/VN-MPS/VN-38/"
			r.Handling = cases.Restricted
		}),
		csCase("c3", func(r *cases.CaseRecord) {
			r.Code, r.Title, r.Status, r.LeadUnit, r.PartnerUnits = "07/CA", "ຢາບ້າ ຫົວພັນ", cases.StatusClosed, "VN-40-C003", nil
			r.Scope = "/VN-MPS/VN-40/VN-40-C003/"
		}),
		csCase("c4", func(r *cases.CaseRecord) {
			r.Origin, r.Code, r.Title, r.LeadUnit, r.PartnerUnits = "la.mps", "LA-15", "Chuyên án ĐÁ xanh", "LA-09", []string{"VN-40"}
			r.Scope = "/LA-MPS/LA-09/ /VN-MPS/VN-40/"
		}),
		csCase("c5", func(r *cases.CaseRecord) { r.Code, r.Scope = "C5", "" }), // a scope no reader passes
	}
	for i := range recs {
		recs[i].Created = csT0.Add(time.Duration(i) * time.Minute)
	}
	csUpdate(t, s, func(r cases.Repo) error {
		for _, c := range recs {
			if err := r.PutCase(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	find := func(q cases.CaseQuery) ([]string, int) {
		t.Helper()
		if q.Limit == 0 {
			q.Limit = 100
		}
		var got []cases.CaseRecord
		var n int
		csView(t, s, func(r cases.Repo) (err error) {
			got, n, err = r.FindCases(ctx, q)
			return err
		})
		return csIDs(got, caseID), n
	}
	all := cases.Scope{All: true}
	for _, tc := range []struct {
		name string
		q    cases.CaseQuery
		want []string
	}{
		{"everything, newest first", cases.CaseQuery{Scope: all}, []string{"c5", "c4", "c3", "c2", "c1"}},
		{"no grants", cases.CaseQuery{Scope: cases.Scope{}}, nil},
		{"Nghệ An", cases.CaseQuery{Scope: cases.Scope{Under: []string{"VN-40"}}}, []string{"c4", "c3", "c1"}},
		{"a commune of Nghệ An", cases.CaseQuery{Scope: cases.Scope{Under: []string{"VN-40-C003"}}}, []string{"c3"}},
		{"Houaphanh", cases.CaseQuery{Scope: cases.Scope{Under: []string{"LA-07"}}}, []string{"c1"}}, // c2 is restricted: its scope leaves LA-07 out
		{"the Lao ministry", cases.CaseQuery{Scope: cases.Scope{Under: []string{"LA-MPS"}}}, []string{"c4", "c1"}},
		{"two grants", cases.CaseQuery{Scope: cases.Scope{Under: []string{"VN-38", "LA-09"}}}, []string{"c4", "c2", "c1"}},
		{"a code prefix is not a unit", cases.CaseQuery{Scope: cases.Scope{Under: []string{"VN-4"}}}, nil},
		{"words", cases.CaseQuery{Scope: all, Words: []string{"da"}}, []string{"c5", "c4", "c1"}},
		{"Lao words", cases.CaseQuery{Scope: all, Words: []string{cases.Fold("ຢາບ້າ")}}, []string{"c3"}},
		{"code", cases.CaseQuery{Scope: all, Words: []string{"103h"}}, []string{"c2"}},
		{"two words", cases.CaseQuery{Scope: all, Words: []string{"heroin", "lat"}}, []string{"c2"}},
		{"status", cases.CaseQuery{Scope: all, Status: cases.StatusActive}, []string{"c5", "c4", "c1"}},
		{"lead or partner unit", cases.CaseQuery{Scope: all, Unit: "LA-07"}, []string{"c5", "c2", "c1"}},
		{"lead unit", cases.CaseQuery{Scope: all, Unit: "VN-38"}, []string{"c2"}},
		{"origin", cases.CaseQuery{Scope: all, Origin: "la.mps"}, []string{"c4"}},
		{"everything at once", cases.CaseQuery{Scope: cases.Scope{Under: []string{"VN-40"}}, Words: []string{"522h"}, Status: cases.StatusActive, Unit: "LA-09"}, []string{"c1"}},
	} {
		got, n := find(tc.q)
		if !slices.Equal(got, tc.want) || n != len(tc.want) {
			t.Errorf("%s: %v (total %d), want %v", tc.name, got, n, tc.want)
		}
		// The definition the SQL must agree with.
		if len(tc.q.Words) == 0 && tc.q.Status == "" && tc.q.Unit == "" && tc.q.Origin == "" {
			var want []string
			for i := len(recs) - 1; i >= 0; i-- {
				if tc.q.Scope.Match(recs[i].Scope) {
					want = append(want, recs[i].ID)
				}
			}
			if !slices.Equal(want, tc.want) {
				t.Errorf("%s: Scope.Match selects %v", tc.name, want)
			}
		}
	}
	if got, n := find(cases.CaseQuery{Scope: all, Limit: 2, Offset: 1}); !slices.Equal(got, []string{"c4", "c3"}) || n != 5 {
		t.Errorf("page 2 of 2: %v (total %d)", got, n)
	}
	if got, n := find(cases.CaseQuery{Scope: all, Limit: 2, Offset: 10}); len(got) != 0 || n != 5 {
		t.Errorf("past the end: %v (total %d)", got, n)
	}
}

func testCasesPersons(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	// p1 is kept by Nghệ An; p2 by Xiengkhouang and a subject of c1 (VN-40
	// with LA partners); p3 by Houaphanh and arrested in c1; p4 by
	// Houaphanh, arrested outside any case; p5 by Thanh Hóa and a subject
	// of c2, whose scope is Thanh Hóa alone.
	c1 := csCase("c1")
	c2 := csCase("c2", func(r *cases.CaseRecord) {
		r.Code, r.LeadUnit, r.PartnerUnits, r.Scope = "103H", "VN-38", nil, "/VN-MPS/VN-38/"
	})
	ps := []cases.PersonRecord{
		csPerson("p1", "Nguyễn Văn An", "Nguyen Van An", "/VN-MPS/VN-40/"),
		csPerson("p2", "ບຸນມີ ແກ້ວມະນີ", "Bounmy Keomany", "/LA-MPS/LA-09/"),
		csPerson("p3", "ສີສະຫວາດ", "Sisavath", "/LA-MPS/LA-07/"),
		csPerson("p4", "ຄຳຫຼ້າ", "Khamla", "/LA-MPS/LA-07/"),
		csPerson("p5", "Lê Thị Hoa", "Le Thi Hoa", "/VN-MPS/VN-38/"),
	}
	ps[1].Aliases = []string{"Mỹ"}
	ps[1].Search = cases.Fold("ບຸນມີ ແກ້ວມະນີ Bounmy Keomany Mỹ")
	day := borderlink.MustParseDate("2026-02-14")
	csUpdate(t, s, func(r cases.Repo) error {
		for _, err := range []error{r.PutCase(ctx, c1), r.PutCase(ctx, c2)} {
			if err != nil {
				return err
			}
		}
		for _, p := range ps {
			if err := r.PutPerson(ctx, p); err != nil {
				return err
			}
		}
		for _, err := range []error{
			r.PutSubject(ctx, cases.CaseSubject{ID: "s2", CaseID: "c1", PersonID: "p2", Role: cases.RoleCourier, Origin: "vn.mps", Created: csT0, Updated: csT0}),
			r.PutSubject(ctx, cases.CaseSubject{ID: "s5", CaseID: "c2", PersonID: "p5", Role: cases.RoleBuyer, Origin: "vn.mps", Created: csT0, Updated: csT0}),
			r.PutArrest(ctx, cases.Arrest{ID: "a3", CaseID: "c1", PersonID: "p3", Origin: "vn.mps", Day: day, Place: "VN-40", Agency: stats.AgencyPolice, Charge: cases.ChargeOther, Created: csT0, Updated: csT0}),
			r.PutArrest(ctx, cases.Arrest{ID: "a4", PersonID: "p4", Origin: "la.mps", Day: day, Place: "LA-07", Agency: stats.AgencyPolice, Charge: cases.ChargeOther, Created: csT0, Updated: csT0}),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	find := func(q cases.PersonQuery) ([]string, int) {
		t.Helper()
		if q.Limit == 0 {
			q.Limit = 100
		}
		var got []cases.PersonRecord
		var n int
		csView(t, s, func(r cases.Repo) (err error) {
			got, n, err = r.FindPersons(ctx, q)
			return err
		})
		return csIDs(got, personID), n
	}
	all := cases.Scope{All: true}
	for _, tc := range []struct {
		name string
		q    cases.PersonQuery
		want []string
	}{
		{"everything, by romanised name", cases.PersonQuery{Scope: all}, []string{"p2", "p4", "p5", "p1", "p3"}},
		{"nothing", cases.PersonQuery{Scope: cases.Scope{}}, nil},
		{"Nghệ An: its own and those of c1", cases.PersonQuery{Scope: cases.Scope{Under: []string{"VN-40"}}}, []string{"p2", "p1", "p3"}},
		{"Houaphanh: its own, and c1's through LA-07", cases.PersonQuery{Scope: cases.Scope{Under: []string{"LA-07"}}}, []string{"p2", "p4", "p3"}},
		{"Thanh Hóa", cases.PersonQuery{Scope: cases.Scope{Under: []string{"VN-38"}}}, []string{"p5"}},
		{"a name without diacritics", cases.PersonQuery{Scope: all, Words: []string{"nguyen", "an"}}, []string{"p1"}},
		{"an alias", cases.PersonQuery{Scope: all, Words: []string{"my"}}, []string{"p2"}},
		{"Lao script", cases.PersonQuery{Scope: all, Words: []string{cases.Fold("ຄຳຫລ້າ")}}, []string{"p4"}},
		{"owner unit", cases.PersonQuery{Scope: all, Unit: "LA-07"}, []string{"p4", "p3"}},
		{"scope and words", cases.PersonQuery{Scope: cases.Scope{Under: []string{"VN-40"}}, Words: []string{"khamla"}}, nil},
	} {
		got, n := find(tc.q)
		if !slices.Equal(got, tc.want) || n != len(tc.want) {
			t.Errorf("%s: %v (total %d), want %v", tc.name, got, n, tc.want)
		}
	}
	if got, n := find(cases.PersonQuery{Scope: all, Limit: 2, Offset: 2}); !slices.Equal(got, []string{"p5", "p1"}) || n != 5 {
		t.Errorf("page 2: %v (total %d)", got, n)
	}
}

// Minimal images whose content type http.DetectContentType recognises.
var (
	pngBytes  = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 40)...)
	jpegBytes = append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 40)...)
)

func testCasesPhotos(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	p := csPerson("p1", "Nguyễn Văn An", "Nguyen Van An", "/VN-MPS/VN-40/")
	ph := []cases.Photo{
		{ID: "ph1", ContentType: "image/png", Size: int64(len(pngBytes)), SHA256: "aa"},
		{ID: "ph2", ContentType: "image/jpeg", Size: int64(len(jpegBytes)), SHA256: "bb"},
		{ID: "ph3", ContentType: "image/png", Size: int64(len(pngBytes)), SHA256: "cc"},
	}
	csUpdate(t, s, func(r cases.Repo) error {
		if err := r.PutPerson(ctx, p); err != nil {
			return err
		}
		for i, x := range ph {
			data := pngBytes
			if i == 1 {
				data = jpegBytes
			}
			if err := r.PutPhoto(ctx, "p1", x, data); err != nil {
				return err
			}
		}
		return nil
	})
	err := s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Cases().PutPhoto(ctx, "p1", ph[0], pngBytes); !borderlink.IsCode(err, borderlink.EConflict) {
			t.Errorf("a photo stored twice: %v, want EConflict", err)
		}
		if err := tx.Cases().DeletePhoto(ctx, "p1", "ph2"); err != nil {
			return err
		}
		if err := tx.Cases().DeletePhoto(ctx, "p1", "ph2"); !borderlink.IsCode(err, borderlink.ENotFound) {
			t.Errorf("a photo deleted twice: %v, want ENotFound", err)
		}
		// Storing the person again keeps its photos.
		return tx.Cases().PutPerson(ctx, p)
	})
	if err != nil {
		t.Fatal(err)
	}
	csView(t, s, func(r cases.Repo) error {
		got, err := r.Person(ctx, "p1")
		if err != nil {
			return err
		}
		if want := []cases.Photo{ph[0], ph[2]}; !reflect.DeepEqual(got.Photos, want) {
			t.Errorf("photos = %+v, want %+v", got.Photos, want)
		}
		desc, data, err := r.PhotoData(ctx, "p1", "ph3")
		if err != nil || desc != ph[2] || string(data) != string(pngBytes) {
			t.Errorf("PhotoData = %+v, %d bytes, %v", desc, len(data), err)
		}
		if _, _, err := r.PhotoData(ctx, "p2", "ph3"); !borderlink.IsCode(err, borderlink.ENotFound) {
			t.Errorf("a photo of another person: %v, want ENotFound", err)
		}
		found, _, err := r.FindPersons(ctx, cases.PersonQuery{Scope: cases.Scope{All: true}, Limit: 5})
		if err != nil || len(found) != 1 || len(found[0].Photos) != 2 {
			t.Errorf("FindPersons photos = %+v, %v", found, err)
		}
		return nil
	})
}

func testCasesSubjects(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	sub := func(id, caseID, personID string, at time.Time) cases.CaseSubject {
		return cases.CaseSubject{ID: id, CaseID: caseID, PersonID: personID, Role: cases.RoleMember, Origin: "vn.mps", Created: at, Updated: at}
	}
	csUpdate(t, s, func(r cases.Repo) error {
		for _, err := range []error{
			r.PutCase(ctx, csCase("c1")), r.PutCase(ctx, csCase("c2", func(r *cases.CaseRecord) { r.Code = "2" })),
			r.PutPerson(ctx, csPerson("p1", "A", "A", "")), r.PutPerson(ctx, csPerson("p2", "B", "B", "")),
			r.PutSubject(ctx, sub("s1", "c1", "p1", csT0.Add(2*time.Second))),
			r.PutSubject(ctx, sub("s2", "c1", "p2", csT0.Add(time.Second))),
			r.PutSubject(ctx, sub("s3", "c2", "p1", csT0)),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	err := s.Update(ctx, func(tx store.Tx) error {
		r := tx.Cases()
		if err := r.PutSubject(ctx, sub("s4", "c1", "p1", csT0)); !borderlink.IsCode(err, borderlink.EConflict) {
			t.Errorf("a person twice in a case: %v, want EConflict", err)
		}
		changed := sub("s1", "c1", "p1", csT0.Add(2*time.Second))
		changed.Role = cases.RoleOrganiser
		if err := r.PutSubject(ctx, changed); err != nil {
			return err
		}
		if err := r.DeleteSubject(ctx, "s3"); err != nil {
			return err
		}
		if err := r.DeleteSubject(ctx, "s3"); !borderlink.IsCode(err, borderlink.ENotFound) {
			t.Errorf("a subject deleted twice: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	csView(t, s, func(r cases.Repo) error {
		got, err := r.Subjects(ctx, cases.SubjectQuery{CaseID: "c1"})
		if err != nil {
			return err
		}
		if ids := csIDs(got, func(s cases.CaseSubject) string { return s.ID }); !slices.Equal(ids, []string{"s2", "s1"}) || got[1].Role != cases.RoleOrganiser {
			t.Errorf("subjects of c1 = %+v", got)
		}
		if got, err := r.Subjects(ctx, cases.SubjectQuery{PersonID: "p1"}); err != nil || len(got) != 1 {
			t.Errorf("subjects of p1 = %+v, %v", got, err)
		}
		if got, err := r.Subjects(ctx, cases.SubjectQuery{CaseID: "c1", PersonID: "p2"}); err != nil || len(got) != 1 || got[0].ID != "s2" {
			t.Errorf("subject c1/p2 = %+v, %v", got, err)
		}
		return nil
	})
}

func testCasesRecords(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	csUpdate(t, s, func(r cases.Repo) error {
		if err := r.PutCase(ctx, csCase("c1")); err != nil {
			return err
		}
		if err := r.PutPerson(ctx, csPerson("p1", "A", "A", "")); err != nil {
			return err
		}
		for i := range 3 {
			z := csSeizure(fmt.Sprintf("z%d", i), "c1")
			z.Day = z.Day.AddDays(-i)
			if err := r.PutSeizure(ctx, z); err != nil {
				return err
			}
			e := cases.Event{ID: fmt.Sprintf("e%d", i), CaseID: "c1", Kind: cases.EventRaid, At: csT0.Add(-time.Duration(i) * time.Hour),
				Place: "VN-40", Summary: "x", Lang: borderlink.LangVI, Origin: "vn.mps", Created: csT0, Updated: csT0}
			if err := r.PutEvent(ctx, e); err != nil {
				return err
			}
			a := cases.Arrest{ID: fmt.Sprintf("a%d", i), CaseID: "c1", PersonID: "p1", Origin: "vn.mps", Day: z.Day, Place: "VN-40",
				Agency: stats.AgencyCustoms, Charge: cases.ChargeTrafficking, Created: csT0, Updated: csT0}
			if err := r.PutArrest(ctx, a); err != nil {
				return err
			}
		}
		return nil
	})
	err := s.Update(ctx, func(tx store.Tx) error {
		r := tx.Cases()
		for _, err := range []error{r.DeleteSeizure(ctx, "z1"), r.DeleteArrest(ctx, "a1")} {
			if err != nil {
				return err
			}
		}
		for name, err := range map[string]error{"seizure": r.DeleteSeizure(ctx, "z1"), "arrest": r.DeleteArrest(ctx, "a1")} {
			if !borderlink.IsCode(err, borderlink.ENotFound) {
				t.Errorf("%s deleted twice: %v", name, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	csView(t, s, func(r cases.Repo) error {
		zs, err := r.Seizures(ctx, "c1")
		if err != nil {
			return err
		}
		if ids := csIDs(zs, func(z cases.Seizure) string { return z.ID }); !slices.Equal(ids, []string{"z2", "z0"}) {
			t.Errorf("seizures by day = %v", ids)
		}
		es, err := r.Events(ctx, "c1")
		if err != nil {
			return err
		}
		if ids := csIDs(es, func(e cases.Event) string { return e.ID }); !slices.Equal(ids, []string{"e2", "e1", "e0"}) {
			t.Errorf("events by time = %v", ids)
		}
		as, err := r.Arrests(ctx, cases.ArrestQuery{CaseID: "c1", PersonID: "p1"})
		if err != nil {
			return err
		}
		if ids := csIDs(as, func(a cases.Arrest) string { return a.ID }); !slices.Equal(ids, []string{"a2", "a0"}) {
			t.Errorf("arrests by day = %v", ids)
		}
		return nil
	})
}

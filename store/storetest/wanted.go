package storetest

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/wanted"
)

func testWanted(t *testing.T, o Opener) {
	t.Run("RoundTrip", func(t *testing.T) { testWantedRoundTrip(t, o) })
	t.Run("FindNotices", func(t *testing.T) { testWantedFind(t, o) })
	t.Run("Photos", func(t *testing.T) { testWantedPhotos(t, o) })
	t.Run("Sightings", func(t *testing.T) { testWantedSightings(t, o) })
	t.Run("Steps", func(t *testing.T) { testWantedSteps(t, o) })
}

func wnUpdate(t *testing.T, s store.Store, fn func(r wanted.Repo) error) {
	t.Helper()
	if err := s.Update(context.Background(), func(tx store.Tx) error { return fn(tx.Wanted()) }); err != nil {
		t.Fatal(err)
	}
}

func wnView(t *testing.T, s store.Store, fn func(r wanted.Repo) error) {
	t.Helper()
	if err := s.View(context.Background(), func(tx store.Tx) error { return fn(tx.Wanted()) }); err != nil {
		t.Fatal(err)
	}
}

// wnNotice returns the notice of Nghệ An for a trafficker believed to hide
// in Houaphanh, changed by mods.
func wnNotice(id string, mods ...func(*wanted.NoticeRecord)) wanted.NoticeRecord {
	r := wanted.NoticeRecord{
		Notice: wanted.Notice{ID: id, Origin: "vn.mps", IssuingUnit: "VN-40",
			Person: wanted.Person{Name: "Lầu Bá Chò", NameLatin: "LAU BA CHO", Aliases: []string{"Chò Lào", "ເຈົ້າໂຊ"}, Birth: "1988-05",
				Sex: cases.SexMale, Nationality: "VN", Documents: []cases.Document{{Type: cases.DocIDCard, Number: "040088001234", Country: "VN"}},
				Description: "Cao 1m68, sẹo ở cằm.\nXăm rồng trên vai trái.", PersonID: "p-77"},
			Charges: []cases.Charge{cases.ChargeTrafficking, cases.ChargeIllegalTransport}, ChargeText: "Mua bán trái phép chất ma túy",
			LegalBasis: "Điều 251 BLHS 2015", WarrantRef: "12/QĐ-CSĐT", WarrantDate: borderlink.MustParseDate("2026-02-10"),
			Danger: []wanted.Danger{wanted.DangerArmed, wanted.DangerViolent}, Summary: "Đối tượng cầm đầu đường dây.", Notes: "",
			Lang: borderlink.LangVI, Location: wanted.Place{Unit: "LA-07", Text: "Bản Huổi Lả, Sầm Nưa", Lat: f64(20.4159), Lon: f64(104.0483)},
			PartnerUnits: []string{"LA-MPS", "LA-07"}, Status: wanted.StatusArrested,
			StatusHistory: []wanted.StatusChange{
				{Status: wanted.StatusActive, Day: borderlink.MustParseDate("2026-02-11"), By: "minh@vn.mps"},
				{Status: wanted.StatusArrested, Day: borderlink.MustParseDate("2026-03-01"), By: "minh@vn.mps", Note: "Bị bắt tại Sầm Nưa"},
			},
			Photos: []cases.Photo{}, Created: csT0, Updated: csT0.Add(time.Hour), Released: csT0.Add(2 * time.Hour)},
		Country: "VN",
	}
	for _, m := range mods {
		m(&r)
	}
	r.Search = cases.Fold(r.Person.Name + " " + r.Person.NameLatin + " " + r.WarrantRef)
	return r
}

func testWantedRoundTrip(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	want := wnNotice("n1")
	bare := wnNotice("n2", func(r *wanted.NoticeRecord) {
		r.Person = wanted.Person{Name: "ສົມຊາຍ", Aliases: []string{}, Sex: cases.SexUnknown, Documents: []cases.Document{}}
		r.Charges, r.Danger, r.PartnerUnits, r.Location = []cases.Charge{}, []wanted.Danger{}, []string{}, wanted.Place{}
		r.Released = time.Time{}
	})
	wnUpdate(t, s, func(r wanted.Repo) error {
		if err := r.PutNotice(ctx, want); err != nil {
			return err
		}
		return r.PutNotice(ctx, bare)
	})
	wnView(t, s, func(r wanted.Repo) error {
		for _, w := range []wanted.NoticeRecord{want, bare} {
			got, err := r.Notice(ctx, w.ID)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("notice %s:\n got %+v\nwant %+v", w.ID, got, w)
			}
		}
		if _, err := r.Notice(ctx, "missing"); !borderlink.IsCode(err, borderlink.ENotFound) {
			t.Errorf("a missing notice: %v, want ENotFound", err)
		}
		return nil
	})
	// Replacing a notice replaces its partner units and its fields.
	changed := wnNotice("n1", func(r *wanted.NoticeRecord) {
		r.PartnerUnits = []string{"LA-09"}
		r.Status = wanted.StatusHandedOver
		r.Location = wanted.Place{Text: "Không rõ"}
		r.Updated = csT0.Add(3 * time.Hour)
	})
	wnUpdate(t, s, func(r wanted.Repo) error { return r.PutNotice(ctx, changed) })
	wnView(t, s, func(r wanted.Repo) error {
		got, err := r.Notice(ctx, "n1")
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, changed) {
			t.Errorf("replaced notice:\n got %+v\nwant %+v", got, changed)
		}
		return nil
	})
}

func testWantedFind(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	// Five notices: three of vn.mps (two Vietnamese, one issued by a Lao
	// unit to test the country rule), two of la.mps.
	recs := []wanted.NoticeRecord{
		wnNotice("a", func(r *wanted.NoticeRecord) { r.Created = csT0; r.Status = wanted.StatusActive }),
		wnNotice("b", func(r *wanted.NoticeRecord) {
			r.Created = csT0.Add(time.Minute)
			r.Person.Name, r.Person.NameLatin = "Vàng A Sùng", "VANG A SUNG"
			r.IssuingUnit, r.PartnerUnits = "VN-11", []string{"LA-02"}
		}),
		wnNotice("c", func(r *wanted.NoticeRecord) {
			r.Created = csT0.Add(2 * time.Minute)
			r.Person.Name, r.Person.NameLatin = "Thào Văn Lử", ""
			r.Country, r.IssuingUnit = "LA", "LA-07"
		}),
		wnNotice("d", func(r *wanted.NoticeRecord) {
			r.Created, r.Origin, r.Country = csT0.Add(3*time.Minute), "la.mps", "LA"
			r.Person.Name, r.Person.NameLatin = "ບຸນມີ ແກ້ວມະນີ", "Bounmy Keomany"
			r.IssuingUnit, r.PartnerUnits, r.Status = "LA-07", []string{"VN-40"}, wanted.StatusActive
		}),
		wnNotice("e", func(r *wanted.NoticeRecord) {
			r.Created, r.Origin, r.Country = csT0.Add(4*time.Minute), "la.mps", "LA"
			r.Person.Name, r.Person.NameLatin = "ສົມພອນ", "Somphone"
			r.IssuingUnit, r.PartnerUnits, r.Status = "LA-09", []string{"VN-46"}, wanted.StatusWithdrawn
		}),
	}
	wnUpdate(t, s, func(r wanted.Repo) error {
		for _, n := range recs {
			if err := r.PutNotice(ctx, n); err != nil {
				return err
			}
		}
		return nil
	})
	ids := func(rs []wanted.NoticeRecord) string {
		out := ""
		for _, r := range rs {
			out += r.ID
		}
		return out
	}
	for _, c := range []struct {
		name  string
		q     wanted.NoticeSelect
		want  string
		total int
	}{
		{"all", wanted.NoticeSelect{Scope: wanted.Scope{All: true}}, "edcba", 5},
		{"vn readers on vn.mps", wanted.NoticeSelect{Scope: wanted.Scope{Self: "vn.mps", Countries: []string{"VN"}}}, "edba", 4},
		{"no country", wanted.NoticeSelect{Scope: wanted.Scope{Self: "vn.mps"}}, "ed", 2},
		{"nothing", wanted.NoticeSelect{Scope: wanted.Scope{}}, "", 0},
		{"countries only", wanted.NoticeSelect{Scope: wanted.Scope{Countries: []string{"LA"}}}, "edc", 3},
		{"words", wanted.NoticeSelect{Scope: wanted.Scope{All: true}, Words: []string{cases.Fold("lau"), cases.Fold("CHÒ")}}, "a", 1},
		{"lao words", wanted.NoticeSelect{Scope: wanted.Scope{All: true}, Words: []string{cases.Fold("ບຸນມີ")}}, "d", 1},
		{"status", wanted.NoticeSelect{Scope: wanted.Scope{All: true}, Status: wanted.StatusActive}, "da", 2},
		{"origin", wanted.NoticeSelect{Scope: wanted.Scope{All: true}, Origin: "la.mps"}, "ed", 2},
		{"issuing unit", wanted.NoticeSelect{Scope: wanted.Scope{All: true}, Unit: "VN-11"}, "b", 1},
		{"partner unit", wanted.NoticeSelect{Scope: wanted.Scope{All: true}, Unit: "LA-07"}, "dca", 3},
		{"page", wanted.NoticeSelect{Scope: wanted.Scope{All: true}, Limit: 2, Offset: 1}, "dc", 5},
	} {
		wnView(t, s, func(r wanted.Repo) error {
			got, total, err := r.FindNotices(ctx, c.q)
			if err != nil {
				return err
			}
			if ids(got) != c.want || total != c.total {
				t.Errorf("%s: %q (total %d), want %q (total %d)", c.name, ids(got), total, c.want, c.total)
			}
			// Storage agrees with the definition of the scope.
			if c.q.Words == nil && c.q.Status == "" && c.q.Origin == "" && c.q.Unit == "" && c.q.Limit == 0 {
				var def string
				for i := len(recs) - 1; i >= 0; i-- {
					if c.q.Scope.Match(recs[i]) {
						def += recs[i].ID
					}
				}
				if def != c.want {
					t.Errorf("%s: Scope.Match selects %q, storage %q", c.name, def, c.want)
				}
			}
			for _, g := range got {
				if g.ID == "d" && (len(g.PartnerUnits) != 1 || g.PartnerUnits[0] != "VN-40") {
					t.Errorf("%s: notice d has partner units %v", c.name, g.PartnerUnits)
				}
			}
			return nil
		})
	}
}

func testWantedPhotos(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	ph := []cases.Photo{
		{ID: "wp1", ContentType: "image/png", Size: int64(len(pngBytes)), SHA256: "aa"},
		{ID: "wp2", ContentType: "image/jpeg", Size: int64(len(jpegBytes)), SHA256: "bb"},
		{ID: "wp3", ContentType: "image/png", Size: int64(len(pngBytes)), SHA256: "cc"},
	}
	wnUpdate(t, s, func(r wanted.Repo) error {
		if err := r.PutNotice(ctx, wnNotice("n1")); err != nil {
			return err
		}
		for i, x := range ph {
			data := pngBytes
			if i == 1 {
				data = jpegBytes
			}
			if err := r.PutPhoto(ctx, "n1", x, data); err != nil {
				return err
			}
		}
		return nil
	})
	err := s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Wanted().PutPhoto(ctx, "n1", ph[0], pngBytes); !borderlink.IsCode(err, borderlink.EConflict) {
			t.Errorf("a photo stored twice: %v, want EConflict", err)
		}
		if err := tx.Wanted().DeletePhoto(ctx, "n1", "wp2"); err != nil {
			return err
		}
		if err := tx.Wanted().DeletePhoto(ctx, "n1", "wp2"); !borderlink.IsCode(err, borderlink.ENotFound) {
			t.Errorf("a photo deleted twice: %v, want ENotFound", err)
		}
		// Storing the notice again keeps its photos.
		return tx.Wanted().PutNotice(ctx, wnNotice("n1"))
	})
	if err != nil {
		t.Fatal(err)
	}
	wnView(t, s, func(r wanted.Repo) error {
		n, err := r.Notice(ctx, "n1")
		if err != nil {
			return err
		}
		if want := []cases.Photo{ph[0], ph[2]}; !reflect.DeepEqual(n.Photos, want) {
			t.Errorf("photos = %+v, want %+v", n.Photos, want)
		}
		got, data, err := r.PhotoData(ctx, "n1", "wp3")
		if err != nil {
			return err
		}
		if got != ph[2] || string(data) != string(pngBytes) {
			t.Errorf("photo wp3 = %+v, %d bytes", got, len(data))
		}
		if _, _, err := r.PhotoData(ctx, "n2", "wp3"); !borderlink.IsCode(err, borderlink.ENotFound) {
			t.Errorf("a photo of another notice: %v, want ENotFound", err)
		}
		found, _, err := r.FindNotices(ctx, wanted.NoticeSelect{Scope: wanted.Scope{All: true}})
		if err != nil {
			return err
		}
		if len(found) != 1 || len(found[0].Photos) != 2 {
			t.Errorf("found notices with photos: %+v", found)
		}
		return nil
	})
}

func testWantedSightings(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	at := time.Date(2026, 3, 2, 6, 45, 10, 987654000, time.UTC)
	sg := func(id string, at time.Time, mods ...func(*wanted.Sighting)) wanted.Sighting {
		v := wanted.Sighting{ID: id, NoticeID: "n1", Origin: "la.mps", At: at,
			Place: wanted.Place{Unit: "LA-07", Text: "Chợ Sầm Nưa", Lat: f64(20.41), Lon: f64(104.05)},
			Seen:  "ເຫັນຜູ້ຊາຍຄ້າຍຄືໃນຮູບ ຢູ່ຕະຫຼາດ", Lang: borderlink.LangLO, ReporterUnit: "LA-07", By: "khamla@la.mps",
			Created: at.Add(time.Hour), Released: at.Add(time.Hour)}
		for _, m := range mods {
			m(&v)
		}
		return v
	}
	s1 := sg("s1", at.Add(time.Hour))
	s2 := sg("s2", at, func(v *wanted.Sighting) {
		v.Origin, v.Place, v.Lang, v.Seen, v.ReporterUnit, v.Released = "vn.mps", wanted.Place{Text: "Bến xe Vinh"}, borderlink.LangVI,
			"Đi xe khách về Vinh", "VN-40", time.Time{}
	})
	wnUpdate(t, s, func(r wanted.Repo) error {
		if err := r.PutNotice(ctx, wnNotice("n1")); err != nil {
			return err
		}
		if err := r.PutSighting(ctx, s1); err != nil {
			return err
		}
		return r.PutSighting(ctx, s2)
	})
	s2.Released = at.Add(5 * time.Hour)
	wnUpdate(t, s, func(r wanted.Repo) error { return r.PutSighting(ctx, s2) })
	wnView(t, s, func(r wanted.Repo) error {
		got, err := r.Sightings(ctx, "n1")
		if err != nil {
			return err
		}
		if want := []wanted.Sighting{s2, s1}; !reflect.DeepEqual(got, want) {
			t.Errorf("sightings:\n got %+v\nwant %+v", got, want)
		}
		one, err := r.Sighting(ctx, "s1")
		if err != nil || !reflect.DeepEqual(one, s1) {
			t.Errorf("sighting s1 = %+v, %v", one, err)
		}
		if _, err := r.Sighting(ctx, "nope"); !borderlink.IsCode(err, borderlink.ENotFound) {
			t.Errorf("a missing sighting: %v, want ENotFound", err)
		}
		none, err := r.Sightings(ctx, "n2")
		if err != nil || none == nil || len(none) != 0 {
			t.Errorf("sightings of a notice without any: %#v, %v", none, err)
		}
		return nil
	})
	err := s.Update(ctx, func(tx store.Tx) error {
		return tx.Wanted().PutSighting(ctx, sg("s3", at, func(v *wanted.Sighting) { v.NoticeID = "missing" }))
	})
	if err == nil {
		t.Error("a sighting of a missing notice was stored")
	}
}

func testWantedSteps(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	step := func(i int, kind wanted.HandoverKind, origin borderlink.NodeID) wanted.HandoverStep {
		return wanted.HandoverStep{ID: fmt.Sprintf("st%d", i), NoticeID: "n1", Origin: origin, Kind: kind,
			Day: borderlink.MustParseDate("2026-03-05").AddDays(i), Lang: borderlink.LangVI, By: "minh@" + string(origin),
			Created: csT0.Add(time.Duration(i) * time.Minute), Released: csT0.Add(time.Duration(i) * time.Minute)}
	}
	steps := []wanted.HandoverStep{step(3, wanted.StepSchedule, "la.mps"), step(1, wanted.StepRequest, "vn.mps"), step(2, wanted.StepAgree, "la.mps")}
	steps[0].Gate = wanted.Place{Unit: "VN-40", Text: "Nậm Cắn – Nặm Khan", Lat: f64(19.43), Lon: f64(103.98)}
	steps[0].ReceivingUnit, steps[0].HandingUnit, steps[0].Note = "VN-40", "LA-09", "08:00 giờ Hà Nội"
	wnUpdate(t, s, func(r wanted.Repo) error {
		if err := r.PutNotice(ctx, wnNotice("n1")); err != nil {
			return err
		}
		for _, st := range steps {
			if err := r.PutStep(ctx, st); err != nil {
				return err
			}
		}
		return nil
	})
	wnView(t, s, func(r wanted.Repo) error {
		got, err := r.Steps(ctx, "n1")
		if err != nil {
			return err
		}
		if want := []wanted.HandoverStep{steps[1], steps[2], steps[0]}; !reflect.DeepEqual(got, want) {
			t.Errorf("steps:\n got %+v\nwant %+v", got, want)
		}
		one, err := r.Step(ctx, "st3")
		if err != nil || !reflect.DeepEqual(one, steps[0]) {
			t.Errorf("step st3 = %+v, %v", one, err)
		}
		if _, err := r.Step(ctx, "nope"); !borderlink.IsCode(err, borderlink.ENotFound) {
			t.Errorf("a missing step: %v, want ENotFound", err)
		}
		return nil
	})
	err := s.Update(ctx, func(tx store.Tx) error {
		st := step(9, wanted.StepCancel, "vn.mps")
		st.NoticeID = "missing"
		return tx.Wanted().PutStep(ctx, st)
	})
	if err == nil {
		t.Error("a step of a missing notice was stored")
	}
}

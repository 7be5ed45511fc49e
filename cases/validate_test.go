package cases_test

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/stats"
)

// TestBadInput gives every rule of the case file a bad input and checks
// the error's code and catalogue key, and that the message renders in
// every language without a raw key or an unfilled placeholder.
func TestBadInput(t *testing.T) {
	st := newStory(t)
	vn, ctx := st.vn, st.vn.ctx
	cat := i18n.MustLoad()

	seizure := func(mod func(*cases.NewSeizure)) error {
		in := cases.NewSeizure{CaseID: st.c.ID, Day: domaintest.Day("2026-10-15"), Place: "VN-40-C003",
			Drugs: []cases.DrugItem{{Drug: "METH_CRYSTAL", Amount: amount("1", "kg")}}}
		mod(&in)
		_, err := vn.svc.CreateSeizure(ctx, vnInv, in)
		return err
	}
	drug := func(it cases.DrugItem) func(*cases.NewSeizure) {
		return func(in *cases.NewSeizure) { in.Drugs = []cases.DrugItem{it} }
	}
	item := func(it cases.Item) func(*cases.NewSeizure) {
		return func(in *cases.NewSeizure) { in.Items = []cases.Item{it} }
	}
	kg := amount("2", "kg")
	pills := amount("3", "pills")
	person := func(mod func(*cases.NewPerson)) error {
		in := cases.NewPerson{OwnerUnit: "VN-40", Name: "Trần Văn Đức"}
		mod(&in)
		_, err := vn.svc.CreatePerson(ctx, vnInv, in)
		return err
	}
	newCase := func(mod func(*cases.NewCase)) error {
		in := cases.NewCase{Code: "600H", Title: "Chuyên án 600H", LeadUnit: "VN-40", PartnerUnits: []string{"LA-07"}}
		mod(&in)
		_, err := vn.svc.CreateCase(ctx, vnInv, in)
		return err
	}
	arrest := func(mod func(*cases.NewArrest)) error {
		in := cases.NewArrest{CaseID: st.c.ID, PersonID: st.p1.ID, Day: domaintest.Day("2026-10-15"), Place: "VN-40-C003", Charge: cases.ChargeTrafficking}
		mod(&in)
		_, err := vn.svc.CreateArrest(ctx, vnInv, in)
		return err
	}
	event := func(mod func(*cases.NewEvent)) error {
		in := cases.NewEvent{Kind: cases.EventSearch, At: time.Date(2026, 10, 15, 1, 0, 0, 0, time.UTC), Place: "VN-40-C003", Summary: "Khám xét"}
		mod(&in)
		_, err := vn.svc.CreateEvent(ctx, vnInv, st.c.ID, in)
		return err
	}
	photo := func(data []byte) error {
		_, err := vn.svc.AddPhoto(ctx, vnInv, st.p2.ID, data)
		return err
	}
	inv, conflict := borderlink.EInvalid, borderlink.EConflict
	for _, c := range []struct {
		name string
		err  error
		code string
		key  string
	}{
		// Quantities.
		{"a negative quantity", seizure(drug(cases.DrugItem{Drug: "HEROIN", Amount: amount("-2", "kg")})), inv, "error.stats_quantity_negative"},
		{"an absurd quantity", seizure(drug(cases.DrugItem{Drug: "HEROIN", Amount: amount("5000000", "kg")})), inv, "error.stats_quantity_absurd"},
		{"a zero quantity", seizure(drug(cases.DrugItem{Drug: "HEROIN", Amount: amount("0", "kg")})), inv, "error.stats_quantity_zero"},
		{"digit grouping", seizure(drug(cases.DrugItem{Drug: "HEROIN", Amount: amount("1.234,5", "kg")})), inv, "error.stats_quantity_invalid"},
		{"an unknown drug", seizure(drug(cases.DrugItem{Drug: "YABA_X", Amount: kg})), inv, "error.seizure_drug_unknown"},
		{"no drug", seizure(drug(cases.DrugItem{Amount: kg})), inv, "error.case_required"},
		{"pills without a unit", seizure(drug(cases.DrugItem{Drug: "METH_TABLET", Amount: amount("5000", "")})), inv, "error.stats_unit_missing"},
		{"an unknown unit", seizure(drug(cases.DrugItem{Drug: "HEROIN", Amount: amount("5", "bags")})), inv, "error.stats_unit_unknown"},
		{"half a pill", seizure(drug(cases.DrugItem{Drug: "METH_TABLET", Amount: amount("5,5", "pills"), Weight: &kg})), inv, "error.stats_whole_number"},
		{"a unit the drug is not reported in", seizure(drug(cases.DrugItem{Drug: "HEROIN", Amount: pills})), inv, "error.seizure_unit_not_for_drug"},
		{"tablets without weight", seizure(drug(cases.DrugItem{Drug: "METH_TABLET", Amount: amount("5000", "pills")})), inv, "error.seizure_tablet_weight"},
		{"tablets without count", seizure(drug(cases.DrugItem{Drug: "MDMA", Amount: kg})), inv, "error.seizure_tablet_count"},
		{"a weight in pills", seizure(drug(cases.DrugItem{Drug: "METH_TABLET", Amount: pills, Weight: &pills})), inv, "error.seizure_weight_unit"},
		{"a negative weight", seizure(drug(cases.DrugItem{Drug: "METH_TABLET", Amount: pills, Weight: &stats.Amount{Value: "-1", Unit: "kg"}})), inv, "error.stats_quantity_negative"},
		{"a weight twice", seizure(drug(cases.DrugItem{Drug: "HEROIN", Amount: kg, Weight: &kg})), inv, "error.seizure_weight_twice"},
		{"a count twice", seizure(drug(cases.DrugItem{Drug: "METH_TABLET", Amount: pills, Pieces: 4, Weight: &kg})), inv, "error.seizure_pieces_twice"},
		{"a negative count", seizure(drug(cases.DrugItem{Drug: "HEROIN", Amount: kg, Pieces: -3})), inv, "error.seizure_pieces"},
		{"an absurd count", seizure(drug(cases.DrugItem{Drug: "HEROIN", Amount: kg, Pieces: 5_000_000_000})), inv, "error.seizure_pieces"},
		{"nothing seized", seizure(func(in *cases.NewSeizure) { in.Drugs = nil }), inv, "error.seizure_empty"},
		// Dates and places.
		{"a future date", seizure(func(in *cases.NewSeizure) { in.Day = domaintest.Day("2026-11-21") }), inv, "error.case_date_future"},
		{"no date", seizure(func(in *cases.NewSeizure) { in.Day = borderlink.Date{} }), inv, "error.case_date_missing"},
		{"a date before 1990", seizure(func(in *cases.NewSeizure) { in.Day = domaintest.Day("1989-12-31") }), inv, "error.case_date_too_old"},
		{"a district after the districts ended", seizure(func(in *cases.NewSeizure) { in.Place = "VN-40-D02" }), inv, "error.stats_place_not_on_date"},
		{"a new commune before the reform", seizure(func(in *cases.NewSeizure) { in.Day = domaintest.Day("2025-06-30") }), inv, "error.stats_place_not_on_date"},
		{"an unknown place", seizure(func(in *cases.NewSeizure) { in.Place = "VN-99" }), inv, "error.case_unit_unknown"},
		{"no place", seizure(func(in *cases.NewSeizure) { in.Place = "" }), inv, "error.case_required"},
		{"an unknown agency", seizure(func(in *cases.NewSeizure) { in.Agency = "army" }), inv, "error.case_bad_choice"},
		{"a latitude off the globe", seizure(func(in *cases.NewSeizure) { in.Lat, in.Lon = ptr(91), ptr(104) }), inv, "error.seizure_coordinates"},
		{"a latitude alone", seizure(func(in *cases.NewSeizure) { in.Lat = ptr(19) }), inv, "error.seizure_coordinates"},
		{"NaN", seizure(func(in *cases.NewSeizure) { in.Lat, in.Lon = ptr(math.NaN()), ptr(104) }), inv, "error.seizure_coordinates"},
		{"a note too long", seizure(func(in *cases.NewSeizure) { in.Note = strings.Repeat("ກ", cases.MaxText+1) }), inv, "error.case_too_long"},
		{"a control character", seizure(func(in *cases.NewSeizure) { in.Note = "a\x07b" }), inv, "error.case_bad_text"},
		{"an unknown language", seizure(func(in *cases.NewSeizure) { in.Lang = "th" }), inv, "error.case_lang"},
		// Items.
		{"an unknown item", seizure(item(cases.Item{Kind: "drone", Description: "x"})), inv, "error.case_bad_choice"},
		{"cash without amount", seizure(item(cases.Item{Kind: cases.ItemCash})), inv, "error.seizure_cash_missing"},
		{"cash in an unknown currency", seizure(item(cases.Item{Kind: cases.ItemCash, Cash: &cases.Money{Amount: "5", Currency: "ABC"}})), inv, "error.seizure_currency"},
		{"cash in gold", seizure(item(cases.Item{Kind: cases.ItemCash, Cash: &cases.Money{Amount: "5", Currency: "XAU"}})), inv, "error.seizure_currency"},
		{"cash without currency", seizure(item(cases.Item{Kind: cases.ItemCash, Cash: &cases.Money{Amount: "5"}})), inv, "error.case_required"},
		{"a negative sum", seizure(item(cases.Item{Kind: cases.ItemCash, Cash: &cases.Money{Amount: "-5", Currency: "LAK"}})), inv, "error.seizure_cash_amount"},
		{"a sum with grouping", seizure(item(cases.Item{Kind: cases.ItemCash, Cash: &cases.Money{Amount: "1.500.000", Currency: "VND"}})), inv, "error.seizure_cash_amount"},
		{"money on a phone", seizure(item(cases.Item{Kind: cases.ItemPhone, Description: "x", Cash: &cases.Money{Amount: "5", Currency: "USD"}})), inv, "error.seizure_cash_not_cash"},
		{"a plate on a weapon", seizure(item(cases.Item{Kind: cases.ItemWeapon, Description: "K54", Plate: "29C12345"})), inv, "error.seizure_plate_not_vehicle"},
		{"a bad plate", seizure(item(cases.Item{Kind: cases.ItemVehicle, Plate: "AB"})), inv, "error.seizure_plate"},
		{"a negative count of items", seizure(item(cases.Item{Kind: cases.ItemPhone, Description: "x", Count: -1})), inv, "error.seizure_item_count"},
		{"an item without description", seizure(item(cases.Item{Kind: cases.ItemWeapon})), inv, "error.case_required"},
		// Persons.
		{"a bad month of birth", person(func(in *cases.NewPerson) { in.Birth = "1988-13" }), inv, "error.person_birth"},
		{"30 February", person(func(in *cases.NewPerson) { in.Birth = "1988-02-30" }), inv, "error.person_birth"},
		{"a birth in words", person(func(in *cases.NewPerson) { in.Birth = "May 1988" }), inv, "error.person_birth"},
		{"a birth before 1900", person(func(in *cases.NewPerson) { in.Birth = "1850" }), inv, "error.person_birth"},
		{"a birth next year", person(func(in *cases.NewPerson) { in.Birth = "2027" }), inv, "error.person_birth_future"},
		{"a birth next month", person(func(in *cases.NewPerson) { in.Birth = "2026-12" }), inv, "error.person_birth_future"},
		{"a birth tomorrow", person(func(in *cases.NewPerson) { in.Birth = "2026-11-21" }), inv, "error.person_birth_future"},
		{"no name", person(func(in *cases.NewPerson) { in.Name = "  " }), inv, "error.case_required"},
		{"a name too long", person(func(in *cases.NewPerson) { in.Name = strings.Repeat("a", cases.MaxName+1) }), inv, "error.case_too_long"},
		{"a line break in a name", person(func(in *cases.NewPerson) { in.Name = "Trần\nĐức" }), inv, "error.case_bad_text"},
		{"invalid UTF-8", person(func(in *cases.NewPerson) { in.Name = "Tr\xffn" }), inv, "error.case_bad_text"},
		{"notes too long", person(func(in *cases.NewPerson) { in.Notes = strings.Repeat("x", cases.MaxText+1) }), inv, "error.case_too_long"},
		{"an unknown sex", person(func(in *cases.NewPerson) { in.Sex = "X" }), inv, "error.case_bad_choice"},
		{"an unknown nationality", person(func(in *cases.NewPerson) { in.Nationality = "XX" }), inv, "error.case_country"},
		{"a nationality in three letters", person(func(in *cases.NewPerson) { in.Nationality = "VNM" }), inv, "error.case_country"},
		{"a bad phone", person(func(in *cases.NewPerson) { in.Phones = []string{"12345"} }), inv, "error.person_phone"},
		{"a short Vietnamese mobile", person(func(in *cases.NewPerson) { in.Phones = []string{"0912 345"} }), inv, "error.person_phone"},
		{"too many phones", person(func(in *cases.NewPerson) { in.Phones = make([]string, cases.MaxPhones+1) }), inv, "error.case_too_many"},
		{"an unknown document", person(func(in *cases.NewPerson) { in.Documents = []cases.Document{{Type: "visa", Number: "1"}} }), inv, "error.case_bad_choice"},
		{"a document without number", person(func(in *cases.NewPerson) { in.Documents = []cases.Document{{Type: cases.DocPassport}} }), inv, "error.case_required"},
		{"a document of no country", person(func(in *cases.NewPerson) {
			in.Documents = []cases.Document{{Type: cases.DocPassport, Number: "1", Country: "ZZ"}}
		}), inv, "error.case_country"},
		{"an address in no unit", person(func(in *cases.NewPerson) { in.Addresses = []cases.Address{{Text: "x", Unit: "VN-77"}} }), inv, "error.case_unit_unknown"},
		{"an empty address", person(func(in *cases.NewPerson) { in.Addresses = []cases.Address{{Unit: "VN-40"}} }), inv, "error.case_required"},
		{"a Lao owner unit on the Vietnamese node", person(func(in *cases.NewPerson) { in.OwnerUnit = "LA-07" }), inv, "error.person_owner_foreign"},
		{"no owner unit", person(func(in *cases.NewPerson) { in.OwnerUnit = "" }), inv, "error.case_required"},
		// Photos.
		{"a GIF photo", photo(domaintest.GIFPhoto), inv, "error.person_photo_type"},
		{"a text file", photo([]byte("Nguyễn Văn Hùng, sinh năm 1985")), inv, "error.person_photo_type"},
		{"an empty photo", photo(nil), inv, "error.person_photo_empty"},
		{"a photo over 2 MiB", photo(append(bytes.Clone(domaintest.JPEGPhoto), make([]byte, cases.MaxPhotoSize)...)), inv, "error.person_photo_too_large"},
		// Cases.
		{"a duplicate case code", newCase(func(in *cases.NewCase) { in.Code = "522h" }), conflict, "error.case_code_taken"},
		{"a bad case code", newCase(func(in *cases.NewCase) { in.Code = "522H!" }), inv, "error.case_code"},
		{"a case code too long", newCase(func(in *cases.NewCase) { in.Code = "CHUYEN-AN-2026-0001" }), inv, "error.case_code"},
		{"a case code of dashes", newCase(func(in *cases.NewCase) { in.Code = "-" }), inv, "error.case_code"},
		{"no case code", newCase(func(in *cases.NewCase) { in.Code = "" }), inv, "error.case_required"},
		{"no title", newCase(func(in *cases.NewCase) { in.Title = "" }), inv, "error.case_required"},
		{"a title too long", newCase(func(in *cases.NewCase) { in.Title = strings.Repeat("đ", cases.MaxName+1) }), inv, "error.case_too_long"},
		{"a Lao lead unit on the Vietnamese node", newCase(func(in *cases.NewCase) { in.LeadUnit = "LA-07" }), inv, "error.case_lead_foreign"},
		{"an unknown partner", newCase(func(in *cases.NewCase) { in.PartnerUnits = []string{"LA-99"} }), inv, "error.case_unit_unknown"},
		{"a partner that ended", newCase(func(in *cases.NewCase) { in.PartnerUnits = []string{"VN-44-2004"} }), inv, "error.case_unit_ended"},
		{"the lead as a partner", newCase(func(in *cases.NewCase) { in.PartnerUnits = []string{"VN-40"} }), inv, "error.case_partner_repeated"},
		{"a partner twice", newCase(func(in *cases.NewCase) { in.PartnerUnits = []string{"LA-07", "la-07"} }), inv, "error.case_partner_repeated"},
		{"an unknown handling", newCase(func(in *cases.NewCase) { in.Handling = "secret" }), inv, "error.case_bad_choice"},
		{"a new case closed", newCase(func(in *cases.NewCase) { in.Status = cases.StatusClosed }), inv, "error.case_status_start"},
		{"a case opened tomorrow", newCase(func(in *cases.NewCase) { in.Day = domaintest.Day("2026-11-21") }), inv, "error.case_date_future"},
		// Arrests.
		{"an arrest of nobody", arrest(func(in *cases.NewArrest) { in.PersonID = "" }), inv, "error.case_required"},
		{"an arrest of an unknown person", arrest(func(in *cases.NewArrest) { in.PersonID = "0190f0e0-0000-7000-8000-000000000001" }), inv, "error.arrest_person_unknown"},
		{"an unknown charge", arrest(func(in *cases.NewArrest) { in.Charge = "murder" }), inv, "error.case_bad_choice"},
		{"an arrest tomorrow", arrest(func(in *cases.NewArrest) { in.Day = domaintest.Day("2026-11-21") }), inv, "error.case_date_future"},
		{"an arrest at a place that had ended", arrest(func(in *cases.NewArrest) { in.Place = "VN-40-D01-C01" }), inv, "error.stats_place_not_on_date"},
		// Events.
		{"an event in the future", event(func(in *cases.NewEvent) { in.At = now.Add(time.Hour) }), inv, "error.case_date_future"},
		{"an event without time", event(func(in *cases.NewEvent) { in.At = time.Time{} }), inv, "error.case_date_missing"},
		{"an unknown kind of event", event(func(in *cases.NewEvent) { in.Kind = "party" }), inv, "error.case_bad_choice"},
		{"an event without summary", event(func(in *cases.NewEvent) { in.Summary = "" }), inv, "error.case_required"},
		{"an event at a place that did not exist", event(func(in *cases.NewEvent) { in.At = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC) }), inv, "error.stats_place_not_on_date"},
	} {
		domaintest.WantErr(t, c.name, c.err, c.code, c.key)
		be := borderlink.AsError(c.err)
		if be == nil {
			continue
		}
		for _, l := range borderlink.Langs {
			msg := cat.Printer(l).Err(be)
			if strings.Contains(msg, be.Key) || strings.ContainsAny(msg, "{}") {
				t.Errorf("%s: %s message %q", c.name, l, msg)
			}
		}
	}

	// A fifth photo is one too many.
	for _, p := range [][]byte{domaintest.JPEGPhoto, domaintest.WebPPhoto, domaintest.PNGPhoto, domaintest.JPEGPhoto} {
		if err := photo(p); err != nil {
			t.Fatalf("photo: %v", err)
		}
	}
	domaintest.WantErr(t, "a fifth photo", photo(domaintest.JPEGPhoto), borderlink.EInvalid, "error.person_photo_count")

	// Nothing of the bad input was stored: the case file holds what the
	// story made.
	f := domaintest.Must[cases.CaseFile](t)(vn.svc.Case(ctx, vnInv, st.c.ID))
	if len(f.Seizures) != 2 || len(f.Arrests) != 2 || len(f.Events) != 1 {
		t.Errorf("bad input was stored: %d seizures, %d arrests, %d events", len(f.Seizures), len(f.Arrests), len(f.Events))
	}
	if all, _ := vn.sum(); all.Cases != 2 || all.Arrests != 2 {
		t.Errorf("bad input was counted: %+v", all)
	}
	if list, n, _ := vn.svc.Cases(ctx, vnInv, cases.Filter{}); n != 1 || len(list) != 1 {
		t.Errorf("bad cases were stored: %d", n)
	}
	if es := vn.entries(audit.Filter{Action: "seizure.create"}); len(es) != 2 {
		t.Errorf("%d seizures created in the audit trail, want 2", len(es))
	}
}

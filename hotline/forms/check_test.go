package forms_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/hotline/forms"
)

func TestEveryFormHasAValidExample(t *testing.T) {
	for _, typ := range forms.Types() {
		if _, ok := examples[typ]; !ok {
			t.Errorf("form %s has no example in this test", typ)
		}
	}
	for typ := range examples {
		if _, ok := forms.Lookup(typ); !ok {
			t.Errorf("example of unknown form %s", typ)
		}
	}
	for _, typ := range forms.Types() {
		t.Run(typ, func(t *testing.T) {
			n, err := forms.Check(typ, example(t, typ), opts())
			if err != nil {
				t.Fatalf("Check: %v (problems: %v)", err, forms.Problems(err))
			}
			// What was checked is what is stored and sent: it passes again
			// as the receiving node reads it.
			if err := forms.Validate(typ, roundTrip(t, n), opts()); err != nil {
				t.Errorf("Validate after a JSON round trip: %v", err)
			}
		})
	}
}

func TestNormalizeIsIdempotent(t *testing.T) {
	messy := map[string]map[string]any{
		"rfi_phone": {
			"phone":     " 00856-20-5555-1234 ",
			"holder":    map[string]string{"name": "  Trần   Thị  B ", "name_latin": "Trần Thị B", "sex": "f"},
			"requested": []string{"subscriber", "", "LOCATION"},
			"reason":    map[string]any{"text": " a\r\nb ", "lang": "EN"},
			"extra":     "kept",
		},
		"seizure": {
			"seized_at": "2026-03-08 21:30",
			"place":     " vn-11 ",
			"items": []map[string]any{
				{"drug": "meth_crystal", "weight": map[string]any{"value": json42(), "unit": " Kg "}},
				{},
			},
			"vehicles": []any{map[string]any{"vehicle_type": "CAR", "plate": "30a · 999.99", "plate_country": "vn"}},
			"summary":  map[string]any{"text": "  ", "lang": "vi"},
		},
		"joint_operation": {"officers": 12, "area": []any{"vn-11", nil, " "}, "start_date": " 2026-04-01 "},
		"sitrep":          {"cases": int64(3), "arrests": float32(2), "period_from": "2026-02-01"},
		"nonexistent":     {"a": "b"},
	}
	for _, typ := range forms.Types() {
		messy[typ+"/example"] = example(t, typ)
	}
	for name, fields := range messy {
		typ, _, _ := strings.Cut(name, "/")
		once := forms.Normalize(typ, fields, opts())
		twice := forms.Normalize(typ, once, opts())
		if !reflect.DeepEqual(once, twice) {
			t.Errorf("%s: Normalize is not idempotent:\n once  %#v\n twice %#v", name, once, twice)
		}
		if typ != "nonexistent" && !reflect.DeepEqual(once, roundTrip(t, once)) {
			t.Errorf("%s: the normal form changes through JSON:\n %#v", name, once)
		}
	}
}

func json42() any { return float32(42) }

func TestNormalizeValues(t *testing.T) {
	n := forms.Normalize("seizure", example(t, "seizure"), opts())
	items := n["items"].([]any)
	first := items[0].(map[string]any)
	arrested := n["arrested"].([]any)
	vehicle := n["vehicles"].([]any)[0].(map[string]any)
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"drug code in its case", first["drug"], "HEROIN"},
		{"unit code in its case", first["weight"].(map[string]any)["unit"], "kg"},
		{"number as float64", first["count"].(map[string]any)["value"], float64(12)},
		{"moment in UTC", n["seized_at"], "2026-03-08T14:30:00Z"},
		{"romanised name in capitals", arrested[1].(map[string]any)["name_latin"], "XAY VANG"},
		{"country code", arrested[1].(map[string]any)["nationality"], "LA"},
		{"plate without separators", vehicle["plate"], "27B112345"},
		{"text keeps its lines, LF only", n["summary"].(map[string]any)["text"],
			"Bắt quả tang 2 đối tượng vận chuyển ma túy từ Lào về.\nĐã bàn giao cho Phòng PC04."},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.what, c.got, c.want)
		}
	}

	p := forms.Normalize("rfi_person", example(t, "rfi_person"), opts())
	subj := p["subject"].(map[string]any)
	if subj["name_latin"] != "NGUYEN VAN HUNG" || subj["sex"] != "M" || subj["doc_number"] != "001085012345" {
		t.Errorf("person: %#v", subj)
	}
	for in, want := range map[string]string{
		"Đặng Thị Ngọc Ánh": "DANG THI NGOC ANH", "  lò   văn tiến ": "LO VAN TIEN", "O'Neil": "O'NEIL",
		"ສົມພອນ": "ສົມພອນ", "Nguyễn ສົມ": "NGUYEN ສົມ",
	} {
		got := forms.Normalize("rfi_person", map[string]any{"subject": map[string]any{"name_latin": in}}, opts())
		if n := sub(got, "subject")["name_latin"]; n != want {
			t.Errorf("romanised %q = %q, want %q", in, n, want)
		}
	}
	if subj["name"] != "Nguyễn Văn Hùng" {
		t.Errorf("a name as written is kept: %q", subj["name"])
	}
	if p["reason"].(map[string]any)["lang"] != "vi" {
		t.Errorf("language of a text: %#v", p["reason"])
	}

	v := forms.Normalize("rfi_vehicle", example(t, "rfi_vehicle"), opts())
	if v["seen_at"] != "2026-03-09T15:15:00Z" || v["seen_place"] != "LA-07" || v["plate"] != "29C12345" || v["make_model"] != "Hino 500" {
		t.Errorf("vehicle: %#v", v)
	}
	c := forms.Normalize("controlled_delivery", example(t, "controlled_delivery"), opts())
	if c["contact_phone"] != "+84912345678" || c["contact_name"] != "Trung tá Lê Văn Nam" {
		t.Errorf("controlled delivery: %#v", c)
	}
	f := forms.Normalize("locate_fugitive", example(t, "locate_fugitive"), opts())
	if f["plate"] != "ກຂ1234" || f["phone"] != "+84912345678" {
		t.Errorf("fugitive: plate %q, phone %q", f["plate"], f["phone"])
	}
	ph := forms.Normalize("rfi_phone", example(t, "rfi_phone"), opts())
	if ph["phone"] != "+8562055551234" {
		t.Errorf("phone: %q", ph["phone"])
	}

	// Empty values and empty items are dropped; what the form does not
	// know is kept for Validate to report.
	e := forms.Normalize("joint_operation", map[string]any{
		"area": []any{"vn-11", "", nil, map[string]any{}}, "details": map[string]any{"text": " ", "lang": "vi"},
		"case_ref": "  ", "bogus": "x",
	}, opts())
	if want := (map[string]any{"area": []any{"VN-11"}, "bogus": "x"}); !reflect.DeepEqual(e, want) {
		t.Errorf("empties: %#v", e)
	}

	// The input is not changed.
	in := example(t, "seizure")
	forms.Normalize("seizure", in, opts())
	if !reflect.DeepEqual(in, example(t, "seizure")) {
		t.Error("Normalize changed its input")
	}
}

// problemCase is a change to a valid example and the problem it must give.
type problemCase struct {
	name   string
	typ    string
	change func(m map[string]any)
	path   string // the field's path in the form
	key    string // the catalogue key of the reason
}

func sub(m map[string]any, key string) map[string]any { return m[key].(map[string]any) }

func item(m map[string]any, key string, i int) map[string]any {
	return m[key].([]any)[i].(map[string]any)
}

var problemCases = []problemCase{
	// Required fields.
	{"missing reason", "rfi_person", func(m map[string]any) { delete(m, "reason") }, "reason", "error.form_required"},
	{"blank reason", "rfi_person", func(m map[string]any) { m["reason"] = map[string]any{"text": "  ", "lang": "vi"} }, "reason", "error.form_required"},
	{"no subject", "rfi_person", func(m map[string]any) { m["subject"] = map[string]any{} }, "subject", "error.form_required"},
	{"no items", "seizure", func(m map[string]any) { m["items"] = []any{} }, "items", "error.form_required"},
	{"no requested info", "rfi_vehicle", func(m map[string]any) { delete(m, "requested") }, "requested", "error.form_required"},
	{"item without drug", "seizure", func(m map[string]any) { delete(item(m, "items", 1), "drug") }, "items[1].drug", "error.form_required"},
	{"vehicle without type", "seizure", func(m map[string]any) { delete(item(m, "vehicles", 0), "vehicle_type") }, "vehicles[0].vehicle_type", "error.form_required"},
	{"no contact phone", "controlled_delivery", func(m map[string]any) { m["contact_phone"] = " " }, "contact_phone", "error.form_required"},
	{"no period end", "sitrep", func(m map[string]any) { delete(m, "period_to") }, "period_to", "error.form_required"},

	// Values of the wrong type.
	{"officers as words", "joint_operation", func(m map[string]any) { m["officers"] = "many" }, "officers", "error.form_type"},
	{"a code that is a number", "locate_fugitive", func(m map[string]any) { m["offence"] = 3.0 }, "offence", "error.form_type"},
	{"a list that is a string", "rfi_person", func(m map[string]any) { m["requested"] = "identity" }, "requested", "error.form_type"},
	{"a person that is a string", "rfi_person", func(m map[string]any) { m["subject"] = "Nguyễn Văn Hùng" }, "subject", "error.form_type"},
	{"a place that is a number", "seizure", func(m map[string]any) { m["place"] = 11.0 }, "place", "error.form_type"},
	{"a quantity that is a number", "controlled_delivery", func(m map[string]any) { m["weight"] = 30.0 }, "weight", "error.form_type"},
	{"a quantity's value as text", "seizure", func(m map[string]any) { sub(item(m, "items", 0), "count")["value"] = "twelve" }, "items[0].count", "error.form_type"},
	{"a quantity with an extra key", "seizure", func(m map[string]any) { sub(item(m, "items", 0), "count")["purity"] = 0.9 }, "items[0].count", "error.form_type"},
	{"a text that is a string", "rfi_person", func(m map[string]any) { m["reason"] = "why not" }, "reason", "error.form_type"},
	{"a name that is a list", "controlled_delivery", func(m map[string]any) { m["contact_name"] = []any{"Nam"} }, "contact_name", "error.form_type"},
	{"a group that is a list", "seizure", func(m map[string]any) { m["items"] = []any{[]any{"HEROIN"}} }, "items[0]", "error.form_type"},

	// Codes outside their enumeration.
	{"sex", "rfi_person", func(m map[string]any) { sub(m, "subject")["sex"] = "X" }, "subject.sex", "error.form_enum"},
	{"one requested item", "rfi_person", func(m map[string]any) { m["requested"] = []any{"identity", "dna"} }, "requested[1]", "error.form_enum"},
	{"drug", "seizure", func(m map[string]any) { item(m, "items", 0)["drug"] = "SPICE" }, "items[0].drug", "error.form_enum"},
	{"country", "rfi_vehicle", func(m map[string]any) { m["plate_country"] = "XX" }, "plate_country", "error.form_enum"},
	{"trend", "sitrep", func(m map[string]any) { m["trend"] = "up" }, "trend", "error.form_enum"},

	// Impossible dates.
	{"30 February", "rfi_person", func(m map[string]any) { m["reply_by"] = "2026-02-30" }, "reply_by", "error.form_date"},
	{"day-first date", "locate_fugitive", func(m map[string]any) { m["warrant_date"] = "02/11/2025" }, "warrant_date", "error.form_date"},
	{"date before 1900", "joint_operation", func(m map[string]any) { m["start_date"] = "1899-12-31" }, "start_date", "error.form_date"},
	{"month 13", "rfi_person", func(m map[string]any) { sub(m, "subject")["dob"] = "1985-13" }, "subject.dob", "error.form_partial_date"},
	{"31 April", "rfi_person", func(m map[string]any) { sub(m, "subject")["dob"] = "1985-04-31" }, "subject.dob", "error.form_partial_date"},
	{"born before 1900", "seizure", func(m map[string]any) { item(m, "arrested", 0)["dob"] = "1899" }, "arrested[0].dob", "error.form_partial_date"},
	{"two-digit year", "rfi_person", func(m map[string]any) { sub(m, "subject")["dob"] = "85" }, "subject.dob", "error.form_partial_date"},
	{"hour 25", "seizure", func(m map[string]any) { m["seized_at"] = "2026-03-08T25:00:00Z" }, "seized_at", "error.form_datetime"},
	{"a moment that is a date", "rfi_vehicle", func(m map[string]any) { m["seen_at"] = "2026-03-09" }, "seen_at", "error.form_datetime"},

	// The present.
	{"seized tomorrow", "seizure", func(m map[string]any) { m["seized_at"] = "2026-03-11T03:00:00Z" }, "seized_at", "error.form_future"},
	{"seized in ten minutes", "seizure", func(m map[string]any) { m["seized_at"] = "2026-03-10T03:10:00Z" }, "seized_at", "error.form_future"},
	{"born next year", "rfi_person", func(m map[string]any) { sub(m, "subject")["dob"] = "2027" }, "subject.dob", "error.form_future"},
	{"born next month", "rfi_person", func(m map[string]any) { sub(m, "subject")["dob"] = "2026-04" }, "subject.dob", "error.form_future"},
	{"warrant dated tomorrow", "locate_fugitive", func(m map[string]any) { m["warrant_date"] = "2026-03-11" }, "warrant_date", "error.form_future"},
	{"report on the future", "sitrep", func(m map[string]any) { m["period_to"] = "2026-03-31" }, "period_to", "error.form_future"},
	{"reply by yesterday", "rfi_person", func(m map[string]any) { m["reply_by"] = "2026-03-09" }, "reply_by", "error.form_past"},

	// Numbers and quantities.
	{"negative weight", "controlled_delivery", func(m map[string]any) { sub(m, "weight")["value"] = -1.0 }, "weight", "error.form_positive"},
	{"zero count", "seizure", func(m map[string]any) { sub(item(m, "items", 1), "count")["value"] = 0.0 }, "items[1].count", "error.form_positive"},
	{"half a pill", "seizure", func(m map[string]any) { sub(item(m, "items", 1), "count")["value"] = 2.5 }, "items[1].count", "error.form_integer"},
	{"no officers", "joint_operation", func(m map[string]any) { m["officers"] = 0.0 }, "officers", "error.form_min"},
	{"negative cases", "sitrep", func(m map[string]any) { m["cases"] = -3.0 }, "cases", "error.form_min"},
	{"an army of officers", "joint_operation", func(m map[string]any) { m["officers"] = 20000.0 }, "officers", "error.form_max"},
	{"half an officer", "joint_operation", func(m map[string]any) { m["officers"] = 1.5 }, "officers", "error.form_integer"},

	// Units of measure.
	{"a count in kg", "seizure", func(m map[string]any) { sub(item(m, "items", 1), "count")["unit"] = "kg" }, "items[1].count", "error.form_unit"},
	{"a weight in pills", "controlled_delivery", func(m map[string]any) { sub(m, "weight")["unit"] = "pills" }, "weight", "error.form_unit"},
	{"an unknown unit", "seizure", func(m map[string]any) { sub(item(m, "items", 0), "weight")["unit"] = "lbs" }, "items[0].weight", "error.form_unit"},
	{"no unit", "seizure", func(m map[string]any) { delete(sub(item(m, "items", 0), "weight"), "unit") }, "items[0].weight", "error.form_unit"},
	{"heroin in pills", "seizure", func(m map[string]any) { sub(item(m, "items", 0), "count")["unit"] = "pills" }, "items[0].count", "error.form_unit_drug"},
	{"ice in litres", "controlled_delivery", func(m map[string]any) { sub(m, "weight")["unit"] = "l" }, "weight", "error.form_unit_drug"},
	{"poppy by weight", "sitrep", func(m map[string]any) {
		item(m, "items", 1)["weight"] = map[string]any{"value": 3.0, "unit": "kg"}
	}, "items[1].weight", "error.form_unit_drug"},

	// Unit codes.
	{"unknown unit code", "seizure", func(m map[string]any) { m["place"] = "VN-99" }, "place", "error.form_place_unknown"},
	{"not a unit code", "seizure", func(m map[string]any) { m["place"] = "Điện Biên" }, "place", "error.form_place"},
	{"unknown unit in a list", "joint_operation", func(m map[string]any) { m["partner_units"] = []any{"LA-07", "LA-99"} }, "partner_units[1]", "error.form_place_unknown"},

	// Phone numbers.
	{"VN number too short", "rfi_phone", func(m map[string]any) { m["phone"] = "+84 912 345" }, "phone", "error.form_phone"},
	{"VN number too long", "rfi_phone", func(m map[string]any) { m["phone"] = "+84 912 345 678 90" }, "phone", "error.form_phone"},
	{"LA number too short", "rfi_phone", func(m map[string]any) { m["phone"] = "+856 20 555 12" }, "phone", "error.form_phone"},
	{"LA number too long", "rfi_phone", func(m map[string]any) { m["phone"] = "+856 20 5555 123456" }, "phone", "error.form_phone"},
	{"letters in a number", "locate_fugitive", func(m map[string]any) { m["phone"] = "+84 91234567a" }, "phone", "error.form_phone"},
	{"no country code", "rfi_phone", func(m map[string]any) { m["phone"] = "912345678" }, "phone", "error.form_phone"},
	{"a number that is a number", "controlled_delivery", func(m map[string]any) { m["contact_phone"] = 912345678.0 }, "contact_phone", "error.form_phone"},

	// Plates.
	{"plate too short", "rfi_vehicle", func(m map[string]any) { m["plate"] = "29" }, "plate", "error.form_plate"},
	{"plate without digits", "rfi_vehicle", func(m map[string]any) { m["plate"] = "ABCD" }, "plate", "error.form_plate"},
	{"plate too long", "rfi_vehicle", func(m map[string]any) { m["plate"] = "29A-12345-67890" }, "plate", "error.form_plate"},
	{"plate with odd signs", "controlled_delivery", func(m map[string]any) { m["plate"] = "51C_678#90" }, "plate", "error.form_plate"},
	{"plate in a group", "seizure", func(m map[string]any) { item(m, "vehicles", 0)["plate"] = "1" }, "vehicles[0].plate", "error.form_plate"},

	// Rules across fields.
	{"period ends before it starts", "rfi_phone", func(m map[string]any) { m["period_to"] = "2025-12-31" }, "period_to", "error.form_order"},
	{"delivery ends before it starts", "controlled_delivery", func(m map[string]any) { m["planned_end"] = "2026-03-12T05:59:00Z" }, "planned_end", "error.form_order"},
	{"operation ends before it starts", "joint_operation", func(m map[string]any) { m["end_date"] = "2026-03-31" }, "end_date", "error.form_order"},
	{"sitrep ends before it starts", "sitrep", func(m map[string]any) { m["period_from"] = "2026-03-01" }, "period_to", "error.form_order"},
	{"document number without type", "rfi_person", func(m map[string]any) { delete(sub(m, "subject"), "doc_type") }, "subject.doc_type", "error.form_requires"},
	{"plate without its country", "seizure", func(m map[string]any) { delete(item(m, "vehicles", 0), "plate_country") }, "vehicles[0].plate_country", "error.form_requires"},
	{"person without a name", "rfi_phone", func(m map[string]any) { delete(sub(m, "holder"), "name") }, "holder.name", "error.form_any_of"},
	{"arrested without a name", "seizure", func(m map[string]any) { delete(item(m, "arrested", 1), "name_latin") }, "arrested[1].name", "error.form_any_of"},
	{"drug without a quantity", "seizure", func(m map[string]any) { delete(item(m, "items", 1), "count") }, "items[1].count", "error.form_any_of"},
	{"delivery without a quantity", "controlled_delivery", func(m map[string]any) { delete(m, "weight") }, "count", "error.form_any_of"},

	// Text.
	{"text without language", "seizure", func(m map[string]any) { delete(sub(m, "summary"), "lang") }, "summary", "error.form_text_lang"},
	{"text in Thai", "seizure", func(m map[string]any) { sub(m, "summary")["lang"] = "th" }, "summary", "error.form_text_lang"},
	{"operation name too long", "joint_operation", func(m map[string]any) { m["operation_name"] = strings.Repeat("Á", 101) }, "operation_name", "error.form_too_long"},
	{"reference too long", "seizure", func(m map[string]any) { m["case_ref"] = strings.Repeat("9", 65) }, "case_ref", "error.form_too_long"},
	{"bell in a name", "controlled_delivery", func(m map[string]any) { m["contact_name"] = "Lê\aNam" }, "contact_name", "error.form_control"},
	{"escape in a text", "seizure", func(m map[string]any) { sub(m, "summary")["text"] = "ok\x1b[2J" }, "summary", "error.form_control"},
	{"Lao script as a romanised name", "locate_fugitive", func(m map[string]any) { sub(m, "subject")["name_latin"] = "ສົມພອນ" }, "subject.name_latin", "error.form_latin"},

	// Lists.
	{"too many areas", "joint_operation", func(m map[string]any) {
		var area []any
		for range 21 {
			area = append(area, "VN-11")
		}
		m["area"] = area
	}, "area", "error.form_items_max"},

	// Fields the form does not have.
	{"unknown field", "rfi_person", func(m map[string]any) { m["colour"] = "red" }, "colour", "error.form_unknown_field"},
	{"unknown sub-field", "rfi_person", func(m map[string]any) { sub(m, "subject")["height"] = 170.0 }, "subject.height", "error.form_unknown_field"},
}

func TestProblems(t *testing.T) {
	for _, c := range problemCases {
		t.Run(c.name, func(t *testing.T) {
			m := example(t, c.typ)
			c.change(m)
			_, err := forms.Check(c.typ, m, opts())
			if err == nil {
				t.Fatalf("Check accepted the form")
			}
			if !borderlink.IsCode(err, borderlink.EInvalid) {
				t.Errorf("code %q, want invalid", borderlink.ErrorCode(err))
			}
			probs := forms.Problems(err)
			got := probs.Of(c.path)
			if got == nil {
				t.Fatalf("no problem at %s; problems: %v", c.path, probs)
			}
			if got.Key != c.key {
				t.Errorf("%s: key %s, want %s (%v)", c.path, got.Key, c.key, got)
			}
			if len(probs) != 1 {
				t.Errorf("want one problem, got %d: %v", len(probs), probs)
			}
			if len(got.Args) < 2 || got.Args[0] != "field" {
				t.Fatalf("args do not begin with the field: %v", got.Args)
			}
			if _, ok := got.Args[1].(borderlink.Text); !ok {
				t.Errorf("the field's label is a %T, not a Text", got.Args[1])
			}
		})
	}
}

func TestValidateReportsEveryProblemInFieldOrder(t *testing.T) {
	m := example(t, "seizure")
	m["summary"] = map[string]any{"text": "x"}           // last field
	m["seized_at"] = "2099-01-01T00:00:00Z"              // first field
	sub(item(m, "items", 0), "weight")["unit"] = "pills" // in a list
	item(m, "arrested", 0)["sex"] = "?"                  // in a person in a list
	_, err := forms.Check("seizure", m, opts())
	probs := forms.Problems(err)
	var paths []string
	for _, p := range probs {
		paths = append(paths, p.Field)
	}
	want := []string{"seized_at", "items[0].weight", "arrested[0].sex", "summary"}
	if !slices.Equal(paths, want) {
		t.Fatalf("problems at %v, want %v", paths, want)
	}
	e := borderlink.AsError(err)
	if e.Key != "error.form_fields" || !slices.Equal(e.Args, []any{"count", 4}) {
		t.Errorf("error of several problems: key %s, args %v", e.Key, e.Args)
	}
	var fe forms.FieldErrors
	if !errors.As(err, &fe) || len(fe) != 4 {
		t.Errorf("the problems are not in the error's chain")
	}
	if !strings.Contains(err.Error(), "seized_at") || !strings.Contains(err.Error(), "arrested[0].sex") {
		t.Errorf("the message does not name the fields: %v", err)
	}

	// One problem: the error is that field's.
	m = example(t, "seizure")
	m["seized_at"] = "2099-01-01T00:00:00Z"
	_, err = forms.Check("seizure", m, opts())
	if e := borderlink.AsError(err); e.Key != "error.form_future" || !strings.HasPrefix(e.Message, "seized_at: ") {
		t.Errorf("single problem: %#v", e)
	}
	if len(forms.Problems(err)) != 1 {
		t.Errorf("single problem not in the chain")
	}
}

func TestFieldLabelsNestAndNumberItems(t *testing.T) {
	m := example(t, "seizure")
	item(m, "arrested", 1)["sex"] = "?"
	_, err := forms.Check("seizure", m, opts())
	p := forms.Problems(err).Of("arrested[1].sex")
	if p == nil {
		t.Fatal(err)
	}
	label := p.Args[1].(borderlink.Text)
	for _, c := range []struct{ got, want string }{
		{label.VI, "Đối tượng bị bắt 2 – Giới tính"},
		{label.LO, "ຜູ້ຖືກຈັບກຸມ 2 – ເພດ"},
		{label.EN, "Persons arrested 2 – Sex"},
	} {
		if c.got != c.want {
			t.Errorf("label %q, want %q", c.got, c.want)
		}
	}
}

func TestJudgedWithoutTheClockOrUnits(t *testing.T) {
	// The zero time skips the checks against the present; no UnitExists
	// checks the form of unit codes only.
	m := example(t, "seizure")
	m["seized_at"] = "2099-01-01T00:00:00Z"
	m["place"] = "VN-99"
	if _, err := forms.Check("seizure", m, forms.Options{}); err != nil {
		t.Errorf("Check without Now and units: %v", err)
	}
	// A moment a few minutes ahead is within the clocks' skew.
	m = example(t, "seizure")
	m["seized_at"] = now.Add(forms.ClockSkew - time.Second).Format(time.RFC3339)
	if _, err := forms.Check("seizure", m, opts()); err != nil {
		t.Errorf("a moment within the skew: %v", err)
	}
	// Today counts as not past for a deadline, and as not future for a
	// date, in Indochina Time: at 23:30 UTC on 9 March it is already 10
	// March at the border.
	late := opts()
	late.Now = time.Date(2026, 3, 9, 23, 30, 0, 0, time.UTC)
	m = example(t, "locate_fugitive")
	m["warrant_date"] = "2026-03-10"
	if _, err := forms.Check("locate_fugitive", m, late); err != nil {
		t.Errorf("a date of the border's today: %v", err)
	}
	m = example(t, "rfi_vehicle")
	m["reply_by"] = "2026-03-10"
	if _, err := forms.Check("rfi_vehicle", m, late); err != nil {
		t.Errorf("reply by the border's today: %v", err)
	}
}

func TestUnknownForm(t *testing.T) {
	_, err := forms.Check("rfi_boat", map[string]any{"a": "b"}, opts())
	e := borderlink.AsError(err)
	if e == nil || e.Code != borderlink.EInvalid || e.Key != "error.form_unknown" {
		t.Fatalf("unknown form: %v", err)
	}
	if forms.Problems(err) != nil {
		t.Error("an unknown form has field problems")
	}
	if forms.Problems(nil) != nil || forms.Validate("sitrep", checked(t, "sitrep"), opts()) != nil {
		t.Error("no error, no problems")
	}
}

func TestSchemaIsACopy(t *testing.T) {
	f, _ := forms.Lookup("seizure")
	f.Fields[0].Required = false
	f.Fields[3].Fields[0].Key = "changed"
	all := forms.Forms()
	all[0].Type = "changed"
	g, _ := forms.Lookup("seizure")
	if !g.Fields[0].Required || g.Fields[3].Fields[0].Key != "drug" || forms.Forms()[0].Type == "changed" {
		t.Error("a caller changed the schema")
	}
	p := forms.PersonFields()
	p[0].Key = "changed"
	if forms.PersonFields()[0].Key != "name" {
		t.Error("a caller changed the person's fields")
	}
	e, _ := forms.LookupEnum("sex")
	e.Codes[0] = "changed"
	if e, _ := forms.LookupEnum("sex"); e.Codes[0] != "M" || !e.Has("F") || e.Has("m") {
		t.Error("a caller changed an enumeration")
	}
	if _, ok := forms.LookupEnum("nope"); ok {
		t.Error("LookupEnum of an unknown name")
	}
	if f.Title() != "forms.type.seizure" || f.Fields[0].Label() != "forms.field.seized_at" {
		t.Error("catalogue keys of the schema")
	}
	if _, ok := f.Field("items"); !ok {
		t.Error("Field(items)")
	}
	if _, ok := f.Field("nope"); ok {
		t.Error("Field(nope)")
	}
}

package forms_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/hotline/forms"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/refdata"
)

var catalog = i18n.MustLoad()

func printers() []*i18n.Printer {
	var out []*i18n.Printer
	for _, l := range borderlink.Langs {
		out = append(out, catalog.Printer(l))
	}
	return out
}

// TestCatalogueCoversTheForms fails when a form, a field, a value kind or a
// code of an enumeration (the drug types of refdata among them) has no
// name in one of the languages.
func TestCatalogueCoversTheForms(t *testing.T) {
	var keys []string
	var walk func(fs []forms.Field)
	walk = func(fs []forms.Field) {
		for _, f := range fs {
			keys = append(keys, f.Label())
			walk(f.Fields)
		}
	}
	for _, f := range forms.Forms() {
		keys = append(keys, f.Title())
		walk(f.Fields)
	}
	for _, e := range forms.Enums() {
		for _, c := range e.Codes {
			keys = append(keys, e.Key(c))
		}
	}
	d, err := refdata.DrugTypes()
	if err != nil {
		t.Fatal(err)
	}
	for _, dt := range d.Types {
		keys = append(keys, forms.EnumKey("drug", dt.Code))
	}
	for _, k := range []string{"code", "number", "place", "person", "group", "list", "quantity", "text", "name"} {
		keys = append(keys, "forms.kind."+k)
	}
	for _, k := range keys {
		txt, _, ok := catalog.Text(k)
		if !ok {
			t.Errorf("no catalogue text for %s", k)
			continue
		}
		if txt.VI == "" || txt.LO == "" || txt.EN == "" {
			t.Errorf("%s lacks a language: %+v", k, txt)
		}
	}
}

// TestProblemsReadInEveryLanguage renders every problem of the table in
// each language: a catalogue message with its placeholders filled and the
// field named in the reader's language.
func TestProblemsReadInEveryLanguage(t *testing.T) {
	leftover := regexp.MustCompile(`\{[a-z_]+\}|forms\.(field|kind|enum|type)\.`)
	for _, c := range problemCases {
		m := example(t, c.typ)
		c.change(m)
		_, err := forms.Check(c.typ, m, opts())
		for _, fe := range forms.Problems(err) {
			if !catalog.Printer(borderlink.LangEN).Has(fe.Err.Key) {
				t.Errorf("%s: no catalogue message %s", c.name, fe.Err.Key)
				continue
			}
			label := fe.Err.Args[1].(borderlink.Text)
			for _, p := range printers() {
				s := p.Err(fe.Err)
				if leftover.MatchString(s) {
					t.Errorf("%s (%s): %q", c.name, p.Lang(), s)
				}
				if l := label.In(p.Lang()); !strings.Contains(s, l) && fe.Err.Key != "error.form_unknown_field" {
					t.Errorf("%s (%s): %q does not name the field %q", c.name, p.Lang(), s, l)
				}
			}
		}
	}
	_, err := forms.Check("nope", nil, opts())
	for _, p := range printers() {
		if s := p.Err(err); !strings.Contains(s, "nope") || strings.Contains(s, "{") {
			t.Errorf("unknown form (%s): %q", p.Lang(), s)
		}
	}
}

// fieldOrder returns the keys of fields that have a value in vals, in the
// order of fs.
func fieldOrder(fs []forms.Field, vals map[string]any) []string {
	var out []string
	for _, f := range fs {
		if _, ok := vals[f.Key]; ok {
			out = append(out, f.Key)
		}
	}
	return out
}

func TestRenderEveryFieldInEveryLanguage(t *testing.T) {
	raw := regexp.MustCompile(`forms\.|error\.|\{[a-z_]+\}|map\[|%!`)
	for _, typ := range forms.Types() {
		vals := checked(t, typ)
		f, _ := forms.Lookup(typ)
		for _, p := range printers() {
			rows := forms.Render(p, typ, vals)
			var keys []string
			for _, r := range rows {
				keys = append(keys, r.Key)
			}
			if want := fieldOrder(f.Fields, vals); !slices.Equal(keys, want) {
				t.Errorf("%s (%s): fields %v, want %v", typ, p.Lang(), keys, want)
			}
			var check func(path string, fs []forms.Field, rows []forms.RenderedField)
			check = func(path string, fs []forms.Field, rows []forms.RenderedField) {
				for _, r := range rows {
					if r.Label == "" || r.Value == "" {
						t.Errorf("%s (%s): %s has label %q, value %q", typ, p.Lang(), r.Key, r.Label, r.Value)
					}
					if raw.MatchString(r.Label) || raw.MatchString(r.Value) {
						t.Errorf("%s (%s): %s reads %q: %q", typ, p.Lang(), r.Key, r.Label, r.Value)
					}
					if p.Lang() == borderlink.LangLO && !regexp.MustCompile(`\p{Lao}`).MatchString(r.Label) {
						t.Errorf("%s: the Lao label of %s is %q", typ, r.Key, r.Label)
					}
					for _, part := range r.Parts {
						if !strings.HasPrefix(part.Key, r.Key) {
							t.Errorf("%s: part %s of %s", typ, part.Key, r.Key)
						}
					}
					check(r.Key, fs, r.Parts)
				}
			}
			check("", f.Fields, rows)
		}
	}
}

// find returns the row at path among rows and their parts.
func find(rows []forms.RenderedField, path string) (forms.RenderedField, bool) {
	for _, r := range rows {
		if r.Key == path {
			return r, true
		}
		if x, ok := find(r.Parts, path); ok {
			return x, true
		}
	}
	return forms.RenderedField{}, false
}

func TestRenderValues(t *testing.T) {
	vi, lo, en := catalog.Printer(borderlink.LangVI), catalog.Printer(borderlink.LangLO), catalog.Printer(borderlink.LangEN)
	seizure := checked(t, "seizure")
	person := checked(t, "rfi_person")
	phone := checked(t, "rfi_phone")
	sitrep := checked(t, "sitrep")
	fugitive := checked(t, "locate_fugitive")
	for _, c := range []struct {
		p     *i18n.Printer
		typ   string
		vals  map[string]any
		path  string
		label string
		value string
	}{
		{vi, "seizure", seizure, "items[1].count", "Số lượng", "60.000 viên"},
		{en, "seizure", seizure, "items[1].count", "Count", "60,000 pills"},
		{lo, "seizure", seizure, "items[1].count", "ຈຳນວນ", "60.000 ເມັດ"},
		{vi, "seizure", seizure, "items[0].weight", "Khối lượng, thể tích", "4,2 kg"},
		{lo, "seizure", seizure, "items[0].weight", "ນ້ຳໜັກ ຫຼື ບໍລິມາດ", "4,2 ກິໂລກຣາມ"},
		{en, "seizure", seizure, "items[0].drug", "Drug", "Heroin"},
		{lo, "seizure", seizure, "items[1].drug", "ປະເພດຢາເສບຕິດ", "ຢາບ້າ"},
		{vi, "seizure", seizure, "items[1]", "Ma túy thu giữ 2", "Loại ma túy: Ma túy tổng hợp dạng viên (hồng phiến); Số lượng: 60.000 viên"},
		{vi, "seizure", seizure, "seized_at", "Thời điểm bắt giữ", "08/03/2026 21:30"},
		{en, "seizure", seizure, "seized_at", "Time of seizure", "8 Mar 2026 21:30"},
		{vi, "seizure", seizure, "arrested[0].sex", "Giới tính", "Nam"},
		{lo, "seizure", seizure, "arrested[1].nationality", "ສັນຊາດ", "ລາວ"},
		{vi, "seizure", seizure, "arrested[0].dob", "Ngày sinh", "1990"},
		{en, "seizure", seizure, "vehicles[0].vehicle_type", "Vehicle type", "Motorbike"},
		{vi, "seizure", seizure, "vehicles[0].plate", "Biển kiểm soát", "27B112345"},
		{vi, "seizure", seizure, "place", "Địa bàn xảy ra", "VN-11"},
		{vi, "rfi_person", person, "subject.dob", "Ngày sinh", "03/1985"},
		{en, "rfi_person", person, "subject.dob", "Date of birth", "Mar 1985"},
		{vi, "rfi_person", person, "reply_by", "Đề nghị trả lời trước ngày", "20/03/2026"},
		{en, "rfi_person", person, "reply_by", "Reply by", "20 Mar 2026"},
		{en, "rfi_person", person, "requested", "Information requested", "Identity, Criminal record, Present whereabouts, Border crossings"},
		{vi, "rfi_person", person, "requested[1]", "Thông tin đề nghị cung cấp 2", "Tiền án, tiền sự"},
		{lo, "rfi_person", person, "subject.doc_type", "ປະເພດເອກະສານຢັ້ງຢືນຕົວຕົນ", "ບັດປະຈຳຕົວ"},
		{vi, "rfi_person", person, "reason", "Lý do đề nghị", "Nghi vấn vận chuyển heroin qua cửa khẩu Na Mèo – Nậm Xôi."},
		{en, "rfi_phone", phone, "phone", "Phone number", "+856 20 5555 1234"},
		{en, "locate_fugitive", fugitive, "phone", "Phone number", "+84 912 345 678"},
		{vi, "locate_fugitive", fugitive, "armed", "Có vũ khí", "Chưa rõ"},
		{en, "sitrep", sitrep, "items[0].weight", "Weight or volume", "125.5 kg"},
		{en, "sitrep", sitrep, "cases", "Number of cases", "14"},
		{vi, "sitrep", sitrep, "trend", "Xu hướng", "Tăng"},
	} {
		rows := forms.Render(c.p, c.typ, c.vals)
		r, ok := find(rows, c.path)
		if !ok {
			t.Errorf("%s (%s): no %s", c.typ, c.p.Lang(), c.path)
			continue
		}
		if r.Label != c.label || r.Value != c.value {
			t.Errorf("%s (%s) %s: %q = %q, want %q = %q", c.typ, c.p.Lang(), c.path, r.Label, r.Value, c.label, c.value)
		}
	}

	// Persons, groups and lists have their parts; a text says its language.
	rows := forms.Render(vi, "seizure", seizure)
	items, _ := find(rows, "items")
	if len(items.Parts) != 2 || len(items.Parts[0].Parts) != 3 || !strings.Contains(items.Value, " | ") {
		t.Errorf("items: %+v", items)
	}
	arrested, _ := find(rows, "arrested")
	if len(arrested.Parts) != 2 || arrested.Parts[1].Label != "Đối tượng bị bắt 2" {
		t.Errorf("arrested: %+v", arrested)
	}
	if s, _ := find(rows, "summary"); s.Lang != borderlink.LangVI {
		t.Errorf("summary language %q", s.Lang)
	}
	if s, _ := find(forms.Render(en, "sitrep", sitrep), "summary"); s.Lang != borderlink.LangLO {
		t.Errorf("Lao summary language %q", s.Lang)
	}
}

func TestRenderOptionsAndOddValues(t *testing.T) {
	en := catalog.Printer(borderlink.LangEN)
	names := forms.UnitNames(func(code string) (borderlink.Text, bool) {
		if code == "VN-11" {
			return borderlink.Text{VI: "Công an tỉnh Điện Biên", LO: "ປກສ ແຂວງດ່ຽນບຽນ", EN: "Dien Bien Provincial Police"}, true
		}
		return borderlink.Text{}, false
	})
	rows := forms.Render(catalog.Printer(borderlink.LangVI), "seizure", checked(t, "seizure"), names)
	if r, _ := find(rows, "place"); r.Value != "Công an tỉnh Điện Biên (VN-11)" {
		t.Errorf("place with its name: %q", r.Value)
	}
	rows = forms.Render(en, "joint_operation", checked(t, "joint_operation"), names)
	if r, _ := find(rows, "area"); r.Value != "Dien Bien Provincial Police (VN-11), LA-07" {
		t.Errorf("list of places: %q", r.Value)
	}

	// What Render cannot read is shown as it is, never hidden.
	odd := map[string]any{
		"trend":     "sideways",
		"cases":     "a dozen",
		"items":     []any{map[string]any{"drug": "HEROIN", "weight": map[string]any{"value": 1.0, "unit": "lbs"}}},
		"area_unit": "VN-99",
		"summary":   map[string]any{"text": "x", "lang": "vi"},
		"ignored":   "not a field",
	}
	rows = forms.Render(en, "sitrep", odd)
	for path, want := range map[string]string{"trend": "sideways", "cases": "a dozen", "area_unit": "VN-99", "items[0].drug": "Heroin"} {
		if r, _ := find(rows, path); r.Value != want {
			t.Errorf("%s: %q, want %q", path, r.Value, want)
		}
	}
	if r, _ := find(rows, "items[0].weight"); !strings.Contains(r.Value, "lbs") {
		t.Errorf("odd quantity: %q", r.Value)
	}
	if _, ok := find(rows, "ignored"); ok {
		t.Error("a key the form does not have was rendered")
	}
	if forms.Render(en, "nope", odd) != nil {
		t.Error("Render of an unknown form")
	}
	if got := forms.Render(en, "sitrep", nil); len(got) != 0 {
		t.Errorf("Render of no fields: %v", got)
	}
	// Decimals: as many as the number has, up to 3.
	q := map[string]any{"items": []any{map[string]any{"drug": "HEROIN", "weight": map[string]any{"value": 1.23456, "unit": "kg"}}}}
	if r, _ := find(forms.Render(en, "sitrep", q), "items[0].weight"); r.Value != "1.235 kg" {
		t.Errorf("decimals: %q", r.Value)
	}
}

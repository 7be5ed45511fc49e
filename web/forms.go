package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/hotline/forms"
	"github.com/borderlink/borderlink/internal/httpx"
)

// formInput is one input of a structured form on the compose page. Keys of
// nested values use dots: "f.suspect.name", "f.drugs.0.quantity.value".
type formInput struct {
	Key, Label, Value, Input, Step, Hint string
	Required                             bool
	Options                              []option
}

type renderedField struct {
	Label, Value string
}

func (wb *Web) formTypeOptions(in *httpx.Info, selected string) []option {
	out := []option{{Value: "", Label: in.P.T("hotline.form_none"), Selected: selected == ""}}
	for _, f := range forms.Forms() {
		out = append(out, option{Value: f.Type, Label: in.P.T(f.Title()), Selected: f.Type == selected})
	}
	return out
}

// formInputs lays out the inputs of a form type, filled from values. Lists
// get one item on the page (more are added through the API).
func (wb *Web) formInputs(in *httpx.Info, typ string, values map[string]any) []formInput {
	f, ok := forms.Lookup(typ)
	if !ok {
		return nil
	}
	var out []formInput
	for _, fd := range f.Fields {
		out = append(out, wb.fieldInputs(in, fd, fd.Key, values[fd.Key])...)
	}
	return out
}

func (wb *Web) fieldInputs(in *httpx.Info, fd forms.Field, key string, v any) []formInput {
	if fd.List {
		if l, ok := v.([]any); ok && len(l) > 0 {
			v = l[0]
		} else {
			v = nil
		}
		key += ".0"
		fd.List = false
	}
	label := in.P.T(fd.Label())
	switch fd.Type {
	case forms.TypePerson, forms.TypeGroup:
		sub, _ := v.(map[string]any)
		var out []formInput
		for _, s := range fd.Fields {
			for _, fi := range wb.fieldInputs(in, s, key+"."+s.Key, sub[s.Key]) {
				fi.Label = label + " · " + fi.Label
				fi.Required = fi.Required && fd.Required
				out = append(out, fi)
			}
		}
		return out
	case forms.TypeQuantity:
		q, _ := v.(map[string]any)
		units := fd.Units
		if len(units) == 0 {
			if e, ok := forms.LookupEnum("qty_unit"); ok {
				units = e.Codes
			}
		}
		var opts []option
		for _, u := range units {
			opts = append(opts, option{Value: u, Label: in.P.T(forms.EnumKey("qty_unit", u)), Selected: str(q["unit"]) == u})
		}
		return []formInput{
			{Key: key + ".value", Label: label, Value: str(q["value"]), Input: "number", Step: "any", Required: fd.Required},
			{Key: key + ".unit", Label: label + " · " + in.P.T("hotline.unit_of_measure"), Options: opts, Required: fd.Required},
		}
	case forms.TypeText:
		t, _ := v.(map[string]any)
		return []formInput{{Key: key + ".text", Label: label, Value: str(t["text"]), Input: "textarea", Required: fd.Required}}
	case forms.TypeCode:
		e, _ := forms.LookupEnum(fd.Enum)
		var opts []option
		for _, c := range e.Codes {
			opts = append(opts, option{Value: c, Label: in.P.T(e.Key(c)), Selected: str(v) == c})
		}
		return []formInput{{Key: key, Label: label, Options: opts, Required: fd.Required}}
	}
	fi := formInput{Key: key, Label: label, Value: str(v), Input: "text", Required: fd.Required}
	switch fd.Type {
	case forms.TypeInteger:
		fi.Input, fi.Step = "number", "1"
	case forms.TypeDate:
		fi.Input = "date"
	case forms.TypeDateTime:
		fi.Input = "datetime-local"
	case forms.TypePartialDate:
		fi.Hint = "YYYY, YYYY-MM, YYYY-MM-DD"
	case forms.TypePlace:
		fi.Hint = in.P.T("hotline.place_hint")
	case forms.TypePhone:
		fi.Input = "tel"
	}
	return []formInput{fi}
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// formFields turns the "f.…" inputs of a posted form back into the nested
// fields of a form value; numbers are sent as numbers, empty inputs left
// out. The form package then normalises and checks them.
func formFields(r *http.Request, typ string, lang string) map[string]any {
	f, ok := forms.Lookup(typ)
	if !ok {
		return map[string]any{}
	}
	out := map[string]any{}
	for _, fd := range f.Fields {
		if v, ok := postedValue(r, fd, "f."+fd.Key, lang); ok {
			out[fd.Key] = v
		}
	}
	return out
}

func postedValue(r *http.Request, fd forms.Field, key, lang string) (any, bool) {
	if fd.List {
		fd.List = false
		v, ok := postedValue(r, fd, key+".0", lang)
		if !ok {
			return nil, false
		}
		return []any{v}, true
	}
	get := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	switch fd.Type {
	case forms.TypePerson, forms.TypeGroup:
		m := map[string]any{}
		for _, s := range fd.Fields {
			if v, ok := postedValue(r, s, key+"."+s.Key, lang); ok {
				m[s.Key] = v
			}
		}
		return m, len(m) > 0
	case forms.TypeQuantity:
		val, unit := get(key+".value"), get(key+".unit")
		if val == "" && unit == "" {
			return nil, false
		}
		q := map[string]any{"unit": unit}
		if n, err := strconv.ParseFloat(strings.ReplaceAll(val, ",", "."), 64); err == nil {
			q["value"] = n
		} else {
			q["value"] = val // let the form package say what is wrong
		}
		return q, true
	case forms.TypeText:
		t := get(key + ".text")
		if t == "" {
			return nil, false
		}
		return map[string]any{"text": t, "lang": lang}, true
	case forms.TypeInteger:
		s := get(key)
		if s == "" {
			return nil, false
		}
		if n, err := strconv.ParseFloat(s, 64); err == nil {
			return n, true
		}
		return s, true
	case forms.TypeDateTime:
		s := get(key)
		if s == "" {
			return nil, false
		}
		if len(s) == len("2006-01-02T15:04") {
			s += ":00+07:00" // the browser's local time at the border (UTC+7)
		}
		return s, true
	}
	s := get(key)
	return s, s != ""
}

// renderForm renders a form's fields in the reader's language.
func (wb *Web) renderForm(in *httpx.Info, typ string, fields map[string]any) (string, []renderedField) {
	var out []renderedField
	names := forms.UnitNames(func(code string) (borderlink.Text, bool) {
		u, err := wb.Units.Tree().Get(code)
		return u.Name, err == nil
	})
	for _, rf := range forms.Render(in.P, typ, fields, names) {
		out = append(out, renderedField{Label: rf.Label, Value: rf.Value})
	}
	title := typ
	if f, ok := forms.Lookup(typ); ok {
		title = in.P.T(f.Title())
	}
	return title, out
}

// formPartial answers the form-type select of the compose page with the
// inputs of the chosen form (htmx).
func (wb *Web) formPartial(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	wb.fragment(w, r, "hotline_channel", "form_fields", wb.formInputs(in, r.URL.Query().Get("form"), nil))
}

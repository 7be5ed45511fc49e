package forms

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
)

// RenderedField is one field of a form as a reader sees it, in the
// printer's language.
//
// Value is the whole value on one line. A person, a group or a list also
// has Parts: a person's or group's sub-fields, or a list's items (labelled
// with the field's label and their number), each rendered the same way.
// Lang is set for free text: the language the text is written in, so that a
// page can show a translation beside it. Key is the field's path, as in
// FieldError.
type RenderedField struct {
	Key   string
	Label string
	Value string
	Lang  borderlink.Lang
	Parts []RenderedField
}

// RenderOption changes how Render shows values.
type RenderOption func(*renderer)

// UnitNames makes Render show a unit code with the unit's name, "Công an
// tỉnh Điện Biên (VN-11)", when name knows the code.
func UnitNames(name func(code string) (borderlink.Text, bool)) RenderOption {
	return func(r *renderer) { r.unitName = name }
}

// Render returns every field of a form that has a value, in the form's
// order, labelled and written in p's language: codes by their names in the
// catalogue, numbers with p's digit grouping and the unit's name
// ("7.759.847 viên", "110 ກິໂລກຣາມ"), dates by p.CivilDate (a partial
// date as its month and year or its year), moments by p.DateTime, phone
// numbers grouped, free text as written. A value Render cannot read (an
// unknown code, a wrong type) is shown as it is, so that nothing is hidden
// from the reader. An unknown form type gives nil.
func Render(p *i18n.Printer, typ string, fields map[string]any, opts ...RenderOption) []RenderedField {
	f, ok := lookupForm(typ)
	if !ok {
		return nil
	}
	r := &renderer{p: p}
	for _, o := range opts {
		o(r)
	}
	return r.fields("", f.Fields, fields)
}

type renderer struct {
	p        *i18n.Printer
	unitName func(string) (borderlink.Text, bool)
}

func (r *renderer) fields(prefix string, fs []Field, vals map[string]any) []RenderedField {
	var out []RenderedField
	for _, f := range fs {
		v, ok := vals[f.Key]
		if !ok || isEmpty(v) {
			continue
		}
		key := f.Key
		if prefix != "" {
			key = prefix + "." + f.Key
		}
		label := r.p.T(f.Label())
		items, isList := v.([]any)
		if !f.List || !isList {
			out = append(out, r.value(key, label, f, v))
			continue
		}
		rf := RenderedField{Key: key, Label: label}
		var line []string
		for i, item := range items {
			part := r.value(fmt.Sprintf("%s[%d]", key, i), label+" "+strconv.Itoa(i+1), f, item)
			rf.Parts = append(rf.Parts, part)
			line = append(line, part.Value)
		}
		sep := ", "
		if f.Type == TypePerson || f.Type == TypeGroup {
			sep = " | "
		}
		rf.Value = strings.Join(line, sep)
		out = append(out, rf)
	}
	return out
}

// value renders one value (or list item) of f.
func (r *renderer) value(key, label string, f Field, v any) RenderedField {
	rf := RenderedField{Key: key, Label: label}
	switch f.Type {
	case TypePerson, TypeGroup:
		if m, ok := v.(map[string]any); ok {
			rf.Parts = r.fields(key, f.Fields, m)
			var line []string
			for _, p := range rf.Parts {
				line = append(line, p.Label+": "+p.Value)
			}
			rf.Value = strings.Join(line, "; ")
			return rf
		}
	case TypeText:
		if m, ok := v.(map[string]any); ok {
			rf.Value, _ = m["text"].(string)
			if s, _ := m["lang"].(string); s != "" {
				rf.Lang = borderlink.Lang(s)
			}
			return rf
		}
	}
	rf.Value = r.scalar(f, v)
	return rf
}

// scalar renders a value that is not a person, group or text.
func (r *renderer) scalar(f Field, v any) string {
	p := r.p
	s, isString := v.(string)
	switch f.Type {
	case TypeCode:
		if isString && enumHas(f.Enum, s) {
			return p.T(EnumKey(f.Enum, s))
		}
	case TypeQuantity:
		if m, ok := v.(map[string]any); ok {
			n, okN := number(m["value"])
			u, _ := m["unit"].(string)
			if okN && enumHas("qty_unit", u) {
				return r.number(n) + " " + p.T(EnumKey("qty_unit", u))
			}
		}
	case TypeInteger:
		if n, ok := number(v); ok {
			return r.number(n)
		}
	case TypeDate, TypePartialDate:
		if isString {
			return r.date(s)
		}
	case TypeDateTime:
		if t, err := time.Parse(time.RFC3339, s); isString && err == nil {
			return p.DateTime(t)
		}
	case TypePlace:
		if isString && r.unitName != nil {
			if n, ok := r.unitName(s); ok {
				return n.In(p.Lang()) + " (" + s + ")"
			}
		}
	case TypePhone:
		if isString {
			return FormatPhone(s)
		}
	}
	if isString {
		return s
	}
	return fmt.Sprint(v)
}

// number writes n with the printer's grouping, with as many decimals as n
// has, up to 3: 7759847 → "7.759.847", 1.25 → "1,25".
func (r *renderer) number(n float64) string {
	if n == math.Trunc(n) && math.Abs(n) < 1e15 {
		return r.p.Int(int64(n))
	}
	d := 1
	for ; d < 3; d++ {
		scaled := n * math.Pow10(d)
		if math.Abs(scaled-math.Round(scaled)) < 1e-9*math.Max(1, math.Abs(scaled)) {
			break
		}
	}
	return r.p.Number(n, d)
}

// date writes a full date by CivilDate, "YYYY-MM" as its month and year
// (03/1985, Mar 1985) and "YYYY" as the year.
func (r *renderer) date(s string) string {
	from, _, ok := partialDate(s)
	switch {
	case !ok:
		return s
	case len(s) == 4:
		return s
	case len(s) == 7:
		if r.p.Lang() == borderlink.LangEN {
			return from.Format("Jan 2006")
		}
		return from.Format("01/2006")
	}
	y, m, d := from.Date()
	return r.p.CivilDate(borderlink.NewDate(y, m, d))
}

package forms

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
)

// ClockSkew is how far in the future a moment may lie and still count as
// "not in the future": a user types minutes, and servers' clocks differ a
// little.
const ClockSkew = 5 * time.Minute

// Options are what a check needs from outside the form.
type Options struct {
	// UnitExists reports whether a unit code names a unit. Nil checks the
	// form of codes only.
	UnitExists func(code string) bool
	// Now is the time the form is judged at: the sender's clock when the
	// form is made, and the message's creation time when the receiving node
	// checks it, so that both reach the same verdict however late it
	// arrives. Dates are compared in Indochina Time. The zero time skips the
	// checks against the present.
	Now time.Time
	// Country (ISO 3166-1 alpha-2, "VN" or "LA") is where a phone number
	// written without its country code belongs; Normalize only. Empty leaves
	// such a number as it is, and Validate refuses it.
	Country string
}

// Validate checks fields (normalised by Normalize) against the form of type
// typ. It returns nil, or EInvalid: error.form_unknown for a type that does
// not exist, otherwise an error listing every problem (see FieldErrors,
// Problems): a required field missing, a field the form does not have, a
// value of the wrong type (a string where a number belongs), a code not in
// its enumeration, an impossible date, a date in the future where it cannot
// be (or in the past for a deadline), a quantity not above zero, in a unit
// that does not fit the field or not one the drug beside it is reported in,
// an unknown unit code, text too long or without its language, a malformed
// phone or plate number, and the rules across fields (an end before its
// start, a document number without its type).
func Validate(typ string, fields map[string]any, opts Options) error {
	f, ok := lookupForm(typ)
	if !ok {
		return unknownForm(typ)
	}
	c := checker{opts: opts}
	c.fields(where{}, f.Fields, f.Rules, fields)
	return invalid(c.errs)
}

// Check normalises fields and validates the result: the normalised fields,
// to store and send, and Validate's error.
func Check(typ string, fields map[string]any, opts Options) (map[string]any, error) {
	n := Normalize(typ, fields, opts)
	return n, Validate(typ, n, opts)
}

// lookupForm is Lookup without the copy.
func lookupForm(typ string) (Form, bool) {
	i := slices.IndexFunc(all, func(f Form) bool { return f.Type == typ })
	if i < 0 {
		return Form{}, false
	}
	return all[i], true
}

// catalog gives labels for error messages. The catalogues are embedded in
// the binary, so a load error is a build fault.
var catalog = sync.OnceValue(i18n.MustLoad)

// labelText returns the texts of a catalogue key, or the key itself.
func labelText(key string) borderlink.Text {
	t, _, ok := catalog().Text(key)
	if !ok {
		return borderlink.Text{VI: key, LO: key, EN: key}
	}
	return t
}

// checker collects the problems of one form.
type checker struct {
	opts Options
	errs FieldErrors
}

func (c *checker) add(e FieldError) { c.errs = append(c.errs, e) }

// fields checks the values of one form or group at w.
func (c *checker) fields(w where, fs []Field, checks []Rule, vals map[string]any) {
	for _, k := range slices.Sorted(maps.Keys(vals)) {
		if _, ok := fieldByKey(fs, k); !ok {
			at := where{k, borderlink.Text{VI: k, LO: k, EN: k}}
			if w.path != "" {
				at = where{w.path + "." + k, joinText(w.label, " – ", at.label)}
			}
			c.add(problem(at, "error.form_unknown_field", fmt.Sprintf("no field %q in this form", k), "key", k))
		}
	}
	for _, f := range fs {
		at := w.child(f)
		v, ok := vals[f.Key]
		if !ok || isEmpty(v) {
			if f.Required {
				c.add(problem(at, "error.form_required", "required"))
			}
			continue
		}
		if !f.List {
			c.value(at, f, v)
			continue
		}
		items, ok := v.([]any)
		if !ok {
			c.add(wrongType(at, "list"))
			continue
		}
		switch {
		case len(items) < f.MinItems:
			c.add(problem(at, "error.form_items_min", fmt.Sprintf("at least %d items", f.MinItems), "min", f.MinItems))
		case f.MaxItems > 0 && len(items) > f.MaxItems:
			c.add(problem(at, "error.form_items_max", fmt.Sprintf("at most %d items", f.MaxItems), "max", f.MaxItems))
		}
		for i, item := range items {
			if isEmpty(item) {
				c.add(problem(at.item(i), "error.form_required", "empty item"))
				continue
			}
			c.value(at.item(i), f, item)
		}
	}
	c.drugUnits(w, fs, vals)
	for _, ck := range checks {
		c.check(w, fs, ck, vals)
	}
}

// check applies one rule across the fields fs at w.
func (c *checker) check(w where, fs []Field, ck Rule, vals map[string]any) {
	if len(ck.Fields) < 2 {
		return
	}
	fa, _ := fieldByKey(fs, ck.Fields[0])
	fb, _ := fieldByKey(fs, ck.Fields[1])
	a, b := w.child(fa), w.child(fb)
	has := func(k string) bool { v, ok := vals[k]; return ok && !isEmpty(v) }
	switch ck.Kind {
	case RuleOrder:
		ta, okA := instant(fa, vals[fa.Key])
		tb, okB := instant(fb, vals[fb.Key])
		if okA && okB && tb.Before(ta) {
			c.add(problem(b, "error.form_order", fmt.Sprintf("before %s", fa.Key), "other", a.label))
		}
	case RuleAnyOf:
		if !slices.ContainsFunc(ck.Fields, has) {
			others := b.label
			for _, k := range ck.Fields[2:] {
				fk, _ := fieldByKey(fs, k)
				others = joinText(others, ", ", w.child(fk).label)
			}
			c.add(problem(a, "error.form_any_of", fmt.Sprintf("give one of %v", ck.Fields), "other", others))
		}
	case RuleRequires:
		if has(fa.Key) && !has(fb.Key) {
			c.add(problem(b, "error.form_requires", fmt.Sprintf("required with %s", fa.Key), "other", a.label))
		}
	}
}

// drugUnits checks, in one form or group that names a drug, that each of
// its quantities is given in a unit the drug is reported in (see
// drugAllows): heroin is weighed or counted in blocks, not in pills. A
// quantity already refused for its own sake is not checked again.
func (c *checker) drugUnits(w where, fs []Field, vals map[string]any) {
	i := slices.IndexFunc(fs, func(f Field) bool { return f.Type == TypeCode && f.Enum == "drug" && !f.List })
	if i < 0 {
		return
	}
	drug, ok := vals[fs[i].Key].(string)
	if !ok || !enumHas("drug", drug) {
		return
	}
	for _, f := range fs {
		if f.Type != TypeQuantity || f.List {
			continue
		}
		q, ok := vals[f.Key].(map[string]any)
		if !ok {
			continue
		}
		unit, _ := q["unit"].(string)
		n, ok := number(q["value"])
		if !ok || n <= 0 || !slices.Contains(f.Units, unit) || drugAllows(drug, unit) {
			continue
		}
		c.add(problem(w.child(f), "error.form_unit_drug", fmt.Sprintf("%s is not reported in %s", drug, unit),
			"unit", labelText(EnumKey("qty_unit", unit)), "drug", labelText(EnumKey("drug", drug))))
	}
}

// isEmpty reports whether v counts as no value: nil, a blank string, an
// empty map or list.
func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case map[string]any:
		return len(v) == 0
	case []any:
		return len(v) == 0
	}
	return false
}

// wrongType is the problem of a value that is not of the type wanted; want
// names the type in the catalogue ("forms.kind.<want>").
func wrongType(at where, want string) FieldError {
	return problem(at, "error.form_type", "want "+want, "want", labelText("forms.kind."+want))
}

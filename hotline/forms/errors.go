package forms

import (
	"errors"
	"fmt"
	"strings"

	"github.com/borderlink/borderlink"
)

// FieldError is what is wrong with one field. Field is the field's path in
// the form: its key, with the index of a list item and the key of a
// sub-field where it lies deeper ("subject.dob", "items[1].weight"). Err is
// EInvalid; its Key names the reason in the catalogue and its Args begin
// with "field" and the field's label (a borderlink.Text, so that the message
// reads in the reader's language), followed by the reason's own arguments.
type FieldError struct {
	Field string
	Err   *borderlink.Error
}

func (e FieldError) Error() string { return e.Field + ": " + e.Err.Message }

func (e FieldError) Unwrap() error { return e.Err }

// FieldErrors lists every bad field of a form, in the order of the form's
// fields, so that a page can show each message beside its input.
type FieldErrors []FieldError

func (fe FieldErrors) Error() string {
	s := make([]string, len(fe))
	for i, e := range fe {
		s[i] = e.Error()
	}
	return strings.Join(s, "; ")
}

// Unwrap gives each field's *borderlink.Error.
func (fe FieldErrors) Unwrap() []error {
	out := make([]error, len(fe))
	for i, e := range fe {
		out[i] = e.Err
	}
	return out
}

// Of returns the problem of the field at path ("items[0].drug"), or nil.
func (fe FieldErrors) Of(path string) *borderlink.Error {
	for _, e := range fe {
		if e.Field == path {
			return e.Err
		}
	}
	return nil
}

// Problems returns the per-field problems carried by an error of Validate or
// Check, or nil when err carries none (nil, or an unknown form type).
func Problems(err error) FieldErrors {
	var fe FieldErrors
	if errors.As(err, &fe) {
		return fe
	}
	return nil
}

// invalid turns the problems into Validate's error: nil for none; the one
// field's error for one; otherwise EInvalid error.form_fields with the
// argument "count". In every case the problems are in the error's chain
// (see Problems).
func invalid(fe FieldErrors) error {
	switch len(fe) {
	case 0:
		return nil
	case 1:
		e := *fe[0].Err
		e.Message = fe[0].Error()
		e.Err = fe
		return &e
	}
	return &borderlink.Error{Code: borderlink.EInvalid, Key: "error.form_fields",
		Message: fmt.Sprintf("%d fields are not valid", len(fe)), Args: []any{"count", len(fe)}, Err: fe}
}

// unknownForm is the error for a form type that does not exist.
func unknownForm(typ string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.form_unknown",
		fmt.Sprintf("unknown form type %q", typ), "type", typ)
}

// problem builds one field's error: key and the English message, with the
// reason's arguments after the field's label.
func problem(at where, key, message string, args ...any) FieldError {
	return FieldError{Field: at.path, Err: &borderlink.Error{Code: borderlink.EInvalid, Key: key,
		Message: message, Args: append([]any{"field", at.label}, args...)}}
}

// where is a field's position: its path and its label in every language.
type where struct {
	path  string
	label borderlink.Text
}

// child returns the position of sub-field f below w.
func (w where) child(f Field) where {
	l := labelText(f.Label())
	if w.path == "" {
		return where{f.Key, l}
	}
	return where{w.path + "." + f.Key, joinText(w.label, " – ", l)}
}

// item returns the position of the i-th item (from 0) of the list at w.
func (w where) item(i int) where {
	n := fmt.Sprint(i + 1)
	return where{fmt.Sprintf("%s[%d]", w.path, i), joinText(w.label, " ", borderlink.Text{VI: n, LO: n, EN: n})}
}

func joinText(a borderlink.Text, sep string, b borderlink.Text) borderlink.Text {
	return borderlink.Text{VI: a.VI + sep + b.VI, LO: a.LO + sep + b.LO, EN: a.EN + sep + b.EN}
}

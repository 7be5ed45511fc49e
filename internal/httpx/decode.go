package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/borderlink/borderlink"
)

// DecodeJSON reads one JSON object from the request body into v. Unknown
// fields, trailing data, a body over the size limit and malformed JSON are
// refused with an error the caller can show (see BodyError), and so is a
// string holding a NUL character (error.bad_text).
func DecodeJSON(r *http.Request, v any) error {
	b, err := io.ReadAll(r.Body) // at most the server's body limit
	if err != nil {
		return BodyError(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return BodyError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return borderlink.Errorf(borderlink.EInvalid, "error.json_trailing", "unexpected data after the JSON object")
	}
	return checkJSONText(b)
}

// BodyError turns an error met while reading a JSON request body into a
// user-facing error that names the problem: ETooLarge (error.body_too_large,
// argument limit) for a body over the limit; EInvalid for malformed JSON
// (error.json_syntax, argument offset), a value of the wrong type
// (error.json_type, argument field), something other than an object
// (error.json_object), an unknown field (error.json_unknown_field, argument
// field), an empty body (error.json_empty) or one cut short
// (error.json_truncated). A *borderlink.Error is returned as it is.
func BodyError(err error) error {
	var tooLarge *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var be *borderlink.Error
	switch {
	case errors.As(err, &be):
		return be
	case errors.As(err, &tooLarge):
		return borderlink.Errorf(borderlink.ETooLarge, "error.body_too_large",
			fmt.Sprintf("request body over %d bytes", tooLarge.Limit), "limit", tooLarge.Limit)
	case errors.As(err, &syntax):
		return borderlink.Errorf(borderlink.EInvalid, "error.json_syntax",
			fmt.Sprintf("malformed JSON at byte %d", syntax.Offset), "offset", syntax.Offset)
	case errors.As(err, &typ) && typ.Field == "":
		return borderlink.Errorf(borderlink.EInvalid, "error.json_object", "the body must be a JSON object, not "+typ.Value)
	case errors.As(err, &typ):
		return borderlink.Errorf(borderlink.EInvalid, "error.json_type",
			fmt.Sprintf("field %q must not be a JSON %s", typ.Field, typ.Value), "field", typ.Field)
	case errors.Is(err, io.EOF):
		return borderlink.Errorf(borderlink.EInvalid, "error.json_empty", "empty request body")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return borderlink.Errorf(borderlink.EInvalid, "error.json_truncated", "the JSON body ends too early")
	}
	if field, ok := unknownField(err); ok {
		return borderlink.Errorf(borderlink.EInvalid, "error.json_unknown_field", fmt.Sprintf("unknown field %q", field), "field", field)
	}
	return borderlink.Errorf(borderlink.EInvalid, "error.bad_json", "cannot read JSON: "+err.Error())
}

// unknownField reads the field name from the error encoding/json returns
// for an unknown field when DisallowUnknownFields is set (it has no type of
// its own).
func unknownField(err error) (string, bool) {
	rest, ok := strings.CutPrefix(err.Error(), "json: unknown field ")
	if !ok {
		return "", false
	}
	name, uerr := strconv.Unquote(rest)
	if uerr != nil {
		return rest, true
	}
	return name, true
}

// FormError turns an error met while parsing a form body into a
// user-facing error: ETooLarge (error.body_too_large, argument limit) for a
// body over the limit, EInvalid (error.bad_form) otherwise.
func FormError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return BodyError(err)
	}
	return borderlink.Errorf(borderlink.EInvalid, "error.bad_form", "cannot read the form: "+err.Error())
}

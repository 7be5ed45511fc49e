package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/borderlink/borderlink"
)

// DecodeJSON reads one JSON object from the request body into v. Unknown
// fields, trailing data, a body over the size limit and malformed JSON are
// refused with an error the caller can show.
func DecodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return BodyError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return borderlink.Errorf(borderlink.EInvalid, "error.bad_json", "unexpected data after the JSON object", "detail", "trailing data")
	}
	return nil
}

// BodyError turns an error met while reading a request body into a
// user-facing error.
func BodyError(err error) error {
	var tooLarge *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var be *borderlink.Error
	switch {
	case errors.As(err, &be):
		return be
	case errors.As(err, &tooLarge):
		return borderlink.Errorf(borderlink.ETooLarge, "error.too_large",
			fmt.Sprintf("request body over %d bytes", tooLarge.Limit), "limit", tooLarge.Limit)
	case errors.As(err, &syntax):
		return borderlink.Errorf(borderlink.EInvalid, "error.bad_json",
			fmt.Sprintf("malformed JSON at byte %d", syntax.Offset), "detail", fmt.Sprintf("byte %d", syntax.Offset))
	case errors.As(err, &typ):
		return borderlink.Errorf(borderlink.EInvalid, "error.bad_json",
			fmt.Sprintf("field %q has the wrong type", typ.Field), "detail", typ.Field)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return borderlink.Errorf(borderlink.EInvalid, "error.bad_json", "empty or truncated JSON body", "detail", "empty")
	}
	return borderlink.Errorf(borderlink.EInvalid, "error.bad_json", "cannot read JSON: "+err.Error(), "detail", err.Error())
}

package httpx

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
)

// Text a person can send is valid UTF-8 without NUL characters. Anything
// else is refused at the edge with EInvalid (error.bad_text): no one types
// it, PostgreSQL's TEXT cannot store a NUL, and a value SQLite accepted
// would no longer move to PostgreSQL.

func validText(s string) bool { return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 }

func errBadText(what string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.bad_text", what+" holds a NUL character or invalid UTF-8")
}

// CheckValues returns EInvalid (error.bad_text) when a name or value of vs
// (query parameters or a posted form) is not valid text.
func CheckValues(vs url.Values) error {
	for k, list := range vs {
		if !validText(k) {
			return errBadText("a parameter name")
		}
		for _, v := range list {
			if !validText(v) {
				return errBadText("parameter " + k)
			}
		}
	}
	return nil
}

// checkRequestText checks the path and the query parameters of r (those
// that parse, as handlers see them).
func checkRequestText(r *http.Request) error {
	if !validText(r.URL.Path) {
		return errBadText("the path")
	}
	return CheckValues(r.URL.Query())
}

// checkJSONText returns EInvalid (error.bad_text) when a string of the JSON
// document b, key or value, holds a NUL character. (The decoder already
// replaces invalid UTF-8.)
func checkJSONText(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		if s, ok := tok.(string); ok && strings.IndexByte(s, 0) >= 0 {
			return errBadText("a JSON string")
		}
	}
}

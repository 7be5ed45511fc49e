package sealed

import (
	"encoding/json"
	"errors"

	"github.com/borderlink/borderlink"
)

// SealJSON seals the JSON encoding of v, for the structured fields of a
// record (a list of test results, a rehabilitation episode). The encoding is
// zeroed once sealed.
func SealJSON(r *KeyRing, v any, associatedData []byte) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fail(borderlink.EInternal, nil, "seal: encode %T as JSON: %s", v, jsonProblem(err))
	}
	defer clear(b)
	return Seal(r, b, associatedData)
}

// OpenJSON opens a value made by SealJSON and decodes it into v, which must
// be a pointer. It fails as Open does, or when the plaintext does not decode
// into v. The decrypted encoding is zeroed once decoded; the strings in v
// are the caller's to keep.
func OpenJSON(r *KeyRing, sealed, associatedData []byte, v any) error {
	b, err := Open(r, sealed, associatedData)
	if err != nil {
		return err
	}
	defer clear(b)
	if err := json.Unmarshal(b, v); err != nil {
		return fail(borderlink.EInternal, nil, "open: decode JSON into %T: %s", v, jsonProblem(err))
	}
	return nil
}

// jsonProblem describes a JSON error without the data: encoding/json quotes
// values and characters of the input in its messages, and the input here is
// the plaintext.
func jsonProblem(err error) string {
	var (
		typeErr   *json.UnmarshalTypeError
		syntaxErr *json.SyntaxError
		unsupType *json.UnsupportedTypeError
		unsupVal  *json.UnsupportedValueError
		marshaler *json.MarshalerError
		invalid   *json.InvalidUnmarshalError
	)
	switch {
	case errors.As(err, &typeErr):
		// Not typeErr.Field: its path may hold map keys from the plaintext.
		return "a JSON " + kindOf(typeErr.Value) + " does not decode into " + typeErr.Type.String()
	case errors.As(err, &syntaxErr):
		return "not valid JSON"
	case errors.As(err, &unsupType):
		return unsupType.Error() // names only the Go type
	case errors.As(err, &unsupVal):
		return "a value JSON cannot represent (a non-finite number, or a cycle)"
	case errors.As(err, &marshaler):
		return "a MarshalJSON or MarshalText method of " + marshaler.Type.String() + " failed"
	case errors.As(err, &invalid):
		return invalid.Error() // names only the Go type
	default:
		return "the JSON does not fit the type"
	}
}

// kindOf keeps the first word of an UnmarshalTypeError value ("number -5"
// becomes "number").
func kindOf(value string) string {
	for i := range len(value) {
		if value[i] == ' ' {
			return value[:i]
		}
	}
	return value
}

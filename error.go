package borderlink

import (
	"errors"
	"fmt"
)

// Error codes are stable: they travel in API answers and in envelopes to the
// partner node, so a code is never renamed or reused. Add new codes at the end.
const (
	EInternal     = "internal"     // a fault on our side; details only in the log
	EInvalid      = "invalid"      // the input is wrong; the message says what
	ENotFound     = "not_found"    // no such object, or the caller may not know it exists
	EConflict     = "conflict"     // the object already exists or changed meanwhile
	EUnauthorized = "unauthorized" // no valid session or token
	EForbidden    = "forbidden"    // authenticated, but the role or unit does not allow it
	ELocked       = "locked"       // the account is locked or must wait before trying again
	ETooLarge     = "too_large"    // the body or file is over its limit
	EUnavailable  = "unavailable"  // a dependency (database, peer) is not reachable now
	EMFARequired  = "mfa_required" // the password was right; the second factor is still due
)

// Error is an error a user may see. Key names a catalogue message (see
// package i18n) that is rendered in the reader's language with Args; Message
// is the English text used in logs and as a last resort. Err, when set, is the
// internal cause: it is logged, never shown.
type Error struct {
	Code    string
	Key     string
	Args    []any // alternating name, value pairs for the catalogue message
	Message string
	Err     error
}

// Errorf returns an *Error with the given code and catalogue key. The English
// message is built from format and the values in args at odd positions are
// not used by it; args are the catalogue's named arguments.
func Errorf(code, key, message string, args ...any) *Error {
	return &Error{Code: code, Key: key, Message: message, Args: args}
}

// Wrap returns an internal error that keeps err as its cause.
func Wrap(err error, context string) *Error {
	return &Error{Code: EInternal, Key: "error.internal", Message: context, Err: err}
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the code of the first *Error in err's chain, EInternal for
// any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// AsError returns the first *Error in err's chain, or an internal *Error
// wrapping err when there is none. It returns nil for nil.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Wrap(err, "unexpected error")
}

// IsCode reports whether err carries the given code.
func IsCode(err error, code string) bool { return ErrorCode(err) == code }

package importer

import (
	"errors"

	"github.com/borderlink/borderlink"
)

// problemOf turns a checking error into a problem of a line and column.
func problemOf(line int, column string, e *borderlink.Error) Problem {
	return Problem{Line: line, Column: column, Key: e.Key, Args: e.Args, Message: e.Message}
}

// err turns a header problem back into the error that refuses the file.
func (p Problem) err() error {
	return borderlink.Errorf(borderlink.EInvalid, p.Key, p.Message, p.Args...)
}

// userError returns the *borderlink.Error a check gave, or nil when err
// is some other error (a fault, not the clerk's input).
func userError(err error) *borderlink.Error {
	var e *borderlink.Error
	if errors.As(err, &e) && e.Code != borderlink.EInternal {
		return e
	}
	return nil
}

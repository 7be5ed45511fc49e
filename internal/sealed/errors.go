package sealed

import (
	"errors"
	"fmt"

	"github.com/borderlink/borderlink"
)

// Sentinel errors, for errors.Is. Every error this package returns is a
// *borderlink.Error whose cause is one of these (or an os error), so that
// callers can both branch on the cause and show the user a catalogue message.
var (
	// Opening a value.
	ErrMalformed    = errors.New("sealed: not a sealed value")
	ErrUnknownKey   = errors.New("sealed: unknown key")
	ErrWrongContext = errors.New("sealed: value belongs to another record or field")
	ErrTampered     = errors.New("sealed: value altered or damaged")
	ErrNoContext    = errors.New("sealed: no associated data")
	ErrClosed       = errors.New("sealed: key ring closed")

	// The key file and the ring.
	ErrKeyFileExists   = errors.New("sealed: key file exists")
	ErrKeyFileMode     = errors.New("sealed: key file permissions too open")
	ErrBadKeyFile      = errors.New("sealed: key file malformed")
	ErrKeyFileBusy     = errors.New("sealed: key file being changed")
	ErrKeyInUse        = errors.New("sealed: key still in use")
	ErrCurrentKey      = errors.New("sealed: key is current")
	ErrUsageNotCounted = errors.New("sealed: usage of the key not counted")
)

// fail returns a *borderlink.Error with code and cause. The catalogue key is
// the generic one for the code: the user sees "the system ran into a fault"
// or "not valid", while the message, which names files and key ids but never
// key bytes or plaintext, goes to the operator and the log.
func fail(code string, cause error, format string, args ...any) error {
	e := borderlink.Errorf(code, catalogueKey(code), fmt.Sprintf(format, args...))
	e.Err = cause
	return e
}

func catalogueKey(code string) string {
	switch code {
	case borderlink.EInvalid:
		return "error.invalid"
	case borderlink.ENotFound:
		return "error.not_found"
	case borderlink.EConflict:
		return "error.conflict"
	default:
		return "error.internal"
	}
}

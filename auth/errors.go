package auth

import (
	"fmt"
	"math"
	"time"

	"github.com/borderlink/borderlink"
)

// The errors users see. Each has a stable code and a catalogue key
// (i18n/messages/accounts.json).

func errBadCredentials() error {
	return borderlink.Errorf(borderlink.EUnauthorized, "error.bad_credentials", "wrong username or password")
}

func errSessionExpired() error {
	return borderlink.Errorf(borderlink.EUnauthorized, "error.session_expired", "the session has ended; sign in again")
}

func errTokenInvalid() error {
	return borderlink.Errorf(borderlink.EUnauthorized, "error.token_invalid", "the API token is not valid")
}

func errMFARequired() error {
	return borderlink.Errorf(borderlink.EMFARequired, "error.mfa_required", "the second factor is still due")
}

func errDisabled() error {
	return borderlink.Errorf(borderlink.EForbidden, "error.account_disabled", "the account is disabled")
}

func errForbidden(perm Permission) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.forbidden", "permission "+string(perm)+" required")
}

func errUnknownUser(name string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.unknown_user", fmt.Sprintf("no user %q", name), "username", name)
}

func errUnknownUnit(code string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.unknown_unit", fmt.Sprintf("no unit %q", code), "code", code)
}

func errWrongCode() error {
	return borderlink.Errorf(borderlink.EInvalid, "error.bad_totp", "the code is not valid")
}

func errWrongPassword() error {
	return borderlink.Errorf(borderlink.EInvalid, "error.wrong_password", "the current password is wrong")
}

func errLastAdmin(unit string) error {
	return borderlink.Errorf(borderlink.EConflict, "error.last_admin",
		fmt.Sprintf("unit %q would have no administrator left", unit), "unit", unit)
}

// errLocked answers an attempt made while the account is locked out.
func errLocked(now, until time.Time) error {
	return borderlink.Errorf(borderlink.ELocked, "error.account_locked",
		fmt.Sprintf("too many failed attempts; locked until %s", until.Format(time.RFC3339)),
		"seconds", seconds(until.Sub(now)), "until", until)
}

// errWait answers an attempt made before the delay after a failure is over.
func errWait(d time.Duration) error {
	return borderlink.Errorf(borderlink.ELocked, "error.login_wait",
		fmt.Sprintf("wait %d s before trying again", seconds(d)), "seconds", seconds(d))
}

// seconds rounds d up to whole seconds, at least 1.
func seconds(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}

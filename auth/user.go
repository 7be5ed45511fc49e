package auth

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/borderlink/borderlink"
)

// Status is whether an account may sign in.
type Status string

const (
	StatusActive   Status = "active"
	StatusDisabled Status = "disabled"
)

// User is an account as callers see it: no secret in it.
type User struct {
	ID              string          `json:"id"`
	Username        string          `json:"username"`
	DisplayName     string          `json:"display_name"`
	Lang            borderlink.Lang `json:"lang"`
	Status          Status          `json:"status"`
	Grants          []Grant         `json:"grants"`
	MFA             bool            `json:"mfa"`                   // a second factor is set up
	LockedUntil     time.Time       `json:"locked_until,omitzero"` // set while locked out
	PasswordChanged time.Time       `json:"password_changed"`
	LastLogin       time.Time       `json:"last_login,omitzero"`
	Created         time.Time       `json:"created"`
	Updated         time.Time       `json:"updated"`
}

// user returns what callers may see of a at now.
func (a Account) user(now time.Time) User {
	u := User{ID: a.ID, Username: a.Username, DisplayName: a.DisplayName, Lang: a.Lang, Status: a.Status,
		Grants: append([]Grant(nil), a.Grants...), MFA: a.TOTPSecret != "",
		PasswordChanged: a.PasswordChanged, LastLogin: a.LastLogin, Created: a.Created, Updated: a.Updated}
	if locked(a.Throttle, now) {
		u.LockedUntil = a.Throttle.LockedUntil
	}
	return u
}

// NewUser is what CreateUser needs. Callers that hand out a password
// rather than letting the user choose one use GeneratePassword.
type NewUser struct {
	Username    string
	DisplayName string
	Password    string
	Role        Role
	Unit        string
	Lang        borderlink.Lang // empty: Options.DefaultLang
}

// UserFilter selects users in ListUsers. Zero fields match all.
type UserFilter struct {
	Unit   string // holds a grant in this unit or below it
	Role   Role
	Status Status
	Query  string // part of the username or display name, ignoring case
	Limit  int    // 0: 50; at most 500
	Offset int
}

// Username rules.
const (
	MinUsernameLen = 3
	MaxUsernameLen = 32
	maxDisplayName = 100
)

// CanonicalUsername returns name trimmed and in lower case, or EInvalid (key
// error.bad_username) when it is not 3–32 characters of a–z, 0–9, '.', '_'
// and '-'. Usernames are compared without regard to case.
func CanonicalUsername(name string) (string, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	ok := len(name) >= MinUsernameLen && len(name) <= MaxUsernameLen
	for i := 0; ok && i < len(name); i++ {
		c := name[i]
		ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
	}
	if !ok {
		return "", borderlink.Errorf(borderlink.EInvalid, "error.bad_username",
			fmt.Sprintf("invalid username %q: 3 to 32 of a-z 0-9 . _ -", name), "username", name)
	}
	return name, nil
}

// cleanDisplayName returns s NFC-normalised and trimmed, or EInvalid (key
// error.display_name) when empty or longer than 100 characters.
func cleanDisplayName(s string) (string, error) {
	s = strings.TrimSpace(norm.NFC.String(s))
	if s == "" || utf8.RuneCountInString(s) > maxDisplayName {
		return "", borderlink.Errorf(borderlink.EInvalid, "error.display_name",
			"a display name of 1 to 100 characters is required", "max", maxDisplayName)
	}
	return s, nil
}

// checkRole returns EInvalid (key error.unknown_role) for a role not in Roles.
func checkRole(r Role) error {
	if !r.Valid() {
		return borderlink.Errorf(borderlink.EInvalid, "error.unknown_role", fmt.Sprintf("unknown role %q", r), "role", string(r))
	}
	return nil
}

// checkLang returns EInvalid (key error.unknown_lang) for an unsupported
// language.
func checkLang(l borderlink.Lang) error {
	if !slices.Contains(borderlink.Langs, l) {
		return borderlink.Errorf(borderlink.EInvalid, "error.unknown_lang", fmt.Sprintf("unknown language %q", l), "lang", string(l))
	}
	return nil
}

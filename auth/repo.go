package auth

import (
	"context"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Repo is what the accounts service needs from storage. It stores what it is
// given and enforces no rule but uniqueness: the rules live in Service.
//
// Errors: a missing object is ENotFound, a duplicate username (compared
// without regard to case) or id is EConflict.
type Repo interface {
	// CreateUser stores a new account with its grants.
	CreateUser(ctx context.Context, a Account) error
	// UserByID returns the account with the given id.
	UserByID(ctx context.Context, id string) (Account, error)
	// UserByName returns the account whose username equals name, ignoring case.
	UserByName(ctx context.Context, name string) (Account, error)
	// UpdateUser writes every field of a except its id, creation time,
	// grants and throttle, which have methods of their own.
	UpdateUser(ctx context.Context, a Account) error
	// ListUsers returns the accounts matching q, with their grants, ordered
	// by username.
	ListUsers(ctx context.Context, q UserQuery) ([]Account, error)
	// SetGrants replaces every grant of the user.
	SetGrants(ctx context.Context, userID string, grants []Grant) error
	// SetThrottle replaces the user's throttle state with to, provided that
	// the stored state still equals from; otherwise it returns EConflict and
	// changes nothing. Concurrent sign-in attempts cannot both pass.
	SetThrottle(ctx context.Context, userID string, from, to Throttle) error

	// CreateSession stores a new session.
	CreateSession(ctx context.Context, s Session) error
	// Session returns the session with the given id (the token's hash).
	Session(ctx context.Context, id string) (Session, error)
	// UpdateSession writes the state, last-seen time and expiry of s.
	UpdateSession(ctx context.Context, s Session) error
	// DeleteSession removes one session.
	DeleteSession(ctx context.Context, id string) error
	// DeleteUserSessions removes every session of the user and returns how
	// many there were.
	DeleteUserSessions(ctx context.Context, userID string) (int, error)
	// DeleteExpiredSessions removes sessions whose absolute expiry is before
	// t and returns how many there were.
	DeleteExpiredSessions(ctx context.Context, t time.Time) (int, error)

	// CreateToken stores a new API token.
	CreateToken(ctx context.Context, t Token) error
	// Token returns the API token with the given id.
	Token(ctx context.Context, id string) (Token, error)
	// ListTokens returns the user's API tokens, newest first.
	ListTokens(ctx context.Context, userID string) ([]Token, error)
	// UpdateToken writes the revocation and last-use times of t.
	UpdateToken(ctx context.Context, t Token) error
}

// Tx is the transaction the accounts service works in: its own repository
// and the audit log, committed together.
type Tx interface {
	Accounts() Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[auth.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

// Account is a user as stored, credentials included. It never leaves the
// service: callers see User.
type Account struct {
	ID              string
	Username        string // lower case
	DisplayName     string
	Lang            borderlink.Lang
	Status          Status
	Grants          []Grant
	PasswordHash    string // PHC string, see HashPassword
	PasswordChanged time.Time
	TOTPSecret      string // base32; empty when no second factor is set up
	TOTPPending     string // a secret shown for enrolment, not yet confirmed
	TOTPLastStep    int64  // the last TOTP time step accepted (replay guard)
	Throttle        Throttle
	Created         time.Time
	Updated         time.Time
	LastLogin       time.Time
}

// Throttle is the state of an account's failed sign-in attempts.
type Throttle struct {
	Failures    int
	LastFailure time.Time
	LockedUntil time.Time
}

// UserQuery selects accounts in the repository. Zero fields match all.
type UserQuery struct {
	Role   Role   // holds a grant of this role
	Status Status // has this status
}

// Session is a signed-in browser. Its ID is the SHA-256 of the token (hex),
// so it can be logged and stored without giving the session away.
type Session struct {
	ID       string
	UserID   string
	State    SessionState
	CSRF     string // per-session value for forms
	Created  time.Time
	LastSeen time.Time
	Expires  time.Time // absolute limit
	Source   string    // client address at sign-in
}

// SessionState says how far a session got.
type SessionState string

const (
	// SessionActive sessions are fully signed in.
	SessionActive SessionState = "active"
	// SessionMFAPending sessions have passed the password and owe the
	// second factor; they can do nothing else.
	SessionMFAPending SessionState = "mfa_pending"
)

// Token is an API token for an integration. Only the SHA-256 of its secret
// is stored; the plaintext is shown once, when it is created.
type Token struct {
	ID       string
	UserID   string
	Name     string
	Hash     string `json:"-"` // SHA-256 of the secret, hex
	Created  time.Time
	Expires  time.Time
	LastUsed time.Time
	Revoked  time.Time // zero while valid
}

package auth

import (
	"context"
	"crypto/subtle"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// API tokens let an integration act as a user. A token reads
// "blt_<id>_<secret>"; only the SHA-256 of the secret is stored. A token
// acts with the grants its user holds at the time of each request, and stops
// working when it expires, is revoked, or its user is disabled.

// MaxTokenTTL is the longest life an API token may be given.
const MaxTokenTTL = 2 * 365 * 24 * time.Hour

const maxTokenName = 64

// CreateToken creates an API token for the user named username, living ttl
// (0: Options.TokenTTL), and returns its plaintext — shown this once — and
// its record. Users may create tokens for themselves; for others the actor
// needs tokens.create over every unit of the user.
//
// Errors: EInvalid (error.token_name for an empty or over-long name,
// error.token_ttl for a negative or too long ttl); ENotFound
// (error.unknown_user); EForbidden; EConflict (error.account_disabled) for a
// disabled user.
func (s *Service) CreateToken(ctx context.Context, actor Principal, username, name string, ttl time.Duration) (string, Token, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > maxTokenName {
		return "", Token{}, borderlink.Errorf(borderlink.EInvalid, "error.token_name",
			"a token needs a name of 1 to 64 characters", "max", maxTokenName)
	}
	if ttl == 0 {
		ttl = s.opts.TokenTTL
	}
	if ttl < 0 || ttl > MaxTokenTTL {
		return "", Token{}, borderlink.Errorf(borderlink.EInvalid, "error.token_ttl",
			"a token lives between 1 second and 730 days", "max_days", int(MaxTokenTTL/(24*time.Hour)))
	}
	secret := newSecret()
	now := s.clock.Now()
	t := Token{ID: borderlink.NewID(), Name: name, Hash: hashSecret(secret), Created: now, Expires: now.Add(ttl)}
	err := s.update(ctx, func(tx Tx) error {
		a, ev, err := s.tokenOwner(ctx, tx, actor, username, "token.create")
		if err != nil {
			return err
		}
		if a.Status != StatusActive {
			return borderlink.Errorf(borderlink.EConflict, "error.account_disabled", "the account is disabled")
		}
		t.UserID = a.ID
		if err := tx.Accounts().CreateToken(ctx, t); err != nil {
			return err
		}
		ev.id, ev.object, ev.outcome = t.ID, "token", audit.OutcomeOK
		ev.detail = fmt.Sprintf("for %s, %q, expires %s", a.Username, name, t.Expires.Format(time.RFC3339))
		return s.record(ctx, tx, ev)
	})
	if err != nil {
		return "", Token{}, err
	}
	return formatAPIToken(t.ID, secret), t, nil
}

// tokenOwner returns the account named username, whose tokens actor means
// to act on: actor's own, or one actor holds tokens.create over.
func (s *Service) tokenOwner(ctx context.Context, tx Tx, actor Principal, username, action string) (Account, event, error) {
	ev := event{actor: actor, action: action, object: "user", id: username}
	name, err := CanonicalUsername(username)
	if err != nil {
		return Account{}, ev, errUnknownUser(username)
	}
	ev.id = name
	a, err := tx.Accounts().UserByName(ctx, name)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return Account{}, ev, errUnknownUser(name)
	}
	if err != nil {
		return Account{}, ev, err
	}
	return a, ev, s.tokenAccess(ctx, tx, actor, a, ev)
}

// tokenAccess returns nil when actor may act on the tokens of a.
func (s *Service) tokenAccess(ctx context.Context, tx Tx, actor Principal, a Account, ev event) error {
	switch {
	case actor.UserID != "" && actor.UserID == a.ID && actor.Can(PermProfile):
		return nil
	case !s.sees(actor, a):
		return s.deny(ctx, tx, ev, errUnknownUser(a.Username))
	case !s.covers(actor, PermTokensCreate, a.Grants):
		return s.deny(ctx, tx, ev, errForbidden(PermTokensCreate))
	}
	return nil
}

// AuthenticateToken returns the principal an API token acts for. Its last
// use is written at most once a minute.
//
// Errors: EUnauthorized (error.token_invalid) for a malformed, unknown,
// altered, expired or revoked token, or one whose user is disabled — alike,
// so that a caller learns nothing about why.
func (s *Service) AuthenticateToken(ctx context.Context, plaintext string) (Principal, error) {
	id, secret, ok := parseAPIToken(strings.TrimSpace(plaintext))
	if !ok {
		return Principal{}, errTokenInvalid()
	}
	now := s.clock.Now()
	var t Token
	var a Account
	err := s.db.View(ctx, func(tx Tx) (err error) {
		r := tx.Accounts()
		if t, err = r.Token(ctx, id); err != nil {
			return err
		}
		a, err = r.UserByID(ctx, t.UserID)
		return err
	})
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return Principal{}, errTokenInvalid()
	}
	if err != nil {
		return Principal{}, err
	}
	if subtle.ConstantTimeCompare([]byte(hashSecret(secret)), []byte(t.Hash)) != 1 ||
		!t.Revoked.IsZero() || !now.Before(t.Expires) || a.Status != StatusActive {
		return Principal{}, errTokenInvalid()
	}
	if now.Sub(t.LastUsed) >= touchEvery {
		t.LastUsed = now
		if err := s.db.Update(ctx, func(tx Tx) error { return tx.Accounts().UpdateToken(ctx, t) }); err != nil {
			return Principal{}, err
		}
	}
	return principal(a, ViaToken), nil
}

// ListTokens returns the API tokens of the user named username, newest
// first (never their secrets). Who may: as for CreateToken.
func (s *Service) ListTokens(ctx context.Context, actor Principal, username string) ([]Token, error) {
	var ts []Token
	err := s.update(ctx, func(tx Tx) error {
		a, _, err := s.tokenOwner(ctx, tx, actor, username, "token.list")
		if err != nil {
			return err
		}
		ts, err = tx.Accounts().ListTokens(ctx, a.ID)
		return err
	})
	return ts, err
}

// RevokeToken revokes the API token id at once. Who may: as for
// CreateToken, with the token's user. Revoking a revoked token changes
// nothing. Errors: ENotFound (error.unknown_token) for no such token or one
// the actor may not see.
func (s *Service) RevokeToken(ctx context.Context, actor Principal, id string) error {
	unknown := borderlink.Errorf(borderlink.ENotFound, "error.unknown_token", "no such token", "id", id)
	return s.update(ctx, func(tx Tx) error {
		r := tx.Accounts()
		t, err := r.Token(ctx, id)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return unknown
		}
		if err != nil {
			return err
		}
		a, err := r.UserByID(ctx, t.UserID)
		if err != nil {
			return err
		}
		ev := event{actor: actor, action: "token.revoke", object: "token", id: t.ID}
		if err := s.tokenAccess(ctx, tx, actor, a, ev); err != nil {
			if borderlink.IsCode(err, borderlink.ENotFound) {
				return refuse(unknown) // keep the recorded denial; hide the token
			}
			return err
		}
		if !t.Revoked.IsZero() {
			return nil
		}
		t.Revoked = s.clock.Now()
		if err := r.UpdateToken(ctx, t); err != nil {
			return err
		}
		ev.outcome, ev.detail = audit.OutcomeOK, "of "+a.Username+", "+t.Name
		return s.record(ctx, tx, ev)
	})
}

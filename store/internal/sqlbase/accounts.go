package sqlbase

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
)

// accountsRepo implements auth.Repo: users and their grants, sessions and
// API tokens.
type accountsRepo struct{ t *Tx }

var _ auth.Repo = accountsRepo{}

const userColumns = `id, username, display_name, lang, status, password_hash, password_changed,
	totp_secret, totp_pending, totp_last_step, failures, last_failure, locked_until, created, updated, last_login`

func scanUser(row interface{ Scan(...any) error }) (auth.Account, error) {
	var a auth.Account
	var lang, status string
	var changed, lastFailure, lockedUntil, created, updated, lastLogin int64
	err := row.Scan(&a.ID, &a.Username, &a.DisplayName, &lang, &status, &a.PasswordHash, &changed,
		&a.TOTPSecret, &a.TOTPPending, &a.TOTPLastStep, &a.Throttle.Failures, &lastFailure, &lockedUntil,
		&created, &updated, &lastLogin)
	if err != nil {
		return auth.Account{}, err
	}
	a.Lang, a.Status = borderlink.Lang(lang), auth.Status(status)
	a.PasswordChanged, a.Created, a.Updated, a.LastLogin = FromMicros(changed), FromMicros(created), FromMicros(updated), FromMicros(lastLogin)
	a.Throttle.LastFailure, a.Throttle.LockedUntil = FromMicros(lastFailure), FromMicros(lockedUntil)
	return a, nil
}

func (r accountsRepo) CreateUser(ctx context.Context, a auth.Account) error {
	_, err := r.t.Exec(ctx, `INSERT INTO users (`+userColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.Username, a.DisplayName, string(a.Lang), string(a.Status), a.PasswordHash, Micros(a.PasswordChanged),
		a.TOTPSecret, a.TOTPPending, a.TOTPLastStep, a.Throttle.Failures, Micros(a.Throttle.LastFailure),
		Micros(a.Throttle.LockedUntil), Micros(a.Created), Micros(a.Updated), Micros(a.LastLogin))
	if err != nil {
		return wrap("create user "+a.Username, err)
	}
	return wrap("create user "+a.Username, r.insertGrants(ctx, a.ID, a.Grants))
}

func (r accountsRepo) UserByID(ctx context.Context, id string) (auth.Account, error) {
	return r.user(ctx, "id = ?", id)
}

func (r accountsRepo) UserByName(ctx context.Context, name string) (auth.Account, error) {
	return r.user(ctx, "lower(username) = lower(?)", name)
}

func (r accountsRepo) user(ctx context.Context, where string, arg string) (auth.Account, error) {
	a, err := scanUser(r.t.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if err != nil {
		return auth.Account{}, wrap("user "+arg, r.t.Classify(err))
	}
	grants, err := r.grants(ctx, a.ID)
	if err != nil {
		return auth.Account{}, err
	}
	a.Grants = grants[a.ID]
	return a, nil
}

func (r accountsRepo) UpdateUser(ctx context.Context, a auth.Account) error {
	res, err := r.t.Exec(ctx, `UPDATE users SET username = ?, display_name = ?, lang = ?, status = ?,
			password_hash = ?, password_changed = ?, totp_secret = ?, totp_pending = ?, totp_last_step = ?,
			updated = ?, last_login = ?
		WHERE id = ?`,
		a.Username, a.DisplayName, string(a.Lang), string(a.Status), a.PasswordHash, Micros(a.PasswordChanged),
		a.TOTPSecret, a.TOTPPending, a.TOTPLastStep, Micros(a.Updated), Micros(a.LastLogin), a.ID)
	return wrap("update user "+a.Username, r.one(res, err))
}

func (r accountsRepo) ListUsers(ctx context.Context, q auth.UserQuery) ([]auth.Account, error) {
	query := `SELECT ` + userColumns + ` FROM users WHERE 1 = 1`
	var args []any
	if q.Status != "" {
		query += ` AND status = ?`
		args = append(args, string(q.Status))
	}
	if q.Role != "" {
		query += ` AND EXISTS (SELECT 1 FROM user_grants g WHERE g.user_id = users.id AND g.role = ?)`
		args = append(args, string(q.Role))
	}
	rows, err := r.t.Query(ctx, query+` ORDER BY username`, args...)
	if err != nil {
		return nil, wrap("list users", err)
	}
	var out []auth.Account
	for rows.Next() {
		a, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, wrap("list users", err)
		}
		out = append(out, a)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, wrap("list users", err)
	}
	grants, err := r.grants(ctx, "")
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Grants = grants[out[i].ID]
	}
	return out, nil
}

// grants returns the grants of one user (every user when id is ""), in
// order, by user id.
func (r accountsRepo) grants(ctx context.Context, id string) (map[string][]auth.Grant, error) {
	query, args := `SELECT user_id, role, unit FROM user_grants`, []any{}
	if id != "" {
		query += ` WHERE user_id = ?`
		args = append(args, id)
	}
	rows, err := r.t.Query(ctx, query+` ORDER BY user_id, pos`, args...)
	if err != nil {
		return nil, wrap("grants", err)
	}
	defer rows.Close()
	out := map[string][]auth.Grant{}
	for rows.Next() {
		var user, role, unit string
		if err := rows.Scan(&user, &role, &unit); err != nil {
			return nil, wrap("grants", err)
		}
		out[user] = append(out[user], auth.Grant{Role: auth.Role(role), Unit: unit})
	}
	return out, wrap("grants", rows.Err())
}

func (r accountsRepo) SetGrants(ctx context.Context, userID string, grants []auth.Grant) error {
	if err := r.exists(ctx, userID); err != nil {
		return wrap("set grants", err)
	}
	if _, err := r.t.Exec(ctx, `DELETE FROM user_grants WHERE user_id = ?`, userID); err != nil {
		return wrap("set grants", err)
	}
	return wrap("set grants", r.insertGrants(ctx, userID, grants))
}

func (r accountsRepo) insertGrants(ctx context.Context, userID string, grants []auth.Grant) error {
	for i, g := range grants {
		_, err := r.t.Exec(ctx, `INSERT INTO user_grants (user_id, role, unit, pos) VALUES (?, ?, ?, ?)`,
			userID, string(g.Role), g.Unit, i)
		if err != nil {
			return err
		}
	}
	return nil
}

func (r accountsRepo) SetThrottle(ctx context.Context, userID string, from, to auth.Throttle) error {
	res, err := r.t.Exec(ctx, `UPDATE users SET failures = ?, last_failure = ?, locked_until = ?
		WHERE id = ? AND failures = ? AND last_failure = ? AND locked_until = ?`,
		to.Failures, Micros(to.LastFailure), Micros(to.LockedUntil),
		userID, from.Failures, Micros(from.LastFailure), Micros(from.LockedUntil))
	if err != nil {
		return wrap("set throttle", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return wrap("set throttle", err)
	}
	if err := r.exists(ctx, userID); err != nil {
		return wrap("set throttle", err)
	}
	return borderlink.Errorf(borderlink.EConflict, "error.conflict", "the throttle state changed meanwhile")
}

// exists returns ENotFound when there is no user with this id.
func (r accountsRepo) exists(ctx context.Context, id string) error {
	var one int
	return r.t.Classify(r.t.QueryRow(ctx, `SELECT 1 FROM users WHERE id = ?`, id).Scan(&one))
}

// one turns the result of a statement meant to change one row into
// ENotFound when it changed none.
func (r accountsRepo) one(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return borderlink.Errorf(borderlink.ENotFound, "error.not_found", "not found")
	}
	return nil
}

// Sessions and API tokens of auth.Repo. Both are found by hash only.

func (r accountsRepo) CreateSession(ctx context.Context, s auth.Session) error {
	_, err := r.t.Exec(ctx, `INSERT INTO sessions (id, user_id, state, csrf, created, last_seen, expires, source)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.UserID, string(s.State), s.CSRF, Micros(s.Created), Micros(s.LastSeen), Micros(s.Expires), s.Source)
	return wrap("create session", err)
}

func (r accountsRepo) Session(ctx context.Context, id string) (auth.Session, error) {
	var s auth.Session
	var state string
	var created, lastSeen, expires int64
	err := r.t.QueryRow(ctx, `SELECT id, user_id, state, csrf, created, last_seen, expires, source
		FROM sessions WHERE id = ?`, id).
		Scan(&s.ID, &s.UserID, &state, &s.CSRF, &created, &lastSeen, &expires, &s.Source)
	if err != nil {
		return auth.Session{}, wrap("session", r.t.Classify(err))
	}
	s.State = auth.SessionState(state)
	s.Created, s.LastSeen, s.Expires = FromMicros(created), FromMicros(lastSeen), FromMicros(expires)
	return s, nil
}

func (r accountsRepo) UpdateSession(ctx context.Context, s auth.Session) error {
	res, err := r.t.Exec(ctx, `UPDATE sessions SET state = ?, last_seen = ?, expires = ? WHERE id = ?`,
		string(s.State), Micros(s.LastSeen), Micros(s.Expires), s.ID)
	return wrap("update session", r.one(res, err))
}

func (r accountsRepo) DeleteSession(ctx context.Context, id string) error {
	res, err := r.t.Exec(ctx, `DELETE FROM sessions WHERE id = ?`, id)
	return wrap("delete session", r.one(res, err))
}

func (r accountsRepo) DeleteUserSessions(ctx context.Context, userID string) (int, error) {
	return r.count(r.t.Exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID))
}

func (r accountsRepo) DeleteExpiredSessions(ctx context.Context, t time.Time) (int, error) {
	return r.count(r.t.Exec(ctx, `DELETE FROM sessions WHERE expires < ?`, Micros(t)))
}

func (r accountsRepo) count(res interface{ RowsAffected() (int64, error) }, err error) (int, error) {
	if err != nil {
		return 0, wrap("delete sessions", err)
	}
	n, err := res.RowsAffected()
	return int(n), wrap("delete sessions", err)
}

const tokenColumns = `id, user_id, name, hash, created, expires, last_used, revoked`

func scanToken(row interface{ Scan(...any) error }) (auth.Token, error) {
	var t auth.Token
	var created, expires, lastUsed, revoked int64
	if err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Hash, &created, &expires, &lastUsed, &revoked); err != nil {
		return auth.Token{}, err
	}
	t.Created, t.Expires, t.LastUsed, t.Revoked = FromMicros(created), FromMicros(expires), FromMicros(lastUsed), FromMicros(revoked)
	return t, nil
}

func (r accountsRepo) CreateToken(ctx context.Context, t auth.Token) error {
	_, err := r.t.Exec(ctx, `INSERT INTO api_tokens (`+tokenColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		t.ID, t.UserID, t.Name, t.Hash, Micros(t.Created), Micros(t.Expires), Micros(t.LastUsed), Micros(t.Revoked))
	return wrap("create token", err)
}

func (r accountsRepo) Token(ctx context.Context, id string) (auth.Token, error) {
	t, err := scanToken(r.t.QueryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE id = ?`, id))
	if err != nil {
		return auth.Token{}, wrap("token "+id, r.t.Classify(err))
	}
	return t, nil
}

func (r accountsRepo) ListTokens(ctx context.Context, userID string) ([]auth.Token, error) {
	rows, err := r.t.Query(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE user_id = ?
		ORDER BY created DESC, id DESC`, userID)
	if err != nil {
		return nil, wrap("list tokens", err)
	}
	defer rows.Close()
	var out []auth.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, wrap("list tokens", err)
		}
		out = append(out, t)
	}
	return out, wrap("list tokens", rows.Err())
}

func (r accountsRepo) UpdateToken(ctx context.Context, t auth.Token) error {
	res, err := r.t.Exec(ctx, `UPDATE api_tokens SET last_used = ?, revoked = ? WHERE id = ?`,
		Micros(t.LastUsed), Micros(t.Revoked), t.ID)
	return wrap("update token "+t.ID, r.one(res, err))
}

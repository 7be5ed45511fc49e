-- +goose Up
-- Accounts (package auth): users, their grants (a role over a unit and the
-- units below it), browser sessions and API tokens. Times are microseconds
-- since the Unix epoch, 0 for "never". No secret is stored in the clear:
-- passwords as argon2id hashes, session and API tokens as SHA-256 hashes.
CREATE TABLE users (
	id               TEXT    PRIMARY KEY,
	username         TEXT    NOT NULL,
	display_name     TEXT    NOT NULL,
	lang             TEXT    NOT NULL,
	status           TEXT    NOT NULL CHECK (status IN ('active', 'disabled')),
	password_hash    TEXT    NOT NULL,
	password_changed BIGINT  NOT NULL,
	totp_secret      TEXT    NOT NULL DEFAULT '',
	totp_pending     TEXT    NOT NULL DEFAULT '',
	totp_last_step   BIGINT  NOT NULL DEFAULT 0,
	failures         INTEGER NOT NULL DEFAULT 0,
	last_failure     BIGINT  NOT NULL DEFAULT 0,
	locked_until     BIGINT  NOT NULL DEFAULT 0,
	created          BIGINT  NOT NULL,
	updated          BIGINT  NOT NULL,
	last_login       BIGINT  NOT NULL DEFAULT 0
);
-- Usernames are unique whatever their case.
CREATE UNIQUE INDEX users_username ON users (lower(username));

-- pos keeps the order of a user's grants: the first names the unit the user
-- acts for in the audit trail.
CREATE TABLE user_grants (
	user_id TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	role    TEXT    NOT NULL,
	unit    TEXT    NOT NULL,
	pos     INTEGER NOT NULL,
	PRIMARY KEY (user_id, role, unit)
);
CREATE INDEX user_grants_role ON user_grants (role, user_id);

-- id is the SHA-256 of the session token (hex).
CREATE TABLE sessions (
	id        TEXT   PRIMARY KEY,
	user_id   TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	state     TEXT   NOT NULL CHECK (state IN ('active', 'mfa_pending')),
	csrf      TEXT   NOT NULL,
	created   BIGINT NOT NULL,
	last_seen BIGINT NOT NULL,
	expires   BIGINT NOT NULL,
	source    TEXT   NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires);

-- hash is the SHA-256 of the token's secret (hex).
CREATE TABLE api_tokens (
	id        TEXT   PRIMARY KEY,
	user_id   TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name      TEXT   NOT NULL,
	hash      TEXT   NOT NULL,
	created   BIGINT NOT NULL,
	expires   BIGINT NOT NULL,
	last_used BIGINT NOT NULL DEFAULT 0,
	revoked   BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, created);

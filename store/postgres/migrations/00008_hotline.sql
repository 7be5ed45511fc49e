-- +goose Up
-- The hotline (package hotline). Times are microseconds since the Unix
-- epoch, 0 for "not (yet)". Priority, handling, state and language are the
-- package's text codes.

-- Messages as stored on this node. from_scope and to_scope are the unit
-- paths ("/VN-MPS/VN-40/") of the sides this node serves, '' for a side
-- another node serves; search is the folded text searches match; form is
-- the structured form as JSON, '' when there is none.
CREATE TABLE hotline_messages (
	id              TEXT   PRIMARY KEY,
	thread_id       TEXT   NOT NULL,
	channel_id      TEXT   NOT NULL,
	from_unit       TEXT   NOT NULL,
	to_unit         TEXT   NOT NULL,
	author          TEXT   NOT NULL,
	author_name     TEXT   NOT NULL,
	priority        TEXT   NOT NULL,
	subject         TEXT   NOT NULL,
	body            TEXT   NOT NULL,
	lang            TEXT   NOT NULL,
	form            TEXT   NOT NULL,
	handling        TEXT   NOT NULL,
	created         BIGINT NOT NULL,
	deadline        BIGINT NOT NULL,
	queued_at       BIGINT NOT NULL DEFAULT 0,
	sent_at         BIGINT NOT NULL DEFAULT 0,
	delivered_at    BIGINT NOT NULL DEFAULT 0,
	read_at         BIGINT NOT NULL DEFAULT 0,
	acked_at        BIGINT NOT NULL DEFAULT 0,
	read_by         TEXT   NOT NULL DEFAULT '',
	acked_by        TEXT   NOT NULL DEFAULT '',
	origin          TEXT   NOT NULL,
	from_scope      TEXT   NOT NULL,
	to_scope        TEXT   NOT NULL,
	search          TEXT   NOT NULL,
	escalated       BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX hotline_messages_created ON hotline_messages (created, id);
CREATE INDEX hotline_messages_channel ON hotline_messages (channel_id, created);
CREATE INDEX hotline_messages_thread ON hotline_messages (thread_id, created);
CREATE INDEX hotline_messages_from ON hotline_messages (from_unit, created);
CREATE INDEX hotline_messages_to ON hotline_messages (to_unit, created);
-- Messages still waiting for an acknowledgement, by deadline (Due).
CREATE INDEX hotline_messages_due ON hotline_messages (deadline) WHERE acked_at = 0 AND escalated = 0;

-- Receipts: a message reached a state on the receiving node; id is
-- "<message id>/<state>".
CREATE TABLE hotline_receipts (
	id         TEXT   PRIMARY KEY,
	message_id TEXT   NOT NULL,
	state      TEXT   NOT NULL,
	unit       TEXT   NOT NULL,
	actor      TEXT   NOT NULL,
	at         BIGINT NOT NULL,
	origin     TEXT   NOT NULL
);
CREATE INDEX hotline_receipts_message ON hotline_receipts (message_id, at);

-- Alerts raised on this node for messages not acknowledged in time: one
-- per message and alerted unit. scope is the path of the alerted unit.
CREATE TABLE hotline_alerts (
	id         TEXT   PRIMARY KEY,
	message_id TEXT   NOT NULL,
	channel_id TEXT   NOT NULL,
	unit       TEXT   NOT NULL,
	about      TEXT   NOT NULL,
	priority   TEXT   NOT NULL,
	deadline   BIGINT NOT NULL,
	raised     BIGINT NOT NULL,
	resolved   BIGINT NOT NULL DEFAULT 0,
	scope      TEXT   NOT NULL
);
CREATE UNIQUE INDEX hotline_alerts_message_unit ON hotline_alerts (message_id, unit);
CREATE INDEX hotline_alerts_raised ON hotline_alerts (raised, id);
CREATE INDEX hotline_alerts_open ON hotline_alerts (scope, raised) WHERE resolved = 0;

-- Machine translations of a message's subject and body, one per language.
CREATE TABLE hotline_translations (
	message_id TEXT    NOT NULL REFERENCES hotline_messages (id) ON DELETE CASCADE,
	lang       TEXT    NOT NULL,
	subject    TEXT    NOT NULL,
	text       TEXT    NOT NULL,
	engine     TEXT    NOT NULL,
	machine    BOOLEAN NOT NULL,
	created    BIGINT  NOT NULL,
	PRIMARY KEY (message_id, lang)
);

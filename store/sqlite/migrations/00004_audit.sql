-- +goose Up
-- The audit log (package audit): entries are the leaves of a Merkle tree,
-- audit_hashes holds the tree's stored hashes (tlog's index order),
-- audit_checkpoints the signed checkpoint written after each append, and
-- audit_head the log's size, the row appends lock to queue.
CREATE TABLE audit_entries (
	seq         INTEGER PRIMARY KEY,
	time        BIGINT  NOT NULL,
	actor       TEXT    NOT NULL,
	actor_unit  TEXT    NOT NULL,
	action      TEXT    NOT NULL,
	object_type TEXT    NOT NULL,
	object_id   TEXT    NOT NULL,
	source      TEXT    NOT NULL,
	outcome     TEXT    NOT NULL,
	detail      TEXT    NOT NULL
);
CREATE INDEX audit_entries_time ON audit_entries (time);
CREATE INDEX audit_entries_actor ON audit_entries (actor);
CREATE INDEX audit_entries_unit ON audit_entries (actor_unit);
CREATE INDEX audit_entries_object ON audit_entries (object_type, object_id);

CREATE TABLE audit_hashes (
	idx  INTEGER PRIMARY KEY,
	hash BLOB    NOT NULL
);

CREATE TABLE audit_checkpoints (
	size INTEGER PRIMARY KEY,
	note TEXT    NOT NULL
);

CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	size BIGINT  NOT NULL
);
INSERT INTO audit_head (id, size) VALUES (1, 0);

-- Append-only: the application never changes or removes a row of the log.
-- (Anyone who can drop these triggers can tamper; Verify finds it.)
-- +goose StatementBegin
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_hashes_no_update BEFORE UPDATE ON audit_hashes
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_hashes_no_delete BEFORE DELETE ON audit_hashes
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
-- +goose StatementEnd

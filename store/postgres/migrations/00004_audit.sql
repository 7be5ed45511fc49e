-- +goose Up
-- The audit log (package audit): entries are the leaves of a Merkle tree,
-- audit_hashes holds the tree's stored hashes (tlog's index order),
-- audit_checkpoints the signed checkpoint written after each append, and
-- audit_head the log's size, the row appends lock (SELECT … FOR UPDATE) to
-- queue.
CREATE TABLE audit_entries (
	seq         BIGINT PRIMARY KEY,
	time        BIGINT NOT NULL,
	actor       TEXT   NOT NULL,
	actor_unit  TEXT   NOT NULL,
	action      TEXT   NOT NULL,
	object_type TEXT   NOT NULL,
	object_id   TEXT   NOT NULL,
	source      TEXT   NOT NULL,
	outcome     TEXT   NOT NULL,
	detail      TEXT   NOT NULL
);
CREATE INDEX audit_entries_time ON audit_entries (time);
CREATE INDEX audit_entries_actor ON audit_entries (actor);
CREATE INDEX audit_entries_unit ON audit_entries (actor_unit);
CREATE INDEX audit_entries_object ON audit_entries (object_type, object_id);

CREATE TABLE audit_hashes (
	idx  BIGINT PRIMARY KEY,
	hash BYTEA  NOT NULL
);

CREATE TABLE audit_checkpoints (
	size BIGINT PRIMARY KEY,
	note TEXT   NOT NULL
);

CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	size BIGINT  NOT NULL
);
INSERT INTO audit_head (id, size) VALUES (1, 0);

-- Append-only: the application never changes or removes a row of the log.
-- (Anyone who can drop these triggers can tamper; Verify finds it.)
-- +goose StatementBegin
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit log is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entries
	FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_hashes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_hashes
	FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_checkpoints
	FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

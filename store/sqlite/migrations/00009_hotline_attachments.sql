-- +goose Up
-- Files carried by hotline messages (package hotline). A file's bytes are
-- kept as the chunks it travels in; state is complete, pending (chunks
-- still on their way from the origin) or corrupt (its SHA-256 did not
-- match once every chunk was in).
CREATE TABLE hotline_attachments (
	id           TEXT   PRIMARY KEY,
	message_id   TEXT   NOT NULL REFERENCES hotline_messages (id) ON DELETE CASCADE,
	position     BIGINT NOT NULL,
	name         TEXT   NOT NULL,
	content_type TEXT   NOT NULL,
	size         BIGINT NOT NULL,
	sha256       TEXT   NOT NULL,
	state        TEXT   NOT NULL
);
CREATE INDEX hotline_attachments_message ON hotline_attachments (message_id, position);

CREATE TABLE hotline_attachment_chunks (
	attachment_id TEXT   NOT NULL REFERENCES hotline_attachments (id) ON DELETE CASCADE,
	idx           BIGINT NOT NULL,
	data          BLOB NOT NULL,
	PRIMARY KEY (attachment_id, idx)
);

-- +goose Down
DROP TABLE hotline_attachment_chunks;
DROP TABLE hotline_attachments;

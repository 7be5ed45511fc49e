-- +goose Up
-- Watch lists loaded from CSV files for screening (package checkpoint).
-- A list is replaced as a whole when it is loaded again. Times are
-- microseconds since the epoch; alt_names holds the alternative names
-- separated by ";" (a name never holds one: the file format separates them
-- so).
CREATE TABLE watch_lists (
	id        TEXT   PRIMARY KEY,
	name      TEXT   NOT NULL,
	file      TEXT   NOT NULL,
	sha256    TEXT   NOT NULL,
	entries   BIGINT NOT NULL,
	rejected  BIGINT NOT NULL,
	loaded    BIGINT NOT NULL,
	loaded_by TEXT   NOT NULL
);

CREATE TABLE watch_entries (
	list_id     TEXT NOT NULL REFERENCES watch_lists (id) ON DELETE CASCADE,
	id          TEXT NOT NULL,
	name        TEXT NOT NULL,
	alt_names   TEXT NOT NULL,
	dob         TEXT NOT NULL,
	document    TEXT NOT NULL,
	nationality TEXT NOT NULL,
	PRIMARY KEY (list_id, id)
);

-- +goose Down
DROP TABLE watch_entries;
DROP TABLE watch_lists;

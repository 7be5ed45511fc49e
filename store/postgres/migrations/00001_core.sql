-- +goose Up
-- The node's own settings: its id, its country, when it was initialised.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- +goose Up
-- The units a peer owns (codes of subtree roots, comma-separated): records
-- for those units are addressed to that peer.
ALTER TABLE peers ADD COLUMN units TEXT NOT NULL DEFAULT '';

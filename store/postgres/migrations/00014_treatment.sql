-- +goose Up
-- Treatment records (package treatment): domestic only, never released.
-- Only what selecting and counting need is in clear: the owning unit and
-- its scope path ('/VN-MPS/VN-11/VN-11-C001/'), the status, the kind of the
-- running rehabilitation episode ('' when none), the day of the last
-- relapse and the last day a post-rehabilitation status holds ('YYYY-MM-DD',
-- '' for none). Times are microseconds since the epoch. Everything that
-- says who the person is or what happened to them is in
-- treatment_sealed: one AES-256-GCM value per field group, bound to the
-- record id and the group, under the key key_id of the key file kept
-- outside the database (package internal/sealed).
CREATE TABLE treatment_records (
	id           TEXT   PRIMARY KEY,
	owner_unit   TEXT   NOT NULL,
	scope        TEXT   NOT NULL,
	status       TEXT   NOT NULL,
	rehab_kind   TEXT   NOT NULL,
	last_relapse TEXT   NOT NULL,
	until_day    TEXT   NOT NULL,
	created      BIGINT NOT NULL,
	updated      BIGINT NOT NULL
);
CREATE INDEX treatment_records_owner ON treatment_records (owner_unit);
CREATE INDEX treatment_records_created ON treatment_records (created, id);

CREATE TABLE treatment_sealed (
	record_id TEXT  NOT NULL REFERENCES treatment_records (id) ON DELETE CASCADE,
	field     TEXT  NOT NULL,
	key_id    TEXT  NOT NULL,
	value     BYTEA NOT NULL,
	PRIMARY KEY (record_id, field)
);
CREATE INDEX treatment_sealed_key ON treatment_sealed (key_id);

-- +goose Down
DROP TABLE treatment_sealed;
DROP TABLE treatment_records;

-- +goose Up
-- The drug-free commune programme (package communes): criteria sets,
-- assessments with their attachments and events, district recognitions
-- and commitments. Nothing here leaves the node. Times are microseconds
-- since the epoch, days 'YYYY-MM-DD' ('': none); lists and structured
-- parts of a record (items, results, history, decisions) are JSON text.
-- province is the commune's (or district's) province when the record was
-- made: dashboards read one province at once. communes_events repeats the
-- history of each assessment, one row per change, so that a dashboard
-- reads only those.
CREATE TABLE communes_criteria (
	id             TEXT   PRIMARY KEY,
	country        TEXT   NOT NULL,
	version        BIGINT NOT NULL,
	name           TEXT   NOT NULL,
	valid_from     TEXT   NOT NULL,
	valid_to       TEXT   NOT NULL,
	threshold      BIGINT NOT NULL,
	district_share BIGINT NOT NULL,
	items          TEXT   NOT NULL,
	created        BIGINT NOT NULL,
	UNIQUE (country, version)
);

CREATE TABLE communes_assessments (
	id          TEXT   PRIMARY KEY,
	commune     TEXT   NOT NULL,
	district    TEXT   NOT NULL,
	province    TEXT   NOT NULL,
	period_from TEXT   NOT NULL,
	period_to   TEXT   NOT NULL,
	criteria_id TEXT   NOT NULL REFERENCES communes_criteria (id),
	results     TEXT   NOT NULL,
	score       BIGINT NOT NULL,
	passed      BOOLEAN NOT NULL,
	note        TEXT   NOT NULL,
	lang        TEXT   NOT NULL,
	status      TEXT   NOT NULL,
	history     TEXT   NOT NULL,
	decision    TEXT   NOT NULL,
	revocation  TEXT   NOT NULL,
	created     BIGINT NOT NULL,
	updated     BIGINT NOT NULL
);
CREATE INDEX communes_assessments_commune ON communes_assessments (commune, period_from);
CREATE INDEX communes_assessments_province ON communes_assessments (province);

CREATE TABLE communes_events (
	assessment_id TEXT   NOT NULL REFERENCES communes_assessments (id) ON DELETE CASCADE,
	seq           BIGINT NOT NULL,
	commune       TEXT   NOT NULL,
	province      TEXT   NOT NULL,
	status        TEXT   NOT NULL,
	day           TEXT   NOT NULL,
	PRIMARY KEY (assessment_id, seq)
);
CREATE INDEX communes_events_province ON communes_events (province, day);

CREATE TABLE communes_attachments (
	id            TEXT   PRIMARY KEY,
	assessment_id TEXT   NOT NULL REFERENCES communes_assessments (id) ON DELETE CASCADE,
	position      BIGINT NOT NULL,
	item          TEXT   NOT NULL,
	name          TEXT   NOT NULL,
	content_type  TEXT   NOT NULL,
	size          BIGINT NOT NULL,
	sha256        TEXT   NOT NULL,
	data          BYTEA  NOT NULL
);
CREATE INDEX communes_attachments_assessment ON communes_attachments (assessment_id, position);

CREATE TABLE communes_districts (
	id         TEXT   PRIMARY KEY,
	district   TEXT   NOT NULL,
	province   TEXT   NOT NULL,
	status     TEXT   NOT NULL,
	decision   TEXT   NOT NULL,
	decided    TEXT   NOT NULL,
	basis      TEXT   NOT NULL,
	revocation TEXT   NOT NULL,
	note       TEXT   NOT NULL,
	created    BIGINT NOT NULL,
	updated    BIGINT NOT NULL
);
CREATE INDEX communes_districts_province ON communes_districts (province, decided);
CREATE INDEX communes_districts_district ON communes_districts (district, decided);

CREATE TABLE communes_commitments (
	id          TEXT   PRIMARY KEY,
	commune     TEXT   NOT NULL,
	province    TEXT   NOT NULL,
	period_from TEXT   NOT NULL,
	period_to   TEXT   NOT NULL,
	households  BIGINT NOT NULL,
	agencies    BIGINT NOT NULL,
	units       BIGINT NOT NULL,
	note        TEXT   NOT NULL,
	by_user     TEXT   NOT NULL,
	created     BIGINT NOT NULL,
	updated     BIGINT NOT NULL,
	UNIQUE (commune, period_from)
);
CREATE INDEX communes_commitments_province ON communes_commitments (province);

-- +goose Down
DROP TABLE communes_commitments;
DROP TABLE communes_districts;
DROP TABLE communes_attachments;
DROP TABLE communes_events;
DROP TABLE communes_assessments;
DROP TABLE communes_criteria;

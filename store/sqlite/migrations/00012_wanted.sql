-- +goose Up
-- Wanted notices (package wanted): notices with their partner units and
-- photos, sightings and hand-over steps. A row is this node's record or a
-- copy of the other side's (origin tells). Times are microseconds since
-- the epoch (0: none), days 'YYYY-MM-DD' ('': none). Lists inside a record
-- (aliases, documents, charges, danger flags, the status history) are JSON
-- text. country is the issuing unit's, which decides who reads a notice;
-- search holds its folded names, aliases, document numbers and warrant
-- reference.
CREATE TABLE wanted_notices (
	id            TEXT   PRIMARY KEY,
	origin        TEXT   NOT NULL,
	issuing_unit  TEXT   NOT NULL,
	country       TEXT   NOT NULL,
	name          TEXT   NOT NULL,
	name_latin    TEXT   NOT NULL,
	aliases       TEXT   NOT NULL,
	birth         TEXT   NOT NULL,
	sex           TEXT   NOT NULL,
	nationality   TEXT   NOT NULL,
	documents     TEXT   NOT NULL,
	description   TEXT   NOT NULL,
	person_id     TEXT   NOT NULL,
	charges       TEXT   NOT NULL,
	charge_text   TEXT   NOT NULL,
	legal_basis   TEXT   NOT NULL,
	warrant_ref   TEXT   NOT NULL,
	warrant_date  TEXT   NOT NULL,
	danger        TEXT   NOT NULL,
	summary       TEXT   NOT NULL,
	notes         TEXT   NOT NULL,
	lang          TEXT   NOT NULL,
	location_unit TEXT   NOT NULL,
	location_text TEXT   NOT NULL,
	location_lat  REAL,
	location_lon  REAL,
	status        TEXT   NOT NULL,
	history       TEXT   NOT NULL,
	created       BIGINT NOT NULL,
	updated       BIGINT NOT NULL,
	released      BIGINT NOT NULL,
	search        TEXT   NOT NULL
);
CREATE INDEX wanted_notices_created ON wanted_notices (created, id);
CREATE INDEX wanted_notices_issuing_unit ON wanted_notices (issuing_unit);

CREATE TABLE wanted_partner_units (
	notice_id TEXT   NOT NULL REFERENCES wanted_notices (id) ON DELETE CASCADE,
	position  BIGINT NOT NULL,
	unit      TEXT   NOT NULL,
	PRIMARY KEY (notice_id, position)
);
CREATE INDEX wanted_partner_units_unit ON wanted_partner_units (unit);

CREATE TABLE wanted_photos (
	id           TEXT   PRIMARY KEY,
	notice_id    TEXT   NOT NULL REFERENCES wanted_notices (id) ON DELETE CASCADE,
	position     BIGINT NOT NULL,
	content_type TEXT   NOT NULL,
	size         BIGINT NOT NULL,
	sha256       TEXT   NOT NULL,
	data         BLOB   NOT NULL
);
CREATE INDEX wanted_photos_notice ON wanted_photos (notice_id, position);

CREATE TABLE wanted_sightings (
	id            TEXT   PRIMARY KEY,
	notice_id     TEXT   NOT NULL REFERENCES wanted_notices (id),
	origin        TEXT   NOT NULL,
	at            BIGINT NOT NULL,
	place_unit    TEXT   NOT NULL,
	place_text    TEXT   NOT NULL,
	lat           REAL,
	lon           REAL,
	seen          TEXT   NOT NULL,
	lang          TEXT   NOT NULL,
	reporter_unit TEXT   NOT NULL,
	by_user       TEXT   NOT NULL,
	created       BIGINT NOT NULL,
	released      BIGINT NOT NULL
);
CREATE INDEX wanted_sightings_notice ON wanted_sightings (notice_id, at);

CREATE TABLE wanted_handover_steps (
	id             TEXT   PRIMARY KEY,
	notice_id      TEXT   NOT NULL REFERENCES wanted_notices (id),
	origin         TEXT   NOT NULL,
	kind           TEXT   NOT NULL,
	day            TEXT   NOT NULL,
	gate_unit      TEXT   NOT NULL,
	gate_text      TEXT   NOT NULL,
	gate_lat       REAL,
	gate_lon       REAL,
	receiving_unit TEXT   NOT NULL,
	handing_unit   TEXT   NOT NULL,
	note           TEXT   NOT NULL,
	lang           TEXT   NOT NULL,
	by_user        TEXT   NOT NULL,
	created        BIGINT NOT NULL,
	released       BIGINT NOT NULL
);
CREATE INDEX wanted_handover_steps_notice ON wanted_handover_steps (notice_id, created);

-- +goose Down
DROP TABLE wanted_handover_steps;
DROP TABLE wanted_sightings;
DROP TABLE wanted_photos;
DROP TABLE wanted_partner_units;
DROP TABLE wanted_notices;

-- +goose Up
-- Joint cases (package cases): cases with their partner units, persons
-- (subjects) with their photos, subjects, events, seizures, arrests and
-- links between cases. A row is this node's record or a partner's
-- released copy (origin tells). Times are microseconds since the epoch (0:
-- none), days 'YYYY-MM-DD' ('' : none). Lists inside a record (aliases,
-- documents, phones, addresses, the status history, drug items, items) are
-- JSON text. scope holds the scope paths of the units whose readers may see
-- the row ("/VN-MPS/VN-40/ /LA-MPS/LA-07/"); search its folded names.
CREATE TABLE cases (
	id        TEXT   PRIMARY KEY,
	origin    TEXT   NOT NULL,
	code      TEXT   NOT NULL,
	code_key  TEXT   NOT NULL,
	title     TEXT   NOT NULL,
	summary   TEXT   NOT NULL,
	lang      TEXT   NOT NULL,
	lead_unit TEXT   NOT NULL,
	status    TEXT   NOT NULL,
	history   TEXT   NOT NULL,
	opened    TEXT   NOT NULL,
	closed    TEXT   NOT NULL,
	handling  TEXT   NOT NULL,
	created   BIGINT NOT NULL,
	updated   BIGINT NOT NULL,
	released  BIGINT NOT NULL,
	scope     TEXT   NOT NULL,
	search    TEXT   NOT NULL
);
CREATE UNIQUE INDEX cases_origin_code ON cases (origin, code_key);
CREATE INDEX cases_created ON cases (created, id);
CREATE INDEX cases_lead_unit ON cases (lead_unit);

CREATE TABLE case_partner_units (
	case_id  TEXT   NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	position BIGINT NOT NULL,
	unit     TEXT   NOT NULL,
	PRIMARY KEY (case_id, position)
);
CREATE INDEX case_partner_units_unit ON case_partner_units (unit);

CREATE TABLE case_persons (
	id          TEXT   PRIMARY KEY,
	origin      TEXT   NOT NULL,
	owner_unit  TEXT   NOT NULL,
	name        TEXT   NOT NULL,
	name_latin  TEXT   NOT NULL,
	aliases     TEXT   NOT NULL,
	birth       TEXT   NOT NULL,
	sex         TEXT   NOT NULL,
	nationality TEXT   NOT NULL,
	documents   TEXT   NOT NULL,
	phones      TEXT   NOT NULL,
	addresses   TEXT   NOT NULL,
	notes       TEXT   NOT NULL,
	created     BIGINT NOT NULL,
	updated     BIGINT NOT NULL,
	released    BIGINT NOT NULL,
	scope       TEXT   NOT NULL,
	search      TEXT   NOT NULL
);
CREATE INDEX case_persons_owner ON case_persons (owner_unit);

CREATE TABLE case_person_photos (
	id           TEXT   PRIMARY KEY,
	person_id    TEXT   NOT NULL REFERENCES case_persons (id) ON DELETE CASCADE,
	position     BIGINT NOT NULL,
	content_type TEXT   NOT NULL,
	size         BIGINT NOT NULL,
	sha256       TEXT   NOT NULL,
	data         BYTEA  NOT NULL
);
CREATE INDEX case_person_photos_person ON case_person_photos (person_id, position);

CREATE TABLE case_subjects (
	id        TEXT   PRIMARY KEY,
	case_id   TEXT   NOT NULL REFERENCES cases (id),
	person_id TEXT   NOT NULL REFERENCES case_persons (id),
	role      TEXT   NOT NULL,
	origin    TEXT   NOT NULL,
	created   BIGINT NOT NULL,
	updated   BIGINT NOT NULL,
	released  BIGINT NOT NULL
);
CREATE UNIQUE INDEX case_subjects_pair ON case_subjects (case_id, person_id);
CREATE INDEX case_subjects_person ON case_subjects (person_id);

CREATE TABLE case_events (
	id       TEXT   PRIMARY KEY,
	case_id  TEXT   NOT NULL REFERENCES cases (id),
	kind     TEXT   NOT NULL,
	at       BIGINT NOT NULL,
	place    TEXT   NOT NULL,
	summary  TEXT   NOT NULL,
	lang     TEXT   NOT NULL,
	origin   TEXT   NOT NULL,
	created  BIGINT NOT NULL,
	updated  BIGINT NOT NULL,
	released BIGINT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, at);

-- case_id is NULL for a seizure (or an arrest) outside any case.
CREATE TABLE case_seizures (
	id       TEXT   PRIMARY KEY,
	case_id  TEXT   REFERENCES cases (id),
	origin   TEXT   NOT NULL,
	day      TEXT   NOT NULL,
	place    TEXT   NOT NULL,
	lat      DOUBLE PRECISION,
	lon      DOUBLE PRECISION,
	agency   TEXT   NOT NULL,
	drugs    TEXT   NOT NULL,
	items    TEXT   NOT NULL,
	note     TEXT   NOT NULL,
	lang     TEXT   NOT NULL,
	created  BIGINT NOT NULL,
	updated  BIGINT NOT NULL,
	released BIGINT NOT NULL
);
CREATE INDEX case_seizures_case ON case_seizures (case_id, day);

CREATE TABLE case_arrests (
	id          TEXT   PRIMARY KEY,
	case_id     TEXT   REFERENCES cases (id),
	person_id   TEXT   NOT NULL REFERENCES case_persons (id),
	origin      TEXT   NOT NULL,
	day         TEXT   NOT NULL,
	place       TEXT   NOT NULL,
	agency      TEXT   NOT NULL,
	charge      TEXT   NOT NULL,
	charge_text TEXT   NOT NULL,
	created     BIGINT NOT NULL,
	updated     BIGINT NOT NULL,
	released    BIGINT NOT NULL
);
CREATE INDEX case_arrests_case ON case_arrests (case_id, day);
CREATE INDEX case_arrests_person ON case_arrests (person_id);

CREATE TABLE case_links (
	case_id       TEXT   NOT NULL REFERENCES cases (id),
	other_case_id TEXT   NOT NULL REFERENCES cases (id),
	kind          TEXT   NOT NULL,
	origin        TEXT   NOT NULL,
	created       BIGINT NOT NULL,
	PRIMARY KEY (case_id, other_case_id)
);
CREATE INDEX case_links_other ON case_links (other_case_id);

-- +goose Down
DROP TABLE case_links;
DROP TABLE case_arrests;
DROP TABLE case_seizures;
DROP TABLE case_events;
DROP TABLE case_subjects;
DROP TABLE case_person_photos;
DROP TABLE case_persons;
DROP TABLE case_partner_units;
DROP TABLE cases;

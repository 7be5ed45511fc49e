-- +goose Up
-- The police unit directory (package units). Dates are TEXT YYYY-MM-DD, ''
-- for an open bound. Codes use the "C" collation so that they sort by bytes,
-- as in SQLite, whatever the database's locale.
CREATE TABLE countries (
	code    TEXT COLLATE "C" PRIMARY KEY,
	name_vi TEXT NOT NULL,
	name_lo TEXT NOT NULL,
	name_en TEXT NOT NULL
);

-- Levels of each country's police hierarchy; a level code has one record
-- per period with its own name.
CREATE TABLE unit_levels (
	country    TEXT COLLATE "C" NOT NULL REFERENCES countries (code),
	code       TEXT COLLATE "C" NOT NULL,
	valid_from TEXT NOT NULL DEFAULT '',
	valid_to   TEXT NOT NULL DEFAULT '',
	rank       INTEGER NOT NULL,
	name_vi    TEXT NOT NULL,
	name_lo    TEXT NOT NULL,
	name_en    TEXT NOT NULL,
	PRIMARY KEY (country, code, valid_from)
);

CREATE TABLE units (
	code       TEXT COLLATE "C" PRIMARY KEY,
	country    TEXT COLLATE "C" NOT NULL REFERENCES countries (code),
	level      TEXT NOT NULL,
	parent     TEXT COLLATE "C" REFERENCES units (code),
	name_vi    TEXT NOT NULL,
	name_lo    TEXT NOT NULL,
	name_en    TEXT NOT NULL,
	place_vi   TEXT NOT NULL,
	place_lo   TEXT NOT NULL,
	place_en   TEXT NOT NULL,
	valid_from TEXT NOT NULL DEFAULT '',
	valid_to   TEXT NOT NULL DEFAULT '',
	border     BOOLEAN NOT NULL DEFAULT FALSE,
	source     TEXT NOT NULL
);
CREATE INDEX units_parent ON units (parent);

-- successor took over the area of code when code ended.
CREATE TABLE unit_successors (
	code      TEXT COLLATE "C" NOT NULL REFERENCES units (code),
	successor TEXT COLLATE "C" NOT NULL REFERENCES units (code),
	PRIMARY KEY (code, successor)
);

-- Counterpart pairs across the border; a is the unit of the country whose
-- code sorts first.
CREATE TABLE counterparts (
	a          TEXT COLLATE "C" NOT NULL REFERENCES units (code),
	b          TEXT COLLATE "C" NOT NULL REFERENCES units (code),
	valid_from TEXT NOT NULL DEFAULT '',
	valid_to   TEXT NOT NULL DEFAULT '',
	level      TEXT NOT NULL,
	PRIMARY KEY (a, b, valid_from)
);
CREATE INDEX counterparts_b ON counterparts (b);

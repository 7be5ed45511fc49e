-- +goose Up
-- Drug-enforcement figures (package stats). stat_facts holds each figure
-- with its place resolved to the province in force today and the one
-- before Vietnam's 2025 reform; stat_daily and stat_monthly hold their sums
-- by every dimension the dashboards filter on, changed in the same
-- transaction as the facts. Days are 'YYYY-MM-DD', months 'YYYY-MM';
-- quantities are integers in milligrams, pieces, millilitres and m². The
-- roll-ups' keys include their figures, so that a period is an index-only
-- range scan: the rows of a day are scattered over the heap as days fill
-- up in any order, and reading them through the heap costs a page each.
CREATE TABLE stat_facts (
	id           TEXT   PRIMARY KEY,
	origin       TEXT   NOT NULL,
	source       TEXT   NOT NULL,
	day          TEXT   NOT NULL,
	place        TEXT   NOT NULL,
	country      TEXT   NOT NULL,
	province     TEXT   NOT NULL,
	old_province TEXT   NOT NULL,
	agency       TEXT   NOT NULL,
	drug         TEXT   NOT NULL,
	batch        TEXT   NOT NULL,
	cases        BIGINT NOT NULL,
	arrests      BIGINT NOT NULL,
	milligrams   BIGINT NOT NULL,
	pieces       BIGINT NOT NULL,
	millilitres  BIGINT NOT NULL,
	square_m     BIGINT NOT NULL,
	recorded     BIGINT NOT NULL
);
CREATE INDEX stat_facts_origin_day ON stat_facts (origin, day);
CREATE INDEX stat_facts_batch ON stat_facts (batch) WHERE batch <> '';

CREATE TABLE stat_daily (
	day          TEXT   NOT NULL,
	country      TEXT   NOT NULL,
	province     TEXT   NOT NULL,
	old_province TEXT   NOT NULL,
	agency       TEXT   NOT NULL,
	drug         TEXT   NOT NULL,
	facts        BIGINT NOT NULL,
	cases        BIGINT NOT NULL,
	arrests      BIGINT NOT NULL,
	milligrams   BIGINT NOT NULL,
	pieces       BIGINT NOT NULL,
	millilitres  BIGINT NOT NULL,
	square_m     BIGINT NOT NULL,
	PRIMARY KEY (day, country, province, old_province, agency, drug)
		INCLUDE (facts, cases, arrests, milligrams, pieces, millilitres, square_m)
);

CREATE TABLE stat_monthly (
	month        TEXT   NOT NULL,
	country      TEXT   NOT NULL,
	province     TEXT   NOT NULL,
	old_province TEXT   NOT NULL,
	agency       TEXT   NOT NULL,
	drug         TEXT   NOT NULL,
	facts        BIGINT NOT NULL,
	cases        BIGINT NOT NULL,
	arrests      BIGINT NOT NULL,
	milligrams   BIGINT NOT NULL,
	pieces       BIGINT NOT NULL,
	millilitres  BIGINT NOT NULL,
	square_m     BIGINT NOT NULL,
	PRIMARY KEY (month, country, province, old_province, agency, drug)
		INCLUDE (facts, cases, arrests, milligrams, pieces, millilitres, square_m)
);

-- +goose Down
DROP TABLE stat_monthly;
DROP TABLE stat_daily;
DROP TABLE stat_facts;

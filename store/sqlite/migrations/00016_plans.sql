-- +goose Up
-- Agreements, plans, tasks, conferences and targets (package plans). A
-- row is this node's record or a copy of the partner's (origin tells).
-- Each record is kept whole as JSON text (body), the form it travels in,
-- beside the columns that select and order it. Days are 'YYYY-MM-DD',
-- times microseconds since the epoch.
CREATE TABLE plans_agreements (
	id         TEXT   PRIMARY KEY,
	origin     TEXT   NOT NULL,
	valid_from TEXT   NOT NULL,
	updated    BIGINT NOT NULL,
	body       TEXT   NOT NULL
);

CREATE TABLE plans_plans (
	id           TEXT   PRIMARY KEY,
	origin       TEXT   NOT NULL,
	agreement_id TEXT   NOT NULL REFERENCES plans_agreements (id),
	period_from  TEXT   NOT NULL,
	updated      BIGINT NOT NULL,
	body         TEXT   NOT NULL
);
CREATE INDEX plans_plans_agreement ON plans_plans (agreement_id, period_from);

-- conference_id: the conference whose decision the task carries out ('':
-- none). percent: done when 100, which the overdue alerts select on. The
-- progress notes are kept apart from the body (notes: all, last_note: the
-- latest, which lists show), each a JSON object {"notes": [...]}.
CREATE TABLE plans_tasks (
	id            TEXT   PRIMARY KEY,
	origin        TEXT   NOT NULL,
	plan_id       TEXT   NOT NULL REFERENCES plans_plans (id),
	deadline      TEXT   NOT NULL,
	percent       BIGINT NOT NULL,
	conference_id TEXT   NOT NULL,
	updated       BIGINT NOT NULL,
	notes         TEXT   NOT NULL,
	last_note     TEXT   NOT NULL,
	body          TEXT   NOT NULL
);
CREATE INDEX plans_tasks_plan ON plans_tasks (plan_id, deadline);
CREATE INDEX plans_tasks_open ON plans_tasks (deadline) WHERE percent < 100;
CREATE INDEX plans_tasks_conference ON plans_tasks (conference_id) WHERE conference_id <> '';

CREATE TABLE plans_conferences (
	id      TEXT   PRIMARY KEY,
	origin  TEXT   NOT NULL,
	day     TEXT   NOT NULL,
	updated BIGINT NOT NULL,
	body    TEXT   NOT NULL
);

CREATE TABLE plans_targets (
	id      TEXT   PRIMARY KEY,
	origin  TEXT   NOT NULL,
	unit    TEXT   NOT NULL,
	year    BIGINT NOT NULL,
	updated BIGINT NOT NULL,
	body    TEXT   NOT NULL
);
CREATE INDEX plans_targets_year ON plans_targets (year, unit);

-- +goose Down
DROP TABLE plans_targets;
DROP TABLE plans_conferences;
DROP TABLE plans_tasks;
DROP TABLE plans_plans;
DROP TABLE plans_agreements;

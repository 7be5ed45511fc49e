-- +goose Up
-- Federation delivery (package federation). Times are microseconds since
-- the Unix epoch. Node ids, stream names and envelope ids are TEXT.

-- The streams this node numbers: the last sequence number assigned per
-- destination and stream. NextSeq increments the row in the caller's
-- transaction, so a rollback gives the number back.
CREATE TABLE fed_streams (
	destination TEXT   NOT NULL,
	stream      TEXT   NOT NULL,
	seq         BIGINT NOT NULL,
	PRIMARY KEY (destination, stream)
);

-- The outbox: envelopes waiting for the peer (hop) they are handed to to
-- acknowledge them. pos is the queue order. Payload and signature are kept
-- byte for byte, as signed.
CREATE TABLE fed_outbox (
	pos         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	hop         TEXT    NOT NULL,
	origin      TEXT    NOT NULL,
	destination TEXT    NOT NULL,
	stream      TEXT    NOT NULL,
	seq         BIGINT  NOT NULL,
	id          TEXT    NOT NULL,
	kind        TEXT    NOT NULL,
	schema      INTEGER NOT NULL,
	created     BIGINT  NOT NULL,
	payload     BYTEA   NOT NULL,
	sig         BYTEA   NOT NULL,
	queued      BIGINT  NOT NULL
);
CREATE UNIQUE INDEX fed_outbox_stream ON fed_outbox (hop, origin, destination, stream, seq);
CREATE INDEX fed_outbox_queue ON fed_outbox (hop, pos);

-- The inbox: the highest sequence number applied (or relayed) per incoming
-- stream, written in the same transaction as the effect.
CREATE TABLE fed_inbox (
	origin      TEXT   NOT NULL,
	destination TEXT   NOT NULL,
	stream      TEXT   NOT NULL,
	seq         BIGINT NOT NULL,
	updated     BIGINT NOT NULL,
	PRIMARY KEY (origin, destination, stream)
);

-- Refused envelopes, in both directions, for the peer health page.
CREATE TABLE fed_refused (
	pos         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	direction   TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
	peer        TEXT    NOT NULL,
	envelope    TEXT    NOT NULL,
	origin      TEXT    NOT NULL,
	destination TEXT    NOT NULL,
	stream      TEXT    NOT NULL,
	seq         BIGINT  NOT NULL,
	kind        TEXT    NOT NULL,
	reason      TEXT    NOT NULL,
	detail      TEXT    NOT NULL,
	consumed    BOOLEAN NOT NULL,
	time        BIGINT  NOT NULL
);
CREATE INDEX fed_refused_peer ON fed_refused (peer, time, pos);
CREATE INDEX fed_refused_direction ON fed_refused (peer, direction);

-- Nodes a peer announced: their Ed25519 key (base64), the units they own
-- (comma-separated) and the peer envelopes for them go through.
CREATE TABLE fed_known_nodes (
	id         TEXT   PRIMARY KEY,
	public_key TEXT   NOT NULL,
	units      TEXT   NOT NULL,
	via        TEXT   NOT NULL,
	announced  BIGINT NOT NULL
);

-- Signed audit checkpoints of other nodes, held as their witness.
CREATE TABLE fed_witnessed (
	origin   TEXT   NOT NULL,
	size     BIGINT NOT NULL,
	note     BYTEA  NOT NULL,
	received BIGINT NOT NULL,
	PRIMARY KEY (origin, size)
);

-- Proofs that a node rewrote its audit history: one per origin and new size.
CREATE TABLE fed_forks (
	origin   TEXT   NOT NULL,
	old_size BIGINT NOT NULL,
	old_note BYTEA  NOT NULL,
	new_size BIGINT NOT NULL,
	new_note BYTEA  NOT NULL,
	detail   TEXT   NOT NULL,
	detected BIGINT NOT NULL,
	PRIMARY KEY (origin, new_size)
);

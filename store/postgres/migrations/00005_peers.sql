-- +goose Up
-- Federation peers: the nodes this node trusts, each with its Ed25519 public
-- key (base64) and its pinned TLS certificate (PEM).
CREATE TABLE peers (
	id         TEXT   PRIMARY KEY,
	url        TEXT   NOT NULL,
	public_key TEXT   NOT NULL,
	cert_pem   TEXT   NOT NULL,
	added      BIGINT NOT NULL
);

package sqlbase

import (
	"context"
	"encoding/base64"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
)

// federationRepo implements federation.Repo.
type federationRepo struct{ t *Tx }

func (r federationRepo) PutPeer(ctx context.Context, p federation.Peer) error {
	_, err := r.t.Exec(ctx, `INSERT INTO peers (id, url, public_key, cert_pem, units, added) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET url = excluded.url, public_key = excluded.public_key,
		cert_pem = excluded.cert_pem, units = excluded.units, added = excluded.added`,
		string(p.ID), p.URL, base64.StdEncoding.EncodeToString(p.PublicKey), string(p.CertPEM), strings.Join(p.Units, ","), Micros(p.Added))
	return wrap("put peer", err)
}

const peerColumns = `id, url, public_key, cert_pem, units, added`

func scanPeer(sc interface{ Scan(...any) error }) (federation.Peer, error) {
	var p federation.Peer
	var id, key, cert, units string
	var added int64
	if err := sc.Scan(&id, &p.URL, &key, &cert, &units, &added); err != nil {
		return p, err
	}
	if units != "" {
		p.Units = strings.Split(units, ",")
	}
	pub, err := federation.ParsePublicKey(key)
	if err != nil {
		return p, err
	}
	p.ID, p.PublicKey, p.CertPEM, p.Added = borderlink.NodeID(id), pub, []byte(cert), FromMicros(added)
	return p, nil
}

func (r federationRepo) Peer(ctx context.Context, id borderlink.NodeID) (federation.Peer, error) {
	p, err := scanPeer(r.t.QueryRow(ctx, `SELECT `+peerColumns+` FROM peers WHERE id = ?`, string(id)))
	if err != nil {
		err = r.t.Classify(err)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return p, borderlink.Errorf(borderlink.ENotFound, "error.unknown_peer", "no peer "+string(id), "id", string(id))
		}
		return p, wrap("peer", err)
	}
	return p, nil
}

func (r federationRepo) Peers(ctx context.Context) ([]federation.Peer, error) {
	rows, err := r.t.Query(ctx, `SELECT `+peerColumns+` FROM peers ORDER BY id`)
	if err != nil {
		return nil, wrap("peers", err)
	}
	defer rows.Close()
	var out []federation.Peer
	for rows.Next() {
		p, err := scanPeer(rows)
		if err != nil {
			return nil, wrap("peers", err)
		}
		out = append(out, p)
	}
	return out, wrap("peers", rows.Err())
}

func (r federationRepo) DeletePeer(ctx context.Context, id borderlink.NodeID) error {
	res, err := r.t.Exec(ctx, `DELETE FROM peers WHERE id = ?`, string(id))
	if err != nil {
		return wrap("delete peer", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return borderlink.Errorf(borderlink.ENotFound, "error.unknown_peer", "no peer "+string(id), "id", string(id))
	}
	return nil
}

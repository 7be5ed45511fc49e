package sqlbase

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
)

// federationRepo implements federation.Repo.
type federationRepo struct{ t *Tx }

var _ federation.Repo = federationRepo{}

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
	return queryAll(ctx, r.t, "peers", func(sc scanner) (federation.Peer, error) { return scanPeer(sc) },
		`SELECT `+peerColumns+` FROM peers ORDER BY id`)
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

// Delivery: streams, outbox, inbox, refusals, announced nodes and witnessed
// checkpoints (federation.DeliveryRepo).

func (r federationRepo) NextSeq(ctx context.Context, dest borderlink.NodeID, stream string) (int64, error) {
	// The upsert takes the stream's row lock on PostgreSQL until the end
	// of the transaction, so concurrent senders number one after the
	// other; SQLite has a single writer.
	var seq int64
	err := r.t.QueryRow(ctx, `INSERT INTO fed_streams (destination, stream, seq) VALUES (?, ?, 1)
		ON CONFLICT (destination, stream) DO UPDATE SET seq = fed_streams.seq + 1
		RETURNING seq`, string(dest), stream).Scan(&seq)
	if err != nil {
		return 0, wrap("next seq "+string(dest)+"/"+stream, r.t.Classify(err))
	}
	return seq, nil
}

func (r federationRepo) Enqueue(ctx context.Context, hop borderlink.NodeID, e federation.Envelope, queued time.Time) error {
	// ON CONFLICT DO NOTHING rather than a failing insert: a PostgreSQL
	// transaction stays usable after the EConflict (a relay ignores it).
	res, err := r.t.Exec(ctx, `INSERT INTO fed_outbox (hop, origin, destination, stream, seq, id, kind, schema,
			created, payload, sig, queued)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (hop, origin, destination, stream, seq) DO NOTHING`,
		string(hop), string(e.Origin), string(e.Destination), e.Stream, e.Seq, e.ID, e.Kind, e.Schema,
		Micros(e.Created), nonNilBytes(e.Payload), nonNilBytes(e.Sig), Micros(queued))
	op := fmt.Sprintf("enqueue %s seq %d to %s", e.Stream, e.Seq, hop)
	if err != nil {
		return wrap(op, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return wrap(op, err)
	} else if n == 0 {
		return borderlink.Errorf(borderlink.EConflict, "error.conflict",
			fmt.Sprintf("the outbox to %s holds %s/%s/%s seq %d already", hop, e.Origin, e.Destination, e.Stream, e.Seq))
	}
	return nil
}

// nonNilBytes keeps NOT NULL byte columns from receiving NULL for an empty value.
func nonNilBytes(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

func (r federationRepo) Pending(ctx context.Context, hop borderlink.NodeID, limit int) ([]federation.Envelope, error) {
	q, args := limitOffset(`SELECT id, origin, destination, stream, seq, kind, schema, created, payload, sig
		FROM fed_outbox WHERE hop = ? ORDER BY pos`, []any{string(hop)}, limit, 0)
	return queryAll(ctx, r.t, "pending to "+string(hop), scanEnvelope, q, args...)
}

func scanEnvelope(sc scanner) (federation.Envelope, error) {
	var e federation.Envelope
	var origin, dest string
	var created int64
	var payload []byte
	if err := sc.Scan(&e.ID, &origin, &dest, &e.Stream, &e.Seq, &e.Kind, &e.Schema, &created, &payload, &e.Sig); err != nil {
		return e, err
	}
	e.Origin, e.Destination, e.Created, e.Payload = borderlink.NodeID(origin), borderlink.NodeID(dest), FromMicros(created), payload
	return e, nil
}

func (r federationRepo) Dequeue(ctx context.Context, hop borderlink.NodeID, s federation.StreamKey, upTo int64) (int, error) {
	res, err := r.t.Exec(ctx, `DELETE FROM fed_outbox
		WHERE hop = ? AND origin = ? AND destination = ? AND stream = ? AND seq <= ?`,
		string(hop), string(s.Origin), string(s.Destination), s.Stream, upTo)
	if err != nil {
		return 0, wrap("dequeue to "+string(hop), err)
	}
	n, err := res.RowsAffected()
	return int(n), wrap("dequeue to "+string(hop), err)
}

func (r federationRepo) DeleteQueued(ctx context.Context, hop borderlink.NodeID, s federation.StreamKey, seq int64) error {
	res, err := r.t.Exec(ctx, `DELETE FROM fed_outbox
		WHERE hop = ? AND origin = ? AND destination = ? AND stream = ? AND seq = ?`,
		string(hop), string(s.Origin), string(s.Destination), s.Stream, seq)
	op := fmt.Sprintf("delete queued %s seq %d to %s", s.Stream, seq, hop)
	if err != nil {
		return wrap(op, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return wrap(op, err)
	} else if n == 0 {
		return borderlink.Errorf(borderlink.ENotFound, "error.not_found",
			fmt.Sprintf("the outbox to %s holds no %s/%s/%s seq %d", hop, s.Origin, s.Destination, s.Stream, seq))
	}
	return nil
}

func (r federationRepo) QueueStats(ctx context.Context, hop borderlink.NodeID) (federation.QueueStats, error) {
	var n int
	var oldest sql.NullInt64
	err := r.t.QueryRow(ctx, `SELECT COUNT(*), MIN(queued) FROM fed_outbox WHERE hop = ?`, string(hop)).Scan(&n, &oldest)
	if err != nil {
		return federation.QueueStats{}, wrap("queue stats "+string(hop), r.t.Classify(err))
	}
	return federation.QueueStats{Len: n, Oldest: FromNullMicros(oldest)}, nil
}

func (r federationRepo) LockInbox(ctx context.Context, s federation.StreamKey) (int64, error) {
	op := "lock inbox " + streamName(s)
	if r.t.Engine() != "postgres" {
		// SQLite's single writer holds every stream already.
		return r.InboxSeq(ctx, s)
	}
	// The row must exist for FOR UPDATE to hold the stream: a concurrent
	// first insert waits here for the other transaction to end.
	if _, err := r.t.Exec(ctx, `INSERT INTO fed_inbox (origin, destination, stream, seq, updated) VALUES (?, ?, ?, 0, 0)
		ON CONFLICT (origin, destination, stream) DO NOTHING`, string(s.Origin), string(s.Destination), s.Stream); err != nil {
		return 0, wrap(op, err)
	}
	var seq int64
	err := r.t.QueryRow(ctx, `SELECT seq FROM fed_inbox WHERE origin = ? AND destination = ? AND stream = ? FOR UPDATE`,
		string(s.Origin), string(s.Destination), s.Stream).Scan(&seq)
	if err != nil {
		return 0, wrap(op, r.t.Classify(err))
	}
	return seq, nil
}

func (r federationRepo) SetInbox(ctx context.Context, s federation.StreamKey, seq int64, at time.Time) error {
	_, err := r.t.Exec(ctx, `INSERT INTO fed_inbox (origin, destination, stream, seq, updated) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (origin, destination, stream) DO UPDATE SET seq = excluded.seq, updated = excluded.updated`,
		string(s.Origin), string(s.Destination), s.Stream, seq, Micros(at))
	return wrap("set inbox "+streamName(s), err)
}

func (r federationRepo) InboxSeq(ctx context.Context, s federation.StreamKey) (int64, error) {
	var seq int64
	err := r.t.QueryRow(ctx, `SELECT seq FROM fed_inbox WHERE origin = ? AND destination = ? AND stream = ?`,
		string(s.Origin), string(s.Destination), s.Stream).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, wrap("inbox "+streamName(s), r.t.Classify(err))
	}
	return seq, nil
}

func streamName(s federation.StreamKey) string {
	return string(s.Origin) + "/" + string(s.Destination) + "/" + s.Stream
}

func (r federationRepo) InsertRefused(ctx context.Context, f federation.Refused) error {
	_, err := r.t.Exec(ctx, `INSERT INTO fed_refused (direction, peer, envelope, origin, destination, stream, seq,
			kind, reason, detail, consumed, time)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.Direction, string(f.Peer), f.Envelope, string(f.Origin), string(f.Destination), f.Stream, f.Seq,
		f.Kind, f.Reason, f.Detail, f.Consumed, Micros(f.Time))
	return wrap("insert refused "+f.Envelope, err)
}

func (r federationRepo) Refusals(ctx context.Context, peer borderlink.NodeID, limit int) ([]federation.Refused, error) {
	q, args := limitOffset(`SELECT direction, peer, envelope, origin, destination, stream, seq, kind, reason, detail, consumed, time
		FROM fed_refused WHERE peer = ? ORDER BY time DESC, pos DESC`, []any{string(peer)}, limit, 0)
	return queryAll(ctx, r.t, "refusals "+string(peer), scanRefused, q, args...)
}

func scanRefused(sc scanner) (federation.Refused, error) {
	var f federation.Refused
	var p, origin, dest string
	var at int64
	if err := sc.Scan(&f.Direction, &p, &f.Envelope, &origin, &dest, &f.Stream, &f.Seq, &f.Kind, &f.Reason,
		&f.Detail, &f.Consumed, &at); err != nil {
		return f, err
	}
	f.Peer, f.Origin, f.Destination, f.Time = borderlink.NodeID(p), borderlink.NodeID(origin), borderlink.NodeID(dest), FromMicros(at)
	return f, nil
}

func (r federationRepo) CountRefused(ctx context.Context, peer borderlink.NodeID, direction string) (int, error) {
	var n int
	err := r.t.QueryRow(ctx, `SELECT COUNT(*) FROM fed_refused WHERE peer = ? AND direction = ?`, string(peer), direction).Scan(&n)
	if err != nil {
		return 0, wrap("count refused "+string(peer), r.t.Classify(err))
	}
	return n, nil
}

func (r federationRepo) PutKnownNode(ctx context.Context, n federation.KnownNode) error {
	_, err := r.t.Exec(ctx, `INSERT INTO fed_known_nodes (id, public_key, units, via, announced) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET public_key = excluded.public_key, units = excluded.units,
		via = excluded.via, announced = excluded.announced`,
		string(n.ID), base64.StdEncoding.EncodeToString(n.PublicKey), strings.Join(n.Units, ","), string(n.Via), Micros(n.Announced))
	return wrap("put known node "+string(n.ID), err)
}

func scanKnownNode(sc interface{ Scan(...any) error }) (federation.KnownNode, error) {
	var n federation.KnownNode
	var id, key, units, via string
	var announced int64
	if err := sc.Scan(&id, &key, &units, &via, &announced); err != nil {
		return n, err
	}
	pub, err := base64.StdEncoding.DecodeString(key)
	if err != nil {
		return n, fmt.Errorf("known node %s: public key: %w", id, err)
	}
	if units != "" {
		n.Units = strings.Split(units, ",")
	}
	n.ID, n.PublicKey, n.Via, n.Announced = borderlink.NodeID(id), ed25519.PublicKey(pub), borderlink.NodeID(via), FromMicros(announced)
	return n, nil
}

func (r federationRepo) KnownNode(ctx context.Context, id borderlink.NodeID) (federation.KnownNode, error) {
	n, err := scanKnownNode(r.t.QueryRow(ctx, `SELECT id, public_key, units, via, announced FROM fed_known_nodes WHERE id = ?`, string(id)))
	if err != nil {
		err = r.t.Classify(err)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return n, borderlink.Errorf(borderlink.ENotFound, "error.not_found", "no known node "+string(id), "id", string(id))
		}
		return n, wrap("known node "+string(id), err)
	}
	return n, nil
}

func (r federationRepo) KnownNodes(ctx context.Context) ([]federation.KnownNode, error) {
	return queryAll(ctx, r.t, "known nodes", func(sc scanner) (federation.KnownNode, error) { return scanKnownNode(sc) },
		`SELECT id, public_key, units, via, announced FROM fed_known_nodes ORDER BY id`)
}

func (r federationRepo) PutWitnessed(ctx context.Context, w federation.Witnessed) error {
	res, err := r.t.Exec(ctx, `INSERT INTO fed_witnessed (origin, size, note, received) VALUES (?, ?, ?, ?)
		ON CONFLICT (origin, size) DO NOTHING`, string(w.Origin), w.Size, nonNilBytes(w.Note), Micros(w.Received))
	op := fmt.Sprintf("put witnessed %s size %d", w.Origin, w.Size)
	if err != nil {
		return wrap(op, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return wrap(op, err)
	} else if n == 0 {
		return borderlink.Errorf(borderlink.EConflict, "error.conflict",
			fmt.Sprintf("a checkpoint of %s of size %d is held already", w.Origin, w.Size))
	}
	return nil
}

func (r federationRepo) WitnessedAt(ctx context.Context, origin borderlink.NodeID, size int64) (federation.Witnessed, error) {
	return r.witnessed(ctx, fmt.Sprintf("witnessed %s size %d", origin, size),
		`SELECT origin, size, note, received FROM fed_witnessed WHERE origin = ? AND size = ?`, string(origin), size)
}

func (r federationRepo) LatestWitnessed(ctx context.Context, origin borderlink.NodeID) (federation.Witnessed, error) {
	return r.witnessed(ctx, "latest witnessed "+string(origin),
		`SELECT origin, size, note, received FROM fed_witnessed WHERE origin = ? ORDER BY size DESC LIMIT 1`, string(origin))
}

func (r federationRepo) witnessed(ctx context.Context, op, q string, args ...any) (federation.Witnessed, error) {
	var w federation.Witnessed
	var origin string
	var received int64
	if err := r.t.QueryRow(ctx, q, args...).Scan(&origin, &w.Size, &w.Note, &received); err != nil {
		return federation.Witnessed{}, wrap(op, r.t.Classify(err))
	}
	w.Origin, w.Received = borderlink.NodeID(origin), FromMicros(received)
	return w, nil
}

func (r federationRepo) InsertFork(ctx context.Context, f federation.Fork) error {
	_, err := r.t.Exec(ctx, `INSERT INTO fed_forks (origin, old_size, old_note, new_size, new_note, detail, detected)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (origin, new_size) DO NOTHING`,
		string(f.Origin), f.OldSize, nonNilBytes(f.OldNote), f.NewSize, nonNilBytes(f.NewNote), f.Detail, Micros(f.Detected))
	return wrap(fmt.Sprintf("insert fork %s size %d", f.Origin, f.NewSize), err)
}

func (r federationRepo) Forks(ctx context.Context, origin borderlink.NodeID) ([]federation.Fork, error) {
	return queryAll(ctx, r.t, "forks "+string(origin), func(sc scanner) (federation.Fork, error) {
		var f federation.Fork
		var o string
		var detected int64
		if err := sc.Scan(&o, &f.OldSize, &f.OldNote, &f.NewSize, &f.NewNote, &f.Detail, &detected); err != nil {
			return f, err
		}
		f.Origin, f.Detected = borderlink.NodeID(o), FromMicros(detected)
		return f, nil
	}, `SELECT origin, old_size, old_note, new_size, new_note, detail, detected
		FROM fed_forks WHERE origin = ? ORDER BY detected, new_size`, string(origin))
}

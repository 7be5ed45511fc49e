package federation_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/federation/transport"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
)

// Kinds the test nodes register.
const (
	noteKind     = "test.note"        // releasable; Apply records an audit entry
	privateKind  = "test.private"     // registered, not releasable
	domesticKind = "treatment.record" // domestic by law; Apply records an audit entry
	noteAction   = "test.note"        // audit action of an applied note
	domAction    = "test.domestic"    // audit action of an applied domestic record
	noteMax      = 2048               // MaxPayload of noteKind
)

// start is when every test clock starts.
var start = time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)

type note struct {
	Text string `json:"text"`
}

// nodeOptions change the node newNode builds.
type nodeOptions struct {
	Run        bool          // run the senders (Service.Run)
	Witness    time.Duration // Options.WitnessEvery; 0 disables witnessing
	MaxBatch   int
	NoteSchema int // schema version of noteKind; default 1
	Units      []string
	Clock      *borderlink.FakeClock // default: a clock of its own at start
	// Wrap, when set, wraps the federation handler the node serves.
	Wrap func(http.Handler) http.Handler
	// Tamper installs a client that lets the test alter the batches this
	// node posts (tnode.tamper).
	Tamper bool
}

// tnode is one test node: its own SQLite file, identity key, TLS
// certificate, audit log, peers, federation service, mutual-TLS listener on
// loopback and (optionally) its senders. Stop and start reopen all of it on
// the same file and address.
type tnode struct {
	tb      testing.TB
	ID      borderlink.NodeID
	Key     ed25519.PrivateKey
	Cert    tls.Certificate
	CertPEM []byte
	Clock   *borderlink.FakeClock
	Metrics *prometheus.Registry
	opts    nodeOptions
	path    string
	addr    string

	// applyHook, when set, runs after a note's effect is written, inside
	// the transaction; an error from it is Apply's error.
	applyHook atomic.Pointer[func(federation.Envelope) error]
	// tamper, when set, alters each batch this node posts (Tamper option).
	tamper atomic.Pointer[func(*federation.Batch)]

	St    store.Store
	DB    federation.DB
	Log   *audit.Log
	Peers *federation.Peers
	Svc   *federation.Service
	stop  func()
}

func testLogger() *slog.Logger {
	if os.Getenv("BORDERLINK_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

// newNode builds and starts node id; it stops with the test.
func newNode(tb testing.TB, id borderlink.NodeID, o nodeOptions) *tnode {
	tb.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	cert, certPEM := newCert(tb, id)
	if o.Clock == nil {
		o.Clock = borderlink.NewFakeClock(start)
	}
	if o.NoteSchema == 0 {
		o.NoteSchema = 1
	}
	n := &tnode{tb: tb, ID: id, Key: key, Cert: cert, CertPEM: certPEM, Clock: o.Clock, Metrics: prometheus.NewRegistry(),
		opts: o, path: filepath.Join(tb.TempDir(), string(id)+".db"), addr: "127.0.0.1:0"}
	n.start()
	tb.Cleanup(n.Stop)
	return n
}

// newCert returns a self-signed TLS certificate for a node on loopback.
func newCert(tb testing.TB, id borderlink.NodeID) (tls.Certificate, []byte) {
	tb.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: string(id)},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		tb.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: k},
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// start opens the node's store and starts its service, listener and
// senders.
func (n *tnode) start() {
	tb := n.tb
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	st, err := sqlite.Open(ctx, n.path)
	if err != nil {
		cancel()
		tb.Fatal(err)
	}
	fail := func(err error) {
		cancel()
		st.Close()
		tb.Fatal(err)
	}
	n.St, n.DB = st, store.Domain[federation.Tx]{S: st}
	if n.Log, err = audit.NewLog(n.ID, n.Key, n.Clock); err != nil {
		fail(err)
	}
	n.Peers = federation.NewPeers(n.DB, n.Log, n.ID, n.Clock)
	reg := &federation.Registry{}
	for _, k := range []federation.Kind{
		{Name: noteKind, Schema: n.opts.NoteSchema, Releasable: true, MaxPayload: noteMax, Apply: n.applyNote},
		{Name: privateKind, Schema: 1, Apply: n.applyRecord(domAction)},
		{Name: domesticKind, Schema: 1, Apply: n.applyRecord(domAction)},
	} {
		if err := reg.Register(k); err != nil {
			fail(err)
		}
	}
	witness := n.opts.Witness
	if witness == 0 {
		witness = -1
	}
	o := federation.Options{Self: n.ID, Key: n.Key, Cert: n.Cert, DB: n.DB, Peers: n.Peers, Registry: reg, Log: n.Log,
		Clock: n.Clock, Logger: testLogger(), Metrics: n.Metrics, MaxBatch: n.opts.MaxBatch,
		MinBackoff: 2 * time.Millisecond, MaxBackoff: 50 * time.Millisecond, Poll: 20 * time.Millisecond, WitnessEvery: witness}
	if n.opts.Tamper {
		o.Client = n.tamperingClient
	}
	if n.Svc, err = federation.NewService(o); err != nil {
		fail(err)
	}
	ln, err := listen(n.addr)
	if err != nil {
		fail(err)
	}
	n.addr = ln.Addr().String()
	h := n.Svc.Handler()
	if n.opts.Wrap != nil {
		h = n.opts.Wrap(h)
	}
	srv := &transport.Server{Self: n.ID, Cert: n.Cert, Peers: n.Peers, Clock: n.Clock, Log: testLogger(), Handler: h}
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := srv.Serve(ctx, ln); err != nil && ctx.Err() == nil {
			tb.Errorf("%s: serve: %v", n.ID, err)
		}
	})
	if n.opts.Run {
		svc := n.Svc
		wg.Go(func() {
			if err := svc.Run(ctx); err != nil {
				tb.Errorf("%s: run: %v", n.ID, err)
			}
		})
	}
	n.stop = func() {
		cancel()
		wg.Wait()
		if err := st.Close(); err != nil {
			tb.Errorf("%s: close store: %v", n.ID, err)
		}
	}
}

// listen listens on addr, retrying for a while when a restarted node finds
// its port not yet free.
func listen(addr string) (net.Listener, error) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		ln, err := net.Listen("tcp", addr)
		if err == nil || time.Now().After(deadline) {
			return ln, err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop stops the node and closes its store; it may be called again.
func (n *tnode) Stop() {
	if n.stop != nil {
		n.stop()
		n.stop = nil
	}
}

// Restart stops the node and opens it again on the same file and address.
func (n *tnode) Restart() {
	n.tb.Helper()
	n.Stop()
	n.start()
}

// URL is the address of the node's federation listener.
func (n *tnode) URL() string { return "https://" + n.addr }

// asPeer describes n as a peer reached at url.
func (n *tnode) asPeer(url string) federation.Peer {
	return federation.Peer{ID: n.ID, URL: url, PublicKey: n.Key.Public().(ed25519.PublicKey), CertPEM: n.CertPEM, Units: n.opts.Units}
}

// addPeer makes p a peer of n, reached at url.
func (n *tnode) addPeer(p *tnode, url string) {
	n.tb.Helper()
	if err := n.Peers.Add(context.Background(), "admin", "test", p.asPeer(url)); err != nil {
		n.tb.Fatal(err)
	}
	n.Svc.Kick(p.ID)
}

// connect makes a and b peers of each other, directly.
func connect(a, b *tnode) {
	a.tb.Helper()
	a.addPeer(b, b.URL())
	b.addPeer(a, a.URL())
}

// applyNote is the Apply of noteKind: it records the note in the audit log
// inside the receiving transaction, so the effect commits or rolls back
// with the applied sequence number.
func (n *tnode) applyNote(ctx context.Context, txAny any, e federation.Envelope) error {
	tx, ok := txAny.(federation.Tx)
	if !ok {
		return fmt.Errorf("transaction is %T", txAny)
	}
	var p note
	if err := json.Unmarshal(e.Payload, &p); err != nil {
		return federation.Reject(federation.ReasonPayload, err.Error())
	}
	err := n.Log.Record(ctx, tx.Audit(), audit.Entry{Actor: "peer:" + string(e.Origin), Action: noteAction,
		ObjectType: "envelope", ObjectID: fmt.Sprintf("%s/%s/%d", e.Origin, e.Stream, e.Seq), Source: "test",
		Outcome: audit.OutcomeOK, Detail: p.Text})
	if err != nil {
		return err
	}
	if h := n.applyHook.Load(); h != nil {
		return (*h)(e)
	}
	return nil
}

// applyRecord is the Apply of kinds that must never be applied: it leaves
// a trace if one is.
func (n *tnode) applyRecord(action string) func(context.Context, any, federation.Envelope) error {
	return func(ctx context.Context, txAny any, e federation.Envelope) error {
		return n.Log.Record(ctx, txAny.(federation.Tx).Audit(), audit.Entry{Actor: "peer:" + string(e.Origin), Action: action,
			ObjectType: "envelope", ObjectID: e.ID, Source: "test", Outcome: audit.OutcomeOK})
	}
}

func (n *tnode) setApplyHook(f func(federation.Envelope) error) {
	if f == nil {
		n.applyHook.Store(nil)
		return
	}
	n.applyHook.Store(&f)
}

func (n *tnode) setTamper(f func(*federation.Batch)) {
	if f == nil {
		n.tamper.Store(nil)
		return
	}
	n.tamper.Store(&f)
}

// tamperingClient is the pinned mutual-TLS client, with a hook that lets a
// test alter the batches this node posts: a compromised relay.
func (n *tnode) tamperingClient(p federation.Peer) (*http.Client, error) {
	c, err := federation.PinnedClient(n.Cert, p)
	if err != nil {
		return nil, err
	}
	c.Transport = &tamperTransport{base: c.Transport, n: n}
	return c, nil
}

type tamperTransport struct {
	base http.RoundTripper
	n    *tnode
}

func (t *tamperTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f := t.n.tamper.Load()
	if f == nil || r.Method != http.MethodPost || r.Body == nil {
		return t.base.RoundTrip(r)
	}
	body, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		return nil, err
	}
	var b federation.Batch
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, err
	}
	(*f)(&b)
	if body, err = json.Marshal(b); err != nil {
		return nil, err
	}
	r2 := r.Clone(r.Context())
	r2.Body, r2.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	r2.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return t.base.RoundTrip(r2)
}

// send sends one note per text to dest, each in a transaction of its own,
// and kicks the sender.
func (n *tnode) send(dest borderlink.NodeID, texts ...string) []federation.Envelope {
	n.tb.Helper()
	var out []federation.Envelope
	for _, text := range texts {
		err := n.DB.Update(context.Background(), func(tx federation.Tx) error {
			e, err := n.Svc.Send(context.Background(), tx.Federation(), dest, noteKind, note{Text: text})
			out = append(out, e)
			return err
		})
		if err != nil {
			n.tb.Fatalf("%s: send to %s: %v", n.ID, dest, err)
		}
	}
	n.Svc.Kick(dest)
	return out
}

// sendAll sends one note per text to dest in a single transaction.
func (n *tnode) sendAll(dest borderlink.NodeID, texts ...string) {
	n.tb.Helper()
	err := n.DB.Update(context.Background(), func(tx federation.Tx) error {
		for _, text := range texts {
			if _, err := n.Svc.Send(context.Background(), tx.Federation(), dest, noteKind, note{Text: text}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		n.tb.Fatalf("%s: send to %s: %v", n.ID, dest, err)
	}
	n.Svc.Kick(dest)
}

// texts returns n texts named prefix-1 … prefix-n.
func texts(prefix string, from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, prefix+"-"+strconv.Itoa(i))
	}
	return out
}

// appliedNote is a note applied on a node, read back from its audit log.
type appliedNote struct {
	Origin borderlink.NodeID
	Stream string
	Seq    int64
	Text   string
}

// notes returns the notes applied on n, in the order they were applied.
func (n *tnode) notes() []appliedNote {
	n.tb.Helper()
	var out []appliedNote
	for _, e := range n.entries(noteAction) {
		parts := strings.Split(e.ObjectID, "/")
		seq, err := strconv.ParseInt(parts[len(parts)-1], 10, 64)
		if len(parts) != 3 || err != nil {
			n.tb.Fatalf("bad note entry %q", e.ObjectID)
		}
		out = append(out, appliedNote{Origin: borderlink.NodeID(parts[0]), Stream: parts[1], Seq: seq, Text: e.Detail})
	}
	return out
}

// notesFrom returns the notes applied on n that origin sent.
func (n *tnode) notesFrom(origin borderlink.NodeID) []appliedNote {
	n.tb.Helper()
	var out []appliedNote
	for _, a := range n.notes() {
		if a.Origin == origin {
			out = append(out, a)
		}
	}
	return out
}

// entries returns the audit entries of n with the given action, in log
// order ("" for all).
func (n *tnode) entries(action string) []audit.Entry {
	n.tb.Helper()
	var out []audit.Entry
	err := n.St.View(context.Background(), func(tx store.Tx) error {
		return tx.Audit().ScanEntries(context.Background(), 0, math.MaxInt64, func(e audit.Entry) error {
			if action == "" || e.Action == action {
				out = append(out, e)
			}
			return nil
		})
	})
	if err != nil {
		n.tb.Fatal(err)
	}
	return out
}

// logSize is the number of entries in n's audit log.
func (n *tnode) logSize() int64 {
	n.tb.Helper()
	var size int64
	err := n.St.View(context.Background(), func(tx store.Tx) (err error) {
		size, err = tx.Audit().Head(context.Background())
		return err
	})
	if err != nil {
		n.tb.Fatal(err)
	}
	return size
}

// checkNotes fails unless the notes applied on n from origin are exactly
// want, in order, numbered from firstSeq without a gap.
func checkNotes(tb testing.TB, n *tnode, origin borderlink.NodeID, firstSeq int64, want []string) {
	tb.Helper()
	got := n.notesFrom(origin)
	if len(got) != len(want) {
		tb.Fatalf("%s applied %d notes from %s, want %d", n.ID, len(got), origin, len(want))
	}
	for i, g := range got {
		if g.Text != want[i] || g.Seq != firstSeq+int64(i) || g.Stream != federation.MainStream {
			tb.Fatalf("%s: note %d from %s is %q seq %d stream %s, want %q seq %d", n.ID, i, origin, g.Text, g.Seq, g.Stream, want[i], firstSeq+int64(i))
		}
	}
}

// queue describes n's outbox towards hop.
func (n *tnode) queue(hop borderlink.NodeID) federation.QueueStats {
	n.tb.Helper()
	var st federation.QueueStats
	err := n.DB.View(context.Background(), func(tx federation.Tx) (err error) {
		st, err = tx.Federation().QueueStats(context.Background(), hop)
		return err
	})
	if err != nil {
		n.tb.Fatal(err)
	}
	return st
}

// pending returns n's outbox towards hop.
func (n *tnode) pending(hop borderlink.NodeID) []federation.Envelope {
	n.tb.Helper()
	var out []federation.Envelope
	err := n.DB.View(context.Background(), func(tx federation.Tx) (err error) {
		out, err = tx.Federation().Pending(context.Background(), hop, 0)
		return err
	})
	if err != nil {
		n.tb.Fatal(err)
	}
	return out
}

// applied is the highest sequence number n applied (or relayed) of a
// stream.
func (n *tnode) applied(origin, dest borderlink.NodeID) int64 {
	n.tb.Helper()
	seq, err := n.Svc.Applied(context.Background(), federation.StreamKey{Origin: origin, Destination: dest, Stream: federation.MainStream})
	if err != nil {
		n.tb.Fatal(err)
	}
	return seq
}

// health returns what n reports about peer.
func (n *tnode) health(peer borderlink.NodeID) federation.PeerHealth {
	n.tb.Helper()
	hs, err := n.Svc.Health(context.Background())
	if err != nil {
		n.tb.Fatal(err)
	}
	for _, h := range hs {
		if h.Peer == peer {
			return h
		}
	}
	n.tb.Fatalf("%s reports no health of %s", n.ID, peer)
	return federation.PeerHealth{}
}

// knows reports whether id is an announced node on n.
func (n *tnode) knows(id borderlink.NodeID) bool {
	n.tb.Helper()
	var found bool
	err := n.DB.View(context.Background(), func(tx federation.Tx) error {
		_, err := tx.Federation().KnownNode(context.Background(), id)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return nil
		}
		found = err == nil
		return err
	})
	if err != nil {
		n.tb.Fatal(err)
	}
	return found
}

// drain delivers n's outbox towards hop by hand until it is empty.
func (n *tnode) drain(hop borderlink.NodeID) {
	n.tb.Helper()
	eventually(n.tb, fmt.Sprintf("%s to drain its outbox to %s", n.ID, hop), func() bool {
		if _, err := n.Svc.Deliver(context.Background(), hop); err != nil {
			n.tb.Logf("deliver %s → %s: %v", n.ID, hop, err)
		}
		return n.queue(hop).Len == 0
	})
}

// envelope returns an envelope of kind from n to dest, numbered seq in the
// main stream, created now and signed by n.
func (n *tnode) envelope(dest borderlink.NodeID, seq int64, kind string, payload any) federation.Envelope {
	n.tb.Helper()
	body, err := json.Marshal(payload)
	if err != nil {
		n.tb.Fatal(err)
	}
	e := federation.Envelope{ID: borderlink.NewID(), Origin: n.ID, Destination: dest, Stream: federation.MainStream, Seq: seq,
		Kind: kind, Schema: 1, Created: n.Clock.Now(), Payload: body}
	e.Sign(n.Key)
	return e
}

// post hands a batch from node from to node to over mutual TLS, as a
// sender does, and returns the status and the answer.
func post(tb testing.TB, from, to *tnode, envs ...federation.Envelope) (int, federation.Answer) {
	tb.Helper()
	return postRaw(tb, from, to, false, envs...)
}

// postRaw is post; with raw, the payloads go on the wire byte for byte as
// they are in envs, where encoding/json would compact them.
func postRaw(tb testing.TB, from, to *tnode, raw bool, envs ...federation.Envelope) (int, federation.Answer) {
	tb.Helper()
	c, err := federation.PinnedClient(from.Cert, to.asPeer(to.URL()))
	if err != nil {
		tb.Fatal(err)
	}
	defer c.CloseIdleConnections()
	wire := slices.Clone(envs)
	for i := range wire {
		if raw {
			wire[i].Payload = json.RawMessage(fmt.Sprintf(`"@payload-%d@"`, i))
		}
	}
	body, err := json.Marshal(federation.Batch{Envelopes: wire})
	if err != nil {
		tb.Fatal(err)
	}
	for i := range wire {
		if raw {
			body = bytes.Replace(body, fmt.Appendf(nil, `"@payload-%d@"`, i), envs[i].Payload, 1)
		}
	}
	res, err := c.Post(to.URL()+federation.EnvelopesPath, "application/json", bytes.NewReader(body))
	if err != nil {
		tb.Fatalf("post %s → %s: %v", from.ID, to.ID, err)
	}
	defer res.Body.Close()
	var ans federation.Answer
	if res.StatusCode == http.StatusOK {
		if err := json.NewDecoder(res.Body).Decode(&ans); err != nil {
			tb.Fatal(err)
		}
	}
	return res.StatusCode, ans
}

// ackOf returns the acknowledged sequence of a stream in an answer, or -1.
func ackOf(a federation.Answer, origin, dest borderlink.NodeID) int64 {
	for _, k := range a.Acks {
		if k.Origin == origin && k.Destination == dest && k.Stream == federation.MainStream {
			return k.Seq
		}
	}
	return -1
}

// eventually waits until cond holds, failing the test after a generous
// deadline. It never asserts how long anything took.
func eventually(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// metric returns the value of the counter or gauge name with the given
// label pairs in reg, 0 when it has not been set.
func metric(tb testing.TB, reg *prometheus.Registry, name string, labels ...string) float64 {
	tb.Helper()
	fams, err := reg.Gather()
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() != name {
			continue
		}
	next:
		for _, m := range f.GetMetric() {
			have := map[string]string{}
			for _, l := range m.GetLabel() {
				have[l.GetName()] = l.GetValue()
			}
			for i := 0; i+1 < len(labels); i += 2 {
				if have[labels[i]] != labels[i+1] {
					continue next
				}
			}
			switch {
			case m.GetCounter() != nil:
				return m.GetCounter().GetValue()
			case m.GetGauge() != nil:
				return m.GetGauge().GetValue()
			}
		}
	}
	return 0
}

// Metric names.
const (
	mRefused   = "borderlink_federation_envelopes_refused_total"
	mSendFail  = "borderlink_federation_send_refused_total"
	mReceived  = "borderlink_federation_envelopes_received_total"
	mDelivered = "borderlink_federation_envelopes_delivered_total"
	mPeerRef   = "borderlink_federation_envelopes_refused_by_peer_total"
	mErrors    = "borderlink_federation_delivery_errors_total"
	mForks     = "borderlink_federation_audit_forks_total"
	mQueue     = "borderlink_federation_queue_envelopes"
	mLag       = "borderlink_federation_lag_seconds"
)

// rejection returns err's *Rejection, failing the test when it has none.
func rejection(tb testing.TB, err error) *federation.Rejection {
	tb.Helper()
	var r *federation.Rejection
	if !errors.As(err, &r) {
		tb.Fatalf("error %v is not a rejection", err)
	}
	return r
}

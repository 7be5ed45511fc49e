package hotline_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/hotline/forms"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
	"github.com/borderlink/borderlink/units"
)

const (
	self borderlink.NodeID = "vn.mps" // the node under test: the Vietnamese ministry
	lao  borderlink.NodeID = "la.mps" // its peer, which never answers
)

// start is 10:00 on 10 March 2026 at the border.
var start = time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC)

// env is one node with the reference and demo units, a real SQLite store,
// a federation service whose outbox nothing drains, and the hotline.
type env struct {
	t     *testing.T
	ctx   context.Context
	st    store.Store
	clock *borderlink.FakeClock
	units *units.Service
	fed   *federation.Service
	svc   *hotline.Service
}

type envOptions struct {
	noPeer     bool                  // no peer serves the Lao units
	validate   hotline.FormValidator // instead of forms.Check
	translator hotline.Translator
}

func newEnv(t *testing.T, o envOptions) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "vn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	clock := borderlink.NewFakeClock(start)
	log, err := audit.NewLog(self, key, clock)
	if err != nil {
		t.Fatal(err)
	}
	us := units.NewService(store.Domain[units.Tx]{S: st}, log, clock)
	if err := us.Seed(ctx, units.SeedOptions{Demo: true}); err != nil {
		t.Fatal(err)
	}
	fdb := store.Domain[federation.Tx]{S: st}
	peers := federation.NewPeers(fdb, log, self, clock)
	if !o.noPeer {
		pub, _, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		err = peers.Add(ctx, "test", "cli", federation.Peer{ID: lao, URL: "https://127.0.0.1:1", PublicKey: pub,
			CertPEM: certPEM(t, lao), Units: []string{"LA-MPS"}})
		if err != nil {
			t.Fatal(err)
		}
	}
	fed, err := federation.NewService(federation.Options{Self: self, Key: key, DB: fdb, Peers: peers, Log: log, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	opts := hotline.Options{DB: store.Domain[hotline.Tx]{S: st}, Log: log, Units: us, Outbox: fed, Self: self,
		Own: []string{"VN-MPS"}, Clock: clock, Lang: borderlink.LangVI, Translator: o.translator}
	if o.validate != nil {
		opts.Validate = o.validate
	} else {
		opts.CheckForm = func(typ string, fields map[string]any, at time.Time) (map[string]any, error) {
			return forms.Check(typ, fields, forms.Options{UnitExists: us.Tree().Exists, Now: at, Country: "VN"})
		}
	}
	svc, err := hotline.NewService(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(svc.Close)
	if err := svc.RegisterKinds(fed.Registry()); err != nil {
		t.Fatal(err)
	}
	return &env{t: t, ctx: ctx, st: st, clock: clock, units: us, fed: fed, svc: svc}
}

// certPEM returns a self-signed certificate for a peer.
func certPEM(t *testing.T, id borderlink.NodeID) []byte {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: string(id)},
		NotBefore: start.Add(-time.Hour), NotAfter: start.Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// user returns the principal of a signed-in user with one grant.
func user(name string, role auth.Role, unit string) auth.Principal {
	return auth.Principal{UserID: "id-" + name, Username: name, DisplayName: "Đ/c " + name, Lang: borderlink.LangVI,
		Grants: []auth.Grant{{Role: role, Unit: unit}}, Via: auth.ViaSession}
}

// The people of the tests.
var (
	hung   = user("hung", auth.RoleOfficer, "VN-11")         // province officer, Điện Biên
	thanh  = user("thanh", auth.RoleCommander, "VN-11")      // province commander
	tuan   = user("tuan", auth.RoleOfficer, "VN-11-C001")    // commune officer, Mường Nhé
	chien  = user("chien", auth.RoleCommander, "VN-11-C001") // commune commander
	son    = user("son", auth.RoleOfficer, "VN-14")          // officer of another province, Sơn La
	lan    = user("lan", auth.RoleOfficer, "VN-MPS")         // ministry officer
	minh   = user("minh", auth.RoleCommander, "VN-MPS")      // ministry commander
	an     = user("an", auth.RoleAnalyst, "VN-11")           // no hotline rights
	system = auth.System("cli")
)

func (e *env) send(p auth.Principal, nm hotline.NewMessage) hotline.Message {
	e.t.Helper()
	m, err := e.svc.Send(e.ctx, p, nm)
	if err != nil {
		e.t.Fatalf("Send by %s: %v", p.Username, err)
	}
	return m
}

func (e *env) message(p auth.Principal, id string) hotline.Message {
	e.t.Helper()
	m, err := e.svc.Message(e.ctx, p, id)
	if err != nil {
		e.t.Fatalf("Message by %s: %v", p.Username, err)
	}
	return m
}

// record returns a message as stored.
func (e *env) record(id string) hotline.Record {
	e.t.Helper()
	var r hotline.Record
	err := e.st.View(e.ctx, func(tx store.Tx) (err error) { r, err = tx.Hotline().Message(e.ctx, id, ""); return err })
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

func (e *env) receipts(id string) []hotline.Receipt {
	e.t.Helper()
	var out []hotline.Receipt
	err := e.st.View(e.ctx, func(tx store.Tx) (err error) { out, err = tx.Hotline().Receipts(e.ctx, id); return err })
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

// stored counts every message on the node.
func (e *env) stored() int {
	e.t.Helper()
	var n int
	err := e.st.View(e.ctx, func(tx store.Tx) (err error) {
		_, n, err = tx.Hotline().FindMessages(e.ctx, hotline.Query{Scope: hotline.Scope{All: true}, Limit: 1})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// outbox returns the envelopes waiting for the Lao node, of kind when kind
// is set.
func (e *env) outbox(kind string) []federation.Envelope {
	e.t.Helper()
	var all []federation.Envelope
	err := e.st.View(e.ctx, func(tx store.Tx) (err error) { all, err = tx.Federation().Pending(e.ctx, lao, 0); return err })
	if err != nil {
		e.t.Fatal(err)
	}
	var out []federation.Envelope
	for _, env := range all {
		if kind == "" || env.Kind == kind {
			out = append(out, env)
		}
	}
	return out
}

// entries returns the audit entries of action about object.
func (e *env) entries(action, object string) []audit.Entry {
	e.t.Helper()
	all, err := audit.Entries(e.ctx, store.Domain[audit.Tx]{S: e.st}, 0, 1<<40)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []audit.Entry
	for _, en := range all {
		if en.Action == action && (object == "" || en.ObjectID == object) {
			out = append(out, en)
		}
	}
	return out
}

// fromLaos applies, as the Lao node would deliver it, an envelope of kind
// with payload.
func (e *env) fromLaos(kind string, payload any) error {
	e.t.Helper()
	body, err := json.Marshal(payload)
	if err != nil {
		e.t.Fatal(err)
	}
	k, ok := e.fed.Registry().Lookup(kind)
	if !ok {
		e.t.Fatalf("kind %s is not registered", kind)
	}
	env := federation.Envelope{ID: borderlink.NewID(), Origin: lao, Destination: self, Stream: federation.MainStream,
		Seq: 1, Kind: kind, Schema: 1, Created: e.clock.Now(), Payload: body}
	return e.st.Update(e.ctx, func(tx store.Tx) error { return k.Apply(e.ctx, tx, env) })
}

// laoMessage applies a message written in Laos from unit from to unit to,
// and returns its id.
func (e *env) laoMessage(from, to string, priority hotline.Priority, handling hotline.Handling) string {
	e.t.Helper()
	id := borderlink.NewID()
	now := e.clock.Now()
	err := e.fromLaos(hotline.KindMessage, map[string]any{
		"id": id, "thread_id": id, "channel_id": hotline.ChannelID(from, to), "from_unit": from, "to_unit": to,
		"author": "somphone", "author_name": "ທ້າວ ສົມພອນ", "priority": priority, "handling": handling,
		"subject": "ແຈ້ງການລົດບັນທຸກຕ້ອງສົງໄສ", "body": "ລົດບັນທຸກ ປ້າຍ ກຂ 1234 ຈະຂ້າມດ່ານຄືນນີ້.", "lang": "lo",
		"created": now, "deadline": now.Add(hotline.DefaultDeadlines[priority]),
	})
	if err != nil {
		e.t.Fatalf("apply a Lao message: %v", err)
	}
	return id
}

// wantError fails unless err carries code and catalogue key.
func wantError(t *testing.T, what string, err error, code, key string) {
	t.Helper()
	e := borderlink.AsError(err)
	if e == nil {
		t.Errorf("%s: no error, want %s %s", what, code, key)
		return
	}
	if e.Code != code || e.Key != key {
		t.Errorf("%s: %s %s (%v), want %s %s", what, e.Code, e.Key, err, code, key)
	}
}

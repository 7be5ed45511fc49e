package treatment_test

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/sealed"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
	"github.com/borderlink/borderlink/treatment"
	"github.com/borderlink/borderlink/units"

	_ "modernc.org/sqlite" // to change the database file behind the store's back
)

// now is the time of every test: 20 November 2026.
var now = time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)

// The people of the tests. Mường Nhé commune (VN-11-C001) of Điện Biên
// (VN-11) keeps the records; Nà Lay (VN-11-C002) is the next commune.
var (
	officer      = domaintest.User("hoa", auth.RoleTreatment, "VN-11-C001")
	neighbour    = domaintest.User("tuan", auth.RoleTreatment, "VN-11-C002")
	province     = domaintest.User("binh", auth.RoleTreatment, "VN-11")
	analyst      = domaintest.User("mai", auth.RoleAnalyst, "VN-11")
	farAnalyst   = domaintest.User("lan", auth.RoleAnalyst, "VN-14")
	investigator = domaintest.User("hung", auth.RoleInvestigator, "VN-11")
)

// node is a node's treatment register on a real SQLite file, with its key
// file in the test's folder. t is nil in benchmarks.
type node struct {
	tb      testing.TB
	t       *testing.T
	ctx     context.Context
	st      store.Store
	log     *audit.Log
	tree    *units.Tree
	dbPath  string
	keyPath string
	keys    *sealed.KeyRing
	clock   *borderlink.FakeClock
	svc     *treatment.Service
}

// newNode opens a node for a test or a benchmark: its store, a signed
// audit log, the built-in units and a new key file.
func newNode(tb testing.TB) *node {
	tb.Helper()
	dir := tb.TempDir()
	n := &node{tb: tb, ctx: context.Background(), clock: borderlink.NewFakeClock(now), dbPath: filepath.Join(dir, "treatment.db"),
		keyPath: filepath.Join(dir, sealed.KeyFileName)}
	n.t, _ = tb.(*testing.T)
	st, errStore := sqlite.Open(n.ctx, n.dbPath)
	if errStore == nil {
		n.st = st
		tb.Cleanup(func() { st.Close() })
	}
	log, errLog := audit.NewLog("vn.mps", ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)), n.clock)
	data, errUnits := units.BuiltIn(true)
	keys, errKeys := sealed.CreateKeyFile(n.keyPath)
	if errKeys == nil {
		tb.Cleanup(keys.Close)
	}
	if err := errors.Join(errStore, errLog, errUnits, errKeys); err != nil {
		tb.Fatal(err)
	}
	n.log, n.tree, n.keys = log, units.NewTree(data), keys
	n.svc = n.service(n.keys)
	return n
}

// service returns the register of n opened with keys.
func (n *node) service(keys *sealed.KeyRing) *treatment.Service {
	n.tb.Helper()
	svc, err := treatment.NewService(treatment.Options{DB: store.Domain[treatment.Tx]{S: n.st}, Log: n.log,
		Units: domaintest.TreeOf{T: n.tree}, Self: "vn.mps", Country: "VN", Keys: keys, Clock: n.clock})
	if err != nil {
		n.tb.Fatal(err)
	}
	return svc
}

// fileBytes returns what the database files of n hold: the database and
// its write-ahead log, where recent pages live until a checkpoint.
func (n *node) fileBytes() []byte {
	n.tb.Helper()
	var out []byte
	for _, f := range []string{n.dbPath, n.dbPath + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			n.tb.Fatal(err)
		}
		out = append(out, b...)
	}
	if len(out) == 0 {
		n.tb.Fatal("no database file")
	}
	return out
}

// auditSize returns how many entries the audit log holds.
func (n *node) auditSize() int64 { return domaintest.AuditSize(n.t, n.ctx, n.st) }

// entries returns the audit entries f selects, newest first.
func (n *node) entries(f audit.Filter) []audit.Entry { return domaintest.Entries(n.t, n.ctx, n.st, f) }

// addCasePerson stores a person of origin's case file.
func (n *node) addCasePerson(id string, origin borderlink.NodeID, birth string) {
	n.t.Helper()
	err := n.st.Update(n.ctx, func(tx store.Tx) error {
		return tx.Cases().PutPerson(n.ctx, cases.PersonRecord{Person: cases.Person{ID: id, Origin: origin, OwnerUnit: "VN-11",
			Name: "Giàng A Páo", Birth: birth, Sex: cases.SexMale, Aliases: []string{}, Documents: []cases.Document{},
			Phones: []string{}, Addresses: []cases.Address{}, Created: now, Updated: now}, Scope: "/VN-MPS/VN-11/"})
	})
	if err != nil {
		n.t.Fatal(err)
	}
}

// day parses a date written in a test.
func day(s string) borderlink.Date { return domaintest.Day(s) }

// chu is the person of the story, as the officer describes him.
func chu() treatment.Person {
	return treatment.Person{Name: "Lầu Văn Chứ", Birth: "1991-08-14", Sex: "m", IDNumber: "011091012345",
		Address: "Bản Huổi Lếch, xã Mường Nhé, tỉnh Điện Biên"}
}

// positive is a positive urine test on d.
func positive(d string) treatment.Test {
	return treatment.Test{Date: day(d), Method: treatment.MethodUrine, Substances: []string{"heroin", "METH_TABLET"},
		Result: treatment.ResultPositive}
}

// register registers a person named name at unit after a positive test,
// failing the test on an error.
func (n *node) register(p auth.Principal, unit, name string) treatment.Record {
	n.tb.Helper()
	person := chu()
	person.Name = name
	r, err := n.svc.Register(n.ctx, p, treatment.NewRecord{OwnerUnit: unit, Person: person,
		Tests: []treatment.Test{positive("2025-02-03")}})
	if err != nil {
		n.tb.Fatal(err)
	}
	return r
}

// copySealed overwrites the sealed field of record to with that of record
// from, straight in the database file, as someone holding the file could.
func copySealed(t *testing.T, n *node, from, to, field string) {
	t.Helper()
	db, err := sql.Open("sqlite", n.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.Exec(`UPDATE treatment_sealed SET value = (SELECT value FROM treatment_sealed WHERE record_id = ? AND field = ?)
		WHERE record_id = ? AND field = ?`, from, field, to, field)
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := res.RowsAffected(); k != 1 {
		t.Fatalf("copied %d values", k)
	}
}

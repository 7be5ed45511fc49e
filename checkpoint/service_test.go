package checkpoint_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/sqlite"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

var now = time.Date(2026, 12, 4, 2, 0, 0, 0, time.UTC)

// env is a node's store, audit log and screening service over a real
// SQLite file.
type env struct {
	t      testing.TB
	ctx    context.Context
	path   string
	st     store.Store
	log    *audit.Log
	svc    *checkpoint.Service
	wanted []checkpoint.Wanted
}

func newEnv(t testing.TB, path string, wanted ...checkpoint.Wanted) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	log, err := audit.NewLog("la.mps", key, fixedClock{now})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, ctx: ctx, path: path, st: st, log: log, wanted: wanted}
	e.svc, err = checkpoint.NewService(checkpoint.Options{DB: store.Domain[checkpoint.Tx]{S: st}, Log: log,
		Clock: fixedClock{now}, Wanted: func(context.Context) ([]checkpoint.Wanted, error) { return e.wanted, nil }})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	return e
}

var (
	officer      = auth.Principal{Username: "bounmy", Grants: []auth.Grant{{Role: auth.RoleOfficer, Unit: "LA-07"}}}
	investigator = auth.Principal{Username: "khamla", Grants: []auth.Grant{{Role: auth.RoleInvestigator, Unit: "LA-MPS"}}}
	analyst      = auth.Principal{Username: "analyst", Grants: []auth.Grant{{Role: auth.RoleAnalyst, Unit: "LA-MPS"}}}
)

func (e *env) screen(p auth.Principal, q checkpoint.Query) checkpoint.Result {
	e.t.Helper()
	r, err := e.svc.Screen(e.ctx, p, q)
	if err != nil {
		e.t.Fatalf("screen %+v: %v", q, err)
	}
	return r
}

func (e *env) audit(action string) []audit.Entry {
	e.t.Helper()
	es, _, err := audit.List(e.ctx, store.Domain[audit.Tx]{S: e.st}, audit.Filter{Action: action, Limit: audit.MaxLimit})
	if err != nil {
		e.t.Fatal(err)
	}
	return es
}

func ids(r checkpoint.Result) []string {
	var out []string
	for _, c := range r.Candidates {
		out = append(out, c.Kind+":"+c.List+":"+c.ID)
	}
	return out
}

const redList = `id,name,alt_names,dob,document,nationality
R-001,Nguyễn Văn Long,Long Nguyen;ຫງວຽນ ວັນ ລອງ,1984-03,B1234567,VN
R-002,Souksavanh Phommachanh,Suksavan Phommachan;ສຸກສະຫວັນ ພົມມະຈັນ,1979,P0112233,LA
R-003,,,1990,,VN
R-004,Trần Thị Mai,,1990-13-01,,VN
R-001,Lê Văn Hùng,,1970,,VN
R-006,Vongdala Sengthong,,1988-05-12,,Lao
R-007,ຄຳKham,,,,LA
"R-008,Broken quote
R-009,Bouasone Keomany,,1992,,LA
`

func TestLoadListReportsBadRowsAndScreensTheRest(t *testing.T) {
	e := newEnv(t, filepath.Join(t.TempDir(), "la.db"))
	rep, err := e.svc.LoadList(e.ctx, investigator, checkpoint.LoadInput{ListID: "red", Name: "Red notices", File: "red.csv", Data: []byte(redList)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Loaded != 3 || rep.Rejected < 5 {
		t.Fatalf("loaded %d, rejected %d, want 3 loaded and the bad rows rejected; problems %+v", rep.Loaded, rep.Rejected, rep.Problems)
	}
	var cols []string
	for _, p := range rep.Problems {
		if p.Line == 0 || p.Err == nil || p.Err.Key == "" {
			t.Errorf("problem without a line or a key: %+v", p)
		}
		cols = append(cols, p.Column)
	}
	for _, want := range []string{"name", "dob", "id", "nationality", ""} {
		if !slices.Contains(cols, want) {
			t.Errorf("no problem reported in column %s: %+v", want, rep.Problems)
		}
	}
	// The list's own ids answer, in every script and spelling.
	for _, q := range []string{"Nguyen Van Long", "long nguyen", "ຫງວຽນ ວັນ ລອງ", "NGUYỄN VĂN LONG"} {
		r := e.screen(officer, checkpoint.Query{Name: q})
		if !r.Hit || r.Candidates[0].ID != "R-001" || r.Candidates[0].List != "red" || r.Candidates[0].ListName != "Red notices" {
			t.Errorf("%q: got %v (hit %v), want a hit on red R-001", q, ids(r), r.Hit)
		}
	}
	r := e.screen(officer, checkpoint.Query{Name: "ສຸກສະຫວັນ ພົມມະຈັນ", DOB: "1979"})
	if !r.Hit || r.Candidates[0].ID != "R-002" || r.Candidates[0].DOB != "1979" || r.Candidates[0].Documents[0] != "P0112233" {
		t.Errorf("Lao script: %+v", r)
	}
	if r := e.screen(officer, checkpoint.Query{Document: "p 011-2233"}); len(r.Candidates) == 0 || r.Candidates[0].ID != "R-002" {
		t.Errorf("document only: %v", ids(r))
	}
	if r := e.screen(officer, checkpoint.Query{Name: "Lê Văn Hùng"}); r.Hit {
		t.Errorf("a rejected row (duplicate id) answers: %v", ids(r))
	}

	// The list survives a restart: a new service over the same file.
	e.st.Close()
	e2 := newEnv(t, e.path)
	if got := e2.svc.Lists(); len(got) != 1 || got[0].Entries != 3 || got[0].Rejected != rep.Rejected || got[0].LoadedBy != "khamla" {
		t.Fatalf("lists after restart: %+v", got)
	}
	if r := e2.screen(officer, checkpoint.Query{Name: "Bouasone Keomany"}); !r.Hit || r.Candidates[0].ID != "R-009" {
		t.Errorf("after restart: %v", ids(r))
	}

	// Loading again replaces the list: R-009 is gone, R-010 is new.
	rep, err = e2.svc.LoadList(e2.ctx, investigator, checkpoint.LoadInput{ListID: "red",
		Data: []byte("\xEF\xBB\xBFname,id\nPhonesavanh Inthavong,R-010\nNguyễn Văn Long,R-001\n")})
	if err != nil || rep.Replaced != 3 || rep.Loaded != 2 {
		t.Fatalf("reload: %+v, %v", rep, err)
	}
	if r := e2.screen(officer, checkpoint.Query{Name: "Bouasone Keomany"}); len(r.Candidates) != 0 {
		t.Errorf("a replaced entry still answers: %v", ids(r))
	}
	if r := e2.screen(officer, checkpoint.Query{Name: "Phonesavan Inthavong"}); !r.Hit || r.Candidates[0].ID != "R-010" {
		t.Errorf("new entry: %v", ids(r))
	}
	if len(e2.audit("screen.list_load")) != 2 {
		t.Errorf("list loads audited: %d entries in this log, want 1 here and 1 before", len(e2.audit("screen.list_load")))
	}

	// Deleting it takes every entry out.
	if err := e2.svc.DeleteList(e2.ctx, investigator, "red"); err != nil {
		t.Fatal(err)
	}
	if r := e2.screen(officer, checkpoint.Query{Name: "Nguyen Van Long"}); len(r.Candidates) != 0 {
		t.Errorf("deleted list answers: %v", ids(r))
	}
	if err := e2.svc.DeleteList(e2.ctx, investigator, "red"); !borderlink.IsCode(err, borderlink.ENotFound) {
		t.Errorf("deleting twice: %v", err)
	}
}

func TestBadListFilesLoadNothing(t *testing.T) {
	e := newEnv(t, filepath.Join(t.TempDir(), "la.db"))
	if _, err := e.svc.LoadList(e.ctx, investigator, checkpoint.LoadInput{ListID: "red", Data: []byte(redList)}); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		id   string
		data string
		key  string
	}{
		"no header":      {"red", "R-1,Nguyen Van A\n", "error.list_header"},
		"binary":         {"red", "\x00\x01\x02PK\x03\x04", "error.list_encoding"},
		"latin1":         {"red", "id,name\n1,Nguy\xe9n\n", "error.list_encoding"},
		"empty":          {"red", "  \n", "error.list_empty"},
		"header only":    {"red", "id,name,dob\n", "error.list_empty"},
		"every row bad":  {"red", "id,name,dob\n1,,1990\n2,Kham,19x0\n", "error.list_no_entries"},
		"duplicate cols": {"red", "id,name,name\n1,a,b\n", "error.list_header_dup"},
		"bad list id":    {"Red List", "id,name\n1,Kham\n", "error.list_id"},
	} {
		_, err := e.svc.LoadList(e.ctx, investigator, checkpoint.LoadInput{ListID: tc.id, Data: []byte(tc.data)})
		if be := borderlink.AsError(err); err == nil || be.Code != borderlink.EInvalid || be.Key != tc.key {
			t.Errorf("%s: got %v, want EInvalid %s", name, err, tc.key)
		}
	}
	// The list loaded first is intact.
	if r := e.screen(officer, checkpoint.Query{Name: "Nguyen Van Long"}); !r.Hit {
		t.Errorf("a failed load changed the list: %v", ids(r))
	}
	if got := e.svc.Lists(); len(got) != 1 || got[0].Entries != 3 {
		t.Errorf("lists: %+v", got)
	}
	failed := 0
	for _, a := range e.audit("screen.list_load") {
		if a.Outcome == audit.OutcomeFailed {
			failed++
		}
	}
	if failed < 7 {
		t.Errorf("failed loads audited: %d", failed)
	}
	// Someone without screen.lists may not load.
	_, err := e.svc.LoadList(e.ctx, officer, checkpoint.LoadInput{ListID: "blue", Data: []byte(redList)})
	if !borderlink.IsCode(err, borderlink.EForbidden) {
		t.Errorf("officer loads a list: %v", err)
	}
}

func TestWantedNoticesAndAudit(t *testing.T) {
	long := checkpoint.Wanted{ID: "w-1", Origin: "vn.mps", IssuingUnit: "VN-40", Status: checkpoint.StatusActive,
		Names: []string{"Nguyễn Văn Long", "Long Nguyen"}, DOB: "1984-03-02", Documents: []string{"C0456789"}, Nationality: "VN",
		Danger: []string{"armed"}}
	gone := checkpoint.Wanted{ID: "w-2", Origin: "vn.mps", Status: "withdrawn", Names: []string{"Phạm Minh Tuấn"}}
	e := newEnv(t, filepath.Join(t.TempDir(), "la.db"), long, gone)

	r := e.screen(officer, checkpoint.Query{Name: "ຫງວຽນ ວັນ ລອງ", DOB: "1984"})
	if !r.Hit || r.Candidates[0].Kind != checkpoint.KindWanted || r.Candidates[0].ID != "w-1" ||
		r.Candidates[0].Status != "active" || r.Candidates[0].Danger[0] != "armed" || r.Candidates[0].Origin != "vn.mps" {
		t.Fatalf("Lao script against a Vietnamese notice: %+v", r)
	}
	if !slices.Contains(r.Candidates[0].Reasons, "dob_year") {
		t.Errorf("reasons %v lack dob_year", r.Candidates[0].Reasons)
	}
	if r := e.screen(officer, checkpoint.Query{Name: "Pham Minh Tuan"}); len(r.Candidates) != 0 {
		t.Errorf("a withdrawn notice answers: %v", ids(r))
	}

	// A change of status takes the notice out of screening; a new notice
	// comes in at once.
	long.Status = "arrested"
	if err := e.svc.PutWanted(long); err != nil {
		t.Fatal(err)
	}
	if r := e.screen(officer, checkpoint.Query{Name: "Nguyen Van Long"}); len(r.Candidates) != 0 {
		t.Errorf("an arrested person still answers: %v", ids(r))
	}
	if err := e.svc.PutWanted(checkpoint.Wanted{ID: "w-3", Status: checkpoint.StatusLocated, Names: []string{"Vilay Sisouphanh"}}); err != nil {
		t.Fatal(err)
	}
	if r := e.screen(officer, checkpoint.Query{Name: "sisouphan vilai"}); !r.Hit || r.Candidates[0].ID != "w-3" {
		t.Errorf("a new notice: %v", ids(r))
	}
	if sz := e.svc.Size(); sz.Wanted != 1 || sz.Entries != 1 {
		t.Errorf("size %+v, want one screened notice", sz)
	}

	// Every screening is audited with the name and the outcome; a bad
	// query of a batch gets its error and the others their answers.
	rs, err := e.svc.ScreenBatch(e.ctx, officer, []checkpoint.Query{{Name: "Vilay Sisouphanh"}, {Name: "Kham\x07"}, {Name: "Unknown Person"}})
	if err != nil {
		t.Fatal(err)
	}
	if !rs[0].Hit || rs[1].Err == nil || borderlink.AsError(rs[1].Err).Key != "error.screen_control" || len(rs[2].Candidates) != 0 {
		t.Errorf("batch: %+v", rs)
	}
	es := e.audit("screen.run")
	if len(es) != 7 {
		t.Fatalf("%d screenings audited, want 7", len(es))
	}
	// Newest first.
	if !strings.Contains(es[0].Detail, `"Unknown Person"`) || !strings.Contains(es[0].Detail, "no candidate") ||
		es[0].Actor != "bounmy" || es[0].ActorUnit != "LA-07" {
		t.Errorf("audit of a miss: %+v", es[0])
	}
	if es[1].Outcome != audit.OutcomeFailed || !strings.Contains(es[2].Detail, "HIT: wanted w-3") || es[2].ObjectID != "w-3" {
		t.Errorf("audit of a bad query and a hit: %+v / %+v", es[1], es[2])
	}
	if _, err := e.svc.Screen(e.ctx, analyst, checkpoint.Query{Name: "Vilay"}); !borderlink.IsCode(err, borderlink.EForbidden) {
		t.Errorf("an analyst screens: %v", err)
	}
	if d := e.audit("screen.run"); len(d) != 8 || d[0].Outcome != audit.OutcomeDenied {
		t.Errorf("refusal not audited: %+v", d[0])
	}
	for _, q := range []checkpoint.Query{{}, {Name: strings.Repeat("a", 300)}, {Name: "Kham ຄຳa"}, {Name: "Kham", DOB: "1990-02-30"}} {
		if _, err := e.svc.Screen(e.ctx, officer, q); !borderlink.IsCode(err, borderlink.EInvalid) {
			t.Errorf("%+v: %v, want EInvalid", q, err)
		}
	}
	if _, err := e.svc.ScreenBatch(e.ctx, officer, make([]checkpoint.Query, checkpoint.MaxBatch+1)); !borderlink.IsCode(err, borderlink.EInvalid) {
		t.Errorf("a batch too large: %v", err)
	}
}

// TestNoticeFirstAmongNamesakes: a list holding more people of the same
// common name than an answer holds still leaves the wanted notice first.
func TestNoticeFirstAmongNamesakes(t *testing.T) {
	e := newEnv(t, filepath.Join(t.TempDir(), "la.db"),
		checkpoint.Wanted{ID: "w-long", Status: checkpoint.StatusActive, Names: []string{"Nguyễn Văn Long"}, DOB: "1984-03-02"})
	var b strings.Builder
	b.WriteString("id,name\n")
	for i := range 30 {
		fmt.Fprintf(&b, "L-%02d,Nguyễn Văn Long\n", i)
	}
	if _, err := e.svc.LoadList(e.ctx, investigator, checkpoint.LoadInput{ListID: "big", Data: []byte(b.String())}); err != nil {
		t.Fatal(err)
	}
	r := e.screen(officer, checkpoint.Query{Name: "ຫງວຽນ ວັນ ລອງ", Limit: 5})
	if len(r.Candidates) != 5 || r.Candidates[0].ID != "w-long" || r.Candidates[1].Kind != checkpoint.KindList {
		t.Errorf("got %v, want the notice first and four list entries", ids(r))
	}
}

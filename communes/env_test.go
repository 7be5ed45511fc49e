package communes_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/communes"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/units"
)

// now is the time of every test node.
var now = time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)

// env is one node's programme on its own SQLite file.
type env struct {
	domaintest.Env
	svc *communes.Service
}

func newEnv(t *testing.T, self borderlink.NodeID, country string, tree *units.Tree) *env {
	t.Helper()
	e := domaintest.New(t, self, borderlink.NewFakeClock(now))
	if tree == nil {
		tree = e.Tree
	}
	svc, err := communes.NewService(communes.Options{DB: store.Domain[communes.Tx]{S: e.Store}, Log: e.Log,
		Units: domaintest.TreeOf{T: tree}, Country: country, Clock: borderlink.NewFakeClock(now)})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.EnsureCriteria(e.Ctx); err != nil {
		t.Fatal(err)
	}
	return &env{Env: e, svc: svc}
}

// allMet returns a result meeting every item of the built-in set of
// country, with evidence notes.
func allMet(country string) []communes.Result {
	c, _ := communes.BuiltInCriteria(country)
	var out []communes.Result
	for _, it := range c.Items {
		out = append(out, communes.Result{Code: it.Code, Met: true, Note: "Biên bản kiểm tra ngày 20/6"})
	}
	return out
}

// pdf is a document http.DetectContentType takes for a PDF.
var pdf = append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{'x'}, 200)...)

func day(s string) borderlink.Date { return domaintest.Day(s) }

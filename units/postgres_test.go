package units_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/testutil/pgtest"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/postgres"
	"github.com/borderlink/borderlink/units"
)

// TestPostgres runs a demo seed and an import on PostgreSQL and checks that
// they give the same directory as on SQLite.
func TestPostgres(t *testing.T) {
	ctx := context.Background()
	url := pgtest.MustCreateDatabase(t)
	st, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	lite := mustSeeded(t)
	svc := units.NewService(store.Domain[units.Tx]{S: st}, lite.log, nil)
	for range 2 {
		if err := svc.Seed(ctx, units.SeedOptions{Demo: true}); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*units.Service{lite.svc, svc} {
		if _, err := s.ImportCSV(ctx, "admin", strings.NewReader(goodCSV)); err != nil {
			t.Fatal(err)
		}
	}
	a, b := lite.svc.Tree(), svc.Tree()
	if !reflect.DeepEqual(a.Units(""), b.Units("")) || !reflect.DeepEqual(a.AllCounterparts(borderlink.Date{}), b.AllCounterparts(borderlink.Date{})) ||
		!reflect.DeepEqual(a.Levels("VN", borderlink.Date{}), b.Levels("VN", borderlink.Date{})) {
		t.Error("PostgreSQL and SQLite hold different directories")
	}
}

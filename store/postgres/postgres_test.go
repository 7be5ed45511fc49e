package postgres_test

import (
	"context"
	"testing"

	"github.com/borderlink/borderlink/internal/testutil/pgtest"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/internal/sqlbase"
	"github.com/borderlink/borderlink/store/postgres"
	"github.com/borderlink/borderlink/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, Opener())
}

// Opener opens stores in fresh PostgreSQL databases; it skips without
// BORDERLINK_TEST_POSTGRES.
func Opener() storetest.Opener {
	urls := map[store.Store]string{}
	open := func(tb testing.TB, url string) store.Store {
		tb.Helper()
		s, err := postgres.Open(context.Background(), url)
		if err != nil {
			tb.Fatal(err)
		}
		urls[s] = url
		tb.Cleanup(func() { s.Close() })
		return s
	}
	return storetest.Opener{
		Open: func(tb testing.TB) store.Store { return open(tb, pgtest.MustCreateDatabase(tb)) },
		Reopen: func(tb testing.TB, s store.Store) store.Store {
			url := urls[s]
			if err := s.Close(); err != nil {
				tb.Fatal(err)
			}
			return open(tb, url)
		},
		Tamper: func(tb testing.TB, s store.Store, q string, args ...any) {
			tb.Helper()
			db := s.(*sqlbase.DB)
			if _, err := db.Write.Exec(db.Dialect.Rebind(q), args...); err != nil {
				tb.Fatalf("tamper %q: %v", q, err)
			}
		},
	}
}

func TestBackupRefused(t *testing.T) {
	s := Opener().Open(t)
	if err := s.Backup(context.Background(), t.TempDir()+"/x"); err == nil {
		t.Fatal("PostgreSQL backup should be refused with a pointer to pg_dump")
	}
}

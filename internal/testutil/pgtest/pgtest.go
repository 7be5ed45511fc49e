// Package pgtest gives each test a fresh PostgreSQL database of its own.
//
// The server is the one named by BORDERLINK_TEST_POSTGRES. Without it the
// test is skipped, and the skip message says so, so that `go test ./...` on a
// machine with no PostgreSQL passes and reports what it did not run.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// EnvVar holds the URL of the PostgreSQL server tests may use.
const EnvVar = "BORDERLINK_TEST_POSTGRES"

// SkipMessage is what a skipped PostgreSQL test says.
const SkipMessage = "PostgreSQL tests skipped: set " + EnvVar + " to a server URL (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable) to run them"

// MustCreateDatabase creates an empty database for the test, drops it when the
// test ends, and returns its URL. It skips the test when EnvVar is unset.
func MustCreateDatabase(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(EnvVar)
	if base == "" {
		tb.Skip(SkipMessage)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("pgtest: open %s: %v", EnvVar, err)
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		tb.Fatal(err)
	}
	name := "bltest_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("pgtest: create database: %v", err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			tb.Logf("pgtest: drop %s: %v", name, err)
			return
		}
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Logf("pgtest: drop %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("pgtest: parse %s: %v", EnvVar, err)
	}
	u.Path = "/" + name
	return u.String()
}

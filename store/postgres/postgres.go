// Package postgres is the storage engine for nodes that outgrow one machine
// or need replicas and point-in-time recovery, through pgx's database/sql
// driver. Back it up with pg_dump (see docs/operations.md).
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"

	"github.com/borderlink/borderlink/store/internal/sqlbase"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open connects to the database at url (postgres://…) and applies any
// pending migrations.
func Open(ctx context.Context, url string) (*sqlbase.DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	db.SetMaxOpenConns(16)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: migrate: %w", err)
	}
	// PostgreSQL handles concurrent writers itself: one pool serves both.
	return &sqlbase.DB{Read: db, Write: db, Dialect: dialect}, nil
}

var dialect = &sqlbase.Dialect{
	Name:          "postgres",
	Numbered:      true,
	ViewIsolation: sql.LevelRepeatableRead,
	IsUnique:      func(err error) bool { return pgCode(err) == "23505" },
	IsForeignKey:  func(err error) bool { return pgCode(err) == "23503" },
}

func pgCode(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

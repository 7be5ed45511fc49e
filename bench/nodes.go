// Package bench measures whole flows of BorderLink on real nodes, for the
// `borderlink bench` command: two nodes initialised in a scratch directory
// (each on its own SQLite file, or on its own fresh PostgreSQL database),
// peered over mutual TLS 1.3 on loopback, driven through the same services
// the web pages and the API call. It prints figures; it asserts nothing, and
// tests never depend on its timings.
package bench

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/node"
)

// Engines the benchmarks run on.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// pair is a Vietnamese and a Lao node, peered, with their federation
// listeners on loopback.
type pair struct {
	vn, la *node.Node
	fed    map[*node.Node]*listener
	drop   []func()
}

// listener serves one node's federation endpoint and can be stopped and
// started again on the same address, which is how a benchmark cuts and
// restores the link.
type listener struct {
	n    *node.Node
	addr string
	mu   sync.Mutex
	stop context.CancelFunc
	done chan struct{}
}

func (l *listener) start() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stop != nil {
		return nil
	}
	ln, err := net.Listen("tcp", l.addr)
	if err != nil {
		return fmt.Errorf("bench: listen %s: %w", l.addr, err)
	}
	l.addr = ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	l.stop, l.done = cancel, make(chan struct{})
	go func() { l.n.ServeFederation(ctx, ln); close(l.done) }()
	return nil
}

func (l *listener) halt() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stop == nil {
		return
	}
	l.stop()
	<-l.done
	l.stop = nil
}

// newPair initialises both nodes under dir on engine. For PostgreSQL,
// pgURL names a server where two scratch databases are created (and
// dropped by close).
func newPair(ctx context.Context, dir, engine, pgURL string) (_ *pair, err error) {
	p := &pair{fed: map[*node.Node]*listener{}}
	defer func() {
		if err != nil {
			p.close()
		}
	}()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	open := func(id borderlink.NodeID, country string) (*node.Node, error) {
		cfg := config.Default()
		cfg.NodeID, cfg.Country, cfg.DataDir = id, country, filepath.Join(dir, engine, string(id))
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			return nil, err
		}
		if engine == Postgres {
			u, drop, err := scratchDatabase(ctx, pgURL)
			if err != nil {
				return nil, err
			}
			p.drop = append(p.drop, drop)
			cfg.Database = u
		}
		opts := node.Options{Logger: logger, Clock: borderlink.SystemClock{}}
		if _, err := node.Init(ctx, node.InitOptions{Config: cfg, AdminPassword: "bench-" + borderlink.NewID(), Options: opts}); err != nil {
			return nil, fmt.Errorf("bench: init %s: %w", id, err)
		}
		n, err := node.Open(ctx, cfg, opts)
		if err != nil {
			return nil, fmt.Errorf("bench: open %s: %w", id, err)
		}
		return n, nil
	}
	if p.vn, err = open("vn.mps", "VN"); err != nil {
		return p, err
	}
	if p.la, err = open("la.mps", "LA"); err != nil {
		return p, err
	}
	for _, n := range []*node.Node{p.vn, p.la} {
		l := &listener{n: n, addr: "127.0.0.1:0"}
		if err := l.start(); err != nil {
			return p, err
		}
		p.fed[n] = l
	}
	for _, pr := range [][2]*node.Node{{p.vn, p.la}, {p.la, p.vn}} {
		peer := pr[1].AsPeer()
		peer.URL = "https://" + p.fed[pr[1]].addr
		if err := pr[0].Peers.Add(ctx, "bench", "bench", peer); err != nil {
			return p, fmt.Errorf("bench: peer: %w", err)
		}
	}
	return p, nil
}

func (p *pair) close() {
	for _, l := range p.fed {
		l.halt()
	}
	for _, n := range []*node.Node{p.vn, p.la} {
		if n != nil {
			n.Close()
		}
	}
	for _, d := range p.drop {
		d()
	}
}

// scratchDatabase creates an empty database on the server of base and
// returns its URL and a function that drops it.
func scratchDatabase(ctx context.Context, base string) (string, func(), error) {
	if base == "" {
		return "", nil, errors.New("bench: PostgreSQL needs a server URL (--postgres)")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, fmt.Errorf("bench: PostgreSQL: %w", err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "blbench_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("bench: create database: %w", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("bench: PostgreSQL URL: %w", err)
	}
	u.Path = "/" + name
	drop := func() {
		admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		admin.Close()
	}
	return u.String(), drop, nil
}

// Package node assembles a BorderLink node from its data directory: it reads
// the configuration and identity, opens the store (SQLite or PostgreSQL),
// builds the services and serves the web interface, the JSON API, health
// checks and metrics.
package node

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/communes"
	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/i18n/translate"
	"github.com/borderlink/borderlink/internal/sealed"
	"github.com/borderlink/borderlink/plans"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/stats/importer"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/store/postgres"
	"github.com/borderlink/borderlink/store/sqlite"
	"github.com/borderlink/borderlink/treatment"
	"github.com/borderlink/borderlink/units"
	"github.com/borderlink/borderlink/wanted"
)

// ConfigFile is the configuration file inside a data directory.
const ConfigFile = "borderlink.toml"

// Node is one running node: its configuration, identity, store and services.
type Node struct {
	Config   config.Config
	Identity *Identity
	Store    store.Store
	Clock    borderlink.Clock
	Log      *slog.Logger
	Catalog  *i18n.Catalog
	Audit    *audit.Log
	Units    *units.Service
	Accounts *auth.Service
	Peers    *federation.Peers
	// Federation delivers envelopes to and from peers; Hotline is the
	// cross-border hotline built on it.
	Federation *federation.Service
	Hotline    *hotline.Service
	// Stats keeps the drug-enforcement figures and answers the dashboards;
	// Import reads spreadsheets of figures into it.
	Stats  *stats.Service
	Import *importer.Service
	// Cases keeps joint cases, their subjects, seizures and arrests.
	Cases *cases.Service
	// Wanted keeps wanted notices, sightings and hand-overs; see
	// OnWantedChange for following its changes.
	Wanted *wanted.Service
	// Communes runs the drug-free commune programme (domestic only).
	Communes *communes.Service
	// Plans keeps agreements, plans, tasks, conferences and targets.
	Plans *plans.Service
	// Screening checks names against wanted notices and watch lists.
	Screening *checkpoint.Service
	// Treatment keeps drug users' treatment records, domestic only, sealed
	// with the keys of TreatmentKeyFile (see node/treatment.go).
	Treatment     *treatment.Service
	treatmentKeys *sealed.KeyRing
	// Translator is the node's machine translation (the glossary, or the
	// configured service behind it), shared by the hotline and the pages.
	Translator translate.Translator

	metrics    *metrics
	wantedHook wantedHook
}

// Options change how a node is opened; the zero value is production.
type Options struct {
	Clock  borderlink.Clock // default: the system clock
	Logger *slog.Logger     // default: JSON to stderr at the configured level
}

// Open opens the node described by cfg (already validated): identity from
// the data directory, the store with its migrations applied, the services.
func Open(ctx context.Context, cfg config.Config, opts Options) (*Node, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if opts.Clock == nil {
		opts.Clock = borderlink.SystemClock{}
	}
	if opts.Logger == nil {
		opts.Logger = NewLogger(os.Stderr, cfg.LogLevel, cfg.LogFormat, string(cfg.NodeID))
	}
	id, err := loadIdentity(cfg.DataDir, cfg.NodeID, cfg.Country)
	if err != nil {
		return nil, err
	}
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	n, err := assemble(ctx, cfg, id, st, opts)
	if err != nil {
		st.Close()
		return nil, err
	}
	return n, nil
}

func assemble(ctx context.Context, cfg config.Config, id *Identity, st store.Store, opts Options) (*Node, error) {
	if err := checkOwner(ctx, st, cfg); err != nil {
		return nil, err
	}
	cat, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	n := &Node{Config: cfg, Identity: id, Store: st, Clock: opts.Clock, Log: opts.Logger, Catalog: cat, metrics: newMetrics()}
	if n.Audit, err = audit.NewLog(cfg.NodeID, id.Key, opts.Clock); err != nil {
		return nil, err
	}
	n.Units = units.NewService(store.Domain[units.Tx]{S: st}, n.Audit, opts.Clock)
	if err := n.Units.Load(ctx); err != nil {
		return nil, fmt.Errorf("node: load units: %w", err)
	}
	n.Accounts, err = auth.NewService(store.Domain[auth.Tx]{S: st}, n.Audit, n.Units, opts.Clock, auth.Options{
		SessionTTL:  cfg.SessionTTL,
		SessionIdle: cfg.SessionIdle,
		MaxFailures: cfg.LoginMaxFailures,
		Lockout:     cfg.Lockout,
		DefaultLang: cfg.Lang(),
	})
	if err != nil {
		return nil, err
	}
	n.Peers = federation.NewPeers(store.Domain[federation.Tx]{S: st}, n.Audit, cfg.NodeID, opts.Clock)
	if err := n.assembleExchange(cfg); err != nil {
		return nil, err
	}
	drugs, err := refdata.DrugTypes()
	if err != nil {
		return nil, err
	}
	n.Stats, err = stats.NewService(stats.Options{DB: store.Domain[stats.Tx]{S: st}, Log: n.Audit, Units: n.Units,
		Drugs: drugs, Self: cfg.NodeID, Country: cfg.Country, Clock: opts.Clock,
		ReleaseDB: store.Domain[stats.ReleaseTx]{S: st}, Outbox: n.Federation})
	if err != nil {
		return nil, err
	}
	if err := n.Stats.RegisterKinds(n.Federation.Registry()); err != nil {
		return nil, err
	}
	n.Import = &importer.Service{Stats: n.Stats, DB: store.Domain[stats.Tx]{S: st}, Log: n.Audit, Self: cfg.NodeID}
	if err := n.assembleCases(); err != nil {
		return nil, err
	}
	if err := n.assembleWanted(); err != nil {
		return nil, err
	}
	if err := n.assembleCheckpoint(ctx); err != nil {
		return nil, err
	}
	if err := n.assembleCommunes(ctx); err != nil {
		return nil, err
	}
	if err := n.assemblePlans(); err != nil {
		return nil, err
	}
	if err := n.assembleTreatment(ctx); err != nil {
		return nil, err
	}
	return n, nil
}

// checkOwner makes sure the database belongs to this node: a data directory
// pointed at another node's PostgreSQL database must not start.
func checkOwner(ctx context.Context, st store.Store, cfg config.Config) error {
	var owner string
	err := st.View(ctx, func(tx store.Tx) (err error) { owner, err = tx.Meta().Get(ctx, metaNodeID); return err })
	if err != nil {
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return borderlink.Errorf(borderlink.ENotFound, "error.not_initialised", "the database has no node: run borderlink init", "dir", cfg.DataDir)
		}
		return fmt.Errorf("node: read owner: %w", err)
	}
	if owner != string(cfg.NodeID) {
		return borderlink.Errorf(borderlink.EConflict, "error.wrong_node",
			fmt.Sprintf("the database belongs to node %s, not %s", owner, cfg.NodeID), "owner", owner, "node", string(cfg.NodeID))
	}
	return nil
}

// Meta keys the node writes at init.
const (
	metaNodeID  = "node_id"
	metaCountry = "country"
	metaCreated = "created"
)

// OpenStore opens the engine named by the configuration's database URL.
func OpenStore(ctx context.Context, cfg config.Config) (store.Store, error) {
	u := cfg.DatabaseURL()
	switch {
	case strings.HasPrefix(u, config.PostgresScheme), strings.HasPrefix(u, "postgresql://"):
		return postgres.Open(ctx, u)
	case strings.HasPrefix(u, config.SQLiteScheme):
		path := strings.TrimPrefix(u, config.SQLiteScheme)
		// A relative path written in database_url is relative to the data
		// directory; the default (empty database_url) already includes it.
		if cfg.Database != "" && !filepath.IsAbs(path) {
			path = filepath.Join(cfg.DataDir, path)
		}
		return sqlite.Open(ctx, path)
	}
	return nil, borderlink.Errorf(borderlink.EInvalid, "config.invalid", "unsupported database_url "+u,
		"field", "database_url", "reason", "postgres:// or sqlite://")
}

// Close stops the hotline's background work and releases the store.
func (n *Node) Close() error {
	n.closeTreatment()
	if n.Hotline != nil {
		n.Hotline.Close()
	}
	return n.Store.Close()
}

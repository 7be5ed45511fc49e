package node

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/units"
)

// InitOptions describe a new node.
type InitOptions struct {
	// Config must name the node id, country and data directory; the rest may
	// keep its defaults. It is written to DataDir/borderlink.toml.
	Config config.Config
	// AdminUsername is the first administrator's name (default "admin").
	AdminUsername string
	// AdminPassword is the first administrator's password; empty generates one.
	AdminPassword string
	// Demo seeds generated districts, communes and villages besides the
	// reference units.
	Demo bool
	// Hosts are extra host names or addresses for the TLS certificate.
	Hosts   []string
	Options Options
}

// InitResult tells the operator what init created.
type InitResult struct {
	ConfigPath    string
	AdminUsername string
	AdminPassword string // shown once
	Generated     bool   // the password was generated
	Fingerprint   string // SHA-256 of the TLS certificate, for peers
}

// Init creates a node in an empty data directory: identity key, TLS
// certificate, configuration file, database with the reference units, and
// the first administrator at the country's ministry. It refuses a directory
// that already holds a node (EConflict, error.already_initialised) and
// removes what it wrote if it fails half-way.
func Init(ctx context.Context, o InitOptions) (res InitResult, err error) {
	cfg := o.Config
	if err := cfg.Validate(); err != nil {
		return res, err
	}
	if o.AdminUsername == "" {
		o.AdminUsername = "admin"
	}
	if o.Options.Clock == nil {
		o.Options.Clock = borderlink.SystemClock{}
	}
	dir := cfg.DataDir
	res.ConfigPath = filepath.Join(dir, ConfigFile)
	if _, err := os.Stat(res.ConfigPath); err == nil {
		return res, borderlink.Errorf(borderlink.EConflict, "error.already_initialised",
			"a node already lives in "+dir+"; choose another --data directory", "dir", dir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return res, fmt.Errorf("node: create %s: %w", dir, err)
	}
	created := []string{}
	defer func() {
		if err != nil {
			for _, f := range created {
				os.Remove(f)
			}
		}
	}()
	if err := createIdentity(dir, cfg.NodeID, o.Hosts, o.Options.Clock.Now()); err != nil {
		return res, err
	}
	for _, f := range []string{IdentityKeyFile, TLSCertFile, TLSKeyFile} {
		created = append(created, filepath.Join(dir, f))
	}
	id, err := loadIdentity(dir, cfg.NodeID, cfg.Country)
	if err != nil {
		return res, err
	}
	res.Fingerprint = id.CertFingerprint()

	// A database already in the directory (a node's whose configuration and
	// keys are gone, say) is not init's to remove when claim refuses it.
	db := filepath.Join(dir, config.DatabaseFile)
	_, statErr := os.Stat(db)
	newDB := cfg.Database == "" && errors.Is(statErr, os.ErrNotExist)
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return res, err
	}
	if newDB {
		created = append(created, db, db+"-wal", db+"-shm")
	}
	defer st.Close()
	if err := claim(ctx, st, cfg, o.Options.Clock.Now()); err != nil {
		return res, err
	}
	keyFile, err := createTreatmentKeys(dir)
	if err != nil {
		return res, err
	}
	created = append(created, keyFile)
	if o.Options.Logger == nil {
		o.Options.Logger = NewLogger(os.Stderr, cfg.LogLevel, cfg.LogFormat, string(cfg.NodeID))
	}
	n, err := assemble(ctx, cfg, id, st, o.Options)
	if err != nil {
		return res, err
	}
	if err := n.Units.Seed(ctx, units.SeedOptions{Demo: o.Demo}); err != nil {
		return res, fmt.Errorf("node: seed units: %w", err)
	}
	res.AdminUsername, res.AdminPassword = o.AdminUsername, o.AdminPassword
	if res.AdminPassword == "" {
		res.AdminPassword, res.Generated = auth.GeneratePassword(), true
	}
	_, err = n.Accounts.CreateUser(ctx, auth.System("init"), auth.NewUser{
		Username: o.AdminUsername, DisplayName: adminName(cfg.Country), Password: res.AdminPassword,
		Role: auth.RoleAdmin, Unit: MinistryCode(cfg.Country), Lang: cfg.Lang(),
	})
	if err != nil {
		return res, fmt.Errorf("node: first administrator: %w", err)
	}
	if err := cfg.Write(res.ConfigPath); err != nil {
		return res, err
	}
	created = append(created, res.ConfigPath)
	return res, nil
}

// claim marks the database as this node's. A database that already belongs
// to a node (a shared PostgreSQL database) is refused.
func claim(ctx context.Context, st store.Store, cfg config.Config, now time.Time) error {
	return st.Update(ctx, func(tx store.Tx) error {
		owner, err := tx.Meta().Get(ctx, metaNodeID)
		if err == nil {
			return borderlink.Errorf(borderlink.EConflict, "error.already_initialised",
				"the database already belongs to node "+owner, "dir", cfg.DataDir)
		}
		if !borderlink.IsCode(err, borderlink.ENotFound) {
			return err
		}
		return errors.Join(
			tx.Meta().Set(ctx, metaNodeID, string(cfg.NodeID)),
			tx.Meta().Set(ctx, metaCountry, cfg.Country),
			tx.Meta().Set(ctx, metaCreated, now.Format(time.RFC3339)),
		)
	})
}

// MinistryCode is the code of a country's ministry unit, where the first
// administrator is placed.
func MinistryCode(country string) string { return country + "-MPS" }

func adminName(country string) string {
	switch country {
	case "VN":
		return "Quản trị hệ thống"
	case "LA":
		return "ຜູ້ບໍລິຫານລະບົບ"
	}
	return "Administrator"
}

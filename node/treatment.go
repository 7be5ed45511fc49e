package node

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/sealed"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/treatment"
)

// TreatmentKeyFile is the path of the key file that seals the node's
// treatment records, in data directory dir. It is kept beside the
// database, never in it, and backed up apart from it.
func TreatmentKeyFile(dir string) string { return filepath.Join(dir, sealed.KeyFileName) }

// createTreatmentKeys writes the key file of a new node and returns its
// path, for init to remove should it fail later.
func createTreatmentKeys(dir string) (string, error) {
	path := TreatmentKeyFile(dir)
	keys, err := sealed.CreateKeyFile(path)
	if err != nil {
		return "", fmt.Errorf("node: treatment key file: %w", err)
	}
	keys.Close()
	return path, nil
}

// assembleTreatment loads the treatment key file and builds the register
// on it. Treatment records are never registered with federation: there is
// no kind to send them as.
//
// A key file that cannot be loaded (group or others may read it, a
// malformed line) stops the node with the reason. A missing one is made
// when no sealed value is stored yet (a node initialised before treatment
// records existed); with values stored, it is lost: the node runs without
// it, treatment records answer EUnavailable until the file is restored
// from its backup, and the log says so.
func (n *Node) assembleTreatment(ctx context.Context) error {
	path := TreatmentKeyFile(n.Config.DataDir)
	keys, err := sealed.LoadKeyRing(path)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		keys, err = n.replaceMissingTreatmentKeys(ctx, path)
	}
	if err != nil {
		return fmt.Errorf("node: treatment key file: %w", err)
	}
	n.treatmentKeys = keys
	n.Treatment, err = treatment.NewService(treatment.Options{DB: store.Domain[treatment.Tx]{S: n.Store}, Log: n.Audit,
		Units: n.Units, Self: n.Config.NodeID, Country: n.Config.Country, Keys: keys, Clock: n.Clock})
	if err != nil {
		return fmt.Errorf("node: treatment: %w", err)
	}
	return nil
}

// replaceMissingTreatmentKeys creates the key file at path when no stored
// value needs the keys it would have held; else it returns no ring.
func (n *Node) replaceMissingTreatmentKeys(ctx context.Context, path string) (*sealed.KeyRing, error) {
	var use map[string]int
	err := n.Store.View(ctx, func(tx store.Tx) (err error) {
		use, err = tx.Treatment().KeyUsage(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	stored := 0
	for _, c := range use {
		stored += c
	}
	if stored > 0 {
		n.Log.Error("treatment key file missing: treatment records cannot be read or written until it is restored from its backup",
			"file", path, "sealed_values", stored)
		return nil, nil
	}
	keys, err := sealed.CreateKeyFile(path)
	if err != nil {
		return nil, err
	}
	n.Log.Warn("treatment key file created: back it up apart from the database", "file", path)
	return keys, nil
}

// closeTreatment zeroes the treatment keys held in memory.
func (n *Node) closeTreatment() {
	if n.treatmentKeys != nil {
		n.treatmentKeys.Close()
	}
}

package node

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/store"
)

// assembleCheckpoint builds the screening service and its index from the
// watch lists in the store.
func (n *Node) assembleCheckpoint(ctx context.Context) error {
	var err error
	n.Screening, err = checkpoint.NewService(checkpoint.Options{DB: store.Domain[checkpoint.Tx]{S: n.Store}, Log: n.Audit,
		Clock: n.Clock})
	if err != nil {
		return fmt.Errorf("node: screening: %w", err)
	}
	if err := n.Screening.Rebuild(ctx); err != nil {
		// An entry that cannot be indexed must not keep the node from
		// serving; the others are screened.
		n.Log.Warn("screening index built with omissions", "err", err)
	}
	return nil
}

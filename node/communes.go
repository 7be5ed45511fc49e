package node

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink/communes"
	"github.com/borderlink/borderlink/store"
)

// assembleCommunes builds the drug-free commune programme and gives a new
// node its country's built-in criteria. The programme is domestic: it has
// no envelope kind, so nothing of it can reach the partner.
func (n *Node) assembleCommunes(ctx context.Context) error {
	var err error
	n.Communes, err = communes.NewService(communes.Options{DB: store.Domain[communes.Tx]{S: n.Store}, Log: n.Audit,
		Units: n.Units, Country: n.Config.Country, Clock: n.Clock})
	if err != nil {
		return fmt.Errorf("node: communes: %w", err)
	}
	if err := n.Communes.EnsureCriteria(ctx); err != nil {
		return fmt.Errorf("node: communes criteria: %w", err)
	}
	return nil
}

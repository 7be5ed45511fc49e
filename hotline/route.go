package hotline

import (
	"context"
	"fmt"
	"slices"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/units"
)

// owner returns the node that serves unit, walking from the unit up its
// ancestors: the first code this node serves (Options.Own) gives this
// node; before that, the first code another node serves (Outbox.NodeFor:
// the peers and the nodes they announced) gives that node. A province node
// under a ministry node thus takes its province's messages although the
// ministry's subtree holds them too. It returns "" when no node serves the
// unit.
func (s *Service) owner(ctx context.Context, tree *units.Tree, unit string) (borderlink.NodeID, error) {
	chain := []string{unit}
	for _, a := range tree.Ancestors(unit) {
		chain = append(chain, a.Code)
	}
	cut := slices.IndexFunc(chain, func(c string) bool { return slices.Contains(s.own, c) })
	above := chain
	if cut >= 0 {
		above = chain[:cut]
	}
	if len(above) > 0 {
		n, ok, err := s.outbox.NodeFor(ctx, above)
		if err != nil {
			return "", fmt.Errorf("hotline: route %s: %w", unit, err)
		}
		if ok && n != "" {
			return n, nil
		}
	}
	if cut >= 0 {
		return s.self, nil
	}
	return "", nil
}

// local reports whether this node serves unit.
func (s *Service) local(ctx context.Context, tree *units.Tree, unit string) (bool, error) {
	n, err := s.owner(ctx, tree, unit)
	return n == s.self, err
}

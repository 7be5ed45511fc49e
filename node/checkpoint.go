package node

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/wanted"
)

// assembleCheckpoint builds the screening service and its index: the
// watch lists in the store and every wanted notice the node knows, the
// partner's included. wantedChanged keeps the notices current.
func (n *Node) assembleCheckpoint(ctx context.Context) error {
	var err error
	n.Screening, err = checkpoint.NewService(checkpoint.Options{DB: store.Domain[checkpoint.Tx]{S: n.Store}, Log: n.Audit,
		Clock: n.Clock, Wanted: n.screenedNotices})
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

// screenedNotices returns every notice for the index.
func (n *Node) screenedNotices(ctx context.Context) ([]checkpoint.Wanted, error) {
	ns, err := n.Wanted.AllNotices(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]checkpoint.Wanted, len(ns))
	for i, w := range ns {
		out[i] = screenedNotice(w)
	}
	return out, nil
}

// screenedNotice is what screening knows of a notice: every written form
// of the name, the birth date, the documents and what an officer must be
// told at once (status, danger).
func screenedNotice(w wanted.Notice) checkpoint.Wanted {
	names := []string{w.Person.Name}
	if w.Person.NameLatin != "" {
		names = append(names, w.Person.NameLatin)
	}
	names = append(names, w.Person.Aliases...)
	docs := make([]string, len(w.Person.Documents))
	for i, d := range w.Person.Documents {
		docs[i] = d.Number
	}
	danger := make([]string, len(w.Danger))
	for i, d := range w.Danger {
		danger[i] = string(d)
	}
	return checkpoint.Wanted{ID: w.ID, Origin: w.Origin, IssuingUnit: w.IssuingUnit, Names: names, DOB: w.Person.Birth,
		Documents: docs, Nationality: w.Person.Nationality, Status: string(w.Status), Danger: danger}
}

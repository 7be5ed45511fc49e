package main

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/store"
)

const auditHelp = `Usage: borderlink audit verify [--data DIR]

Checks the tamper-evident audit log of the node in DIR: every entry against
the Merkle tree, the tree against the checkpoints signed with the node's key
(which is kept outside the database). Reports any entry altered, removed or
reordered directly in the database. Exit status 0 when the log verifies,
1 when it does not.
`

func runAudit(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "audit", auditHelp, args, map[string]func(context.Context, *env, []string) error{
		"verify": auditVerify,
	})
}

func auditVerify(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "audit verify", auditHelp)
	nf := addNodeFlags(e, fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	db := store.Domain[audit.Tx]{S: n.Store}
	rep, err := audit.Verify(ctx, db, n.Identity.PublicKey(), n.Config.NodeID)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, rep.String())
	outcome := audit.OutcomeOK
	if !rep.OK {
		outcome = audit.OutcomeFailed
	}
	// The check itself is recorded only when the log is sound: appending to a
	// damaged log would bury the evidence under a new checkpoint.
	if rep.OK {
		err = db.Update(ctx, func(tx audit.Tx) error {
			return n.Audit.Record(ctx, tx.Audit(), audit.Entry{Actor: "cli", Action: "audit.verify", ObjectType: "audit",
				Source: "cli", Outcome: outcome, Detail: fmt.Sprintf("%d entries", rep.Entries)})
		})
		if err != nil {
			return err
		}
		return nil
	}
	return borderlink.Errorf(borderlink.EConflict, "audit.tampered", "the audit log does not verify")
}

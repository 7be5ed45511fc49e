package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/borderlink/borderlink/internal/sealed"
	"github.com/borderlink/borderlink/node"
)

const keysHelp = `Usage: borderlink keys rotate [--data DIR]
       borderlink keys status [--data DIR]
       borderlink keys reseal [--data DIR]
       borderlink keys retire --id KEY [--data DIR]

The keys in DIR/treatment.keys seal the sensitive fields of the treatment
records (names, tests, rehabilitation); they are never in the database.
Back the file up apart from the database, again after every change.

  rotate  adds a new current key, keeps the old ones, and re-encrypts every
          stored value under the new key. It retires nothing. Restart a
          node that runs on DIR afterwards: until then it seals with the
          key it loaded.
  status  lists the keys: id, creation time, which is current, and how many
          stored values use each.
  reseal  re-encrypts under the current key what is not yet (after a
          rotation that was interrupted, or a node that sealed with an old
          key before it was restarted).
  retire  removes key KEY from the file. Refused for the current key and for
          a key that stored values still use: reseal first.

See docs/operations.md, "Treatment record key".
`

func runKeys(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "keys", keysHelp, args, map[string]func(context.Context, *env, []string) error{
		"rotate": keysRotate,
		"status": keysStatus,
		"reseal": keysReseal,
		"retire": keysRetire,
	})
}

// keyFile returns the key file of the node of nf.
func keyFile(e *env, nf *nodeFlags) (string, error) {
	c, err := nf.load(e)
	if err != nil {
		return "", err
	}
	return node.TreatmentKeyFile(c.DataDir), nil
}

// openKeys loads the key file of the node of nf, as the command changes or
// shows it, and opens the node offline to count the values under each key.
// closeKeys releases both.
func openKeys(ctx context.Context, e *env, nf *nodeFlags) (string, *sealed.KeyRing, *node.Node, error) {
	path, err := keyFile(e, nf)
	if err != nil {
		return "", nil, nil, err
	}
	ring, err := sealed.LoadKeyRing(path)
	if err != nil {
		return "", nil, nil, err
	}
	n, err := openNode(ctx, e, nf)
	if err != nil {
		ring.Close()
		return "", nil, nil, err
	}
	return path, ring, n, nil
}

func closeKeys(ring *sealed.KeyRing, n *node.Node) {
	ring.Close()
	n.Close()
}

func keysRotate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "keys rotate", keysHelp)
	nf := addNodeFlags(e, fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	path, err := keyFile(e, nf)
	if err != nil {
		return err
	}
	ring, err := sealed.LoadKeyRing(path)
	if err != nil {
		return err
	}
	added, err := ring.Rotate(path)
	ring.Close()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "new current key %s added to %s; the old keys are kept\n", added.ID, path)
	// The node opened now loads the rotated file, so it reseals to the new key.
	if err := reseal(ctx, e, nf); err != nil {
		return fmt.Errorf("%w (the new key is current: run 'borderlink keys reseal' to finish)", err)
	}
	fmt.Fprintln(e.stdout, "back up "+path+" again, and restart a node that runs on this directory")
	return nil
}

func keysReseal(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "keys reseal", keysHelp)
	nf := addNodeFlags(e, fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	return reseal(ctx, e, nf)
}

// reseal opens the node of nf offline and moves every sealed value to the
// current key.
func reseal(ctx context.Context, e *env, nf *nodeFlags) error {
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	rep, err := n.Treatment.Reseal(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d values re-encrypted under key %s\n", rep.Resealed, rep.Key)
	return nil
}

func keysStatus(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "keys status", keysHelp)
	nf := addNodeFlags(e, fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	path, ring, n, err := openKeys(ctx, e, nf)
	if err != nil {
		return err
	}
	defer closeKeys(ring, n)
	use, err := n.Treatment.KeyUsage(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s\n%-8s  %-20s  %-7s  %s\n", path, "KEY", "CREATED", "CURRENT", "VALUES")
	for _, k := range ring.Keys() {
		cur := ""
		if k.Current {
			cur = "yes"
		}
		fmt.Fprintf(e.stdout, "%-8s  %-20s  %-7s  %d\n", k.ID, k.Created.UTC().Format(time.RFC3339), cur, use[k.ID])
		delete(use, k.ID)
	}
	// Values under a key the file lacks cannot be opened: say so.
	lost := make([]string, 0, len(use))
	for id, c := range use {
		lost = append(lost, fmt.Sprintf("%s (%d values)", id, c))
	}
	slices.Sort(lost)
	if len(lost) > 0 {
		fmt.Fprintln(e.stdout, "values sealed with keys not in the file, unreadable: "+strings.Join(lost, ", "))
	}
	return nil
}

func keysRetire(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "keys retire", keysHelp)
	nf := addNodeFlags(e, fs)
	id := fs.String("id", "", "the key to retire (8 hexadecimal digits, as keys status lists it)")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if *id == "" {
		fmt.Fprintln(e.stderr, "borderlink keys retire: --id is required")
		return errUsage
	}
	path, ring, n, err := openKeys(ctx, e, nf)
	if err != nil {
		return err
	}
	defer closeKeys(ring, n)
	if err := ring.Retire(path, *id, n.Treatment.Usage(ctx)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "key %s retired from %s; back the file up again\n", *id, path)
	return nil
}

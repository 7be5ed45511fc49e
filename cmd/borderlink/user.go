package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
)

const userHelp = `Usage: borderlink user <subcommand> [--data DIR] [flags]

Manages the accounts of the node in DIR, acting as the node's operator
(recorded in the audit log as "cli").

Subcommands:
  add             --username NAME --name "Full Name" --role ROLE --unit CODE [--lang vi|lo|en] [--password-file F]
  list            [--unit CODE] [--role ROLE] [--status active|disabled] [--q TEXT]
  disable         --username NAME
  enable          --username NAME   (also lifts a lock-out)
  reset-password  --username NAME   (prints the new password once)
  set-role        --username NAME --role ROLE --unit CODE

Roles: admin, commander, officer, analyst, liaison, treatment_officer, auditor.
Unit codes: see docs/units.md (e.g. VN-MPS, VN-40, LA-07).
`

func runUser(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "user", userHelp, args, map[string]func(context.Context, *env, []string) error{
		"add": userAdd, "list": userList, "disable": userDisable, "enable": userEnable,
		"reset-password": userResetPassword, "set-role": userSetRole,
	})
}

var cli = auth.System("cli")

func userAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "user add", userHelp)
	nf := addNodeFlags(e, fs)
	name := fs.String("username", "", "username (3–32 of a-z 0-9 . _ -)")
	display := fs.String("name", "", "full name")
	role := fs.String("role", "", "role")
	unit := fs.String("unit", "", "unit code")
	lang := fs.String("lang", "", "interface language: vi, lo or en")
	pwFile := fs.String("password-file", "", "file holding the password (default: generate one)")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	pw, generated, err := passwordFrom(*pwFile)
	if err != nil {
		return err
	}
	u, err := n.Accounts.CreateUser(ctx, cli, auth.NewUser{Username: *name, DisplayName: *display, Password: pw,
		Role: auth.Role(*role), Unit: *unit, Lang: borderlink.Lang(*lang)})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created %s (%s) as %s at %s\n", u.Username, u.DisplayName, *role, *unit)
	if generated {
		fmt.Fprintf(e.stdout, "password (shown once): %s\n", pw)
	}
	return nil
}

func userList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "user list", userHelp)
	nf := addNodeFlags(e, fs)
	unit := fs.String("unit", "", "only users with a grant in this unit or below")
	role := fs.String("role", "", "only users holding this role")
	status := fs.String("status", "", "active or disabled")
	q := fs.String("q", "", "part of the username or name")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	users, total, err := n.Accounts.ListUsers(ctx, cli, auth.UserFilter{Unit: *unit, Role: auth.Role(*role),
		Status: auth.Status(*status), Query: *q, Limit: 500})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tNAME\tSTATUS\tGRANTS\tMFA")
	for _, u := range users {
		var gs []string
		for _, g := range u.Grants {
			gs = append(gs, string(g.Role)+"@"+g.Unit)
		}
		status := string(u.Status)
		if !u.LockedUntil.IsZero() {
			status += " (locked)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%v\n", u.Username, u.DisplayName, status, strings.Join(gs, ","), u.MFA)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d of %d users\n", len(users), total)
	return nil
}

// userChange runs one change that needs only --username.
func userChange(ctx context.Context, e *env, args []string, sub, done string,
	fn func(ctx context.Context, n nodeAccounts, name string) error) error {
	fs := newFlags(e, "user "+sub, userHelp)
	nf := addNodeFlags(e, fs)
	name := fs.String("username", "", "username")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	if err := fn(ctx, n.Accounts, *name); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s %s\n", *name, done)
	return nil
}

type nodeAccounts = *auth.Service

func userDisable(ctx context.Context, e *env, args []string) error {
	return userChange(ctx, e, args, "disable", "disabled", func(ctx context.Context, a nodeAccounts, name string) error {
		return a.DisableUser(ctx, cli, name)
	})
}

func userEnable(ctx context.Context, e *env, args []string) error {
	return userChange(ctx, e, args, "enable", "enabled", func(ctx context.Context, a nodeAccounts, name string) error {
		return a.EnableUser(ctx, cli, name)
	})
}

func userResetPassword(ctx context.Context, e *env, args []string) error {
	return userChange(ctx, e, args, "reset-password", "has a new password", func(ctx context.Context, a nodeAccounts, name string) error {
		pw, err := a.ResetPassword(ctx, cli, name)
		if err == nil {
			fmt.Fprintf(e.stdout, "new password for %s (shown once): %s\n", name, pw)
		}
		return err
	})
}

func userSetRole(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "user set-role", userHelp)
	nf := addNodeFlags(e, fs)
	name := fs.String("username", "", "username")
	role := fs.String("role", "", "role")
	unit := fs.String("unit", "", "unit code")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	n, err := openNode(ctx, e, nf)
	if err != nil {
		return err
	}
	defer n.Close()
	if err := n.Accounts.SetRole(ctx, cli, *name, auth.Role(*role), *unit); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s is now %s at %s\n", *name, *role, *unit)
	return nil
}

package auth_test

import (
	"context"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
)

func TestCreateUserInput(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{})
	good := auth.NewUser{Username: "Dung.Tran", DisplayName: "Trần Dũng", Password: password, Role: auth.RoleOfficer, Unit: "vn-11", Lang: borderlink.LangVI}
	u, err := e.svc.CreateUser(ctx, e.cli, good)
	if err != nil {
		t.Fatal(err)
	}
	if u.Username != "dung.tran" || u.Grants[0] != (auth.Grant{Role: auth.RoleOfficer, Unit: "VN-11"}) || u.Status != auth.StatusActive || u.MFA {
		t.Errorf("created %+v", u)
	}
	for _, tc := range []struct {
		edit      func(*auth.NewUser)
		code, key string
	}{
		{func(n *auth.NewUser) { n.Username = "DUNG.TRAN" }, borderlink.EConflict, "error.duplicate_user"},
		{func(n *auth.NewUser) { n.Username = "dung tran" }, borderlink.EInvalid, "error.bad_username"},
		{func(n *auth.NewUser) { n.Username = "du" }, borderlink.EInvalid, "error.bad_username"},
		{func(n *auth.NewUser) { n.Username = "dũng" }, borderlink.EInvalid, "error.bad_username"},
		{func(n *auth.NewUser) { n.DisplayName = " " }, borderlink.EInvalid, "error.display_name"},
		{func(n *auth.NewUser) { n.Role = "root" }, borderlink.EInvalid, "error.unknown_role"},
		{func(n *auth.NewUser) { n.Lang = "fr" }, borderlink.EInvalid, "error.unknown_lang"},
		{func(n *auth.NewUser) { n.Unit = "VN-99" }, borderlink.ENotFound, "error.unknown_unit"},
		{func(n *auth.NewUser) { n.Password = "short" }, borderlink.EInvalid, "error.weak_password"},
		{func(n *auth.NewUser) { n.Username, n.Password = "dung.tran.2", "Dung.Tran.2" }, borderlink.EInvalid, "error.weak_password"},
	} {
		n := good
		tc.edit(&n)
		_, err := e.svc.CreateUser(ctx, e.cli, n)
		be := wantErr(t, tc.key, err, tc.code, tc.key)
		if tc.key == "error.unknown_unit" && arg(be, "code") != "VN-99" {
			t.Errorf("unknown unit argument %v", be.Args)
		}
	}
	// Nothing stored damaged: one user, who still signs in with the password.
	us, total, err := e.svc.ListUsers(ctx, e.cli, auth.UserFilter{})
	if err != nil || total != 1 || len(us) != 1 {
		t.Fatalf("after refused creations: %d users %v", total, err)
	}
	if _, err := e.svc.Login(ctx, "dung.tran", password, ""); err != nil {
		t.Fatal(err)
	}
	if n := len(e.audited(t, "user.create")); n != 1 {
		t.Errorf("%d creations audited, want 1", n)
	}
}

// TestScope: a province administrator manages and sees that province only.
func TestScope(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{})
	e.mustUser(t, "national", auth.RoleAdmin, "VN-MPS")
	e.mustUser(t, "admin11", auth.RoleAdmin, "VN-11")
	e.mustUser(t, "off12", auth.RoleOfficer, "VN-12")
	e.mustUser(t, "lao", auth.RoleOfficer, "LA-PH")
	_, a11 := e.mustLogin(t, "admin11")
	_, nat := e.mustLogin(t, "national")

	nu := auth.NewUser{Username: "off11", DisplayName: "Officer", Password: password, Role: auth.RoleOfficer, Unit: "VN-11-D01"}
	if _, err := e.svc.CreateUser(ctx, a11, nu); err != nil {
		t.Fatalf("province admin creating in a district of the province: %v", err)
	}
	nu.Username, nu.Unit = "off12b", "VN-12"
	_, err := e.svc.CreateUser(ctx, a11, nu)
	wantErr(t, "province admin creating in another province", err, borderlink.EForbidden, "error.forbidden")
	nu.Unit = "VN-MPS"
	_, err = e.svc.CreateUser(ctx, a11, nu)
	wantErr(t, "province admin creating at the ministry", err, borderlink.EForbidden, "error.forbidden")

	us, total, err := e.svc.ListUsers(ctx, a11, auth.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != 2 || us[0].Username != "admin11" || us[1].Username != "off11" {
		t.Errorf("province admin sees %d users: %+v", total, us)
	}
	_, total, _ = e.svc.ListUsers(ctx, nat, auth.UserFilter{})
	if total != 4 { // not the Lao officer
		t.Errorf("national admin sees %d users, want 4", total)
	}
	us, total, _ = e.svc.ListUsers(ctx, nat, auth.UserFilter{Unit: "VN-11", Role: auth.RoleOfficer})
	if total != 1 || us[0].Username != "off11" {
		t.Errorf("filter by unit and role: %+v", us)
	}
	us, _, _ = e.svc.ListUsers(ctx, nat, auth.UserFilter{Query: "OFF", Limit: 1, Offset: 1})
	if len(us) != 1 || us[0].Username != "off12" {
		t.Errorf("query with paging: %+v", us)
	}
	_, _, err = e.svc.ListUsers(ctx, e.cli, auth.UserFilter{Unit: "XX-1"})
	wantErr(t, "filter by unknown unit", err, borderlink.ENotFound, "error.unknown_unit")

	_, err = e.svc.GetUser(ctx, a11, "off12")
	wantErr(t, "GetUser in another province", err, borderlink.ENotFound, "error.unknown_user")
	err = e.svc.DisableUser(ctx, a11, "off12")
	wantErr(t, "DisableUser in another province", err, borderlink.ENotFound, "error.unknown_user")
	_, err = e.svc.ResetPassword(ctx, a11, "national")
	wantErr(t, "ResetPassword of the national admin", err, borderlink.ENotFound, "error.unknown_user")
	err = e.svc.SetRole(ctx, a11, "off11", auth.RoleAdmin, "VN-MPS")
	wantErr(t, "promote to the ministry", err, borderlink.EForbidden, "error.forbidden")
	if err := e.svc.SetRole(ctx, a11, "off11", auth.RoleCommander, "VN-11"); err != nil {
		t.Fatal(err)
	}
	// A user who also works for another province is beyond the province admin.
	if err := e.svc.AddGrant(ctx, nat, "off11", auth.RoleAnalyst, "VN-12"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.GetUser(ctx, a11, "off11"); err != nil {
		t.Errorf("province admin no longer sees a user of the province: %v", err)
	}
	err = e.svc.DisableUser(ctx, a11, "off11")
	wantErr(t, "disable a user with a grant elsewhere", err, borderlink.EForbidden, "error.forbidden")

	denied := 0
	for _, en := range e.audited(t, "user.") {
		if en.Outcome == audit.OutcomeDenied {
			denied++
			if en.Actor != "admin11" || en.ActorUnit != "VN-11" {
				t.Errorf("denial recorded for %s of %s", en.Actor, en.ActorUnit)
			}
		}
	}
	if denied != 6 {
		t.Errorf("%d denials audited, want 6", denied)
	}

	// Officers read no accounts but their own.
	_, off := e.mustLogin(t, "off12")
	_, _, err = e.svc.ListUsers(ctx, off, auth.UserFilter{})
	wantErr(t, "officer listing users", err, borderlink.EForbidden, "error.forbidden")
	if u, err := e.svc.GetUser(ctx, off, "off12"); err != nil || u.Username != "off12" {
		t.Errorf("officer reading own account: %v", err)
	}
	_, err = e.svc.CreateUser(ctx, off, auth.NewUser{Username: "sneaky", DisplayName: "x", Password: password, Role: auth.RoleAdmin, Unit: "VN-12"})
	wantErr(t, "officer creating a user", err, borderlink.EForbidden, "error.forbidden")
}

func TestLastAdmin(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{})
	e.mustUser(t, "root1", auth.RoleAdmin, "VN-MPS")
	e.mustUser(t, "prov", auth.RoleAdmin, "VN-11")
	_, root1 := e.mustLogin(t, "root1")

	err := e.svc.DisableUser(ctx, root1, "root1")
	wantErr(t, "disable the only ministry admin", err, borderlink.EConflict, "error.last_admin")
	err = e.svc.SetRole(ctx, e.cli, "root1", auth.RoleAuditor, "VN-MPS")
	wantErr(t, "demote the only ministry admin", err, borderlink.EConflict, "error.last_admin")
	// The province keeps an administrator through the ministry's.
	if err := e.svc.DisableUser(ctx, root1, "prov"); err != nil {
		t.Fatalf("disable a province admin covered by the ministry's: %v", err)
	}
	if err := e.svc.AddGrant(ctx, root1, "root1", auth.RoleAuditor, "VN-MPS"); err != nil {
		t.Fatal(err)
	}
	err = e.svc.RemoveGrant(ctx, root1, "root1", auth.RoleAdmin, "VN-MPS")
	wantErr(t, "remove the last admin grant", err, borderlink.EConflict, "error.last_admin")
	err = e.svc.RemoveGrant(ctx, root1, "root1", auth.RoleAnalyst, "VN-MPS")
	wantErr(t, "remove a grant not held", err, borderlink.ENotFound, "error.unknown_grant")
	err = e.svc.AddGrant(ctx, root1, "root1", auth.RoleAuditor, "VN-MPS")
	wantErr(t, "add a grant held", err, borderlink.EConflict, "error.grant_exists")

	e.mustUser(t, "root2", auth.RoleAdmin, "VN-MPS")
	if err := e.svc.RemoveGrant(ctx, root1, "root1", auth.RoleAdmin, "VN-MPS"); err != nil {
		t.Fatalf("with a second admin: %v", err)
	}
	err = e.svc.RemoveGrant(ctx, e.cli, "root1", auth.RoleAuditor, "VN-MPS")
	wantErr(t, "remove the only grant", err, borderlink.EConflict, "error.last_grant")
	err = e.svc.DisableUser(ctx, e.cli, "root2")
	wantErr(t, "disable the new only admin", err, borderlink.EConflict, "error.last_admin")
}

func TestDisableAndReset(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{})
	e.mustUser(t, "admin", auth.RoleAdmin, "VN-MPS")
	e.mustUser(t, "long", auth.RoleOfficer, "VN-12")
	_, admin := e.mustLogin(t, "admin")
	t1, _ := e.mustLogin(t, "long")
	t2, _ := e.mustLogin(t, "long")

	pw, err := e.svc.ResetPassword(ctx, admin, "long")
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{t1, t2} {
		_, _, err := e.svc.Authenticate(ctx, tok)
		wantErr(t, "session after a password reset", err, borderlink.EUnauthorized, "")
	}
	_, err = e.svc.Login(ctx, "long", password, "")
	wantErr(t, "old password", err, borderlink.EUnauthorized, "error.bad_credentials")
	e.clock.Advance(e.svc.Options().Lockout)
	res, err := e.svc.Login(ctx, "long", pw, "")
	if err != nil {
		t.Fatalf("new password: %v", err)
	}

	err = e.svc.ChangePassword(ctx, res.Principal, "wrong password!", "a new long password")
	wantErr(t, "change with a wrong password", err, borderlink.EInvalid, "error.wrong_password")
	e.clock.Advance(e.svc.Options().Lockout)
	err = e.svc.ChangePassword(ctx, res.Principal, pw, "long")
	wantErr(t, "change to a weak password", err, borderlink.EInvalid, "error.weak_password")
	if err := e.svc.ChangePassword(ctx, res.Principal, pw, "a new long password"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.SetLanguage(ctx, res.Principal, borderlink.LangLO); err != nil {
		t.Fatal(err)
	}
	wantErr(t, "unknown language", e.svc.SetLanguage(ctx, res.Principal, "xx"), borderlink.EInvalid, "error.unknown_lang")
	res, err = e.svc.Login(ctx, "long", "a new long password", "")
	if err != nil || res.Principal.Lang != borderlink.LangLO {
		t.Fatalf("after change: %+v %v", res.Principal, err)
	}
	if err := e.svc.DisableUser(ctx, admin, "long"); err != nil {
		t.Fatal(err)
	}
	_, _, err = e.svc.Authenticate(ctx, res.Token)
	wantErr(t, "session of a disabled user", err, borderlink.EUnauthorized, "")
	u, _ := e.svc.GetUser(ctx, admin, "long")
	if u.Status != auth.StatusDisabled {
		t.Errorf("status %q", u.Status)
	}
	for _, action := range []string{"user.reset_password", "user.change_password", "user.disable", "user.set_language"} {
		if len(e.audited(t, action)) == 0 {
			t.Errorf("%s not audited", action)
		}
	}
}

package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/store"
)

// t0 is a time with microseconds, the precision stored.
var t0 = time.Date(2026, 3, 1, 8, 30, 0, 123456000, time.UTC)

func sampleAccount(id, name string, grants ...auth.Grant) auth.Account {
	return auth.Account{ID: id, Username: name, DisplayName: "Nguyễn Văn " + name, Lang: borderlink.LangVI,
		Status: auth.StatusActive, Grants: grants, PasswordHash: "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		PasswordChanged: t0, Created: t0, Updated: t0}
}

func testAccounts(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	update := func(fn func(r auth.Repo) error) error {
		return s.Update(ctx, func(tx store.Tx) error { return fn(tx.Accounts()) })
	}
	view := func(fn func(r auth.Repo) error) error {
		return s.View(ctx, func(tx store.Tx) error { return fn(tx.Accounts()) })
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	wantCode := func(what string, err error, code string) {
		t.Helper()
		if !borderlink.IsCode(err, code) {
			t.Errorf("%s: got %v, want %s", what, err, code)
		}
	}

	alice := sampleAccount("u1", "alice", auth.Grant{Role: auth.RoleAdmin, Unit: "VN-11"}, auth.Grant{Role: auth.RoleOfficer, Unit: "VN-11-D01"})
	bob := sampleAccount("u2", "bob", auth.Grant{Role: auth.RoleOfficer, Unit: "LA-PH"})
	bob.Status = auth.StatusDisabled
	must(update(func(r auth.Repo) error { return r.CreateUser(ctx, alice) }))
	must(update(func(r auth.Repo) error { return r.CreateUser(ctx, bob) }))

	t.Run("Users", func(t *testing.T) {
		var got auth.Account
		must(view(func(r auth.Repo) (err error) { got, err = r.UserByName(ctx, "ALICE"); return err }))
		if !reflect.DeepEqual(got, alice) {
			t.Errorf("UserByName round trip:\n got %+v\nwant %+v", got, alice)
		}
		must(view(func(r auth.Repo) (err error) { got, err = r.UserByID(ctx, "u2"); return err }))
		if !reflect.DeepEqual(got, bob) {
			t.Errorf("UserByID round trip:\n got %+v\nwant %+v", got, bob)
		}
		dup := sampleAccount("u3", "Alice", auth.Grant{Role: auth.RoleAnalyst, Unit: "VN-11"})
		wantCode("username differing only in case", update(func(r auth.Repo) error { return r.CreateUser(ctx, dup) }), borderlink.EConflict)
		dup = sampleAccount("u1", "carol", auth.Grant{Role: auth.RoleAnalyst, Unit: "VN-11"})
		wantCode("duplicate id", update(func(r auth.Repo) error { return r.CreateUser(ctx, dup) }), borderlink.EConflict)
		wantCode("UserByName missing", view(func(r auth.Repo) error { _, err := r.UserByName(ctx, "nobody"); return err }), borderlink.ENotFound)
		wantCode("UserByID missing", view(func(r auth.Repo) error { _, err := r.UserByID(ctx, "nope"); return err }), borderlink.ENotFound)
		wantCode("UpdateUser missing", update(func(r auth.Repo) error { return r.UpdateUser(ctx, sampleAccount("nope", "nope")) }), borderlink.ENotFound)
		wantCode("SetGrants missing", update(func(r auth.Repo) error { return r.SetGrants(ctx, "nope", nil) }), borderlink.ENotFound)

		changed := alice
		changed.DisplayName, changed.Lang, changed.TOTPSecret, changed.TOTPLastStep = "Alice Lê", borderlink.LangLO, "JBSWY3DPEHPK3PXP", 42
		changed.LastLogin, changed.Updated = t0.Add(time.Hour), t0.Add(time.Hour)
		changed.Throttle = auth.Throttle{Failures: 9} // not written by UpdateUser
		must(update(func(r auth.Repo) error { return r.UpdateUser(ctx, changed) }))
		grants := []auth.Grant{{Role: auth.RoleCommander, Unit: "VN-12"}, {Role: auth.RoleAdmin, Unit: "VN-11"}}
		must(update(func(r auth.Repo) error { return r.SetGrants(ctx, "u1", grants) }))
		must(view(func(r auth.Repo) (err error) { got, err = r.UserByID(ctx, "u1"); return err }))
		changed.Throttle, changed.Grants = auth.Throttle{}, grants
		if !reflect.DeepEqual(got, changed) {
			t.Errorf("after UpdateUser and SetGrants:\n got %+v\nwant %+v", got, changed)
		}

		var list []auth.Account
		must(view(func(r auth.Repo) (err error) { list, err = r.ListUsers(ctx, auth.UserQuery{}); return err }))
		if len(list) != 2 || list[0].Username != "alice" || list[1].Username != "bob" || len(list[0].Grants) != 2 {
			t.Errorf("ListUsers all: %+v", list)
		}
		must(view(func(r auth.Repo) (err error) {
			list, err = r.ListUsers(ctx, auth.UserQuery{Role: auth.RoleOfficer})
			return err
		}))
		if len(list) != 1 || list[0].ID != "u2" {
			t.Errorf("ListUsers officers: %+v", list)
		}
		must(view(func(r auth.Repo) (err error) {
			list, err = r.ListUsers(ctx, auth.UserQuery{Status: auth.StatusActive, Role: auth.RoleAdmin})
			return err
		}))
		if len(list) != 1 || list[0].ID != "u1" {
			t.Errorf("ListUsers active admins: %+v", list)
		}
	})

	t.Run("Throttle", func(t *testing.T) {
		one := auth.Throttle{Failures: 1, LastFailure: t0}
		must(update(func(r auth.Repo) error { return r.SetThrottle(ctx, "u2", auth.Throttle{}, one) }))
		wantCode("SetThrottle from a stale state", update(func(r auth.Repo) error {
			return r.SetThrottle(ctx, "u2", auth.Throttle{}, auth.Throttle{Failures: 5})
		}), borderlink.EConflict)
		locked := auth.Throttle{Failures: 2, LastFailure: t0.Add(time.Second), LockedUntil: t0.Add(time.Hour)}
		must(update(func(r auth.Repo) error { return r.SetThrottle(ctx, "u2", one, locked) }))
		var got auth.Account
		must(view(func(r auth.Repo) (err error) { got, err = r.UserByID(ctx, "u2"); return err }))
		if got.Throttle != locked {
			t.Errorf("throttle: got %+v, want %+v", got.Throttle, locked)
		}
		wantCode("SetThrottle missing", update(func(r auth.Repo) error {
			return r.SetThrottle(ctx, "nope", auth.Throttle{}, one)
		}), borderlink.ENotFound)
	})

	t.Run("Sessions", func(t *testing.T) {
		mk := func(id, user string, expires time.Time) auth.Session {
			return auth.Session{ID: id, UserID: user, State: auth.SessionMFAPending, CSRF: "csrf-" + id,
				Created: t0, LastSeen: t0, Expires: expires, Source: "203.0.113.7"}
		}
		s1, s2, s3 := mk("h1", "u1", t0.Add(time.Hour)), mk("h2", "u1", t0.Add(2*time.Hour)), mk("h3", "u2", t0.Add(3*time.Hour))
		for _, x := range []auth.Session{s1, s2, s3} {
			must(update(func(r auth.Repo) error { return r.CreateSession(ctx, x) }))
		}
		wantCode("duplicate session", update(func(r auth.Repo) error { return r.CreateSession(ctx, s1) }), borderlink.EConflict)
		var got auth.Session
		must(view(func(r auth.Repo) (err error) { got, err = r.Session(ctx, "h1"); return err }))
		if got != s1 {
			t.Errorf("Session round trip: got %+v, want %+v", got, s1)
		}
		s1.State, s1.LastSeen, s1.Expires = auth.SessionActive, t0.Add(time.Minute), t0.Add(12*time.Hour)
		must(update(func(r auth.Repo) error { return r.UpdateSession(ctx, s1) }))
		must(view(func(r auth.Repo) (err error) { got, err = r.Session(ctx, "h1"); return err }))
		if got != s1 {
			t.Errorf("after UpdateSession: got %+v, want %+v", got, s1)
		}
		wantCode("Session missing", view(func(r auth.Repo) error { _, err := r.Session(ctx, "nope"); return err }), borderlink.ENotFound)
		wantCode("UpdateSession missing", update(func(r auth.Repo) error { return r.UpdateSession(ctx, mk("nope", "u1", t0)) }), borderlink.ENotFound)

		var n int
		must(update(func(r auth.Repo) (err error) {
			n, err = r.DeleteExpiredSessions(ctx, t0.Add(150*time.Minute))
			return err
		}))
		if n != 1 { // h2; h1 was extended, h3 lasts longer
			t.Errorf("DeleteExpiredSessions removed %d, want 1", n)
		}
		must(update(func(r auth.Repo) (err error) { n, err = r.DeleteUserSessions(ctx, "u1"); return err }))
		if n != 1 {
			t.Errorf("DeleteUserSessions removed %d, want 1", n)
		}
		must(update(func(r auth.Repo) error { return r.DeleteSession(ctx, "h3") }))
		wantCode("DeleteSession twice", update(func(r auth.Repo) error { return r.DeleteSession(ctx, "h3") }), borderlink.ENotFound)
	})

	t.Run("Tokens", func(t *testing.T) {
		mk := func(id string, created time.Time) auth.Token {
			return auth.Token{ID: id, UserID: "u1", Name: "checkpoint " + id, Hash: "hash-" + id,
				Created: created, Expires: created.Add(24 * time.Hour)}
		}
		older, newer := mk("t1", t0), mk("t2", t0.Add(time.Minute))
		for _, x := range []auth.Token{older, newer} {
			must(update(func(r auth.Repo) error { return r.CreateToken(ctx, x) }))
		}
		wantCode("duplicate token", update(func(r auth.Repo) error { return r.CreateToken(ctx, older) }), borderlink.EConflict)
		older.LastUsed, older.Revoked = t0.Add(time.Hour), t0.Add(2*time.Hour)
		must(update(func(r auth.Repo) error { return r.UpdateToken(ctx, older) }))
		var got auth.Token
		must(view(func(r auth.Repo) (err error) { got, err = r.Token(ctx, "t1"); return err }))
		if got != older {
			t.Errorf("Token round trip: got %+v, want %+v", got, older)
		}
		var list []auth.Token
		must(view(func(r auth.Repo) (err error) { list, err = r.ListTokens(ctx, "u1"); return err }))
		if !reflect.DeepEqual(list, []auth.Token{newer, older}) {
			t.Errorf("ListTokens: got %+v, want newest first", list)
		}
		wantCode("Token missing", view(func(r auth.Repo) error { _, err := r.Token(ctx, "nope"); return err }), borderlink.ENotFound)
		wantCode("UpdateToken missing", update(func(r auth.Repo) error { return r.UpdateToken(ctx, mk("nope", t0)) }), borderlink.ENotFound)
	})

	t.Run("Reopen", func(t *testing.T) {
		if o.Reopen == nil {
			t.Skip("engine cannot reopen")
		}
		s = o.Reopen(t, s)
		var got auth.Account
		must(view(func(r auth.Repo) (err error) { got, err = r.UserByName(ctx, "bob"); return err }))
		if got.ID != "u2" || got.Status != auth.StatusDisabled {
			t.Errorf("after reopen: %+v", got)
		}
	})
}

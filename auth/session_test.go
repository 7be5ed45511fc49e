package auth_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/store"
)

func TestSessionExpiry(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{SessionTTL: 2 * time.Hour, SessionIdle: 30 * time.Minute})
	e.mustUser(t, "hung", auth.RoleCommander, "VN-11")

	// Idle: used every 29 minutes it lives until the absolute limit.
	token, _ := e.mustLogin(t, "hung")
	for i := range 4 {
		e.clock.Advance(29 * time.Minute)
		if _, _, err := e.svc.Authenticate(ctx, token); err != nil {
			t.Fatalf("use %d, %v after sign-in: %v", i+1, time.Duration(i+1)*29*time.Minute, err)
		}
	}
	e.clock.Advance(4 * time.Minute) // 2 h 0 min since sign-in
	_, _, err := e.svc.Authenticate(ctx, token)
	wantErr(t, "past the absolute limit", err, borderlink.EUnauthorized, "error.session_expired")

	// Idle for longer than SessionIdle.
	token, _ = e.mustLogin(t, "hung")
	e.clock.Advance(30 * time.Minute)
	_, _, err = e.svc.Authenticate(ctx, token)
	wantErr(t, "idle", err, borderlink.EUnauthorized, "error.session_expired")
	// An ended session stays ended.
	_, _, err = e.svc.Authenticate(ctx, token)
	wantErr(t, "idle, asked again", err, borderlink.EUnauthorized, "error.session_expired")

	// Last use is written at most once a minute.
	token, _ = e.mustLogin(t, "hung")
	e.clock.Advance(30 * time.Second)
	_, s1, _ := e.svc.Authenticate(ctx, token)
	e.clock.Advance(31 * time.Second)
	_, s2, _ := e.svc.Authenticate(ctx, token)
	if !s1.LastSeen.Equal(s1.Created) || !s2.LastSeen.Equal(e.clock.Now()) {
		t.Errorf("last seen: %v then %v (created %v)", s1.LastSeen, s2.LastSeen, s1.Created)
	}

	e.clock.Advance(3 * time.Hour)
	if n, err := e.svc.PurgeSessions(ctx); err != nil || n != 1 {
		t.Errorf("PurgeSessions removed %d: %v", n, err)
	}
}

func TestForgedSessionTokens(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{})
	e.mustUser(t, "tuan", auth.RoleOfficer, "VN-11")
	token, _ := e.mustLogin(t, "tuan")
	flip := func(s string, i int) string {
		c := byte('A')
		if s[i] == 'A' {
			c = 'B'
		}
		return s[:i] + string(c) + s[i+1:]
	}
	for _, forged := range []string{"", "x", strings.Repeat("A", 43), token + "A", token[:42], flip(token, 0), flip(token, 42),
		strings.ToUpper(token), "blt_" + token, token[:20] + "\x00" + token[21:]} {
		_, _, err := e.svc.Authenticate(ctx, forged)
		wantErr(t, "forged session token "+forged, err, borderlink.EUnauthorized, "error.session_expired")
	}
	if _, _, err := e.svc.Authenticate(ctx, token); err != nil {
		t.Fatalf("the real token stopped working: %v", err)
	}
	// The store holds only a hash of the token.
	sum := sha256.Sum256([]byte(token))
	err := e.st.View(ctx, func(tx store.Tx) error {
		if _, err := tx.Accounts().Session(ctx, token); !borderlink.IsCode(err, borderlink.ENotFound) {
			t.Errorf("a session is found by its plaintext token: %v", err)
		}
		_, err := tx.Accounts().Session(ctx, hex.EncodeToString(sum[:]))
		return err
	})
	if err != nil {
		t.Fatalf("no session under the token's hash: %v", err)
	}
}

package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
)

func TestAPITokens(t *testing.T) {
	ctx := context.Background()
	e := mustEnv(t, auth.Options{})
	e.mustUser(t, "gate", auth.RoleOfficer, "VN-11-D01")
	e.mustUser(t, "admin11", auth.RoleAdmin, "VN-11")
	e.mustUser(t, "admin12", auth.RoleAdmin, "VN-12")
	_, gate := e.mustLogin(t, "gate")
	_, admin11 := e.mustLogin(t, "admin11")
	_, admin12 := e.mustLogin(t, "admin12")

	plain, tok, err := e.svc.CreateToken(ctx, admin11, "gate", "checkpoint scanner", 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(plain, "blt_"+tok.ID+"_") || strings.Contains(tok.Hash, plain[len(plain)-43:]) {
		t.Fatalf("token %q, record %+v", plain, tok)
	}
	p, err := e.svc.AuthenticateToken(ctx, plain)
	if err != nil {
		t.Fatal(err)
	}
	if p.Username != "gate" || p.Via != auth.ViaToken || !p.CanIn(auth.PermHotlineSend, "VN-11-D01", units) {
		t.Errorf("token principal %+v", p)
	}

	_, _, err = e.svc.CreateToken(ctx, admin12, "gate", "x", 0)
	wantErr(t, "token by an admin of another province", err, borderlink.ENotFound, "error.unknown_user")
	_, _, err = e.svc.CreateToken(ctx, gate, "admin11", "x", 0)
	wantErr(t, "token for someone else by an officer", err, borderlink.ENotFound, "error.unknown_user")
	own, _, err := e.svc.CreateToken(ctx, gate, "gate", "my script", 0)
	if err != nil {
		t.Fatalf("own token: %v", err)
	}
	_, _, err = e.svc.CreateToken(ctx, gate, "gate", "  ", 0)
	wantErr(t, "token without a name", err, borderlink.EInvalid, "error.token_name")
	_, _, err = e.svc.CreateToken(ctx, gate, "gate", "x", -time.Hour)
	wantErr(t, "negative ttl", err, borderlink.EInvalid, "error.token_ttl")

	secret := plain[len(plain)-43:]
	otherID := strings.Replace(tok.ID, tok.ID[:8], "00000000", 1)
	for _, forged := range []string{"", "blt_", plain + "x", plain[:len(plain)-1], strings.Replace(plain, "blt_", "blx_", 1),
		"blt_" + tok.ID + "_" + strings.Repeat("A", 43), "blt_" + otherID + "_" + secret,
		"blt_" + tok.ID + "_" + secret[:10] + strings.ToUpper(secret[10:11]) + secret[11:] + "Z"} {
		_, err := e.svc.AuthenticateToken(ctx, forged)
		wantErr(t, "forged token "+forged, err, borderlink.EUnauthorized, "error.token_invalid")
	}
	// An altered secret of the right form.
	alt := []byte(plain)
	if alt[len(alt)-5] == 'a' {
		alt[len(alt)-5] = 'b'
	} else {
		alt[len(alt)-5] = 'a'
	}
	_, err = e.svc.AuthenticateToken(ctx, string(alt))
	wantErr(t, "altered token", err, borderlink.EUnauthorized, "error.token_invalid")

	ts, err := e.svc.ListTokens(ctx, gate, "gate")
	if err != nil || len(ts) != 2 || ts[0].Name != "my script" {
		t.Fatalf("ListTokens: %+v %v", ts, err)
	}
	err = e.svc.RevokeToken(ctx, admin12, tok.ID)
	wantErr(t, "revoke by an admin of another province", err, borderlink.ENotFound, "error.unknown_token")
	if err := e.svc.RevokeToken(ctx, gate, tok.ID); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.AuthenticateToken(ctx, plain)
	wantErr(t, "revoked token", err, borderlink.EUnauthorized, "error.token_invalid")

	e.clock.Advance(89 * 24 * time.Hour)
	if _, err := e.svc.AuthenticateToken(ctx, own); err != nil {
		t.Fatalf("own token before its 90 days: %v", err)
	}
	if err := e.svc.DisableUser(ctx, admin11, "gate"); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.AuthenticateToken(ctx, own)
	wantErr(t, "token of a disabled user", err, borderlink.EUnauthorized, "error.token_invalid")
	if err := e.svc.EnableUser(ctx, admin11, "gate"); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(24 * time.Hour)
	_, err = e.svc.AuthenticateToken(ctx, own)
	wantErr(t, "expired token", err, borderlink.EUnauthorized, "error.token_invalid")
	if n := len(e.audited(t, "token.")); n < 4 {
		t.Errorf("%d token events audited", n)
	}
}

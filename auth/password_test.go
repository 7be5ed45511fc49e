package auth_test

import (
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
)

func TestHashPassword(t *testing.T) {
	h, err := auth.HashPassword("Mật khẩu dài đủ", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q is not in PHC form with its parameters", h)
	}
	if ok, err := auth.VerifyPassword(h, "Mật khẩu dài đủ"); err != nil || !ok {
		t.Errorf("the right password does not verify: %v %v", ok, err)
	}
	if ok, _ := auth.VerifyPassword(h, "Mật khẩu dài đu"); ok {
		t.Error("a wrong password verifies")
	}
	h2, _ := auth.HashPassword("Mật khẩu dài đủ", cheap)
	if h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	if auth.NeedsRehash(h, cheap) {
		t.Error("NeedsRehash with the parameters the hash was made with")
	}
	if !auth.NeedsRehash(h, auth.DefaultHashParams) {
		t.Error("NeedsRehash does not see changed parameters")
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", strings.Replace(h, "$v=19", "$v=16", 1)} {
		if _, err := auth.VerifyPassword(bad, "x"); err == nil {
			t.Errorf("malformed hash %q accepted", bad)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	for _, tc := range []struct {
		user, pw, key string
	}{
		{"alice", "short", "error.weak_password"},
		{"alice.nguyen", "ALICE.NGUYEN", "error.weak_password"},
		{"alice", "aaaaaaaaaaaaaa", "error.weak_password"},
		{"alice", "ສະບາຍດີ", "error.weak_password"}, // 7 characters, more bytes
		{"alice", strings.Repeat("ab", 200), "error.password_too_long"},
		{"alice", "ລະຫັດຜ່ານທີ່ປອດໄພ", ""},
		{"alice", "correct horse battery", ""},
	} {
		err := auth.CheckPassword(tc.user, tc.pw)
		if tc.key == "" {
			if err != nil {
				t.Errorf("%q refused: %v", tc.pw, err)
			}
			continue
		}
		wantErr(t, tc.pw, err, borderlink.EInvalid, tc.key)
	}
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		p := auth.GeneratePassword()
		if len(p) != 19 || strings.Count(p, "-") != 3 || strings.ContainsAny(p, "0O1lIo") {
			t.Fatalf("generated password %q: want 4 groups of 4 unambiguous characters", p)
		}
		if err := auth.CheckPassword("someone", p); err != nil {
			t.Fatalf("generated password %q breaks the rules: %v", p, err)
		}
		if seen[p] {
			t.Fatalf("generated password %q twice", p)
		}
		seen[p] = true
	}
}

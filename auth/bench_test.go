package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/borderlink/borderlink/auth"
)

// BenchmarkHashPassword measures the cost of one hash with the default
// (OWASP) parameters: what each sign-in costs the node.
func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := auth.HashPassword(password, auth.DefaultHashParams); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/1e6, "ms/op")
}

// BenchmarkAuthenticate measures resolving a session token, as every
// request does (a read; last use is written at most once a minute).
func BenchmarkAuthenticate(b *testing.B) {
	ctx := context.Background()
	e := mustEnv(b, auth.Options{SessionIdle: time.Hour})
	e.mustUser(b, "bench", auth.RoleOfficer, "VN-11")
	token, _ := e.mustLogin(b, "bench")
	for b.Loop() {
		if _, _, err := e.svc.Authenticate(ctx, token); err != nil {
			b.Fatal(err)
		}
	}
}

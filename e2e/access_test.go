package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
	"github.com/borderlink/borderlink/internal/testutil/pgtest"
)

// routes returns every endpoint of the node with its declared policy.
func routes(n *nodetest.Node) []httpx.Route {
	return append(n.Web().Routes(), n.API().Routes()...)
}

// concrete fills the wildcards of a route path with values that exist.
func concrete(path string) string {
	r := strings.NewReplacer("{code}", "VN-40", "{username}", "target", "{$}", "")
	p := r.Replace(path)
	if strings.HasSuffix(p, "/static/") {
		p += "css/app.css"
	}
	return p
}

// TestEveryEndpointEveryRole walks every route with every role and with no
// credentials. A role the policy allows is never refused with 401 or 403; a
// role it does not allow always gets 403; without credentials a protected
// route answers 401 (API) or sends the browser to the login page (web).
func TestEveryEndpointEveryRole(t *testing.T) {
	walkEndpoints(t, nodetest.MustStart(t, nodetest.Options{}))
}

// TestEveryEndpointEveryRolePostgres is the same walk on a node whose
// database is PostgreSQL.
func TestEveryEndpointEveryRolePostgres(t *testing.T) {
	walkEndpoints(t, nodetest.MustStart(t, nodetest.Options{Database: pgtest.MustCreateDatabase(t)}))
}

func walkEndpoints(t *testing.T, n *nodetest.Node) {
	admin := n.Tokens[auth.RoleAdmin]
	if st, body := n.Do(t, nil, "POST", "/api/v1/users", admin, "application/json",
		`{"username":"target","display_name":"Target User","role":"officer","unit":"VN-40"}`); st != http.StatusCreated {
		t.Fatalf("create target user: %d %s", st, body)
	}
	rts := routes(n)
	if len(rts) < 30 {
		t.Fatalf("only %d routes: the table is incomplete", len(rts))
	}
	for _, rt := range rts {
		path := concrete(rt.Path)
		for _, role := range auth.Roles() {
			st, body := n.Do(t, nil, rt.Method, path, n.Tokens[role], "application/json", "{}")
			allowed := rt.Public || role.Can(rt.Perm)
			switch {
			case rt.Public:
				// Reachable by anyone; a public form may still answer 401 to
				// the empty credentials this walk sends.
				if st == http.StatusForbidden {
					t.Errorf("%s %s as %s: public route refused with 403", rt.Method, path, role)
				}
			case allowed && (st == http.StatusUnauthorized || st == http.StatusForbidden):
				t.Errorf("%s %s as %s: status %d, but the policy allows it: %.200s", rt.Method, path, role, st, body)
			case !allowed && st != http.StatusForbidden:
				t.Errorf("%s %s as %s: status %d, want 403: %.200s", rt.Method, path, role, st, body)
			}
		}
		st, _ := n.Do(t, nil, rt.Method, path, "", "application/json", "{}")
		switch {
		case rt.Public:
		case strings.HasPrefix(rt.Path, "/api/") && st != http.StatusUnauthorized:
			t.Errorf("%s %s without credentials: status %d, want 401", rt.Method, path, st)
		case !strings.HasPrefix(rt.Path, "/api/") && st != http.StatusSeeOther:
			t.Errorf("%s %s without credentials: status %d, want a redirect to the login page", rt.Method, path, st)
		}
	}
	// Refusals of signed-in users are in the audit trail.
	st, body := n.Do(t, nil, "GET", "/api/v1/audit?action=access.denied&limit=1", n.Tokens[auth.RoleAuditor], "", "")
	if st != http.StatusOK || !strings.Contains(body, `"access.denied"`) {
		t.Fatalf("denied requests are not audited: %d %s", st, body)
	}
	// Reads of accounts and of the trail itself are in it too.
	for _, action := range []string{"user.view", "user.list", "audit.view"} {
		st, body := n.Do(t, nil, "GET", "/api/v1/audit?limit=1&action="+action, n.Tokens[auth.RoleAuditor], "", "")
		if st != http.StatusOK || !strings.Contains(body, `"`+action+`"`) {
			t.Errorf("%s is not audited: %d %s", action, st, body)
		}
	}
}

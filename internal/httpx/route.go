// Package httpx holds what the HTML pages (package web) and the JSON API
// (package api) share: the route table with the permission each endpoint
// requires, authentication of a request by session cookie or API token,
// language choice, client address, and the common protective middleware.
package httpx

import (
	"net/http"

	"github.com/borderlink/borderlink/auth"
)

// Route is one endpoint. Every endpoint declares who may call it: Public
// routes need no sign-in; all others need a principal holding Perm (for the
// unit-level check the handler asks auth.Principal.CanIn with the object's
// unit). A test walks every route with every role.
type Route struct {
	Method  string // GET, POST, …
	Path    string // Go 1.22 pattern path, e.g. /api/v1/units/{code}
	Perm    auth.Permission
	Public  bool
	Pending bool // reachable by a session still waiting for its second factor
	// MaxBody, when above 0, replaces the server's body limit for this
	// route (uploads of attachments).
	MaxBody int64
	Handler http.HandlerFunc
}

// Pattern is the ServeMux pattern of the route.
func (r Route) Pattern() string { return r.Method + " " + r.Path }

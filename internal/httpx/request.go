package httpx

import (
	"context"
	"net"
	"net/http"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/i18n"
)

// Info is what the middleware learned about a request. Handlers read it with
// From(r).
type Info struct {
	Principal *auth.Principal // nil when nobody is signed in
	Session   *auth.Session   // nil for API tokens and anonymous requests
	Lang      borderlink.Lang
	P         *i18n.Printer
	Source    string // client IP address
	Token     string // the session token (web only), to sign out
}

type ctxKey struct{}

// From returns the request's Info. It is never nil inside a mounted route.
func From(r *http.Request) *Info {
	if in, ok := r.Context().Value(ctxKey{}).(*Info); ok {
		return in
	}
	return &Info{Lang: borderlink.LangEN}
}

func withInfo(r *http.Request, in *Info) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), ctxKey{}, in))
}

// Actor names the principal for the audit log ("" when anonymous).
func (in *Info) Actor() string {
	if in.Principal == nil {
		return ""
	}
	return in.Principal.Username
}

// clientIP returns the address of the client. X-Forwarded-For is honoured
// only when trustProxy is set (a node behind its own reverse proxy).
func clientIP(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if f := r.Header.Get("X-Forwarded-For"); f != "" {
			return strings.TrimSpace(strings.Split(f, ",")[0])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

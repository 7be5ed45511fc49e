package httpx

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/i18n"
)

// SessionCookie holds the session token; LangCookie the language chosen
// before signing in.
const (
	SessionCookie = "bl_session"
	LangCookie    = "bl_lang"
)

// Authenticator resolves session and API tokens (auth.Service implements it).
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (auth.Principal, auth.Session, error)
	AuthenticateToken(ctx context.Context, token string) (auth.Principal, error)
}

// Responder writes errors in the form of its surface: the web answers with a
// page or a redirect to the login page, the API with JSON.
type Responder interface {
	Error(w http.ResponseWriter, r *http.Request, err error)
}

// Server mounts routes with the checks every endpoint needs.
type Server struct {
	Auth        Authenticator
	Catalog     *i18n.Catalog
	DefaultLang borderlink.Lang
	TrustProxy  bool
	MaxBody     int64
	Log         *slog.Logger
	// Denied is told about every refused request (for the audit log).
	Denied func(r *http.Request, in *Info, route Route, code string)
	// CrossOrigin answers a request refused by Protect as cross-origin
	// (EForbidden, key error.csrf), in the reader's language; nil answers
	// with plain text.
	CrossOrigin Responder
}

// Mount registers routes on mux. Each handler runs only after the request
// is authenticated and its principal holds the route's permission.
func (s *Server) Mount(mux *http.ServeMux, routes []Route, resp Responder) {
	for _, rt := range routes {
		mux.Handle(rt.Pattern(), s.wrap(rt, resp))
	}
}

func (s *Server) wrap(rt Route, resp Responder) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if limit := cmp.Or(rt.MaxBody, s.MaxBody); limit > 0 && r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		in := &Info{Source: clientIP(r, s.TrustProxy)}
		// The services write the client's address into the audit entries
		// of whatever this request changes.
		r = withInfo(r.WithContext(auth.WithSource(r.Context(), in.Source)), in)
		err := s.authenticate(r, in, rt)
		in.Lang = s.lang(r, in)
		in.P = s.Catalog.Printer(in.Lang)
		if err == nil && !rt.Public && !in.Principal.Can(rt.Perm) {
			err = borderlink.Errorf(borderlink.EForbidden, "error.forbidden", "permission "+string(rt.Perm)+" required")
		}
		if err == nil {
			err = checkRequestText(r)
		}
		if err != nil {
			if s.Denied != nil {
				s.Denied(r, in, rt, borderlink.ErrorCode(err))
			}
			resp.Error(w, r, err)
			return
		}
		rt.Handler(w, r)
	})
}

// authenticate fills in.Principal from the session cookie or the bearer
// token. A public route never fails here; a protected one fails with
// EUnauthorized (or EMFARequired for a session still owing its second factor).
func (s *Server) authenticate(r *http.Request, in *Info, rt Route) error {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return borderlink.Errorf(borderlink.EUnauthorized, "error.unauthorized", "Authorization must be a Bearer token")
		}
		p, err := s.Auth.AuthenticateToken(ctx, strings.TrimSpace(tok))
		if err != nil {
			return err
		}
		in.Principal = &p
		return nil
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		if rt.Public {
			return nil
		}
		return borderlink.Errorf(borderlink.EUnauthorized, "error.unauthorized", "sign-in required")
	}
	in.Token = c.Value
	p, sess, err := s.Auth.Authenticate(ctx, c.Value)
	switch {
	case err == nil:
		in.Principal, in.Session = &p, &sess
		return nil
	case rt.Public:
		return nil
	case rt.Pending && borderlink.IsCode(err, borderlink.EMFARequired):
		return nil
	}
	return err
}

// lang picks the language: the signed-in user's choice, then the language
// cookie, then Accept-Language, then the node's default.
func (s *Server) lang(r *http.Request, in *Info) borderlink.Lang {
	if in.Principal != nil && in.Principal.Lang != "" {
		return in.Principal.Lang
	}
	if c, err := r.Cookie(LangCookie); err == nil {
		if l, ok := borderlink.ParseLang(c.Value); ok {
			return l
		}
	}
	return i18n.Negotiate(r.Header.Get("Accept-Language"), s.DefaultLang)
}

// Protect wraps the whole handler: security headers, cross-origin request
// forgery protection (net/http.CrossOriginProtection: state-changing requests
// from another origin are refused), panic recovery and an access log line
// with no secrets (no query strings, no cookies).
func (s *Server) Protect(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOrigin))
	guarded := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				s.Log.Error("panic", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				http.Error(sw, "internal error", http.StatusInternalServerError)
			}
			s.Log.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status,
				"bytes", sw.bytes, "ms", time.Since(start).Milliseconds(), "ip", clientIP(r, s.TrustProxy))
		}()
		guarded.ServeHTTP(sw, r)
	})
}

// crossOrigin answers a state-changing request that came from another
// origin. Nothing of it has run; the session, if any, is not even looked up,
// so the language is the cookie's or the browser's.
func (s *Server) crossOrigin(w http.ResponseWriter, r *http.Request) {
	err := borderlink.Errorf(borderlink.EForbidden, "error.csrf", "cross-origin request refused")
	if s.CrossOrigin == nil {
		http.Error(w, err.Message, http.StatusForbidden)
		return
	}
	in := &Info{Source: clientIP(r, s.TrustProxy)}
	in.Lang = s.lang(r, in)
	in.P = s.Catalog.Printer(in.Lang)
	s.CrossOrigin.Error(w, withInfo(r, in), err)
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Flush lets Server-Sent Events through the wrapper.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Status maps an error code to its HTTP status.
func Status(code string) int {
	switch code {
	case borderlink.EInvalid:
		return http.StatusBadRequest
	case borderlink.ENotFound:
		return http.StatusNotFound
	case borderlink.EConflict:
		return http.StatusConflict
	case borderlink.EUnauthorized, borderlink.EMFARequired:
		return http.StatusUnauthorized
	case borderlink.EForbidden:
		return http.StatusForbidden
	case borderlink.ELocked:
		return http.StatusTooManyRequests
	case borderlink.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case borderlink.EUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

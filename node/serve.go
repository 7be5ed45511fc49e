package node

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/api"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/web"
)

// Handler returns the node's whole HTTP handler: pages, API, health checks
// and metrics, behind the protective middleware.
func (n *Node) Handler() (http.Handler, error) {
	srv := &httpx.Server{
		Auth:        n.Accounts,
		Catalog:     n.Catalog,
		DefaultLang: n.Config.Lang(),
		MaxBody:     n.Config.MaxBodyBytes,
		Log:         n.Log,
		Denied:      n.recordDenied,
	}
	wb := n.Web()
	if err := wb.Init(); err != nil {
		return nil, err
	}
	ap := n.API()
	mux := http.NewServeMux()
	srv.Mount(mux, wb.Routes(), wb)
	srv.Mount(mux, ap.Routes(), ap)
	srv.CrossOrigin = responder{api: ap, web: wb}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", n.ready)
	mux.Handle("GET /metrics", n.metrics.handler())
	return srv.Protect(n.metrics.instrument(mux)), nil
}

// responder answers errors met before a route is chosen: as JSON under
// /api/, as a page elsewhere.
type responder struct{ api, web httpx.Responder }

func (re responder) Error(w http.ResponseWriter, r *http.Request, err error) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		re.api.Error(w, r, err)
		return
	}
	re.web.Error(w, r, err)
}

// Web returns the HTML interface of the node.
func (n *Node) Web() *web.Web {
	return &web.Web{
		NodeID: n.Config.NodeID, NodeName: n.name(), Country: n.Config.Country,
		Accounts: n.Accounts, Units: n.Units, Audit: n.Audit, AuditDB: store.Domain[audit.Tx]{S: n.Store},
		AuditKey: n.Identity.PublicKey(), Clock: n.Clock, Secure: n.Config.HTTPS(), Log: n.Log,
		Hotline: n.Hotline, Federation: n.Federation, Stats: n.Stats, Catalog: n.Catalog,
		Import: n.Import, Cases: n.Cases, Translator: n.Translator, Screening: n.Screening,
		Wanted: n.Wanted,
	}
}

// API returns the JSON API of the node.
func (n *Node) API() *api.API {
	return &api.API{
		NodeID: n.Config.NodeID, Country: n.Config.Country, Version: Version,
		Accounts: n.Accounts, Units: n.Units, Audit: n.Audit, AuditDB: store.Domain[audit.Tx]{S: n.Store},
		AuditKey: n.Identity.PublicKey(), CertFingerprint: n.Identity.CertFingerprint(),
		Clock: n.Clock, Catalog: n.Catalog, Log: n.Log,
		Hotline: n.Hotline, Federation: n.Federation, Stats: n.Stats, Import: n.Import, Cases: n.Cases,
		Screening: n.Screening, Wanted: n.Wanted,
	}
}

// Version is the version the node reports (set by the command).
var Version = "dev"

// name is the node's display name: its ministry's name.
func (n *Node) name() borderlink.Text {
	if u, err := n.Units.Tree().Get(MinistryCode(n.Config.Country)); err == nil {
		return u.Name
	}
	id := string(n.Config.NodeID)
	return borderlink.Text{VI: id, LO: id, EN: id}
}

// ready answers 200 when the database answers, 503 otherwise.
func (n *Node) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain")
	if err := n.Store.Ping(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
		return
	}
	w.Write([]byte("ready\n"))
}

// recordDenied writes refused requests of signed-in users to the audit log
// (anonymous refusals are only logged: every expired session would otherwise
// fill the trail).
func (n *Node) recordDenied(r *http.Request, in *httpx.Info, rt httpx.Route, code string) {
	if in.Principal == nil || code != borderlink.EForbidden {
		return
	}
	ctx := context.WithoutCancel(r.Context())
	err := n.Store.Update(ctx, func(tx store.Tx) error {
		return n.Audit.Record(ctx, tx.Audit(), audit.Entry{
			Actor: in.Principal.Username, ActorUnit: in.Principal.Unit(), Action: "access.denied",
			ObjectType: "route", ObjectID: rt.Pattern(), Source: in.Source, Outcome: audit.OutcomeDenied,
			Detail: string(rt.Perm),
		})
	})
	if err != nil {
		n.Log.Error("audit: record denial", "err", err)
	}
}

// Serve listens on the configured addresses (the web and API listener, and
// the federation listener when configured) and serves until ctx ends, then
// shuts down gracefully (in-flight requests get up to 10 seconds).
func (n *Node) Serve(ctx context.Context) error {
	ln, err := net.Listen("tcp", n.Config.Listen)
	if err != nil {
		return fmt.Errorf("node: listen %s: %w", n.Config.Listen, err)
	}
	fln, err := n.listenFederation()
	if err != nil {
		ln.Close()
		return err
	}
	return n.ServeListeners(ctx, ln, fln)
}

// ServeListeners serves the web and API on ln and, when fln is not nil, the
// federation endpoints on fln, until ctx ends or one of them fails.
// The senders to peers and the escalation of overdue hotline messages run
// alongside.
func (n *Node) ServeListeners(ctx context.Context, ln, fln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 2)
	go func() { errc <- n.runExchange(ctx) }()
	waits := 1
	if fln != nil {
		waits++
		go func() { errc <- n.ServeFederation(ctx, fln); cancel() }()
	}
	err := n.ServeListener(ctx, ln)
	cancel()
	for range waits {
		err = errors.Join(err, <-errc)
	}
	return err
}

// ServeListener serves on ln until ctx ends.
func (n *Node) ServeListener(ctx context.Context, ln net.Listener) error {
	h, err := n.Handler()
	if err != nil {
		ln.Close()
		return err
	}
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() {
		if n.Config.HTTPS() {
			errc <- hs.ServeTLS(ln, n.Config.TLSCert, n.Config.TLSKey)
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	n.Log.Info("serving", "addr", ln.Addr().String(), "https", n.Config.HTTPS(), "engine", n.Store.Engine())
	select {
	case err := <-errc:
		return fmt.Errorf("node: serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = hs.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	n.Log.Info("stopped")
	return err
}

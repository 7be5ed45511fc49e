package transport

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
)

// Hello is a peer's answer to /federation/v1/hello: who it is and whom it
// recognised in the caller.
type Hello struct {
	Node   borderlink.NodeID `json:"node"`
	Caller borderlink.NodeID `json:"caller"`
	Time   time.Time         `json:"time"`
}

// Server serves the federation endpoints on a mutual-TLS listener.
type Server struct {
	Self  borderlink.NodeID
	Cert  tls.Certificate
	Peers PeerSource
	Clock borderlink.Clock
	Log   *slog.Logger
	// Handler serves further federation routes (envelopes, checkpoints);
	// it may be nil.
	Handler http.Handler
}

// PeerOf returns the peer that made a request on the federation listener
// (the same as federation.CallerOf(r.Context())).
func PeerOf(r *http.Request) (federation.Peer, bool) {
	return federation.CallerOf(r.Context())
}

func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /federation/v1/hello", func(w http.ResponseWriter, r *http.Request) {
		p, _ := PeerOf(r)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(Hello{Node: s.Self, Caller: p.ID, Time: s.Clock.Now()})
	})
	if s.Handler != nil {
		mux.Handle("/federation/", s.Handler)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.TLS == nil || len(r.TLS.PeerCertificates) == 0 {
			http.Error(w, "mutual TLS required", http.StatusForbidden)
			return
		}
		p, err := identify(r.Context(), s.Peers, r.TLS.PeerCertificates[0].Raw)
		if err != nil {
			http.Error(w, "unknown peer", http.StatusForbidden)
			return
		}
		mux.ServeHTTP(w, r.WithContext(federation.WithCaller(r.Context(), p)))
	})
}

// Serve accepts peers on ln until ctx ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler(),
		TLSConfig:         ServerConfig(s.Cert, s.Peers),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.Log.Handler(), slog.LevelDebug),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.ServeTLS(ln, "", "") }()
	s.Log.Info("federation listening", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("transport: serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// Client returns an HTTP client that calls peer p over mutual TLS.
func Client(own tls.Certificate, p federation.Peer) (*http.Client, error) {
	return federation.PinnedClient(own, p)
}

// SayHello calls p's hello endpoint: the check that peering works.
func SayHello(ctx context.Context, own tls.Certificate, p federation.Peer) (Hello, error) {
	c, err := Client(own, p)
	if err != nil {
		return Hello{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.URL+"/federation/v1/hello", nil)
	if err != nil {
		return Hello{}, err
	}
	res, err := c.Do(req)
	if err != nil {
		return Hello{}, fmt.Errorf("transport: hello %s: %w", p.ID, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return Hello{}, fmt.Errorf("transport: hello %s: status %d", p.ID, res.StatusCode)
	}
	var h Hello
	if err := json.NewDecoder(res.Body).Decode(&h); err != nil {
		return Hello{}, fmt.Errorf("transport: hello %s: %w", p.ID, err)
	}
	if h.Node != p.ID {
		return h, fmt.Errorf("transport: %s answered as %s", p.ID, h.Node)
	}
	return h, nil
}

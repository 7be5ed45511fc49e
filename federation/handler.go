package federation

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/borderlink/borderlink"
)

// Handler serves the federation endpoints, to be mounted under
// /federation/ on the mutual-TLS listener (transport.Server.Handler), which
// identifies the calling peer (CallerOf, the same as transport.PeerOf):
//
//	POST EnvelopesPath  a Batch; answers 200 with an Answer, 400 for a body
//	                    that is not a batch, 413 for more than MaxBatch
//	                    envelopes or MaxBatchBytes, 503 when this node cannot
//	                    store (the sender tries again later)
//	GET  WitnessPath    the WitnessState this node holds for the caller
//
// A request without an identified peer is answered 403.
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+EnvelopesPath, s.handleEnvelopes)
	mux.HandleFunc("GET "+WitnessPath, s.handleWitness)
	return mux
}

func (s *Service) handleEnvelopes(w http.ResponseWriter, r *http.Request) {
	p, ok := CallerOf(r.Context())
	if !ok {
		writeError(w, http.StatusForbidden, "not a peer")
		return
	}
	var b Batch
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBatchBytes)).Decode(&b); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("a batch is at most %d bytes", MaxBatchBytes))
			return
		}
		writeError(w, http.StatusBadRequest, "the body is not a batch of envelopes: "+err.Error())
		return
	}
	if len(b.Envelopes) > s.o.MaxBatch {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("a batch holds at most %d envelopes", s.o.MaxBatch))
		return
	}
	ans, err := s.receive(r.Context(), p, b, r.RemoteAddr)
	if err != nil {
		s.logger.Error("federation: receive", "peer", string(p.ID), "err", err)
		writeError(w, http.StatusServiceUnavailable, "this node cannot take envelopes now")
		return
	}
	writeJSON(w, http.StatusOK, ans)
}

func (s *Service) handleWitness(w http.ResponseWriter, r *http.Request) {
	p, ok := CallerOf(r.Context())
	if !ok {
		writeError(w, http.StatusForbidden, "not a peer")
		return
	}
	st, err := s.witnessState(r.Context(), p.ID)
	if err != nil {
		s.logger.Error("federation: witness state", "peer", string(p.ID), "err", err)
		writeError(w, http.StatusServiceUnavailable, "this node cannot read its witness state now")
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// wireError is the body of a failed federation request.
type wireError struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, wireError{Error: msg})
}

// notFound reports whether err is ENotFound.
func notFound(err error) bool { return borderlink.IsCode(err, borderlink.ENotFound) }

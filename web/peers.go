package web

import (
	"net/http"
	"time"

	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/internal/httpx"
)

// peerView is the health of the link to one peer node, in the reader's
// language.
type peerView struct {
	ID, URL                         string
	Queue                           string
	Lag, LastSuccess, LastError, At string
	Failures                        int
	RefusedBy, RefusedFrom          string
	Witnessed, WitnessedBy          string
	Fork                            string
	Healthy, Stale                  bool
	Refusals                        []refusalView
}

type refusalView struct {
	Time, Direction, Reason, Detail, Envelope string
}

// lagWarning is the age of the oldest queued envelope beyond which a link
// is shown as falling behind.
const lagWarning = time.Minute

// peersPage shows every peer with its queue, last success and error, lag,
// refused envelopes and the state of mutual audit witnessing. The peer
// list and its figures are operational data, not case data; viewing it is
// not audited beyond the access control every route has.
func (wb *Web) peersPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	hs, err := wb.Federation.Health(r.Context())
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	never := in.P.T("peers.never")
	at := func(t time.Time) string {
		if t.IsZero() {
			return never
		}
		return in.P.DateTime(t)
	}
	var out []peerView
	for _, h := range hs {
		v := peerView{ID: string(h.Peer), URL: h.URL, Queue: in.P.Int(int64(h.Queue)),
			Lag: in.P.T("peers.seconds", "n", in.P.Number(h.Lag.Seconds(), 1)), LastSuccess: at(h.LastSuccess),
			LastError: h.LastError, Failures: h.Failures,
			RefusedBy: in.P.Int(int64(h.RefusedByPeer)), RefusedFrom: in.P.Int(int64(h.RefusedFromPeer)),
			Witnessed: in.P.Int(h.Witnessed.Size), WitnessedBy: in.P.Int(h.WitnessedBy.Size),
			Healthy: h.Failures == 0 && h.Fork == nil && !h.LastSuccess.IsZero(), Stale: h.Lag > lagWarning}
		if !h.LastErrorAt.IsZero() {
			v.At = in.P.DateTime(h.LastErrorAt)
		}
		if h.Fork != nil {
			v.Fork = in.P.T("peers.fork_detail", "old", in.P.Int(h.Fork.OldSize), "new", in.P.Int(h.Fork.NewSize),
				"time", in.P.DateTime(h.Fork.Detected))
		}
		if refs, err := wb.Federation.Refusals(r.Context(), h.Peer, 10); err == nil {
			for _, rf := range refs {
				dir := in.P.T("peers.refused_in")
				if rf.Direction == federation.RefusedOut {
					dir = in.P.T("peers.refused_out")
				}
				v.Refusals = append(v.Refusals, refusalView{Time: in.P.DateTime(rf.Time), Direction: dir,
					Reason: in.P.T("federation.reason." + rf.Reason), Detail: rf.Detail, Envelope: rf.Envelope})
			}
		}
		out = append(out, v)
	}
	wb.render(w, r, http.StatusOK, "peers", &page{Title: in.P.T("peers.title"), Nav: "peers", Data: out})
}

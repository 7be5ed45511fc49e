package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/hotline/forms"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/httpx"
)

type channelList struct {
	Channels []hotline.Channel `json:"channels"`
}

// listChannels answers GET /api/v1/channels: the channels of the caller's
// units, cross-border and domestic, with unread counts.
func (a *API) listChannels(w http.ResponseWriter, r *http.Request) {
	chs, err := a.Hotline.Channels(r.Context(), principal(r))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if chs == nil {
		chs = []hotline.Channel{}
	}
	writeJSON(w, http.StatusOK, channelList{Channels: chs})
}

type messageList struct {
	Messages []hotline.Message `json:"messages"`
	Total    int               `json:"total"`
}

// sendMessage answers POST /api/v1/messages with the message as stored
// (201), in state queued.
func (a *API) sendMessage(w http.ResponseWriter, r *http.Request) {
	var nm hotline.NewMessage
	if err := httpx.DecodeJSON(r, &nm); err != nil {
		a.Error(w, r, err)
		return
	}
	if nm.Form != nil {
		// Phone numbers written the national way are read as the node's
		// country's; everything else is checked as sent.
		nm.Form.Fields = forms.Normalize(nm.Form.Type, nm.Form.Fields, forms.Options{Country: a.Country})
	}
	m, err := a.Hotline.Send(r.Context(), principal(r), nm)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/messages/"+m.ID)
	writeJSON(w, http.StatusCreated, m)
}

// MessageFilter reads the filters of a message list from the query:
// unit, channel, state, priority, since (RFC 3339 time or YYYY-MM-DD),
// q (words), unread (true), limit and offset.
func MessageFilter(r *http.Request) (hotline.Filter, error) {
	q := r.URL.Query()
	f := hotline.Filter{Unit: strings.TrimSpace(q.Get("unit")), Channel: q.Get("channel"), Query: q.Get("q")}
	var err error
	if s := q.Get("state"); s != "" {
		if f.State, err = hotline.ParseState(s); err != nil {
			return f, err
		}
	}
	if s := q.Get("priority"); s != "" {
		if f.Priority, err = hotline.ParsePriority(s); err != nil {
			return f, err
		}
	}
	if s := q.Get("since"); s != "" {
		if f.Since, err = parseSince(s); err != nil {
			return f, err
		}
	}
	switch q.Get("unread") {
	case "", "false", "0":
	case "true", "1":
		f.Unread = true
	default:
		return f, borderlink.Errorf(borderlink.EInvalid, "error.bad_param", "parameter unread must be true or false", "name", "unread")
	}
	if f.Limit, err = intParam(r, "limit", hotline.DefaultLimit); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(r, "offset", 0); err != nil {
		return f, err
	}
	return f, nil
}

// parseSince reads an RFC 3339 time or a date (midnight in Indochina Time,
// the border's time zone).
func parseSince(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, i18n.ICT); err == nil {
		return t, nil
	}
	return time.Time{}, borderlink.Errorf(borderlink.EInvalid, "error.bad_since",
		"parameter since must be a time such as 2026-11-25T08:00:00+07:00 or a date such as 2026-11-25", "value", s)
}

// listMessages answers GET /api/v1/messages with the messages the caller
// may see, newest first.
func (a *API) listMessages(w http.ResponseWriter, r *http.Request) {
	f, err := MessageFilter(r)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	ms, total, err := a.Hotline.Messages(r.Context(), principal(r), f)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if ms == nil {
		ms = []hotline.Message{}
	}
	writeJSON(w, http.StatusOK, messageList{Messages: ms, Total: total})
}

// getMessage answers GET /api/v1/messages/{id} with the message and its
// delivery states. Reading an incoming message marks it read.
func (a *API) getMessage(w http.ResponseWriter, r *http.Request) {
	m, err := a.Hotline.Message(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, m)
}

// ackMessage answers POST /api/v1/messages/{id}/ack with the acknowledged
// message.
func (a *API) ackMessage(w http.ResponseWriter, r *http.Request) {
	m, err := a.Hotline.Acknowledge(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, m)
}

// getThread answers GET /api/v1/threads/{id}: the messages of a thread
// the caller may see, oldest first.
func (a *API) getThread(w http.ResponseWriter, r *http.Request) {
	ms, err := a.Hotline.Thread(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if ms == nil {
		ms = []hotline.Message{}
	}
	writeJSON(w, http.StatusOK, messageList{Messages: ms, Total: len(ms)})
}

type alertList struct {
	Alerts []hotline.Alert `json:"alerts"`
}

// listAlerts answers GET /api/v1/alerts: open escalation alerts for the
// caller's units.
func (a *API) listAlerts(w http.ResponseWriter, r *http.Request) {
	as, err := a.Hotline.Alerts(r.Context(), principal(r))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if as == nil {
		as = []hotline.Alert{}
	}
	writeJSON(w, http.StatusOK, alertList{Alerts: as})
}

type peerHealthList struct {
	Peers []federation.PeerHealth `json:"peers"`
}

// peersHealth answers GET /api/v1/peers/health: queue, lag, last success
// and error, refusals and witnessing of every peer.
func (a *API) peersHealth(w http.ResponseWriter, r *http.Request) {
	hs, err := a.Federation.Health(r.Context())
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if hs == nil {
		hs = []federation.PeerHealth{}
	}
	writeJSON(w, http.StatusOK, peerHealthList{Peers: hs})
}

// maxMessageBody bounds a message sent as JSON: its files travel in it as
// base64 (4 bytes for every 3).
const maxMessageBody = (hotline.MaxAttachments*hotline.MaxAttachmentSize)/3*4 + 1<<20

// getAttachment returns the bytes of one file of a message, as they were
// sent (the Digest header carries their SHA-256).
func (a *API) getAttachment(w http.ResponseWriter, r *http.Request) {
	at, data, err := a.Hotline.AttachmentFile(r.Context(), principal(r), r.PathValue("id"), r.PathValue("att"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	httpx.ServeDownload(w, at.Name, at.ContentType, at.SHA256, data)
}

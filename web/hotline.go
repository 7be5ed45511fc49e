package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/hotline/forms"
	"github.com/borderlink/borderlink/internal/httpx"
)

// channelView is a hotline channel with its units named in the reader's
// language.
type channelView struct {
	ID, LocalUnit, RemoteUnit, LocalName, RemoteName string
	Level, Kind                                      string
	Domestic                                         bool
	Unread                                           int
}

type messageRow struct {
	ID, Subject, From, To, Created string
	Priority, PriorityClass        string
	State, StateClass              string
	Overdue                        string
	Files                          string // how many files, "" for none
	// Translated is the machine translation of the subject into the
	// node's language, when there is one: marked as such on the page.
	Translated, TranslatedLang, MachineLabel string
	Unread                                   bool
}

type alertView struct {
	MessageID, Text, Time   string
	Priority, PriorityClass string
}

type hotlineView struct {
	Channels []channelView
	Alerts   []alertView
}

func (wb *Web) unitName(code string, l borderlink.Lang) string {
	if u, err := wb.Units.Tree().Get(code); err == nil {
		return u.Name.In(l)
	}
	return code
}

func (wb *Web) channelView(in *httpx.Info, c hotline.Channel) channelView {
	kind := in.P.T("hotline.cross_border")
	if c.Domestic {
		kind = in.P.T("hotline.domestic")
	}
	return channelView{ID: c.ID, LocalUnit: c.LocalUnit, RemoteUnit: c.RemoteUnit,
		LocalName: wb.unitName(c.LocalUnit, in.Lang), RemoteName: wb.unitName(c.RemoteUnit, in.Lang),
		Level: in.P.T("level." + c.Level), Kind: kind, Domestic: c.Domestic, Unread: c.Unread}
}

func priorityClass(p hotline.Priority) string { return strings.ToLower(string(p)) }

func (wb *Web) messageRow(in *httpx.Info, m hotline.Message) messageRow {
	st := m.States.Current()
	row := messageRow{ID: m.ID, Subject: m.Subject, From: m.FromUnit, To: m.ToUnit, Created: in.P.DateTime(m.Created),
		Priority: in.P.T("hotline.priority_" + strings.ToLower(string(m.Priority))), PriorityClass: priorityClass(m.Priority),
		State: in.P.T("hotline.state_" + string(st)), StateClass: "state-" + string(st)}
	if st != hotline.Acknowledged && !m.Deadline.IsZero() && wb.Clock.Now().After(m.Deadline) {
		row.Overdue = in.P.T("hotline.overdue")
	}
	if row.Subject == "" {
		row.Subject = "—"
	}
	if n := len(m.Attachments); n > 0 {
		row.Files = in.P.T("hotline.files_count", "n", n)
	}
	if t := m.Translation; t != nil && t.Subject != "" && t.Subject != m.Subject && t.Lang != m.Lang {
		row.Translated, row.TranslatedLang, row.MachineLabel = t.Subject, string(t.Lang), in.P.T("hotline.mt_short")
	}
	return row
}

// hotlinePage lists the channels of the reader's units and the alerts for
// messages not acknowledged in time.
func (wb *Web) hotlinePage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	chs, err := wb.Hotline.Channels(r.Context(), *in.Principal)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	v := hotlineView{}
	for _, c := range chs {
		v.Channels = append(v.Channels, wb.channelView(in, c))
	}
	alerts, err := wb.Hotline.Alerts(r.Context(), *in.Principal)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	for _, a := range alerts {
		v.Alerts = append(v.Alerts, wb.alertView(in, a))
	}
	wb.render(w, r, http.StatusOK, "hotline", &page{Title: in.P.T("hotline.title"), Nav: "hotline", Data: v})
}

// alertView says which unit failed to acknowledge a message in time.
func (wb *Web) alertView(in *httpx.Info, a hotline.Alert) alertView {
	ch := a.ChannelID
	if l, r, ok := hotline.SplitChannel(a.ChannelID); ok {
		ch = wb.unitName(l, in.Lang) + " ⇄ " + wb.unitName(r, in.Lang)
	}
	return alertView{MessageID: a.MessageID, Time: in.P.DateTime(a.Raised),
		Text:     in.P.T("hotline.alert_text", "channel", ch, "deadline", in.P.DateTime(a.Deadline)),
		Priority: in.P.T("hotline.priority_" + strings.ToLower(string(a.Priority))), PriorityClass: priorityClass(a.Priority)}
}

// hotlineChannels is the channel list as an htmx fragment (refreshed by
// live events).
func (wb *Web) hotlineChannels(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	chs, err := wb.Hotline.Channels(r.Context(), *in.Principal)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	var out []channelView
	for _, c := range chs {
		out = append(out, wb.channelView(in, c))
	}
	wb.fragment(w, r, "hotline", "hotline_channels", out)
}

// hotlineUnread is the unread counter in the menu.
func (wb *Web) hotlineUnread(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	n, err := wb.Hotline.CountUnread(r.Context(), *in.Principal)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	body := ""
	if n > 0 {
		body = fmt.Sprintf(`<span class="badge urgent">%s</span>`, in.P.Int(int64(n)))
	}
	writeHTML(w, http.StatusOK, []byte(body))
}

type channelPageView struct {
	channelView
	Thread, Subject, Body string
	FormError             bool
	Priorities, Handlings []option
	FormTypes             []option
	Fields                []formInput
	Messages              []messageRow
}

func (wb *Web) channelMessages(r *http.Request, in *httpx.Info, id string) ([]messageRow, error) {
	ms, _, err := wb.Hotline.Messages(r.Context(), *in.Principal, hotline.Filter{Channel: id, Limit: 100})
	if err != nil {
		return nil, err
	}
	var rows []messageRow
	for _, m := range ms {
		rows = append(rows, wb.messageRow(in, m))
	}
	return rows, nil
}

// channelWithMessages loads the channel of the request's path and its
// messages for the reader, or answers the error and reports false.
func (wb *Web) channelWithMessages(w http.ResponseWriter, r *http.Request, in *httpx.Info) (hotline.Channel, []messageRow, bool) {
	c, err := wb.Hotline.Channel(r.Context(), *in.Principal, r.PathValue("id"))
	if err == nil {
		var rows []messageRow
		if rows, err = wb.channelMessages(r, in, c.ID); err == nil {
			return c, rows, true
		}
	}
	wb.Error(w, r, err)
	return hotline.Channel{}, nil, false
}

// channelPage shows a channel: the compose form and its messages, newest
// first, kept current by live events.
func (wb *Web) channelPage(w http.ResponseWriter, r *http.Request) {
	wb.showChannel(w, r, http.StatusOK, "", nil)
}

func (wb *Web) showChannel(w http.ResponseWriter, r *http.Request, status int, errMsg string, draft *hotline.NewMessage) {
	in := httpx.From(r)
	c, rows, ok := wb.channelWithMessages(w, r, in)
	if !ok {
		return
	}
	v := channelPageView{channelView: wb.channelView(in, c), Messages: rows, Thread: r.URL.Query().Get("thread")}
	pri, hand, formType := string(hotline.Routine), string(hotline.Releasable), ""
	if draft != nil {
		v.Thread, v.Subject, v.Body, v.FormError = draft.ThreadID, draft.Subject, draft.Body, true
		pri, hand = string(draft.Priority), string(draft.Handling)
		if draft.Form != nil {
			formType = draft.Form.Type
			v.Fields = wb.formInputs(in, formType, draft.Form.Fields)
		}
	}
	for _, p := range hotline.Priorities() {
		v.Priorities = append(v.Priorities, option{Value: string(p), Label: in.P.T("hotline.priority_" + strings.ToLower(string(p))), Selected: string(p) == pri})
	}
	for _, h := range hotline.Handlings() {
		v.Handlings = append(v.Handlings, option{Value: string(h), Label: in.P.T("hotline.handling_" + string(h)), Selected: string(h) == hand})
	}
	v.FormTypes = wb.formTypeOptions(in, formType)
	wb.render(w, r, status, "hotline_channel", &page{Title: v.RemoteName, Nav: "hotline", Error: errMsg, Data: v})
}

// channelMessagesFragment is the message list of a channel (htmx).
func (wb *Web) channelMessagesFragment(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	_, rows, ok := wb.channelWithMessages(w, r, in)
	if !ok {
		return
	}
	wb.fragment(w, r, "hotline_channel", "hotline_messages", rows)
}

// sendMessage sends the composed message on the channel.
func (wb *Web) sendMessage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	// A compose form with files is multipart: read it before any field.
	files, fileErr := uploadedFiles(r)
	c, err := wb.Hotline.Channel(r.Context(), *in.Principal, r.PathValue("id"))
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	lang, _ := borderlink.ParseLang(r.PostFormValue("lang"))
	nm := hotline.NewMessage{FromUnit: c.LocalUnit, ToUnit: c.RemoteUnit, ThreadID: r.PostFormValue("thread"),
		Priority: hotline.Priority(r.PostFormValue("priority")), Handling: hotline.Handling(r.PostFormValue("handling")),
		Subject: r.PostFormValue("subject"), Body: r.PostFormValue("body"), Lang: lang}
	if fileErr != nil {
		wb.showChannel(w, r, http.StatusBadRequest, in.P.Err(fileErr), &nm)
		return
	}
	nm.Attachments = files
	if ft := r.PostFormValue("form"); ft != "" {
		nm.Form = &hotline.FormData{Type: ft,
			Fields: forms.Normalize(ft, formFields(r, ft, string(lang)), forms.Options{Country: wb.Country})}
	}
	m, err := wb.Hotline.Send(r.Context(), *in.Principal, nm)
	if err != nil {
		if borderlink.IsCode(err, borderlink.EInvalid) {
			wb.showChannel(w, r, http.StatusBadRequest, in.P.Err(err), &nm)
			return
		}
		wb.Error(w, r, err)
		return
	}
	redirect(w, r, "/hotline/messages/"+m.ID)
}

type stateView struct {
	Name, Time, By string
}

type messageView struct {
	ID, ThreadID, ChannelID, ChannelName string
	Subject, Body, Lang, LangName        string
	Priority, PriorityClass              string
	From, To, Author, Handling           string
	Deadline, Overdue                    string
	FormTitle                            string
	Form                                 []renderedField
	Translation                          *hotline.Translation
	Attachments                          []attachmentView
	States                               []stateView
	CanAck                               bool
	Thread                               []messageRow
}

// messagePage shows one message with its form, its machine translation
// beside the original, and its delivery states. Opening it as a reader on
// the receiving side marks it read (the service sends the receipt).
func (wb *Web) messagePage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	m, err := wb.Hotline.Message(r.Context(), *in.Principal, r.PathValue("id"))
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	row := wb.messageRow(in, m)
	v := messageView{ID: m.ID, ThreadID: m.ThreadID, ChannelID: m.ChannelID, Subject: row.Subject, Body: m.Body,
		Lang: string(m.Lang), LangName: in.P.LangName(m.Lang), Priority: row.Priority, PriorityClass: row.PriorityClass,
		From: wb.unitName(m.FromUnit, in.Lang) + " (" + m.FromUnit + ")", To: wb.unitName(m.ToUnit, in.Lang) + " (" + m.ToUnit + ")",
		Author: m.AuthorName, Handling: in.P.T("hotline.handling_" + string(m.Handling)),
		Deadline: in.P.DateTime(m.Deadline), Overdue: row.Overdue, Translation: m.Translation,
		CanAck: wb.canAcknowledge(in, m)}
	v.ChannelName = wb.unitName(m.FromUnit, in.Lang) + " ⇄ " + wb.unitName(m.ToUnit, in.Lang)
	if m.Form != nil {
		v.FormTitle, v.Form = wb.renderForm(in, m.Form.Type, m.Form.Fields)
	}
	for _, a := range m.Attachments {
		av := attachmentView{Attachment: a, Size: in.P.Bytes(a.Size), Short: a.SHA256[:12]}
		switch a.State {
		case hotline.AttachmentPending:
			av.Note = in.P.T("hotline.attachment_pending")
		case hotline.AttachmentCorrupt:
			av.Note = in.P.T("hotline.attachment_corrupt")
		default:
			av.Ready = true
		}
		v.Attachments = append(v.Attachments, av)
	}
	for _, st := range hotline.StateOrder() {
		sv := stateView{Name: in.P.T("hotline.state_" + string(st))}
		if t := m.States.At(st); !t.IsZero() {
			sv.Time = in.P.DateTime(t)
		}
		switch st {
		case hotline.Read:
			sv.By = m.States.ReadBy
		case hotline.Acknowledged:
			sv.By = m.States.AcknowledgedBy
		}
		v.States = append(v.States, sv)
	}
	if thread, err := wb.Hotline.Thread(r.Context(), *in.Principal, m.ThreadID); err == nil && len(thread) > 1 {
		for _, t := range thread {
			v.Thread = append(v.Thread, wb.messageRow(in, t))
		}
	}
	wb.render(w, r, http.StatusOK, "hotline_message", &page{Title: v.Subject, Nav: "hotline", Data: v})
}

// canAcknowledge reports whether the reader may acknowledge m: it is not
// acknowledged yet, and the reader may send for its receiving unit but not
// for its sending unit (the service decides; this only shows the button).
func (wb *Web) canAcknowledge(in *httpx.Info, m hotline.Message) bool {
	tree := wb.Units.Tree()
	p := *in.Principal
	return m.States.Acknowledged.IsZero() && p.CanIn(auth.PermHotlineSend, m.ToUnit, tree) &&
		!p.CanIn(auth.PermHotlineSend, m.FromUnit, tree)
}

// acknowledge records the reader's acknowledgement of a message.
func (wb *Web) acknowledge(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	if _, err := wb.Hotline.Acknowledge(r.Context(), *in.Principal, r.PathValue("id")); err != nil {
		wb.Error(w, r, err)
		return
	}
	redirect(w, r, "/hotline/messages/"+r.PathValue("id"))
}

// events streams live hotline events (Server-Sent Events) for the reader's
// units; the pages refresh the parts concerned.
func (wb *Web) events(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	sub := wb.Hotline.Events().SubscribePrincipal(*in.Principal)
	defer sub.Close()
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": connected\n\n")
	rc.Flush()
	keepalive := time.NewTicker(25 * time.Second)
	defer keepalive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-sub.C:
			if !ok {
				return
			}
			// Each event twice: by type, for lists and counters, and by type
			// and message, for the page of that message.
			fmt.Fprintf(w, "event: %s\ndata: %s\n\nevent: %s-%s\ndata: %s\n\n",
				ev.Type, ev.MessageID, ev.Type, ev.MessageID, ev.MessageID)
			if rc.Flush() != nil {
				return
			}
		case <-keepalive.C:
			fmt.Fprint(w, ": keepalive\n\n")
			if rc.Flush() != nil {
				return
			}
		}
	}
}

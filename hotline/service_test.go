package hotline_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/hotline/forms"
)

func TestSendDomestic(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{noPeer: true})
	sub := e.svc.Events().Subscribe("VN-11")
	defer sub.Close()

	m := e.send(tuan, hotline.NewMessage{ToUnit: " vn-11 ", Subject: "Báo cáo nhanh", Body: "Phát hiện 2 đối tượng khả nghi tại bản Huổi Puốc."})
	if m.FromUnit != "VN-11-C001" || m.ToUnit != "VN-11" || m.ChannelID != "VN-11~VN-11-C001" || m.ThreadID != m.ID {
		t.Errorf("units and channel: %+v", m)
	}
	if m.Priority != hotline.Routine || m.Handling != hotline.Releasable || m.Lang != borderlink.LangVI || m.Origin != self {
		t.Errorf("defaults: %+v", m)
	}
	if m.Author != "tuan" || m.AuthorName != "Đ/c tuan" || !m.Created.Equal(start) || !m.Deadline.Equal(start.Add(24*time.Hour)) {
		t.Errorf("author and times: %+v", m)
	}
	// Both units are served here: the message is delivered at once.
	if m.State != hotline.Delivered || !m.States.Queued.Equal(start) || !m.States.Delivered.Equal(start) {
		t.Errorf("states: %s %+v", m.State, m.States)
	}
	r := e.record(m.ID)
	if r.FromScope != "/VN-MPS/VN-11/VN-11-C001/" || r.ToScope != "/VN-MPS/VN-11/" || !strings.Contains(r.Search, "huoi puoc") {
		t.Errorf("stored: scopes %q %q, search %q", r.FromScope, r.ToScope, r.Search)
	}
	if len(e.outbox("")) != 0 {
		t.Error("a domestic message went to the outbox")
	}
	es := e.entries("hotline.send", m.ID)
	if len(es) != 1 || es[0].Actor != "tuan" || es[0].ActorUnit != "VN-11-C001" || es[0].Outcome != audit.OutcomeOK {
		t.Errorf("audit: %+v", es)
	}
	select {
	case ev := <-sub.C:
		if ev.Type != hotline.EventMessage || ev.MessageID != m.ID || !slices.Equal(ev.Units, []string{"VN-11-C001", "VN-11"}) {
			t.Errorf("event: %+v", ev)
		}
	case <-time.After(5 * time.Second):
		t.Error("no event")
	}

	// Explicit values; the sending unit may be a sub-unit of the grant.
	m = e.send(hung, hotline.NewMessage{FromUnit: "VN-11-C001", ToUnit: "VN-11", Priority: "flash", Handling: "RESTRICTED",
		Lang: "LO", Subject: "  ດ່ວນ  ", Body: "a\n\tb"})
	if m.FromUnit != "VN-11-C001" || m.Priority != hotline.Flash || m.Handling != hotline.Restricted || m.Lang != borderlink.LangLO {
		t.Errorf("explicit values: %+v", m)
	}
	if m.Subject != "ດ່ວນ" || m.Body != "a\n\tb" || !m.Deadline.Equal(start.Add(15*time.Minute)) {
		t.Errorf("text and deadline: %q %q %v", m.Subject, m.Body, m.Deadline)
	}
	// Text is stored NFC.
	m = e.send(tuan, hotline.NewMessage{ToUnit: "VN-11", Subject: norm.NFD.String("Nguyễn"), Body: norm.NFD.String("Đường dây nóng")})
	if !norm.NFC.IsNormalString(m.Subject) || m.Subject != "Nguyễn" || m.Body != "Đường dây nóng" {
		t.Errorf("not NFC: %q %q", m.Subject, m.Body)
	}
}

func TestSendCrossBorder(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	m := e.send(hung, hotline.NewMessage{ToUnit: "LA-02", Priority: hotline.Urgent, Subject: "Đề nghị xác minh",
		Body: "Đề nghị xác minh xe tải biển số 27C-123.45."})
	if m.State != hotline.Queued || !m.States.Sent.IsZero() || m.ChannelID != "LA-02~VN-11" {
		t.Errorf("sent across the border: %s %+v", m.State, m)
	}
	r := e.record(m.ID)
	if r.FromScope != "/VN-MPS/VN-11/" || r.ToScope != "" {
		t.Errorf("scopes %q %q", r.FromScope, r.ToScope)
	}
	out := e.outbox(hotline.KindMessage)
	if len(out) != 1 || out[0].Destination != lao || out[0].Origin != self {
		t.Fatalf("outbox: %+v", out)
	}
	var w map[string]any
	if err := json.Unmarshal(out[0].Payload, &w); err != nil {
		t.Fatal(err)
	}
	if w["id"] != m.ID || w["to_unit"] != "LA-02" || w["priority"] != "URGENT" || w["states"] != nil || w["search"] != nil {
		t.Errorf("payload: %v", w)
	}

	// The peer took it.
	e.clock.Advance(time.Minute)
	if err := e.svc.Sent(e.ctx, e.clock.Now(), out[0], federation.Envelope{Kind: "other"}); err != nil {
		t.Fatal(err)
	}
	if r := e.record(m.ID); r.States.Current() != hotline.Sent || !r.States.Sent.Equal(start.Add(time.Minute)) {
		t.Errorf("after Sent: %+v", r.States)
	}
	if len(e.entries("hotline.sent", m.ID)) != 1 {
		t.Error("Sent is not audited")
	}
	// Told again, nothing changes.
	if err := e.svc.Sent(e.ctx, e.clock.Now().Add(time.Hour), out[0]); err != nil {
		t.Fatal(err)
	}
	if r := e.record(m.ID); !r.States.Sent.Equal(start.Add(time.Minute)) || len(e.entries("hotline.sent", m.ID)) != 1 {
		t.Errorf("Sent twice: %+v", r.States)
	}

	// Laos acknowledges: every earlier state is filled, once.
	at := start.Add(10 * time.Minute)
	ack := map[string]any{"message_id": m.ID, "state": "acknowledged", "unit": "LA-02", "actor": "somphone@la.mps", "at": at}
	for range 2 {
		if err := e.fromLaos(hotline.KindReceipt, ack); err != nil {
			t.Fatal(err)
		}
	}
	r = e.record(m.ID)
	if r.States.Current() != hotline.Acknowledged || !r.States.Delivered.Equal(at) || !r.States.Read.Equal(at) ||
		r.States.AcknowledgedBy != "somphone@la.mps" || !r.States.Sent.Equal(start.Add(time.Minute)) {
		t.Errorf("after the receipt: %+v", r.States)
	}
	if rs := e.receipts(m.ID); len(rs) != 1 || rs[0].Origin != lao || rs[0].State != hotline.Acknowledged {
		t.Errorf("receipts: %+v", rs)
	}
	if len(e.entries("hotline.receipt", m.ID)) != 1 {
		t.Error("the receipt is not audited once")
	}
	// A receipt about a unit the peer does not serve is refused.
	bad := map[string]any{"message_id": m.ID, "state": "read", "unit": "VN-14", "actor": "x@la.mps", "at": at}
	if err := e.fromLaos(hotline.KindReceipt, bad); !isRejection(err) {
		t.Errorf("receipt for another unit: %v", err)
	}

	// Without a peer for Laos, nothing is sent.
	e2 := newEnv(t, envOptions{noPeer: true})
	_, err := e2.svc.Send(e2.ctx, hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "x", Body: "y"})
	wantError(t, "no route", err, borderlink.EUnavailable, "error.hotline_no_route")
	if e2.stored() != 0 {
		t.Error("a message without a route was stored")
	}
}

func isRejection(err error) bool {
	var r *federation.Rejection
	return err != nil && asRejection(err, &r)
}

func asRejection(err error, r **federation.Rejection) bool {
	for err != nil {
		if x, ok := err.(*federation.Rejection); ok {
			*r = x
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

func TestSendRefusesBadMessages(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	ok := func(nm hotline.NewMessage) hotline.NewMessage {
		if nm.ToUnit == "" {
			nm.ToUnit = "LA-02"
		}
		if nm.Subject == "" {
			nm.Subject = "Tiêu đề"
		}
		if nm.Body == "" && nm.Form == nil {
			nm.Body = "Nội dung"
		}
		return nm
	}
	seizure := func(change func(map[string]any)) *hotline.FormData {
		f := map[string]any{
			"seized_at": "2026-03-10T08:00", "place": "VN-11",
			"items":   []any{map[string]any{"drug": "heroin", "weight": map[string]any{"value": 1.5, "unit": "kg"}}},
			"summary": map[string]any{"text": "Thu giữ 1,5 kg heroin.", "lang": "vi"},
		}
		if change != nil {
			change(f)
		}
		return &hotline.FormData{Type: "seizure", Fields: f}
	}
	for _, c := range []struct {
		name string
		p    auth.Principal
		nm   hotline.NewMessage
		code string
		key  string
	}{
		{"not a counterpart", hung, ok(hotline.NewMessage{ToUnit: "LA-07"}), borderlink.EInvalid, "error.hotline_no_channel"},
		{"another province", hung, ok(hotline.NewMessage{ToUnit: "VN-14"}), borderlink.EInvalid, "error.hotline_no_channel"},
		{"skipping a level", lan, ok(hotline.NewMessage{ToUnit: "VN-11-C001"}), borderlink.EInvalid, "error.hotline_no_channel"},
		{"to itself", hung, ok(hotline.NewMessage{ToUnit: "VN-11"}), borderlink.EInvalid, "error.hotline_no_channel"},
		{"a dissolved district", hung, ok(hotline.NewMessage{ToUnit: "VN-11-D01"}), borderlink.EInvalid, "error.hotline_no_channel"},
		{"no recipient", hung, hotline.NewMessage{Subject: "s", Body: "b"}, borderlink.EInvalid, "error.hotline_required"},
		{"unknown recipient", hung, ok(hotline.NewMessage{ToUnit: "VN-99"}), borderlink.ENotFound, "error.unknown_unit"},
		{"unknown sender", hung, ok(hotline.NewMessage{FromUnit: "VN-99"}), borderlink.ENotFound, "error.unknown_unit"},
		{"bad priority", hung, ok(hotline.NewMessage{Priority: "HIGH"}), borderlink.EInvalid, "error.hotline_priority"},
		{"bad handling", hung, ok(hotline.NewMessage{Handling: "secret"}), borderlink.EInvalid, "error.hotline_handling"},
		{"subject too long", hung, ok(hotline.NewMessage{Subject: strings.Repeat("ê", hotline.MaxSubject+1)}), borderlink.EInvalid, "error.hotline_too_long"},
		{"body too long", hung, ok(hotline.NewMessage{Body: strings.Repeat("a", hotline.MaxBody+1)}), borderlink.EInvalid, "error.hotline_too_long"},
		{"NUL in the subject", hung, ok(hotline.NewMessage{Subject: "a\x00b"}), borderlink.EInvalid, "error.hotline_bad_text"},
		{"escape in the body", hung, ok(hotline.NewMessage{Body: "\x1b[31mred"}), borderlink.EInvalid, "error.hotline_bad_text"},
		{"bell in the body", hung, ok(hotline.NewMessage{Body: "ding\a"}), borderlink.EInvalid, "error.hotline_bad_text"},
		{"invalid UTF-8", hung, ok(hotline.NewMessage{Body: "a\xffb"}), borderlink.EInvalid, "error.hotline_bad_text"},
		{"no subject", hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "  ", Body: "b"}, borderlink.EInvalid, "error.hotline_required"},
		{"no body", hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "s", Body: " \n "}, borderlink.EInvalid, "error.hotline_required"},
		{"unknown language", hung, ok(hotline.NewMessage{Lang: "th"}), borderlink.EInvalid, "error.hotline_lang"},
		{"language with a region", hung, ok(hotline.NewMessage{Lang: "vi-VN"}), borderlink.EInvalid, "error.hotline_lang"},
		{"no form type", hung, ok(hotline.NewMessage{Form: &hotline.FormData{Fields: map[string]any{}}}), borderlink.EInvalid, "error.hotline_required"},
		{"unknown form", hung, ok(hotline.NewMessage{Form: &hotline.FormData{Type: "rfi_boat"}}), borderlink.EInvalid, "error.form_unknown"},
		{"form without items", hung, ok(hotline.NewMessage{Form: seizure(func(f map[string]any) { delete(f, "items") })}), borderlink.EInvalid, "error.form_required"},
		{"form with two problems", hung, ok(hotline.NewMessage{Form: seizure(func(f map[string]any) { delete(f, "items"); delete(f, "place") })}), borderlink.EInvalid, "error.form_fields"},
		{"seizure in the future", hung, ok(hotline.NewMessage{Form: seizure(func(f map[string]any) { f["seized_at"] = "2026-03-10T11:00" })}), borderlink.EInvalid, "error.form_future"},
		{"form too large", hung, ok(hotline.NewMessage{Form: seizure(func(f map[string]any) {
			long := strings.Repeat("ກ", forms.MaxNameLen) // three bytes a letter
			var arrested []any
			for range 50 {
				arrested = append(arrested, map[string]any{"name": long, "alias": long})
			}
			f["arrested"] = arrested
			f["summary"] = map[string]any{"text": strings.Repeat("ກ", forms.MaxTextLen), "lang": "lo"}
		})}), borderlink.EInvalid, "error.hotline_too_long"},
		{"unknown thread", hung, ok(hotline.NewMessage{ThreadID: "0192f0e0-0000-7000-8000-000000000000"}), borderlink.EInvalid, "error.hotline_thread"},
		{"no unit", auth.Principal{Username: "x", Via: auth.ViaSession}, ok(hotline.NewMessage{}), borderlink.EInvalid, "error.hotline_from_unit"},
	} {
		_, err := e.svc.Send(e.ctx, c.p, c.nm)
		wantError(t, c.name, err, c.code, c.key)
	}
	if n := e.stored(); n != 0 {
		t.Errorf("%d refused messages were stored", n)
	}
	if n := len(e.outbox("")); n != 0 {
		t.Errorf("%d refused messages went to the outbox", n)
	}

	// The same form, well formed, is accepted and stored normalised.
	m := e.send(hung, ok(hotline.NewMessage{Form: seizure(nil)}))
	if m.Form == nil || m.Form.Fields["seized_at"] != "2026-03-10T01:00:00Z" {
		t.Fatalf("form: %+v", m.Form)
	}
	item := m.Form.Fields["items"].([]any)[0].(map[string]any)
	if item["drug"] != "HEROIN" {
		t.Errorf("form not normalised: %v", item)
	}
	if f := e.record(m.ID).Form; f == nil || f.Fields["seized_at"] != "2026-03-10T01:00:00Z" {
		t.Errorf("stored form: %+v", f)
	}
	// A form alone needs no body; the language is stored as its code.
	m = e.send(hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "Thông báo bắt giữ", Lang: "VI", Form: seizure(nil)})
	if m.Body != "" || m.Lang != borderlink.LangVI {
		t.Errorf("form only: body %q, lang %q", m.Body, m.Lang)
	}
	var w map[string]any
	out := e.outbox(hotline.KindMessage)
	if err := json.Unmarshal(out[len(out)-1].Payload, &w); err != nil || w["lang"] != "vi" {
		t.Errorf("lang on the wire: %v %v", w["lang"], err)
	}
}

func TestSendWithValidatorOnly(t *testing.T) {
	t.Parallel()
	var seen []string
	e := newEnv(t, envOptions{validate: func(typ string, fields map[string]any) error {
		seen = append(seen, typ)
		if typ != "ok" {
			return borderlink.Errorf(borderlink.EInvalid, "error.form_unknown", "unknown form "+typ, "type", typ)
		}
		return nil
	}})
	m := e.send(hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "s", Form: &hotline.FormData{Type: "ok", Fields: map[string]any{"x": "Y "}}})
	if m.Form.Fields["x"] != "Y " {
		t.Errorf("a validator changed the form: %v", m.Form.Fields)
	}
	_, err := e.svc.Send(e.ctx, hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "s", Form: &hotline.FormData{Type: "bad"}})
	wantError(t, "validator", err, borderlink.EInvalid, "error.form_unknown")
	if !slices.Equal(seen, []string{"ok", "bad"}) {
		t.Errorf("validator called for %v", seen)
	}
}

func TestSendPermissions(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	for _, c := range []struct {
		name string
		p    auth.Principal
		nm   hotline.NewMessage
	}{
		{"an analyst", an, hotline.NewMessage{ToUnit: "LA-02", Subject: "s", Body: "b"}},
		// Checked before anything else: a refused user learns nothing
		// about the message's other faults or the network.
		{"an analyst with a bad priority", an, hotline.NewMessage{ToUnit: "LA-02", Priority: "HIGH"}},
		{"another province's officer", son, hotline.NewMessage{FromUnit: "VN-11", ToUnit: "LA-02", Subject: "s", Body: "b"}},
		{"a commune for its province", tuan, hotline.NewMessage{FromUnit: "VN-11", ToUnit: "LA-02", Subject: "s", Body: "b"}},
	} {
		_, err := e.svc.Send(e.ctx, c.p, c.nm)
		wantError(t, c.name, err, borderlink.EForbidden, "error.hotline_cannot_send")
	}
	denied := e.entries("hotline.send", "")
	if len(denied) != 4 {
		t.Fatalf("%d audit entries of refused sends, want 4", len(denied))
	}
	for _, en := range denied {
		if en.Outcome != audit.OutcomeDenied || en.ObjectType != "message" {
			t.Errorf("refusal audited as %+v", en)
		}
	}
	if denied[0].Actor != "an" || denied[0].ActorUnit != "VN-11" || denied[2].Actor != "son" {
		t.Errorf("refusals: %+v", denied)
	}
	if e.stored() != 0 {
		t.Error("a refused message was stored")
	}
	// The system principal may send for any unit.
	if m := e.send(system, hotline.NewMessage{FromUnit: "VN-MPS", ToUnit: "LA-MPS", Subject: "s", Body: "b"}); m.Author != "cli" || m.Lang != borderlink.LangVI {
		t.Errorf("system send: %+v", m)
	}
	if es := e.entries("hotline.send", ""); es[len(es)-1].Actor != "system" || !strings.Contains(es[len(es)-1].Detail, "by cli") {
		t.Errorf("system send audited as %+v", es[len(es)-1])
	}
}

// TestHandlingCodes sends the province's three kinds of message to one of
// its communes and checks who reads which.
func TestHandlingCodes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	ids := map[hotline.Handling]string{}
	for _, h := range hotline.Handlings() {
		ids[h] = e.send(hung, hotline.NewMessage{ToUnit: "VN-11-C001", Handling: h, Subject: string(h), Body: "b"}).ID
	}
	for _, c := range []struct {
		reader auth.Principal
		sees   []hotline.Handling
	}{
		{hung, hotline.Handlings()},  // the author
		{thanh, hotline.Handlings()}, // the province commander
		{tuan, []hotline.Handling{hotline.Releasable, hotline.Restricted}},
		{chien, hotline.Handlings()}, // the commune commander
		{lan, []hotline.Handling{hotline.Releasable, hotline.Restricted}},
		{minh, []hotline.Handling{hotline.Releasable, hotline.Restricted}},
		{son, nil},
		{system, hotline.Handlings()},
	} {
		list, total, err := e.svc.Messages(e.ctx, c.reader, hotline.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []hotline.Handling
		for _, m := range list {
			got = append(got, m.Handling)
		}
		slices.Sort(got)
		want := slices.Clone(c.sees)
		slices.Sort(want)
		if !slices.Equal(got, want) || total != len(want) {
			t.Errorf("%s lists %v (total %d), want %v", c.reader.Username, got, total, want)
		}
		for _, h := range hotline.Handlings() {
			_, err := e.svc.Message(e.ctx, c.reader, ids[h])
			if slices.Contains(c.sees, h) != (err == nil) {
				t.Errorf("%s reading the %s message: %v", c.reader.Username, h, err)
			}
			if err != nil {
				wantError(t, "hidden message", err, borderlink.ENotFound, "error.hotline_unknown_message")
			}
		}
	}
	// Each refusal is audited.
	refused := 0
	for _, en := range e.entries("hotline.read", ids[hotline.Confidential]) {
		if en.Outcome == audit.OutcomeDenied {
			refused++
		}
	}
	if refused != 4 { // tuan, lan, minh, son
		t.Errorf("%d refused reads of the confidential message audited, want 4", refused)
	}
	// An analyst reads no hotline at all.
	_, _, err := e.svc.Messages(e.ctx, an, hotline.Filter{})
	wantError(t, "analyst", err, borderlink.EForbidden, "error.hotline_cannot_read")
	_, err = e.svc.Message(e.ctx, hung, "no-such-id")
	wantError(t, "unknown id", err, borderlink.ENotFound, "error.hotline_unknown_message")
}

func TestMessageMarksReadAndReceipts(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})

	// At home: reading marks the message read, without a receipt.
	m := e.send(tuan, hotline.NewMessage{ToUnit: "VN-11", Subject: "s", Body: "b"})
	if got := e.message(tuan, m.ID); got.State != hotline.Delivered {
		t.Errorf("the sender's reading changed the state to %s", got.State)
	}
	if n, _ := e.svc.CountUnread(e.ctx, hung); n != 1 {
		t.Errorf("unread before reading: %d", n)
	}
	e.clock.Advance(time.Minute)
	got := e.message(hung, m.ID)
	if got.State != hotline.Read || got.States.ReadBy != "hung@vn.mps" || !got.States.Read.Equal(start.Add(time.Minute)) {
		t.Errorf("read at home: %s %+v", got.State, got.States)
	}
	if n, _ := e.svc.CountUnread(e.ctx, hung); n != 0 {
		t.Errorf("unread after reading: %d", n)
	}
	if len(e.receipts(m.ID)) != 0 || len(e.outbox("")) != 0 {
		t.Error("a domestic message has receipts")
	}

	// From Laos: stored delivered, with its receipt on the way back.
	id := e.laoMessage("LA-02", "VN-11", hotline.Urgent, hotline.Releasable)
	r := e.record(id)
	if r.States.Current() != hotline.Delivered || r.ToScope != "/VN-MPS/VN-11/" || r.FromScope != "" || r.Origin != lao {
		t.Errorf("applied: %+v", r)
	}
	if rs := e.receipts(id); len(rs) != 1 || rs[0].State != hotline.Delivered || rs[0].Origin != self || rs[0].Unit != "VN-11" {
		t.Errorf("delivered receipt: %+v", rs)
	}
	if out := e.outbox(hotline.KindReceipt); len(out) != 1 {
		t.Errorf("%d receipts in the outbox", len(out))
	}
	if es := e.entries("hotline.receive", id); len(es) != 1 || es[0].Actor != "peer:la.mps" {
		t.Errorf("receive audited as %+v", es)
	}
	// The same envelope again is ignored.
	if err := e.fromLaos(hotline.KindMessage, map[string]any{"id": id, "thread_id": id}); err != nil {
		t.Errorf("a message applied twice: %v", err)
	}

	if n, _ := e.svc.CountUnread(e.ctx, hung); n != 1 {
		t.Errorf("unread: %d", n)
	}
	e.clock.Advance(time.Minute)
	got = e.message(hung, id)
	if got.State != hotline.Read || got.States.ReadBy != "hung@vn.mps" {
		t.Errorf("read: %+v", got.States)
	}
	rs := e.receipts(id)
	if len(rs) != 2 || rs[1].ID != hotline.ReceiptID(id, hotline.Read) || rs[1].Actor != "hung@vn.mps" {
		t.Errorf("receipts: %+v", rs)
	}
	out := e.outbox(hotline.KindReceipt)
	if len(out) != 2 {
		t.Fatalf("%d receipts in the outbox", len(out))
	}
	var w map[string]any
	if err := json.Unmarshal(out[1].Payload, &w); err != nil || w["message_id"] != id || w["state"] != "read" || w["unit"] != "VN-11" {
		t.Errorf("read receipt on the wire: %v %v", w, err)
	}
	// Reading again changes nothing, and each reading is audited.
	e.message(hung, id)
	e.message(thanh, id)
	if len(e.receipts(id)) != 2 || len(e.outbox(hotline.KindReceipt)) != 2 {
		t.Error("a second reading sent another receipt")
	}
	reads := e.entries("hotline.read", id)
	if len(reads) != 3 || reads[0].Actor != "hung" || reads[0].ActorUnit != "VN-11" || reads[2].Actor != "thanh" {
		t.Errorf("reads audited: %+v", reads)
	}
	// The message is in Vietnamese for this node; the peer's text is kept.
	if got.Subject != "ແຈ້ງການລົດບັນທຸກຕ້ອງສົງໄສ" || got.Lang != borderlink.LangLO {
		t.Errorf("text: %q %s", got.Subject, got.Lang)
	}
}

func TestAcknowledge(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	id := e.laoMessage("LA-02", "VN-11", hotline.Flash, hotline.Releasable)
	// Only the receiving side may acknowledge.
	for _, c := range []struct {
		p    auth.Principal
		code string
		key  string
	}{
		{tuan, borderlink.EForbidden, "error.hotline_not_recipient"}, // sees it, but is not its recipient
		{son, borderlink.ENotFound, "error.hotline_unknown_message"},
		{an, borderlink.ENotFound, "error.hotline_unknown_message"},
	} {
		_, err := e.svc.Acknowledge(e.ctx, c.p, id)
		wantError(t, "acknowledge by "+c.p.Username, err, c.code, c.key)
	}
	e.clock.Advance(3 * time.Minute)
	m, err := e.svc.Acknowledge(e.ctx, hung, id)
	if err != nil {
		t.Fatal(err)
	}
	at := start.Add(3 * time.Minute)
	if m.State != hotline.Acknowledged || m.States.AcknowledgedBy != "hung@vn.mps" || m.States.ReadBy != "hung@vn.mps" ||
		!m.States.Read.Equal(at) || !m.States.Acknowledged.Equal(at) {
		t.Errorf("acknowledged: %+v", m.States)
	}
	// Receipts of one moment come in no particular order.
	states := func() []hotline.State {
		var out []hotline.State
		for _, r := range e.receipts(id) {
			out = append(out, r.State)
		}
		slices.SortFunc(out, func(a, b hotline.State) int {
			return slices.Index(hotline.StateOrder(), a) - slices.Index(hotline.StateOrder(), b)
		})
		return out
	}
	if got := states(); !slices.Equal(got, []hotline.State{hotline.Delivered, hotline.Read, hotline.Acknowledged}) {
		t.Errorf("receipts: %v", got)
	}
	if n := len(e.outbox(hotline.KindReceipt)); n != 3 {
		t.Errorf("%d receipts in the outbox", n)
	}
	// Again: nothing changes.
	e.clock.Advance(time.Minute)
	m2, err := e.svc.Acknowledge(e.ctx, thanh, id)
	if err != nil || !m2.States.Acknowledged.Equal(at) || m2.States.AcknowledgedBy != "hung@vn.mps" || len(states()) != 3 {
		t.Errorf("acknowledged twice: %+v %v", m2.States, err)
	}
	if n := len(e.entries("hotline.ack", id)); n != 5 { // 3 refused, 2 accepted
		t.Errorf("%d acknowledgements audited", n)
	}

	// At home, the receiving unit acknowledges; the sending side cannot.
	d := e.send(tuan, hotline.NewMessage{ToUnit: "VN-11", Subject: "s", Body: "b"})
	_, err = e.svc.Acknowledge(e.ctx, tuan, d.ID)
	wantError(t, "the sender acknowledging", err, borderlink.EForbidden, "error.hotline_not_recipient")
	if m, err := e.svc.Acknowledge(e.ctx, thanh, d.ID); err != nil || m.State != hotline.Acknowledged || len(e.receipts(d.ID)) != 0 {
		t.Errorf("domestic acknowledgement: %+v %v", m, err)
	}
}

func TestThread(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	first := e.send(tuan, hotline.NewMessage{ToUnit: "VN-11", Subject: "Xin chỉ đạo", Body: "Đối tượng đã qua biên giới."})
	e.clock.Advance(time.Minute)
	reply := e.send(hung, hotline.NewMessage{ToUnit: "VN-11-C001", ThreadID: first.ID, Body: "Tiếp tục theo dõi."})
	if reply.ThreadID != first.ID || reply.Subject != "Xin chỉ đạo" {
		t.Errorf("reply: thread %s, subject %q", reply.ThreadID, reply.Subject)
	}
	e.clock.Advance(time.Minute)
	third := e.send(tuan, hotline.NewMessage{ToUnit: "VN-11", ThreadID: reply.ID, Subject: "Đã rõ", Body: "Rõ."})
	if third.ThreadID != first.ID || third.Subject != "Đã rõ" {
		t.Errorf("third: %+v", third)
	}
	other := e.send(hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "Khác", Body: "b"})

	msgs, err := e.svc.Thread(e.ctx, hung, third.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range msgs {
		got = append(got, m.ID)
	}
	if !slices.Equal(got, []string{first.ID, reply.ID, third.ID}) {
		t.Errorf("thread: %v", got)
	}
	if n := len(e.entries("hotline.list", first.ID)); n != 1 {
		t.Errorf("thread reading audited %d times for the first message", n)
	}
	// A thread belongs to its channel.
	_, err = e.svc.Send(e.ctx, hung, hotline.NewMessage{ToUnit: "LA-02", ThreadID: first.ID, Body: "b"})
	wantError(t, "thread of another channel", err, borderlink.EInvalid, "error.hotline_thread")
	// A thread the sender cannot see is no thread.
	conf := e.send(thanh, hotline.NewMessage{ToUnit: "VN-11-C001", Handling: hotline.Confidential, Subject: "mật", Body: "b"})
	_, err = e.svc.Send(e.ctx, tuan, hotline.NewMessage{ToUnit: "VN-11", ThreadID: conf.ID, Body: "b"})
	wantError(t, "hidden thread", err, borderlink.EInvalid, "error.hotline_thread")
	_, err = e.svc.Thread(e.ctx, son, first.ID)
	wantError(t, "thread of another province", err, borderlink.ENotFound, "error.hotline_unknown_message")
	if msgs, _ := e.svc.Thread(e.ctx, hung, other.ID); len(msgs) != 1 {
		t.Errorf("a thread of one: %d", len(msgs))
	}
}

func TestChannelsAndUnread(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	e.send(tuan, hotline.NewMessage{ToUnit: "VN-11", Subject: "1", Body: "b"})
	e.send(tuan, hotline.NewMessage{ToUnit: "VN-11", Subject: "2", Body: "b"})
	e.laoMessage("LA-02", "VN-11", hotline.Routine, hotline.Releasable)
	e.send(hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "out", Body: "b"})

	chs, err := e.svc.Channels(e.ctx, hung)
	if err != nil {
		t.Fatal(err)
	}
	unread := map[string]int{}
	var remotes []string
	for _, c := range chs {
		if c.LocalUnit != "VN-11" {
			t.Errorf("channel of another unit: %+v", c)
		}
		unread[c.ID] = c.Unread
		remotes = append(remotes, c.RemoteUnit)
	}
	if len(remotes) < 4 || remotes[0] != "LA-02" || !slices.Contains(remotes, "VN-MPS") || !slices.Contains(remotes, "VN-11-C001") {
		t.Errorf("channels of VN-11: %v", remotes)
	}
	if unread["VN-11~VN-11-C001"] != 2 || unread["LA-02~VN-11"] != 1 || unread["VN-11~VN-MPS"] != 0 {
		t.Errorf("unread by channel: %v", unread)
	}
	if n, _ := e.svc.CountUnread(e.ctx, hung); n != 3 {
		t.Errorf("CountUnread = %d", n)
	}
	if n, _ := e.svc.CountUnread(e.ctx, tuan); n != 0 {
		t.Errorf("the sender has %d unread", n)
	}
	if n, _ := e.svc.CountUnread(e.ctx, an); n != 0 {
		t.Errorf("an analyst has %d unread", n)
	}
	list, total, err := e.svc.Messages(e.ctx, hung, hotline.Filter{Unread: true})
	if err != nil || total != 3 || len(list) != 3 {
		t.Errorf("unread list: %d of %d, %v", len(list), total, err)
	}

	c, err := e.svc.Channel(e.ctx, hung, "LA-02~VN-11")
	if err != nil || c.LocalUnit != "VN-11" || c.RemoteUnit != "LA-02" || c.Unread != 1 || c.Domestic || c.Level != "province" {
		t.Errorf("Channel: %+v %v", c, err)
	}
	c, err = e.svc.Channel(e.ctx, tuan, "VN-11~VN-11-C001")
	if err != nil || c.LocalUnit != "VN-11-C001" || !c.Domestic || c.Unread != 0 {
		t.Errorf("domestic channel seen from the commune: %+v %v", c, err)
	}
	_, err = e.svc.Channel(e.ctx, son, "LA-02~VN-11")
	wantError(t, "channel of another province", err, borderlink.EForbidden, "error.hotline_cannot_read")
	for _, id := range []string{"VN-11~LA-02", "LA-07~VN-11", "nonsense", "LA-02~LA-06"} {
		_, err = e.svc.Channel(e.ctx, hung, id)
		wantError(t, "channel "+id, err, borderlink.ENotFound, "error.hotline_unknown_channel")
	}
	if chs, err := e.svc.Channels(e.ctx, an); err != nil || len(chs) != 0 {
		t.Errorf("an analyst's channels: %v %v", chs, err)
	}
}

func TestMessagesSearchAndAudit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	a := e.send(hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "Đối tượng Vàng A Páo", Body: "Người Việt, vận chuyển heroin."})
	b := e.send(hung, hotline.NewMessage{ToUnit: "LA-02", Priority: hotline.Flash, Subject: "ດ່ວນ", Body: "ລົດບັນທຸກ ຫຼວງພະບາງ"})
	for q, want := range map[string][]string{
		"vang a pao":       {a.ID},
		"NGUOI VIET":       {a.ID},
		"heroin nguoi":     {a.ID},
		"ຫລວງພະບາງ":        {b.ID},
		"heroin ຫຼວງພະບາງ": nil,
		"":                 {b.ID, a.ID},
	} {
		list, total, err := e.svc.Messages(e.ctx, hung, hotline.Filter{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range list {
			got = append(got, m.ID)
		}
		if !slices.Equal(got, want) || total != len(want) {
			t.Errorf("search %q: %v, want %v", q, got, want)
		}
	}
	list, _, err := e.svc.Messages(e.ctx, hung, hotline.Filter{Priority: "flash", State: "QUEUED"})
	if err != nil || len(list) != 1 || list[0].ID != b.ID {
		t.Errorf("filter: %v %v", list, err)
	}
	_, _, err = e.svc.Messages(e.ctx, hung, hotline.Filter{State: "lost"})
	wantError(t, "bad state", err, borderlink.EInvalid, "error.hotline_state")
	_, _, err = e.svc.Messages(e.ctx, hung, hotline.Filter{Priority: "HIGH"})
	wantError(t, "bad priority", err, borderlink.EInvalid, "error.hotline_priority")
	// Every message shown in a list is audited.
	listed := e.entries("hotline.list", a.ID)
	if len(listed) != 4 || listed[0].Actor != "hung" || listed[0].ActorUnit != "VN-11" {
		t.Errorf("listing audited as %+v", listed)
	}
	// Limits.
	list, total, err := e.svc.Messages(e.ctx, hung, hotline.Filter{Limit: 1, Offset: 1})
	if err != nil || len(list) != 1 || total != 2 || list[0].ID != a.ID {
		t.Errorf("page: %v %d %v", list, total, err)
	}
}

func TestEscalate(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	sub := e.svc.Events().Subscribe("VN-MPS")
	defer sub.Close()
	home := e.send(tuan, hotline.NewMessage{ToUnit: "VN-11", Priority: hotline.Flash, Subject: "Khẩn", Body: "b"})
	abroad := e.send(hung, hotline.NewMessage{ToUnit: "LA-02", Priority: hotline.Flash, Subject: "Khẩn", Body: "b"})
	early := e.send(tuan, hotline.NewMessage{ToUnit: "VN-11", Priority: hotline.Flash, Subject: "Đã xử lý", Body: "b"})
	if _, err := e.svc.Acknowledge(e.ctx, hung, early.ID); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(14 * time.Minute)
	if n, err := e.svc.Escalate(e.ctx); err != nil || n != 0 {
		t.Fatalf("before the deadline: %d alerts, %v", n, err)
	}
	e.clock.Advance(2 * time.Minute)
	n, err := e.svc.Escalate(e.ctx)
	if err != nil || n != 3 {
		t.Fatalf("after the deadline: %d alerts, %v", n, err)
	}
	if n, err := e.svc.Escalate(e.ctx); err != nil || n != 0 {
		t.Errorf("escalating again raised %d alerts, %v", n, err)
	}
	if got := len(e.entries("hotline.escalate", "")); got != 3 {
		t.Errorf("%d escalations audited", got)
	}

	type key struct{ msg, unit, about string }
	alerts := func(p auth.Principal) []key {
		as, err := e.svc.Alerts(e.ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		n, err := e.svc.CountAlerts(e.ctx, p)
		if err != nil || n != len(as) {
			t.Errorf("CountAlerts = %d, %v; Alerts gives %d", n, err, len(as))
		}
		var out []key
		for _, a := range as {
			out = append(out, key{a.MessageID, a.Unit, a.About})
			if a.Priority != hotline.Flash || !a.Deadline.Equal(start.Add(15*time.Minute)) || !a.Raised.Equal(start.Add(16*time.Minute)) {
				t.Errorf("alert: %+v", a)
			}
		}
		slices.SortFunc(out, func(a, b key) int { return strings.Compare(a.msg+a.unit, b.msg+b.unit) })
		return out
	}
	sorted := func(ks ...key) []key {
		slices.SortFunc(ks, func(a, b key) int { return strings.Compare(a.msg+a.unit, b.msg+b.unit) })
		return ks
	}
	// Both sides of a domestic channel alert their parents; a message to
	// Laos alerts the sender's parent only.
	toProvince := key{home.ID, "VN-11", "VN-11-C001"}
	toMinistryHome := key{home.ID, "VN-MPS", "VN-11"}
	toMinistryAbroad := key{abroad.ID, "VN-MPS", "VN-11"}
	for _, c := range []struct {
		p    auth.Principal
		want []key
	}{
		{hung, sorted(toProvince)},
		{thanh, sorted(toProvince)},
		{minh, sorted(toProvince, toMinistryHome, toMinistryAbroad)},
		{system, sorted(toProvince, toMinistryHome, toMinistryAbroad)},
		{tuan, nil},
		{son, nil},
		{an, nil},
	} {
		if got := alerts(c.p); !slices.Equal(got, c.want) {
			t.Errorf("alerts of %s: %v, want %v", c.p.Username, got, c.want)
		}
	}
	var events int
	for len(sub.C) > 0 {
		if ev := <-sub.C; ev.Type == hotline.EventAlert {
			events++
		}
	}
	if events != 3 {
		t.Errorf("%d alert events", events)
	}

	// Acknowledging late resolves the alerts about the message.
	if _, err := e.svc.Acknowledge(e.ctx, hung, home.ID); err != nil {
		t.Fatal(err)
	}
	if got := alerts(minh); !slices.Equal(got, []key{toMinistryAbroad}) {
		t.Errorf("after the acknowledgement: %v", got)
	}
	// So does the partner's acknowledgement.
	ack := map[string]any{"message_id": abroad.ID, "state": "acknowledged", "unit": "LA-02", "actor": "somphone@la.mps", "at": e.clock.Now()}
	if err := e.fromLaos(hotline.KindReceipt, ack); err != nil {
		t.Fatal(err)
	}
	if got := alerts(system); len(got) != 0 {
		t.Errorf("alerts left: %v", got)
	}
	if n, _ := e.svc.Escalate(e.ctx); n != 0 {
		t.Errorf("resolved messages escalated again: %d", n)
	}
}

// translator puts a mark before the text, or fails when told to.
type translator struct{ fail bool }

func (tr translator) Translate(_ context.Context, text string, from, to borderlink.Lang) (string, string, error) {
	if tr.fail {
		return "", "", errors.New("translation service down")
	}
	return "[" + string(from) + "→" + string(to) + "] " + text, "test-engine", nil
}

func TestTranslation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{translator: translator{}})
	sub := e.svc.Events().Subscribe()
	defer sub.Close()
	id := e.laoMessage("LA-02", "VN-11", hotline.Routine, hotline.Releasable)
	waitFor(t, sub, hotline.EventTranslation, id)
	m := e.message(hung, id)
	tr := m.Translation
	if tr == nil || tr.Lang != borderlink.LangVI || !tr.Machine || tr.Engine != "test-engine" ||
		tr.Subject != "[lo→vi] ແຈ້ງການລົດບັນທຸກຕ້ອງສົງໄສ" || !strings.HasPrefix(tr.Text, "[lo→vi] ") {
		t.Fatalf("translation: %+v", tr)
	}
	if m.Subject != "ແຈ້ງການລົດບັນທຸກຕ້ອງສົງໄສ" {
		t.Error("the translation replaced the original")
	}
	if es := e.entries("hotline.translate", id); len(es) != 1 || es[0].Actor != "system" {
		t.Errorf("translation audited as %+v", es)
	}
	// Messages in the node's language, and messages sent from here, are
	// not translated.
	own := e.send(hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "s", Body: "b", Lang: "lo"})
	if e.message(hung, own.ID).Translation != nil {
		t.Error("an outgoing message was translated")
	}

	// A failing translator leaves the message untranslated, and delivered.
	f := newEnv(t, envOptions{translator: translator{fail: true}})
	id = f.laoMessage("LA-02", "VN-11", hotline.Routine, hotline.Releasable)
	f.svc.Close() // waits for the translation in flight
	if r := f.record(id); r.States.Current() != hotline.Delivered || len(f.entries("hotline.translate", id)) != 0 {
		t.Errorf("after a failed translation: %+v", r.States)
	}
}

// waitFor waits for an event of type typ about message id.
func waitFor(t *testing.T, sub *hotline.Subscription, typ, id string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev := <-sub.C:
			if ev.Type == typ && ev.MessageID == id {
				return
			}
		case <-timeout:
			t.Fatalf("no %s event about %s", typ, id)
		}
	}
}

// TestApplyRefusesBadMessages: a peer's message is checked as a local
// sender's is, and must be between a unit the peer serves and one this
// node serves, on a channel.
func TestApplyRefusesBadMessages(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	good := func(change func(m map[string]any)) map[string]any {
		id := borderlink.NewID()
		m := map[string]any{
			"id": id, "thread_id": id, "channel_id": "LA-02~VN-11", "from_unit": "LA-02", "to_unit": "VN-11",
			"author": "somphone", "author_name": "ທ້າວ ສົມພອນ", "priority": "URGENT", "handling": "releasable",
			"subject": "ຫົວຂໍ້", "body": "ເນື້ອໃນ", "lang": "lo", "created": start, "deadline": start.Add(2 * time.Hour),
		}
		change(m)
		return m
	}
	for name, change := range map[string]func(map[string]any){
		"from a unit the peer does not serve": func(m map[string]any) {
			m["from_unit"], m["to_unit"], m["channel_id"] = "VN-11-C001", "VN-11", "VN-11~VN-11-C001"
		},
		"to a unit of the peer":            func(m map[string]any) { m["to_unit"], m["channel_id"] = "LA-MPS", "LA-02~LA-MPS" },
		"between units with no channel":    func(m map[string]any) { m["to_unit"], m["channel_id"] = "VN-14", "LA-02~VN-14" },
		"on another channel":               func(m map[string]any) { m["channel_id"] = "LA-06~VN-11" },
		"an unknown unit":                  func(m map[string]any) { m["from_unit"] = "LA-99" },
		"a bad priority":                   func(m map[string]any) { m["priority"] = "urgent" },
		"a bad handling code":              func(m map[string]any) { m["handling"] = "secret" },
		"a control character":              func(m map[string]any) { m["body"] = "ok\x1b[2J" },
		"no author":                        func(m map[string]any) { m["author"] = "" },
		"a deadline before it was written": func(m map[string]any) { m["deadline"] = start.Add(-time.Minute) },
		"a bad form": func(m map[string]any) {
			m["form"] = map[string]any{"type": "sitrep", "fields": map[string]any{"cases": "many"}}
		},
		"an unknown field": func(m map[string]any) { m["states"] = map[string]any{} },
	} {
		if err := e.fromLaos(hotline.KindMessage, good(change)); !isRejection(err) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if n := e.stored(); n != 0 {
		t.Errorf("%d refused messages stored", n)
	}
	// The form is judged at the time the message was written, not when it
	// arrives: a reply date of that day is still good days later.
	e.clock.Advance(72 * time.Hour)
	withForm := good(func(m map[string]any) {
		m["form"] = map[string]any{"type": "rfi_vehicle", "fields": map[string]any{
			"plate": "ກຂ1234", "plate_country": "LA", "vehicle_type": "truck", "requested": []any{"owner"},
			"reason": map[string]any{"text": "ກວດສອບ", "lang": "lo"}, "reply_by": "2026-03-10",
		}}
	})
	if err := e.fromLaos(hotline.KindMessage, withForm); err != nil {
		t.Fatalf("a good form, late: %v", err)
	}
	if e.stored() != 1 {
		t.Error("the message with a form was not stored")
	}
}

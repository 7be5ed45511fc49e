package e2e

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
	"github.com/borderlink/borderlink/store"
)

// federate makes vn and la each other's peers over mutual TLS on loopback
// and runs their senders (and escalation) until the test ends.
func federate(t *testing.T, nodes ...*nodetest.Node) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	peers := make([]federation.Peer, len(nodes))
	for i, n := range nodes {
		peers[i] = startFederation(t, n)
	}
	for i, n := range nodes {
		for j := range nodes {
			if i == j {
				continue
			}
			if err := n.Peers.Add(ctx, "test", "test", peers[j]); err != nil {
				t.Fatal(err)
			}
		}
	}
	done := make(chan struct{}, len(nodes))
	for _, n := range nodes {
		go func() { n.Federation.Run(ctx); done <- struct{}{} }()
	}
	t.Cleanup(func() {
		cancel()
		for range nodes {
			<-done
		}
	})
}

// borderUser creates an account with role over unit and returns an API
// token for it.
func borderUser(t *testing.T, n *nodetest.Node, username string, role auth.Role, unit string) string {
	t.Helper()
	ctx := context.Background()
	if _, err := n.Accounts.CreateUser(ctx, auth.System("test"), auth.NewUser{Username: username, DisplayName: username,
		Password: "pw-" + username + "-0123456789", Role: role, Unit: unit}); err != nil {
		t.Fatal(err)
	}
	tok, _, err := n.Accounts.CreateToken(ctx, auth.System("test"), username, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	n.Passwords[username] = "pw-" + username + "-0123456789"
	return tok
}

// eventually polls cond until it holds, failing the test after a generous
// deadline (the machine may be slow; nothing here measures time).
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func getJSON(t *testing.T, n *nodetest.Node, path, token string, out any, header ...string) int {
	t.Helper()
	code, body := n.Do(t, nil, "GET", path, token, "", "", header...)
	if code == http.StatusOK && out != nil {
		if err := json.Unmarshal([]byte(body), out); err != nil {
			t.Fatalf("GET %s: %v: %s", path, err, body)
		}
	}
	return code
}

// TestHotlineAcrossTheBorder is the story of the hotline: a Vietnamese
// border-province officer sends an URGENT request to locate a fugitive to
// the facing Lao province; it arrives on the Lao node, is read there in
// Lao with a machine translation beside the Vietnamese note, and is
// acknowledged; the sender sees every delivery state. A second message
// left unacknowledged past its deadline alerts the parent units on both
// sides. Both audit logs verify afterwards.
func TestHotlineAcrossTheBorder(t *testing.T) {
	vn := nodetest.MustStart(t, nodetest.Options{Demo: true})
	la := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA", Demo: true})
	federate(t, vn, la)
	vnTok := borderUser(t, vn, "hung", auth.RoleOfficer, "VN-40")
	laTok := borderUser(t, la, "bounmy", auth.RoleOfficer, "LA-07")

	var chs struct{ Channels []hotline.Channel }
	if code := getJSON(t, vn, "/api/v1/channels", vnTok, &chs); code != http.StatusOK {
		t.Fatalf("channels: %d", code)
	}
	found := false
	for _, c := range chs.Channels {
		if c.LocalUnit == "VN-40" && c.RemoteUnit == "LA-07" && !c.Domestic && c.Level == "province" {
			found = true
		}
	}
	if !found {
		t.Fatalf("no VN-40 ⇄ LA-07 province channel among %+v", chs.Channels)
	}

	body := `{"to_unit":"LA-07","priority":"URGENT","subject":"Đề nghị truy tìm đối tượng truy nã","lang":"vi",
	 "body":"Đề nghị phối hợp truy bắt đối tượng buôn bán ma túy, nghi lẩn trốn tại Hủa Phăn.",
	 "form":{"type":"locate_fugitive","fields":{
	   "subject":{"name":"Lầu Bá Chò","sex":"M","nationality":"VN"},
	   "action":"locate_arrest","offence":"drug_trafficking","phone":"+856 (0)20 5555 1234",
	   "details":{"text":"Có hình xăm ở cánh tay trái.","lang":"vi"}}}}`
	code, out := vn.Do(t, nil, "POST", "/api/v1/messages", vnTok, "application/json", body)
	if code != http.StatusCreated {
		t.Fatalf("send: %d %s", code, out)
	}
	var sent hotline.Message
	if err := json.Unmarshal([]byte(out), &sent); err != nil {
		t.Fatal(err)
	}
	if sent.State != hotline.Queued || sent.Deadline.Sub(sent.Created) != 2*time.Hour {
		t.Fatalf("sent = state %s, deadline %v after creation; want queued, 2h", sent.State, sent.Deadline.Sub(sent.Created))
	}

	// It arrives on la.mps and is listed for the Lao officer, unread.
	eventually(t, "the message on la.mps", func() bool {
		var l struct{ Messages []hotline.Message }
		getJSON(t, la, "/api/v1/messages?unread=true", laTok, &l)
		return len(l.Messages) == 1 && l.Messages[0].ID == sent.ID
	})
	// The Lao officer reads it in Lao: the page renders the form in Lao
	// and the Vietnamese note beside its machine translation.
	c := la.MustLogin(t, "bounmy", la.Passwords["bounmy"])
	code, page := la.Do(t, c, "GET", "/hotline/messages/"+sent.ID, "", "", "")
	if code != http.StatusOK {
		t.Fatalf("message page: %d", code)
	}
	page = html.UnescapeString(page)
	for _, want := range []string{"Lầu Bá Chò", "Đề nghị phối hợp truy bắt", "+856 20 5555 1234"} {
		if !strings.Contains(page, want) {
			t.Errorf("message page lacks %q", want)
		}
	}
	if !strings.Contains(page, la.Catalog.Printer("lo").T("hotline.machine_translation")) &&
		!strings.Contains(page, la.Catalog.Printer("lo").T("hotline.original")) {
		t.Errorf("message page in Lao lacks the original/translation headings")
	}
	// The channel's list shows the subject's machine translation beside
	// it, marked as such, once it is made.
	mt := la.Catalog.Printer("lo").T("hotline.mt_short")
	eventually(t, "the translated subject in the Lao list", func() bool {
		_, list := la.Do(t, c, "GET", "/hotline/channels/"+hotline.ChannelID("VN-40", "LA-07")+"/messages", "", "", "")
		return strings.Contains(html.UnescapeString(list), mt)
	})
	// Acknowledge through the API.
	code, out = la.Do(t, nil, "POST", "/api/v1/messages/"+sent.ID+"/ack", laTok, "", "")
	if code != http.StatusOK {
		t.Fatalf("ack: %d %s", code, out)
	}
	// The sender sees every state with its time.
	eventually(t, "acknowledged on vn.mps", func() bool {
		var m hotline.Message
		getJSON(t, vn, "/api/v1/messages/"+sent.ID, vnTok, &m)
		s := m.States
		return m.State == hotline.Acknowledged && !s.Sent.IsZero() && !s.Delivered.IsZero() && !s.Read.IsZero() &&
			strings.HasPrefix(s.AcknowledgedBy, "bounmy@")
	})

	// A FLASH message nobody acknowledges alerts the ministries on both
	// sides once its deadline has passed.
	code, out = vn.Do(t, nil, "POST", "/api/v1/messages", vnTok, "application/json",
		`{"to_unit":"LA-07","priority":"FLASH","subject":"Xe nghi chở ma túy đang qua biên giới","body":"Đề nghị chặn kiểm tra ngay.","lang":"vi"}`)
	if code != http.StatusCreated {
		t.Fatalf("send flash: %d %s", code, out)
	}
	var flash hotline.Message
	json.Unmarshal([]byte(out), &flash)
	eventually(t, "the flash message delivered", func() bool {
		var m hotline.Message
		getJSON(t, vn, "/api/v1/messages/"+flash.ID, vnTok, &m)
		return !m.States.Delivered.IsZero()
	})
	for _, n := range []*nodetest.Node{vn, la} {
		n.Clock.Advance(16 * time.Minute)
		if _, err := n.Hotline.Escalate(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []*nodetest.Node{vn, la} {
		var al struct{ Alerts []hotline.Alert }
		getJSON(t, n, "/api/v1/alerts", n.Tokens[auth.RoleCommander], &al)
		if len(al.Alerts) != 1 || al.Alerts[0].MessageID != flash.ID {
			t.Errorf("%s: alerts for the ministry commander = %+v, want one for %s", n.Config.NodeID, al.Alerts, flash.ID)
		}
	}

	for _, n := range []*nodetest.Node{vn, la} {
		rep, err := audit.Verify(context.Background(), store.Domain[audit.Tx]{S: n.Store}, n.Identity.PublicKey(), n.Config.NodeID)
		if err != nil || !rep.OK {
			t.Errorf("%s: audit verify: %v %+v", n.Config.NodeID, err, rep)
		}
	}
}

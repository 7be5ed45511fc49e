package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/demo"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/node"
)

// procNode is a node run as a separate `borderlink serve` process, so that
// it can be killed with SIGKILL.
type procNode struct {
	t    *testing.T
	bin  string
	cfg  config.Config
	cmd  *exec.Cmd
	log  *os.File
	exit chan error
}

// freeAddr returns a loopback address that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// buildBinary compiles cmd/borderlink into the test's folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "borderlink")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/borderlink").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func (p *procNode) start() {
	p.t.Helper()
	p.cmd = exec.Command(p.bin, "serve", "--data", p.cfg.DataDir)
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	exit := make(chan error, 1)
	go func() { exit <- p.cmd.Wait() }()
	p.exit = exit
	deadline := time.Now().Add(time.Minute)
	for {
		res, err := http.Get("http://" + p.cfg.Listen + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case err := <-exit:
			p.t.Fatalf("%s exited at start: %v (log %s)", p.cfg.NodeID, err, p.log.Name())
		default:
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%s not ready within a minute (log %s)", p.cfg.NodeID, p.log.Name())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// kill ends the process with SIGKILL: no shutdown of any kind.
func (p *procNode) kill() {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		p.t.Fatal(err)
	}
	<-p.exit
}

// stop ends the process with SIGTERM (graceful shutdown).
func (p *procNode) stop() {
	p.t.Helper()
	if p.cmd == nil || p.cmd.ProcessState != nil {
		return
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exit:
	case <-time.After(30 * time.Second):
		p.cmd.Process.Kill()
		<-p.exit
		p.t.Errorf("%s did not stop within 30 s of SIGTERM", p.cfg.NodeID)
	}
}

// call sends one API request and decodes a JSON answer into out.
func (p *procNode) call(method, path, token, body string, out any) (int, error) {
	req, err := http.NewRequest(method, "http://"+p.cfg.Listen+path, strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return res.StatusCode, err
	}
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			return res.StatusCode, fmt.Errorf("%s %s: %w: %s", method, path, err, b)
		}
	}
	if res.StatusCode >= 300 {
		return res.StatusCode, fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, b)
	}
	return res.StatusCode, nil
}

// prepareProcNodes initialises vn.mps and la.mps in data directories of
// the test, peers them, and creates on each a border officer with a token
// and an auditor with a token.
func prepareProcNodes(t *testing.T, bin string) (vn, la *procNode, tokens map[string]string) {
	t.Helper()
	ctx := context.Background()
	tokens = map[string]string{}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var nodes []*node.Node
	var procs []*procNode
	for _, s := range []struct {
		id       borderlink.NodeID
		country  string
		officer  string
		unit     string
		ministry string
	}{{"vn.mps", "VN", "hung", "VN-40", "VN-MPS"}, {"la.mps", "LA", "bounmy", "LA-07", "LA-MPS"}} {
		cfg := config.Default()
		cfg.NodeID, cfg.Country, cfg.DataDir = s.id, s.country, filepath.Join(t.TempDir(), string(s.id))
		cfg.Listen, cfg.FederationListen = freeAddr(t), freeAddr(t)
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			t.Fatal(err)
		}
		if _, err := node.Init(ctx, node.InitOptions{Config: cfg, AdminPassword: "crash-test-admin-pw", Options: node.Options{Logger: quiet}}); err != nil {
			t.Fatal(err)
		}
		n, err := node.Open(ctx, cfg, node.Options{Logger: quiet})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range []struct {
			name string
			role auth.Role
			unit string
		}{{s.officer, auth.RoleOfficer, s.unit}, {s.officer + "-auditor", auth.RoleAuditor, s.ministry}, {s.officer + "-admin", auth.RoleAdmin, s.ministry}} {
			if _, err := n.Accounts.CreateUser(ctx, auth.System("test"), auth.NewUser{Username: u.name, DisplayName: u.name,
				Password: "pw-" + u.name + "-0123456789", Role: u.role, Unit: u.unit}); err != nil {
				t.Fatal(err)
			}
			tok, _, err := n.Accounts.CreateToken(ctx, auth.System("test"), u.name, "test", 0)
			if err != nil {
				t.Fatal(err)
			}
			tokens[u.name] = tok
		}
		nodes = append(nodes, n)
		logf, err := os.Create(filepath.Join(t.TempDir(), string(s.id)+".log"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { logf.Close() })
		procs = append(procs, &procNode{t: t, bin: bin, cfg: cfg, log: logf})
	}
	if err := demo.Peer(ctx, nodes); err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes {
		n.Close()
	}
	for _, p := range procs {
		t.Cleanup(p.stop)
	}
	return procs[0], procs[1], tokens
}

// TestCrashesMidBurst runs both nodes as separate processes and sends a
// burst of hotline messages in one thread from Nghệ An to Houaphanh. In the
// middle of it the receiver is killed with SIGKILL and started again; later
// it is killed again, the sender queues what follows, and the sender is
// killed with SIGKILL with that backlog in its outbox, then both restart.
// Afterwards every message has reached la.mps exactly once, la.mps stored
// them in the order they were sent, vn.mps sees each delivered, and both
// audit logs verify.
func TestCrashesMidBurst(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs two node processes")
	}
	bin := buildBinary(t)
	vn, la, tokens := prepareProcNodes(t, bin)
	vn.start()
	la.start()

	const total = 240
	var ids []string
	thread := ""
	send := func(i int) {
		t.Helper()
		body := map[string]any{"to_unit": "LA-07", "priority": "URGENT", "lang": "vi",
			"subject": fmt.Sprintf("Tin số %03d", i), "body": fmt.Sprintf("Nội dung tin số %03d về đối tượng vận chuyển ma túy.", i)}
		if thread != "" {
			body["thread_id"] = thread
		}
		b, _ := json.Marshal(body)
		var m hotline.Message
		if _, err := vn.call("POST", "/api/v1/messages", tokens["hung"], string(b), &m); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
		if thread == "" {
			thread = m.ThreadID
		}
		ids = append(ids, m.ID)
	}
	for i := range total {
		switch i {
		case 60: // the receiver dies in the middle of the stream
			la.kill()
		case 90:
			la.start()
		case 140: // the receiver dies again, and the sender's outbox fills
			la.kill()
		case 170: // the sender dies with those envelopes in its outbox
			var h struct{ Peers []federation.PeerHealth }
			if _, err := vn.call("GET", "/api/v1/peers/health", tokens["hung-admin"], "", &h); err != nil {
				t.Fatal(err)
			}
			if len(h.Peers) != 1 || h.Peers[0].Queue < 30 {
				t.Fatalf("vn.mps's outbox before the kill: %+v, want 30 envelopes or more for la.mps", h.Peers)
			}
			vn.kill()
			vn.start()
			la.start()
		}
		send(i)
	}

	// Every message arrives once.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var th struct{ Messages []hotline.Message }
		_, err := la.call("GET", "/api/v1/threads/"+thread, tokens["bounmy"], "", &th)
		if err == nil && len(th.Messages) >= total {
			seen := map[string]int{}
			for _, m := range th.Messages {
				seen[m.ID]++
			}
			for i, id := range ids {
				if seen[id] != 1 {
					t.Errorf("message %d (%s) is on la.mps %d times", i, id, seen[id])
				}
			}
			if len(th.Messages) != total {
				t.Errorf("la.mps holds %d messages in the thread, want %d", len(th.Messages), total)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("la.mps has %d of %d messages after two minutes (%v); logs %s %s", len(th.Messages), total, err, vn.log.Name(), la.log.Name())
		}
		time.Sleep(100 * time.Millisecond)
	}
	// la.mps stored them in the order they were sent: its audit trail
	// records each arrival once, in that order.
	var stored []string
	for offset := 0; ; offset += audit.MaxLimit {
		var page struct{ Entries []audit.Entry }
		path := "/api/v1/audit?action=hotline.receive&limit=" + strconv.Itoa(audit.MaxLimit) + "&offset=" + strconv.Itoa(offset)
		if _, err := la.call("GET", path, tokens["bounmy-auditor"], "", &page); err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Entries {
			stored = append(stored, fmt.Sprintf("%020d %s", e.Seq, e.ObjectID))
		}
		if len(page.Entries) < audit.MaxLimit {
			break
		}
	}
	slices.Sort(stored)
	var order []string
	for _, s := range stored {
		order = append(order, s[21:])
	}
	if !slices.Equal(order, ids) {
		t.Errorf("la.mps stored %d messages in another order than they were sent (or some twice)", len(order))
	}
	// The sender learns of every delivery.
	deadline = time.Now().Add(2 * time.Minute)
	for _, id := range ids {
		for {
			var m hotline.Message
			if _, err := vn.call("GET", "/api/v1/messages/"+id, tokens["hung"], "", &m); err == nil && !m.States.Delivered.IsZero() {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("vn.mps does not see message %s delivered", id)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}

	// Both audit logs verify, after a clean stop.
	vn.stop()
	la.stop()
	for _, p := range []*procNode{vn, la} {
		out, err := exec.Command(bin, "audit", "verify", "--data", p.cfg.DataDir).CombinedOutput()
		if err != nil {
			t.Errorf("%s: audit verify: %v\n%s", p.cfg.NodeID, err, out)
		}
	}
}

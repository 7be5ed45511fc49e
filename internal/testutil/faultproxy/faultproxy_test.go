package faultproxy_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink/internal/testutil/faultproxy"
)

func get(c *http.Client, url string) (string, error) {
	res, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return string(b), err
}

// TestFaults: traffic passes, a cut link refuses, a restored link works
// again, and a mid-stream drop truncates a large answer.
func TestFaults(t *testing.T) {
	big := strings.Repeat("x", 1<<20)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/big" {
			io.WriteString(w, big)
			return
		}
		io.WriteString(w, "ok")
	}))
	t.Cleanup(srv.Close)
	p := faultproxy.MustStart(t, strings.TrimPrefix(srv.URL, "http://"))
	c := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	base := "http://" + p.Addr()

	if body, err := get(c, base+"/"); err != nil || body != "ok" {
		t.Fatalf("through the proxy: %q, %v", body, err)
	}
	p.Cut()
	if _, err := get(c, base+"/"); err == nil {
		t.Fatal("a cut link answered")
	}
	p.Restore()
	if body, err := get(c, base+"/"); err != nil || body != "ok" {
		t.Fatalf("after restore: %q, %v", body, err)
	}
	p.DropAfter(64<<10, true)
	if body, err := get(c, base+"/big"); err == nil && len(body) == len(big) {
		t.Fatal("a connection dropped mid-stream delivered the whole answer")
	}
	p.Restore()
	p.Delay(20 * time.Millisecond)
	if body, err := get(c, base+"/"); err != nil || body != "ok" {
		t.Fatalf("delayed: %q, %v", body, err)
	}
	if p.Accepted() < 4 || p.Bytes() == 0 {
		t.Fatalf("counters: %d accepted, %d bytes", p.Accepted(), p.Bytes())
	}
}

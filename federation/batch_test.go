package federation_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// A peer that accepts fewer envelopes per batch than the sender sends
// answers 413; the sender then sends it smaller batches instead of failing
// for ever, and the stream arrives whole and in order.
func TestSmallerBatchesForAPeerThatTakesFewer(t *testing.T) {
	a := newNode(t, "vn.mps", nodeOptions{MaxBatch: 50})
	b := newNode(t, "la.mps", nodeOptions{MaxBatch: 10})
	connect(a, b)
	ctx := context.Background()
	want := texts("n", 1, 45)
	a.sendAll(b.ID, want...)

	var tooLarge, sent int
	for a.queue(b.ID).Len > 0 {
		d, err := a.Svc.Deliver(ctx, b.ID)
		switch {
		case err != nil && strings.Contains(err.Error(), strconv.Itoa(http.StatusRequestEntityTooLarge)):
			tooLarge++
			if d.Sent != 0 || tooLarge > 10 {
				t.Fatalf("after %d refused batches: %+v %v", tooLarge, d, err)
			}
		case err != nil:
			t.Fatalf("delivery: %+v %v", d, err)
		case d.Sent > 10 || d.Acked != d.Sent:
			t.Fatalf("batch of %d accepted by a peer that takes 10: %+v", d.Sent, d)
		default:
			sent += d.Sent
		}
	}
	if tooLarge == 0 || sent != len(want) {
		t.Fatalf("%d batches refused as too large, %d envelopes delivered", tooLarge, sent)
	}
	checkNotes(t, b, a.ID, 1, want)

	// Running senders get there too.
	more := texts("m", 1, 35)
	c := newNode(t, "vn.laichau", nodeOptions{Run: true, MaxBatch: 40})
	connect(c, b)
	c.sendAll(b.ID, more...)
	eventually(t, "the stream from "+string(c.ID), func() bool { return c.queue(b.ID).Len == 0 && c.health(b.ID).Failures == 0 })
	checkNotes(t, b, c.ID, 1, more)
	if h := c.health(b.ID); h.Failures != 0 || !strings.Contains(h.LastError, "413") {
		t.Errorf("health of a link that shrank its batches: %+v", h)
	}
}

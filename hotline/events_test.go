package hotline

import (
	"sync"
	"testing"
	"time"

	"github.com/borderlink/borderlink/auth"
)

func testHub() *Events { return newEvents(miniTree().Within) }

// received drains what s has buffered, without waiting.
func received(s *Subscription) []Event {
	var out []Event
	for {
		select {
		case e, ok := <-s.C:
			if !ok {
				return out
			}
			out = append(out, e)
		default:
			return out
		}
	}
}

func ids(es []Event) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.MessageID)
	}
	return out
}

func TestEventsByUnit(t *testing.T) {
	h := testHub()
	everything := h.Subscribe()
	none := h.Subscribe([]string{}...)
	province := h.Subscribe("VN-11")
	commune := h.Subscribe("VN-11-C001")
	other := h.Subscribe("VN-14")
	lao := h.Subscribe("LA-02")
	defer func() {
		for _, s := range []*Subscription{everything, none, province, commune, other, lao} {
			s.Close()
		}
	}()
	h.Publish(Event{Type: EventMessage, MessageID: "cross", Units: []string{"LA-02", "VN-11"}})
	h.Publish(Event{Type: EventState, MessageID: "commune", Units: []string{"VN-11-C001", "LA-0206-V01"}})
	h.Publish(Event{Type: EventAlert, MessageID: "ministry", Units: []string{"VN-MPS"}})
	h.Publish(Event{Type: EventMessage, MessageID: "sonla", Units: []string{"VN-14", "VN-MPS"}})
	h.Publish(Event{Type: EventTranslation, MessageID: "nobody", Units: []string{"VN-99"}})
	for _, c := range []struct {
		name string
		s    *Subscription
		want []string
	}{
		{"every unit", everything, []string{"cross", "commune", "ministry", "sonla", "nobody"}},
		{"an empty list of units", none, []string{"cross", "commune", "ministry", "sonla", "nobody"}},
		// A unit hears about itself, its sub-units and the units above it.
		{"province", province, []string{"cross", "commune", "ministry", "sonla"}},
		{"commune", commune, []string{"cross", "commune", "ministry", "sonla"}},
		{"other province", other, []string{"ministry", "sonla"}},
		// The Lao side hears about its own units only (Within never
		// crosses a border).
		{"lao province", lao, []string{"cross", "commune"}},
	} {
		got := ids(received(c.s))
		if len(got) != len(c.want) {
			t.Errorf("%s received %v, want %v", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s received %v, want %v", c.name, got, c.want)
				break
			}
		}
	}
}

func TestEventsDropWhenSlow(t *testing.T) {
	h := testHub()
	slow := h.Subscribe()
	fast := h.Subscribe()
	defer slow.Close()
	defer fast.Close()
	var got int
	done := make(chan struct{})
	go func() {
		for range fast.C {
			got++
		}
		close(done)
	}()
	const n = subBuffer + 36
	start := time.Now()
	for i := range n {
		h.Publish(Event{Type: EventMessage, MessageID: string(rune('a' + i%26)), Units: []string{"VN-11"}})
	}
	if time.Since(start) > 5*time.Second {
		t.Error("Publish blocked on a slow subscriber")
	}
	if d := slow.Dropped(); d != n-subBuffer {
		t.Errorf("slow subscriber dropped %d, want %d", d, n-subBuffer)
	}
	if len(received(slow)) != subBuffer {
		t.Error("the slow subscriber's buffer is not full")
	}
	fast.Close()
	<-done
	if got+int(fast.Dropped()) != n {
		t.Errorf("fast subscriber: %d received and %d dropped of %d", got, fast.Dropped(), n)
	}
}

func TestEventsClose(t *testing.T) {
	h := testHub()
	s := h.Subscribe("VN-11")
	s.Close()
	s.Close() // twice is harmless
	if _, ok := <-s.C; ok {
		t.Error("C is open after Close")
	}
	h.Publish(Event{Type: EventMessage, MessageID: "after", Units: []string{"VN-11"}}) // no panic
	h.mu.RLock()
	n := len(h.subs)
	h.mu.RUnlock()
	if n != 0 {
		t.Errorf("%d subscriptions left", n)
	}
}

func TestEventsForPrincipals(t *testing.T) {
	h := testHub()
	sys := h.SubscribePrincipal(auth.System("cli"))
	officer := h.SubscribePrincipal(grant("hoa", auth.RoleOfficer, "VN-14"))
	analyst := h.SubscribePrincipal(grant("an", auth.RoleAnalyst, "VN-11"))
	defer sys.Close()
	defer officer.Close()
	defer analyst.Close()
	if _, ok := <-analyst.C; ok {
		t.Error("a principal without hotline.read gets events")
	}
	analyst.Close() // closing the closed subscription is harmless
	h.Publish(Event{Type: EventMessage, MessageID: "dienbien", Units: []string{"LA-02", "VN-11"}})
	h.Publish(Event{Type: EventMessage, MessageID: "sonla", Units: []string{"VN-14", "VN-MPS"}})
	if got := ids(received(sys)); len(got) != 2 {
		t.Errorf("system received %v", got)
	}
	if got := ids(received(officer)); len(got) != 1 || got[0] != "sonla" {
		t.Errorf("officer of VN-14 received %v", got)
	}
}

func TestEventsConcurrent(t *testing.T) {
	h := testHub()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 200 {
				h.Publish(Event{Type: EventState, MessageID: "m", Units: []string{"VN-11"}})
			}
		})
		wg.Go(func() {
			for range 50 {
				s := h.Subscribe([]string{"VN-11", "VN-14", "LA-02"}[i%3])
				received(s)
				s.Close()
			}
		})
	}
	wg.Wait()
}

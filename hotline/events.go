package hotline

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/borderlink/borderlink/auth"
)

// Event types.
const (
	EventMessage     = "message"     // a message was sent or arrived
	EventState       = "state"       // a message reached a new delivery state
	EventAlert       = "alert"       // an escalation alert was raised
	EventTranslation = "translation" // a machine translation was stored
	EventAttachment  = "attachment"  // a file of a message arrived whole (or damaged)
)

// Event tells subscribers that something changed. It carries no content:
// a subscriber fetches the message through the Service, which applies the
// handling rules, so an event may name a message the subscriber then cannot
// read.
type Event struct {
	Type      string   `json:"type"`
	MessageID string   `json:"message_id"`
	ChannelID string   `json:"channel_id"`
	Units     []string `json:"units"` // the units concerned (both ends; the alerted unit)
}

// subBuffer is how many events a slow subscriber may fall behind before
// further events to it are dropped.
const subBuffer = 64

// Events is an in-process hub: the Service publishes after each commit,
// and subscribers (the web layer's server-sent events) receive the events
// about their units. Publishing never blocks: a subscriber whose buffer is
// full misses events (Subscription.Dropped counts them) and should refetch.
type Events struct {
	within func(code, ancestor string) bool
	mu     sync.RWMutex
	subs   map[*Subscription]struct{}
}

func newEvents(within func(code, ancestor string) bool) *Events {
	return &Events{within: within, subs: map[*Subscription]struct{}{}}
}

// Subscription receives events on C until Close.
type Subscription struct {
	C       <-chan Event
	c       chan Event
	units   []string // none: every event
	hub     *Events
	once    sync.Once
	dropped atomic.Int64
}

// Subscribe returns a subscription to the events about units: an event is
// delivered when one of its units lies under one of them or above one of
// them (a sub-unit sees its parent's releasable traffic). With no units,
// every event is delivered.
func (h *Events) Subscribe(units ...string) *Subscription {
	return h.SubscribeBuffered(subBuffer, units...)
}

// SubscribeBuffered is Subscribe with room for n events before any is
// dropped, for a subscriber that must see bursts whole (a batch of a few
// hundred envelopes applied at once publishes as many events).
func (h *Events) SubscribeBuffered(n int, units ...string) *Subscription {
	c := make(chan Event, max(n, 1))
	s := &Subscription{C: c, c: c, units: slices.Clone(units), hub: h}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	return s
}

// SubscribePrincipal subscribes to the events about the units p reads the
// hotline of (every event for the system principal; none, with a closed
// channel, for a principal without hotline.read).
func (h *Events) SubscribePrincipal(p auth.Principal) *Subscription {
	if p.Unrestricted() {
		return h.Subscribe()
	}
	units := p.ScopeUnits(auth.PermHotlineRead)
	if len(units) == 0 {
		c := make(chan Event)
		close(c)
		s := &Subscription{C: c, c: c, hub: h}
		s.once.Do(func() {})
		return s
	}
	return h.Subscribe(units...)
}

// Close ends the subscription and closes C.
func (s *Subscription) Close() {
	s.once.Do(func() {
		s.hub.mu.Lock()
		delete(s.hub.subs, s)
		s.hub.mu.Unlock()
		close(s.c)
	})
}

// Dropped returns how many events the subscription missed because its
// buffer was full.
func (s *Subscription) Dropped() int64 { return s.dropped.Load() }

// Publish delivers e to every subscriber it concerns, without blocking.
func (h *Events) Publish(e Event) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for s := range h.subs {
		if !h.concerns(s, e) {
			continue
		}
		select {
		case s.c <- e:
		default:
			s.dropped.Add(1)
		}
	}
}

func (h *Events) concerns(s *Subscription, e Event) bool {
	if len(s.units) == 0 {
		return true
	}
	for _, u := range e.Units {
		for _, v := range s.units {
			if h.within(u, v) || h.within(v, u) {
				return true
			}
		}
	}
	return false
}

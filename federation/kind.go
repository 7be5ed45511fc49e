package federation

import (
	"context"
	"fmt"
	"sort"
	"sync"
)

// Kind declares a type of record that may travel between nodes. Only kinds
// registered with Releasable set can be put into an envelope or accepted
// from one: a domestic-only record (drug users' treatment records) is
// registered with Releasable false, or not at all, and has no path to the
// wire.
type Kind struct {
	Name       string
	Schema     int  // the newest payload version; receivers accept 1..Schema
	Releasable bool // may leave the node
	MaxPayload int  // bytes; 0 means DefaultMaxPayload
	// Apply applies a verified envelope on the receiving node inside the
	// transaction that also records the envelope as applied. tx is the
	// store transaction; the domain asserts it to its own Tx interface.
	// An error from Apply that is a *Rejection refuses the envelope for
	// good; any other error is retried.
	Apply func(ctx context.Context, tx any, e Envelope) error
}

// DefaultMaxPayload bounds a payload when its Kind sets no limit.
const DefaultMaxPayload = 256 << 10

// Registry holds the kinds a node knows. The zero value is ready to use.
type Registry struct {
	mu    sync.RWMutex
	kinds map[string]Kind
}

// Register adds k. It refuses a second kind of the same name, and a
// domestic kind (see IsDomestic) declared releasable.
func (r *Registry) Register(k Kind) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if k.Name == "" || k.Schema < 1 {
		return fmt.Errorf("federation: kind %q needs a name and a schema version", k.Name)
	}
	if k.Releasable && IsDomestic(k.Name) {
		return fmt.Errorf("federation: kind %q is domestic only and cannot be made releasable", k.Name)
	}
	if r.kinds == nil {
		r.kinds = map[string]Kind{}
	}
	if _, dup := r.kinds[k.Name]; dup {
		return fmt.Errorf("federation: kind %q registered twice", k.Name)
	}
	if k.MaxPayload == 0 {
		k.MaxPayload = DefaultMaxPayload
	}
	r.kinds[k.Name] = k
	return nil
}

// Lookup returns the kind called name.
func (r *Registry) Lookup(name string) (Kind, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	k, ok := r.kinds[name]
	return k, ok
}

// Releasable returns the kind called name when it may travel, or a
// *Rejection (ReasonNotReleased for a domestic kind, ReasonSchema for an
// unknown one).
func (r *Registry) Releasable(name string) (Kind, error) {
	k, ok := r.Lookup(name)
	switch {
	case IsDomestic(name) || ok && !k.Releasable:
		return Kind{}, Reject(ReasonNotReleased, "kind "+name+" is domestic only and never leaves its node")
	case !ok:
		return Kind{}, Reject(ReasonSchema, "unknown kind "+name)
	}
	return k, nil
}

// Names lists the registered kinds.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.kinds))
	for n := range r.kinds {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

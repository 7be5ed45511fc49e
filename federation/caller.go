package federation

import "context"

type callerKey struct{}

// WithCaller returns ctx carrying p as the peer that made the current
// request. The mutual-TLS listener (federation/transport) sets it after
// matching the client certificate against the configured peers;
// transport.PeerOf reads the same value.
func WithCaller(ctx context.Context, p Peer) context.Context {
	return context.WithValue(ctx, callerKey{}, p)
}

// CallerOf returns the peer that made the request ctx belongs to, and false
// outside a request of the federation listener.
func CallerOf(ctx context.Context) (Peer, bool) {
	p, ok := ctx.Value(callerKey{}).(Peer)
	return p, ok
}

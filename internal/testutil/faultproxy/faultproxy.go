// Package faultproxy is a TCP proxy for tests that puts a bad border link
// between two nodes: it can cut the link, delay traffic, drop connections
// in the middle of a stream and reset them, while the nodes talk through it
// as through any network.
package faultproxy

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Proxy forwards connections accepted on Addr to a target address.
type Proxy struct {
	ln     net.Listener
	target string

	mu      sync.Mutex
	conns   map[net.Conn]struct{}
	cut     bool
	delay   time.Duration
	dropAt  int64 // close a connection after this many bytes (0: never)
	reset   bool  // close with RST instead of FIN
	accepts atomic.Int64
	bytes   atomic.Int64
	wg      sync.WaitGroup
}

// MustStart starts a proxy on 127.0.0.1 towards target; it stops with the
// test.
func MustStart(tb testing.TB, target string) *Proxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &Proxy{ln: ln, target: target, conns: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.accept()
	tb.Cleanup(p.Close)
	return p
}

// Addr is the address clients dial instead of the target.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// Cut breaks the link: open connections are closed and new ones are
// accepted and closed at once, as when a border link goes down.
func (p *Proxy) Cut() {
	p.mu.Lock()
	p.cut = true
	p.mu.Unlock()
	p.closeAll()
}

// Restore ends a Cut and every other fault.
func (p *Proxy) Restore() {
	p.mu.Lock()
	p.cut, p.delay, p.dropAt, p.reset = false, 0, 0, false
	p.mu.Unlock()
}

// Delay holds every chunk of data for d before passing it on.
func (p *Proxy) Delay(d time.Duration) {
	p.mu.Lock()
	p.delay = d
	p.mu.Unlock()
}

// DropAfter closes each connection once n bytes have passed through it in
// either direction, in the middle of whatever was being sent; with reset,
// it closes with a TCP reset.
func (p *Proxy) DropAfter(n int64, reset bool) {
	p.mu.Lock()
	p.dropAt, p.reset = n, reset
	p.mu.Unlock()
}

// ResetAll resets every open connection now.
func (p *Proxy) ResetAll() {
	p.mu.Lock()
	for c := range p.conns {
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetLinger(0)
		}
	}
	p.mu.Unlock()
	p.closeAll()
}

// Accepted is the number of connections accepted so far; Bytes the number
// of bytes passed on.
func (p *Proxy) Accepted() int64 { return p.accepts.Load() }
func (p *Proxy) Bytes() int64    { return p.bytes.Load() }

// Close stops the proxy and closes every connection.
func (p *Proxy) Close() {
	p.ln.Close()
	p.closeAll()
	p.wg.Wait()
}

func (p *Proxy) closeAll() {
	p.mu.Lock()
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
}

func (p *Proxy) track(c net.Conn, add bool) {
	p.mu.Lock()
	if add {
		p.conns[c] = struct{}{}
	} else {
		delete(p.conns, c)
	}
	p.mu.Unlock()
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.accepts.Add(1)
		p.mu.Lock()
		cut := p.cut
		p.mu.Unlock()
		if cut {
			c.Close()
			continue
		}
		p.wg.Add(1)
		go p.serve(c)
	}
}

func (p *Proxy) serve(client net.Conn) {
	defer p.wg.Done()
	server, err := net.DialTimeout("tcp", p.target, 5*time.Second)
	if err != nil {
		client.Close()
		return
	}
	p.track(client, true)
	p.track(server, true)
	defer func() {
		p.track(client, false)
		p.track(server, false)
	}()
	var passed atomic.Int64
	done := make(chan struct{}, 2)
	pipe := func(dst, src net.Conn) {
		defer func() { done <- struct{}{} }()
		buf := make([]byte, 16<<10)
		for {
			n, err := src.Read(buf)
			if n > 0 {
				p.mu.Lock()
				delay, dropAt, reset := p.delay, p.dropAt, p.reset
				p.mu.Unlock()
				if delay > 0 {
					time.Sleep(delay)
				}
				chunk := buf[:n]
				if dropAt > 0 {
					if left := dropAt - passed.Load(); left < int64(n) {
						if left > 0 {
							dst.Write(chunk[:left])
						}
						if reset {
							if tc, ok := dst.(*net.TCPConn); ok {
								tc.SetLinger(0)
							}
							if tc, ok := src.(*net.TCPConn); ok {
								tc.SetLinger(0)
							}
						}
						dst.Close()
						src.Close()
						return
					}
				}
				if _, werr := dst.Write(chunk); werr != nil {
					return
				}
				passed.Add(int64(n))
				p.bytes.Add(int64(n))
			}
			if err != nil {
				if !errors.Is(err, io.EOF) {
					dst.Close()
				} else if tc, ok := dst.(*net.TCPConn); ok {
					tc.CloseWrite()
				}
				return
			}
		}
	}
	go pipe(server, client)
	go pipe(client, server)
	<-done
	client.Close()
	server.Close()
	<-done
}

package federation

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

var (
	idPattern     = regexp.MustCompile(`^[A-Za-z0-9-]{1,64}$`)
	streamPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)
	kindPattern   = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$`)
)

// checkShape refuses (ReasonMalformed) an envelope that lacks what every
// envelope has. Nothing in such an envelope can be trusted, not even its
// stream, so the refusal never consumes a sequence number.
func checkShape(e *Envelope) error {
	bad := func(what string) error { return Reject(ReasonMalformed, "envelope "+clean(e.ID, 64)+": "+what) }
	switch {
	case !idPattern.MatchString(e.ID):
		return bad("id missing or not an id")
	case e.Origin.Validate() != nil || e.Destination.Validate() != nil:
		return bad("origin or destination is not a node id")
	case !streamPattern.MatchString(e.Stream):
		return bad("stream name missing or invalid")
	case e.Seq < 1:
		return bad("sequence number below 1")
	case len(e.Kind) > 64 || !kindPattern.MatchString(e.Kind):
		return bad("kind missing or invalid")
	case e.Schema < 1:
		return bad("schema version below 1")
	case e.Created.IsZero():
		return bad("no creation time")
	case len(e.Sig) != ed25519.SignatureSize:
		return bad("no signature")
	case len(e.Payload) == 0 || !json.Valid(e.Payload):
		return bad("payload is not JSON")
	}
	return nil
}

// checkOrigin refuses an envelope whose origin is unknown (or claims to be
// this node), or whose signature does not verify. Neither consumes a
// sequence number: the envelope is not shown to be the origin's, and a
// relay must not be able to use up an origin's stream.
func (s *Service) checkOrigin(d *directory, e *Envelope) error {
	if e.Origin == s.self {
		return Reject(ReasonUnknownNode, "envelope "+e.ID+" claims to come from this node")
	}
	pub, ok := d.key(e.Origin)
	if !ok {
		return Reject(ReasonUnknownNode, "envelope "+e.ID+" comes from "+string(e.Origin)+", neither a peer nor an announced node")
	}
	return e.Verify(pub)
}

// checkContent refuses, for its content, an envelope shown to be its
// origin's. Such a refusal consumes the sequence number: the stream goes on
// without the envelope, and the origin sees why. local is true when the
// envelope is for this node (it is then checked against the kind's schema
// version, which a relay does not need to know).
func (s *Service) checkContent(e *Envelope, now time.Time, local bool) (Kind, error) {
	switch {
	case e.Created.After(now.Add(s.o.ClockWindow)):
		return Kind{}, Reject(ReasonClock, fmt.Sprintf("envelope %s was created at %s, more than %s after this node's time %s",
			e.ID, e.Created.UTC().Format(time.RFC3339), s.o.ClockWindow, now.UTC().Format(time.RFC3339)))
	case e.Created.Before(now.Add(-s.o.MaxAge)):
		return Kind{}, Reject(ReasonClock, fmt.Sprintf("envelope %s was created at %s, more than %s before this node's time %s",
			e.ID, e.Created.UTC().Format(time.RFC3339), s.o.MaxAge, now.UTC().Format(time.RFC3339)))
	}
	k, err := s.reg.Releasable(e.Kind)
	if err != nil {
		return Kind{}, err
	}
	if local && e.Schema > k.Schema {
		return Kind{}, Reject(ReasonSchema, fmt.Sprintf("kind %s: schema version %d is newer than %d", e.Kind, e.Schema, k.Schema))
	}
	if len(e.Payload) > k.MaxPayload {
		return Kind{}, Reject(ReasonTooLarge, fmt.Sprintf("kind %s: payload of %d bytes is over the limit of %d", e.Kind, len(e.Payload), k.MaxPayload))
	}
	if c, err := canonicalPayload(e.Payload); err != nil || !bytes.Equal(c, e.Payload) {
		return Kind{}, Reject(ReasonMalformed, "envelope "+e.ID+": payload is not in canonical JSON form (compact, HTML-escaped)")
	}
	return k, nil
}

// clean makes a string that came off the wire safe to log, audit and store:
// valid UTF-8, no NUL or control bytes, at most max bytes.
func clean(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if len(s) <= max {
		return s
	}
	for max > 0 && !utf8.RuneStart(s[max]) {
		max--
	}
	return s[:max]
}

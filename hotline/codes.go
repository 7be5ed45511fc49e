package hotline

import (
	"fmt"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
)

// Priority says how urgently a message must be acknowledged. Values are
// stored and cross the wire: never rename one.
type Priority string

const (
	Flash   Priority = "FLASH"   // life or an operation at stake: minutes
	Urgent  Priority = "URGENT"  // within hours
	Routine Priority = "ROUTINE" // within a day
)

// Priorities lists the priorities, most urgent first.
func Priorities() []Priority { return []Priority{Flash, Urgent, Routine} }

// DefaultDeadlines are the acknowledgement deadlines used when Options
// names none for a priority.
var DefaultDeadlines = map[Priority]time.Duration{
	Flash:   15 * time.Minute,
	Urgent:  2 * time.Hour,
	Routine: 24 * time.Hour,
}

// ParsePriority reads a priority in any letter case; "" gives Routine. It
// returns EInvalid (error.hotline_priority) for anything else.
func ParsePriority(s string) (Priority, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return Routine, nil
	}
	for _, p := range Priorities() {
		if string(p) == s {
			return p, nil
		}
	}
	return "", borderlink.Errorf(borderlink.EInvalid, "error.hotline_priority",
		fmt.Sprintf("unknown priority %q: want FLASH, URGENT or ROUTINE", clip(s, 20)), "value", clip(s, 20))
}

// Handling says who may read a message, on both nodes. Values are stored
// and cross the wire: never rename one.
//
// On each node the rule is applied to the end of the channel that node
// serves (the recipient unit on the receiving node, the sending unit on the
// sending node); the author always sees what they wrote.
//
//	releasable    users with hotline.read over the unit, its parent chain or
//	              any of its sub-units (the default)
//	restricted    users with hotline.read over the unit itself or its
//	              parent chain, not its sub-units
//	confidential  the commanders and liaison officers of the unit itself
type Handling string

const (
	Releasable   Handling = "releasable"
	Restricted   Handling = "restricted"
	Confidential Handling = "confidential"
)

// Handlings lists the handling codes, least strict first.
func Handlings() []Handling { return []Handling{Releasable, Restricted, Confidential} }

// ParseHandling reads a handling code in any letter case; "" gives
// Releasable. It returns EInvalid (error.hotline_handling) for anything else.
func ParseHandling(s string) (Handling, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return Releasable, nil
	}
	for _, h := range Handlings() {
		if string(h) == s {
			return h, nil
		}
	}
	return "", borderlink.Errorf(borderlink.EInvalid, "error.hotline_handling",
		fmt.Sprintf("unknown handling code %q: want releasable, restricted or confidential", clip(s, 20)), "value", clip(s, 20))
}

// State is how far a message has come. Values are stored and cross the
// wire in receipts: never rename one.
type State string

const (
	Queued       State = "queued"       // committed on the sending node
	Sent         State = "sent"         // the receiving node took the envelope
	Delivered    State = "delivered"    // stored on the receiving node
	Read         State = "read"         // opened by the recipient unit
	Acknowledged State = "acknowledged" // acknowledged by the recipient unit
)

// StateOrder lists the delivery states in the order a message goes through them.
func StateOrder() []State { return []State{Queued, Sent, Delivered, Read, Acknowledged} }

// ParseState reads a state in any letter case. It returns EInvalid
// (error.hotline_state) for an unknown one; "" gives "".
func ParseState(s string) (State, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	for _, st := range StateOrder() {
		if string(st) == s {
			return st, nil
		}
	}
	return "", borderlink.Errorf(borderlink.EInvalid, "error.hotline_state",
		fmt.Sprintf("unknown delivery state %q", clip(s, 20)), "value", clip(s, 20))
}

// clip shortens s to n runes so that an error never echoes a long input.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

package borderlink

import (
	"fmt"
	"regexp"

	"github.com/google/uuid"
)

// NodeID names a node, such as "vn.mps" or "la.mps": lower-case letters,
// digits, dots and hyphens, starting with a letter.
type NodeID string

var nodeIDPattern = regexp.MustCompile(`^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$`)

// Validate returns EInvalid when n is not a well-formed node id.
func (n NodeID) Validate() error {
	if len(n) == 0 || len(n) > 64 || !nodeIDPattern.MatchString(string(n)) {
		return Errorf(EInvalid, "error.node_id", fmt.Sprintf("invalid node id %q", string(n)), "id", string(n))
	}
	return nil
}

// NewID returns a new time-ordered unique identifier (UUID version 7) for a
// record created on this node. Ids sort by creation time.
func NewID() string {
	id, err := uuid.NewV7()
	if err != nil {
		// NewV7 only fails when the system random source fails; nothing
		// sensible can continue without randomness.
		panic(fmt.Sprintf("borderlink: random source failed: %v", err))
	}
	return id.String()
}

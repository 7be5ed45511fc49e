package hotline

import (
	"time"

	"github.com/borderlink/borderlink"
)

// Message is a hotline message as a reader sees it.
type Message struct {
	ID         string          `json:"id"`
	ThreadID   string          `json:"thread_id"` // the id of the thread's first message
	ChannelID  string          `json:"channel_id"`
	FromUnit   string          `json:"from_unit"`
	ToUnit     string          `json:"to_unit"`
	Author     string          `json:"author"`      // username on the origin node
	AuthorName string          `json:"author_name"` // display name at the time of sending
	Priority   Priority        `json:"priority"`
	Subject    string          `json:"subject"`
	Body       string          `json:"body"`
	Lang       borderlink.Lang `json:"lang"` // language of Subject and Body
	Form       *FormData       `json:"form,omitempty"`
	Handling   Handling        `json:"handling"`
	Created    time.Time       `json:"created"`
	Deadline   time.Time       `json:"deadline"` // acknowledgement due
	States     States          `json:"states"`
	// State is the furthest state reached (derived from States).
	State State `json:"state"`
	// Translation is the machine translation of Subject and Body into the
	// node's language, once one was made; it never replaces the original.
	Translation *Translation      `json:"translation,omitempty"`
	Origin      borderlink.NodeID `json:"origin"` // the node that owns the message
	// Attachments describe the files the message carries (their bytes
	// are fetched one by one through Service.AttachmentFile).
	Attachments []Attachment `json:"attachments,omitempty"`
}

// FormData is a structured form carried by a message: a form type and its
// language-neutral fields (package hotline/forms defines and checks them).
type FormData struct {
	Type   string         `json:"type"`
	Fields map[string]any `json:"fields"`
}

// States holds the time each delivery state was reached; a zero time means
// not (yet) reached. ReadBy and AcknowledgedBy name who did it, as
// "username@node".
type States struct {
	Queued         time.Time `json:"queued"`
	Sent           time.Time `json:"sent,omitzero"`
	Delivered      time.Time `json:"delivered,omitzero"`
	Read           time.Time `json:"read,omitzero"`
	Acknowledged   time.Time `json:"acknowledged,omitzero"`
	ReadBy         string    `json:"read_by,omitempty"`
	AcknowledgedBy string    `json:"acknowledged_by,omitempty"`
}

// Current returns the furthest state reached.
func (s States) Current() State {
	switch {
	case !s.Acknowledged.IsZero():
		return Acknowledged
	case !s.Read.IsZero():
		return Read
	case !s.Delivered.IsZero():
		return Delivered
	case !s.Sent.IsZero():
		return Sent
	}
	return Queued
}

// At returns the time of state st (zero when not reached).
func (s States) At(st State) time.Time {
	switch st {
	case Queued:
		return s.Queued
	case Sent:
		return s.Sent
	case Delivered:
		return s.Delivered
	case Read:
		return s.Read
	case Acknowledged:
		return s.Acknowledged
	}
	return time.Time{}
}

// reach returns s with st reached at t by who, and every earlier state not
// yet reached set to t as well (a later state implies the earlier ones).
// Times already set are kept.
func (s States) reach(st State, t time.Time, who string) States {
	set := func(p *time.Time) {
		if p.IsZero() {
			*p = t
		}
	}
	switch st {
	case Acknowledged:
		set(&s.Acknowledged)
		if s.AcknowledgedBy == "" {
			s.AcknowledgedBy = who
		}
		fallthrough
	case Read:
		if s.Read.IsZero() && s.ReadBy == "" {
			s.ReadBy = who
		}
		set(&s.Read)
		fallthrough
	case Delivered:
		set(&s.Delivered)
		fallthrough
	case Sent:
		set(&s.Sent)
	}
	return s
}

// Translation is a machine translation of a message, kept beside the
// original and always marked as machine-made.
type Translation struct {
	MessageID string          `json:"-"`
	Lang      borderlink.Lang `json:"lang"`
	Subject   string          `json:"subject"`
	Text      string          `json:"text"`   // the body
	Engine    string          `json:"engine"` // which translator made it
	Machine   bool            `json:"machine"`
	Created   time.Time       `json:"created"`
}

// Record is a message as stored on this node: the message and what only
// storage needs. FromScope and ToScope are the paths ("/VN-MPS/VN-40/") of
// the sending and receiving units when this node serves them, and "" for a
// unit another node serves; visibility is decided on them (see Scope).
// Search is the folded text that searches match (see Fold). Escalated is
// when this node raised its alerts for the message.
type Record struct {
	Message
	FromScope string
	ToScope   string
	Search    string
	Escalated time.Time
}

// Receipt records that a message reached a state on the receiving node. It
// is owned by that node (Origin) and copied to the message's origin node.
type Receipt struct {
	ID        string            `json:"id"` // message id and state: "<id>/<state>"
	MessageID string            `json:"message_id"`
	State     State             `json:"state"`
	Unit      string            `json:"unit"`  // the receiving unit
	Actor     string            `json:"actor"` // "username@node", or the node for delivered
	At        time.Time         `json:"at"`
	Origin    borderlink.NodeID `json:"origin"`
}

// ReceiptID is the id of the receipt of message id reaching state st. It is
// derived so that a receipt applied twice is stored once.
func ReceiptID(id string, st State) string { return id + "/" + string(st) }

// Alert tells a unit that a message on a channel of one of its units was
// not acknowledged by its deadline. Alerts are raised by each node for its
// own side of the channel and never leave the node.
type Alert struct {
	ID        string    `json:"id"`
	MessageID string    `json:"message_id"`
	ChannelID string    `json:"channel_id"`
	Unit      string    `json:"unit"`  // the unit alerted: the parent of About
	About     string    `json:"about"` // this node's unit on the channel
	Priority  Priority  `json:"priority"`
	Deadline  time.Time `json:"deadline"`
	Raised    time.Time `json:"raised"`
	Resolved  time.Time `json:"resolved,omitzero"` // acknowledged after all
	// Scope is the path of Unit, on which visibility is decided.
	Scope string `json:"-"`
}

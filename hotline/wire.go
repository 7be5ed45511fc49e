package hotline

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
)

// Schema versions of the payloads this node writes; receivers accept 1..N.
const (
	messageSchema = 1
	receiptSchema = 1
)

// Payload limits: a message is bounded by its text and form limits.
const (
	maxMessagePayload = 128 << 10
	maxReceiptPayload = 4 << 10
	chunkSchema       = 1
	receiptsSchema    = 1
	// maxBatchReceipts bounds the receipts of one envelope.
	maxBatchReceipts   = 500
	maxReceiptsPayload = maxBatchReceipts*maxReceiptPayload/8 + 1024
)

// wireReceipts is the payload of a "hotline.receipts" envelope.
type wireReceipts struct {
	Receipts []wireReceipt `json:"receipts"`
}

// wireMessage is the payload of a "hotline.message" envelope: the message
// as its origin wrote it. Delivery states and translations are not part of
// it; each node keeps its own.
type wireMessage struct {
	ID         string          `json:"id"`
	ThreadID   string          `json:"thread_id"`
	ChannelID  string          `json:"channel_id"`
	FromUnit   string          `json:"from_unit"`
	ToUnit     string          `json:"to_unit"`
	Author     string          `json:"author"`
	AuthorName string          `json:"author_name"`
	Priority   Priority        `json:"priority"`
	Handling   Handling        `json:"handling"`
	Subject    string          `json:"subject"`
	Body       string          `json:"body"`
	Lang       borderlink.Lang `json:"lang"`
	Form       *FormData       `json:"form,omitempty"`
	Created    time.Time       `json:"created"`
	Deadline   time.Time       `json:"deadline"`
	// Attachments name the files whose bytes follow in chunk envelopes.
	Attachments []wireAttachment `json:"attachments,omitempty"`
}

func toWire(m Message) wireMessage {
	var as []wireAttachment
	for _, a := range m.Attachments {
		as = append(as, wireAttachment{ID: a.ID, Name: a.Name, ContentType: a.ContentType, Size: a.Size, SHA256: a.SHA256})
	}
	return wireMessage{Attachments: as, ID: m.ID, ThreadID: m.ThreadID, ChannelID: m.ChannelID, FromUnit: m.FromUnit, ToUnit: m.ToUnit,
		Author: m.Author, AuthorName: m.AuthorName, Priority: m.Priority, Handling: m.Handling, Subject: m.Subject,
		Body: m.Body, Lang: m.Lang, Form: m.Form, Created: m.Created, Deadline: m.Deadline}
}

func (w wireMessage) message(origin borderlink.NodeID) Message {
	var as []Attachment
	for _, a := range w.Attachments {
		as = append(as, Attachment{ID: a.ID, MessageID: w.ID, Name: a.Name, ContentType: a.ContentType, Size: a.Size,
			SHA256: a.SHA256, State: AttachmentPending})
	}
	return Message{Attachments: as, ID: w.ID, ThreadID: w.ThreadID, ChannelID: w.ChannelID, FromUnit: w.FromUnit, ToUnit: w.ToUnit,
		Author: w.Author, AuthorName: w.AuthorName, Priority: w.Priority, Handling: w.Handling, Subject: w.Subject,
		Body: w.Body, Lang: w.Lang, Form: w.Form, Created: w.Created.UTC(), Deadline: w.Deadline.UTC(), Origin: origin}
}

// wireReceipt is the payload of a "hotline.receipt" envelope.
type wireReceipt struct {
	MessageID string    `json:"message_id"`
	State     State     `json:"state"`
	Unit      string    `json:"unit"`
	Actor     string    `json:"actor"`
	At        time.Time `json:"at"`
}

// decode reads an envelope's payload into v strictly: unknown fields and
// trailing data are refused (ReasonPayload), so that a payload this node
// does not fully understand is never half applied.
func decode(e federation.Envelope, v any) error {
	dec := json.NewDecoder(bytes.NewReader(e.Payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return federation.Reject(federation.ReasonPayload, e.Kind+": "+err.Error())
	}
	if dec.More() {
		return federation.Reject(federation.ReasonPayload, e.Kind+": trailing data after the payload")
	}
	return nil
}

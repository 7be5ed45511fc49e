package federation

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/borderlink/borderlink"
)

// Paths of the federation endpoints a Service serves (under the mutual-TLS
// listener of federation/transport).
const (
	// EnvelopesPath takes a Batch (POST, JSON) and answers an Answer.
	EnvelopesPath = "/federation/v1/envelopes"
	// WitnessPath answers (GET, JSON) the WitnessState the receiving node
	// holds for the calling peer's audit log.
	WitnessPath = "/federation/v1/witness"
)

// MaxBatchBytes bounds the body of one batch a receiver reads. A sender
// closes a batch well before it (MaxBatchPayload).
const MaxBatchBytes = 64 << 20

// MaxBatchPayload is the sum of payload sizes after which a sender closes a
// batch, whatever Options.MaxBatch allows.
const MaxBatchPayload = 8 << 20

// Batch is what a sender posts: envelopes in the order of its outbox.
type Batch struct {
	Envelopes []Envelope `json:"envelopes"`
}

// Answer is a receiver's reply to a Batch.
//
// Acks hold, for every stream of the batch, the highest sequence number the
// receiver has applied (or relayed) without a gap: the sender drops every
// envelope of that stream up to it, and sends the rest again. Refusals list
// the envelopes refused; one with Consumed set is covered by its stream's
// ack, one without is not (its sender must not count it as delivered).
// Held counts envelopes kept back because an earlier one of their stream
// is missing.
type Answer struct {
	Node     borderlink.NodeID `json:"node"`
	Acks     []Ack             `json:"acks"`
	Refusals []Refusal         `json:"refusals"`
	Held     int               `json:"held"`
}

// Ack is the highest sequence number applied of a stream.
type Ack struct {
	StreamKey
	Seq int64 `json:"seq"`
}

// Refusal is why one envelope of a batch was refused.
type Refusal struct {
	ID       string    `json:"id"`
	Key      StreamKey `json:"stream"`
	Seq      int64     `json:"seq"`
	Kind     string    `json:"kind"`
	Reason   string    `json:"reason"`
	Detail   string    `json:"detail"`
	Consumed bool      `json:"consumed"`
}

// WitnessState is the latest checkpoint of a node's audit log that a peer
// holds as its witness; Size 0 when it holds none.
type WitnessState struct {
	Size     int64     `json:"size"`
	Note     string    `json:"note,omitempty"`
	Received time.Time `json:"received,omitzero"`
	Forked   bool      `json:"forked"`
}

// canonicalPayload returns the form encoding/json gives a payload when an
// envelope is encoded (compact, HTML characters escaped). Only a payload
// already in that form survives relays byte for byte, so a payload in any
// other form is refused.
func canonicalPayload(p json.RawMessage) ([]byte, error) {
	var b bytes.Buffer
	if err := json.Compact(&b, p); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	json.HTMLEscape(&out, b.Bytes())
	return out.Bytes(), nil
}

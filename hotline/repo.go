package hotline

import (
	"context"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/federation"
)

// Query selects stored messages. Zero fields do not restrict.
type Query struct {
	Scope    Scope    // always applied
	Incoming bool     // only messages Scope.Incoming accepts
	Thread   string   // messages of this thread
	Channel  string   // messages on this channel
	Unit     string   // messages from or to this unit
	State    State    // messages whose furthest state is this one
	Priority Priority // messages of this priority
	Since    time.Time
	Words    []string // folded words that must all occur in Record.Search
	Unread   bool     // messages not yet read
	// Lang, when set, fills Message.Translation with the stored
	// translation into this language.
	Lang borderlink.Lang
	// Oldest orders by creation time ascending (threads); the default is
	// newest first. Ties are broken by id in the same direction.
	Oldest bool
	Limit  int // > 0
	Offset int
}

// AlertQuery selects stored alerts, raised most recently first. Zero fields
// do not restrict.
type AlertQuery struct {
	All     bool     // every alert (the system principal)
	Under   []string // alerts to a unit under one of these (see UnitRule)
	Open    bool     // only alerts not resolved
	Message string   // alerts about this message
	Limit   int      // > 0
	Offset  int
}

// Repo is what the hotline needs from storage. It holds no rules: the
// Service decides who may do what; Repo stores and selects. Every method
// works in the caller's transaction. Times are kept to the microsecond.
type Repo interface {
	// InsertMessage stores r. EConflict when a message with r.ID exists.
	InsertMessage(ctx context.Context, r Record) error
	// Message returns the message id, with its translation into lang when
	// lang is set and one is stored, or ENotFound.
	Message(ctx context.Context, id string, lang borderlink.Lang) (Record, error)
	// FindMessages returns the messages q selects, from q.Offset up to
	// q.Limit of them, and how many match in all.
	FindMessages(ctx context.Context, q Query) ([]Record, int, error)
	// UnreadByChannel counts the messages q selects (its Limit, Offset,
	// Oldest and Lang are ignored) by channel id.
	UnreadByChannel(ctx context.Context, q Query) (map[string]int, error)
	// SetStates sets the state times, ReadBy and AcknowledgedBy of message
	// id that are zero in storage to the non-zero values of st; values
	// already stored are kept. ENotFound when there is no such message.
	SetStates(ctx context.Context, id string, st States) error

	// InsertReceipt stores r, and reports false (changing nothing) when a
	// receipt with r.ID is stored already.
	InsertReceipt(ctx context.Context, r Receipt) (bool, error)
	// Receipts returns the receipts of a message, oldest first.
	Receipts(ctx context.Context, messageID string) ([]Receipt, error)

	// Due returns up to limit messages whose deadline is at or before now,
	// that are neither acknowledged nor escalated on this node, earliest
	// deadline first.
	Due(ctx context.Context, now time.Time, limit int) ([]Record, error)
	// SetEscalated records when this node escalated message id.
	SetEscalated(ctx context.Context, id string, at time.Time) error
	// InsertAlert stores a, and reports false (changing nothing) when an
	// alert for the same message and unit is stored already.
	InsertAlert(ctx context.Context, a Alert) (bool, error)
	// ResolveAlerts marks the open alerts about a message resolved at at
	// and returns how many there were.
	ResolveAlerts(ctx context.Context, messageID string, at time.Time) (int, error)
	// FindAlerts returns the alerts q selects and how many match in all.
	FindAlerts(ctx context.Context, q AlertQuery) ([]Alert, int, error)

	// InsertAttachment stores the description of a file of a message (the
	// message must exist; EConflict when a.ID is stored already).
	InsertAttachment(ctx context.Context, a Attachment) error
	// Attachment returns one file's description, or ENotFound.
	Attachment(ctx context.Context, id string) (Attachment, error)
	// Attachments returns the files of the messages messageIDs, by
	// message, each message's in the order they were attached.
	Attachments(ctx context.Context, messageIDs ...string) ([]Attachment, error)
	// SetAttachmentState records a file's state.
	SetAttachmentState(ctx context.Context, id, state string) error
	// PutChunk stores chunk index of a file; storing one again keeps the
	// first.
	PutChunk(ctx context.Context, attachmentID string, index int, data []byte) error
	// CountChunks counts the chunks stored of a file.
	CountChunks(ctx context.Context, attachmentID string) (int, error)
	// AttachmentData returns a file's chunks joined in order.
	AttachmentData(ctx context.Context, attachmentID string) ([]byte, error)

	// PutTranslation creates or replaces the translation of a message
	// into t.Lang. EInvalid when the message does not exist.
	PutTranslation(ctx context.Context, t Translation) error
}

// Tx is the transaction the hotline works in: its records, the outbox of
// envelopes to peers and the audit log, committed together.
type Tx interface {
	Hotline() Repo
	Federation() federation.Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[hotline.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}

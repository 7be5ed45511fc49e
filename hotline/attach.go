package hotline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/federation"
)

// Attachment limits. Border links are slow: a message carries a few photos
// or scanned pages, not archives.
const (
	MaxAttachmentSize = 8 << 20 // bytes per file
	MaxAttachments    = 4       // files per message
	MaxAttachmentName = 200     // characters of a file name
	// ChunkSize is how many bytes of a file one envelope carries: a file
	// travels as its message's envelope (which names it, with its size and
	// SHA-256) followed by ceil(size/ChunkSize) chunk envelopes.
	ChunkSize = 192 << 10
)

// AttachmentTypes are the content types a file may have, as sniffed from
// its bytes (never as declared by the sender): photos and scanned or
// typed documents.
var AttachmentTypes = []string{"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf", "text/plain; charset=utf-8"}

// Attachment states on a node.
const (
	AttachmentComplete = "complete" // every byte is here and its SHA-256 matches
	AttachmentPending  = "pending"  // chunks are still on their way
	AttachmentCorrupt  = "corrupt"  // all chunks came but the SHA-256 does not match
)

// Attachment describes a file carried by a message.
type Attachment struct {
	ID          string `json:"id"`
	MessageID   string `json:"message_id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"` // hex, of the whole file
	State       string `json:"state"`
}

// Chunks is how many chunk envelopes carry a.
func (a Attachment) Chunks() int { return int((a.Size + ChunkSize - 1) / ChunkSize) }

// NewAttachment is a file given to Send.
type NewAttachment struct {
	Name string `json:"name"`
	Data []byte `json:"data"` // base64 in JSON
}

// checkAttachments validates the files of a new message and describes
// them; the content type is sniffed from the bytes.
func checkAttachments(msgID string, as []NewAttachment) ([]Attachment, error) {
	if len(as) > MaxAttachments {
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.attachment_count",
			fmt.Sprintf("%d files: at most %d per message", len(as), MaxAttachments), "max", MaxAttachments)
	}
	var out []Attachment
	for _, a := range as {
		name, err := attachmentName(a.Name)
		if err != nil {
			return nil, err
		}
		if len(a.Data) == 0 {
			return nil, borderlink.Errorf(borderlink.EInvalid, "error.attachment_empty", "file "+name+" is empty", "name", name)
		}
		if len(a.Data) > MaxAttachmentSize {
			return nil, errAttachmentSize(name, int64(len(a.Data)))
		}
		ct, err := sniff(name, a.Data)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(a.Data)
		out = append(out, Attachment{ID: borderlink.NewID(), MessageID: msgID, Name: name, ContentType: ct,
			Size: int64(len(a.Data)), SHA256: hex.EncodeToString(sum[:]), State: AttachmentComplete})
	}
	return out, nil
}

// attachmentName returns the base name of a file as a browser or a client
// gave it, in NFC, or EInvalid.
func attachmentName(name string) (string, error) {
	name = strings.ReplaceAll(name, `\`, "/") // names from Windows browsers
	name = path.Base(strings.TrimSpace(name))
	clean, err := cleanText("attachment", name, MaxAttachmentName)
	if err != nil || clean == "" || clean == "." || clean == "/" || strings.ContainsAny(clean, "\r\n\t") {
		return "", borderlink.Errorf(borderlink.EInvalid, "error.attachment_name", "the file name is empty or not valid text")
	}
	return clean, nil
}

func errAttachmentSize(name string, size int64) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.attachment_too_large",
		fmt.Sprintf("file %s has %d bytes: at most %d", name, size, MaxAttachmentSize),
		"name", name, "max_mb", MaxAttachmentSize>>20)
}

// sniff returns the content type of data if it is one of AttachmentTypes.
func sniff(name string, data []byte) (string, error) {
	ct := http.DetectContentType(data)
	if ct == "text/plain; charset=utf-8" && !utf8.Valid(data) {
		ct = "application/octet-stream"
	}
	if !slices.Contains(AttachmentTypes, ct) {
		return "", borderlink.Errorf(borderlink.EInvalid, "error.attachment_type",
			fmt.Sprintf("file %s is %s: only photos (JPEG, PNG, GIF, WebP), PDF and plain text are accepted", name, ct),
			"name", name, "type", ct)
	}
	return ct, nil
}

// wireAttachment describes a file in a message envelope.
type wireAttachment struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
}

// wireChunk is the payload of a "hotline.chunk" envelope.
type wireChunk struct {
	MessageID    string `json:"message_id"`
	AttachmentID string `json:"attachment_id"`
	Index        int    `json:"index"`
	Data         []byte `json:"data"`
}

// maxChunkPayload bounds a chunk envelope: the base64 of ChunkSize bytes
// and the ids.
const maxChunkPayload = ChunkSize*4/3 + 1024

// sendAttachments stores the files of a new message m (already inserted)
// and, when dest is another node, queues their chunks after the message's
// envelope, all in tx.
func (s *Service) sendAttachments(ctx context.Context, tx Tx, m Message, files []NewAttachment, dest borderlink.NodeID) error {
	for i, a := range m.Attachments {
		if err := tx.Hotline().InsertAttachment(ctx, a); err != nil {
			return fmt.Errorf("hotline: attachment %s: %w", a.ID, err)
		}
		data := files[i].Data
		for c := 0; c < a.Chunks(); c++ {
			part := data[c*ChunkSize : min((c+1)*ChunkSize, len(data))]
			if err := tx.Hotline().PutChunk(ctx, a.ID, c, part); err != nil {
				return fmt.Errorf("hotline: attachment %s: %w", a.ID, err)
			}
			if dest == s.self {
				continue
			}
			w := wireChunk{MessageID: m.ID, AttachmentID: a.ID, Index: c, Data: part}
			if _, err := s.outbox.Send(ctx, tx.Federation(), dest, KindChunk, w); err != nil {
				return fmt.Errorf("hotline: send %s chunk %d to %s: %w", a.ID, c, dest, err)
			}
		}
	}
	return nil
}

// checkWireAttachments applies to a peer's file descriptions the checks a
// local sender meets (its bytes are checked as they arrive).
func checkWireAttachments(ws []wireAttachment) error {
	if len(ws) > MaxAttachments {
		return fmt.Errorf("%d attachments: at most %d", len(ws), MaxAttachments)
	}
	seen := map[string]bool{}
	for _, w := range ws {
		if _, err := attachmentName(w.Name); err != nil {
			return fmt.Errorf("attachment %q: bad name", clip(w.ID, 40))
		}
		switch {
		case w.ID == "" || len(w.ID) > 64 || seen[w.ID]:
			return fmt.Errorf("attachment id %q missing, too long or repeated", clip(w.ID, 40))
		case w.Size <= 0 || w.Size > MaxAttachmentSize:
			return fmt.Errorf("attachment %s: size %d outside 1..%d", w.ID, w.Size, MaxAttachmentSize)
		case !slices.Contains(AttachmentTypes, w.ContentType):
			return fmt.Errorf("attachment %s: content type %q not accepted", w.ID, clip(w.ContentType, 60))
		}
		if b, err := hex.DecodeString(w.SHA256); err != nil || len(b) != sha256.Size {
			return fmt.Errorf("attachment %s: SHA-256 is not 64 hex digits", w.ID)
		}
		seen[w.ID] = true
	}
	return nil
}

// applyChunk stores one chunk of a peer's file. When the last chunk is in,
// the file is put together and its SHA-256 and type checked against what
// the message said: a mismatch marks it corrupt (audited) and it is never
// served.
func (s *Service) applyChunk(ctx context.Context, tx Tx, e federation.Envelope) error {
	var w wireChunk
	if err := decode(e, &w); err != nil {
		return err
	}
	reject := func(why string) error {
		return federation.Reject(federation.ReasonPayload, fmt.Sprintf("chunk %d of %q: %s", w.Index, clip(w.AttachmentID, 40), why))
	}
	r, err := tx.Hotline().Message(ctx, w.MessageID, "")
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return reject("unknown message")
	}
	if err != nil {
		return fmt.Errorf("hotline: chunk: %w", err)
	}
	if r.Origin != e.Origin {
		return reject("the message is not " + string(e.Origin) + "'s")
	}
	a, err := tx.Hotline().Attachment(ctx, w.AttachmentID)
	if borderlink.IsCode(err, borderlink.ENotFound) || (err == nil && a.MessageID != r.ID) {
		return reject("not an attachment of the message")
	}
	if err != nil {
		return fmt.Errorf("hotline: chunk: %w", err)
	}
	last := a.Chunks() - 1
	want := ChunkSize
	if w.Index == last {
		want = int(a.Size) - last*ChunkSize
	}
	switch {
	case w.Index < 0 || w.Index > last:
		return reject(fmt.Sprintf("index outside 0..%d", last))
	case len(w.Data) != want:
		return reject(fmt.Sprintf("%d bytes, want %d", len(w.Data), want))
	case a.State != AttachmentPending:
		return nil // complete already (a duplicate) or given up as corrupt
	}
	if err := tx.Hotline().PutChunk(ctx, a.ID, w.Index, w.Data); err != nil {
		return fmt.Errorf("hotline: chunk: %w", err)
	}
	n, err := tx.Hotline().CountChunks(ctx, a.ID)
	if err != nil || n < a.Chunks() {
		return err
	}
	data, err := tx.Hotline().AttachmentData(ctx, a.ID)
	if err != nil {
		return fmt.Errorf("hotline: chunk: %w", err)
	}
	sum := sha256.Sum256(data)
	state, detail := AttachmentComplete, fmt.Sprintf("%s, %d bytes, sha256 %s", a.Name, a.Size, a.SHA256[:16])
	if got := hex.EncodeToString(sum[:]); got != a.SHA256 || int64(len(data)) != a.Size {
		state, detail = AttachmentCorrupt, fmt.Sprintf("%s: sha256 %s, the message said %s", a.Name, got[:16], a.SHA256[:16])
	} else if ct, err := sniff(a.Name, data); err != nil || ct != a.ContentType {
		state, detail = AttachmentCorrupt, fmt.Sprintf("%s: content is not %s", a.Name, a.ContentType)
	}
	if err := tx.Hotline().SetAttachmentState(ctx, a.ID, state); err != nil {
		return fmt.Errorf("hotline: chunk: %w", err)
	}
	outcome := audit.OutcomeOK
	if state == AttachmentCorrupt {
		outcome = audit.OutcomeFailed
	}
	en := systemEntry("peer:"+string(e.Origin), actAttachment, r.ID, r.ToUnit, detail)
	en.Outcome = outcome
	if err := s.record(ctx, tx, en); err != nil {
		return err
	}
	m := finish(r)
	s.afterCommit(ctx, tx, func(ctx context.Context, repo Repo) (bool, error) {
		b, err := repo.Attachment(ctx, a.ID)
		return err == nil && b.State != AttachmentPending, err
	}, func() {
		s.events.Publish(Event{Type: EventAttachment, MessageID: m.ID, ChannelID: m.ChannelID, Units: []string{m.FromUnit, m.ToUnit}})
	})
	return nil
}

// AttachmentFile returns one file of message msgID with its bytes, for p,
// who must be allowed to read the message; the download is audited. A
// file still on its way or found corrupt is refused (EUnavailable,
// error.attachment_incomplete; EInvalid, error.attachment_corrupt).
func (s *Service) AttachmentFile(ctx context.Context, p auth.Principal, msgID, id string) (Attachment, []byte, error) {
	tree := s.units.Tree()
	sc := scopeOf(p, tree, s.self)
	var a Attachment
	var data []byte
	err := s.update(ctx, func(tx Tx) error {
		r, err := s.visible(ctx, tx, p, sc, msgID, actDownload)
		if err != nil {
			return err
		}
		a, err = tx.Hotline().Attachment(ctx, id)
		if borderlink.IsCode(err, borderlink.ENotFound) || (err == nil && a.MessageID != r.ID) {
			return borderlink.Errorf(borderlink.ENotFound, "error.attachment_unknown", "no attachment "+clip(id, 40)+" in this message", "id", clip(id, 40))
		}
		if err != nil {
			return fmt.Errorf("hotline: attachment %s: %w", clip(id, 40), err)
		}
		switch a.State {
		case AttachmentPending:
			return borderlink.Errorf(borderlink.EUnavailable, "error.attachment_incomplete",
				"file "+a.Name+" has not fully arrived yet", "name", a.Name)
		case AttachmentCorrupt:
			return borderlink.Errorf(borderlink.EInvalid, "error.attachment_corrupt",
				"file "+a.Name+" arrived damaged (SHA-256 mismatch); ask the sender to send it again", "name", a.Name)
		}
		if data, err = tx.Hotline().AttachmentData(ctx, a.ID); err != nil {
			return fmt.Errorf("hotline: attachment %s: %w", a.ID, err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != a.SHA256 {
			return fmt.Errorf("hotline: attachment %s: stored bytes do not match their SHA-256", a.ID)
		}
		return s.record(ctx, tx, entry(p, actDownload, msgID, localUnit(r, sc), audit.OutcomeOK, a.Name))
	})
	if err != nil {
		return Attachment{}, nil, err
	}
	return a, data, nil
}

// attachmentsOfAll loads the descriptions of the files of every message of
// ms in tx, in one query.
func attachmentsOfAll(ctx context.Context, tx Tx, ms []Message) error {
	if len(ms) == 0 {
		return nil
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	as, err := tx.Hotline().Attachments(ctx, ids...)
	if err != nil {
		return fmt.Errorf("hotline: attachments: %w", err)
	}
	by := map[string][]Attachment{}
	for _, a := range as {
		by[a.MessageID] = append(by[a.MessageID], a)
	}
	for i := range ms {
		ms[i].Attachments = by[ms[i].ID]
	}
	return nil
}

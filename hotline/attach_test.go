package hotline_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
)

// photo returns a PNG of noise (which does not compress) of about n bytes.
func photo(t *testing.T, n int) []byte {
	t.Helper()
	side := 1
	for side*side*3 < n {
		side++
	}
	img := image.NewRGBA(image.Rect(0, 0, side, side))
	r := rand.New(rand.NewPCG(1, 2))
	for y := range side {
		for x := range side {
			img.Set(x, y, color.RGBA{uint8(r.Uint32()), uint8(r.Uint32()), uint8(r.Uint32()), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func hexSHA(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// A message with files keeps them, and queues them for the partner in
// chunks after the message itself; the sender can download them, and each
// download is audited.
func TestAttachmentsSent(t *testing.T) {
	e := newEnv(t, envOptions{})
	pic := photo(t, 3*hotline.ChunkSize+1000)
	note := []byte("Biên bản bắt giữ lúc 14 giờ 20, Km 12 quốc lộ 12.\n")
	m := e.send(hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "Ảnh đối tượng", Body: "Gửi ảnh và biên bản.",
		Attachments: []hotline.NewAttachment{{Name: `C:\Users\hung\Ảnh đối tượng.png`, Data: pic}, {Name: "bien-ban.txt", Data: note}}})
	if len(m.Attachments) != 2 {
		t.Fatalf("attachments = %+v", m.Attachments)
	}
	a, b := m.Attachments[0], m.Attachments[1]
	if a.Name != "Ảnh đối tượng.png" || a.ContentType != "image/png" || a.Size != int64(len(pic)) || a.SHA256 != hexSHA(pic) || a.State != hotline.AttachmentComplete {
		t.Errorf("photo = %+v", a)
	}
	if b.ContentType != "text/plain; charset=utf-8" || a.Chunks() != 4 || b.Chunks() != 1 {
		t.Errorf("note = %+v, photo chunks %d", b, a.Chunks())
	}
	// The message envelope names the files; the chunks follow it, in order.
	out := e.outbox("")
	if len(out) != 1+4+1 || out[0].Kind != hotline.KindMessage {
		t.Fatalf("outbox holds %d envelopes, first %s", len(out), out[0].Kind)
	}
	var joined []byte
	for i, env := range out[1:5] {
		var c struct {
			AttachmentID string `json:"attachment_id"`
			Index        int    `json:"index"`
			Data         []byte `json:"data"`
		}
		if env.Kind != hotline.KindChunk || json.Unmarshal(env.Payload, &c) != nil || c.AttachmentID != a.ID || c.Index != i {
			t.Fatalf("envelope %d: %s %s", i+1, env.Kind, env.Payload[:min(80, len(env.Payload))])
		}
		joined = append(joined, c.Data...)
	}
	if !bytes.Equal(joined, pic) {
		t.Error("the chunks do not make up the photo")
	}
	// Downloads: the same bytes, audited.
	got, data, err := e.svc.AttachmentFile(e.ctx, hung, m.ID, a.ID)
	if err != nil || !bytes.Equal(data, pic) || got.Name != a.Name {
		t.Fatalf("download: %v, %d bytes", err, len(data))
	}
	if n := len(e.entries("hotline.download", m.ID)); n != 1 {
		t.Errorf("%d download entries", n)
	}
	// Reading the message lists its files.
	if r := e.message(hung, m.ID); len(r.Attachments) != 2 || r.Attachments[1].Name != "bien-ban.txt" {
		t.Errorf("message read back with %+v", r.Attachments)
	}
	// Someone who may not read the message cannot download its files.
	_, _, err = e.svc.AttachmentFile(e.ctx, son, m.ID, a.ID)
	wantError(t, "download by another province", err, borderlink.ENotFound, "error.hotline_unknown_message")
	_, _, err = e.svc.AttachmentFile(e.ctx, hung, m.ID, "nope")
	wantError(t, "unknown attachment", err, borderlink.ENotFound, "error.attachment_unknown")
}

// Files that are not photos, PDF or text, too large, too many, empty or
// badly named are refused with a clear reason, and nothing is stored.
func TestAttachmentsRefused(t *testing.T) {
	e := newEnv(t, envOptions{})
	base := hotline.NewMessage{ToUnit: "LA-02", Subject: "Tệp", Body: "Xem tệp."}
	ok := hotline.NewAttachment{Name: "a.txt", Data: []byte("văn bản")}
	for _, c := range []struct {
		name  string
		files []hotline.NewAttachment
		key   string
	}{
		{"a program", []hotline.NewAttachment{{Name: "setup.exe", Data: append([]byte("MZ\x90\x00\x03"), make([]byte, 600)...)}}, "error.attachment_type"},
		{"a zip", []hotline.NewAttachment{{Name: "a.zip", Data: []byte("PK\x03\x04\x14\x00\x00\x00")}}, "error.attachment_type"},
		{"HTML", []hotline.NewAttachment{{Name: "a.txt", Data: []byte("<html><script>alert(1)</script></html>")}}, "error.attachment_type"},
		{"too large", []hotline.NewAttachment{{Name: "big.txt", Data: bytes.Repeat([]byte("a"), hotline.MaxAttachmentSize+1)}}, "error.attachment_too_large"},
		{"too many", []hotline.NewAttachment{ok, ok, ok, ok, ok}, "error.attachment_count"},
		{"empty", []hotline.NewAttachment{{Name: "a.txt"}}, "error.attachment_empty"},
		{"no name", []hotline.NewAttachment{{Name: "  ", Data: []byte("x")}}, "error.attachment_name"},
		{"a control character in the name", []hotline.NewAttachment{{Name: "a\x07.txt", Data: []byte("x")}}, "error.attachment_name"},
	} {
		nm := base
		nm.Attachments = c.files
		_, err := e.svc.Send(e.ctx, hung, nm)
		wantError(t, c.name, err, borderlink.EInvalid, c.key)
	}
	if n := e.stored(); n != 0 {
		t.Errorf("%d messages stored after refusals", n)
	}
	if n := len(e.outbox("")); n != 0 {
		t.Errorf("%d envelopes queued after refusals", n)
	}
}

// laoFile applies a Lao message to VN-11 that names one file of data
// (with sha as its SHA-256), and returns the message and attachment ids.
func laoFile(t *testing.T, e *env, name string, data []byte, sha string) (string, string) {
	t.Helper()
	id, att := borderlink.NewID(), borderlink.NewID()
	now := e.clock.Now()
	err := e.fromLaos(hotline.KindMessage, map[string]any{
		"id": id, "thread_id": id, "channel_id": hotline.ChannelID("LA-02", "VN-11"), "from_unit": "LA-02", "to_unit": "VN-11",
		"author": "somphone", "author_name": "ທ້າວ ສົມພອນ", "priority": hotline.Urgent, "handling": hotline.Releasable,
		"subject": "ຮູບຖ່າຍຜູ້ຕ້ອງສົງໄສ", "body": "ສົ່ງຮູບຖ່າຍມາໃຫ້.", "lang": "lo",
		"created": now, "deadline": now.Add(hotline.DefaultDeadlines[hotline.Urgent]),
		"attachments": []map[string]any{{"id": att, "name": name, "content_type": "image/png", "size": len(data), "sha256": sha}},
	})
	if err != nil {
		t.Fatalf("apply a Lao message with a file: %v", err)
	}
	return id, att
}

func laoChunks(t *testing.T, e *env, msg, att string, data []byte) {
	t.Helper()
	for i := 0; i*hotline.ChunkSize < len(data); i++ {
		part := data[i*hotline.ChunkSize : min((i+1)*hotline.ChunkSize, len(data))]
		if err := e.fromLaos(hotline.KindChunk, map[string]any{"message_id": msg, "attachment_id": att, "index": i, "data": part}); err != nil {
			t.Fatalf("chunk %d: %v", i, err)
		}
	}
}

// A partner's file is pending until its last chunk, then checked against
// its SHA-256: whole, it can be downloaded; damaged, it is marked so,
// audited as a failure and never served.
func TestAttachmentFromPartner(t *testing.T) {
	e := newEnv(t, envOptions{})
	pic := photo(t, 2*hotline.ChunkSize+77)
	msg, att := laoFile(t, e, "ຮູບ.png", pic, hexSHA(pic))
	m := e.message(hung, msg)
	if len(m.Attachments) != 1 || m.Attachments[0].State != hotline.AttachmentPending {
		t.Fatalf("before its chunks: %+v", m.Attachments)
	}
	_, _, err := e.svc.AttachmentFile(e.ctx, hung, msg, att)
	wantError(t, "download while arriving", err, borderlink.EUnavailable, "error.attachment_incomplete")
	laoChunks(t, e, msg, att, pic)
	_, data, err := e.svc.AttachmentFile(e.ctx, hung, msg, att)
	if err != nil || !bytes.Equal(data, pic) {
		t.Fatalf("download after the last chunk: %v, %d bytes", err, len(data))
	}
	// A chunk delivered again changes nothing.
	if err := e.fromLaos(hotline.KindChunk, map[string]any{"message_id": msg, "attachment_id": att, "index": 0, "data": pic[:hotline.ChunkSize]}); err != nil {
		t.Errorf("a chunk again: %v", err)
	}

	// Bytes that do not match the SHA-256 the message gave.
	bad := bytes.Clone(pic)
	bad[len(bad)/2] ^= 0xff
	msg2, att2 := laoFile(t, e, "hong.png", bad, hexSHA(pic))
	laoChunks(t, e, msg2, att2, bad)
	m2 := e.message(hung, msg2)
	if m2.Attachments[0].State != hotline.AttachmentCorrupt {
		t.Errorf("damaged file state %s", m2.Attachments[0].State)
	}
	_, _, err = e.svc.AttachmentFile(e.ctx, hung, msg2, att2)
	wantError(t, "download of a damaged file", err, borderlink.EInvalid, "error.attachment_corrupt")
	es := e.entries("hotline.attachment", msg2)
	if len(es) != 1 || es[0].Outcome != audit.OutcomeFailed || !strings.Contains(es[0].Detail, "sha256") {
		t.Errorf("damaged file audited as %+v", es)
	}

	// Chunks that do not fit are refused, with a reason.
	for _, c := range []struct {
		name    string
		payload map[string]any
	}{
		{"unknown attachment", map[string]any{"message_id": msg, "attachment_id": "nope", "index": 0, "data": []byte("x")}},
		{"index past the end", map[string]any{"message_id": msg, "attachment_id": att, "index": 9, "data": []byte("x")}},
		{"wrong size", map[string]any{"message_id": msg, "attachment_id": att, "index": 0, "data": []byte("short")}},
		{"unknown message", map[string]any{"message_id": "nope", "attachment_id": att, "index": 0, "data": []byte("x")}},
	} {
		err := e.fromLaos(hotline.KindChunk, c.payload)
		var r *federation.Rejection
		if !errorsAs(err, &r) || r.Reason != federation.ReasonPayload {
			t.Errorf("%s: %v, want a payload rejection", c.name, err)
		}
	}
	// A message announcing a file of a forbidden type is refused whole.
	id := borderlink.NewID()
	now := e.clock.Now()
	err = e.fromLaos(hotline.KindMessage, map[string]any{
		"id": id, "thread_id": id, "channel_id": hotline.ChannelID("LA-02", "VN-11"), "from_unit": "LA-02", "to_unit": "VN-11",
		"author": "x", "author_name": "x", "priority": hotline.Routine, "handling": hotline.Releasable,
		"subject": "x", "body": "x", "lang": "lo", "created": now, "deadline": now.Add(hotline.DefaultDeadlines[hotline.Routine]),
		"attachments": []map[string]any{{"id": "f", "name": "a.exe", "content_type": "application/x-msdownload", "size": 10, "sha256": hexSHA(nil)}},
	})
	var r *federation.Rejection
	if !errorsAs(err, &r) {
		t.Errorf("a message with an .exe: %v, want a rejection", err)
	}
}

func errorsAs(err error, target any) bool { return err != nil && errors.As(err, target) }

// A peer's receipts for many messages come in one envelope: each that fits
// applies, one that does not is refused in the audit log and skipped.
func TestBatchedReceipts(t *testing.T) {
	e := newEnv(t, envOptions{})
	m1 := e.send(hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "Tin 1", Body: "a"})
	m2 := e.send(hung, hotline.NewMessage{ToUnit: "LA-02", Subject: "Tin 2", Body: "b"})
	at := e.clock.Now().Add(time.Minute)
	rc := func(id, unit string) map[string]any {
		return map[string]any{"message_id": id, "state": "delivered", "unit": unit, "actor": "la.mps", "at": at}
	}
	err := e.fromLaos(hotline.KindReceipts, map[string]any{"receipts": []any{rc(m1.ID, "LA-02"), rc("nope", "LA-02"), rc(m2.ID, "LA-02")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{m1.ID, m2.ID} {
		if r := e.record(id); !r.States.Delivered.Equal(at) {
			t.Errorf("%s: delivered %v, want %v", id, r.States.Delivered, at)
		}
	}
	if es := e.entries("hotline.receipt", "nope"); len(es) != 1 || es[0].Outcome != audit.OutcomeDenied {
		t.Errorf("the unfit receipt is audited as %+v", es)
	}
	// An empty batch, or a malformed one, is refused whole.
	if err := e.fromLaos(hotline.KindReceipts, map[string]any{"receipts": []any{}}); !isRejection(err) {
		t.Errorf("an empty batch: %v", err)
	}
	if err := e.fromLaos(hotline.KindReceipts, map[string]any{"receipts": "x"}); !isRejection(err) {
		t.Errorf("a malformed batch: %v", err)
	}
}

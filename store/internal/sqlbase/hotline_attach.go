package sqlbase

import (
	"bytes"
	"context"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/hotline"
)

func (r hotlineRepo) InsertAttachment(ctx context.Context, a hotline.Attachment) error {
	op := "insert attachment " + a.ID
	// The position keeps the files in the order they were attached; the
	// message must exist (a missing one inserts nothing).
	res, err := r.t.Exec(ctx, `INSERT INTO hotline_attachments (id, message_id, position, name, content_type, size, sha256, state)
		SELECT CAST(? AS TEXT), m.id, (SELECT COUNT(*) FROM hotline_attachments WHERE message_id = m.id),
		CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT)
		FROM hotline_messages m WHERE m.id = ?`,
		a.ID, a.Name, a.ContentType, a.Size, a.SHA256, a.State, a.MessageID)
	err = expectRows(res, err, borderlink.Errorf(borderlink.EInvalid, "error.invalid",
		"no message "+a.MessageID+" for attachment "+a.ID, "id", a.MessageID))
	return wrap(op, err)
}

const attachmentSelect = `SELECT id, message_id, name, content_type, size, sha256, state FROM hotline_attachments`

func scanAttachment(sc interface{ Scan(...any) error }) (hotline.Attachment, error) {
	var a hotline.Attachment
	err := sc.Scan(&a.ID, &a.MessageID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.State)
	return a, err
}

func (r hotlineRepo) Attachment(ctx context.Context, id string) (hotline.Attachment, error) {
	a, err := scanAttachment(r.t.QueryRow(ctx, attachmentSelect+` WHERE id = ?`, id))
	return a, wrap("attachment "+id, r.t.Classify(err))
}

func (r hotlineRepo) Attachments(ctx context.Context, messageIDs ...string) ([]hotline.Attachment, error) {
	if len(messageIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(messageIDs))
	for i, id := range messageIDs {
		args[i] = id
	}
	return queryAll(ctx, r.t, fmt.Sprintf("attachments of %d messages", len(messageIDs)),
		func(sc scanner) (hotline.Attachment, error) { return scanAttachment(sc) },
		attachmentSelect+` WHERE message_id IN (`+placeholders(len(args))+`) ORDER BY message_id, position`, args...)
}

func (r hotlineRepo) SetAttachmentState(ctx context.Context, id, state string) error {
	res, err := r.t.Exec(ctx, `UPDATE hotline_attachments SET state = ? WHERE id = ?`, state, id)
	err = expectRows(res, err, borderlink.Errorf(borderlink.ENotFound, "error.not_found", "no attachment "+id))
	return wrap("set state of attachment "+id, err)
}

func (r hotlineRepo) PutChunk(ctx context.Context, attachmentID string, index int, data []byte) error {
	_, err := r.t.Exec(ctx, `INSERT INTO hotline_attachment_chunks (attachment_id, idx, data) VALUES (?, ?, ?)
		ON CONFLICT (attachment_id, idx) DO NOTHING`, attachmentID, index, data)
	return wrap("put chunk of attachment "+attachmentID, r.t.Classify(err))
}

func (r hotlineRepo) CountChunks(ctx context.Context, attachmentID string) (int, error) {
	var n int
	err := r.t.QueryRow(ctx, `SELECT COUNT(*) FROM hotline_attachment_chunks WHERE attachment_id = ?`, attachmentID).Scan(&n)
	return n, wrap("count chunks of attachment "+attachmentID, r.t.Classify(err))
}

func (r hotlineRepo) AttachmentData(ctx context.Context, attachmentID string) ([]byte, error) {
	op := "data of attachment " + attachmentID
	rows, err := r.t.Query(ctx, `SELECT data FROM hotline_attachment_chunks WHERE attachment_id = ? ORDER BY idx`, attachmentID)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	var b bytes.Buffer
	for rows.Next() {
		var part []byte
		if err := rows.Scan(&part); err != nil {
			return nil, wrap(op, err)
		}
		b.Write(part)
	}
	return b.Bytes(), wrap(op, rows.Err())
}

package communes

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// attachmentTypes are the documents accepted as evidence, as sniffed from
// their bytes: scans and photos of minutes, commitments and decisions.
var attachmentTypes = []string{"application/pdf", "image/jpeg", "image/png"}

// checkAttachment describes data, or refuses it.
func checkAttachment(data []byte) (Attachment, error) {
	if len(data) == 0 {
		return Attachment{}, errAttachmentEmpty()
	}
	if len(data) > MaxAttachmentSize {
		return Attachment{}, errAttachmentSize()
	}
	ct := http.DetectContentType(data)
	ct, _, _ = strings.Cut(ct, ";")
	ok := false
	for _, t := range attachmentTypes {
		ok = ok || ct == t
	}
	if !ok {
		return Attachment{}, errAttachmentType()
	}
	sum := sha256.Sum256(data)
	return Attachment{ID: borderlink.NewID(), ContentType: ct, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}, nil
}

// AddAttachment attaches a document (PDF, JPEG or PNG, at most
// MaxAttachmentSize bytes) to an assessment being filled in, as evidence
// of item (one of its criteria's items) or of the whole assessment when
// item is "". p must hold communes.write over the commune.
//
// Errors: as UpdateResults; EInvalid (error.communes_attachment_type,
// error.communes_attachment_size, error.communes_attachment_empty,
// error.communes_item_unknown) for an attachment refused.
func (s *Service) AddAttachment(ctx context.Context, p auth.Principal, id, item, name string, data []byte) (Attachment, error) {
	var out Attachment
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.communeAssessment(ctx, tx, p, id, actAttach)
		if err != nil {
			return err
		}
		if !r.Status.Editable() {
			return errNotEditable(r.Status)
		}
		if len(r.Attachments) >= MaxAttachments {
			return rules.ErrTooMany("attachments", MaxAttachments)
		}
		at, err := checkAttachment(data)
		if err != nil {
			return err
		}
		if at.Item = strings.ToLower(strings.TrimSpace(item)); at.Item != "" {
			c, err := tx.Communes().CriteriaSet(ctx, r.CriteriaID)
			if err != nil {
				return wrapErr("criteria "+r.CriteriaID, err)
			}
			if _, ok := c.Item(at.Item); !ok {
				return errItemUnknown(at.Item)
			}
		}
		if at.Name, err = rules.Required("attachment_name", name, MaxShort, false); err != nil {
			return err
		}
		if err := tx.Communes().PutAttachment(ctx, id, at, data); err != nil {
			return wrapErr("add attachment", err)
		}
		a := r.Assessment
		a.Updated = recordkit.Bump(s.now(), r.Updated)
		out = at
		return s.save(ctx, tx, a, recordkit.OK(p, actAttach, objAssessment, id, "attachment "+at.ID+" "+at.ContentType))
	})
	if err != nil {
		return Attachment{}, err
	}
	return out, nil
}

// AttachmentData returns an attachment of an assessment p may read, with
// its bytes.
//
// Errors: as Assessment; ENotFound (error.communes_attachment_not_found)
// when the assessment has no such attachment.
func (s *Service) AttachmentData(ctx context.Context, p auth.Principal, id, attachmentID string) (Attachment, []byte, error) {
	if _, err := s.Assessment(ctx, p, id); err != nil {
		return Attachment{}, nil, err
	}
	var at Attachment
	var data []byte
	err := s.db.View(ctx, func(tx Tx) (err error) {
		at, data, err = tx.Communes().AttachmentData(ctx, id, attachmentID)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return errAttachmentNotFound(attachmentID)
		}
		return wrapErr("attachment "+attachmentID, err)
	})
	if err != nil {
		return Attachment{}, nil, err
	}
	return at, data, nil
}

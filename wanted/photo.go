package wanted

import (
	"context"
	"fmt"
	"slices"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// AddPhoto adds a photo to one of this node's notices: JPEG, PNG or WebP
// (as sniffed from the bytes), at most MaxPhotoSize bytes, at most
// MaxPhotos per notice. A released notice is published again with it.
//
// Errors: as UpdateNotice; EInvalid (error.person_photo_empty,
// error.person_photo_too_large, error.person_photo_type,
// error.wanted_photo_count) for a photo refused.
func (s *Service) AddPhoto(ctx context.Context, p auth.Principal, noticeID string, data []byte) (cases.Photo, error) {
	var out cases.Photo
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.ownNotice(ctx, tx, p, noticeID, actPhotoAdd)
		if err != nil {
			return err
		}
		ph, err := cases.CheckPhoto(data)
		if err != nil {
			return err
		}
		if len(r.Photos) >= MaxPhotos {
			return recordkit.Invalid("error.wanted_photo_count", fmt.Sprintf("a notice has at most %d photos", MaxPhotos), "max", MaxPhotos)
		}
		if err := tx.Wanted().PutPhoto(ctx, noticeID, ph, data); err != nil {
			return wrapErr("add photo", err)
		}
		n := r.Notice
		n.Photos = append(slices.Clone(r.Photos), ph)
		n.Updated = s.bump(r.Updated)
		out = ph
		return s.saveNotice(ctx, tx, n, recordkit.OK(p, actPhotoAdd, objNotice, noticeID, "photo "+ph.ID+" "+ph.ContentType))
	})
	if err != nil {
		return cases.Photo{}, err
	}
	return out, nil
}

// RemovePhoto removes a photo of one of this node's notices; a released
// notice is published again without it.
//
// Errors: as UpdateNotice; ENotFound (error.wanted_photo_not_found) when
// the notice has no such photo.
func (s *Service) RemovePhoto(ctx context.Context, p auth.Principal, noticeID, photoID string) error {
	return s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.ownNotice(ctx, tx, p, noticeID, actPhotoRemove)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(r.Photos, func(ph cases.Photo) bool { return ph.ID == photoID })
		if i < 0 {
			return errPhotoNotFound(photoID)
		}
		if err := tx.Wanted().DeletePhoto(ctx, noticeID, photoID); err != nil {
			return wrapErr("remove photo", err)
		}
		n := r.Notice
		n.Photos = slices.Delete(slices.Clone(r.Photos), i, i+1)
		n.Updated = s.bump(r.Updated)
		return s.saveNotice(ctx, tx, n, recordkit.OK(p, actPhotoRemove, objNotice, noticeID, "photo "+photoID))
	})
}

// PhotoData returns a photo of a notice p may see, with its bytes, and
// audits the reading.
//
// Errors: as Notice; ENotFound (error.wanted_photo_not_found) when the
// notice has no such photo.
func (s *Service) PhotoData(ctx context.Context, p auth.Principal, noticeID, photoID string) (cases.Photo, []byte, error) {
	var ph cases.Photo
	var data []byte
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if _, err := s.visibleNotice(ctx, tx, p, noticeID, actPhotoRead); err != nil {
			return err
		}
		var err error
		ph, data, err = tx.Wanted().PhotoData(ctx, noticeID, photoID)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return errPhotoNotFound(photoID)
		}
		if err != nil {
			return wrapErr("photo "+photoID, err)
		}
		return s.record(ctx, tx, recordkit.OK(p, actPhotoRead, objNotice, noticeID, "photo "+photoID))
	})
	if err != nil {
		return cases.Photo{}, nil, err
	}
	return ph, data, nil
}

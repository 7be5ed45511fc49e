package sqlbase

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/cases"
)

// photoTable is a table of photos kept with records of another table: the
// persons of the case file and the wanted notices keep theirs the same way
// (a wanted notice takes photos by the case file's rules), in tables that
// differ only by name and by the column naming the owner.
type photoTable struct {
	table string // "case_person_photos"
	owner string // the column of the owner's id: "person_id"
}

var (
	personPhotos = photoTable{table: "case_person_photos", owner: "person_id"}
	noticePhotos = photoTable{table: "wanted_photos", owner: "notice_id"}
)

// list returns the descriptions of the photos of the owners ids, in their
// order, by owner.
func (pt photoTable) list(ctx context.Context, t *Tx, ids []string) (map[string][]cases.Photo, error) {
	type ph struct {
		owner string
		cases.Photo
	}
	rows, err := queryAll(ctx, t, "photos", func(sc scanner) (ph, error) {
		var v ph
		err := sc.Scan(&v.owner, &v.ID, &v.ContentType, &v.Size, &v.SHA256)
		return v, err
	}, `SELECT `+pt.owner+`, id, content_type, size, sha256 FROM `+pt.table+` WHERE `+pt.owner+` IN (`+placeholders(len(ids))+`)
		ORDER BY `+pt.owner+`, position`, idArgs(ids)...)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]cases.Photo, len(ids))
	for _, v := range rows {
		out[v.owner] = append(out[v.owner], v.Photo)
	}
	return out, nil
}

// put stores photo ph of owner after its others.
func (pt photoTable) put(ctx context.Context, t *Tx, owner string, ph cases.Photo, data []byte) error {
	res, err := t.Exec(ctx, `INSERT INTO `+pt.table+` (id, `+pt.owner+`, position, content_type, size, sha256, data)
		SELECT ?, ?, COALESCE(MAX(position), -1) + 1, ?, ?, ?, ? FROM `+pt.table+` WHERE `+pt.owner+` = ?
		ON CONFLICT (id) DO NOTHING`,
		ph.ID, owner, ph.ContentType, ph.Size, ph.SHA256, data, owner)
	return wrap("put photo "+ph.ID, expectRows(res, err, borderlink.Errorf(borderlink.EConflict, "error.conflict",
		"a photo "+ph.ID+" exists already", "id", ph.ID)))
}

// delete removes photo id of owner.
func (pt photoTable) delete(ctx context.Context, t *Tx, owner, id string) error {
	res, err := t.Exec(ctx, `DELETE FROM `+pt.table+` WHERE id = ? AND `+pt.owner+` = ?`, id, owner)
	return wrap("delete photo "+id, expectRows(res, err, errNoPhoto(id)))
}

// data returns photo id of owner with its bytes.
func (pt photoTable) data(ctx context.Context, t *Tx, owner, id string) (cases.Photo, []byte, error) {
	var ph cases.Photo
	var data []byte
	err := t.QueryRow(ctx, `SELECT id, content_type, size, sha256, data FROM `+pt.table+` WHERE id = ? AND `+pt.owner+` = ?`,
		id, owner).Scan(&ph.ID, &ph.ContentType, &ph.Size, &ph.SHA256, &data)
	if err != nil {
		err = t.Classify(err)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return cases.Photo{}, nil, errNoPhoto(id)
		}
		return cases.Photo{}, nil, wrap("photo "+id, err)
	}
	return ph, data, nil
}

func errNoPhoto(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.not_found", "no photo "+id, "id", id)
}

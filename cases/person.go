package cases

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/hotline/forms"
	"github.com/borderlink/borderlink/i18n/textfold"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Person is a subject of the case file: someone a case is about or an
// arrest names. Persons are sensitive: every read is audited, and a person
// leaves the node only with a released subject or arrest that names them.
type Person struct {
	ID     string            `json:"id"`
	Origin borderlink.NodeID `json:"origin"`
	// OwnerUnit keeps the person's record (a unit of the origin's
	// country).
	OwnerUnit string   `json:"owner_unit"`
	Name      string   `json:"name"`       // in the original script
	NameLatin string   `json:"name_latin"` // romanised
	Aliases   []string `json:"aliases"`
	// Birth is a partial date: "1988", "1988-05" or "1988-05-12"; "" when
	// not known.
	Birth       string     `json:"birth"`
	Sex         Sex        `json:"sex"`
	Nationality string     `json:"nationality"` // ISO 3166 alpha-2; "" when not known
	Documents   []Document `json:"documents"`
	Phones      []string   `json:"phones"` // E.164
	Addresses   []Address  `json:"addresses"`
	Photos      []Photo    `json:"photos"`
	Notes       string     `json:"notes"`
	Created     time.Time  `json:"created"`
	Updated     time.Time  `json:"updated"`
	Released    time.Time  `json:"released,omitzero"`
}

// Document is an identity document of a person.
type Document struct {
	Type    DocumentType `json:"type"`
	Number  string       `json:"number"`
	Country string       `json:"country,omitempty"` // the issuing country, ISO 3166 alpha-2
}

// Address is where a person lives or stays.
type Address struct {
	Text string `json:"text"`
	Unit string `json:"unit,omitempty"` // the unit whose area it is in, when known
}

// Photo describes a photo of a person; its bytes are kept apart (see
// Service.PhotoData).
type Photo struct {
	ID          string `json:"id"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"` // hex
}

// NewPerson is what a user writes to record or edit a person. Photos are
// added and removed on their own (AddPhoto, RemovePhoto).
type NewPerson struct {
	OwnerUnit   string     `json:"owner_unit"`
	Name        string     `json:"name"`
	NameLatin   string     `json:"name_latin"`
	Aliases     []string   `json:"aliases"`
	Birth       string     `json:"birth"`
	Sex         Sex        `json:"sex"` // "" means U
	Nationality string     `json:"nationality"`
	Documents   []Document `json:"documents"`
	// Phones are in E.164 or written as the owner unit's country writes
	// them ("020 5555 1234" in Laos); they are stored in E.164.
	Phones    []string  `json:"phones"`
	Addresses []Address `json:"addresses"`
	Notes     string    `json:"notes"`
}

// Fold is the folding that case and person search use (see
// textfold.Fold): records store Fold of their searchable text, and a query
// is folded the same way and split into words, each of which must occur.
func Fold(s string) string { return textfold.Fold(s) }

// searchWords folds a query and splits it into the words a record must all
// contain. At most 8 words are kept.
func searchWords(q string) []string {
	w := strings.Fields(Fold(q))
	if len(w) > 8 {
		w = w[:8]
	}
	return w
}

var birthPattern = regexp.MustCompile(`^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$`)

// checkBirth checks a partial birth date: a year, a year and month, or a
// whole date, from 1900 and not after today.
func checkBirth(s string, today borderlink.Date) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	bad := recordkit.Invalid("error.person_birth", "the date of birth "+recordkit.Clip(s, 20)+" is not a year, a year and month, or a date",
		"value", recordkit.Clip(s, 20))
	m := birthPattern.FindStringSubmatch(s)
	if m == nil {
		return "", bad
	}
	y, _ := strconv.Atoi(m[1])
	mo, d := 1, 1
	if m[2] != "" {
		mo, _ = strconv.Atoi(m[2])
	}
	if m[3] != "" {
		d, _ = strconv.Atoi(m[3])
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || mo < 1 || mo > 12 || d < 1 || t.Month() != time.Month(mo) || t.Day() != d {
		return "", bad
	}
	// Compare only as far as s says: a birth in the current year or month
	// is not in the future.
	if s > today.String()[:len(s)] {
		return "", recordkit.Invalid("error.person_birth_future", "the date of birth "+s+" is in the future", "value", s)
	}
	return s, nil
}

// personFields checks in and sets its fields on pr. home is the country the
// owner unit must belong to ("" on a receiving node).
func (s *Service) personFields(pr *Person, in NewPerson, home string) error {
	tree := s.tree()
	var err error
	if pr.OwnerUnit, err = rules.UnitCode(tree, "owner_unit", in.OwnerUnit); err != nil {
		return err
	}
	country := recordkit.CountryOf(tree, pr.OwnerUnit)
	if home != "" && country != home {
		return recordkit.Invalid("error.person_owner_foreign", "the owner unit "+pr.OwnerUnit+" is not a unit of "+home,
			"unit", pr.OwnerUnit, "country", home)
	}
	if pr.Name, err = rules.Required("name", in.Name, MaxName, false); err != nil {
		return err
	}
	if pr.NameLatin, err = cleanLine("name_latin", in.NameLatin, MaxName); err != nil {
		return err
	}
	if len(in.Aliases) > MaxAliases {
		return rules.ErrTooMany("aliases", MaxAliases)
	}
	pr.Aliases = []string{}
	for _, a := range in.Aliases {
		v, err := cleanLine("aliases", a, MaxName)
		if err != nil {
			return err
		}
		if v != "" && !slices.Contains(pr.Aliases, v) {
			pr.Aliases = append(pr.Aliases, v)
		}
	}
	if pr.Birth, err = checkBirth(in.Birth, s.today()); err != nil {
		return err
	}
	sex := in.Sex
	if sex == "" {
		sex = SexUnknown
	}
	if pr.Sex, err = recordkit.Choice(&rules, "sex", Sex(strings.ToUpper(string(sex))), Sexes()); err != nil {
		return err
	}
	if pr.Nationality, err = countryCode("nationality", in.Nationality); err != nil {
		return err
	}
	if len(in.Documents) > MaxDocuments {
		return rules.ErrTooMany("documents", MaxDocuments)
	}
	pr.Documents = []Document{}
	for _, d := range in.Documents {
		var doc Document
		if doc.Type, err = recordkit.Choice(&rules, "document_type", d.Type, DocumentTypes()); err != nil {
			return err
		}
		if doc.Number, err = rules.Required("document_number", d.Number, MaxDocNumber, false); err != nil {
			return err
		}
		if doc.Country, err = countryCode("document_country", d.Country); err != nil {
			return err
		}
		pr.Documents = append(pr.Documents, doc)
	}
	if len(in.Phones) > MaxPhones {
		return rules.ErrTooMany("phones", MaxPhones)
	}
	pr.Phones = []string{}
	for _, ph := range in.Phones {
		raw, err := cleanLine("phones", ph, 40)
		if err != nil {
			return err
		}
		if raw == "" {
			continue
		}
		n := forms.NormalizePhone(raw, country)
		if !forms.ValidPhone(n) {
			return recordkit.Invalid("error.person_phone", "the phone number "+raw+" is not valid: write it as +856 20 5555 1234 or as dialled at home",
				"value", raw)
		}
		if !slices.Contains(pr.Phones, n) {
			pr.Phones = append(pr.Phones, n)
		}
	}
	if len(in.Addresses) > MaxAddresses {
		return rules.ErrTooMany("addresses", MaxAddresses)
	}
	pr.Addresses = []Address{}
	for _, a := range in.Addresses {
		var ad Address
		if ad.Text, err = rules.Required("address", a.Text, MaxShort, false); err != nil {
			return err
		}
		if strings.TrimSpace(a.Unit) != "" {
			if ad.Unit, err = rules.UnitCode(tree, "address_unit", a.Unit); err != nil {
				return err
			}
		}
		pr.Addresses = append(pr.Addresses, ad)
	}
	if pr.Notes, err = cleanText("notes", in.Notes, MaxText); err != nil {
		return err
	}
	if pr.Photos == nil {
		pr.Photos = []Photo{}
	}
	return nil
}

// input returns the fields of pr as a user would write them, to check a
// person that came from elsewhere as if written here.
func (pr Person) input() NewPerson {
	return NewPerson{OwnerUnit: pr.OwnerUnit, Name: pr.Name, NameLatin: pr.NameLatin, Aliases: pr.Aliases, Birth: pr.Birth,
		Sex: pr.Sex, Nationality: pr.Nationality, Documents: pr.Documents, Phones: pr.Phones, Addresses: pr.Addresses, Notes: pr.Notes}
}

// personRecord returns the stored form of pr.
func (s *Service) personRecord(pr Person) PersonRecord {
	return PersonRecord{Person: pr, Scope: PathOf(s.tree(), pr.OwnerUnit),
		Search: Fold(strings.Join(append([]string{pr.Name, pr.NameLatin}, pr.Aliases...), " "))}
}

// checkPhoto checks the bytes of a photo and describes them.
func checkPhoto(data []byte) (Photo, error) {
	if len(data) == 0 {
		return Photo{}, recordkit.Invalid("error.person_photo_empty", "the photo is empty")
	}
	if len(data) > MaxPhotoSize {
		return Photo{}, recordkit.Invalid("error.person_photo_too_large", fmt.Sprintf("the photo has %d bytes: at most %d", len(data), MaxPhotoSize),
			"max_mb", MaxPhotoSize>>20)
	}
	ct := http.DetectContentType(data)
	if !slices.Contains(PhotoTypes, ct) {
		return Photo{}, recordkit.Invalid("error.person_photo_type", "the photo is "+ct+": only JPEG, PNG and WebP are accepted", "type", ct)
	}
	sum := sha256.Sum256(data)
	return Photo{ID: borderlink.NewID(), ContentType: ct, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}, nil
}

// CreatePerson records a person owned by this node and kept by a unit of
// its country, over which p holds cases.write.
//
// Errors: EForbidden (audited) when p may not; EInvalid for a bad field.
func (s *Service) CreatePerson(ctx context.Context, p auth.Principal, in NewPerson) (Person, error) {
	now := s.now()
	pr := Person{ID: borderlink.NewID(), Origin: s.self, Created: now, Updated: now}
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermCasesWrite, actPersonCreate, objPerson, pr.ID); err != nil {
			return err
		}
		if err := s.personFields(&pr, in, s.country); err != nil {
			return err
		}
		if !p.CanIn(auth.PermCasesWrite, pr.OwnerUnit, s.tree()) {
			return s.deny(ctx, tx, p, actPersonCreate, objPerson, pr.ID, errCannotWrite(pr.OwnerUnit))
		}
		if err := tx.Cases().PutPerson(ctx, s.personRecord(pr)); err != nil {
			return wrapErr("create person", err)
		}
		return s.record(ctx, tx, recordkit.OK(p, actPersonCreate, objPerson, pr.ID, "owner "+pr.OwnerUnit))
	})
	if err != nil {
		return Person{}, err
	}
	return pr, nil
}

// UpdatePerson changes one of this node's persons. p must hold cases.write
// over its owner unit or be able to add to a case it is attached to, and
// over the new owner unit when that changes. A released person's new
// version is published again.
//
// Errors: ENotFound (audited) when p may not see the person; EForbidden
// (audited) when it belongs to another node or p may not change it;
// EInvalid for a bad field.
func (s *Service) UpdatePerson(ctx context.Context, p auth.Principal, id string, in NewPerson) (Person, error) {
	var out Person
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.ownPerson(ctx, tx, p, id, actPersonUpdate)
		if err != nil {
			return err
		}
		pr := r.Person
		if err := s.personFields(&pr, in, s.country); err != nil {
			return err
		}
		if pr.OwnerUnit != r.OwnerUnit && !p.CanIn(auth.PermCasesWrite, pr.OwnerUnit, s.tree()) {
			return s.deny(ctx, tx, p, actPersonUpdate, objPerson, id, errCannotWrite(pr.OwnerUnit))
		}
		pr.Updated = s.bump(r.Updated)
		if err := tx.Cases().PutPerson(ctx, s.personRecord(pr)); err != nil {
			return wrapErr("update person", err)
		}
		if err := s.republishPerson(ctx, tx, pr); err != nil {
			return err
		}
		out = pr
		return s.record(ctx, tx, recordkit.OK(p, actPersonUpdate, objPerson, id, "owner "+pr.OwnerUnit))
	})
	return out, err
}

// AddPhoto adds a photo to one of this node's persons: JPEG, PNG or WebP
// (as sniffed from the bytes), at most MaxPhotoSize bytes, at most
// MaxPhotos per person.
func (s *Service) AddPhoto(ctx context.Context, p auth.Principal, personID string, data []byte) (Photo, error) {
	var out Photo
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.ownPerson(ctx, tx, p, personID, actPhotoAdd)
		if err != nil {
			return err
		}
		ph, err := checkPhoto(data)
		if err != nil {
			return err
		}
		if len(r.Photos) >= MaxPhotos {
			return recordkit.Invalid("error.person_photo_count", fmt.Sprintf("a person has at most %d photos", MaxPhotos), "max", MaxPhotos)
		}
		if err := tx.Cases().PutPhoto(ctx, personID, ph, data); err != nil {
			return wrapErr("add photo", err)
		}
		pr := r.Person
		pr.Photos = append(slices.Clone(r.Photos), ph)
		pr.Updated = s.bump(r.Updated)
		if err := tx.Cases().PutPerson(ctx, s.personRecord(pr)); err != nil {
			return wrapErr("add photo", err)
		}
		if err := s.republishPerson(ctx, tx, pr); err != nil {
			return err
		}
		out = ph
		return s.record(ctx, tx, recordkit.OK(p, actPhotoAdd, objPerson, personID, "photo "+ph.ID+" "+ph.ContentType))
	})
	return out, err
}

// RemovePhoto removes a photo of one of this node's persons.
func (s *Service) RemovePhoto(ctx context.Context, p auth.Principal, personID, photoID string) error {
	return s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.ownPerson(ctx, tx, p, personID, actPhotoRemove)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(r.Photos, func(ph Photo) bool { return ph.ID == photoID })
		if i < 0 {
			return errPhotoNotFound(photoID)
		}
		if err := tx.Cases().DeletePhoto(ctx, personID, photoID); err != nil {
			return wrapErr("remove photo", err)
		}
		pr := r.Person
		pr.Photos = slices.Delete(slices.Clone(r.Photos), i, i+1)
		pr.Updated = s.bump(r.Updated)
		if err := tx.Cases().PutPerson(ctx, s.personRecord(pr)); err != nil {
			return wrapErr("remove photo", err)
		}
		if err := s.republishPerson(ctx, tx, pr); err != nil {
			return err
		}
		return s.record(ctx, tx, recordkit.OK(p, actPhotoRemove, objPerson, personID, "photo "+photoID))
	})
}

// PhotoData returns a photo of a person p may see, with its bytes.
func (s *Service) PhotoData(ctx context.Context, p auth.Principal, personID, photoID string) (Photo, []byte, error) {
	var ph Photo
	var data []byte
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if _, err := s.visiblePerson(ctx, tx, p, personID, actPhotoRead); err != nil {
			return err
		}
		var err error
		ph, data, err = tx.Cases().PhotoData(ctx, personID, photoID)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return errPhotoNotFound(photoID)
		}
		if err != nil {
			return wrapErr("photo "+photoID, err)
		}
		return s.record(ctx, tx, recordkit.OK(p, actPhotoRead, objPerson, personID, "photo "+photoID))
	})
	if err != nil {
		return Photo{}, nil, err
	}
	return ph, data, nil
}

// personVisible reports whether a person is in sc: by its owner unit, or
// as a subject of a case in sc, or as the person of an arrest in such a
// case.
func personVisible(ctx context.Context, tx Tx, sc Scope, r PersonRecord) (bool, error) {
	if sc.Match(r.Scope) {
		return true, nil
	}
	ids, err := attachedCases(ctx, tx, r.ID)
	if err != nil {
		return false, err
	}
	for _, id := range ids {
		c, err := tx.Cases().Case(ctx, id)
		if err != nil {
			if borderlink.IsCode(err, borderlink.ENotFound) {
				continue
			}
			return false, wrapErr("case "+id, err)
		}
		if sc.Match(c.Scope) {
			return true, nil
		}
	}
	return false, nil
}

// attachedCases returns the ids of the cases a person is a subject of or
// was arrested in, without duplicates.
func attachedCases(ctx context.Context, tx Tx, personID string) ([]string, error) {
	subs, err := tx.Cases().Subjects(ctx, SubjectQuery{PersonID: personID})
	if err != nil {
		return nil, wrapErr("subjects of "+personID, err)
	}
	arrests, err := tx.Cases().Arrests(ctx, ArrestQuery{PersonID: personID})
	if err != nil {
		return nil, wrapErr("arrests of "+personID, err)
	}
	var ids []string
	for _, sb := range subs {
		if !slices.Contains(ids, sb.CaseID) {
			ids = append(ids, sb.CaseID)
		}
	}
	for _, a := range arrests {
		if a.CaseID != "" && !slices.Contains(ids, a.CaseID) {
			ids = append(ids, a.CaseID)
		}
	}
	return ids, nil
}

// visiblePerson loads person id for p inside tx, or refuses it as
// ENotFound (audited when the person exists).
func (s *Service) visiblePerson(ctx context.Context, tx Tx, p auth.Principal, id, action string) (PersonRecord, error) {
	if err := s.needs(ctx, tx, p, auth.PermCasesRead, action, objPerson, id); err != nil {
		return PersonRecord{}, err
	}
	if rules.CheckID(id) != nil {
		return PersonRecord{}, errPersonNotFound(id)
	}
	r, err := tx.Cases().Person(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return PersonRecord{}, errPersonNotFound(id)
	}
	if err != nil {
		return PersonRecord{}, wrapErr("person "+id, err)
	}
	vis, err := personVisible(ctx, tx, scopeOf(p), r)
	if err != nil {
		return PersonRecord{}, err
	}
	if !vis {
		return PersonRecord{}, s.deny(ctx, tx, p, action, objPerson, id, errPersonNotFound(id))
	}
	return r, nil
}

// ownPerson loads one of this node's persons for p to change: p holds
// cases.write over its owner unit, or may add to a case it is attached to.
func (s *Service) ownPerson(ctx context.Context, tx Tx, p auth.Principal, id, action string) (PersonRecord, error) {
	if err := s.needs(ctx, tx, p, auth.PermCasesWrite, action, objPerson, id); err != nil {
		return PersonRecord{}, err
	}
	r, err := s.visiblePerson(ctx, tx, p, id, action)
	if err != nil {
		return PersonRecord{}, err
	}
	if r.Origin != s.self {
		return PersonRecord{}, s.deny(ctx, tx, p, action, objPerson, id, errNotOwner(r.Origin))
	}
	tree := s.tree()
	if p.CanIn(auth.PermCasesWrite, r.OwnerUnit, tree) {
		return r, nil
	}
	ids, err := attachedCases(ctx, tx, id)
	if err != nil {
		return PersonRecord{}, err
	}
	for _, cid := range ids {
		c, err := tx.Cases().Case(ctx, cid)
		if err == nil && s.canWriteCase(p, tree, c.Case) {
			return r, nil
		}
	}
	return PersonRecord{}, s.deny(ctx, tx, p, action, objPerson, id, errCannotWrite(r.OwnerUnit))
}

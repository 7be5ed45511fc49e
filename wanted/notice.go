package wanted

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Notice is a wanted notice: a person sought on a warrant issued by a unit
// of the origin node's country, released to units of the partner country.
type Notice struct {
	ID     string            `json:"id"`
	Origin borderlink.NodeID `json:"origin"` // the node that owns it
	// IssuingUnit issued the notice (a unit of the origin's country).
	IssuingUnit string `json:"issuing_unit"`
	Person      Person `json:"person"`
	// Charges are the offences as codes; ChargeText the charges as
	// written, for what the codes do not say. One of them is given.
	Charges    []cases.Charge `json:"charges"`
	ChargeText string         `json:"charge_text"`
	// LegalBasis is the legal ground of the search, as written ("Điều 251
	// BLHS 2015", "ມາດຕາ 314").
	LegalBasis  string          `json:"legal_basis"`
	WarrantRef  string          `json:"warrant_ref"`
	WarrantDate borderlink.Date `json:"warrant_date"`
	Danger      []Danger        `json:"danger"`
	// Summary and Notes are free text in Lang.
	Summary string          `json:"summary"`
	Notes   string          `json:"notes"`
	Lang    borderlink.Lang `json:"lang"`
	// Location is where the person is believed to be; zero when not known.
	Location Place `json:"location"`
	// PartnerUnits are the units of the other country the notice is
	// released to.
	PartnerUnits []string `json:"partner_units"`
	Status       Status   `json:"status"`
	// StatusHistory holds every status the notice had, oldest first; the
	// last is Status.
	StatusHistory []StatusChange `json:"status_history"`
	Photos        []cases.Photo  `json:"photos"`
	Created       time.Time      `json:"created"`
	Updated       time.Time      `json:"updated"`
	Released      time.Time      `json:"released,omitzero"` // zero: never released
}

// Person describes the person a notice is about. It is part of the
// notice, not a record of its own, so that it travels with it.
type Person struct {
	Name      string   `json:"name"`       // in the original script
	NameLatin string   `json:"name_latin"` // romanised
	Aliases   []string `json:"aliases"`
	// Birth is a partial date: "1988", "1988-05" or "1988-05-12"; "" when
	// not known.
	Birth       string           `json:"birth"`
	Sex         cases.Sex        `json:"sex"`
	Nationality string           `json:"nationality"` // ISO 3166 alpha-2; "" when not known
	Documents   []cases.Document `json:"documents"`
	// Description is what the person looks like: height, build, scars,
	// tattoos.
	Description string `json:"description"`
	// PersonID, when set, names the person in the case file of the origin
	// node (which may not have released it).
	PersonID string `json:"person_id,omitempty"`
}

// Place is where something is or happened: a unit, a description, or both,
// with coordinates when known.
type Place struct {
	Unit string   `json:"unit,omitempty"`
	Text string   `json:"text,omitempty"`
	Lat  *float64 `json:"lat,omitempty"`
	Lon  *float64 `json:"lon,omitempty"`
}

// IsZero reports whether p names no place.
func (p Place) IsZero() bool { return p.Unit == "" && p.Text == "" && p.Lat == nil }

// NewNotice is what a user writes to issue or edit a notice. Photos are
// added and removed on their own (AddPhoto, RemovePhoto); the status
// changes through SetStatus.
type NewNotice struct {
	IssuingUnit  string          `json:"issuing_unit"`
	Person       Person          `json:"person"`
	Charges      []cases.Charge  `json:"charges"`
	ChargeText   string          `json:"charge_text"`
	LegalBasis   string          `json:"legal_basis"`
	WarrantRef   string          `json:"warrant_ref"`
	WarrantDate  borderlink.Date `json:"warrant_date"`
	Danger       []Danger        `json:"danger"`
	Summary      string          `json:"summary"`
	Notes        string          `json:"notes"`
	Lang         borderlink.Lang `json:"lang"` // "" means the writer's language
	Location     Place           `json:"location"`
	PartnerUnits []string        `json:"partner_units"`
	// Release releases the new notice at once (CreateNotice only).
	Release bool `json:"release,omitempty"`
}

// input returns the fields of n as a user would write them, to check a
// notice that came from elsewhere as if written here.
func (n Notice) input() NewNotice {
	return NewNotice{IssuingUnit: n.IssuingUnit, Person: n.Person, Charges: n.Charges, ChargeText: n.ChargeText,
		LegalBasis: n.LegalBasis, WarrantRef: n.WarrantRef, WarrantDate: n.WarrantDate, Danger: n.Danger, Summary: n.Summary,
		Notes: n.Notes, Lang: n.Lang, Location: n.Location, PartnerUnits: n.PartnerUnits}
}

// personFields checks a person's description.
func (s *Service) personFields(in Person) (Person, error) {
	var p Person
	var err error
	if p.Name, err = rules.Required("name", in.Name, MaxName, false); err != nil {
		return Person{}, err
	}
	if p.NameLatin, err = rules.Clean("name_latin", in.NameLatin, MaxName, false); err != nil {
		return Person{}, err
	}
	if len(in.Aliases) > MaxAliases {
		return Person{}, rules.ErrTooMany("aliases", MaxAliases)
	}
	p.Aliases = []string{}
	for _, a := range in.Aliases {
		v, err := rules.Clean("aliases", a, MaxName, false)
		if err != nil {
			return Person{}, err
		}
		if v != "" && !slices.Contains(p.Aliases, v) {
			p.Aliases = append(p.Aliases, v)
		}
	}
	if p.Birth, err = cases.CheckBirth(in.Birth, s.today()); err != nil {
		return Person{}, err
	}
	sex := cases.Sex(strings.ToUpper(strings.TrimSpace(string(in.Sex))))
	if sex == "" {
		sex = cases.SexUnknown
	}
	if p.Sex, err = recordkit.Choice(&rules, "sex", sex, cases.Sexes()); err != nil {
		return Person{}, err
	}
	if p.Nationality, err = cases.CountryCode("nationality", in.Nationality); err != nil {
		return Person{}, err
	}
	if len(in.Documents) > MaxDocuments {
		return Person{}, rules.ErrTooMany("documents", MaxDocuments)
	}
	p.Documents = []cases.Document{}
	for _, d := range in.Documents {
		var doc cases.Document
		if doc.Type, err = recordkit.Choice(&rules, "document_type", d.Type, cases.DocumentTypes()); err != nil {
			return Person{}, err
		}
		if doc.Number, err = rules.Required("document_number", d.Number, cases.MaxDocNumber, false); err != nil {
			return Person{}, err
		}
		if doc.Country, err = cases.CountryCode("document_country", d.Country); err != nil {
			return Person{}, err
		}
		p.Documents = append(p.Documents, doc)
	}
	if p.Description, err = rules.Clean("description", in.Description, MaxText, true); err != nil {
		return Person{}, err
	}
	if in.PersonID = strings.TrimSpace(in.PersonID); in.PersonID != "" {
		if rules.CheckID(in.PersonID) != nil {
			return Person{}, rules.ErrChoice("person_id", in.PersonID)
		}
		p.PersonID = in.PersonID
	}
	return p, nil
}

// noticeFields checks in and sets its fields on n. old is the notice
// before an edit (nil for a new one): units it named already may have
// ended since, new ones must be in force. home is the country the issuing
// unit must belong to ("" on a receiving node, where any is accepted).
func (s *Service) noticeFields(n *Notice, in NewNotice, old *Notice, home string, fallback borderlink.Lang) error {
	tree := s.tree()
	today := s.today()
	var err error
	had := func(u string) bool {
		return old != nil && (old.IssuingUnit == u || slices.Contains(old.PartnerUnits, u))
	}
	inForce := func(field, u string) error {
		if home != "" && !had(u) && !tree.ActiveOn(u, today) {
			return rules.ErrUnitEnded(field, u)
		}
		return nil
	}
	if n.IssuingUnit, err = rules.UnitCode(tree, "issuing_unit", in.IssuingUnit); err != nil {
		return err
	}
	if err := inForce("issuing_unit", n.IssuingUnit); err != nil {
		return err
	}
	issuer := recordkit.CountryOf(tree, n.IssuingUnit)
	if home != "" && issuer != home {
		return recordkit.Invalid("error.wanted_issuer_foreign", "the issuing unit "+n.IssuingUnit+" is not a unit of "+home,
			"unit", n.IssuingUnit, "country", home)
	}
	if n.Person, err = s.personFields(in.Person); err != nil {
		return err
	}
	n.Charges = []cases.Charge{}
	if len(in.Charges) > len(cases.Charges()) {
		return rules.ErrTooMany("charges", len(cases.Charges()))
	}
	for _, c := range in.Charges {
		v, err := recordkit.Choice(&rules, "charges", c, cases.Charges())
		if err != nil {
			return err
		}
		if !slices.Contains(n.Charges, v) {
			n.Charges = append(n.Charges, v)
		}
	}
	if n.ChargeText, err = rules.Clean("charge_text", in.ChargeText, MaxShort, false); err != nil {
		return err
	}
	if len(n.Charges) == 0 && n.ChargeText == "" {
		return rules.ErrRequired("charges")
	}
	if n.LegalBasis, err = rules.Required("legal_basis", in.LegalBasis, MaxShort, false); err != nil {
		return err
	}
	if n.WarrantRef, err = rules.Required("warrant_ref", in.WarrantRef, MaxRef, false); err != nil {
		return err
	}
	if err := rules.CheckDay("warrant_date", in.WarrantDate, today); err != nil {
		return err
	}
	n.WarrantDate = in.WarrantDate
	n.Danger = []Danger{}
	if len(in.Danger) > len(Dangers()) {
		return rules.ErrTooMany("danger", len(Dangers()))
	}
	for _, d := range in.Danger {
		v, err := recordkit.Choice(&rules, "danger", Danger(strings.ToLower(strings.TrimSpace(string(d)))), Dangers())
		if err != nil {
			return err
		}
		if !slices.Contains(n.Danger, v) {
			n.Danger = append(n.Danger, v)
		}
	}
	if n.Summary, err = rules.Clean("summary", in.Summary, MaxText, true); err != nil {
		return err
	}
	if n.Notes, err = rules.Clean("notes", in.Notes, MaxText, true); err != nil {
		return err
	}
	if n.Lang, err = rules.Lang(in.Lang, fallback); err != nil {
		return err
	}
	if n.Location, err = checkPlace(tree, "location", in.Location, false); err != nil {
		return err
	}
	if len(in.PartnerUnits) > MaxPartners {
		return rules.ErrTooMany("partner_units", MaxPartners)
	}
	n.PartnerUnits = []string{}
	for _, raw := range in.PartnerUnits {
		u, err := rules.UnitCode(tree, "partner_units", raw)
		if err != nil {
			return err
		}
		if err := inForce("partner_units", u); err != nil {
			return err
		}
		if recordkit.CountryOf(tree, u) == issuer {
			return recordkit.Invalid("error.wanted_partner_home", "unit "+u+" is of the issuing country: partner units are the other side's",
				"unit", u)
		}
		if slices.Contains(n.PartnerUnits, u) {
			return recordkit.Invalid("error.wanted_partner_repeated", "unit "+u+" is named twice among the partner units", "unit", u)
		}
		n.PartnerUnits = append(n.PartnerUnits, u)
	}
	if n.Photos == nil {
		n.Photos = []cases.Photo{}
	}
	return nil
}

// checkPersonID refuses a link to a person the case file of this node does
// not hold as its own.
func (s *Service) checkPersonID(ctx context.Context, tx Tx, id string) error {
	if id == "" {
		return nil
	}
	pr, err := tx.Cases().Person(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) || (err == nil && pr.Origin != s.self) {
		return recordkit.Invalid("error.wanted_person_unknown", "the case file of this node has no person "+recordkit.Clip(id, 40), "id", recordkit.Clip(id, 40))
	}
	return wrapErr("person "+id, err)
}

// noticeRecord returns the stored form of n.
func (s *Service) noticeRecord(n Notice) NoticeRecord {
	words := append([]string{n.Person.Name, n.Person.NameLatin, n.WarrantRef}, n.Person.Aliases...)
	for _, d := range n.Person.Documents {
		words = append(words, d.Number)
	}
	return NoticeRecord{Notice: n, Country: recordkit.CountryOf(s.tree(), n.IssuingUnit), Search: cases.Fold(strings.Join(words, " "))}
}

// CreateNotice issues a notice owned by this node, by a unit of its
// country over which p holds wanted.write. Its first status is active,
// today. With in.Release it is released at once (see Release).
//
// Errors: EForbidden (audited) when p may not; EInvalid for a bad field
// (error.wanted_issuer_foreign, error.wanted_partner_home, ...), or, with
// in.Release, when it names no partner unit (error.wanted_no_partner).
func (s *Service) CreateNotice(ctx context.Context, p auth.Principal, in NewNotice) (Notice, error) {
	var out Notice
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		now := s.now()
		n := Notice{ID: borderlink.NewID(), Origin: s.self, Created: now, Updated: now}
		if err := s.needs(ctx, tx, p, auth.PermWantedWrite, actCreate, objNotice, n.ID); err != nil {
			return err
		}
		if err := s.noticeFields(&n, in, nil, s.country, s.defaultLang(p)); err != nil {
			return err
		}
		if !p.CanIn(auth.PermWantedWrite, n.IssuingUnit, s.tree()) {
			return s.deny(ctx, tx, p, actCreate, objNotice, n.ID, errCannotWrite(n.IssuingUnit))
		}
		if err := s.checkPersonID(ctx, tx, n.Person.PersonID); err != nil {
			return err
		}
		n.Status = StatusActive
		n.StatusHistory = []StatusChange{{Status: StatusActive, Day: s.today(), By: s.who(p)}}
		es := []auditEntry{recordkit.OK(p, actCreate, objNotice, n.ID, "issuer "+n.IssuingUnit+", warrant "+recordkit.Clip(n.WarrantRef, 60))}
		if in.Release {
			if len(n.PartnerUnits) == 0 {
				return errNoPartner()
			}
			n.Released = now
			es = append(es, recordkit.OK(p, actRelease, objNotice, n.ID, "to "+strings.Join(n.PartnerUnits, " ")))
		}
		if err := tx.Wanted().PutNotice(ctx, s.noticeRecord(n)); err != nil {
			return wrapErr("create notice", err)
		}
		if in.Release {
			if err := s.sendNotice(ctx, tx, n); err != nil {
				return err
			}
		}
		out = n
		touched(ctx, n)
		return s.record(ctx, tx, es...)
	})
	if err != nil {
		return Notice{}, err
	}
	return out, nil
}

// UpdateNotice changes one of this node's notices. p must hold
// wanted.write over its issuing unit, and over the new one when that
// changes. A released notice keeps at least one partner unit, and its new
// version is published again.
//
// Errors: ENotFound (audited when the notice exists) when p may not see
// it; EForbidden (audited) when it belongs to another node or p may not
// change it; EInvalid as CreateNotice.
func (s *Service) UpdateNotice(ctx context.Context, p auth.Principal, id string, in NewNotice) (Notice, error) {
	var out Notice
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.ownNotice(ctx, tx, p, id, actUpdate)
		if err != nil {
			return err
		}
		n := r.Notice
		if err := s.noticeFields(&n, in, &r.Notice, s.country, r.Lang); err != nil {
			return err
		}
		if n.IssuingUnit != r.IssuingUnit && !p.CanIn(auth.PermWantedWrite, n.IssuingUnit, s.tree()) {
			return s.deny(ctx, tx, p, actUpdate, objNotice, id, errCannotWrite(n.IssuingUnit))
		}
		if !r.Released.IsZero() && len(n.PartnerUnits) == 0 {
			return recordkit.Invalid("error.wanted_partner_released", "the notice has been released: it keeps at least one partner unit")
		}
		if n.Person.PersonID != r.Person.PersonID {
			if err := s.checkPersonID(ctx, tx, n.Person.PersonID); err != nil {
				return err
			}
		}
		n.Updated = s.bump(r.Updated)
		out = n
		return s.saveNotice(ctx, tx, n, recordkit.OK(p, actUpdate, objNotice, id, "issuer "+n.IssuingUnit))
	})
	if err != nil {
		return Notice{}, err
	}
	return out, nil
}

// saveNotice stores a changed notice of this node, publishes it again when
// it was released, records e, and notes the change.
func (s *Service) saveNotice(ctx context.Context, tx Tx, n Notice, e auditEntry) error {
	if err := tx.Wanted().PutNotice(ctx, s.noticeRecord(n)); err != nil {
		return wrapErr("save notice", err)
	}
	if !n.Released.IsZero() {
		if err := s.sendNotice(ctx, tx, n); err != nil {
			return err
		}
	}
	touched(ctx, n)
	return s.record(ctx, tx, e)
}

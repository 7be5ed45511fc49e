package cases

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
	"github.com/borderlink/borderlink/units"
)

// Case is a joint case: led by one unit of the origin node's country, with
// partner units of either country.
type Case struct {
	ID     string            `json:"id"`
	Origin borderlink.NodeID `json:"origin"` // the node that owns it
	// Code is the case's name in the units' usage ("522H", "103H"):
	// unique per origin node, whatever the case of its letters.
	Code    string          `json:"code"`
	Title   string          `json:"title"`
	Summary string          `json:"summary"`
	Lang    borderlink.Lang `json:"lang"` // of Title and Summary
	// LeadUnit leads the case; PartnerUnits work it with the lead, on
	// either side of the border.
	LeadUnit     string   `json:"lead_unit"`
	PartnerUnits []string `json:"partner_units"`
	Status       Status   `json:"status"`
	// StatusHistory holds every status the case had, oldest first; the
	// last is Status.
	StatusHistory []StatusChange `json:"status_history"`
	// Opened is the day the case first became active, Closed the day it
	// was closed (zero while it is not).
	Opened   borderlink.Date `json:"opened"`
	Closed   borderlink.Date `json:"closed"`
	Handling Handling        `json:"handling"`
	Created  time.Time       `json:"created"`
	Updated  time.Time       `json:"updated"`
	Released time.Time       `json:"released,omitzero"` // zero: never released
}

// StatusChange is one step of a case's status history.
type StatusChange struct {
	Status Status          `json:"status"`
	Day    borderlink.Date `json:"day"`
	By     string          `json:"by"` // "username@node"
	Note   string          `json:"note,omitempty"`
}

// Units returns the lead unit followed by the partner units.
func (c Case) Units() []string { return append([]string{c.LeadUnit}, c.PartnerUnits...) }

// NewCase is what a user writes to open or edit a case.
type NewCase struct {
	Code         string          `json:"code"`
	Title        string          `json:"title"`
	Summary      string          `json:"summary"`
	Lang         borderlink.Lang `json:"lang"` // "" means the writer's language
	LeadUnit     string          `json:"lead_unit"`
	PartnerUnits []string        `json:"partner_units"`
	Handling     Handling        `json:"handling"` // "" means releasable
	// Status, Day and Note are the first status of a new case: proposed
	// (the default) or active, on Day (default today). UpdateCase ignores
	// them: a case changes status through SetCaseStatus.
	Status Status          `json:"status,omitempty"`
	Day    borderlink.Date `json:"day,omitzero"`
	Note   string          `json:"note,omitempty"`
}

// NewStatus is a change of a case's status.
type NewStatus struct {
	Status Status          `json:"status"`
	Day    borderlink.Date `json:"day"` // default today
	Note   string          `json:"note,omitempty"`
}

// CaseLink relates two cases of the node's case file; it is the node's own
// note and is not released.
type CaseLink struct {
	CaseID      string            `json:"case_id"`
	OtherCaseID string            `json:"other_case_id"`
	Kind        LinkKind          `json:"kind"`
	Origin      borderlink.NodeID `json:"origin"`
	Created     time.Time         `json:"created"`
}

// CodeKey returns a case code as compared for uniqueness: in capitals, with
// runs of spaces as one.
func CodeKey(code string) string { return strings.Join(strings.Fields(strings.ToUpper(code)), " ") }

// checkCode returns a case code cleaned, or EInvalid: 1 to MaxCode
// letters, digits, hyphens, slashes, dots and spaces, starting and ending
// with a letter or a digit.
func checkCode(code string) (string, error) {
	c, err := rules.Required("code", code, 64, false)
	if err != nil {
		return "", err
	}
	c = strings.Join(strings.Fields(c), " ")
	bad := recordkit.Invalid("error.case_code", "the case code "+recordkit.Clip(c, 40)+" is not valid: 1 to 16 letters, digits, - / . and spaces",
		"code", recordkit.Clip(c, 40), "max", MaxCode)
	if utf8.RuneCountInString(c) > MaxCode {
		return "", bad
	}
	for i, r := range c {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		case unicode.IsMark(r) && i > 0:
		case strings.ContainsRune("-/. ", r) && i > 0:
		default:
			return "", bad
		}
	}
	if last, _ := utf8.DecodeLastRuneInString(c); !(unicode.IsLetter(last) || unicode.IsDigit(last) || unicode.IsMark(last)) {
		return "", bad
	}
	return c, nil
}

// caseFields checks the fields of in that a case and its edits share and
// sets them on c. old is the case before an edit (nil for a new one):
// units it named already may have ended since, new ones must be in force.
// home is the country the lead unit must belong to ("" on a receiving
// node, where any is accepted).
func (s *Service) caseFields(c *Case, in NewCase, old *Case, home string, fallback borderlink.Lang) error {
	tree := s.tree()
	var err error
	if c.Code, err = checkCode(in.Code); err != nil {
		return err
	}
	if c.Title, err = rules.Required("title", in.Title, MaxName, false); err != nil {
		return err
	}
	if c.Summary, err = cleanText("summary", in.Summary, MaxText); err != nil {
		return err
	}
	if c.Lang, err = rules.Lang(in.Lang, fallback); err != nil {
		return err
	}
	h := in.Handling
	if h == "" {
		h = Releasable
	}
	if c.Handling, err = recordkit.Choice(&rules, "handling", h, Handlings()); err != nil {
		return err
	}
	had := func(u string) bool { return old != nil && slices.Contains(old.Units(), u) }
	inForce := func(field, u string) error {
		if home != "" && !had(u) && !tree.ActiveOn(u, s.today()) {
			return rules.ErrUnitEnded(field, u)
		}
		return nil
	}
	if c.LeadUnit, err = rules.UnitCode(tree, "lead_unit", in.LeadUnit); err != nil {
		return err
	}
	if err := inForce("lead_unit", c.LeadUnit); err != nil {
		return err
	}
	if home != "" && recordkit.CountryOf(tree, c.LeadUnit) != home {
		return recordkit.Invalid("error.case_lead_foreign", "the lead unit "+c.LeadUnit+" is not a unit of "+home,
			"unit", c.LeadUnit, "country", home)
	}
	if len(in.PartnerUnits) > MaxPartners {
		return rules.ErrTooMany("partner_units", MaxPartners)
	}
	c.PartnerUnits = []string{}
	for _, raw := range in.PartnerUnits {
		u, err := rules.UnitCode(tree, "partner_units", raw)
		if err != nil {
			return err
		}
		if err := inForce("partner_units", u); err != nil {
			return err
		}
		if u == c.LeadUnit || slices.Contains(c.PartnerUnits, u) {
			return recordkit.Invalid("error.case_partner_repeated", "unit "+u+" is named twice among the units of the case", "unit", u)
		}
		c.PartnerUnits = append(c.PartnerUnits, u)
	}
	return nil
}

// historyFields derives Status, Opened and Closed from the history.
func (c *Case) historyFields() {
	c.Opened, c.Closed = borderlink.Date{}, borderlink.Date{}
	for _, h := range c.StatusHistory {
		if h.Status == StatusActive && c.Opened.IsZero() {
			c.Opened = h.Day
		}
		c.Closed = borderlink.Date{}
		if h.Status == StatusClosed {
			c.Closed = h.Day
		}
	}
	if n := len(c.StatusHistory); n > 0 {
		c.Status = c.StatusHistory[n-1].Status
	}
}

// checkHistory checks a case's status history as a receiving node gets it.
func checkHistory(hs []StatusChange, today borderlink.Date) ([]StatusChange, error) {
	if len(hs) == 0 || len(hs) > 200 {
		return nil, rules.ErrRequired("status")
	}
	out := make([]StatusChange, 0, len(hs))
	for i, h := range hs {
		st, err := recordkit.Choice(&rules, "status", h.Status, Statuses())
		if err != nil {
			return nil, err
		}
		if err := rules.CheckDay("day", h.Day, today); err != nil {
			return nil, err
		}
		if i > 0 {
			prev := out[i-1]
			if !prev.Status.CanBecome(st) {
				return nil, errTransition(prev.Status, st)
			}
			if h.Day.Before(prev.Day) {
				return nil, rules.ErrStatusOrder(h.Day, prev.Day)
			}
		}
		by, err := cleanLine("by", h.By, 200)
		if err != nil {
			return nil, err
		}
		note, err := cleanText("note", h.Note, MaxNote)
		if err != nil {
			return nil, err
		}
		out = append(out, StatusChange{Status: st, Day: h.Day, By: by, Note: note})
	}
	return out, nil
}

func errTransition(from, to Status) error {
	return recordkit.Invalid("error.case_status_change", "a case that is "+string(from)+" cannot become "+string(to),
		"from", rules.Label("status", string(from)), "to", rules.Label("status", string(to)))
}

// record returns the stored form of c.
func (s *Service) caseRecord(tree *units.Tree, c Case) CaseRecord {
	return CaseRecord{Case: c, CodeKey: CodeKey(c.Code), Scope: caseScope(tree, c), Search: Fold(c.Code + " " + c.Title)}
}

// codeFree refuses a code another case of the same origin has.
func codeFree(ctx context.Context, tx Tx, c Case) error {
	other, err := tx.Cases().CaseByCode(ctx, c.Origin, CodeKey(c.Code))
	switch {
	case borderlink.IsCode(err, borderlink.ENotFound):
		return nil
	case err != nil:
		return wrapErr("case by code", err)
	case other.ID != c.ID:
		return borderlink.Errorf(borderlink.EConflict, "error.case_code_taken", "there is a case "+other.Code+" already",
			"code", other.Code)
	}
	return nil
}

// CreateCase opens a case owned by this node, led by a unit of its
// country. p needs cases.write over the lead unit or over one of the
// partner units of this country.
//
// Errors: EForbidden (audited) when p may not; EInvalid for a bad field;
// EConflict (error.case_code_taken) when this node has a case with the code.
func (s *Service) CreateCase(ctx context.Context, p auth.Principal, in NewCase) (Case, error) {
	tree := s.tree()
	now := s.now()
	c := Case{ID: borderlink.NewID(), Origin: s.self, Created: now, Updated: now}
	var out Case
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermCasesWrite, actCaseCreate, objCase, c.ID); err != nil {
			return err
		}
		if err := s.caseFields(&c, in, nil, s.country, s.defaultLang(p)); err != nil {
			return err
		}
		st := in.Status
		if st == "" {
			st = StatusProposed
		}
		if st != StatusProposed && st != StatusActive {
			return recordkit.Invalid("error.case_status_start", "a new case is proposed or active", "status", recordkit.Clip(string(st), 20))
		}
		day := in.Day
		if day.IsZero() {
			day = s.today()
		}
		if err := rules.CheckDay("day", day, s.today()); err != nil {
			return err
		}
		note, err := cleanText("note", in.Note, MaxNote)
		if err != nil {
			return err
		}
		c.StatusHistory = []StatusChange{{Status: st, Day: day, By: s.who(p), Note: note}}
		c.historyFields()
		if !s.canWriteCase(p, tree, c) {
			return s.deny(ctx, tx, p, actCaseCreate, objCase, c.ID, errCannotWrite(c.LeadUnit))
		}
		if err := codeFree(ctx, tx, c); err != nil {
			return err
		}
		if err := tx.Cases().PutCase(ctx, s.caseRecord(tree, c)); err != nil {
			return wrapErr("create case", err)
		}
		out = c
		return s.record(ctx, tx, recordkit.OK(p, actCaseCreate, objCase, c.ID, "code "+c.Code+", lead "+c.LeadUnit))
	})
	return out, err
}

// UpdateCase changes the code, texts, units and handling of one of this
// node's cases. p must be able to add to the case before and after the
// change. A case released to the partner stays releasable, and the new
// version is published again.
//
// Errors: ENotFound (audited when the case exists) when p may not see it;
// EForbidden (audited) when it belongs to another node or p may not change
// it; EInvalid, EConflict as CreateCase.
func (s *Service) UpdateCase(ctx context.Context, p auth.Principal, id string, in NewCase) (Case, error) {
	tree := s.tree()
	var out Case
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.ownCase(ctx, tx, p, id, actCaseUpdate)
		if err != nil {
			return err
		}
		c := r.Case
		if err := s.caseFields(&c, in, &r.Case, s.country, r.Lang); err != nil {
			return err
		}
		if !r.Released.IsZero() && c.Handling != Releasable {
			return recordkit.Invalid("error.case_handling_released", "the case has been released to the partner: it stays releasable")
		}
		if !s.canWriteCase(p, tree, c) {
			return s.deny(ctx, tx, p, actCaseUpdate, objCase, id, errCannotWrite(c.LeadUnit))
		}
		if err := codeFree(ctx, tx, c); err != nil {
			return err
		}
		c.Updated = s.bump(r.Updated)
		if err := tx.Cases().PutCase(ctx, s.caseRecord(tree, c)); err != nil {
			return wrapErr("update case", err)
		}
		if err := s.republish(ctx, tx, KindCase, c); err != nil {
			return err
		}
		out = c
		return s.record(ctx, tx, recordkit.OK(p, actCaseUpdate, objCase, c.ID, "code "+c.Code))
	})
	return out, err
}

// SetCaseStatus moves one of this node's cases to another status (see
// Status.CanBecome) on a day not before its last change.
//
// Errors: as UpdateCase; EInvalid (error.case_status_change,
// error.case_status_order) for a change the case cannot make.
func (s *Service) SetCaseStatus(ctx context.Context, p auth.Principal, id string, in NewStatus) (Case, error) {
	tree := s.tree()
	var out Case
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.ownCase(ctx, tx, p, id, actCaseStatus)
		if err != nil {
			return err
		}
		c := r.Case
		st, err := recordkit.Choice(&rules, "status", in.Status, Statuses())
		if err != nil {
			return err
		}
		if !c.Status.CanBecome(st) {
			return errTransition(c.Status, st)
		}
		day := in.Day
		if day.IsZero() {
			day = s.today()
		}
		if err := rules.CheckDay("day", day, s.today()); err != nil {
			return err
		}
		if last := c.StatusHistory[len(c.StatusHistory)-1]; day.Before(last.Day) {
			return rules.ErrStatusOrder(day, last.Day)
		}
		note, err := cleanText("note", in.Note, MaxNote)
		if err != nil {
			return err
		}
		c.StatusHistory = append(slices.Clone(c.StatusHistory), StatusChange{Status: st, Day: day, By: s.who(p), Note: note})
		c.historyFields()
		c.Updated = s.bump(r.Updated)
		if err := tx.Cases().PutCase(ctx, s.caseRecord(tree, c)); err != nil {
			return wrapErr("set case status", err)
		}
		if err := s.republish(ctx, tx, KindCase, c); err != nil {
			return err
		}
		out = c
		return s.record(ctx, tx, recordkit.OK(p, actCaseStatus, objCase, c.ID, string(r.Status)+" → "+string(st)))
	})
	return out, err
}

// LinkCases records that case id (one p may add to) relates to case other
// (one p may see), replacing an earlier link between the two.
func (s *Service) LinkCases(ctx context.Context, p auth.Principal, id, other string, kind LinkKind) (CaseLink, error) {
	var out CaseLink
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.writableCase(ctx, tx, p, id, actCaseLink)
		if err != nil {
			return err
		}
		o, err := s.visibleCase(ctx, tx, p, other, actCaseLink)
		if err != nil {
			return err
		}
		if o.ID == r.ID {
			return recordkit.Invalid("error.case_link_self", "a case cannot be linked to itself")
		}
		k, err := recordkit.Choice(&rules, "link_kind", kind, LinkKinds())
		if err != nil {
			return err
		}
		out = CaseLink{CaseID: r.ID, OtherCaseID: o.ID, Kind: k, Origin: s.self, Created: s.now()}
		if err := tx.Cases().PutLink(ctx, out); err != nil {
			return wrapErr("link cases", err)
		}
		return s.record(ctx, tx, recordkit.OK(p, actCaseLink, objCase, r.ID, string(k)+" "+o.ID+" ("+o.Code+")"))
	})
	return out, err
}

// visibleCase loads case id for p inside tx, or refuses it as ENotFound
// (audited when the case exists).
func (s *Service) visibleCase(ctx context.Context, tx Tx, p auth.Principal, id, action string) (CaseRecord, error) {
	return s.loadCase(ctx, tx, p, id, action, false, errCaseNotFound(id))
}

// writableCase loads case id for p to add to: visible, and p holds
// cases.write over one of its units of this country.
func (s *Service) writableCase(ctx context.Context, tx Tx, p auth.Principal, id, action string) (CaseRecord, error) {
	return s.loadCase(ctx, tx, p, id, action, true, errCaseNotFound(id))
}

// loadCase loads case id for p, to read or (write) to add to. A case that
// does not exist, or that p may not see, is answered with notFound (the
// error about the record p asked for); the refusal of one that exists is
// audited.
func (s *Service) loadCase(ctx context.Context, tx Tx, p auth.Principal, id, action string, write bool, notFound error) (CaseRecord, error) {
	if err := s.needs(ctx, tx, p, auth.PermCasesRead, action, objCase, id); err != nil {
		return CaseRecord{}, err
	}
	if write {
		if err := s.needs(ctx, tx, p, auth.PermCasesWrite, action, objCase, id); err != nil {
			return CaseRecord{}, err
		}
	}
	if rules.CheckID(id) != nil {
		return CaseRecord{}, notFound
	}
	r, err := tx.Cases().Case(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return CaseRecord{}, notFound
	}
	if err != nil {
		return CaseRecord{}, wrapErr("case "+id, err)
	}
	if !scopeOf(p).Match(r.Scope) {
		return CaseRecord{}, s.deny(ctx, tx, p, action, objCase, id, notFound)
	}
	if write && !s.canWriteCase(p, s.tree(), r.Case) {
		return CaseRecord{}, s.deny(ctx, tx, p, action, objCase, id, errCannotWrite(r.LeadUnit))
	}
	return r, nil
}

// ownCase loads one of this node's cases for p to change: visible,
// writable, and owned here.
func (s *Service) ownCase(ctx context.Context, tx Tx, p auth.Principal, id, action string) (CaseRecord, error) {
	r, err := s.loadCase(ctx, tx, p, id, action, true, errCaseNotFound(id))
	if err != nil {
		return CaseRecord{}, err
	}
	if r.Origin != s.self {
		return CaseRecord{}, s.deny(ctx, tx, p, action, objCase, id, errNotOwner(r.Origin))
	}
	return r, nil
}

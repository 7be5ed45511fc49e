package communes

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Assessment is one commune's assessment against a criteria set for a
// period.
type Assessment struct {
	ID      string `json:"id"`
	Commune string `json:"commune"`
	// District is the commune's district when it was assessed ("" when it
	// has none).
	District   string          `json:"district"`
	PeriodFrom borderlink.Date `json:"period_from"`
	PeriodTo   borderlink.Date `json:"period_to"`
	CriteriaID string          `json:"criteria_id"`
	Results    []Result        `json:"results"`
	// Score and Passed are the set's verdict on Results (see
	// CriteriaSet.Pass), kept up to date with them.
	Score       int             `json:"score"`
	Passed      bool            `json:"passed"`
	Note        string          `json:"note"`
	Lang        borderlink.Lang `json:"lang"`
	Status      Status          `json:"status"`
	History     []Transition    `json:"history"` // oldest first; the last is Status
	Decision    *Decision       `json:"decision,omitempty"`
	Revocation  *Revocation     `json:"revocation,omitempty"`
	Attachments []Attachment    `json:"attachments"`
	Created     time.Time       `json:"created"`
	Updated     time.Time       `json:"updated"`
}

// Result is the commune's answer for one item.
type Result struct {
	Code string `json:"code"`
	Met  bool   `json:"met"`
	Note string `json:"note,omitempty"` // the evidence as written
}

// Transition is one change of an assessment's status.
type Transition struct {
	Status Status          `json:"status"`
	Day    borderlink.Date `json:"day"`
	By     string          `json:"by"`   // the user
	Unit   string          `json:"unit"` // the unit the user acted for
	Note   string          `json:"note,omitempty"`
}

// Decision is the recognition decision (or the rejection) on a verified
// assessment.
type Decision struct {
	Outcome Outcome         `json:"outcome"`
	Number  string          `json:"number"` // "125/QĐ-UBND"
	Date    borderlink.Date `json:"date"`
	Signer  string          `json:"signer"`
	Unit    string          `json:"unit"` // the deciding unit
}

// Revocation withdraws a recognition.
type Revocation struct {
	Reason string          `json:"reason"`
	Date   borderlink.Date `json:"date"`
	Number string          `json:"number,omitempty"`
	Unit   string          `json:"unit"`
}

// Attachment describes a document attached as evidence of an item (or of
// the whole assessment when Item is "").
type Attachment struct {
	ID          string `json:"id"`
	Item        string `json:"item,omitempty"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
}

// NewAssessment is what the commune writes to open an assessment.
type NewAssessment struct {
	Commune    string          `json:"commune"`
	PeriodFrom borderlink.Date `json:"period_from"`
	PeriodTo   borderlink.Date `json:"period_to"`
	// CriteriaID names the set; "" takes the one in force on PeriodTo.
	CriteriaID string          `json:"criteria_id,omitempty"`
	Results    []Result        `json:"results"`
	Note       string          `json:"note"`
	Lang       borderlink.Lang `json:"lang"` // "" means the writer's language
	// Day is when the commune opened it (default today), for records
	// entered after the fact; not before the period starts.
	Day borderlink.Date `json:"day"`
}

// ResultsUpdate changes the results of an assessment being filled in.
type ResultsUpdate struct {
	Results []Result `json:"results"`
	Note    string   `json:"note"`
}

// checkResults checks results against c: known items, each at most once,
// in the set's order.
func checkResults(c CriteriaSet, in []Result) ([]Result, error) {
	if len(in) > len(c.Items) {
		return nil, rules.ErrTooMany("results", len(c.Items))
	}
	byCode := map[string]Result{}
	for _, r := range in {
		code := strings.ToLower(strings.TrimSpace(r.Code))
		if _, ok := c.Item(code); !ok {
			return nil, errItemUnknown(code)
		}
		if _, dup := byCode[code]; dup {
			return nil, errItemRepeated(code)
		}
		note, err := rules.Clean("result_note", r.Note, MaxNote, true)
		if err != nil {
			return nil, err
		}
		byCode[code] = Result{Code: code, Met: r.Met, Note: note}
	}
	out := []Result{}
	for _, it := range c.Items {
		if r, ok := byCode[it.Code]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// commune checks that raw is a commune of the node's country in force on
// day and that p may write for it.
func (s *Service) writableCommune(ctx context.Context, tx Tx, p auth.Principal, raw string, day borderlink.Date,
	action, object, id string) (string, error) {
	u, err := s.unitOfRank("commune", raw, rankCommune, errNotCommune)
	if err != nil {
		return "", err
	}
	if !u.ActiveOn(day) {
		return "", rules.ErrUnitEnded("commune", u.Code)
	}
	if !p.CanIn(auth.PermCommunesWrite, u.Code, s.tree()) {
		return "", s.deny(ctx, tx, p, action, object, id, errCannotWrite(u.Code))
	}
	return u.Code, nil
}

// checkOverlap refuses a period of commune that overlaps one of its other
// assessments (except rejected ones, which free their period).
func checkOverlap(ctx context.Context, tx Tx, commune, id string, from, to borderlink.Date) error {
	others, _, err := tx.Communes().FindAssessments(ctx, AssessmentSelect{Commune: commune})
	if err != nil {
		return wrapErr("assessments of "+commune, err)
	}
	for _, o := range others {
		if o.ID != id && o.Status != StatusRejected && overlaps(from, to, o.PeriodFrom, o.PeriodTo) {
			return errPeriodOverlap(o.PeriodFrom, o.PeriodTo)
		}
	}
	return nil
}

// CreateAssessment opens the self-assessment of a commune of the node's
// country, in force on the last day of the period, over which p holds
// communes.write. It starts as a draft, today, against in.CriteriaID or
// the set in force on in.PeriodTo.
//
// Errors: EForbidden (audited) when p may not; EInvalid for a bad field,
// a unit that is not a commune of this country (error.communes_not_commune),
// a period that runs backwards (error.communes_period_backwards) or a
// criteria set not in force on its last day
// (error.communes_criteria_retired); EConflict
// (error.communes_period_overlap) when the commune has an assessment of an
// overlapping period.
func (s *Service) CreateAssessment(ctx context.Context, p auth.Principal, in NewAssessment) (Assessment, error) {
	var out Assessment
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		now := s.now()
		a := Assessment{ID: borderlink.NewID(), Created: now, Updated: now, Attachments: []Attachment{}}
		if err := s.needs(ctx, tx, p, auth.PermCommunesWrite, actCreate, objAssessment, a.ID); err != nil {
			return err
		}
		if err := checkPeriod(in.PeriodFrom, in.PeriodTo); err != nil {
			return err
		}
		if in.PeriodFrom.After(s.today()) {
			return rules.ErrDateFuture("period_from", in.PeriodFrom)
		}
		a.PeriodFrom, a.PeriodTo = in.PeriodFrom, in.PeriodTo
		commune, err := s.writableCommune(ctx, tx, p, in.Commune, in.PeriodTo, actCreate, objAssessment, a.ID)
		if err != nil {
			return err
		}
		a.Commune, a.District = commune, districtOf(s.tree(), commune)
		c, err := s.criteriaFor(ctx, tx, strings.TrimSpace(in.CriteriaID), in.PeriodTo)
		if err != nil {
			return err
		}
		a.CriteriaID = c.ID
		if a.Results, err = checkResults(c, in.Results); err != nil {
			return err
		}
		a.Score, a.Passed = c.Score(a.Results)
		a.Passed = a.Passed && a.Score >= c.Threshold
		if a.Note, err = rules.Clean("note", in.Note, MaxNote, true); err != nil {
			return err
		}
		if a.Lang, err = rules.Lang(in.Lang, recordkit.DefaultLang(p, s.country)); err != nil {
			return err
		}
		if err := checkOverlap(ctx, tx, a.Commune, a.ID, a.PeriodFrom, a.PeriodTo); err != nil {
			return err
		}
		opened, err := s.day("day", in.Day)
		if err != nil {
			return err
		}
		if opened.Before(a.PeriodFrom) {
			return errBeforePeriod(opened, a.PeriodFrom)
		}
		a.Status = StatusDraft
		a.History = []Transition{{Status: StatusDraft, Day: opened, By: who(p), Unit: a.Commune}}
		if err := tx.Communes().PutAssessment(ctx, s.assessmentRecord(a)); err != nil {
			return wrapErr("create assessment", err)
		}
		out = a
		return s.record(ctx, tx, recordkit.OK(p, actCreate, objAssessment, a.ID, describe(a.Commune, a.PeriodFrom, a.PeriodTo)))
	})
	if err != nil {
		return Assessment{}, err
	}
	return out, nil
}

// UpdateResults changes the results and note of an assessment that is a
// draft or was returned; p must hold communes.write over its commune.
//
// Errors: ENotFound when there is no such assessment p may read;
// EForbidden (audited) when p may not write for the commune; EConflict
// (error.communes_not_editable) once it is submitted; EInvalid for a bad
// result.
func (s *Service) UpdateResults(ctx context.Context, p auth.Principal, id string, in ResultsUpdate) (Assessment, error) {
	var out Assessment
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		r, err := s.communeAssessment(ctx, tx, p, id, actUpdate)
		if err != nil {
			return err
		}
		a := r.Assessment
		if !a.Status.Editable() {
			return errNotEditable(a.Status)
		}
		c, err := tx.Communes().CriteriaSet(ctx, a.CriteriaID)
		if err != nil {
			return wrapErr("criteria "+a.CriteriaID, err)
		}
		if a.Results, err = checkResults(c, in.Results); err != nil {
			return err
		}
		a.Score, a.Passed = c.Score(a.Results)
		a.Passed = a.Passed && a.Score >= c.Threshold
		if a.Note, err = rules.Clean("note", in.Note, MaxNote, true); err != nil {
			return err
		}
		a.Updated = recordkit.Bump(s.now(), r.Updated)
		out = a
		return s.save(ctx, tx, a, recordkit.OK(p, actUpdate, objAssessment, id, "results"))
	})
	if err != nil {
		return Assessment{}, err
	}
	return out, nil
}

// assessmentRecord returns the stored form of a.
func (s *Service) assessmentRecord(a Assessment) AssessmentRecord {
	return AssessmentRecord{Assessment: a, Province: provinceOf(s.tree(), a.Commune)}
}

// save stores a changed assessment and records e.
func (s *Service) save(ctx context.Context, tx Tx, a Assessment, es ...auditEntry) error {
	if err := tx.Communes().PutAssessment(ctx, s.assessmentRecord(a)); err != nil {
		return wrapErr("save assessment", err)
	}
	return s.record(ctx, tx, es...)
}

// load returns assessment id, or ENotFound.
func load(ctx context.Context, tx Tx, id string) (AssessmentRecord, error) {
	if rules.CheckID(id) != nil {
		return AssessmentRecord{}, errNotFound(id)
	}
	r, err := tx.Communes().Assessment(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return AssessmentRecord{}, errNotFound(id)
	}
	return r, wrapErr("assessment "+id, err)
}

// visible loads assessment id for p, who must hold perm over its commune
// or above; one p may not read is answered as ENotFound (audited).
func (s *Service) visible(ctx context.Context, tx Tx, p auth.Principal, id, action string) (AssessmentRecord, error) {
	if err := s.needs(ctx, tx, p, auth.PermCommunesWrite, action, objAssessment, id); err != nil {
		return AssessmentRecord{}, err
	}
	r, err := load(ctx, tx, id)
	if err != nil {
		return AssessmentRecord{}, err
	}
	if !p.CanIn(auth.PermCommunesRead, r.Commune, s.tree()) {
		return AssessmentRecord{}, s.deny(ctx, tx, p, action, objAssessment, id, errNotFound(id))
	}
	return r, nil
}

// communeAssessment loads assessment id for the commune's own writers.
func (s *Service) communeAssessment(ctx context.Context, tx Tx, p auth.Principal, id, action string) (AssessmentRecord, error) {
	r, err := s.visible(ctx, tx, p, id, action)
	if err != nil {
		return AssessmentRecord{}, err
	}
	if !p.CanIn(auth.PermCommunesWrite, r.Commune, s.tree()) {
		return AssessmentRecord{}, s.deny(ctx, tx, p, action, objAssessment, id, errCannotWrite(r.Commune))
	}
	return r, nil
}

// Assessment returns assessment id. p must hold communes.read over its
// commune (a grant on it or above).
//
// Errors: ENotFound when there is none p may read; EForbidden when p
// holds communes.read nowhere.
func (s *Service) Assessment(ctx context.Context, p auth.Principal, id string) (Assessment, error) {
	if !p.Can(auth.PermCommunesRead) {
		return Assessment{}, errForbidden(string(auth.PermCommunesRead))
	}
	var out Assessment
	err := s.db.View(ctx, func(tx Tx) error {
		r, err := load(ctx, tx, id)
		if err != nil {
			return err
		}
		if !p.CanIn(auth.PermCommunesRead, r.Commune, s.tree()) {
			return errNotFound(id)
		}
		out = r.Assessment
		return nil
	})
	return out, err
}

// Assessments returns the assessments of commune, by period. p must hold
// communes.read over it.
func (s *Service) Assessments(ctx context.Context, p auth.Principal, commune string) ([]Assessment, error) {
	code := recordkit.FilterUnit(s.tree(), commune)
	if !p.CanIn(auth.PermCommunesRead, code, s.tree()) {
		return nil, errForbidden(string(auth.PermCommunesRead))
	}
	var out []Assessment
	err := s.db.View(ctx, func(tx Tx) error {
		rs, _, err := tx.Communes().FindAssessments(ctx, AssessmentSelect{Commune: code})
		for _, r := range rs {
			out = append(out, r.Assessment)
		}
		return wrapErr("assessments", err)
	})
	return out, err
}

// appendTransition adds the change to st on day to a's history, refusing
// a change the workflow does not allow and a day before the last change.
func appendTransition(a *Assessment, st Status, day borderlink.Date, by, unit, note string) error {
	if !a.Status.CanBecome(st) {
		return errTransition(a.Status, st)
	}
	if last := a.History[len(a.History)-1]; day.Before(last.Day) {
		return rules.ErrStatusOrder(day, last.Day)
	}
	if len(a.History) >= MaxHistory {
		return rules.ErrTooMany("history", MaxHistory)
	}
	a.History = append(slices.Clone(a.History), Transition{Status: st, Day: day, By: by, Unit: unit, Note: note})
	a.Status = st
	return nil
}

package cases

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/hotline/forms"
	"github.com/borderlink/borderlink/internal/recordkit"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
)

// Seizure is what a unit seized on a day at a place: drugs, and other
// things (weapons, vehicles, cash, phones). A seizure belongs to a case, or
// to none (CaseID "").
type Seizure struct {
	ID     string            `json:"id"`
	CaseID string            `json:"case_id"`
	Origin borderlink.NodeID `json:"origin"`
	Day    borderlink.Date   `json:"day"`
	Place  string            `json:"place"` // unit code in force on Day
	// Lat and Lon locate the seizure more closely, when known (WGS 84).
	Lat      *float64        `json:"lat,omitempty"`
	Lon      *float64        `json:"lon,omitempty"`
	Agency   stats.Agency    `json:"agency"`
	Drugs    []DrugItem      `json:"drugs"`
	Items    []Item          `json:"items"`
	Note     string          `json:"note"`
	Lang     borderlink.Lang `json:"lang"` // of Note
	Created  time.Time       `json:"created"`
	Updated  time.Time       `json:"updated"`
	Released time.Time       `json:"released,omitzero"`
}

// DrugItem is a quantity of one drug type. Amount is the quantity as
// written, in one of the drug's units (refdata.DrugType.Units). Pieces
// counts what was weighed (heroin blocks, pills); Weight weighs what was
// counted. A tablet drug (whose default unit is pills: METH_TABLET, MDMA)
// is recorded with both its count and its weight.
type DrugItem struct {
	Drug   string        `json:"drug"` // drug type code
	Amount stats.Amount  `json:"amount"`
	Pieces int64         `json:"pieces,omitempty"`
	Weight *stats.Amount `json:"weight,omitempty"`
}

// Item is something seized other than drugs.
type Item struct {
	Kind        ItemKind `json:"kind"`
	Description string   `json:"description"`
	Count       int64    `json:"count"`
	Cash        *Money   `json:"cash,omitempty"`  // kind cash only
	Plate       string   `json:"plate,omitempty"` // kind vehicle only, normalised
}

// Money is an amount of cash in a currency.
type Money struct {
	Amount   string `json:"amount"`   // decimal, at most two decimals: "150000000", "2500.50"
	Currency string `json:"currency"` // ISO 4217: VND, LAK, THB, USD, CNY …
}

// NewSeizure is what a user writes to record or correct a seizure.
type NewSeizure struct {
	CaseID string          `json:"case_id"` // "" for a seizure outside any case
	Day    borderlink.Date `json:"day"`
	Place  string          `json:"place"`
	Lat    *float64        `json:"lat,omitempty"`
	Lon    *float64        `json:"lon,omitempty"`
	Agency stats.Agency    `json:"agency"` // "" means police
	Drugs  []DrugItem      `json:"drugs"`
	Items  []Item          `json:"items"`
	Note   string          `json:"note"`
	Lang   borderlink.Lang `json:"lang"`
}

func (z Seizure) input() NewSeizure {
	return NewSeizure{CaseID: z.CaseID, Day: z.Day, Place: z.Place, Lat: z.Lat, Lon: z.Lon, Agency: z.Agency,
		Drugs: z.Drugs, Items: z.Items, Note: z.Note, Lang: z.Lang}
}

// itemTotals checks one drug item and returns it cleaned with the figures
// it adds to the statistics.
func itemTotals(drugs *refdata.Drugs, it DrugItem) (DrugItem, stats.Totals, error) {
	var t stats.Totals
	code := strings.ToUpper(strings.TrimSpace(it.Drug))
	if code == "" {
		return it, t, rules.ErrRequired("drug")
	}
	dt, found := drugs.Type(code)
	if !found {
		return it, t, recordkit.Invalid("error.seizure_drug_unknown", "there is no drug type "+recordkit.Clip(code, 40), "code", recordkit.Clip(code, 40))
	}
	out := DrugItem{Drug: code, Amount: stats.Amount{Value: strings.TrimSpace(it.Amount.Value), Unit: strings.TrimSpace(it.Amount.Unit)}}
	m, err := stats.Convert(out.Amount)
	if err != nil {
		return it, t, err
	}
	out.Amount, _ = stats.Canonical(out.Amount)
	if !slices.Contains(dt.Units(), out.Amount.Unit) {
		return it, t, recordkit.Invalid("error.seizure_unit_not_for_drug", out.Amount.Unit+" is not a unit "+code+" is reported in",
			"unit", out.Amount.Unit, "drug", dt.Name(), "units", strings.Join(dt.Units(), ", "))
	}
	add(&t, m)
	if it.Pieces < 0 || it.Pieces > stats.MaxPieces {
		return it, t, recordkit.Invalid("error.seizure_pieces", fmt.Sprintf("the count %d is negative or beyond any real seizure", it.Pieces),
			"value", it.Pieces)
	}
	if it.Pieces > 0 {
		if m.Dim == stats.Pieces {
			if it.Pieces != m.Value {
				return it, t, recordkit.Invalid("error.seizure_pieces_twice", "the quantity is a count already: give the count once")
			}
		} else {
			t.Pieces += it.Pieces
		}
		out.Pieces = it.Pieces
	}
	if it.Weight != nil {
		w := stats.Amount{Value: strings.TrimSpace(it.Weight.Value), Unit: strings.TrimSpace(it.Weight.Unit)}
		wm, err := stats.Convert(w)
		if err != nil {
			return it, t, err
		}
		if wm.Dim != stats.Mass {
			return it, t, recordkit.Invalid("error.seizure_weight_unit", "a weight is given in kg or g, not "+w.Unit, "unit", w.Unit)
		}
		if m.Dim == stats.Mass {
			return it, t, recordkit.Invalid("error.seizure_weight_twice", "the quantity is a weight already: give the weight once")
		}
		t.Milligrams += wm.Value
		w, _ = stats.Canonical(w)
		out.Weight = &w
	}
	if dt.DefaultUnit == "pills" {
		if t.Pieces == 0 {
			return it, t, recordkit.Invalid("error.seizure_tablet_count", code+" is counted in pills: give the number of pills", "drug", dt.Name())
		}
		if t.Milligrams == 0 {
			return it, t, recordkit.Invalid("error.seizure_tablet_weight", code+" is also weighed: give the weight of the pills", "drug", dt.Name())
		}
	}
	if t.Milligrams > stats.MaxMilligrams || t.Pieces > stats.MaxPieces {
		return it, t, recordkit.Invalid("error.stats_figure_absurd", "a figure is beyond any real one")
	}
	return out, t, nil
}

// add adds a converted quantity to t.
func add(t *stats.Totals, m stats.Measure) {
	switch m.Dim {
	case stats.Mass:
		t.Milligrams += m.Value
	case stats.Pieces:
		t.Pieces += m.Value
	case stats.Volume:
		t.Millilitre += m.Value
	case stats.Area:
		t.SquareM += m.Value
	}
}

// checkItem checks one item other than drugs.
func checkItem(it Item) (Item, error) {
	var out Item
	var err error
	if out.Kind, err = recordkit.Choice(&rules, "item_kind", it.Kind, ItemKinds()); err != nil {
		return out, err
	}
	if out.Description, err = cleanLine("description", it.Description, MaxShort); err != nil {
		return out, err
	}
	out.Count = it.Count
	if out.Count == 0 {
		out.Count = 1
	}
	if out.Count < 0 || out.Count > MaxItemCount {
		return out, recordkit.Invalid("error.seizure_item_count", fmt.Sprintf("the count %d is negative or beyond any real seizure", it.Count),
			"value", it.Count)
	}
	switch {
	case out.Kind == ItemCash && it.Cash == nil:
		return out, recordkit.Invalid("error.seizure_cash_missing", "give the amount and currency of the cash")
	case out.Kind != ItemCash && it.Cash != nil:
		return out, recordkit.Invalid("error.seizure_cash_not_cash", "only cash has an amount of money")
	case it.Cash != nil:
		amt, err := checkMoney(it.Cash.Amount)
		if err != nil {
			return out, err
		}
		cur, err := currencyCode(it.Cash.Currency)
		if err != nil {
			return out, err
		}
		out.Cash = &Money{Amount: amt, Currency: cur}
	}
	if p := strings.TrimSpace(it.Plate); p != "" {
		if out.Kind != ItemVehicle {
			return out, recordkit.Invalid("error.seizure_plate_not_vehicle", "only a vehicle has a plate")
		}
		out.Plate = forms.NormalizePlate(p)
		if !forms.ValidPlate(out.Plate) {
			return out, recordkit.Invalid("error.seizure_plate", "the plate "+recordkit.Clip(p, 20)+" is not valid", "value", recordkit.Clip(p, 20))
		}
	}
	if out.Description == "" && out.Cash == nil && out.Plate == "" {
		return out, rules.ErrRequired("description")
	}
	return out, nil
}

// checkMoney checks a positive decimal amount of money with at most two
// decimals; a decimal comma is accepted, digit grouping is not.
func checkMoney(s string) (string, error) {
	v := strings.Replace(strings.TrimSpace(s), ",", ".", 1)
	bad := recordkit.Invalid("error.seizure_cash_amount", "the amount "+recordkit.Clip(s, 30)+" is not a positive number with at most two decimals",
		"value", recordkit.Clip(s, 30))
	whole, frac, dot := strings.Cut(v, ".")
	if whole == "" || len(whole) > maxCashDigits || len(frac) > maxCashDecimal || (dot && frac == "") {
		return "", bad
	}
	nonzero := false
	for _, c := range whole + frac {
		if c < '0' || c > '9' {
			return "", bad
		}
		nonzero = nonzero || c != '0'
	}
	if !nonzero {
		return "", bad
	}
	return v, nil
}

// checkCoordinates checks an optional position: both or neither, in range.
func checkCoordinates(lat, lon *float64) (*float64, *float64, error) {
	if lat == nil && lon == nil {
		return nil, nil, nil
	}
	bad := func(v string) error {
		return recordkit.Invalid("error.seizure_coordinates", "the position "+v+" is not a latitude (−90 to 90) and a longitude (−180 to 180)",
			"value", v)
	}
	if lat == nil || lon == nil {
		return nil, nil, bad("(one of the two only)")
	}
	a, o := *lat, *lon
	if math.IsNaN(a) || math.IsNaN(o) || a < -90 || a > 90 || o < -180 || o > 180 {
		return nil, nil, bad(fmt.Sprintf("%g, %g", a, o))
	}
	return &a, &o, nil
}

// seizureFields checks in and sets its fields (all but CaseID) on z,
// returning the statistics figures of each drug item.
func (s *Service) seizureFields(z *Seizure, in NewSeizure, fallback borderlink.Lang) ([]stats.Totals, error) {
	var err error
	if err = rules.CheckDay("day", in.Day, s.today()); err != nil {
		return nil, err
	}
	z.Day = in.Day
	if z.Place, err = rules.UnitCode(s.tree(), "place", in.Place); err != nil {
		return nil, err
	}
	if _, err := (stats.Resolver{Tree: s.tree()}).Locate(z.Place, z.Day); err != nil {
		return nil, err
	}
	if z.Lat, z.Lon, err = checkCoordinates(in.Lat, in.Lon); err != nil {
		return nil, err
	}
	ag := in.Agency
	if ag == "" {
		ag = stats.AgencyPolice
	}
	if z.Agency, err = recordkit.Choice(&rules, "agency", ag, stats.Agencies()); err != nil {
		return nil, err
	}
	if len(in.Drugs) > MaxDrugItems {
		return nil, rules.ErrTooMany("drugs", MaxDrugItems)
	}
	if len(in.Items) > MaxItems {
		return nil, rules.ErrTooMany("items", MaxItems)
	}
	if len(in.Drugs) == 0 && len(in.Items) == 0 {
		return nil, recordkit.Invalid("error.seizure_empty", "a seizure names at least one drug or one item")
	}
	z.Drugs = make([]DrugItem, 0, len(in.Drugs))
	totals := make([]stats.Totals, 0, len(in.Drugs))
	for _, it := range in.Drugs {
		d, t, err := itemTotals(s.drugs, it)
		if err != nil {
			return nil, err
		}
		z.Drugs = append(z.Drugs, d)
		totals = append(totals, t)
	}
	z.Items = make([]Item, 0, len(in.Items))
	for _, it := range in.Items {
		v, err := checkItem(it)
		if err != nil {
			return nil, err
		}
		z.Items = append(z.Items, v)
	}
	if z.Note, err = cleanText("note", in.Note, MaxText); err != nil {
		return nil, err
	}
	if z.Lang, err = rules.Lang(in.Lang, fallback); err != nil {
		return nil, err
	}
	return totals, nil
}

// CreateSeizure records a seizure owned by this node, in a case p may add
// to, or outside any case at a place over which p holds cases.write. Its
// statistics facts are stored in the same transaction.
//
// Errors: ENotFound (audited) when p may not see the case; EForbidden
// (audited) when p may not add to it; EInvalid for a bad field.
func (s *Service) CreateSeizure(ctx context.Context, p auth.Principal, in NewSeizure) (Seizure, error) {
	now := s.now()
	z := Seizure{ID: borderlink.NewID(), Origin: s.self, Created: now, Updated: now}
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermCasesWrite, actSeizureCreate, objSeizure, z.ID); err != nil {
			return err
		}
		if err := s.attachTo(ctx, tx, p, &z.CaseID, in.CaseID, actSeizureCreate); err != nil {
			return err
		}
		totals, err := s.seizureFields(&z, in, s.defaultLang(p))
		if err != nil {
			return err
		}
		if z.CaseID == "" && !p.CanIn(auth.PermCasesWrite, z.Place, s.tree()) {
			return s.deny(ctx, tx, p, actSeizureCreate, objSeizure, z.ID, errCannotWrite(z.Place))
		}
		if err := tx.Cases().PutSeizure(ctx, z); err != nil {
			return wrapErr("create seizure", err)
		}
		if err := s.putSeizureFacts(ctx, tx, z, totals); err != nil {
			return err
		}
		return s.record(ctx, tx, recordkit.OK(p, actSeizureCreate, objSeizure, z.ID, seizureDetail(z)))
	})
	if err != nil {
		return Seizure{}, err
	}
	return z, nil
}

// UpdateSeizure corrects one of this node's seizures and replaces its
// statistics facts (those of items removed are deleted). The case it
// belongs to does not change (NewSeizure.CaseID is "" or that case). A released seizure's new version is
// published again.
func (s *Service) UpdateSeizure(ctx context.Context, p auth.Principal, id string, in NewSeizure) (Seizure, error) {
	var out Seizure
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		old, err := s.ownSeizure(ctx, tx, p, id, actSeizureUpdate)
		if err != nil {
			return err
		}
		if in.CaseID != "" && in.CaseID != old.CaseID {
			return recordkit.Invalid("error.seizure_case_fixed", "a seizure stays in the case it was recorded in")
		}
		z := old
		totals, err := s.seizureFields(&z, in, old.Lang)
		if err != nil {
			return err
		}
		if z.CaseID == "" && !p.CanIn(auth.PermCasesWrite, z.Place, s.tree()) {
			return s.deny(ctx, tx, p, actSeizureUpdate, objSeizure, id, errCannotWrite(z.Place))
		}
		z.Updated = s.bump(old.Updated)
		if err := tx.Cases().PutSeizure(ctx, z); err != nil {
			return wrapErr("update seizure", err)
		}
		if err := s.putSeizureFacts(ctx, tx, z, totals); err != nil {
			return err
		}
		if err := s.republish(ctx, tx, KindSeizure, z); err != nil {
			return err
		}
		out = z
		return s.record(ctx, tx, recordkit.OK(p, actSeizureUpdate, objSeizure, id, seizureDetail(z)))
	})
	return out, err
}

// DeleteSeizure removes one of this node's seizures, not released, with
// its statistics facts.
func (s *Service) DeleteSeizure(ctx context.Context, p auth.Principal, id string) error {
	return s.update(ctx, func(ctx context.Context, tx Tx) error {
		z, err := s.ownSeizure(ctx, tx, p, id, actSeizureDelete)
		if err != nil {
			return err
		}
		if !z.Released.IsZero() {
			return errReleasedDelete()
		}
		if err := tx.Cases().DeleteSeizure(ctx, id); err != nil {
			return wrapErr("delete seizure", err)
		}
		if err := s.putSeizureFacts(ctx, tx, z, nil); err != nil {
			return err
		}
		return s.record(ctx, tx, recordkit.OK(p, actSeizureDelete, objSeizure, id, seizureDetail(z)))
	})
}

// Seizure returns a seizure p may see: one of a case p may see, or one
// outside any case at a place in p's cases.read grants.
func (s *Service) Seizure(ctx context.Context, p auth.Principal, id string) (Seizure, error) {
	var out Seizure
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		z, err := s.visibleSeizure(ctx, tx, p, id, actSeizureRead)
		if err != nil {
			return err
		}
		out = z
		return s.record(ctx, tx, recordkit.OK(p, actSeizureRead, objSeizure, id, ""))
	})
	return out, err
}

// Seizures returns the seizures of a case p may see, by day: this node's
// and the partner's released ones.
func (s *Service) Seizures(ctx context.Context, p auth.Principal, caseID string) ([]Seizure, error) {
	var out []Seizure
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if _, err := s.visibleCase(ctx, tx, p, caseID, actSeizureList); err != nil {
			return err
		}
		zs, err := tx.Cases().Seizures(ctx, caseID)
		if err != nil {
			return wrapErr("seizures of "+caseID, err)
		}
		out = zs
		return s.record(ctx, tx, seizureEntries(p, actSeizureList, zs)...)
	})
	return out, err
}

func seizureEntries(p auth.Principal, action string, zs []Seizure) []auditEntry {
	es := make([]auditEntry, 0, len(zs))
	for _, z := range zs {
		es = append(es, recordkit.OK(p, action, objSeizure, z.ID, "case "+z.CaseID))
	}
	return es
}

func seizureDetail(z Seizure) string {
	var parts []string
	if z.CaseID != "" {
		parts = append(parts, "case "+z.CaseID)
	}
	parts = append(parts, z.Day.String()+" "+z.Place)
	for _, d := range z.Drugs {
		parts = append(parts, d.Drug+" "+d.Amount.Value+" "+d.Amount.Unit)
	}
	return strings.Join(parts, ", ")
}

// attachTo checks the case a new seizure or arrest goes into (none when
// id is ""): one p may see and add to.
func (s *Service) attachTo(ctx context.Context, tx Tx, p auth.Principal, dst *string, id, action string) error {
	id = strings.TrimSpace(id)
	if id == "" {
		*dst = ""
		return nil
	}
	r, err := s.writableCase(ctx, tx, p, id, action)
	if err != nil {
		return err
	}
	*dst = r.ID
	return nil
}

// visibleSeizure loads seizure id for p, or refuses it as ENotFound
// (audited when it exists).
func (s *Service) visibleSeizure(ctx context.Context, tx Tx, p auth.Principal, id, action string) (Seizure, error) {
	if err := s.needs(ctx, tx, p, auth.PermCasesRead, action, objSeizure, id); err != nil {
		return Seizure{}, err
	}
	if rules.CheckID(id) != nil {
		return Seizure{}, errSeizureNotFound(id)
	}
	z, err := tx.Cases().Seizure(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return Seizure{}, errSeizureNotFound(id)
	}
	if err != nil {
		return Seizure{}, wrapErr("seizure "+id, err)
	}
	vis, err := s.recordVisible(ctx, tx, p, z.CaseID, z.Place)
	if err != nil {
		return Seizure{}, err
	}
	if !vis {
		return Seizure{}, s.deny(ctx, tx, p, action, objSeizure, id, errSeizureNotFound(id))
	}
	return z, nil
}

// ownSeizure loads one of this node's seizures for p to change.
func (s *Service) ownSeizure(ctx context.Context, tx Tx, p auth.Principal, id, action string) (Seizure, error) {
	if err := s.needs(ctx, tx, p, auth.PermCasesWrite, action, objSeizure, id); err != nil {
		return Seizure{}, err
	}
	z, err := s.visibleSeizure(ctx, tx, p, id, action)
	if err != nil {
		return Seizure{}, err
	}
	if z.Origin != s.self {
		return Seizure{}, s.deny(ctx, tx, p, action, objSeizure, id, errNotOwner(z.Origin))
	}
	if err := s.recordWritable(ctx, tx, p, z.CaseID, z.Place); err != nil {
		if borderlink.IsCode(err, borderlink.EForbidden) {
			return Seizure{}, s.deny(ctx, tx, p, action, objSeizure, id, err)
		}
		return Seizure{}, err
	}
	return z, nil
}

// recordVisible reports whether p sees a record of case caseID (or, with
// no case, one at place).
func (s *Service) recordVisible(ctx context.Context, tx Tx, p auth.Principal, caseID, place string) (bool, error) {
	sc := scopeOf(p)
	if caseID == "" {
		return sc.Match(PathOf(s.tree(), place)), nil
	}
	c, err := tx.Cases().Case(ctx, caseID)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return false, nil
	}
	if err != nil {
		return false, wrapErr("case "+caseID, err)
	}
	return sc.Match(c.Scope), nil
}

// recordWritable returns nil when p may change a record of case caseID
// (or, with no case, one at place), else the EForbidden error.
func (s *Service) recordWritable(ctx context.Context, tx Tx, p auth.Principal, caseID, place string) error {
	tree := s.tree()
	if caseID == "" {
		if p.CanIn(auth.PermCasesWrite, place, tree) {
			return nil
		}
		return errCannotWrite(place)
	}
	c, err := tx.Cases().Case(ctx, caseID)
	if err != nil {
		return wrapErr("case "+caseID, err)
	}
	if s.canWriteCase(p, tree, c.Case) {
		return nil
	}
	return errCannotWrite(c.LeadUnit)
}

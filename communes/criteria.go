package communes

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// CriteriaSet is one version of a country's criteria for a drug-free
// commune. It is in force from ValidFrom to ValidTo inclusive (a zero
// ValidTo: until superseded); a set whose ValidTo has passed is retired.
type CriteriaSet struct {
	ID        string          `json:"id"`
	Country   string          `json:"country"`
	Version   int             `json:"version"`
	Name      borderlink.Text `json:"name"`
	ValidFrom borderlink.Date `json:"valid_from"`
	ValidTo   borderlink.Date `json:"valid_to"`
	// Threshold is the weighted score, in percent of the total weight of
	// the items, a commune must reach besides meeting every required item.
	Threshold int `json:"threshold"`
	// DistrictShare is the share of a district's communes, in percent,
	// that must be recognised for the district to be recognised.
	DistrictShare int       `json:"district_share"`
	Items         []Item    `json:"items"`
	Created       time.Time `json:"created"`
}

// Item is one criterion.
type Item struct {
	Code string          `json:"code"` // stable within the set: "c1", "c2"
	Text borderlink.Text `json:"text"`
	// Required items must be met whatever the score.
	Required bool `json:"required"`
	// Weight counts towards the score when the item is met.
	Weight int `json:"weight"`
	// Evidence: a result meeting the item must carry a note or an
	// attachment.
	Evidence bool `json:"evidence"`
	// Commitments: the item is about signed commitments, and is met only
	// when the commune has recorded commitments for the period (they are
	// its evidence).
	Commitments bool `json:"commitments"`
}

// InForce reports whether the set is in force on d.
func (c CriteriaSet) InForce(d borderlink.Date) bool { return d.Within(c.ValidFrom, c.ValidTo) }

// Item returns the item with code.
func (c CriteriaSet) Item(code string) (Item, bool) {
	i := slices.IndexFunc(c.Items, func(it Item) bool { return it.Code == code })
	if i < 0 {
		return Item{}, false
	}
	return c.Items[i], true
}

// Score returns the weighted score of results, in percent of the total
// weight (rounded down), and whether every required item is met.
func (c CriteriaSet) Score(results []Result) (score int, required bool) {
	met := map[string]bool{}
	for _, r := range results {
		met[r.Code] = r.Met
	}
	total, got := 0, 0
	required = true
	for _, it := range c.Items {
		total += it.Weight
		if met[it.Code] {
			got += it.Weight
		} else if it.Required {
			required = false
		}
	}
	if total == 0 {
		return 100, required
	}
	return got * 100 / total, required
}

// Pass is the rule of the programme: every required item met and the
// weighted score at least the threshold.
func (c CriteriaSet) Pass(results []Result) bool {
	score, required := c.Score(results)
	return required && score >= c.Threshold
}

// NewCriteria is a new version of the criteria of the node's country.
type NewCriteria struct {
	Name          borderlink.Text `json:"name"`
	ValidFrom     borderlink.Date `json:"valid_from"`
	Threshold     int             `json:"threshold"`
	DistrictShare int             `json:"district_share"`
	Items         []Item          `json:"items"`
}

// checkText checks a text in three languages, each required.
func checkText(field string, t borderlink.Text, max int) (borderlink.Text, error) {
	var out borderlink.Text
	var err error
	if out.VI, err = rules.Required(field, t.VI, max, false); err != nil {
		return out, err
	}
	if out.LO, err = rules.Required(field, t.LO, max, false); err != nil {
		return out, err
	}
	if out.EN, err = rules.Required(field, t.EN, max, false); err != nil {
		return out, err
	}
	return out, nil
}

// criteriaFields checks in as a set of country.
func criteriaFields(in NewCriteria) (CriteriaSet, error) {
	var c CriteriaSet
	var err error
	if c.Name, err = checkText("name", in.Name, MaxShort); err != nil {
		return c, err
	}
	if in.ValidFrom.IsZero() {
		return c, rules.ErrDateMissing("valid_from")
	}
	c.ValidFrom = in.ValidFrom
	if in.Threshold < 0 || in.Threshold > 100 {
		return c, errPercent("threshold")
	}
	if in.DistrictShare < 1 || in.DistrictShare > 100 {
		return c, errPercent("district_share")
	}
	c.Threshold, c.DistrictShare = in.Threshold, in.DistrictShare
	if len(in.Items) == 0 {
		return c, rules.ErrRequired("items")
	}
	if len(in.Items) > MaxItems {
		return c, rules.ErrTooMany("items", MaxItems)
	}
	for _, it := range in.Items {
		var v Item
		if v.Code, err = rules.Required("code", strings.ToLower(it.Code), MaxCode, false); err != nil {
			return c, err
		}
		if strings.ContainsFunc(v.Code, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') }) {
			return c, rules.ErrChoice("code", v.Code)
		}
		if _, dup := c.Item(v.Code); dup {
			return c, errItemRepeated(v.Code)
		}
		if v.Text, err = checkText("text", it.Text, MaxShort); err != nil {
			return c, err
		}
		if it.Weight < 0 || it.Weight > MaxWeight {
			return c, errWeight(v.Code)
		}
		v.Required, v.Weight, v.Evidence, v.Commitments = it.Required, it.Weight, it.Evidence, it.Commitments
		c.Items = append(c.Items, v)
	}
	return c, nil
}

// PublishCriteria adds a new version of the criteria of the node's
// country, in force from in.ValidFrom; the version in force before it is
// retired the day before. p must hold communes.write over the country's
// ministry (the programme is national).
//
// Errors: EForbidden (audited) when p may not; EInvalid for a bad field;
// EInvalid (error.communes_criteria_backwards) when in.ValidFrom is not
// after the start of the newest version.
func (s *Service) PublishCriteria(ctx context.Context, p auth.Principal, in NewCriteria) (CriteriaSet, error) {
	var out CriteriaSet
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		id := borderlink.NewID()
		if err := s.needsNational(ctx, tx, p, actCriteria, objCriteria, id); err != nil {
			return err
		}
		c, err := criteriaFields(in)
		if err != nil {
			return err
		}
		c.ID, c.Country, c.Created = id, s.country, s.now()
		es, err := s.addCriteria(ctx, tx, &c)
		if err != nil {
			return err
		}
		out = c
		es = append(es, recordkit.OK(p, actCriteria, objCriteria, c.ID, fmt.Sprintf("version %d from %s", c.Version, c.ValidFrom)))
		return s.record(ctx, tx, es...)
	})
	if err != nil {
		return CriteriaSet{}, err
	}
	return out, nil
}

// addCriteria stores c as the newest version of its country, retiring the
// one before it, and returns the audit entries of the retirement.
func (s *Service) addCriteria(ctx context.Context, tx Tx, c *CriteriaSet) ([]auditEntry, error) {
	sets, err := tx.Communes().CriteriaSets(ctx, c.Country)
	if err != nil {
		return nil, wrapErr("criteria", err)
	}
	c.Version = 1
	var es []auditEntry
	if n := len(sets); n > 0 {
		last := sets[n-1]
		if !c.ValidFrom.After(last.ValidFrom) {
			return nil, errCriteriaBackwards(c.ValidFrom, last.ValidFrom)
		}
		c.Version = last.Version + 1
		if last.ValidTo.IsZero() || !last.ValidTo.Before(c.ValidFrom) {
			last.ValidTo = c.ValidFrom.AddDays(-1)
			if err := tx.Communes().PutCriteria(ctx, last); err != nil {
				return nil, wrapErr("retire criteria", err)
			}
			es = append(es, recordkit.OK(auth.System("communes"), actCriteriaRetire, objCriteria, last.ID, "until "+last.ValidTo.String()))
		}
	}
	if err := tx.Communes().PutCriteria(ctx, *c); err != nil {
		return nil, wrapErr("put criteria", err)
	}
	return es, nil
}

// EnsureCriteria stores the built-in criteria of the node's country (see
// BuiltInCriteria) when the node has none yet, so that a new node can
// assess at once. It is run by the node at start-up and audited as the
// system's doing.
func (s *Service) EnsureCriteria(ctx context.Context) error {
	return s.update(ctx, func(ctx context.Context, tx Tx) error {
		sets, err := tx.Communes().CriteriaSets(ctx, s.country)
		if err != nil {
			return wrapErr("criteria", err)
		}
		if len(sets) > 0 {
			return nil
		}
		c, ok := BuiltInCriteria(s.country)
		if !ok {
			return nil
		}
		c.ID, c.Created = borderlink.NewID(), s.now()
		es, err := s.addCriteria(ctx, tx, &c)
		if err != nil {
			return err
		}
		es = append(es, recordkit.OK(auth.System("communes"), actCriteria, objCriteria, c.ID, "built-in, version 1"))
		return s.record(ctx, tx, es...)
	})
}

// Criteria returns the versions of the node's country's criteria, oldest
// first. p must hold communes.read somewhere.
func (s *Service) Criteria(ctx context.Context, p auth.Principal) ([]CriteriaSet, error) {
	if !p.Can(auth.PermCommunesRead) {
		return nil, errForbidden(string(auth.PermCommunesRead))
	}
	var out []CriteriaSet
	err := s.db.View(ctx, func(tx Tx) (err error) {
		out, err = tx.Communes().CriteriaSets(ctx, s.country)
		return wrapErr("criteria", err)
	})
	return out, err
}

// criteriaFor returns the set of the node's country an assessment of a
// period ending on to is made against: id when given, else the one in
// force on to. A set not in force on to is refused as retired (or not yet
// in force).
func (s *Service) criteriaFor(ctx context.Context, tx Tx, id string, to borderlink.Date) (CriteriaSet, error) {
	if id != "" {
		c, err := tx.Communes().CriteriaSet(ctx, id)
		if borderlink.IsCode(err, borderlink.ENotFound) || (err == nil && c.Country != s.country) {
			return CriteriaSet{}, errCriteriaUnknown(id)
		}
		if err != nil {
			return CriteriaSet{}, wrapErr("criteria "+id, err)
		}
		if !c.InForce(to) {
			return CriteriaSet{}, errCriteriaRetired(c.Version, to)
		}
		return c, nil
	}
	sets, err := tx.Communes().CriteriaSets(ctx, s.country)
	if err != nil {
		return CriteriaSet{}, wrapErr("criteria", err)
	}
	for i := len(sets) - 1; i >= 0; i-- {
		if sets[i].InForce(to) {
			return sets[i], nil
		}
	}
	return CriteriaSet{}, errNoCriteria(to)
}

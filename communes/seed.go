package communes

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// DemoOptions say what SeedDemo generates.
type DemoOptions struct {
	// Provinces of the node's country: every commune of each gets
	// assessments.
	Provinces []string
	// Years are the programme years assessed, each the period 1 January
	// to 31 December; default the three years before the clock's.
	Years []int
	Seed  uint64 // the same seed gives the same data
}

// DemoResult counts what SeedDemo stored.
type DemoResult struct {
	Communes    int // communes assessed at least once
	Assessments int
	Events      int // changes of status, one per entry of the histories
	Commitments int
	Districts   int // district recognitions
}

// Records is the number of records stored: assessments, their events,
// commitment records and district recognitions.
func (r DemoResult) Records() int { return r.Assessments + r.Events + r.Commitments + r.Districts }

// SeedDemo fills the programme with realistic synthetic data for every
// commune of o.Provinces, as the demonstration and the benchmarks need:
// each year, most communes assess themselves; most assessments pass,
// are verified and recognised in the first weeks of the next year
// (superseding the year before), some are returned, rejected or later
// revoked, and the latest year is still partly in progress; each commune
// records its commitments; districts with enough recognised communes are
// mostly recognised. Records go straight to storage in one transaction
// audited as one entry, so that thousands of communes load in seconds.
// Only the system principal may run it, on a node without assessments of
// those provinces.
func (s *Service) SeedDemo(ctx context.Context, p auth.Principal, o DemoOptions) (DemoResult, error) {
	if !p.Unrestricted() {
		return DemoResult{}, errForbidden("system")
	}
	if err := s.EnsureCriteria(ctx); err != nil {
		return DemoResult{}, err
	}
	years := slices.Clone(o.Years)
	if len(years) == 0 {
		y := s.today().Time().Year()
		years = []int{y - 3, y - 2, y - 1}
	}
	slices.Sort(years)
	rng := rand.New(rand.NewPCG(o.Seed, 0x636f6d6d756e6573))
	today := s.today()
	var res DemoResult
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		res = DemoResult{}
		g := seeder{s: s, tx: tx, rng: rng, today: today, res: &res, recognised: map[string]*Assessment{}, assessed: map[string]bool{}}
		for _, prov := range o.Provinces {
			code, err := rules.UnitCode(s.tree(), "unit", prov)
			if err != nil {
				return err
			}
			for _, y := range years {
				if err := g.year(ctx, code, y); err != nil {
					return err
				}
			}
			if err := g.districts(ctx, code); err != nil {
				return err
			}
		}
		res.Communes = len(g.assessed)
		return s.record(ctx, tx, recordkit.OK(p, actSeed, objAssessment, "demo",
			fmt.Sprintf("%d assessments, %d commitments, %d districts", res.Assessments, res.Commitments, res.Districts)))
	})
	return res, err
}

// seeder generates the data of SeedDemo in one transaction.
type seeder struct {
	s          *Service
	tx         Tx
	rng        *rand.Rand
	today      borderlink.Date
	res        *DemoResult
	recognised map[string]*Assessment // commune → its recognition in force
	assessed   map[string]bool
}

// year generates the assessments and commitments of province's communes
// for year y.
func (g *seeder) year(ctx context.Context, province string, y int) error {
	from, to := borderlink.NewDate(y, 1, 1), borderlink.NewDate(y, 12, 31)
	if !g.today.After(to) {
		return nil
	}
	c, err := g.s.criteriaFor(ctx, g.tx, "", to)
	if err != nil {
		return err
	}
	for _, cm := range g.s.communesUnder(province, to) {
		if err := g.commitments(ctx, cm, from, to); err != nil {
			return err
		}
		if g.rng.IntN(100) < 8 { // not assessed this year
			continue
		}
		if err := g.assessment(ctx, c, cm, from, to); err != nil {
			return err
		}
	}
	return nil
}

// day returns base plus up to spread days, and false when that is after
// today (the step has not happened yet).
func (g *seeder) day(base borderlink.Date, spread int) (borderlink.Date, bool) {
	d := base.AddDays(g.rng.IntN(spread + 1))
	return d, !d.After(g.today)
}

func (g *seeder) commitments(ctx context.Context, commune string, from, to borderlink.Date) error {
	now := g.s.now()
	c := Commitments{ID: borderlink.NewID(), Commune: commune, Province: provinceOf(g.s.tree(), commune), From: from, To: to,
		Households: 150 + g.rng.IntN(1200), Agencies: 2 + g.rng.IntN(25), Units: 1 + g.rng.IntN(12), By: "demo", Created: now, Updated: now}
	g.res.Commitments++
	return wrapErr("seed commitments", g.tx.Communes().PutCommitments(ctx, c))
}

// assessment generates one commune's assessment of a year and walks it
// through the workflow as far as today allows.
func (g *seeder) assessment(ctx context.Context, c CriteriaSet, commune string, from, to borderlink.Date) error {
	now := g.s.now()
	a := Assessment{ID: borderlink.NewID(), Commune: commune, District: districtOf(g.s.tree(), commune), PeriodFrom: from, PeriodTo: to,
		CriteriaID: c.ID, Lang: recordkit.DefaultLang(auth.Principal{}, g.s.country), Attachments: []Attachment{}, Created: now, Updated: now}
	pass := g.rng.IntN(100) < 85
	for i, it := range c.Items {
		met := pass || !(it.Required && i == 1)
		a.Results = append(a.Results, Result{Code: it.Code, Met: met, Note: "Biên bản kiểm tra, báo cáo của công an xã"})
	}
	a.Score, a.Passed = c.Score(a.Results)
	a.Passed = a.Passed && a.Score >= c.Threshold
	unit := provinceOf(g.s.tree(), commune)
	step := func(st Status, d borderlink.Date, note string) {
		a.History = append(a.History, Transition{Status: st, Day: d, By: "demo", Unit: unit, Note: note})
		a.Status = st
	}
	draft, _ := g.day(to.AddDays(-40), 20)
	step(StatusDraft, draft, "")
	flow := func() {
		sub, ok := g.day(to.AddDays(-15), 14)
		if !ok {
			return
		}
		step(StatusSubmitted, sub, "")
		if g.rng.IntN(100) < 10 {
			ret, ok := g.day(sub.AddDays(5), 10)
			if !ok {
				return
			}
			step(StatusReturned, ret, "Bổ sung biên bản")
			if sub, ok = g.day(ret.AddDays(3), 10); !ok {
				return
			}
			step(StatusSubmitted, sub, "")
		}
		ver, ok := g.day(sub.AddDays(7), 20)
		if !ok {
			return
		}
		step(StatusVerified, ver, "")
		dec, ok := g.day(ver.AddDays(5), 30)
		if !ok {
			return
		}
		if !a.Passed {
			a.Decision = &Decision{Outcome: OutcomeRejected, Number: fmt.Sprintf("%d/QĐ", 1+g.rng.IntN(900)), Date: dec, Signer: "Demo", Unit: unit}
			step(StatusRejected, dec, "Chưa đạt tiêu chí")
			return
		}
		a.Decision = &Decision{Outcome: OutcomeRecognised, Number: fmt.Sprintf("%d/QĐ", 1+g.rng.IntN(900)), Date: dec, Signer: "Demo", Unit: unit}
		step(StatusRecognised, dec, "")
		if g.rng.IntN(100) < 4 {
			if rv, ok := g.day(dec.AddDays(30), 200); ok {
				a.Revocation = &Revocation{Reason: "Phát hiện điểm bán lẻ ma túy", Date: rv, Unit: unit}
				step(StatusRevoked, rv, a.Revocation.Reason)
			}
		}
	}
	flow()
	if a.Status == StatusRecognised || a.Status == StatusRevoked {
		if old := g.recognised[commune]; old != nil && old.Status == StatusRecognised && !a.Decision.Date.Before(old.History[len(old.History)-1].Day) {
			old.History = append(old.History, Transition{Status: StatusSuperseded, Day: a.Decision.Date, By: "demo", Unit: unit, Note: a.Decision.Number})
			old.Status = StatusSuperseded
			g.res.Events++
			if err := g.tx.Communes().PutAssessment(ctx, g.s.assessmentRecord(*old)); err != nil {
				return wrapErr("seed supersede", err)
			}
		}
		if a.Status == StatusRecognised {
			g.recognised[commune] = &a
		}
	}
	g.assessed[commune] = true
	g.res.Assessments++
	g.res.Events += len(a.History)
	return wrapErr("seed assessment", g.tx.Communes().PutAssessment(ctx, g.s.assessmentRecord(a)))
}

// districts recognises most districts of province with enough recognised
// communes.
func (g *seeder) districts(ctx context.Context, province string) error {
	tree := g.s.tree()
	events, err := g.tx.Communes().Events(ctx, province, g.today)
	if err != nil {
		return wrapErr("seed events", err)
	}
	c, err := g.s.criteriaFor(ctx, g.tx, "", g.today)
	if err != nil {
		return err
	}
	st := standings(events, g.today)
	for _, d := range tree.Children(province, g.today) {
		if rank(tree, d) != rankDistrict {
			continue
		}
		cms := g.s.communesUnder(d.Code, g.today)
		n := 0
		for _, cm := range cms {
			if st[cm] == StandingRecognised {
				n++
			}
		}
		if len(cms) == 0 || n*100 < c.DistrictShare*len(cms) || g.rng.IntN(100) >= 70 {
			continue
		}
		now := g.s.now()
		day := g.today.AddDays(-g.rng.IntN(60))
		r := DistrictRecognition{ID: borderlink.NewID(), District: d.Code, Province: province, Status: DistrictRecognised,
			Decision: Decision{Outcome: OutcomeRecognised, Number: fmt.Sprintf("%d/QĐ", 1+g.rng.IntN(900)), Date: day, Signer: "Demo", Unit: province},
			Basis:    DistrictBasis{Communes: len(cms), Recognised: n, Share: c.DistrictShare, CriteriaID: c.ID}, Created: now, Updated: now}
		if err := g.tx.Communes().PutDistrict(ctx, r); err != nil {
			return wrapErr("seed district", err)
		}
		g.res.Districts++
	}
	return nil
}

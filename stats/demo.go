package stats

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/units"
)

// demoDrug is one drug type of the demonstration history: how often it is
// the drug of a case, and the typical and largest quantities seized.
type demoDrug struct {
	code   string
	weight int     // share of cases, in percent
	median float64 // grams (pieces for counted drugs)
	sigma  float64 // spread of the log-normal quantity
	max    float64
	pieces bool    // counted (pills), with a weight per piece
	gram   float64 // grams per piece
}

// demoDrugs follow the proportions of the bilateral conference reports:
// methamphetamine tablets are the most frequent and the most numerous,
// heroin the heaviest by value, then crystal methamphetamine, opium and
// cannabis.
var demoDrugs = []demoDrug{
	{code: "METH_TABLET", weight: 38, median: 1200, sigma: 1.9, max: 2_000_000, pieces: true, gram: 0.1},
	{code: "HEROIN", weight: 24, median: 60, sigma: 1.8, max: 60_000},
	{code: "METH_CRYSTAL", weight: 16, median: 80, sigma: 1.9, max: 120_000},
	{code: "OPIUM", weight: 8, median: 250, sigma: 1.3, max: 30_000},
	{code: "CANNABIS", weight: 7, median: 500, sigma: 1.4, max: 200_000},
	{code: "KETAMINE", weight: 3, median: 50, sigma: 1.5, max: 20_000},
	{code: "MDMA", weight: 2, median: 100, sigma: 1.5, max: 50_000, pieces: true, gram: 0.3},
	{code: "OTHER_MIXED", weight: 2, median: 30, sigma: 1.2, max: 5_000},
}

// DemoHistory generates the demonstration statistics of one country from
// from to to: for each province that has units of that country, a few cases
// a week — more in the provinces on the main trafficking routes — each with
// a drug, a quantity and the persons arrested, placed at a commune or
// district in force on its day (before July 2025 in the old Vietnamese
// provinces). The output depends only on its arguments.
func DemoHistory(r Resolver, country string, origin borderlink.NodeID, from, to borderlink.Date) []Fact {
	type area struct {
		province string
		before   []string // places in force before the reform
		after    []string // and after it
	}
	areas := map[string]*area{}
	reform := borderlink.NewDate(2025, 7, 1)
	for _, u := range r.Tree.Units(country) {
		if u.Level == units.LevelMinistry || u.Level == units.LevelVillage {
			continue
		}
		day := reform
		if !u.ValidTo.IsZero() {
			day = u.ValidTo
		} else if !u.ValidFrom.IsZero() {
			day = u.ValidFrom
		}
		p, err := r.Locate(u.Code, day)
		if err != nil || p.Province == "" {
			continue
		}
		a := areas[p.Province]
		if a == nil {
			a = &area{province: p.Province}
			areas[p.Province] = a
		}
		if u.Level == units.LevelProvince {
			continue
		}
		if u.ActiveOn(reform.AddDays(-1)) {
			a.before = append(a.before, u.Code)
		}
		if u.ActiveOn(reform) || u.ActiveOn(to) {
			a.after = append(a.after, u.Code)
		}
	}
	codes := make([]string, 0, len(areas))
	for c := range areas {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var out []Fact
	total := 0
	for _, d := range demoDrugs {
		total += d.weight
	}
	for _, code := range codes {
		a := areas[code]
		h := fnv.New64a()
		h.Write([]byte(code))
		rng := rand.New(rand.NewPCG(h.Sum64(), 2021))
		// Cases a week: two to seven, by province.
		perWeek := 2 + float64(h.Sum64()%6)
		n := 0
		for day := from; !day.After(to); day = day.AddDays(1) {
			k := poisson(rng, perWeek/7*season(day))
			for range k {
				n++
				f := Fact{ID: fmt.Sprintf("demo:%s:%s:%d", code, day, n), Origin: origin, Source: SourceDemo, Day: day}
				f.Place = r.demoPlace(rng, a.province, a.before, a.after, day, reform)
				f.Agency = demoAgency(rng)
				w := rng.IntN(total)
				d := demoDrugs[0]
				for _, x := range demoDrugs {
					if w < x.weight {
						d = x
						break
					}
					w -= x.weight
				}
				f.Drug = d.code
				q := math.Min(d.max, d.median*math.Exp(d.sigma*rng.NormFloat64()))
				f.Cases = 1
				f.Arrests = int64(1 + poisson(rng, 0.35))
				if d.pieces {
					f.Pieces = int64(math.Max(1, math.Round(q)))
					f.Milligrams = int64(float64(f.Pieces) * d.gram * (0.9 + 0.2*rng.Float64()) * 1000)
				} else {
					f.Milligrams = int64(math.Max(1, q) * 1000)
				}
				p, err := r.Locate(f.Place, day)
				if err != nil {
					continue
				}
				f.Country, f.Province, f.OldProvince = p.Country, p.Province, p.OldProvince
				out = append(out, f)
			}
		}
	}
	return out
}

// demoPlace picks where a demonstration case happened: mostly a commune or
// district in force that day, sometimes the province itself.
func (r Resolver) demoPlace(rng *rand.Rand, province string, before, after []string, day, reform borderlink.Date) string {
	list := after
	if day.Before(reform) {
		list = before
	}
	var live []string
	for _, c := range list {
		if r.Tree.ActiveOn(c, day) {
			live = append(live, c)
		}
	}
	if len(live) > 0 && rng.IntN(10) < 8 {
		return live[rng.IntN(len(live))]
	}
	if r.Tree.ActiveOn(province, day) {
		return province
	}
	for _, code := range r.Tree.Predecessors(province) {
		if r.Tree.ActiveOn(code, day) {
			return code
		}
	}
	if len(live) > 0 {
		return live[0]
	}
	return province
}

func demoAgency(rng *rand.Rand) Agency {
	switch x := rng.IntN(100); {
	case x < 68:
		return AgencyPolice
	case x < 88:
		return AgencyBorderGuard
	case x < 97:
		return AgencyCustoms
	}
	return AgencyOther
}

// season raises the rate before the Lunar New Year and in the dry season,
// when trafficking over the mountain paths peaks.
func season(d borderlink.Date) float64 {
	switch d.Time().Month() {
	case 12, 1, 2:
		return 1.35
	case 3, 4:
		return 1.1
	case 7, 8, 9:
		return 0.8
	}
	return 1
}

// poisson draws from a Poisson distribution of mean lambda (Knuth's
// method; lambda is small here).
func poisson(rng *rand.Rand, lambda float64) int {
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// SeedDemo writes the demonstration history of the node's country from
// from to yesterday, unless demonstration figures are stored already, with
// one audit entry; it returns how many facts it wrote.
func (s *Service) SeedDemo(ctx context.Context, from borderlink.Date) (int, error) {
	n := 0
	err := s.db.Update(ctx, func(tx Tx) error {
		have, err := tx.Stats().FindFacts(ctx, FactQuery{Source: SourceDemo, Limit: 1})
		if err != nil || len(have) > 0 {
			return err
		}
		fs := DemoHistory(s.Resolver(), s.country, s.self, from, s.Today().AddDays(-1))
		if err := tx.Stats().PutFacts(ctx, fs); err != nil {
			return err
		}
		n = len(fs)
		return s.log.RecordBatch(ctx, tx.Audit(), []audit.Entry{{Time: s.clock.Now(), Actor: "system", ActorUnit: "",
			Action: "stats.seed", ObjectType: "stats", ObjectID: s.country, Outcome: audit.OutcomeOK,
			Detail: fmt.Sprintf("demonstration history: %d figures from %s", n, from)}})
	})
	return n, err
}

package units

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/refdata"
)

// SeedOptions chooses what Seed loads.
type SeedOptions struct {
	// Demo adds the generated demonstration districts, communes and
	// villages and their counterpart pairs.
	Demo bool
	// Country limits the seed to "VN" or "LA"; "" seeds both. A pair is
	// written once both its units exist, so seeding one country and then
	// the other gives the same result as seeding both.
	Country string
}

// Seed loads the reference directory embedded in package refdata (see
// reference) and, with opts.Demo, the demonstration units (see demo). It is
// idempotent: records equal to the stored ones are not written, and a unit
// that was imported from CSV is never overwritten. When anything changed it
// records one audit entry (action unit.seed, actor "system") whose detail
// counts the records created, updated and unchanged. It returns EInvalid
// (error.unknown_country) for a country other than VN or LA.
func (s *Service) Seed(ctx context.Context, opts SeedOptions) error {
	country := NormalizeCode(opts.Country)
	if country != "" && country != "VN" && country != "LA" {
		return invalid("error.unknown_country", fmt.Sprintf("unknown country %q", opts.Country), "code", opts.Country)
	}
	a, err := refdata.AdminUnits()
	if err != nil {
		return fmt.Errorf("units: seed: %w", err)
	}
	want, err := reference(a)
	if err != nil {
		return err
	}
	what := "reference"
	if opts.Demo {
		d := demo(want)
		want.Units = append(want.Units, d.Units...)
		want.Counterparts = append(want.Counterparts, d.Counterparts...)
		what = "reference and demo"
	}
	if country != "" {
		want = want.only(country)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := country
	if id == "" {
		id = "VN,LA"
	}
	_, err = s.apply(ctx, want, applyOptions{
		entry: audit.Entry{Actor: "system", Action: "unit.seed", ObjectType: "unit", ObjectID: id,
			Outcome: audit.OutcomeOK, Detail: what + " data: "},
		keepImported: true,
	})
	return err
}

// only returns the records of d that belong to country; pairs are kept
// whole (apply writes those whose units exist).
func (d Data) only(country string) Data {
	out := Data{Counterparts: d.Counterparts, Aliases: d.Aliases}
	for _, c := range d.Countries {
		if c.Code == country {
			out.Countries = append(out.Countries, c)
		}
	}
	for _, l := range d.Levels {
		if l.Country == country {
			out.Levels = append(out.Levels, l)
		}
	}
	for _, u := range d.Units {
		if u.Country == country {
			out.Units = append(out.Units, u)
		}
	}
	return out
}

// BuiltIn returns the directory Seed loads — the reference data and, with
// demo, the demonstration units — without touching a database, for tests,
// benchmarks and tools that need the real hierarchy.
func BuiltIn(demoUnits bool) (Data, error) {
	a, err := refdata.AdminUnits()
	if err != nil {
		return Data{}, fmt.Errorf("units: built-in data: %w", err)
	}
	d, err := reference(a)
	if err != nil {
		return Data{}, err
	}
	if demoUnits {
		x := demo(d)
		d.Units = append(d.Units, x.Units...)
		d.Counterparts = append(d.Counterparts, x.Counterparts...)
	}
	d.Aliases = isoAliases()
	return d, nil
}

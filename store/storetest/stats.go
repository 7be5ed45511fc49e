package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/store"
)

func testStats(t *testing.T, o Opener) {
	t.Run("RoundTrip", func(t *testing.T) { testStatsRoundTrip(t, o) })
	t.Run("SumsMatchFacts", func(t *testing.T) { testStatsSums(t, o) })
	t.Run("Visibility", func(t *testing.T) { testStatsVisibility(t, o) })
	t.Run("BadQueries", func(t *testing.T) { testStatsBadQueries(t, o) })
}

func stUpdate(t *testing.T, s store.Store, fn func(r stats.Repo) error) {
	t.Helper()
	if err := s.Update(context.Background(), func(tx store.Tx) error { return fn(tx.Stats()) }); err != nil {
		t.Fatal(err)
	}
}

func stSum(t *testing.T, s store.Store, q stats.Query) []stats.Row {
	t.Helper()
	var rows []stats.Row
	err := s.View(context.Background(), func(tx store.Tx) error {
		var err error
		rows, err = tx.Stats().Sum(context.Background(), q)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func stFact(id, day, prov, old, agency, drug string, tot stats.Totals) stats.Fact {
	country := prov[:2]
	return stats.Fact{ID: id, Origin: "vn.mps", Source: stats.SourceRecord, Day: borderlink.MustParseDate(day),
		Place: prov, Country: country, Province: prov, OldProvince: old, Agency: stats.Agency(agency), Drug: drug, Totals: tot}
}

// whole is the one row of an ungrouped sum, or zero when there is none.
func whole(rows []stats.Row) stats.Row {
	if len(rows) == 0 {
		return stats.Row{}
	}
	return rows[0]
}

func testStatsRoundTrip(t *testing.T, o Opener) {
	s := o.Open(t)
	ctx := context.Background()
	a := stFact("rec:a", "2025-03-10", "VN-44", "VN-44-2004", "police", "HEROIN", stats.Totals{Cases: 1, Milligrams: 2_500_000})
	a.Batch, a.Place = "b1", "VN-44-2004"
	b := stFact("rec:b", "2025-03-31", "VN-44", "VN-45-2004", "border_guard", "METH_TABLET", stats.Totals{Pieces: 12000, Milligrams: 1_200_000})
	stUpdate(t, s, func(r stats.Repo) error { return r.PutFacts(ctx, []stats.Fact{a, b}) })

	var got []stats.Fact
	err := s.View(ctx, func(tx store.Tx) error {
		var err error
		got, err = tx.Stats().Facts(ctx, []string{"rec:a", "rec:none"})
		return err
	})
	if err != nil || len(got) != 1 {
		t.Fatalf("Facts = %v, %v; want the one stored", got, err)
	}
	g := got[0]
	if g.ID != a.ID || g.Day != a.Day || g.Place != a.Place || g.OldProvince != a.OldProvince || g.Batch != "b1" ||
		g.Totals != a.Totals || g.Agency != a.Agency || g.Drug != a.Drug || g.Recorded.IsZero() {
		t.Errorf("stored %+v, read back %+v", a, g)
	}

	q := stats.Query{From: borderlink.MustParseDate("2025-01-01"), To: borderlink.MustParseDate("2025-12-31")}
	if w := whole(stSum(t, s, q)); w.Facts != 2 || w.Milligrams != 3_700_000 || w.Pieces != 12000 || w.Cases != 1 {
		t.Errorf("sum of two facts = %+v", w)
	}
	// Storing a fact again replaces it: the sums change by the difference.
	a.Totals = stats.Totals{Cases: 1, Milligrams: 500_000}
	a.Day = borderlink.MustParseDate("2025-04-02")
	stUpdate(t, s, func(r stats.Repo) error { return r.PutFacts(ctx, []stats.Fact{a}) })
	if w := whole(stSum(t, s, q)); w.Facts != 2 || w.Milligrams != 1_700_000 {
		t.Errorf("after replacing a fact: %+v", w)
	}
	march := stats.Query{From: borderlink.MustParseDate("2025-03-01"), To: borderlink.MustParseDate("2025-03-31")}
	if w := whole(stSum(t, s, march)); w.Facts != 1 || w.Milligrams != 1_200_000 {
		t.Errorf("March after moving a fact to April: %+v", w)
	}
	var n int
	stUpdate(t, s, func(r stats.Repo) error {
		var err error
		n, err = r.DeleteFacts(ctx, []string{"rec:a", "rec:b", "rec:none"})
		return err
	})
	if n != 2 {
		t.Errorf("DeleteFacts = %d, want 2", n)
	}
	if rows := stSum(t, s, stats.Query{From: q.From, To: q.To, By: []stats.Column{stats.ByDrug}}); len(rows) != 0 {
		t.Errorf("after deleting every fact the roll-ups still hold %+v", rows)
	}
	var found []stats.Fact
	err = s.View(ctx, func(tx store.Tx) error {
		var err error
		found, err = tx.Stats().FindFacts(ctx, stats.FactQuery{Limit: 10})
		return err
	})
	if err != nil || len(found) != 0 {
		t.Errorf("FindFacts after deleting all = %v, %v", found, err)
	}
}

// testStatsSums stores random facts over two years and checks many random
// questions — partial and whole months, every filter and grouping —
// against sums computed from the facts themselves.
func testStatsSums(t *testing.T, o Opener) {
	s := o.Open(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 11))
	provs := [][2]string{{"VN-44", "VN-44-2004"}, {"VN-44", "VN-45-2004"}, {"VN-40", "VN-40"}, {"LA-PH", "LA-PH"}, {"VN-44", ""}}
	agencies := []string{"police", "border_guard", "customs"}
	drugs := []string{"HEROIN", "METH_TABLET", "OPIUM", ""}
	start := borderlink.MustParseDate("2024-11-15")
	var facts []stats.Fact
	for i := range 1500 {
		p := provs[rng.IntN(len(provs))]
		f := stFact(fmt.Sprintf("rec:%04d", i), start.AddDays(rng.IntN(600)).String(), p[0], p[1],
			agencies[rng.IntN(len(agencies))], drugs[rng.IntN(len(drugs))],
			stats.Totals{Cases: int64(rng.IntN(3)), Arrests: int64(rng.IntN(4)), Milligrams: rng.Int64N(5_000_000_000),
				Pieces: rng.Int64N(100_000), Millilitre: rng.Int64N(1000), SquareM: rng.Int64N(500)})
		facts = append(facts, f)
	}
	// Stored in three transactions, the last replacing a third of the first.
	stUpdate(t, s, func(r stats.Repo) error { return r.PutFacts(ctx, facts[:700]) })
	stUpdate(t, s, func(r stats.Repo) error { return r.PutFacts(ctx, facts[700:]) })
	for i := 0; i < 700; i += 3 {
		facts[i].Totals.Milligrams += 1000
		facts[i].Day = facts[i].Day.AddDays(rng.IntN(40) - 20)
	}
	var again []stats.Fact
	for i := 0; i < 700; i += 3 {
		again = append(again, facts[i])
	}
	stUpdate(t, s, func(r stats.Repo) error { return r.PutFacts(ctx, again) })
	var gone []string
	for i := 1; i < len(facts); i += 10 {
		gone = append(gone, facts[i].ID)
	}
	stUpdate(t, s, func(r stats.Repo) error { _, err := r.DeleteFacts(ctx, gone); return err })
	live := slices.DeleteFunc(slices.Clone(facts), func(f stats.Fact) bool { return slices.Contains(gone, f.ID) })

	groupings := [][]stats.Column{nil, {stats.ByDrug}, {stats.ByProvince, stats.ByOldProvince}, {stats.ByMonth},
		{stats.ByYear, stats.ByAgency}, {stats.ByCountry, stats.ByDrug, stats.ByMonth}}
	for i := range 60 {
		from := start.AddDays(rng.IntN(620) - 10)
		q := stats.Query{From: from, To: from.AddDays(rng.IntN(400)), By: groupings[i%len(groupings)]}
		if i%5 == 1 {
			q.Provinces = []stats.ProvinceFilter{{Code: "VN-44"}}
		}
		if i%5 == 2 {
			q.Provinces = []stats.ProvinceFilter{{Code: "VN-45-2004", Old: true}, {Code: "VN-40"}}
		}
		if i%4 == 3 {
			q.Drugs, q.Agencies = []string{"HEROIN", ""}, []stats.Agency{"police", "customs"}
		}
		if i%7 == 4 {
			q.Countries = []string{"LA"}
		}
		if i%6 == 5 { // whole months exactly
			q.From = borderlink.NewDate(from.Time().Year(), from.Time().Month(), 1)
			q.To = borderlink.DateOf(q.From.Time().AddDate(0, 3, -1))
		}
		want := bruteSum(live, q)
		got := map[string]stats.Row{}
		for _, r := range stSum(t, s, q) {
			got[rowKey(r)] = r
		}
		if len(got) != len(want) {
			t.Errorf("query %d %+v: %d groups, want %d", i, q, len(got), len(want))
		}
		for k, w := range want {
			if g := got[k]; g != w {
				t.Errorf("query %d %+v group %q:\n got %+v\nwant %+v", i, q, k, g, w)
			}
		}
	}
}

func rowKey(r stats.Row) string {
	return strings.Join([]string{r.Drug, string(r.Agency), r.Country, r.Province, r.OldProvince, r.Month, r.Year}, "|")
}

func bruteSum(fs []stats.Fact, q stats.Query) map[string]stats.Row {
	out := map[string]stats.Row{}
	for _, f := range fs {
		if f.Day.Before(q.From) || f.Day.After(q.To) ||
			(len(q.Countries) > 0 && !slices.Contains(q.Countries, f.Country)) ||
			(len(q.Drugs) > 0 && !slices.Contains(q.Drugs, f.Drug)) ||
			(len(q.Agencies) > 0 && !slices.Contains(q.Agencies, f.Agency)) {
			continue
		}
		if len(q.Provinces) > 0 && !slices.ContainsFunc(q.Provinces, func(p stats.ProvinceFilter) bool {
			return (!p.Old && f.Province == p.Code) || (p.Old && f.OldProvince == p.Code)
		}) {
			continue
		}
		if v := q.Visible; v != nil && !slices.Contains(v.Countries, f.Country) && !slices.Contains(v.Provinces, f.Province) {
			continue
		}
		var r stats.Row
		for _, c := range q.By {
			switch c {
			case stats.ByDrug:
				r.Drug = f.Drug
			case stats.ByAgency:
				r.Agency = f.Agency
			case stats.ByCountry:
				r.Country = f.Country
			case stats.ByProvince:
				r.Province = f.Province
			case stats.ByOldProvince:
				r.OldProvince = f.OldProvince
			case stats.ByMonth:
				r.Month = f.Day.String()[:7]
			case stats.ByYear:
				r.Year = f.Day.String()[:4]
			}
		}
		k := rowKey(r)
		x := out[k]
		x.Drug, x.Agency, x.Country, x.Province, x.OldProvince, x.Month, x.Year = r.Drug, r.Agency, r.Country, r.Province, r.OldProvince, r.Month, r.Year
		x.Facts++
		x.Totals = x.Totals.Add(f.Totals)
		out[k] = x
	}
	return out
}

func testStatsVisibility(t *testing.T, o Opener) {
	s := o.Open(t)
	ctx := context.Background()
	fs := []stats.Fact{
		stFact("rec:1", "2026-01-05", "VN-40", "VN-40", "police", "HEROIN", stats.Totals{Milligrams: 1}),
		stFact("rec:2", "2026-01-05", "VN-42", "VN-42", "police", "HEROIN", stats.Totals{Milligrams: 10}),
		stFact("rel:3", "2026-01-05", "LA-HO", "LA-HO", "police", "HEROIN", stats.Totals{Milligrams: 100}),
	}
	stUpdate(t, s, func(r stats.Repo) error { return r.PutFacts(ctx, fs) })
	q := stats.Query{From: borderlink.MustParseDate("2026-01-01"), To: borderlink.MustParseDate("2026-01-31"),
		Visible: &stats.Visibility{Countries: []string{"LA"}, Provinces: []string{"VN-40"}}}
	if w := whole(stSum(t, s, q)); w.Milligrams != 101 {
		t.Errorf("visible to a Nghệ An analyst: %d mg, want 101 (Nghệ An and the released Lao figure)", w.Milligrams)
	}
	q.Visible = &stats.Visibility{}
	if rows := stSum(t, s, q); len(rows) != 0 {
		t.Errorf("nothing visible, yet %+v", rows)
	}
}

func testStatsBadQueries(t *testing.T, o Opener) {
	s := o.Open(t)
	ctx := context.Background()
	for _, q := range []stats.Query{
		{},
		{From: borderlink.MustParseDate("2026-02-01"), To: borderlink.MustParseDate("2026-01-01")},
		{From: borderlink.MustParseDate("2026-01-01"), To: borderlink.MustParseDate("2026-02-01"), By: []stats.Column{"drug; DROP TABLE stat_facts"}},
	} {
		err := s.View(ctx, func(tx store.Tx) error { _, err := tx.Stats().Sum(ctx, q); return err })
		if err == nil {
			t.Errorf("Sum(%+v) did not fail", q)
		}
	}
}

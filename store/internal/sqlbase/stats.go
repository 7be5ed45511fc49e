package sqlbase

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/stats"
)

// statsRepo implements stats.Repo. Facts live in stat_facts; stat_daily and
// stat_monthly hold their sums by roll-up key and are changed by the
// difference in the statement batch that changes the facts.
type statsRepo struct{ t *Tx }

const factCols = `id, origin, source, day, place, country, province, old_province, agency, drug, batch,
	cases, arrests, milligrams, pieces, millilitres, square_m, recorded`

// chunk is how many rows go into one multi-row statement: 18 columns × 200
// rows stays under every engine's limit on bound values.
const chunk = 200

func scanFact(sc scanner) (stats.Fact, error) {
	var f stats.Fact
	var day, agency string
	var recorded int64
	err := sc.Scan(&f.ID, &f.Origin, &f.Source, &day, &f.Place, &f.Country, &f.Province, &f.OldProvince, &agency, &f.Drug, &f.Batch,
		&f.Cases, &f.Arrests, &f.Milligrams, &f.Pieces, &f.Millilitre, &f.SquareM, &recorded)
	if err != nil {
		return f, err
	}
	if f.Day, err = borderlink.ParseDate(day); err != nil {
		return f, fmt.Errorf("fact %s: %w", f.ID, err)
	}
	f.Agency, f.Recorded = stats.Agency(agency), FromMicros(recorded)
	return f, nil
}

func (r statsRepo) Facts(ctx context.Context, ids []string) ([]stats.Fact, error) {
	var out []stats.Fact
	for part := range slices.Chunk(ids, 500) {
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		fs, err := queryAll(ctx, r.t, "stats facts", scanFact,
			`SELECT `+factCols+` FROM stat_facts WHERE id IN (`+placeholders(len(part))+`)`, args...)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	return out, nil
}

func (r statsRepo) FindFacts(ctx context.Context, q stats.FactQuery) ([]stats.Fact, error) {
	var conds []string
	var args []any
	add := func(c string, a any) { conds, args = append(conds, c), append(args, a) }
	if q.Origin != "" {
		add("origin = ?", string(q.Origin))
	}
	if q.Source != "" {
		add("source = ?", q.Source)
	}
	if q.Batch != "" {
		add("batch = ?", q.Batch)
	}
	if q.Prefix != "" {
		add("substr(id, 1, ?) = ?", len(q.Prefix))
		args = append(args, q.Prefix)
	}
	if !q.From.IsZero() {
		add("day >= ?", q.From.String())
	}
	if !q.To.IsZero() {
		add("day <= ?", q.To.String())
	}
	stmt := `SELECT ` + factCols + ` FROM stat_facts`
	if len(conds) > 0 {
		stmt += ` WHERE ` + strings.Join(conds, " AND ")
	}
	stmt, args = limitOffset(stmt+` ORDER BY day, id`, args, q.Limit, 0)
	return queryAll(ctx, r.t, "find stats facts", scanFact, stmt, args...)
}

// delta is a change to one roll-up row.
type delta struct {
	facts int64
	stats.Totals
}

type deltas map[stats.Key]delta

func (d deltas) add(f stats.Fact, sign int64) {
	x := d[f.Key()]
	x.facts += sign
	if sign < 0 {
		x.Totals = x.Totals.Add(f.Totals.Neg())
	} else {
		x.Totals = x.Totals.Add(f.Totals)
	}
	d[f.Key()] = x
}

func (r statsRepo) PutFacts(ctx context.Context, fs []stats.Fact) error {
	if len(fs) == 0 {
		return nil
	}
	// The last of several facts with one id wins, as if stored in turn.
	byID := make(map[string]int, len(fs))
	for i, f := range fs {
		byID[f.ID] = i
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	old, err := r.Facts(ctx, ids)
	if err != nil {
		return err
	}
	d := deltas{}
	for _, f := range old {
		d.add(f, -1)
	}
	now := Micros(time.Now())
	rows := make([]stats.Fact, 0, len(byID))
	for i, f := range fs {
		if byID[f.ID] != i {
			continue
		}
		if f.Recorded.IsZero() {
			f.Recorded = FromMicros(now)
		}
		rows = append(rows, f)
		d.add(f, 1)
	}
	for part := range slices.Chunk(rows, chunk) {
		args := make([]any, 0, len(part)*18)
		for _, f := range part {
			args = append(args, f.ID, string(f.Origin), f.Source, f.Day.String(), f.Place, f.Country, f.Province, f.OldProvince,
				string(f.Agency), f.Drug, f.Batch, f.Cases, f.Arrests, f.Milligrams, f.Pieces, f.Millilitre, f.SquareM, Micros(f.Recorded))
		}
		_, err := r.t.Exec(ctx, `INSERT INTO stat_facts (`+factCols+`) VALUES `+rowsOf(len(part), 18)+`
			ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, source = excluded.source, day = excluded.day,
			place = excluded.place, country = excluded.country, province = excluded.province,
			old_province = excluded.old_province, agency = excluded.agency, drug = excluded.drug, batch = excluded.batch,
			cases = excluded.cases, arrests = excluded.arrests, milligrams = excluded.milligrams, pieces = excluded.pieces,
			millilitres = excluded.millilitres, square_m = excluded.square_m, recorded = excluded.recorded`, args...)
		if err != nil {
			return wrap("put stats facts", err)
		}
	}
	return r.apply(ctx, d)
}

func (r statsRepo) DeleteFacts(ctx context.Context, ids []string) (int, error) {
	old, err := r.Facts(ctx, ids)
	if err != nil || len(old) == 0 {
		return 0, err
	}
	d := deltas{}
	for part := range slices.Chunk(old, 500) {
		args := make([]any, len(part))
		for i, f := range part {
			args[i] = f.ID
			d.add(f, -1)
		}
		if _, err := r.t.Exec(ctx, `DELETE FROM stat_facts WHERE id IN (`+placeholders(len(part))+`)`, args...); err != nil {
			return 0, wrap("delete stats facts", err)
		}
	}
	return len(old), r.apply(ctx, d)
}

// apply changes the daily and monthly roll-ups by d, and removes the rows
// that no fact is summed into any more.
func (r statsRepo) apply(ctx context.Context, d deltas) error {
	monthly := map[stats.Key]delta{}
	for k, x := range d {
		if x == (delta{}) {
			continue
		}
		mk := k
		mk.Day = borderlink.NewDate(k.Day.Time().Year(), k.Day.Time().Month(), 1)
		m := monthly[mk]
		m.facts += x.facts
		m.Totals = m.Totals.Add(x.Totals)
		monthly[mk] = m
	}
	for _, tbl := range []struct {
		name, col string
		rows      map[stats.Key]delta
		key       func(borderlink.Date) string
	}{
		{"stat_daily", "day", d, func(d borderlink.Date) string { return d.String() }},
		{"stat_monthly", "month", monthly, func(d borderlink.Date) string { return d.String()[:7] }},
	} {
		keys := make([]stats.Key, 0, len(tbl.rows))
		var emptied []stats.Key
		for k, x := range tbl.rows {
			if x == (delta{}) {
				continue
			}
			keys = append(keys, k)
			if x.facts < 0 {
				emptied = append(emptied, k)
			}
		}
		for part := range slices.Chunk(keys, chunk) {
			args := make([]any, 0, len(part)*13)
			for _, k := range part {
				x := tbl.rows[k]
				args = append(args, tbl.key(k.Day), k.Country, k.Province, k.OldProvince, string(k.Agency), k.Drug,
					x.facts, x.Cases, x.Arrests, x.Milligrams, x.Pieces, x.Millilitre, x.SquareM)
			}
			n := tbl.name
			_, err := r.t.Exec(ctx, `INSERT INTO `+n+` (`+tbl.col+`, country, province, old_province, agency, drug,
				facts, cases, arrests, milligrams, pieces, millilitres, square_m) VALUES `+rowsOf(len(part), 13)+`
				ON CONFLICT (`+tbl.col+`, country, province, old_province, agency, drug) DO UPDATE SET
				facts = `+n+`.facts + excluded.facts, cases = `+n+`.cases + excluded.cases,
				arrests = `+n+`.arrests + excluded.arrests, milligrams = `+n+`.milligrams + excluded.milligrams,
				pieces = `+n+`.pieces + excluded.pieces, millilitres = `+n+`.millilitres + excluded.millilitres,
				square_m = `+n+`.square_m + excluded.square_m`, args...)
			if err != nil {
				return wrap("update "+n, err)
			}
		}
		for _, k := range emptied {
			_, err := r.t.Exec(ctx, `DELETE FROM `+tbl.name+` WHERE `+tbl.col+` = ? AND country = ? AND province = ?
				AND old_province = ? AND agency = ? AND drug = ? AND facts <= 0`,
				tbl.key(k.Day), k.Country, k.Province, k.OldProvince, string(k.Agency), k.Drug)
			if err != nil {
				return wrap("prune "+tbl.name, err)
			}
		}
	}
	return nil
}

// rowsOf returns n parenthesised groups of cols placeholders.
func rowsOf(n, cols int) string {
	one := "(" + placeholders(cols) + ")"
	return strings.TrimSuffix(strings.Repeat(one+",", n), ",")
}

// Sum reads whole months from stat_monthly and the days at either end of
// the period that do not make a whole month from stat_daily, so that a
// question over years reads a few rows per month.
func (r statsRepo) Sum(ctx context.Context, q stats.Query) ([]stats.Row, error) {
	if q.From.IsZero() || q.To.IsZero() || q.To.Before(q.From) {
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.stats_period",
			"the period has no start, no end, or ends before it starts")
	}
	for _, c := range q.By {
		if !slices.Contains(stats.Columns(), c) {
			return nil, fmt.Errorf("store: stats sum: unknown column %q", c)
		}
	}
	var filter []string
	var fargs []any
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		filter = append(filter, col+" IN ("+placeholders(len(vals))+")")
		for _, v := range vals {
			fargs = append(fargs, v)
		}
	}
	in("country", q.Countries)
	in("agency", agencyStrings(q.Agencies))
	in("drug", q.Drugs)
	if len(q.Provinces) > 0 {
		var alts []string
		for _, p := range q.Provinces {
			col := "province"
			if p.Old {
				col = "old_province"
			}
			alts = append(alts, col+" = ?")
			fargs = append(fargs, p.Code)
		}
		filter = append(filter, "("+strings.Join(alts, " OR ")+")")
	}
	if v := q.Visible; v != nil {
		if len(v.Countries)+len(v.Provinces) == 0 {
			return nil, nil
		}
		var alts []string
		if len(v.Countries) > 0 {
			alts = append(alts, "country IN ("+placeholders(len(v.Countries))+")")
			for _, c := range v.Countries {
				fargs = append(fargs, c)
			}
		}
		if len(v.Provinces) > 0 {
			alts = append(alts, "province IN ("+placeholders(len(v.Provinces))+")")
			for _, c := range v.Provinces {
				fargs = append(fargs, c)
			}
		}
		filter = append(filter, "("+strings.Join(alts, " OR ")+")")
	}

	var parts []string
	var args []any
	part := func(table string, exprs []string, sign, cond string, cargs ...any) {
		conds := append([]string{cond}, filter...)
		vals := []string{"facts", "cases", "arrests", "milligrams", "pieces", "millilitres", "square_m"}
		for i := range vals {
			vals[i] = sign + vals[i]
		}
		parts = append(parts, "SELECT "+strings.Join(append(exprs, vals...), ", ")+" FROM "+table+
			" WHERE "+strings.Join(conds, " AND "))
		args = append(append(args, cargs...), fargs...)
	}
	pl := planPeriod(q.From, q.To)
	if !pl.firstMonth.IsZero() {
		part("stat_monthly", groupExprs(q.By, "month"), "", "month >= ? AND month <= ?", pl.firstMonth.String()[:7], pl.lastMonth.String()[:7])
	}
	for _, d := range []struct {
		sign   string
		ranges [][2]borderlink.Date
	}{{"", pl.add}, {"-", pl.sub}} {
		// One part per range rather than ranges OR-ed together: each is
		// then a plain range scan of the key (PostgreSQL reads an OR of
		// ranges through the heap).
		for _, r := range d.ranges {
			part("stat_daily", groupExprs(q.By, "day"), d.sign, "day >= ? AND day <= ?", r[0].String(), r[1].String())
		}
	}

	var gs []string
	for i := range q.By {
		gs = append(gs, fmt.Sprintf("g%d", i))
	}
	sel := ""
	if len(gs) > 0 {
		sel = strings.Join(gs, ", ") + ", "
	}
	stmt := "SELECT " + sel + `CAST(COALESCE(SUM(facts), 0) AS BIGINT), CAST(COALESCE(SUM(cases), 0) AS BIGINT),
		CAST(COALESCE(SUM(arrests), 0) AS BIGINT), CAST(COALESCE(SUM(milligrams), 0) AS BIGINT),
		CAST(COALESCE(SUM(pieces), 0) AS BIGINT), CAST(COALESCE(SUM(millilitres), 0) AS BIGINT),
		CAST(COALESCE(SUM(square_m), 0) AS BIGINT) FROM (` + strings.Join(parts, " UNION ALL ") + `) u`
	if len(gs) > 0 {
		stmt += " GROUP BY " + strings.Join(gs, ", ")
	}
	// Days taken away from a month leave groups with nothing in them.
	stmt += " HAVING COALESCE(SUM(facts), 0) <> 0"
	rows, err := queryAll(ctx, r.t, "stats sum", func(sc scanner) (stats.Row, error) {
		var row stats.Row
		keys := make([]string, len(q.By))
		dest := make([]any, 0, len(keys)+7)
		for i := range keys {
			dest = append(dest, &keys[i])
		}
		dest = append(dest, &row.Facts, &row.Cases, &row.Arrests, &row.Milligrams, &row.Pieces, &row.Millilitre, &row.SquareM)
		if err := sc.Scan(dest...); err != nil {
			return row, err
		}
		for i, c := range q.By {
			setColumn(&row, c, keys[i])
		}
		return row, nil
	}, stmt, args...)
	if err != nil {
		return nil, err
	}
	if len(q.By) == 0 && len(rows) == 1 && rows[0].Facts == 0 {
		return nil, nil
	}
	return rows, nil
}

// periodPlan says how a period is read from the roll-ups: the months
// firstMonth to lastMonth from stat_monthly, plus the days of add and minus
// the days of sub from stat_daily. A month the period only partly covers
// is read by its days, or — when the period covers most of it — as the
// whole month less the days outside the period, whichever reads fewer
// days; so at most about a fortnight of days is read at each end.
type periodPlan struct {
	firstMonth, lastMonth borderlink.Date // zero: no month
	add, sub              [][2]borderlink.Date
}

func planPeriod(from, to borderlink.Date) periodPlan {
	var pl periodPlan
	useMonth := func(m borderlink.Date) {
		if pl.firstMonth.IsZero() || m.Before(pl.firstMonth) {
			pl.firstMonth = m
		}
		if pl.lastMonth.IsZero() || m.After(pl.lastMonth) {
			pl.lastMonth = m
		}
	}
	ft := from.Time()
	for m := borderlink.NewDate(ft.Year(), ft.Month(), 1); !m.After(to); m = borderlink.DateOf(m.Time().AddDate(0, 1, 0)) {
		mEnd := borderlink.DateOf(m.Time().AddDate(0, 1, -1))
		a, b := m, mEnd
		if from.After(a) {
			a = from
		}
		if to.Before(b) {
			b = to
		}
		days := int(b.Time().Sub(a.Time()).Hours()/24) + 1
		month := int(mEnd.Time().Sub(m.Time()).Hours()/24) + 1
		switch {
		case days == month:
			useMonth(m)
		case month-days < days:
			useMonth(m)
			if a.After(m) {
				pl.sub = append(pl.sub, [2]borderlink.Date{m, a.AddDays(-1)})
			}
			if b.Before(mEnd) {
				pl.sub = append(pl.sub, [2]borderlink.Date{b.AddDays(1), mEnd})
			}
		default:
			pl.add = append(pl.add, [2]borderlink.Date{a, b})
		}
	}
	return pl
}

// groupExprs returns the select expressions of the grouped columns for a
// roll-up table whose period column is period ("day" or "month").
func groupExprs(by []stats.Column, period string) []string {
	out := make([]string, len(by))
	for i, c := range by {
		var e string
		switch c {
		case stats.ByMonth:
			e = "substr(" + period + ", 1, 7)"
		case stats.ByYear:
			e = "substr(" + period + ", 1, 4)"
		default:
			e = string(c) // drug, agency, country, province, old_province
		}
		out[i] = e + fmt.Sprintf(" AS g%d", i)
	}
	return out
}

func setColumn(row *stats.Row, c stats.Column, v string) {
	switch c {
	case stats.ByDrug:
		row.Drug = v
	case stats.ByAgency:
		row.Agency = stats.Agency(v)
	case stats.ByCountry:
		row.Country = v
	case stats.ByProvince:
		row.Province = v
	case stats.ByOldProvince:
		row.OldProvince = v
	case stats.ByMonth:
		row.Month = v
	case stats.ByYear:
		row.Year = v
	}
}

func agencyStrings(as []stats.Agency) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = string(a)
	}
	return out
}

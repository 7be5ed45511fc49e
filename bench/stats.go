package bench

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/node"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/stats/importer"
	"github.com/borderlink/borderlink/stats/report"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/units"
)

// StatsOptions say what `borderlink bench stats` measures.
type StatsOptions struct {
	Dir         string
	Engines     []string
	PostgresURL string
	Records     int // synthetic seizure records to load
	Queries     int // dashboard questions to time
	ImportRows  int // rows of the CSV and XLSX files imported (0: none)
	Out         io.Writer
}

// StatsResult holds the figures of one engine.
type StatsResult struct {
	Engine           string
	Records          int
	LoadPerSec       float64
	DashP50, DashP95 time.Duration // a whole dashboard: the period and the previous one
	DashMax          time.Duration
	Report           time.Duration // the conference report of a year, rendered and written as XLSX
	ImportRows       int           // rows of each imported file
	CSVPerSec        float64       // import of a CSV file: read, checked and committed
	XLSXPerSec       float64       // the same rows as a workbook
	HeapMiB, RSSMiB  float64       // memory of the process after the questions (peak RSS)
	Months           int
}

// loadBatch is how many records go into one transaction while loading.
const loadBatch = 5000

// Stats loads synthetic records into a fresh node per engine, asks random
// dashboard questions and produces conference reports, and prints a table.
func Stats(ctx context.Context, o StatsOptions) ([]StatsResult, error) {
	var out []StatsResult
	for _, e := range o.Engines {
		fmt.Fprintf(o.Out, "%s: loading %d records…\n", e, o.Records)
		r, err := statsOn(ctx, e, o)
		if err != nil {
			return out, fmt.Errorf("bench stats on %s: %w", e, err)
		}
		out = append(out, r)
	}
	printStats(o.Out, out)
	return out, nil
}

func statsOn(ctx context.Context, engine string, o StatsOptions) (StatsResult, error) {
	r := StatsResult{Engine: engine, Records: o.Records}
	p, err := newPair(ctx, o.Dir, engine, o.PostgresURL)
	if err != nil {
		return r, err
	}
	defer p.close()
	n := p.vn
	gen := newGenerator(n)
	start := time.Now()
	for done := 0; done < o.Records; {
		k := min(loadBatch, o.Records-done)
		fs := gen.facts(done, k)
		if err := n.Store.Update(ctx, func(tx store.Tx) error { return tx.Stats().PutFacts(ctx, fs) }); err != nil {
			return r, fmt.Errorf("load: %w", err)
		}
		done += k
		if done%(loadBatch*100) == 0 {
			fmt.Fprintf(o.Out, "  %d records, %.0f/s\n", done, float64(done)/time.Since(start).Seconds())
		}
	}
	r.LoadPerSec = float64(o.Records) / time.Since(start).Seconds()
	if err := settle(ctx, n); err != nil {
		return r, err
	}

	analyst := auth.System("bench")
	rng := rand.New(rand.NewPCG(3, 5))
	var took []time.Duration
	for i := range o.Queries {
		f := gen.question(rng, i)
		t0 := time.Now()
		if _, err := n.Stats.Summary(ctx, analyst, f); err != nil {
			return r, fmt.Errorf("dashboard %+v: %w", f, err)
		}
		took = append(took, time.Since(t0))
	}
	slices.Sort(took)
	r.DashP50, r.DashP95, r.DashMax = quantile(took, 0.5), quantile(took, 0.95), took[len(took)-1]

	f := stats.Filter{From: borderlink.NewDate(2025, 1, 1), To: borderlink.NewDate(2025, 12, 31), Provinces: conferenceProvinces}
	t0 := time.Now()
	rep, err := n.Stats.Report(ctx, analyst, f)
	if err != nil {
		return r, err
	}
	doc := report.Render(rep, n.Catalog.Printer(borderlink.LangVI), n.Units.Tree(), n.Stats.Drugs(), "vn.mps", time.Now())
	if err := report.WriteXLSX(io.Discard, doc); err != nil {
		return r, err
	}
	r.Report = time.Since(t0)

	if r.ImportRows = o.ImportRows; r.ImportRows > 0 {
		csvData, xlsxData, err := importFiles(n, r.ImportRows)
		if err != nil {
			return r, err
		}
		for _, f := range []struct {
			name string
			data []byte
			rate *float64
		}{{"bench.csv", csvData, &r.CSVPerSec}, {"bench.xlsx", xlsxData, &r.XLSXPerSec}} {
			t0 := time.Now()
			rep, err := n.Import.Import(ctx, analyst, importer.Request{Name: f.name, Data: f.data})
			if err != nil {
				return r, fmt.Errorf("import %s: %w", f.name, err)
			}
			if !rep.Committed || rep.Bad > 0 {
				return r, fmt.Errorf("import %s: %d bad rows, first %+v", f.name, rep.Bad, rep.Problems[:min(1, len(rep.Problems))])
			}
			*f.rate = float64(rep.Rows) / time.Since(t0).Seconds()
		}
	}

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.HeapMiB = float64(ms.HeapInuse) / (1 << 20)
	r.RSSMiB = peakRSS()
	return r, nil
}

// importFiles writes rows of a provincial spreadsheet of 2024 — every
// day, the Vietnamese border provinces by name, agencies and drugs by
// their Vietnamese names — as CSV and as XLSX.
func importFiles(n *node.Node, rows int) (csvData, xlsxData []byte, err error) {
	head := []string{"Ngày", "Tỉnh", "Lực lượng", "Loại ma túy", "Số vụ", "Số đối tượng", "Khối lượng", "Đơn vị tính", "Số hiệu"}
	provs := []string{"Điện Biên", "Sơn La", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị"}
	agencies := []string{"Công an", "Biên phòng", "Hải quan"}
	drugs := [][2]string{{"Heroin", "kg"}, {"Ma túy đá", "kg"}, {"Thuốc phiện", "g"}, {"Cần sa", "kg"}}
	var cb bytes.Buffer
	cw := csv.NewWriter(&cb)
	cw.Write(head)
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return nil, nil, err
	}
	cells := func(r []string) []any {
		out := make([]any, len(r))
		for i, v := range r {
			out[i] = v
		}
		return out
	}
	sw.SetRow("A1", cells(head))
	day := borderlink.NewDate(2024, 1, 1)
	for i := range rows {
		d := drugs[i%len(drugs)]
		r := []string{day.AddDays(i % 366).Time().Format("02/01/2006"), provs[i%len(provs)], agencies[i%len(agencies)], d[0],
			strconv.Itoa(1 + i%3), strconv.Itoa(1 + i%4), strconv.Itoa(1+i%50) + "," + strconv.Itoa(i%10), d[1], "B" + strconv.Itoa(i)}
		cw.Write(r)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, cells(r)); err != nil {
			return nil, nil, err
		}
	}
	cw.Flush()
	if err := sw.Flush(); err != nil {
		return nil, nil, err
	}
	var xb bytes.Buffer
	if _, err := f.WriteTo(&xb); err != nil {
		return nil, nil, err
	}
	return cb.Bytes(), xb.Bytes(), nil
}

// settle brings the database to the state a running node reaches on its
// own after a bulk load: on PostgreSQL, autovacuum marks the roll-ups'
// pages all-visible (which lets a period be read from the index alone) and
// refreshes the planner's statistics; the benchmark does it at once rather
// than wait for it. SQLite needs nothing.
func settle(ctx context.Context, n *node.Node) error {
	if n.Store.Engine() != Postgres {
		return nil
	}
	db, err := openRaw(n, 1)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM (ANALYZE) stat_daily, stat_monthly, stat_facts"); err != nil {
		return fmt.Errorf("bench: vacuum: %w", err)
	}
	return nil
}

// conferenceProvinces are the eight facing provinces of the northern
// bilateral conference.
var conferenceProvinces = []string{"VN-11", "VN-14", "VN-38", "VN-40", "LA-02", "LA-06", "LA-07", "LA-09"}

// generator makes synthetic seizure records over ten years, in every
// province of both countries in force on their day, resolved as the
// statistics resolve them.
type generator struct {
	n       *node.Node
	from    borderlink.Date
	days    int
	before  []stats.Place // provinces in force before the 2025 reform, with their keys
	after   []stats.Place
	placeOf map[stats.Place]string
}

func newGenerator(n *node.Node) *generator {
	g := &generator{n: n, from: borderlink.NewDate(2016, 1, 1), placeOf: map[stats.Place]string{}}
	g.days = int(borderlink.NewDate(2026, 10, 31).Time().Sub(g.from.Time()).Hours() / 24)
	res := n.Stats.Resolver()
	reform := borderlink.NewDate(2025, 7, 1)
	for _, u := range n.Units.Tree().Units("") {
		if u.Level != units.LevelProvince {
			continue
		}
		for _, era := range []struct {
			day  borderlink.Date
			list *[]stats.Place
		}{{reform.AddDays(-1), &g.before}, {reform, &g.after}} {
			if !u.ActiveOn(era.day) {
				continue
			}
			pl, err := res.Locate(u.Code, era.day)
			if err != nil {
				continue
			}
			*era.list = append(*era.list, pl)
			g.placeOf[pl] = u.Code
		}
	}
	return g
}

var benchDrugs = []string{"METH_TABLET", "METH_TABLET", "METH_TABLET", "HEROIN", "HEROIN", "METH_CRYSTAL", "OPIUM", "CANNABIS", "KETAMINE", "MDMA"}

// facts returns records first to first+k-1.
func (g *generator) facts(first, k int) []stats.Fact {
	rng := rand.New(rand.NewPCG(uint64(first), 17))
	reform := borderlink.NewDate(2025, 7, 1)
	out := make([]stats.Fact, k)
	for i := range out {
		day := g.from.AddDays(rng.IntN(g.days))
		list := g.after
		if day.Before(reform) {
			list = g.before
		}
		pl := list[rng.IntN(len(list))]
		f := stats.Fact{ID: "bench:" + strconv.Itoa(first+i), Origin: g.n.Config.NodeID, Source: stats.SourceRecord, Day: day,
			Place: g.placeOf[pl], Country: pl.Country, Province: pl.Province, OldProvince: pl.OldProvince,
			Agency: stats.Agencies()[rng.IntN(3)], Drug: benchDrugs[rng.IntN(len(benchDrugs))]}
		f.Cases, f.Arrests = 1, int64(1+rng.IntN(3))
		q := math.Exp(rng.NormFloat64()*1.8) * 100
		if f.Drug == "METH_TABLET" || f.Drug == "MDMA" {
			f.Pieces, f.Milligrams = int64(q*10)+1, int64(q*1000)+1
		} else {
			f.Milligrams = int64(q*1000) + 1
		}
		out[i] = f
	}
	return out
}

// question is a random dashboard question: a period of a month to three
// years, often with provinces, sometimes with drugs or an agency.
func (g *generator) question(rng *rand.Rand, i int) stats.Filter {
	from := g.from.AddDays(rng.IntN(g.days - 40))
	f := stats.Filter{From: from, To: from.AddDays(28 + rng.IntN(3*365))}
	if f.To.After(borderlink.NewDate(2026, 10, 31)) {
		f.To = borderlink.NewDate(2026, 10, 31)
	}
	if i%3 != 0 {
		k := 1 + rng.IntN(8)
		for range k {
			f.Provinces = append(f.Provinces, conferenceProvinces[rng.IntN(len(conferenceProvinces))])
		}
	}
	if i%4 == 1 {
		f.Drugs = []string{benchDrugs[rng.IntN(len(benchDrugs))]}
	}
	if i%5 == 2 {
		f.Agencies = []stats.Agency{stats.AgencyBorderGuard}
	}
	return f
}

// peakRSS reads the process's peak resident memory from /proc (Linux);
// 0 elsewhere.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}

func printStats(w io.Writer, rs []StatsResult) {
	fmt.Fprintf(w, "\n%-9s %11s %12s %10s %10s %10s %10s %10s %10s %9s %9s\n", "engine", "records", "load/s", "dash p50", "dash p95", "dash max", "report",
		"CSV row/s", "XLSX row/s", "heap MiB", "RSS MiB")
	for _, r := range rs {
		fmt.Fprintf(w, "%-9s %11d %12.0f %10s %10s %10s %10s %10.0f %10.0f %9.0f %9.0f\n", r.Engine, r.Records, r.LoadPerSec,
			r.DashP50.Round(10*time.Microsecond), r.DashP95.Round(10*time.Microsecond), r.DashMax.Round(10*time.Microsecond),
			r.Report.Round(10*time.Microsecond), r.CSVPerSec, r.XLSXPerSec, r.HeapMiB, r.RSSMiB)
	}
	fmt.Fprintln(w, "\ndash: one dashboard (the period by month and the previous period, every breakdown); report: the 2025 conference report of eight provinces, rendered in Vietnamese and written as XLSX; CSV and XLSX: a provincial spreadsheet of --import-rows rows read, checked row by row and committed; RSS is the peak of the whole process, loading included.")
}

package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver, for the raw rate

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/node"
)

// HotlineOptions say what `borderlink bench hotline` measures.
type HotlineOptions struct {
	Dir         string   // scratch directory (removed by the caller)
	Engines     []string // SQLite and/or Postgres
	PostgresURL string   // server for the PostgreSQL runs
	Messages    int      // messages sent for the durable rate
	Senders     int      // officers sending at the same time
	Rate        int      // messages per second of the latency phase
	Duration    time.Duration
	Backlog     int // messages queued behind a cut link, then drained
	Out         io.Writer
}

// HotlineResult holds the figures of one engine.
type HotlineResult struct {
	Engine string
	// Durable single sends: each Send is its own committed transaction
	// (message row, search text, outbox envelope, audit entries and signed
	// checkpoint). RawInserts is the engine's floor: one plain INSERT of a
	// row of the same size per committed transaction, in the same database.
	SendsPerSec, RawInsertsPerSec float64 // Senders at once
	// The same with one sender and one writer.
	SequentialPerSec, RawSequentialPerSec float64
	Senders                               int
	// Cross-border delivery at a steady rate: from the call of Send on
	// vn.mps to the commit of the message on la.mps.
	Sent                               int
	AchievedRate                       float64
	LatencyP50, LatencyP99, LatencyMax time.Duration
	// A backlog queued while the link was cut, drained once it is back.
	Backlog     int
	FillPerSec  float64
	Drain       time.Duration
	DrainPerSec float64
}

// sender is the officer of the Nghệ An provincial police who writes the
// benchmark's messages to the facing Lao province, Houaphanh.
var sender = auth.Principal{Username: "bench", DisplayName: "Nguyễn Văn Hùng", Lang: borderlink.LangVI,
	Grants: []auth.Grant{{Role: auth.RoleOfficer, Unit: "VN-40"}}, Via: auth.ViaSession}

// benchMessage is the i-th message: about the size of a real request.
func benchMessage(i int) hotline.NewMessage {
	return hotline.NewMessage{ToUnit: "LA-07", Priority: hotline.Urgent, Lang: borderlink.LangVI,
		Subject: fmt.Sprintf("Đề nghị xác minh đối tượng số %d", i),
		Body: "Đề nghị Bộ Chỉ huy An ninh tỉnh Hủa Phăn phối hợp xác minh đối tượng nghi vận chuyển ma túy " +
			"qua cửa khẩu Nậm Cắn, đi xe máy biển kiểm soát 37B1-123.45, có hình xăm ở cánh tay trái."}
}

// Hotline runs the hotline benchmark on each engine and prints a table.
func Hotline(ctx context.Context, o HotlineOptions) ([]HotlineResult, error) {
	var out []HotlineResult
	for _, e := range o.Engines {
		fmt.Fprintf(o.Out, "%s: ", e)
		r, err := hotlineOn(ctx, e, o)
		if err != nil {
			return out, fmt.Errorf("bench hotline on %s: %w", e, err)
		}
		fmt.Fprintln(o.Out, "done")
		out = append(out, r)
	}
	printHotline(o.Out, out)
	return out, nil
}

func hotlineOn(ctx context.Context, engine string, o HotlineOptions) (HotlineResult, error) {
	r := HotlineResult{Engine: engine, Senders: max(1, o.Senders)}
	p, err := newPair(ctx, o.Dir, engine, o.PostgresURL)
	if err != nil {
		return r, err
	}
	defer p.close()

	// 1. Durable sends on one node (the link is down: nothing else runs),
	// and raw inserts in the same database.
	p.fed[p.la].halt()
	fmt.Fprint(o.Out, "durable sends… ")
	raw, err := openRaw(p.vn, o.Senders)
	if err != nil {
		return r, err
	}
	defer raw.Close()
	if r.SequentialPerSec, r.RawSequentialPerSec, err = durableRates(ctx, p.vn, raw, o.Messages, 1); err != nil {
		return r, err
	}
	if r.SendsPerSec, r.RawInsertsPerSec, err = durableRates(ctx, p.vn, raw, o.Messages, o.Senders); err != nil {
		return r, err
	}
	// What the first phase queued goes first, before anything is timed.
	if err := p.fed[p.la].start(); err != nil {
		return r, err
	}
	stopRun := runFederation(p.vn, p.la)
	if err := waitApplied(ctx, p, queued(ctx, p), 10*time.Minute); err != nil {
		stopRun()
		return r, err
	}

	// 2. Latency at a steady rate across the border.
	fmt.Fprint(o.Out, "latency… ")
	if err := latency(ctx, p, o, &r); err != nil {
		stopRun()
		return r, err
	}
	stopRun()

	// 3. A backlog behind a cut link, drained when it is restored.
	fmt.Fprint(o.Out, "backlog… ")
	p.fed[p.la].halt()
	rate, err := sendRate(ctx, p.vn, o.Messages, o.Backlog)
	if err != nil {
		return r, err
	}
	r.Backlog, r.FillPerSec = o.Backlog, rate
	target := queued(ctx, p)
	if err := p.fed[p.la].start(); err != nil {
		return r, err
	}
	start := time.Now()
	stopRun = runFederation(p.vn, p.la)
	defer stopRun()
	if err := waitApplied(ctx, p, target, 30*time.Minute); err != nil {
		return r, err
	}
	r.Drain = time.Since(start)
	r.DrainPerSec = float64(o.Backlog) / r.Drain.Seconds()
	return r, nil
}

// sendRate sends n messages one by one, each in its own transaction, and
// returns the rate.
func sendRate(ctx context.Context, n *node.Node, from, count int) (float64, error) {
	start := time.Now()
	for i := range count {
		if _, err := n.Hotline.Send(ctx, sender, benchMessage(from+i)); err != nil {
			return 0, fmt.Errorf("send %d: %w", i, err)
		}
	}
	return float64(count) / time.Since(start).Seconds(), nil
}

// durableRounds is how many alternating rounds of sends and raw inserts
// durableRates measures: a shared machine's disk is fast one minute and
// slow the next, and alternating puts both measures in the same minutes.
const durableRounds = 10

// durableRates measures count hotline sends by workers concurrent senders
// and count raw inserts by as many concurrent writers, in alternating
// rounds, and returns both rates.
func durableRates(ctx context.Context, n *node.Node, raw *sql.DB, count, workers int) (sends, raws float64, err error) {
	if _, err := raw.ExecContext(ctx, `CREATE TABLE bench_raw (id TEXT PRIMARY KEY, body TEXT NOT NULL)`); err != nil {
		return 0, 0, fmt.Errorf("raw table: %w", err)
	}
	insert := `INSERT INTO bench_raw (id, body) VALUES (?, ?)`
	if n.Store.Engine() == Postgres {
		insert = `INSERT INTO bench_raw (id, body) VALUES ($1, $2)`
	}
	m := benchMessage(0)
	body := m.Subject + "\n" + m.Body
	var sendTime, rawTime time.Duration
	done := 0
	for round := range durableRounds {
		k := count/durableRounds + min(1, max(0, count%durableRounds-round))
		d, err := parallel(k, workers, func(i int) error {
			_, err := n.Hotline.Send(ctx, sender, benchMessage(done+i))
			return err
		})
		if err != nil {
			return 0, 0, fmt.Errorf("send: %w", err)
		}
		sendTime += d
		d, err = parallel(k, workers, func(int) error {
			_, err := raw.ExecContext(ctx, insert, borderlink.NewID(), body)
			return err
		})
		if err != nil {
			return 0, 0, fmt.Errorf("raw insert: %w", err)
		}
		rawTime += d
		done += k
	}
	if _, err := raw.ExecContext(ctx, `DROP TABLE bench_raw`); err != nil {
		return 0, 0, fmt.Errorf("raw table: %w", err)
	}
	return float64(done) / sendTime.Seconds(), float64(done) / rawTime.Seconds(), nil
}

// parallel runs fn(0) … fn(count-1) on workers goroutines and returns how
// long it took, or the first error.
func parallel(count, workers int, fn func(i int) error) (time.Duration, error) {
	start := time.Now()
	next := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Go(func() {
			for i := range next {
				if err := fn(i); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for i := range count {
		next <- i
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return 0, err
	default:
	}
	return time.Since(start), nil
}

// openRaw opens the node's database directly with the engine's driver,
// bypassing BorderLink's store, for the raw insert rate: SQLite with the
// same durability settings (WAL, synchronous=FULL) and one writer
// connection, as SQLite allows one writer at a time; PostgreSQL with a
// connection per writer.
func openRaw(n *node.Node, workers int) (*sql.DB, error) {
	if n.Store.Engine() == Postgres {
		db, err := sql.Open("pgx", n.Config.Database)
		if err != nil {
			return nil, err
		}
		db.SetMaxOpenConns(workers)
		return db, nil
	}
	path := strings.TrimPrefix(n.Config.DatabaseURL(), config.SQLiteScheme)
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "busy_timeout(10000)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// runFederation runs the senders of both nodes until the returned function
// is called.
func runFederation(ns ...*node.Node) func() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, n := range ns {
		wg.Go(func() { n.Federation.Run(ctx) })
	}
	return func() { cancel(); wg.Wait() }
}

var mainStream = func(p *pair) federation.StreamKey {
	return federation.StreamKey{Origin: p.vn.Config.NodeID, Destination: p.la.Config.NodeID, Stream: federation.MainStream}
}

// queued returns the sequence number la.mps will have applied once vn.mps's
// outbox towards it is empty.
func queued(ctx context.Context, p *pair) int64 {
	applied, _ := p.la.Federation.Applied(ctx, mainStream(p))
	hs, _ := p.vn.Federation.Health(ctx)
	for _, h := range hs {
		if h.Peer == p.la.Config.NodeID {
			return applied + int64(h.Queue)
		}
	}
	return applied
}

// waitApplied waits until la.mps has applied vn.mps's stream up to seq.
func waitApplied(ctx context.Context, p *pair, seq int64, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		got, err := p.la.Federation.Applied(ctx, mainStream(p))
		if err != nil {
			return err
		}
		if got >= seq {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("la.mps applied %d of %d within %v", got, seq, limit)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// latency sends at o.Rate for o.Duration and times each message from the
// call of Send on vn.mps to its arrival event on la.mps (published after
// the commit that applied it).
func latency(ctx context.Context, p *pair, o HotlineOptions, r *HotlineResult) error {
	sub := p.la.Hotline.Events().SubscribeBuffered(1 << 16)
	defer sub.Close()
	var mu sync.Mutex
	arrived := map[string]time.Time{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev := range sub.C {
			if ev.Type == hotline.EventMessage {
				mu.Lock()
				arrived[ev.MessageID] = time.Now()
				mu.Unlock()
			}
		}
	}()
	total := max(1, int(float64(o.Rate)*o.Duration.Seconds()))
	started := make(map[string]time.Time, total)
	tick := time.NewTicker(time.Second / time.Duration(max(1, o.Rate)))
	defer tick.Stop()
	begin := time.Now()
	for i := range total {
		<-tick.C
		t := time.Now()
		m, err := p.vn.Hotline.Send(ctx, sender, benchMessage(1_000_000+i))
		if err != nil {
			return err
		}
		started[m.ID] = t
	}
	r.Sent = total
	r.AchievedRate = float64(total) / time.Since(begin).Seconds()
	deadline := time.Now().Add(time.Minute)
	for {
		mu.Lock()
		missing := 0
		for id := range started {
			if _, ok := arrived[id]; !ok {
				missing++
			}
		}
		mu.Unlock()
		if missing == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	sub.Close()
	<-done
	if sub.Dropped() > 0 {
		return fmt.Errorf("the event subscription dropped %d events: figures would be wrong", sub.Dropped())
	}
	var lat []time.Duration
	for id, t := range started {
		a, ok := arrived[id]
		if !ok {
			return fmt.Errorf("message %s did not arrive within a minute", id)
		}
		lat = append(lat, a.Sub(t))
	}
	slices.Sort(lat)
	r.LatencyP50, r.LatencyP99, r.LatencyMax = quantile(lat, 0.50), quantile(lat, 0.99), lat[len(lat)-1]
	return nil
}

// quantile returns the q-quantile of sorted d (nearest rank).
func quantile(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	i := int(q*float64(len(d))+0.5) - 1
	return d[min(max(i, 0), len(d)-1)]
}

func printHotline(w io.Writer, rs []HotlineResult) {
	fmt.Fprintln(w)
	for _, r := range rs {
		fmt.Fprintf(w, "engine %s\n", r.Engine)
		fmt.Fprintf(w, "  durable hotline sends, 1 sender        %6.0f /s   raw single-row inserts, 1 writer %6.0f /s   ratio %.2f\n",
			r.SequentialPerSec, r.RawSequentialPerSec, r.SequentialPerSec/r.RawSequentialPerSec)
		fmt.Fprintf(w, "  durable hotline sends, %2d senders      %6.0f /s   raw single-row inserts, %2d writers %5.0f /s   ratio %.2f\n",
			r.Senders, r.SendsPerSec, r.Senders, r.RawInsertsPerSec, r.SendsPerSec/r.RawInsertsPerSec)
		fmt.Fprintln(w, "    (each send: message, search text, signed outbox envelope, audit entry and signed checkpoint, committed;")
		fmt.Fprintln(w, "     each raw insert: one row of the same size through the engine's driver, committed; rounds alternate)")
		fmt.Fprintf(w, "  cross-node latency      p50 %v  p99 %v  max %v   (%d messages at %.0f/s)\n",
			r.LatencyP50.Round(time.Microsecond*100), r.LatencyP99.Round(time.Microsecond*100), r.LatencyMax.Round(time.Microsecond*100), r.Sent, r.AchievedRate)
		fmt.Fprintf(w, "  backlog after link cut  %d messages queued at %.0f/s, drained in %v = %.0f messages/s\n",
			r.Backlog, r.FillPerSec, r.Drain.Round(time.Millisecond), r.DrainPerSec)
	}
}

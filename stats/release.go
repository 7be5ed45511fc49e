package stats

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/units"
)

// Partner figures. A node keeps the figures of its own country; the
// conference report also needs the partner's. The partner releases them
// explicitly, a month per envelope: the sums of its facts by province (both
// keys), agency and drug — aggregates, never the records behind them. The
// receiving node keeps each released month as facts of the partner's
// origin, dated on the month's last day, and a new release of a month
// replaces the old one whole.

// KindRelease is the envelope kind of a released month of statistics.
const KindRelease = "stats.release"

const (
	releaseSchema     = 1
	maxReleasePayload = 1 << 20
	// MaxReleaseMonths bounds one release (ten years).
	MaxReleaseMonths = 120
	maxReleaseRows   = 5000
)

// wireRelease is the payload of KindRelease.
type wireRelease struct {
	Country  string    `json:"country"`
	Month    string    `json:"month"` // "2025-03"
	Released time.Time `json:"released"`
	Rows     []wireRow `json:"rows"`
}

type wireRow struct {
	Province    string `json:"province"`
	OldProvince string `json:"old_province"`
	Agency      Agency `json:"agency"`
	Drug        string `json:"drug"`
	Facts       int64  `json:"facts"`
	Totals
}

// Outbox puts envelopes into the transactional outbox
// (*federation.Service implements it).
type Outbox interface {
	Send(ctx context.Context, repo federation.Repo, dest borderlink.NodeID, kind string, payload any) (federation.Envelope, error)
	Kick(dest borderlink.NodeID)
	NodeFor(ctx context.Context, unitAndAncestors []string) (borderlink.NodeID, bool, error)
}

// ReleaseTx is the transaction a release is written in: the figures, the
// outbox and the audit log.
type ReleaseTx interface {
	Tx
	Federation() federation.Repo
}

// ReleaseDB runs release transactions.
type ReleaseDB interface {
	Update(ctx context.Context, fn func(ReleaseTx) error) error
}

// RegisterKinds declares the release envelope to the federation.
func (s *Service) RegisterKinds(reg *federation.Registry) error {
	return reg.Register(federation.Kind{Name: KindRelease, Schema: releaseSchema, Releasable: true,
		MaxPayload: maxReleasePayload, Apply: s.applyEnvelope})
}

// ministry is the code of a country's ministry unit.
func ministry(country string) string { return country + "-MPS" }

// partnerCountry is the other country of the border.
func (s *Service) partnerCountry() string {
	if s.country == "VN" {
		return "LA"
	}
	return "VN"
}

// Release sends this node's figures of the whole months from from to to
// (inclusive; days are ignored) to the node of the partner ministry, one
// envelope per month, and returns how many months went. Releasing the
// whole country's figures needs stats.read over the ministry; it is
// audited. Errors: EForbidden, EInvalid (a period too long or reversed, a
// month not yet over), EUnavailable (no node serves the partner ministry).
func (s *Service) Release(ctx context.Context, p auth.Principal, from, to borderlink.Date) (int, error) {
	db, outbox := s.releaseDB, s.outbox
	if db == nil || outbox == nil {
		return 0, borderlink.Errorf(borderlink.EUnavailable, "error.stats_release_no_peer",
			"this node has no federation to release figures through", "unit", ministry(s.partnerCountry()))
	}
	tree := s.units.Tree()
	if !p.CanIn(auth.PermStatsRead, ministry(s.country), tree) {
		return 0, borderlink.Errorf(borderlink.EForbidden, "error.stats_release_forbidden",
			"releasing the country's figures needs stats.read over the ministry", "unit", ministry(s.country))
	}
	first := borderlink.NewDate(from.Time().Year(), from.Time().Month(), 1)
	last := borderlink.NewDate(to.Time().Year(), to.Time().Month(), 1)
	today := s.Today()
	if from.IsZero() || to.IsZero() || last.Before(first) {
		return 0, borderlink.Errorf(borderlink.EInvalid, "error.stats_period_reversed",
			"the period ends before it starts", "from", from.String(), "to", to.String())
	}
	if !last.Before(borderlink.NewDate(today.Time().Year(), today.Time().Month(), 1)) {
		return 0, borderlink.Errorf(borderlink.EInvalid, "error.stats_release_month_open",
			"only months that are over can be released", "month", last.String()[:7])
	}
	var months []borderlink.Date
	for m := first; !last.Before(m); m = borderlink.DateOf(m.Time().AddDate(0, 1, 0)) {
		months = append(months, m)
	}
	if len(months) > MaxReleaseMonths {
		return 0, borderlink.Errorf(borderlink.EInvalid, "error.stats_release_long", "at most ten years can be released at once")
	}
	dest, ok, err := outbox.NodeFor(ctx, []string{ministry(s.partnerCountry())})
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, borderlink.Errorf(borderlink.EUnavailable, "error.stats_release_no_peer",
			"no peer node serves the partner ministry", "unit", ministry(s.partnerCountry()))
	}
	now := s.clock.Now()
	err = db.Update(ctx, func(tx ReleaseTx) error {
		rows := 0
		for _, m := range months {
			end := borderlink.DateOf(m.Time().AddDate(0, 1, -1))
			sums, err := tx.Stats().Sum(ctx, Query{From: m, To: end, Countries: []string{s.country},
				By: []Column{ByProvince, ByOldProvince, ByAgency, ByDrug}})
			if err != nil {
				return err
			}
			w := wireRelease{Country: s.country, Month: m.String()[:7], Released: now, Rows: make([]wireRow, 0, len(sums))}
			for _, r := range sums {
				w.Rows = append(w.Rows, wireRow{Province: r.Province, OldProvince: r.OldProvince, Agency: r.Agency, Drug: r.Drug,
					Facts: r.Facts, Totals: r.Totals})
			}
			rows += len(w.Rows)
			if _, err := outbox.Send(ctx, tx.Federation(), dest, KindRelease, w); err != nil {
				return fmt.Errorf("stats: release %s: %w", w.Month, err)
			}
		}
		return s.log.Record(ctx, tx.Audit(), Entry(p, "stats.release", first.String()[:7]+"/"+last.String()[:7],
			fmt.Sprintf("released %d months (%d rows) to %s", len(months), rows, dest)))
	})
	if err != nil {
		return 0, err
	}
	outbox.Kick(dest)
	return len(months), nil
}

// applyEnvelope stores a released month from a partner, replacing the
// month it released before.
func (s *Service) applyEnvelope(ctx context.Context, txAny any, e federation.Envelope) error {
	tx, ok := txAny.(Tx)
	if !ok {
		return fmt.Errorf("stats: apply %s: transaction %T is not a stats.Tx", e.ID, txAny)
	}
	var w wireRelease
	dec := json.NewDecoder(bytes.NewReader(e.Payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil || dec.More() {
		return federation.Reject(federation.ReasonPayload, "stats.release: malformed payload")
	}
	facts, err := s.releasedFacts(e.Origin, w)
	if err != nil {
		return federation.Reject(federation.ReasonPayload, "stats.release "+w.Month+": "+err.Error())
	}
	prefix := "rel:" + string(e.Origin) + ":" + w.Month + ":"
	old, err := tx.Stats().FindFacts(ctx, FactQuery{Prefix: prefix, Limit: maxReleaseRows + 1})
	if err != nil {
		return err
	}
	ids := make([]string, len(old))
	for i, f := range old {
		ids[i] = f.ID
	}
	if _, err := tx.Stats().DeleteFacts(ctx, ids); err != nil {
		return err
	}
	if err := tx.Stats().PutFacts(ctx, facts); err != nil {
		return err
	}
	return s.log.RecordBatch(ctx, tx.Audit(), []audit.Entry{{Time: s.clock.Now(), Actor: "peer:" + string(e.Origin),
		Action: "stats.receive", ObjectType: "stats", ObjectID: w.Country + "/" + w.Month, Outcome: audit.OutcomeOK,
		Detail: fmt.Sprintf("%d rows released by %s", len(facts), e.Origin)}})
}

// releasedFacts checks a released month and turns it into facts.
func (s *Service) releasedFacts(origin borderlink.NodeID, w wireRelease) ([]Fact, error) {
	if w.Country == s.country || (w.Country != "VN" && w.Country != "LA") {
		return nil, fmt.Errorf("figures of country %q cannot come from a partner", w.Country)
	}
	m, err := borderlink.ParseDate(w.Month + "-01")
	if err != nil || len(w.Month) != 7 {
		return nil, fmt.Errorf("bad month %q", w.Month)
	}
	if len(w.Rows) > maxReleaseRows {
		return nil, fmt.Errorf("%d rows, more than %d", len(w.Rows), maxReleaseRows)
	}
	day := borderlink.DateOf(m.Time().AddDate(0, 1, -1))
	if day.After(s.Today()) || m.Before(Earliest) {
		return nil, fmt.Errorf("month %s is not over or is before 1990", w.Month)
	}
	tree := s.units.Tree()
	isProvince := func(code string) bool {
		u, err := tree.Get(code)
		return err == nil && u.Level == units.LevelProvince && u.Country == w.Country
	}
	seen := map[string]bool{}
	out := make([]Fact, 0, len(w.Rows))
	for _, r := range w.Rows {
		if r.Province != "" && !isProvince(r.Province) || r.OldProvince != "" && !isProvince(r.OldProvince) {
			return nil, fmt.Errorf("unknown province %q/%q", r.Province, r.OldProvince)
		}
		if !r.Agency.Valid() {
			return nil, fmt.Errorf("unknown agency %q", r.Agency)
		}
		if _, ok := s.drugs.Type(r.Drug); r.Drug != "" && !ok {
			return nil, fmt.Errorf("unknown drug %q", r.Drug)
		}
		t := r.Totals
		if r.Facts < 0 || t.Cases < 0 || t.Arrests < 0 || t.Milligrams < 0 || t.Pieces < 0 || t.Millilitre < 0 || t.SquareM < 0 {
			return nil, fmt.Errorf("negative figure")
		}
		id := "rel:" + string(origin) + ":" + w.Month + ":" + strings.Join([]string{r.Province, r.OldProvince, string(r.Agency), r.Drug}, ":")
		if seen[id] {
			return nil, fmt.Errorf("row %s twice", id)
		}
		seen[id] = true
		place := r.Province
		if place == "" {
			place = r.OldProvince
		}
		if place == "" {
			place = ministry(w.Country)
		}
		out = append(out, Fact{ID: id, Origin: origin, Source: SourceRelease, Day: day, Place: place, Country: w.Country,
			Province: r.Province, OldProvince: r.OldProvince, Agency: r.Agency, Drug: r.Drug, Totals: t, Recorded: w.Released})
	}
	return out, nil
}

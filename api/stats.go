package api

import (
	"net/http"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/stats"
)

// statRow is a row of sums as the API gives it: the stored integers and,
// for reading, the weight in kilograms and the volume in litres.
type statRow struct {
	stats.Row
	Kilograms float64 `json:"kilograms"`
	Litres    float64 `json:"litres"`
}

func statRows(rows []stats.Row) []statRow {
	out := make([]statRow, len(rows))
	for i, r := range rows {
		out[i] = statRow{Row: r, Kilograms: r.Kilograms(), Litres: float64(r.Millilitre) / 1000}
	}
	return out
}

type seizureTable struct {
	Filter stats.Filter   `json:"filter"`
	By     []stats.Column `json:"by"`
	Rows   []statRow      `json:"rows"`
}

// statsFilter reads the filter of a statistics question from the query.
func (a *API) statsFilter(r *http.Request) (stats.Filter, error) {
	return stats.ParseFilter(r.URL.Query(), borderlink.DateOf(a.Clock.Now()))
}

// statsSeizures answers GET /api/v1/stats/seizures: sums for the filter,
// grouped by the columns of by (default drug).
func (a *API) statsSeizures(w http.ResponseWriter, r *http.Request) {
	f, err := a.statsFilter(r)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	by := []stats.Column{stats.ByDrug}
	if s := r.URL.Query().Get("by"); s != "" {
		if by, err = stats.ParseColumns(s); err != nil {
			a.Error(w, r, err)
			return
		}
	}
	rows, err := a.Stats.Sum(r.Context(), principal(r), f, by...)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, seizureTable{Filter: f, By: by, Rows: statRows(rows)})
}

// statsSummary answers GET /api/v1/stats/summary: the totals and the
// breakdowns by drug, province, agency, country and month, each with the
// previous period of the same length.
func (a *API) statsSummary(w http.ResponseWriter, r *http.Request) {
	f, err := a.statsFilter(r)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	s, err := a.Stats.Summary(r.Context(), principal(r), f)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if s.ByDrug == nil {
		s.ByDrug = []stats.Figures{}
	}
	if s.ByProvince == nil {
		s.ByProvince = []stats.Figures{}
	}
	if s.ByAgency == nil {
		s.ByAgency = []stats.Figures{}
	}
	if s.ByCountry == nil {
		s.ByCountry = []stats.Figures{}
	}
	if s.ByMonth == nil {
		s.ByMonth = []stats.Row{}
	}
	writeJSON(w, http.StatusOK, s)
}

type releaseRequest struct {
	From string `json:"from"` // YYYY-MM or YYYY-MM-DD
	To   string `json:"to"`
}

type releaseAnswer struct {
	Months int `json:"months"`
}

// statsRelease answers POST /api/v1/stats/release: the node's figures of
// the whole months from..to go to the partner ministry's node.
func (a *API) statsRelease(w http.ResponseWriter, r *http.Request) {
	var req releaseRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		a.Error(w, r, err)
		return
	}
	from, err := stats.ParseMonth(req.From)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	to, err := stats.ParseMonth(req.To)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	n, err := a.Stats.Release(r.Context(), principal(r), from, to)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, releaseAnswer{Months: n})
}

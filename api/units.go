package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/units"
)

// unitDate reads the "date" parameter (YYYY-MM-DD): the day the hierarchy is
// taken on. Absent means every unit, whatever its dates.
func unitDate(r *http.Request) (borderlink.Date, error) {
	return borderlink.ParseDate(r.URL.Query().Get("date"))
}

type unitList struct {
	Units []units.Unit `json:"units"`
	Total int          `json:"total"`
}

// listUnits answers GET /api/v1/units?country=&level=&parent=&date=&q=&limit=.
func (a *API) listUnits(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d, err := unitDate(r)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	limit, err := intParam(r, "limit", 0)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	t := a.Units.Tree()
	var list []units.Unit
	switch {
	case q.Get("q") != "":
		n := limit
		if n == 0 {
			n = 50
		}
		list = t.Search(q.Get("q"), httpx.From(r).Lang, n)
	case q.Get("parent") != "":
		p, err := t.Get(q.Get("parent"))
		if err != nil {
			a.Error(w, r, err)
			return
		}
		list = t.Children(p.Code, d)
	default:
		c := strings.ToUpper(q.Get("country"))
		if c != "" {
			if _, ok := t.Country(c); !ok {
				a.Error(w, r, borderlink.Errorf(borderlink.EInvalid, "error.unknown_country", "unknown country "+c, "code", c))
				return
			}
		}
		list = t.Units(c)
	}
	out := make([]units.Unit, 0, len(list))
	for _, u := range list {
		if !d.IsZero() && !u.ActiveOn(d) {
			continue
		}
		if l := q.Get("level"); l != "" && u.Level != l {
			continue
		}
		if c := strings.ToUpper(q.Get("country")); c != "" && u.Country != c {
			continue
		}
		out = append(out, u)
	}
	total := len(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	writeJSON(w, http.StatusOK, unitList{Units: out, Total: total})
}

type unitDetail struct {
	units.Unit
	Children     []string            `json:"children"`
	Predecessors []string            `json:"predecessors"`
	Counterparts []units.Counterpart `json:"counterparts"`
}

// getUnit answers GET /api/v1/units/{code}; the code may be an alias such as
// LA-PH.
func (a *API) getUnit(w http.ResponseWriter, r *http.Request) {
	t := a.Units.Tree()
	u, err := t.Get(r.PathValue("code"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	d := unitDetail{Unit: u, Children: []string{}, Predecessors: t.Predecessors(u.Code), Counterparts: t.Counterparts(u.Code, borderlink.Date{})}
	for _, c := range t.Children(u.Code, borderlink.Date{}) {
		d.Children = append(d.Children, c.Code)
	}
	if d.Predecessors == nil {
		d.Predecessors = []string{}
	}
	if d.Counterparts == nil {
		d.Counterparts = []units.Counterpart{}
	}
	writeJSON(w, http.StatusOK, d)
}

// listLevels answers GET /api/v1/levels?country=&date=.
func (a *API) listLevels(w http.ResponseWriter, r *http.Request) {
	d, err := unitDate(r)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	t := a.Units.Tree()
	q := strings.ToUpper(r.URL.Query().Get("country"))
	if _, ok := t.Country(q); q != "" && !ok {
		a.Error(w, r, borderlink.Errorf(borderlink.EInvalid, "error.unknown_country", "unknown country "+q, "code", q))
		return
	}
	out := []units.Level{}
	for _, c := range t.Countries() {
		if q != "" && q != c.Code {
			continue
		}
		out = append(out, t.Levels(c.Code, d)...)
	}
	writeJSON(w, http.StatusOK, map[string]any{"levels": out})
}

// listCounterparts answers GET /api/v1/counterparts?date=&level=&unit=.
func (a *API) listCounterparts(w http.ResponseWriter, r *http.Request) {
	d, err := unitDate(r)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	t := a.Units.Tree()
	var list []units.Counterpart
	if code := r.URL.Query().Get("unit"); code != "" {
		u, err := t.Get(code)
		if err != nil {
			a.Error(w, r, err)
			return
		}
		list = t.Counterparts(u.Code, d)
	} else {
		list = t.AllCounterparts(d)
	}
	out := []units.Counterpart{}
	for _, c := range list {
		if l := r.URL.Query().Get("level"); l == "" || c.Level == l {
			out = append(out, c)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"counterparts": out})
}

// importUnits answers POST /api/v1/units/import with a CSV body (see
// docs/units.md). Nothing is stored unless every row is valid; the report
// lists every bad row.
//
// Unit lists are national reference data: only an administrator whose
// grant is at a ministry may import them.
func (a *API) importUnits(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	if !nationalGrant(*in.Principal, a.Units.Tree()) {
		a.Error(w, r, borderlink.Errorf(borderlink.EForbidden, "error.import_national", "only a national administrator may import units"))
		return
	}
	rep, err := a.Units.ImportCSV(r.Context(), in.Principal.Username, r.Body)
	if err != nil {
		if rep.Rejected() {
			writeJSON(w, http.StatusUnprocessableEntity, a.importReport(r, rep))
			return
		}
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			err = httpx.BodyError(err)
		}
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a.importReport(r, rep))
}

// nationalGrant reports whether p holds units.import at a ministry (a unit
// with no parent).
func nationalGrant(p auth.Principal, t *units.Tree) bool {
	if p.Unrestricted() {
		return true
	}
	for _, code := range p.ScopeUnits(auth.PermUnitsImport) {
		if u, err := t.Get(code); err == nil && u.Parent == "" {
			return true
		}
	}
	return false
}

type importProblem struct {
	Line    int    `json:"line"`
	Unit    string `json:"unit,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

type importBody struct {
	Rows      int             `json:"rows"`
	Created   int             `json:"created"`
	Updated   int             `json:"updated"`
	Unchanged int             `json:"unchanged"`
	Problems  []importProblem `json:"problems"`
}

// importReport renders the report with each problem in the caller's language.
func (a *API) importReport(r *http.Request, rep units.ImportReport) importBody {
	p := a.printer(r)
	b := importBody{Rows: rep.Rows, Created: rep.Created, Updated: rep.Updated, Unchanged: rep.Unchanged, Problems: []importProblem{}}
	for _, pr := range rep.Problems {
		b.Problems = append(b.Problems, importProblem{Line: pr.Line, Unit: pr.Unit, Code: pr.Code, Message: p.Err(pr.Err())})
	}
	return b
}

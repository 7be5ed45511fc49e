package web

import (
	"net/http"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/api"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/httpx"
)

type grantView struct {
	Role, Unit, Code string
}

type tile struct {
	Href, Label, Value string
}

type entryView struct {
	Seq                               int64
	Time, Actor, Unit, Action, Object string
	Outcome, OutcomeClass, Source     string
}

type homeView struct {
	Grants       []grantView
	Counterparts []unitRef
	Tiles        []tile
	Recent       []entryView
	Alerts       []alertView
}

// home is the start page. What it shows depends on the roles: every user
// sees their units and the counterpart units across the border; admins see
// account figures, auditors the latest audit entries.
func (wb *Web) home(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	p := *in.Principal
	t := wb.Units.Tree()
	today := borderlink.DateOf(wb.Clock.Now())
	var v homeView
	seen := map[string]bool{}
	for _, g := range p.Grants {
		name := g.Unit
		if u, err := t.Get(g.Unit); err == nil {
			name = u.Name.In(in.Lang)
		}
		v.Grants = append(v.Grants, grantView{Role: in.P.T("role." + string(g.Role)), Unit: name, Code: g.Unit})
		for _, c := range t.Counterparts(g.Unit, today) {
			o := c.Other(g.Unit)
			if seen[o] {
				continue
			}
			seen[o] = true
			if u, err := t.Get(o); err == nil {
				v.Counterparts = append(v.Counterparts, unitRef{Code: u.Code, Name: u.Name.In(in.Lang)})
			}
		}
	}
	if p.Can(auth.PermHotlineRead) && wb.Hotline != nil {
		if n, err := wb.Hotline.CountUnread(r.Context(), p); err == nil {
			v.Tiles = append(v.Tiles, tile{Href: "/hotline", Label: in.P.T("home.hotline_unread"), Value: in.P.Int(int64(n))})
		}
		if alerts, err := wb.Hotline.Alerts(r.Context(), p); err == nil {
			v.Tiles = append(v.Tiles, tile{Href: "/hotline", Label: in.P.T("home.hotline_alerts"), Value: in.P.Int(int64(len(alerts)))})
			for i, a := range alerts {
				if i == 5 {
					break
				}
				v.Alerts = append(v.Alerts, wb.alertView(in, a))
			}
		}
	}
	if p.Can(auth.PermUnitsRead) {
		n := 0
		for _, c := range t.Countries() {
			for _, u := range t.Units(c.Code) {
				if u.ActiveOn(today) {
					n++
				}
			}
		}
		v.Tiles = append(v.Tiles, tile{Href: "/units", Label: in.P.T("home.units_active"), Value: in.P.Int(int64(n))})
	}
	if p.Can(auth.PermUsersRead) {
		if _, total, err := wb.Accounts.ListUsers(r.Context(), p, auth.UserFilter{Limit: 1}); err == nil {
			v.Tiles = append(v.Tiles, tile{Href: "/users", Label: in.P.T("home.users_in_scope"), Value: in.P.Int(int64(total))})
		}
	}
	if p.Can(auth.PermAuditRead) {
		f := audit.Filter{Units: api.AuditScope(p, t), Limit: 8}
		if entries, total, err := audit.List(r.Context(), wb.AuditDB, f); err == nil {
			v.Tiles = append(v.Tiles, tile{Href: "/audit", Label: in.P.T("home.audit_entries"), Value: in.P.Int(int64(total))})
			for _, e := range entries {
				v.Recent = append(v.Recent, wb.entryView(in, e))
			}
		}
	}
	wb.render(w, r, http.StatusOK, "home", &page{Title: in.P.T("home.title"), Nav: "home", Data: v})
}

func (wb *Web) entryView(in *httpx.Info, e audit.Entry) entryView {
	obj := e.ObjectType
	if e.ObjectID != "" {
		obj += " " + e.ObjectID
	}
	class := map[string]string{audit.OutcomeOK: "ok", audit.OutcomeDenied: "denied", audit.OutcomeFailed: "error"}[e.Outcome]
	return entryView{Seq: e.Seq, Time: in.P.DateTime(e.Time), Actor: e.Actor, Unit: e.ActorUnit, Action: e.Action,
		Object: obj, Outcome: in.P.T("audit.outcome_" + e.Outcome), OutcomeClass: class, Source: e.Source}
}

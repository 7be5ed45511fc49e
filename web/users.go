package web

import (
	"net/http"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/httpx"
)

type userRow struct {
	Username, DisplayName   string
	Roles, Units, FirstUnit string
	Status, StatusClass     string
	Active                  bool
	MFA, Created            string
}

type usersView struct {
	Query    string
	Roles    []option
	Statuses []option
	Users    []userRow
	Pager    *pager
}

func (wb *Web) userRow(in *httpx.Info, u auth.User) userRow {
	row := userRow{Username: u.Username, DisplayName: u.DisplayName, Active: u.Status == auth.StatusActive,
		Created: in.P.DateTime(u.Created)}
	var roles, unitNames []string
	t := wb.Units.Tree()
	for _, g := range u.Grants {
		roles = append(roles, in.P.T("role."+string(g.Role)))
		name := g.Unit
		if un, err := t.Get(g.Unit); err == nil {
			name = un.Name.In(in.Lang) + " (" + g.Unit + ")"
		}
		unitNames = append(unitNames, name)
		if row.FirstUnit == "" {
			row.FirstUnit = g.Unit
		}
	}
	row.Roles, row.Units = strings.Join(roles, ", "), strings.Join(unitNames, ", ")
	switch {
	case u.Status != auth.StatusActive:
		row.Status, row.StatusClass = in.P.T("users.status_disabled"), "disabled"
	case !u.LockedUntil.IsZero():
		row.Status, row.StatusClass = in.P.T("users.status_locked"), "locked"
	default:
		row.Status, row.StatusClass = in.P.T("users.status_active"), "active"
	}
	row.MFA = in.P.T("users.mfa_off")
	if u.MFA {
		row.MFA = in.P.T("users.mfa_on")
	}
	return row
}

func roleOptions(in *httpx.Info, selected string) []option {
	var out []option
	for _, r := range auth.Roles() {
		out = append(out, option{Value: string(r), Label: in.P.T("role." + string(r)), Selected: string(r) == selected})
	}
	return out
}

// usersPage lists the accounts inside the signed-in user's units.
func (wb *Web) usersPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	q := r.URL.Query()
	f := auth.UserFilter{Query: q.Get("q"), Role: auth.Role(q.Get("role")), Status: auth.Status(q.Get("status")), Limit: 50}
	f.Offset = atoiOr(q.Get("offset"), 0)
	users, total, err := wb.Accounts.ListUsers(r.Context(), *in.Principal, f)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	if err := wb.record(r, audit.Entry{Action: "user.list", ObjectType: "user", ObjectID: r.URL.RawQuery, Outcome: audit.OutcomeOK}); err != nil {
		wb.Error(w, r, err)
		return
	}
	v := usersView{Query: f.Query, Roles: roleOptions(in, q.Get("role"))}
	for _, s := range []auth.Status{auth.StatusActive, auth.StatusDisabled} {
		v.Statuses = append(v.Statuses, option{Value: string(s), Label: in.P.T("users.status_" + string(s)), Selected: q.Get("status") == string(s)})
	}
	for _, u := range users {
		v.Users = append(v.Users, wb.userRow(in, u))
	}
	v.Pager = newPager(in, r.URL, f.Offset, f.Limit, total)
	wb.render(w, r, http.StatusOK, "users", &page{Title: in.P.T("users.title"), Nav: "users", Data: v})
}

type newUserView struct {
	Username, DisplayName, Unit string
	Roles                       []option
	Units                       []option
}

func (wb *Web) newUserForm(in *httpx.Info, v newUserView, role string) newUserView {
	v.Roles = roleOptions(in, role)
	t := wb.Units.Tree()
	for _, code := range t.Subtree(in.Principal.ScopeUnits(auth.PermUsersManage)...) {
		if u, err := t.Get(code); err == nil && u.ActiveOn(borderlink.DateOf(wb.Clock.Now())) && u.Level != "village" && u.Level != "commune" {
			v.Units = append(v.Units, option{Value: u.Code, Label: u.Name.In(in.Lang)})
		}
	}
	return v
}

func (wb *Web) newUserPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	wb.render(w, r, http.StatusOK, "user_new", &page{Title: in.P.T("users.add"), Nav: "users",
		Data: wb.newUserForm(in, newUserView{Unit: in.Principal.Unit()}, string(auth.RoleOfficer))})
}

// createUser creates the account with a generated password, shown once on
// the next page.
func (wb *Web) createUser(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	lang, _ := borderlink.ParseLang(r.PostFormValue("lang"))
	nu := auth.NewUser{Username: r.PostFormValue("username"), DisplayName: r.PostFormValue("display_name"),
		Role: auth.Role(r.PostFormValue("role")), Unit: r.PostFormValue("unit"), Lang: lang, Password: auth.GeneratePassword()}
	u, err := wb.Accounts.CreateUser(r.Context(), *in.Principal, nu)
	if err != nil {
		v := wb.newUserForm(in, newUserView{Username: nu.Username, DisplayName: nu.DisplayName, Unit: nu.Unit}, string(nu.Role))
		wb.render(w, r, httpx.Status(borderlink.ErrorCode(err)), "user_new", &page{Title: in.P.T("users.add"), Nav: "users",
			Error: in.P.Err(err), Data: v})
		return
	}
	wb.showUser(w, r, u.Username, in.P.T("users.added"), nu.Password)
}

type userView struct {
	User        userRow
	Roles       []option
	CanManage   bool
	NewPassword string
}

// userPage shows one account; viewing it is recorded.
func (wb *Web) userPage(w http.ResponseWriter, r *http.Request) {
	if err := wb.record(r, audit.Entry{Action: "user.view", ObjectType: "user", ObjectID: r.PathValue("username"), Outcome: audit.OutcomeOK}); err != nil {
		wb.Error(w, r, err)
		return
	}
	wb.showUser(w, r, r.PathValue("username"), "", "")
}

func (wb *Web) showUser(w http.ResponseWriter, r *http.Request, username, flash, password string) {
	in := httpx.From(r)
	u, err := wb.Accounts.GetUser(r.Context(), *in.Principal, username)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	v := userView{User: wb.userRow(in, u), NewPassword: password, CanManage: in.Principal.Can(auth.PermUsersManage)}
	role := ""
	if len(u.Grants) > 0 {
		role = string(u.Grants[0].Role)
	}
	v.Roles = roleOptions(in, role)
	wb.render(w, r, http.StatusOK, "user", &page{Title: u.DisplayName, Nav: "users", Flash: flash, Data: v})
}

// userAction runs a change on an account and shows the account again.
func (wb *Web) userAction(w http.ResponseWriter, r *http.Request, flashKey string, fn func(p auth.Principal, name string) error) {
	in := httpx.From(r)
	name := r.PathValue("username")
	if err := fn(*in.Principal, name); err != nil {
		wb.Error(w, r, err)
		return
	}
	wb.showUser(w, r, name, in.P.T(flashKey), "")
}

func (wb *Web) disableUser(w http.ResponseWriter, r *http.Request) {
	wb.userAction(w, r, "users.disabled", func(p auth.Principal, n string) error { return wb.Accounts.DisableUser(r.Context(), p, n) })
}

func (wb *Web) enableUser(w http.ResponseWriter, r *http.Request) {
	wb.userAction(w, r, "users.enabled", func(p auth.Principal, n string) error { return wb.Accounts.EnableUser(r.Context(), p, n) })
}

func (wb *Web) setRole(w http.ResponseWriter, r *http.Request) {
	wb.userAction(w, r, "users.role_set", func(p auth.Principal, n string) error {
		return wb.Accounts.SetRole(r.Context(), p, n, auth.Role(r.PostFormValue("role")), r.PostFormValue("unit"))
	})
}

// resetPassword shows the new password once.
func (wb *Web) resetPassword(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	name := r.PathValue("username")
	pw, err := wb.Accounts.ResetPassword(r.Context(), *in.Principal, name)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	wb.showUser(w, r, name, "", pw)
}

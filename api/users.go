package api

import (
	"net/http"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/httpx"
)

type userList struct {
	Users []auth.User `json:"users"`
	Total int         `json:"total"`
}

// listUsers answers GET /api/v1/users?unit=&role=&status=&q=&limit=&offset=
// with the accounts inside the caller's units.
func (a *API) listUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := intParam(r, "limit", 50)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	offset, err := intParam(r, "offset", 0)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	f := auth.UserFilter{Unit: q.Get("unit"), Role: auth.Role(q.Get("role")), Status: auth.Status(q.Get("status")),
		Query: q.Get("q"), Limit: limit, Offset: offset}
	users, total, err := a.Accounts.ListUsers(r.Context(), principal(r), f)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if err := a.recordRead(r, "user.list", "user", r.URL.RawQuery); err != nil {
		a.Error(w, r, err)
		return
	}
	if users == nil {
		users = []auth.User{}
	}
	writeJSON(w, http.StatusOK, userList{Users: users, Total: total})
}

type newUserBody struct {
	Username    string          `json:"username"`
	DisplayName string          `json:"display_name"`
	Password    string          `json:"password"` // optional: generated when empty
	Role        auth.Role       `json:"role"`
	Unit        string          `json:"unit"`
	Lang        borderlink.Lang `json:"lang"`
}

type createdUser struct {
	User     auth.User `json:"user"`
	Password string    `json:"password,omitempty"` // the generated password, shown once
}

// createUser answers POST /api/v1/users.
func (a *API) createUser(w http.ResponseWriter, r *http.Request) {
	var b newUserBody
	if err := httpx.DecodeJSON(r, &b); err != nil {
		a.Error(w, r, err)
		return
	}
	generated := ""
	if b.Password == "" {
		b.Password = auth.GeneratePassword()
		generated = b.Password
	}
	u, err := a.Accounts.CreateUser(r.Context(), principal(r), auth.NewUser{
		Username: b.Username, DisplayName: b.DisplayName, Password: b.Password, Role: b.Role, Unit: b.Unit, Lang: b.Lang})
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, createdUser{User: u, Password: generated})
}

func (a *API) getUser(w http.ResponseWriter, r *http.Request) {
	u, err := a.Accounts.GetUser(r.Context(), principal(r), r.PathValue("username"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if err := a.recordRead(r, "user.view", "user", u.Username); err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

// userAction runs an account change and answers with the account after it.
func (a *API) userAction(w http.ResponseWriter, r *http.Request, fn func(p auth.Principal, username string) error) {
	p, name := principal(r), r.PathValue("username")
	if err := fn(p, name); err != nil {
		a.Error(w, r, err)
		return
	}
	u, err := a.Accounts.GetUser(r.Context(), p, name)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

func (a *API) disableUser(w http.ResponseWriter, r *http.Request) {
	a.userAction(w, r, func(p auth.Principal, name string) error { return a.Accounts.DisableUser(r.Context(), p, name) })
}

func (a *API) enableUser(w http.ResponseWriter, r *http.Request) {
	a.userAction(w, r, func(p auth.Principal, name string) error { return a.Accounts.EnableUser(r.Context(), p, name) })
}

// resetPassword answers with the new password, shown once.
func (a *API) resetPassword(w http.ResponseWriter, r *http.Request) {
	pw, err := a.Accounts.ResetPassword(r.Context(), principal(r), r.PathValue("username"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"password": pw})
}

type roleBody struct {
	Role auth.Role `json:"role"`
	Unit string    `json:"unit"`
}

// setRole answers PUT /api/v1/users/{username}/role: the user's grants
// become this one role over this unit.
func (a *API) setRole(w http.ResponseWriter, r *http.Request) {
	var b roleBody
	if err := httpx.DecodeJSON(r, &b); err != nil {
		a.Error(w, r, err)
		return
	}
	a.userAction(w, r, func(p auth.Principal, name string) error {
		return a.Accounts.SetRole(r.Context(), p, name, b.Role, b.Unit)
	})
}

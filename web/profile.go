package web

import (
	"net/http"
	"strconv"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/httpx"
)

type profileView struct {
	MFAEnabled bool
	Enrolling  bool
}

func (wb *Web) profileView(r *http.Request) (profileView, error) {
	in := httpx.From(r)
	u, err := wb.Accounts.GetUser(r.Context(), *in.Principal, in.Principal.Username)
	if err != nil {
		return profileView{}, err
	}
	v := profileView{MFAEnabled: u.MFA}
	if !u.MFA {
		_, err := wb.Accounts.PendingEnrolment(r.Context(), *in.Principal)
		v.Enrolling = err == nil
	}
	return v, nil
}

func (wb *Web) profilePage(w http.ResponseWriter, r *http.Request) {
	wb.showProfile(w, r, http.StatusOK, "", "")
}

func (wb *Web) showProfile(w http.ResponseWriter, r *http.Request, status int, flash, errMsg string) {
	in := httpx.From(r)
	v, err := wb.profileView(r)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	wb.render(w, r, status, "profile", &page{Title: in.P.T("profile.title"), Nav: "profile", Flash: flash, Error: errMsg, Data: v})
}

func (wb *Web) changePassword(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	err := wb.Accounts.ChangePassword(r.Context(), *in.Principal, r.PostFormValue("old"), r.PostFormValue("new"))
	if err != nil {
		wb.showProfile(w, r, httpx.Status(borderlink.ErrorCode(err)), "", in.P.Err(err))
		return
	}
	wb.showProfile(w, r, http.StatusOK, in.P.T("profile.password_changed"), "")
}

// beginMFA draws a new secret; the page then shows its QR code, served by
// mfaQR from the server side so the secret never appears in a URL.
func (wb *Web) beginMFA(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	if _, err := wb.Accounts.BeginEnrolment(r.Context(), *in.Principal); err != nil {
		wb.Error(w, r, err)
		return
	}
	redirect(w, r, "/profile")
}

func (wb *Web) mfaQR(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	en, err := wb.Accounts.PendingEnrolment(r.Context(), *in.Principal)
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(en.PNG)))
	w.Write(en.PNG)
}

func (wb *Web) confirmMFA(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	if err := wb.Accounts.ConfirmEnrolment(r.Context(), *in.Principal, r.PostFormValue("code")); err != nil {
		wb.showProfile(w, r, httpx.Status(borderlink.ErrorCode(err)), "", in.P.Err(err))
		return
	}
	wb.showProfile(w, r, http.StatusOK, in.P.T("profile.mfa_enabled"), "")
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return def
	}
	return n
}

package web

import (
	"net/http"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/httpx"
)

type loginView struct {
	Next, Username string
}

func (wb *Web) loginPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	if in.Principal != nil {
		redirect(w, r, localPath(r.URL.Query().Get("next")))
		return
	}
	pg := &page{Title: in.P.T("login.title"), Data: loginView{Next: localPath(r.URL.Query().Get("next"))}}
	if r.URL.Query().Get("expired") != "" {
		pg.Error = in.P.T("error.session_expired")
	}
	wb.render(w, r, http.StatusOK, "login", pg)
}

// login checks the password. A user with a second factor gets a session
// that can do nothing but finish signing in on /login/mfa.
func (wb *Web) login(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	username, password := r.PostFormValue("username"), r.PostFormValue("password")
	next := localPath(r.PostFormValue("next"))
	res, err := wb.Accounts.Login(r.Context(), username, password, in.Source)
	if err != nil {
		status := httpx.Status(borderlink.ErrorCode(err))
		if borderlink.IsCode(err, borderlink.EInternal) {
			wb.Log.Error("web: login", "err", err)
		}
		wb.render(w, r, status, "login", &page{Title: in.P.T("login.title"), Error: in.P.Err(err),
			Data: loginView{Next: next, Username: username}})
		return
	}
	wb.setSession(w, res.Token)
	if res.MFARequired {
		redirect(w, r, "/login/mfa")
		return
	}
	redirect(w, r, next)
}

func (wb *Web) mfaPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	if in.Token == "" {
		redirect(w, r, "/login")
		return
	}
	wb.render(w, r, http.StatusOK, "mfa", &page{Title: in.P.T("mfa.title")})
}

func (wb *Web) mfa(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	if in.Token == "" {
		redirect(w, r, "/login")
		return
	}
	if err := wb.Accounts.VerifySecondFactor(r.Context(), in.Token, r.PostFormValue("code"), in.Source); err != nil {
		if borderlink.IsCode(err, borderlink.EUnauthorized) {
			wb.Error(w, r, err)
			return
		}
		wb.render(w, r, httpx.Status(borderlink.ErrorCode(err)), "mfa", &page{Title: in.P.T("mfa.title"), Error: in.P.Err(err)})
		return
	}
	redirect(w, r, "/")
}

func (wb *Web) logout(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	if in.Token != "" {
		if err := wb.Accounts.Logout(r.Context(), in.Token, in.Source); err != nil {
			wb.Log.Warn("web: logout", "err", err)
		}
	}
	wb.clearSession(w)
	redirect(w, r, "/login")
}

// setLang remembers the chosen language: on the account when signed in, and
// in a cookie for the login page.
func (wb *Web) setLang(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	l, ok := borderlink.ParseLang(r.PostFormValue("lang"))
	if !ok {
		wb.Error(w, r, borderlink.Errorf(borderlink.EInvalid, "error.invalid", "unknown language"))
		return
	}
	if in.Principal != nil {
		if err := wb.Accounts.SetLanguage(r.Context(), *in.Principal, l); err != nil {
			wb.Error(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: httpx.LangCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: wb.Secure, SameSite: http.SameSiteLaxMode})
	redirect(w, r, localPath(r.PostFormValue("next")))
}

// setSession stores the session token in an HttpOnly, SameSite=Lax cookie
// (Secure when the node serves HTTPS). The cookie lives for the browser
// session; the server enforces the absolute and idle limits.
func (wb *Web) setSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: token, Path: "/",
		HttpOnly: true, Secure: wb.Secure, SameSite: http.SameSiteLaxMode})
}

func (wb *Web) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: "", Path: "/", MaxAge: -1,
		Expires: time.Unix(0, 0), HttpOnly: true, Secure: wb.Secure, SameSite: http.SameSiteLaxMode})
}
